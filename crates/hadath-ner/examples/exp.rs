//! Quick training experiments on the dev split (not part of the product): which corpora and
//! feature templates help. Reuses the cluster table and gazetteer in `models/ner/`.
//!
//! `exp DATA_DIR SOURCES EPOCHS [DISABLED_TEMPLATES]`, e.g. `exp ../shared/data aner,aqmar 12 3,14`
//!
//! Environment: `EXP_SEED`, `EXP_RESTARTS`, `EXP_DOC=window` (two passes), `EXP_W` (update size
//! of non-ANERcorp sentences), `EXP_GOLDLEX=N` (WikiFANE lexicon, min count N), `EXP_FINELEX=N`
//! (FANE fine-type lexicon), `EXP_AUX=wikifane,aqmar` (stacked taggers), `EXP_LEXICON=N`
//! (self-lexicon), `EXP_DOMAINS`, `EXP_BITS`, `EXP_MIN`, `EXP_CRF`, `EXP_TUNE`, `EXP_DUMP=file`
//! (dev tokens with gold and predicted tags), `EXP_ERRORS`, `EXP_FOLD=k` (the k-th tenth of the
//! ANERcorp head as dev instead of the last), `EXP_BIASES=0,-3,…` (dev scored at each O bias), `EXP_BILOU=1` (train and decode
//! with BILOU labels, output converted to BIO), `EXP_BROWN=file` (exchange word classes from `examples/brown.rs`), `EXP_ACTORS=1` (the names of `data/actors` in the
//! gazetteer: people per, organisations org), `EXP_WEIGHTS=dir` (writes the weights files of
//! both passes there, e.g. to measure their size). The committed config is
//! `EXP_DOC=10 EXP_RESTARTS=3 EXP_W=0.5 EXP_GOLDLEX=3 … aner,aqmar 12`.
//!
//! Self-training (needs `EXP_DOC`; see `hadath_ner::selftrain`): `EXP_SELFTRAIN=N` tags the
//! first N SaudiNewsNet sentences with `EXP_SELFTRAIN_MODELS` (default 2) two-pass taggers
//! trained as above with seeds seed, seed+1000, …, keeps the 5–60-token sentences with a name
//! that all of them tag identically, and retrains on the training data plus those at update
//! weight `EXP_SELFTRAIN_W` (default 0.5). `EXP_SELFTRAIN_CACHE=file` writes the kept
//! sentences there, or reads them if the file exists (same seed, N and features only).

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
    // EXP_ACTORS=1: the names of hadath's actor dictionary (`data/actors`: people → per,
    // organisations → org) added to the gazetteer.
    if std::env::var("EXP_ACTORS").is_ok() {
        use hadath_ner::features::gaz;
        use hadath_resolve::actors::{ActorDictionary, EntryKind};
        let actors = ActorDictionary::embedded();
        let (mut per, mut org) = (0, 0);
        for entry in (0..actors.len()).map(|i| actors.entry(i)) {
            let bits = match entry.kind {
                EntryKind::Person => gaz::PER,
                EntryKind::Org => gaz::ORG,
                _ => continue,
            };
            for name in &entry.names_ar {
                let key = hadath_ner::gazetteer::phrase_key(name);
                if key.chars().count() < 3 {
                    continue;
                }
                res.gaz_max_words = res.gaz_max_words.max(key.split(' ').count());
                *res.gazetteer.entry(key).or_default() |= bits;
                if bits == gaz::PER {
                    per += 1
                } else {
                    org += 1
                }
            }
        }
        res.gaz_first_words = hadath_ner::features::first_words(&res.gazetteer);
        eprintln!("actor names: {per} person, {org} organisation");
    }
    // EXP_BROWN=file: exchange word classes (examples/brown.rs) as features.
    if let Ok(path) = std::env::var("EXP_BROWN") {
        res.brown = Resources::parse_brown(&std::fs::read_to_string(path).unwrap());
        eprintln!("exchange classes: {} words", res.brown.len());
    }
    let (train, dev) = match std::env::var("EXP_FOLD") {
        // EXP_FOLD=k (0-9): the k-th tenth of the ANERcorp head is dev, the rest trains
        // (9 is the committed dev split). How hard is that split against the rest?
        Ok(k) => {
            let k: usize = k.parse().expect("EXP_FOLD takes 0-9");
            let (head, last) = anercorp_split(data, 0.1).unwrap();
            let all: Vec<_> = head.into_iter().chain(last).collect();
            tenth_as_dev(&all, k)
        }
        Err(_) => anercorp_split(data, 0.1).unwrap(),
    };
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
                scheme: hadath_ner::Scheme::Bio,
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
        // EXP_BILOU=1: BILOU labels internally (converted to BIO at output).
        scheme: if env("EXP_BILOU", 0) == 1 {
            hadath_ner::Scheme::Bilou
        } else {
            hadath_ner::Scheme::Bio
        },
    };
    eprintln!("labels: {:?}", opts.scheme);
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
    let selftrain = env("EXP_SELFTRAIN", 0) as usize;
    let mut t = if selftrain > 0 {
        let doc = doc.expect("EXP_SELFTRAIN needs EXP_DOC (two passes)");
        self_train(data, selftrain, &sents, doc, res, opts, (&dev, &aq_dev))
    } else if let Ok(n) = std::env::var("EXP_LEXICON") {
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
    // EXP_BIASES=a,b,…: the dev split scored at each of these O biases (no retraining).
    if let Ok(list) = std::env::var("EXP_BIASES") {
        for b in list.split(',').filter_map(|b| b.trim().parse::<f32>().ok()) {
            t.set_o_bias(b);
            let m = hadath_ner::evaluate_sentences(&t, &dev).micro();
            println!(
                "bias {b}: gold {} predicted {} correct {} P {:.2} R {:.2} F1 {:.2}",
                m.gold,
                m.predicted,
                m.correct,
                100.0 * m.precision(),
                100.0 * m.recall(),
                100.0 * m.f1()
            );
        }
    }
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
    if let Ok(dir) = std::env::var("EXP_WEIGHTS") {
        let dir = Path::new(&dir);
        std::fs::create_dir_all(dir).unwrap();
        let mut passes = vec![("weights.bin", &t)];
        if let Some((first, _)) = t.first_pass() {
            passes.push(("weights_first.bin", first));
        }
        for (name, tagger) in passes {
            let mut buf = Vec::new();
            tagger.write_weights(&mut buf).unwrap();
            std::fs::write(dir.join(name), &buf).unwrap();
            eprintln!("{name}: {} bytes", buf.len());
        }
    }
    if std::env::var("EXP_ERRORS").is_ok() {
        errors(&t, &dev);
    }
}

/// `EXP_SELFTRAIN=N`: trains the base taggers (logging their dev scores: the first is the
/// run without self-training), pseudo-labels N SaudiNewsNet sentences with them, and retrains
/// two-pass on `sents` plus the agreed sentences. Each SaudiNewsNet article is a segment of
/// its own, so the document window never crosses articles or corpora.
fn self_train(
    data: &Path,
    n: usize,
    sents: &[hadath_ner::Sentence],
    doc: hadath_ner::train::DocPass,
    res: Resources,
    opts: FitOptions,
    devs: (&[hadath_ner::Sentence], &[hadath_ner::Sentence]),
) -> hadath_ner::Tagger {
    use hadath_ner::selftrain;
    use hadath_ner::train::{fit_two_pass, fit_two_pass_weighted, DocPass};
    let var = |k: &str| std::env::var(k).ok();
    let w: f32 = var("EXP_SELFTRAIN_W").map_or(0.5, |v| v.parse().unwrap());
    let models: u64 = var("EXP_SELFTRAIN_MODELS").map_or(2, |v| v.parse().unwrap());
    let cache = var("EXP_SELFTRAIN_CACHE").filter(|p| !p.is_empty());
    let f1 = |t: &hadath_ner::Tagger, d: &[hadath_ner::Sentence]| {
        100.0 * hadath_ner::evaluate_sentences(t, d).micro().f1()
    };
    let pseudo = match cache.as_deref().map(std::fs::read_to_string) {
        Some(Ok(text)) => selftrain::from_text(&text),
        _ => {
            let articles = selftrain::unlabelled_articles(data, n).unwrap();
            let mut taggers = Vec::new();
            for k in 0..models {
                let o = FitOptions {
                    seed: opts.seed + 1000 * k,
                    ..opts
                };
                let t = fit_two_pass(sents, res.clone(), o, doc, &mut |_| {});
                eprintln!(
                    "self-training: base tagger seed {}: ANER dev {:.2}, AQMAR dev {:.2}",
                    o.seed,
                    f1(&t, devs.0),
                    f1(&t, devs.1)
                );
                taggers.push(t);
            }
            let refs: Vec<&hadath_ner::Tagger> = taggers.iter().collect();
            let p = selftrain::pseudo_label(&refs, &articles, 5, 60, opts.threads);
            eprintln!(
                "self-training: tagged {} sentences in {} articles",
                articles.iter().map(Vec::len).sum::<usize>(),
                articles.len()
            );
            if let Some(path) = &cache {
                std::fs::write(path, selftrain::to_text(&p)).unwrap();
            }
            p
        }
    };
    let kept: Vec<&hadath_ner::Sentence> = pseudo.iter().flatten().collect();
    let names = kept
        .iter()
        .map(|s| hadath_ner::scores::chunks(&s.tags).len())
        .sum::<usize>();
    eprintln!(
        "self-training: kept {} sentences, {} tokens, {} names; update weight {w}",
        kept.len(),
        kept.iter().map(|s| s.tokens.len()).sum::<usize>(),
        names
    );
    // Labelled data keeps its weights (1 for ANERcorp, EXP_W for the rest); SaudiNewsNet
    // article k is segment 2 + k.
    let mut all = sents.to_vec();
    let mut segment = doc.segment.to_vec();
    let mut weights: Vec<f32> = segment
        .iter()
        .map(|&s| if s == 0 { 1.0 } else { opts.other_weight })
        .collect();
    for (k, article) in pseudo.iter().enumerate() {
        for s in article {
            all.push(s.clone());
            segment.push(2 + k as u32);
            weights.push(w);
        }
    }
    let doc = DocPass {
        segment: &segment,
        ..doc
    };
    fit_two_pass_weighted(&all, &weights, res, opts, doc, &mut |s| eprintln!("{s}"))
}

/// The k-th of ten contiguous blocks of equal token count (cut at sentence starts) as dev, the
/// other nine as training, in reading order.
fn tenth_as_dev(
    all: &[hadath_ner::corpus::Sentence],
    k: usize,
) -> (
    Vec<hadath_ner::corpus::Sentence>,
    Vec<hadath_ner::corpus::Sentence>,
) {
    let total: usize = all.iter().map(|s| s.tokens.len()).sum();
    let block_of = |seen: usize| (seen * 10 / total.max(1)).min(9);
    let (mut train, mut dev) = (Vec::new(), Vec::new());
    let mut seen = 0;
    for s in all {
        if block_of(seen) == k {
            dev.push(s.clone());
        } else {
            train.push(s.clone());
        }
        seen += s.tokens.len();
    }
    (train, dev)
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
