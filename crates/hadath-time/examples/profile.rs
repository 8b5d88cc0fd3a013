//! Times each recognition rule over a folded sample of SaudiNewsNet (first zip), to find slow rules.
//!
//! `cargo run --release -p hadath-time --example profile [-- ZIP]`; for the per-article timing
//! of the whole of `find_dates` see the `bench` example.

use std::io::Read;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or("../shared/data/saudinewsnet/2015-07-21.zip".into());
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut json = String::new();
    archive
        .by_index(0)
        .unwrap()
        .read_to_string(&mut json)
        .unwrap();
    let articles: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let text: String = articles
        .iter()
        .take(500)
        .map(|a| a["content"].as_str().unwrap_or("").to_string() + "\n")
        .collect();
    let folded = hadath_time::fold_for_profile(&text);
    println!("{} bytes", folded.len());
    let plans = hadath_time::rules::plans();
    let mut total = 0.0;
    for (i, secs) in hadath_time::rules::profile(&folded) {
        total += secs;
        let how = if plans[i] { "probed" } else { "whole text" };
        println!("rule {i:2}: {secs:.3}s  ({how})");
    }
    println!("all rules: {total:.3}s");
}
