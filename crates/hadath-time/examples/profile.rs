//! Times each recognition rule over a folded sample of SaudiNewsNet (first zip), to find slow rules.

use std::io::Read;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or("/work/shared/data/saudinewsnet/2015-07-21.zip".into());
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
    for (i, secs) in hadath_time::rules::profile(&folded) {
        println!("rule {i:2}: {secs:.3}s");
    }
}
