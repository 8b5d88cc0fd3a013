//! Experiments with the BiLSTM-CRF third pass (`hadath_ner::neural`) on the dev split (not
//! part of the product).
//!
//! `refine DATA_DIR VECTORS_FILE` trains the committed perceptron config on 5 contiguous folds
//! of the ANERcorp training part (+ AQMAR), so every training sentence gets emissions from a
//! perceptron that never saw it (cached in `$REF_CACHE`, default
//! /tmp/hadath-refine-oof.bin), then trains the refiner on them and prints dev F1 after
//! every epoch; dev inputs come from the committed model in `models/ner/`.
//!
//! Environment: `REF_H` (hidden units), `REF_EPOCHS`, `REF_LR`, `REF_DROP_IN`, `REF_DROP_H`,
//! `REF_BATCH`, `REF_SEED`, `REF_AQMAR=w` (also train on AQMAR with out-of-fold emissions at
//! loss weight w).

use hadath_ner::corpus::{map_corpus, read_corpus, CorpusFormat};
use hadath_ner::features::Resources;
use hadath_ner::neural::{
    fit_refiner, repair_bio, sentence_inputs, Example, Refiner, RefinerOptions, WordVectors,
};
use hadath_ner::train::{anercorp_split, fit_two_pass, DocPass, FitOptions};
use hadath_ner::{Sentence, Tagger, LABELS};
use std::io::{Read, Write};
use std::path::Path;

const L: usize = LABELS.len();
type Scored = Vec<(Vec<[f32; L]>, Vec<usize>)>;

fn env<T: std::str::FromStr>(k: &str, d: T) -> T {
    std::env::var(k)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(d)
}

fn tokens(s: &[Sentence]) -> Vec<Vec<&str>> {
    s.iter()
        .map(|s| s.tokens.iter().map(String::as_str).collect())
        .collect()
}

fn score(t: &Tagger, sentences: &[Sentence]) -> Scored {
    t.emissions_sentences(&tokens(sentences))
        .into_iter()
        .map(|em| {
            let labels = t.viterbi(&em);
            (em, labels)
        })
        .collect()
}

fn save(path: &str, scored: &Scored) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for (em, labels) in scored {
        f.write_all(&(em.len() as u32).to_le_bytes()).unwrap();
        for e in em {
            for v in e {
                f.write_all(&v.to_le_bytes()).unwrap();
            }
        }
        for &l in labels {
            f.write_all(&[l as u8]).unwrap();
        }
    }
}

fn load(path: &str) -> Option<Scored> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .read_to_end(&mut bytes)
        .ok()?;
    let mut out = Vec::new();
    let mut at = 0;
    let f = |b: &[u8]| f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
    while at < bytes.len() {
        let n = u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        at += 4;
        let mut em = Vec::with_capacity(n);
        for _ in 0..n {
            let mut e = [0.0f32; L];
            for v in e.iter_mut() {
                *v = f(&bytes[at..at + 4]);
                at += 4;
            }
            em.push(e);
        }
        let labels = bytes[at..at + n].iter().map(|&b| b as usize).collect();
        at += n;
        out.push((em, labels));
    }
    Some(out)
}

fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let data = Path::new(&a[0]);
    let vectors = WordVectors::parse(&std::fs::read(&a[1]).unwrap()).unwrap();
    eprintln!("vectors: {} words", vectors.len());
    let model_dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/ner"));
    let committed = Tagger::load(model_dir).unwrap();
    let (train, dev) = anercorp_split(data, 0.1).unwrap();
    let mut aq_train = read_corpus(&data.join("ner/aqmar/train.txt"), CorpusFormat::Aqmar).unwrap();
    map_corpus(&mut aq_train, CorpusFormat::Aqmar);
    let mut aq_dev = read_corpus(&data.join("ner/aqmar/dev.txt"), CorpusFormat::Aqmar).unwrap();
    map_corpus(&mut aq_dev, CorpusFormat::Aqmar);

    let cache = std::env::var("REF_CACHE").unwrap_or_else(|_| "/tmp/hadath-refine-oof.bin".into());
    let folds = 5;
    let with_aqmar = std::env::var("REF_AQMAR").is_ok();
    let oof: Scored = load(&cache).unwrap_or_else(|| {
        // The committed config (config/ner.toml), trained per fold.
        let mut res = Resources::from_texts(
            &std::fs::read_to_string(model_dir.join("clusters.tsv")).unwrap(),
            &std::fs::read_to_string(model_dir.join("gazetteer.tsv")).unwrap(),
        );
        res.gold_lexicon = Resources::parse_lexicon(
            &std::fs::read_to_string(model_dir.join("wikifane_lexicon.tsv")).unwrap(),
        );
        let opts = FitOptions {
            bits: 20,
            epochs: 12,
            seed: 1,
            threads: 2,
            min_feature_count: 1,
            restarts: 3,
            crf_learning_rate: 0.0,
            other_weight: 0.5,
            scheme: hadath_ner::Scheme::Bio,
        };
        // ANERcorp folds then AQMAR folds: every sentence of both scored out of fold.
        let mut out: Scored = Vec::new();
        for (part, other) in [(&train, &aq_train), (&aq_train, &train)] {
            let n = part.len();
            for k in 0..folds {
                let (lo, hi) = (k * n / folds, (k + 1) * n / folds);
                let t0 = std::time::Instant::now();
                let mut sents: Vec<Sentence> = Vec::new();
                let mut segment: Vec<u32> = Vec::new();
                // ANERcorp first (segment 0, full weight), AQMAR second (segment 1).
                let (aner_part, aq_part): (Vec<Sentence>, Vec<Sentence>) =
                    if std::ptr::eq(part, &train) {
                        (
                            part[..lo].iter().chain(&part[hi..]).cloned().collect(),
                            other.to_vec(),
                        )
                    } else {
                        (
                            other.to_vec(),
                            part[..lo].iter().chain(&part[hi..]).cloned().collect(),
                        )
                    };
                sents.extend(aner_part);
                segment.resize(sents.len(), 0);
                sents.extend(aq_part);
                segment.resize(sents.len(), 1);
                let doc = DocPass {
                    window: 10,
                    folds: 5,
                    segment: &segment,
                };
                let t = fit_two_pass(&sents, res.clone(), opts, doc, &mut |_| {});
                out.extend(score(&t, &part[lo..hi]));
                eprintln!("fold {k}: {:.0}s", t0.elapsed().as_secs_f64());
            }
        }
        save(&cache, &out);
        out
    });
    assert_eq!(oof.len(), train.len() + aq_train.len());
    let dev_scored = score(&committed, &dev);
    let aq_dev_scored = score(&committed, &aq_dev);

    let examples_of = |sents: &[Sentence], scored: &[(Vec<[f32; L]>, Vec<usize>)], w: f32| {
        sents
            .iter()
            .zip(scored)
            .map(|(s, (em, labels))| {
                let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
                let mut gold: Vec<usize> = s
                    .tags
                    .iter()
                    .map(|t| LABELS.iter().position(|l| l == t).unwrap_or(0))
                    .collect();
                repair_bio(&mut gold);
                let mut inputs = sentence_inputs(&toks, em, labels, &vectors);
                if std::env::var("REF_NOPERC").is_ok() {
                    // Vectors alone: how much the LSTM learns without the perceptron.
                    for row in inputs.chunks_mut(hadath_ner::neural::INPUT_DIM) {
                        row[..2 * L].iter_mut().for_each(|v| *v = 0.0);
                    }
                }
                Example {
                    inputs,
                    ids: hadath_ner::neural::sentence_ids(&toks),
                    gold,
                    weight: w,
                }
            })
            .collect::<Vec<_>>()
    };
    let mut examples = examples_of(&train, &oof[..train.len()], 1.0);
    if with_aqmar {
        examples.extend(examples_of(
            &aq_train,
            &oof[train.len()..],
            env("REF_AQMAR", 0.5),
        ));
    }
    let dev_ex = examples_of(&dev, &dev_scored, 1.0);
    let aq_dev_ex = examples_of(&aq_dev, &aq_dev_scored, 1.0);
    let f1_of = |m: Option<&Refiner>, sents: &[Sentence], ex: &[Example], scored: &Scored| {
        let mut s = hadath_ner::Scores::default();
        for ((sent, e), (_, labels)) in sents.iter().zip(ex).zip(scored) {
            let pred = match m {
                Some(m) => m.decode(&e.inputs, &e.ids),
                None => labels.clone(),
            };
            let tags: Vec<&str> = pred.iter().map(|&i| LABELS[i]).collect();
            s.add(&sent.tags, &tags);
        }
        s
    };
    let base = f1_of(None, &dev, &dev_ex, &dev_scored);
    let base_aq = f1_of(None, &aq_dev, &aq_dev_ex, &aq_dev_scored);
    let oof_train = f1_of(
        None,
        &train,
        &examples[..train.len()],
        &oof[..train.len()].to_vec(),
    );
    println!(
        "perceptron: ANER dev {:.2}, AQMAR dev {:.2}; out-of-fold ANER train {:.2}",
        100.0 * base.micro().f1(),
        100.0 * base_aq.micro().f1(),
        100.0 * oof_train.micro().f1()
    );
    let opts = RefinerOptions {
        hidden: env("REF_H", 48),
        epochs: env("REF_EPOCHS", 15),
        batch: env("REF_BATCH", 16),
        learning_rate: env("REF_LR", 0.002),
        input_dropout: env("REF_DROP_IN", 0.2),
        hidden_dropout: env("REF_DROP_H", 0.3),
        seed: env("REF_SEED", 1),
        threads: 2,
        ema: env("REF_EMA", 0.0),
        embedding: env("REF_EMB", 0),
    };
    eprintln!("{opts:?}; {} training sentences", examples.len());
    let t0 = std::time::Instant::now();
    let model = fit_refiner(&examples, opts, &mut |epoch, m, loss| {
        let d = f1_of(Some(m), &dev, &dev_ex, &dev_scored);
        let q = f1_of(Some(m), &aq_dev, &aq_dev_ex, &aq_dev_scored);
        println!(
            "epoch {epoch:>2} loss {loss:>9.1}  ANER dev {:.2}  AQMAR dev {:.2}  ({:.0}s)",
            100.0 * d.micro().f1(),
            100.0 * q.micro().f1(),
            t0.elapsed().as_secs_f64()
        );
    });
    let d = f1_of(Some(&model), &dev, &dev_ex, &dev_scored);
    println!("final ANER dev\n{d}");
    if std::env::var("REF_ENSEMBLE").is_ok() {
        // Diagnostic only (weights chosen on dev would be a leak): how far a mix of this
        // model's and the perceptron's scores could go.
        let all: Vec<f32> = oof[..train.len()]
            .iter()
            .flat_map(|(em, _)| em.iter().flatten().copied())
            .collect();
        let mean = all.iter().sum::<f32>() / all.len() as f32;
        let std = (all.iter().map(|v| (v - mean).powi(2)).sum::<f32>() / all.len() as f32).sqrt();
        for alpha in [0.0f32, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0] {
            let mut s = hadath_ner::Scores::default();
            for ((sent, e), (pem, _)) in dev.iter().zip(&dev_ex).zip(&dev_scored) {
                let mut em = model.emissions(&e.inputs, &e.ids);
                for (a, b) in em.iter_mut().zip(pem) {
                    for l in 0..L {
                        a[l] += alpha * b[l] / std;
                    }
                }
                let tags: Vec<&str> = model.viterbi(&em).iter().map(|&i| LABELS[i]).collect();
                s.add(&sent.tags, &tags);
            }
            println!("mix alpha {alpha}: ANER dev {:.2}", 100.0 * s.micro().f1());
        }
    }
    if let Ok(out) = std::env::var("REF_OUT") {
        std::fs::write(out, model.write()).unwrap();
    }
}
