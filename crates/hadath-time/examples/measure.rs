//! Measures hadath-time on the shared data: Wojood DATE recall and SaudiNewsNet relative dates.
//!
//! `cargo run --release -p hadath-time --example measure -- ../shared/data [--show N]`
//!
//! SaudiNewsNet's `date_extracted` is the crawl time; for articles after 1 August 2015 it is most
//! probably the publication date, earlier ones may be a day or more late (the corpus README says
//! so), which shows up as bracketed-weekday conflicts.

use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = Path::new(args.get(1).map(String::as_str).unwrap_or("../shared/data"));
    let show: usize = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(0);

    let wojood = root.join("ner/wojood-sample/val.txt");
    match hadath_time::evaluate_wojood(&wojood) {
        Ok(r) => {
            println!(
                "Wojood val ({}): {} sentences, {} gold DATE spans, {} predicted",
                wojood.display(),
                r.sentences,
                r.gold,
                r.predicted
            );
            println!(
                "  recall exact {}/{} = {:.3}; recall overlap {}/{} = {:.3}",
                r.exact,
                r.gold,
                r.recall_exact(),
                r.overlap,
                r.gold,
                r.recall_overlap()
            );
            println!(
                "  precision (ours overlapping gold DATE) {}/{} = {:.3}; overlapping DATE or TIME {}/{}",
                r.predicted_on_date, r.predicted, r.precision_overlap(), r.predicted_on_date_or_time, r.predicted
            );
            if show > 0 {
                println!(
                    "  missed: {:?}",
                    r.missed.iter().take(show).collect::<Vec<_>>()
                );
                println!(
                    "  spurious: {:?}",
                    r.spurious.iter().take(show).collect::<Vec<_>>()
                );
            }
        }
        Err(e) => eprintln!("{}: {e}", wojood.display()),
    }

    let dir = root.join("saudinewsnet");
    let mut docs: Vec<(String, Option<NaiveDate>)> = Vec::new();
    let mut zips: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    zips.sort();
    for path in zips
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "zip"))
    {
        let file = std::fs::File::open(path).expect("open zip");
        let mut archive = zip::ZipArchive::new(file).expect("read zip");
        for i in 0..archive.len() {
            let mut member = archive.by_index(i).expect("zip member");
            let mut json = String::new();
            member.read_to_string(&mut json).expect("utf-8 json");
            let articles: Vec<serde_json::Value> = serde_json::from_str(&json).expect("json array");
            for a in articles {
                let text = a["content"].as_str().unwrap_or_default().to_string();
                let published = a["date_extracted"]
                    .as_str()
                    .and_then(|s| NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok());
                docs.push((text, published));
            }
        }
    }
    let datelines = docs
        .iter()
        .filter(|(t, _)| hadath_time::dateline_date(t).is_some())
        .count();
    let started = std::time::Instant::now();
    let r = hadath_time::count_relative(docs.iter().map(|(t, p)| (t.as_str(), *p)));
    println!(
        "SaudiNewsNet ({}): {} articles, {} with a publication date (date_extracted)",
        dir.display(),
        r.documents,
        r.with_published
    );
    println!(
        "  with >=1 resolved relative date: {} ({:.1}%); with any resolved date: {}",
        r.with_relative,
        100.0 * r.with_relative as f64 / r.documents.max(1) as f64,
        r.with_resolved
    );
    println!(
        "  mentions {}, resolved {}, relative {}, check conflicts {}; datelines with a date: {}; {:.1}s",
        r.mentions, r.resolved, r.relative, r.conflicts, datelines, started.elapsed().as_secs_f64()
    );
    if show > 0 {
        // A sample of mentions for eyeballing.
        for (text, published) in docs.iter().step_by(docs.len() / show.max(1)).take(show) {
            for m in hadath_time::find_dates(text, *published) {
                let v = m.value.map(|v| {
                    format!(
                        "{} {:?} {} {:?} {:?}",
                        v.value,
                        v.precision,
                        v.end.unwrap_or_default(),
                        v.relative,
                        v.check
                    )
                });
                println!(
                    "  [{}] {} => {}",
                    published.map(|p| p.to_string()).unwrap_or_default(),
                    m.span.slice(text),
                    v.unwrap_or_default()
                );
            }
        }
    }
}
