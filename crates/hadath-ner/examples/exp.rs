//! Quick training experiments on the dev split (not part of the product): which corpora and
//! feature templates help. Reuses the cluster table and gazetteer in `models/ner/`.
//!
//! `exp DATA_DIR SOURCES EPOCHS [DISABLED_TEMPLATES]`, e.g. `exp ../shared/data aner,aqmar 12 3,14`
//!
//! Environment: `EXP_SEED`, `EXP_RESTARTS`, `EXP_DOC=window` (two passes), `EXP_W` (update size
//! of non-ANERcorp sentences), `EXP_GOLDLEX=N` (WikiFANE lexicon, min count N), `EXP_FINELEX=N`
//! (FANE fine-type lexicon), `EXP_AUX=wikifane,aqmar` (stacked taggers), `EXP_LEXICON=N`
//! (self-lexicon), `EXP_DOMAINS`, `EXP_BITS`, `EXP_MIN`, `EXP_CRF`, `EXP_TUNE`, `EXP_DUMP=file`
//! (dev tokens with gold and predicted tags), `EXP_ERRORS`. The committed config is
//! `EXP_DOC=10 EXP_RESTARTS=3 EXP_W=0.5 EXP_GOLDLEX=3 … aner,aqmar 12`.

use hadath_ner::corpus::{map_corpus, read_corpus, CorpusFormat};
use hadath_ner::features::Resources;
use hadath_ner::train::{anercorp_split, fit_domains, FitOptions};
use std::path::Path;

fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let data = Path::new(&a[0]);
    let epochs: usize = a[2].parse().unwrap();
    let model = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/ner"));
    let mut res = Resources::from_texts(
        &std::fs::read_to_string(model.join("clusters.tsv")).unwrap_or_default(),
        &std::fs::read_to_string(model.join("gazetteer.tsv")).unwrap_or_default(),
    );
    if let Some(d) = a.get(3) {
        for t in d.split(',').filter(|t| !t.is_empty()) {
            res.disabled |= 1 << t.parse::<u32>().unwrap();
        }
    }
    let (train, dev) = anercorp_split(data, 0.1).unwrap();
    // EXP_GOLDLEX=N: lexicon from WikiFANE gold annotation (words seen >= N times).
    if let Ok(n) = std::env::var("EXP_GOLDLEX") {
        let f = CorpusFormat::Fane;
        let mut x = read_corpus(&data.join("ner/wikifane/WikiFANE_Gold_2014_500K.txt"), f).unwrap();
        map_corpus(&mut x, f);
        let text = hadath_ner::train::gold_lexicon(&x, n.parse().unwrap());
        eprintln!("gold lexicon: {} words", text.lines().count());
        res.gold_lexicon = hadath_ner::features::Resources::parse_lexicon(&text);
    }
    // EXP_FINELEX=N: fine-type lexicon from WikiFANE (words seen >= N times).
    if let Ok(n) = std::env::var("EXP_FINELEX") {
        let f = CorpusFormat::Fane;
        let x = read_corpus(&data.join("ner/wikifane/WikiFANE_Gold_2014_500K.txt"), f).unwrap();
        let text = hadath_ner::train::fine_lexicon(&x, n.parse().unwrap());
        eprintln!("fine lexicon: {} words", text.lines().count());
        res.fine_lexicon = hadath_ner::features::Resources::parse_fine_lexicon(&text);
    }
    // EXP_AUX=wikifane,aqmar: stacked auxiliary taggers trained on those corpora.
    if let Ok(aux) = std::env::var("EXP_AUX") {
        for s in aux.split(',').filter(|s| !s.is_empty()) {
            let (path, f) = match s {
                "aqmar" => ("ner/aqmar/train.txt", CorpusFormat::Aqmar),
                "wikifane" => (
                    "ner/wikifane/WikiFANE_Gold_2014_500K.txt",
                    CorpusFormat::Fane,
                ),
                _ => panic!("{s}"),
            };
            let mut x = read_corpus(&data.join(path), f).unwrap();
            map_corpus(&mut x, f);
            let base = res.clone();
            let o = FitOptions {
                bits: 20,
                epochs: 12,
                seed: 1,
                threads: 2,
                min_feature_count: 1,
                restarts: 1,
                crf_learning_rate: 0.0,
                other_weight: 1.0,
            };
            let t = fit_domains(&x, None, base, o, None, &mut |_| {});
            let d = hadath_ner::evaluate_sentences(&t, &dev);
            eprintln!("aux {s}: ANER dev F1 {:.2}", 100.0 * d.micro().f1());
            res.aux.push(std::sync::Arc::new(t));
        }
    }
    let mut aq_dev = read_corpus(&data.join("ner/aqmar/dev.txt"), CorpusFormat::Aqmar).unwrap();
    map_corpus(&mut aq_dev, CorpusFormat::Aqmar);
    let mut sents = Vec::new();
    let mut domains: Vec<u8> = Vec::new();
    for s in a[1].split(',') {
        let (path, f) = match s {
            "aner" => {
                sents.extend(train.iter().cloned());
                domains.resize(sents.len(), 0);
                continue;
            }
            "aqmar" => ("ner/aqmar/train.txt", CorpusFormat::Aqmar),
            "wikifane" => (
                "ner/wikifane/WikiFANE_Gold_2014_500K.txt",
                CorpusFormat::Fane,
            ),
            "wojood" => ("ner/wojood-sample/train.txt", CorpusFormat::Wojood),
            _ => panic!("{s}"),
        };
        let mut x = read_corpus(&data.join(path), f).unwrap();
        map_corpus(&mut x, f);
        sents.extend(x);
        domains.resize(sents.len(), 1);
    }
    let use_domains = std::env::var("EXP_DOMAINS").is_ok();
    let mut log = |s: &str| eprintln!("{s}");
    let env = |k: &str, d: u64| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let opts = FitOptions {
        bits: env("EXP_BITS", 20) as u32,
        epochs,
        seed: env("EXP_SEED", 1),
        threads: 2,
        min_feature_count: env("EXP_MIN", 1) as u32,
        restarts: env("EXP_RESTARTS", 1) as usize,
        crf_learning_rate: std::env::var("EXP_CRF")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0),
        other_weight: std::env::var("EXP_W")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1.0),
    };
    let bias = if env("EXP_TUNE", 0) == 1 {
        hadath_ner::train::choose_o_bias(&sents, &res, opts, &mut log)
    } else {
        0.0
    };
    // EXP_DOC=window: document-context second pass (EXP_FOLDS folds, default 5).
    let segment: Vec<u32> = domains.iter().map(|&d| d as u32).collect();
    let doc = std::env::var("EXP_DOC")
        .ok()
        .map(|w| hadath_ner::train::DocPass {
            window: w.parse().unwrap(),
            folds: env("EXP_FOLDS", 5) as usize,
            segment: &segment,
        });
    let mut t = if let Ok(n) = std::env::var("EXP_LEXICON") {
        let un = hadath_ner::train::unlabelled_sentences(data, n.parse().unwrap()).unwrap();
        hadath_ner::train::fit_with_self_lexicon(&sents, &un, res, opts, Some(&dev), doc, &mut log)
            .0
    } else if let Some(doc) = doc {
        hadath_ner::train::fit_two_pass(&sents, res, opts, doc, &mut log)
    } else {
        fit_domains(
            &sents,
            use_domains.then_some(&domains[..]),
            res,
            opts,
            Some(&dev),
            &mut log,
        )
    };
    t.set_o_bias(bias);
    let d = hadath_ner::evaluate_sentences(&t, &dev);
    let q = hadath_ner::evaluate_sentences(&t, &aq_dev);
    println!("ANER dev\n{d}AQMAR dev\n{q}");
    if let Ok(path) = std::env::var("EXP_DUMP") {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
        let toks: Vec<Vec<&str>> = dev
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        for (s, p) in dev.iter().zip(t.tag_sentences(&toks)) {
            for ((w, g), p) in s.tokens.iter().zip(&s.tags).zip(&p) {
                writeln!(f, "{w}\t{g}\t{p}").unwrap();
            }
            writeln!(f).unwrap();
        }
    }
    if std::env::var("EXP_ERRORS").is_ok() {
        errors(&t, &dev);
    }
}

/// Prints the dev errors of a tagger (used with `EXP_ERRORS=1`).
#[allow(dead_code)]
pub fn errors(t: &hadath_ner::Tagger, dev: &[hadath_ner::Sentence]) {
    use hadath_ner::scores::chunks;
    for s in dev {
        let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
        let p = t.tag(&toks);
        let g = chunks(&s.tags);
        let pc = chunks(&p);
        for c in &g {
            if !pc.contains(c) {
                println!("MISS {} {}", c.kind, toks[c.start..c.end].join(" "));
            }
        }
        for c in &pc {
            if !g.contains(c) {
                println!("SPUR {} {}", c.kind, toks[c.start..c.end].join(" "));
            }
        }
    }
}
