//! Scores the place resolver on the hand-checked gold set and times resolution.
//!
//! `cargo run --release -p hadath-resolve --example eval_places -- [GOLD_TSV] [--errors]`

use hadath_resolve::places::{evaluate_places, Gazetteer};
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let gold = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../data/gold/places.saudinewsnet.tsv")
        });
    let started = std::time::Instant::now();
    let g = Gazetteer::embedded();
    println!(
        "gazetteer: {} records, {} keys, {} bytes, loaded in {:.2} ms",
        g.len(),
        g.key_count(),
        g.size_bytes(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    let report = evaluate_places(&gold, g).unwrap_or_else(|e| {
        eprintln!("{}: {e}", gold.display());
        std::process::exit(1)
    });
    if args.iter().any(|a| a == "--errors") {
        for o in report
            .outcomes
            .iter()
            .filter(|o| o.predicted != Some(o.gold))
        {
            println!(
                "row {}\t{}\tgold {}\tgot {:?}\t{:?}\t{:?} km",
                o.row + 1,
                o.mention,
                o.gold,
                o.predicted,
                o.precision,
                o.distance_km.map(|d| d.round())
            );
        }
    }
    println!(
        "rows {}  found {}  accuracy {:.3} ({}/{})  acc@161km {:.3} ({}/{})",
        report.rows,
        report.found,
        report.accuracy,
        report.correct,
        report.rows,
        report.acc_at_161km,
        report.within_161km,
        report.rows
    );
    println!(
        "resolve_places: {} place mentions in {:.1} ms = {:.0} mentions/s",
        report.mentions_resolved,
        report.resolve_time.as_secs_f64() * 1000.0,
        report.mentions_per_second()
    );
}
