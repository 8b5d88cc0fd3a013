//! Times `find_dates` on SaudiNewsNet, one thread, and can dump every mention for diffing.
//!
//! `cargo run --release -p hadath-time --example bench_dates -- [DIR] [--limit N] [--dump FILE] [--breakdown]`
//!
//! DIR defaults to `../shared/data/saudinewsnet` (read with hadath-sources; empty records skipped). The timing
//! covers `find_dates` only (normalising, matching, resolving, merging), after one warm-up call
//! that builds the rules; it prints ms per article and MB/s over the original UTF-8 bytes, by
//! wall clock and by on-CPU time (steadier when other jobs share the cores).
//! `--dump FILE` writes one line per mention (`article<TAB>start<TAB>end<TAB>span<TAB>value`)
//! so two builds can be compared with `cmp`/`diff`; `--breakdown` also times folding and each
//! rule's matching on its own.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;

/// This thread's on-CPU time (Linux `/proc/thread-self/schedstat`), if available.
fn thread_cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut dir = PathBuf::from("../shared/data/saudinewsnet");
    let mut limit = usize::MAX;
    let mut dump: Option<PathBuf> = None;
    let mut breakdown = false;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--limit" => {
                limit = args[i + 1].parse().expect("--limit N");
                i += 1;
            }
            "--dump" => {
                dump = Some(PathBuf::from(&args[i + 1]));
                i += 1;
            }
            "--breakdown" => breakdown = true,
            other => dir = PathBuf::from(other),
        }
        i += 1;
    }

    // The readers hadath itself uses (empty records are skipped, as in the pipeline).
    let (files, _) = hadath_sources::expand_paths([&dir]);
    let options = hadath_sources::ReadOptions::default();
    let docs: Vec<(String, Option<NaiveDate>)> = files
        .iter()
        .flat_map(|path| hadath_sources::read_input(&path.to_string_lossy(), &options))
        .filter_map(Result::ok)
        .map(|d| (d.text, d.published))
        .collect();
    let mut docs = docs;
    docs.truncate(limit);
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();

    // Warm-up: builds the rules (regex compilation is a one-off cost, not per article).
    std::hint::black_box(hadath_time::find_dates("أمس (الثلاثاء) yesterday", None));

    let started = std::time::Instant::now();
    let cpu_started = thread_cpu_secs();
    let mut results = Vec::with_capacity(docs.len());
    for (text, published) in &docs {
        results.push(hadath_time::find_dates(text, *published));
    }
    let secs = started.elapsed().as_secs_f64();
    let cpu = thread_cpu_secs().zip(cpu_started).map(|(b, a)| b - a);
    let mentions: usize = results.iter().map(Vec::len).sum();
    let n = docs.len().max(1) as f64;
    println!(
        "{} articles, {:.1} MB, {} mentions (one thread)",
        docs.len(),
        bytes as f64 / 1e6,
        mentions
    );
    println!(
        "  wall: {:.3} s, {:.4} ms/article, {:.2} MB/s",
        secs,
        1e3 * secs / n,
        bytes as f64 / 1e6 / secs
    );
    // On a shared machine wall time includes waiting for a core; on-CPU time does not.
    if let Some(cpu) = cpu {
        println!(
            "  cpu:  {:.3} s, {:.4} ms/article, {:.2} MB/s",
            cpu,
            1e3 * cpu / n,
            bytes as f64 / 1e6 / cpu
        );
    }

    if breakdown {
        // Where the time goes: folding, then each rule's matching alone (all rules, whatever
        // the script), per article; the rest of find_dates is resolving, sorting and merging.
        let started = std::time::Instant::now();
        let folded: Vec<String> = docs
            .iter()
            .map(|d| hadath_time::fold_for_profile(&d.0))
            .collect();
        let fold = started.elapsed().as_secs_f64();
        let mut per_rule: Vec<f64> = Vec::new();
        for text in &folded {
            for (i, secs) in hadath_time::rules::profile(text) {
                if per_rule.len() <= i {
                    per_rule.resize(i + 1, 0.0);
                }
                per_rule[i] += secs;
            }
        }
        let ms = |s: f64| 1e3 * s / docs.len().max(1) as f64;
        println!("fold: {:.4} ms/article", ms(fold));
        println!(
            "all rules, matching only: {:.4} ms/article",
            ms(per_rule.iter().sum())
        );
        for (i, secs) in per_rule.iter().enumerate() {
            println!("  rule {i:2}: {:.4} ms/article", ms(*secs));
        }
    }

    if let Some(path) = dump {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("dump file"));
        for (n, ((text, _), found)) in docs.iter().zip(&results).enumerate() {
            for m in found {
                let v = m.value.as_ref().map(|v| {
                    format!(
                        "{} {:?} {} {} {:?}",
                        v.value,
                        v.precision,
                        v.end.clone().unwrap_or_default(),
                        v.relative,
                        v.check
                    )
                });
                writeln!(
                    out,
                    "{n}\t{}\t{}\t{}\t{}",
                    m.span.start,
                    m.span.end,
                    m.span.slice(text).replace(['\n', '\t'], " "),
                    v.unwrap_or_default()
                )
                .expect("write dump");
            }
        }
        println!("dump written to {}", path.display());
    }
}
