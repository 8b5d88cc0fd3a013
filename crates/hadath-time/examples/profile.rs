//! Times each recognition rule over a folded sample of SaudiNewsNet (first zip), to find slow rules.
//!
//! `cargo run --release -p hadath-time --example profile [-- ZIP]`; for the per-article timing
//! of the whole of `find_dates` see the `bench_dates` example.

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or("../shared/data/saudinewsnet/2015-07-21.zip".into());
    let options = hadath_sources::ReadOptions::default();
    let text: String = hadath_sources::read_input(&path, &options)
        .filter_map(Result::ok)
        .take(500)
        .map(|d| d.text + "\n")
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
