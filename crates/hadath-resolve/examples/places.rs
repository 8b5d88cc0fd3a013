//! Prints the places hadath finds in a text file: `cargo run -p hadath-resolve --example places -- FILE`.

use hadath_core::{Analysis, Document};
use hadath_resolve::places::{resolve_places, Gazetteer};

fn main() {
    let path = std::env::args().nth(1).expect("usage: places FILE");
    let text = std::fs::read_to_string(&path).expect("readable file");
    let mut analysis = Analysis::new(Document {
        id: path.clone(),
        text,
        ..Default::default()
    });
    hadath_language::annotate(&mut analysis);
    resolve_places(&mut analysis, Gazetteer::embedded());
    for e in &analysis.entities {
        let p = e.place.as_ref();
        println!(
            "{}\t{:?}\t{}\t{:?}\t{:?}\t{:?}\t{:?}\t{:?}\t{:?}\tcands={}",
            e.span.slice(analysis.text()),
            e.kind,
            e.source,
            p.and_then(|p| p.geonameid),
            p.and_then(|p| p.name.clone()),
            p.and_then(|p| p.country.clone()),
            p.and_then(|p| p.admin1.clone()),
            p.and_then(|p| p.feature.clone()),
            p.map(|p| p.precision),
            p.map_or(0, |p| p.candidates)
        );
    }
}
