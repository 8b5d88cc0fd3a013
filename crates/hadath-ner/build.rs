//! Points `include_bytes!` at the committed model in `models/ner/`, or at empty stand-ins.
//!
//! The model is produced by this very crate (`train`), so the crate must build before a model
//! exists; with empty stand-ins the embedded tagger simply tags everything `O`.

use std::path::PathBuf;

const FILES: &[(&str, &str)] = &[
    ("HADATH_NER_WEIGHTS", "weights.bin"),
    ("HADATH_NER_CLUSTERS", "clusters.tsv"),
    ("HADATH_NER_GAZETTEER", "gazetteer.tsv"),
    ("HADATH_NER_GEOKINDS", "geo_kinds.tsv"),
    ("HADATH_NER_LEXICON", "lexicon.tsv"),
    ("HADATH_NER_WIKIFANE_LEXICON", "wikifane_lexicon.tsv"),
    ("HADATH_NER_FIRST_PASS", "weights_first.bin"),
    ("HADATH_NER_DOC_WINDOW", "doc_window.txt"),
];

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let model_dir = manifest.join("../../models/ner");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    println!("cargo:rerun-if-changed={}", model_dir.display());
    for (var, name) in FILES {
        let path = model_dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let chosen = if path.is_file() {
            path
        } else {
            let stand_in = out.join(name);
            std::fs::write(&stand_in, b"").unwrap();
            stand_in
        };
        println!("cargo:rustc-env={var}={}", chosen.display());
    }
}
