//! Relearns the skip-gram word vectors behind `clusters.tsv` (same objective, corpus and
//! `[clusters]` defaults) and writes them quantised for `hadath_ner::neural::WordVectors`:
//! `vectors DATA_DIR OUT_FILE` (reads DATA_DIR/saudinewsnet; ~5 minutes on 2 cores). Used by
//! the `refine` experiment; no committed artifact needs it.

use hadath_ner::embed::{encode, read_saudinewsnet, skipgram, ClusterConfig};
use hadath_ner::neural::WordVectors;
use std::path::Path;

fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let cfg = ClusterConfig::default();
    let t = std::time::Instant::now();
    let articles = read_saudinewsnet(&Path::new(&a[0]).join("saudinewsnet")).unwrap();
    let enc = encode(&articles, cfg.min_count);
    drop(articles);
    eprintln!(
        "vocabulary {} ({:.0}s)",
        enc.vocab.len(),
        t.elapsed().as_secs_f64()
    );
    let mut vecs = skipgram(&enc, &cfg);
    eprintln!("skip-gram done ({:.0}s)", t.elapsed().as_secs_f64());
    let bytes = WordVectors::encode(&enc.vocab, &mut vecs, cfg.dim);
    std::fs::write(&a[1], &bytes).unwrap();
    eprintln!("wrote {} bytes", bytes.len());
}
