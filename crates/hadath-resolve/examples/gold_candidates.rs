//! Proposes place mentions for hand-checking into a gold set: reads JSON Lines documents
//! (`{"id","url","text"}`), resolves them, and prints one TSV row per spotted place with every
//! gazetteer candidate of its name, so the annotator sees the alternatives, not just the pick.
//!
//! `cargo run --release -p hadath-resolve --example gold_candidates -- docs.jsonl > proposals.tsv`

use hadath_core::{Analysis, Document};
use hadath_resolve::places::{place_key, resolve_places, Gazetteer};
use std::io::BufRead;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: gold_candidates DOCS.jsonl");
    let g = Gazetteer::embedded();
    let file = std::io::BufReader::new(std::fs::File::open(&path).expect("readable file"));
    for line in file.lines() {
        let line = line.expect("utf-8 line");
        let v: serde_json::Value = serde_json::from_str(&line).expect("JSON line");
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        let mut analysis = Analysis::new(Document {
            id: s("id"),
            text: s("text"),
            url: Some(s("url")),
            ..Default::default()
        });
        hadath_language::annotate(&mut analysis);
        resolve_places(&mut analysis, g);
        for e in &analysis.entities {
            let Some(p) = &e.place else { continue };
            let sentence = analysis
                .sentences
                .iter()
                .find(|s| s.span.contains(e.span))
                .map(|s| s.span.slice(analysis.text()))
                .unwrap_or("")
                .replace(['\t', '\n'], " ");
            let mention = e.span.slice(analysis.text());
            let alternatives: Vec<String> = hadath_language::clitics::lookup_forms(mention)
                .into_iter()
                .map(|f| f.key)
                .chain(std::iter::once(place_key(mention)))
                .flat_map(|k| g.lookup_key(&k))
                .map(|i| {
                    let r = g.record(i);
                    format!(
                        "{}:{}:{}:{}:{}:{:.3},{:.3}",
                        r.geonameid,
                        r.name,
                        r.country,
                        r.feature,
                        r.population,
                        r.lat.unwrap_or(0.0),
                        r.lon.unwrap_or(0.0)
                    )
                })
                .collect();
            println!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:?}\t{}",
                analysis.document.id,
                s("url"),
                sentence,
                mention,
                p.geonameid.map_or(String::new(), |x| x.to_string()),
                p.lat.map_or(String::new(), |x| format!("{x:.4}")),
                p.lon.map_or(String::new(), |x| format!("{x:.4}")),
                e.source,
                p.name.clone().unwrap_or_default(),
                p.feature.clone().unwrap_or_default(),
                p.precision,
                alternatives.join(" | ")
            );
        }
    }
}
