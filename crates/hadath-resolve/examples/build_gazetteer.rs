//! Builds `data/gazetteer/gazetteer.bin` from GeoNames files: the committed build command.
//!
//! `cargo run --release -p hadath-resolve --example build_gazetteer -- [GEO_DIR] [OUT_DIR]`
//! (defaults: `../shared/data/geo` relative to the workspace, and `data/gazetteer`).

use std::path::PathBuf;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut args = std::env::args().skip(1);
    let geo = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/data/geo"));
    let out = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("data/gazetteer"));
    let started = std::time::Instant::now();
    match hadath_resolve::places::build_gazetteer(&geo, &out) {
        Ok(r) => println!(
            "{} records ({} countries, {} admin1, {} places, {} with Arabic names), {} keys, \
             {} non-Arabic Arabic-script names dropped, {} bytes, {:.1}s",
            r.records,
            r.countries,
            r.admin1,
            r.places,
            r.places_with_arabic,
            r.keys,
            r.non_arabic_names_dropped,
            r.bytes,
            started.elapsed().as_secs_f64()
        ),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
