//! Learns exchange (Brown-style) word classes from SaudiNewsNet for the NER experiments:
//! `brown DATA_DIR OUT_FILE [CLASSES=64,256,1024] [ITERATIONS=15] [MIN_COUNT=5]` writes
//! `word<TAB>class…` lines, one class per granularity (coarse to fine).

use hadath_ner::embed::{encode, read_saudinewsnet};
use hadath_ner::exchange::{bigrams, exchange, ExchangeConfig};
use std::path::Path;

fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let classes: Vec<usize> = a
        .get(2)
        .map_or("64,256,1024", |s| s.as_str())
        .split(',')
        .map(|x| x.parse().unwrap())
        .collect();
    let iterations = a.get(3).map_or(15, |s| s.parse().unwrap());
    let min_count: u64 = a.get(4).map_or(5, |s| s.parse().unwrap());
    let t = std::time::Instant::now();
    let articles = read_saudinewsnet(&Path::new(&a[0]).join("saudinewsnet")).unwrap();
    let enc = encode(&articles, 1);
    drop(articles);
    let vocab = enc.counts.iter().take_while(|&&c| c >= min_count).count();
    let bg = bigrams(&enc.ids, vocab);
    let pairs: usize = bg.succ.iter().map(|l| l.len()).sum();
    eprintln!(
        "{} words, {vocab} with count >= {min_count}, {pairs} distinct bigrams ({:.0}s)",
        enc.vocab.len(),
        t.elapsed().as_secs_f64()
    );
    let mut levels = Vec::new();
    for &c in &classes {
        let cfg = ExchangeConfig {
            classes: c,
            iterations,
            threads: std::env::var("THREADS").map_or(1, |b| b.parse().unwrap()),
            batch: std::env::var("BATCH").map_or(1, |b| b.parse().unwrap()),
        };
        levels.push(exchange(&bg, &cfg, &mut |l| eprintln!("{l}")));
    }
    let mut out = String::new();
    for (i, w) in enc.vocab.iter().take(vocab).enumerate() {
        out.push_str(w);
        for l in &levels {
            out.push_str(&format!("\t{}", l[i]));
        }
        out.push('\n');
    }
    std::fs::write(&a[1], out).unwrap();
    eprintln!("done in {:.0}s", t.elapsed().as_secs_f64());
}
