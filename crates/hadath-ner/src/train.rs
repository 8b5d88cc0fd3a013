//! `hadath train ner`: reads the config, splits the data, checks overlap, builds the gazetteer
//! and word clusters, trains the perceptron, and writes the model directory with its manifest.
//!
//! Reproducible: every random choice (sentence order, embeddings) comes from seeded PRNGs and
//! the data is read in a fixed order, so the same config and data give the same weights
//! (the skip-gram run with more than one thread is the one exception: Hogwild updates race,
//! which is why the cluster table is cached in `models/ner/clusters.tsv` and reused).

use crate::corpus::{self, CorpusFormat, Sentence};
use crate::embed::{self, ClusterConfig, Rng};
use crate::features::{add_doc_features, doc_counts, doc_key, sentence_features, Resources};
use crate::model::{gold_indices, Scheme, Tagger, Trainer};
use crate::scores::Scores;
use crate::{evaluate_sentences, gazetteer, NerError};
use hadath_language::normalize::normalize_key;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::time::Instant;

/// Which corpora go into training (the `[sources]` table of `config/ner.toml`).
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct Sources {
    pub anercorp: bool,
    pub aqmar: bool,
    pub newsfane: bool,
    pub wikifane: bool,
    pub wojood: bool,
}

impl Default for Sources {
    fn default() -> Self {
        Sources {
            anercorp: true,
            aqmar: true,
            newsfane: false,
            wikifane: false,
            wojood: false,
        }
    }
}

/// The training configuration (`config/ner.toml`).
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct TrainConfig {
    pub seed: u64,
    pub epochs: usize,
    /// log2 of the number of hashed feature buckets.
    pub hash_bits: u32,
    /// Fraction of ANERCorp.head.txt tokens held out as dev (cut at a sentence start).
    pub dev_fraction: f64,
    /// A FANE sentence overlaps the dev split when this share of its text shingles is in dev.
    pub overlap_threshold: f64,
    /// Feature-extraction threads.
    pub threads: usize,
    /// Drop features seen fewer times than this in training.
    pub min_feature_count: u32,
    /// Perceptrons (different shuffles) averaged into the model.
    pub restarts: usize,
    /// 0 for perceptron updates; > 0 for averaged-SGD CRF training with this learning rate.
    pub crf_learning_rate: f32,
    /// Choose a bias against `O` on the last 10% of the training data (never on dev).
    pub tune_o_bias: bool,
    /// Learn a lexicon by tagging SaudiNewsNet with a first-pass tagger (jackknifed).
    pub self_lexicon: bool,
    /// Tokens of SaudiNewsNet the first-pass taggers read.
    pub self_lexicon_max_tokens: usize,
    /// Two-pass tagging: > 0 adds a second pass reading the first pass's labels of the same
    /// word within this many sentences before and after (0 = one pass).
    pub doc_window: usize,
    /// Jackknife folds giving the training data honest first-pass labels.
    pub doc_folds: usize,
    /// Update size of sentences from corpora after the first (AQMAR) relative to ANERcorp's.
    pub other_weight: f32,
    /// Lexicon read off WikiFANE's gold annotation (`wikifane_lexicon.tsv`): words seen at
    /// least this many times in WikiFANE get their PERS/LOC/ORG/MISC shares as features
    /// (0 = off).
    pub wikifane_lexicon_min_count: u32,
    /// Train and decode with BILOU labels internally (17 labels; output converted to BIO).
    /// Off: BIO. Not written to the manifest when off.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub bilou: bool,
    pub sources: Sources,
    pub clusters: ClusterConfig,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            seed: 1,
            epochs: 12,
            hash_bits: 20,
            dev_fraction: 0.1,
            overlap_threshold: 0.5,
            threads: 2,
            min_feature_count: 1,
            restarts: 1,
            crf_learning_rate: 0.0,
            tune_o_bias: false,
            self_lexicon: false,
            self_lexicon_max_tokens: 4_000_000,
            doc_window: 0,
            doc_folds: 5,
            other_weight: 1.0,
            wikifane_lexicon_min_count: 0,
            bilou: false,
            sources: Sources::default(),
            clusters: ClusterConfig::default(),
        }
    }
}

impl TrainConfig {
    pub fn from_path(path: &Path) -> Result<TrainConfig, NerError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| NerError::Io(format!("{}: {e}", path.display())))?;
        toml::from_str(&text).map_err(|e| NerError::Config(format!("{}: {e}", path.display())))
    }
}

/// What a training run did and how well the result scores.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TrainReport {
    pub seconds: f64,
    pub train_sentences: usize,
    pub train_tokens: usize,
    pub dev_tokens: usize,
    pub model_bytes: u64,
    /// Dev scores per corpus (`anercorp_dev`, `aqmar_dev`), as JSON.
    pub dev: BTreeMap<String, serde_json::Value>,
    /// The data checks (overlap, label counts), spaCy `debug data` style.
    pub data_checks: serde_json::Value,
    pub log: Vec<String>,
}

impl std::fmt::Display for TrainReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for l in &self.log {
            writeln!(f, "{l}")?;
        }
        writeln!(
            f,
            "trained on {} sentences / {} tokens in {:.0}s; model {} bytes",
            self.train_sentences, self.train_tokens, self.seconds, self.model_bytes
        )
    }
}

/// Text of a sentence reduced to normalised letters and digits (tokenisation-independent).
fn letters_of(tokens: &[String]) -> Vec<char> {
    tokens
        .iter()
        .flat_map(|t| normalize_key(t).chars().collect::<Vec<_>>())
        .filter(|c| c.is_alphanumeric())
        .collect()
}

const SHINGLE: usize = 16;

fn shingle_hashes(chars: &[char]) -> Vec<u64> {
    chars
        .windows(SHINGLE)
        .map(|w| {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for &c in w {
                h ^= c as u64;
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
            h
        })
        .collect()
}

/// Share of a sentence's shingles found in `set` (1.0 for a short sentence found whole).
fn overlap_share(chars: &[char], set: &HashSet<u64>, whole: &str) -> f64 {
    if chars.len() < SHINGLE {
        let s: String = chars.iter().collect();
        return if !s.is_empty() && whole.contains(&s) {
            1.0
        } else {
            0.0
        };
    }
    let h = shingle_hashes(chars);
    h.iter().filter(|x| set.contains(x)).count() as f64 / h.len() as f64
}

struct TextIndex {
    set: HashSet<u64>,
    whole: String,
}

fn index_of(sentences: &[Sentence]) -> TextIndex {
    let chars: Vec<char> = sentences
        .iter()
        .flat_map(|s| letters_of(&s.tokens))
        .collect();
    TextIndex {
        set: shingle_hashes(&chars).into_iter().collect(),
        whole: chars.iter().collect(),
    }
}

/// Computes features of many sentences on several threads.
fn featurize(
    sentences: &[Sentence],
    res: &Resources,
    bits: u32,
    threads: usize,
) -> Vec<Vec<Vec<u32>>> {
    let threads = threads.max(1);
    let chunk = sentences.len().div_ceil(threads).max(1);
    let mut out: Vec<Vec<Vec<Vec<u32>>>> = Vec::new();
    std::thread::scope(|scope| {
        let handles: Vec<_> = sentences
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|s| {
                            let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
                            sentence_features(&toks, res, bits)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            out.push(h.join().expect("feature thread"));
        }
    });
    out.into_iter().flatten().collect()
}

/// Settings of one perceptron run.
#[derive(Debug, Clone, Copy)]
pub struct FitOptions {
    pub bits: u32,
    pub epochs: usize,
    pub seed: u64,
    pub threads: usize,
    /// Features (hash buckets) seen fewer times than this in training are dropped: singleton
    /// features soak up updates that should go to features that generalise.
    pub min_feature_count: u32,
    /// Perceptrons trained with different shuffles (seed, seed+1, …) whose weights are averaged.
    pub restarts: usize,
    /// 0: perceptron updates; > 0: CRF log-likelihood gradient steps with this learning rate.
    pub crf_learning_rate: f32,
    /// Update size for sentences outside the first corpus (segment/domain id > 0): < 1 lets
    /// the target corpus (ANERcorp news) dominate where the conventions disagree.
    pub other_weight: f32,
    /// Internal label set (BIO, or BILOU converted back to BIO at output).
    pub scheme: Scheme,
}

impl FitOptions {
    /// One plain perceptron on one thread: no restarts, no feature cut-off, no CRF updates,
    /// every corpus at full weight.
    pub fn plain(bits: u32, epochs: usize, seed: u64) -> FitOptions {
        FitOptions {
            bits,
            epochs,
            seed,
            threads: 1,
            min_feature_count: 1,
            restarts: 1,
            crf_learning_rate: 0.0,
            other_weight: 1.0,
            scheme: Scheme::Bio,
        }
    }
}

/// Per-sentence update sizes: 1 for segment 0, `other` for the rest.
fn segment_weights(segment: &[u32], other: f32) -> Vec<f32> {
    segment
        .iter()
        .map(|&s| if s == 0 { 1.0 } else { other })
        .collect()
}

/// Trains a tagger on sentences (ANERcorp tags) with the given resources. `dev` (optional) is
/// scored after each epoch for the log only; it never steers training.
pub fn fit(
    sentences: &[Sentence],
    resources: Resources,
    opts: FitOptions,
    dev: Option<&[Sentence]>,
    log: &mut dyn FnMut(&str),
) -> Tagger {
    fit_domains(sentences, None, resources, opts, dev, log)
}

/// [`fit`] with a domain per sentence (0 = news, the domain the tagger serves; 1 = other):
/// features get domain-specific copies, and the tagger uses the news copies.
pub fn fit_domains(
    sentences: &[Sentence],
    domains: Option<&[u8]>,
    resources: Resources,
    opts: FitOptions,
    dev: Option<&[Sentence]>,
    log: &mut dyn FnMut(&str),
) -> Tagger {
    let mut feats = featurize(sentences, &resources, opts.bits, opts.threads);
    if let Some(domains) = domains {
        for (f, &d) in feats.iter_mut().zip(domains) {
            crate::features::add_domain(f, d, opts.bits);
        }
    }
    let golds: Vec<Vec<usize>> = sentences.iter().map(|s| gold_indices(&s.tags)).collect();
    let weights: Vec<f32> = domains.map_or_else(Vec::new, |d| {
        segment_weights(
            &d.iter().map(|&x| x as u32).collect::<Vec<_>>(),
            opts.other_weight,
        )
    });
    fit_features(
        feats,
        &golds,
        &weights,
        domains.is_some(),
        resources,
        opts,
        dev,
        log,
    )
}

/// Trains on precomputed features (e.g. computed with different resources per part of the
/// data); `resources` are what the returned tagger uses at tag time. `weights` (empty = all 1)
/// scales each sentence's updates. `golds` are BIO label indices ([`crate::LABELS`]); a BILOU
/// tagger (`opts.scheme`) trains on their BILOU encoding.
#[allow(clippy::too_many_arguments)]
pub fn fit_features(
    mut feats: Vec<Vec<Vec<u32>>>,
    golds: &[Vec<usize>],
    weights: &[f32],
    domains: bool,
    resources: Resources,
    opts: FitOptions,
    dev: Option<&[Sentence]>,
    log: &mut dyn FnMut(&str),
) -> Tagger {
    let bits = opts.bits;
    let golds: Vec<Vec<usize>> = golds.iter().map(|g| opts.scheme.from_bio(g)).collect();
    if opts.min_feature_count > 1 {
        let mut counts = vec![0u32; 1usize << bits];
        for f in feats.iter().flatten().flatten() {
            counts[*f as usize] = counts[*f as usize].saturating_add(1);
        }
        for t in feats.iter_mut().flatten() {
            t.retain(|&f| counts[f as usize] >= opts.min_feature_count);
        }
    }
    let mut models = Vec::new();
    for restart in 0..opts.restarts.max(1) {
        let mut empty = Tagger::empty_with(bits, resources.clone(), opts.scheme);
        empty.domain = domains.then_some(0);
        let mut trainer = Trainer::new(empty);
        let mut order: Vec<usize> = (0..golds.len()).collect();
        let mut rng = Rng::new(opts.seed + restart as u64);
        for epoch in 0..opts.epochs {
            // Fisher-Yates shuffle with the seeded PRNG.
            for i in (1..order.len()).rev() {
                order.swap(i, rng.below(i + 1));
            }
            let t = Instant::now();
            let mut wrong = 0;
            let mut total = 0;
            for &i in &order {
                wrong += if opts.crf_learning_rate > 0.0 {
                    // Decaying rate: large early steps, small late ones (1 / (1 + epoch)).
                    let lr = opts.crf_learning_rate / (1.0 + epoch as f32 * 0.5);
                    trainer.step_crf(&feats[i], &golds[i], lr)
                } else {
                    trainer.step_scaled(
                        &feats[i],
                        &golds[i],
                        weights.get(i).copied().unwrap_or(1.0),
                    )
                };
                total += golds[i].len();
            }
            let mut line = format!(
                "run {} epoch {:>2}: train token errors {:.2}% ({:.1}s)",
                restart + 1,
                epoch + 1,
                100.0 * wrong as f64 / total.max(1) as f64,
                t.elapsed().as_secs_f64()
            );
            if let (Some(dev), true) = (dev, epoch + 1 == opts.epochs) {
                let avg = trainer.averaged();
                let s = evaluate_sentences(&avg, dev);
                line.push_str(&format!("; dev F1 {:.2}", 100.0 * s.micro().f1()));
            }
            log(&line);
        }
        models.push(trainer.averaged());
    }
    Tagger::average(models)
}

/// How the document-context second pass is trained (see [`fit_second_pass`]).
#[derive(Debug, Clone, Copy)]
pub struct DocPass<'a> {
    /// Sentences before and after whose first-pass labels count as the document context.
    pub window: usize,
    /// Folds of the jackknife that gives training sentences honest first-pass labels.
    pub folds: usize,
    /// One id per training sentence (corpus): windows do not cross ids.
    pub segment: &'a [u32],
}

/// Trains the second pass of a two-pass tagger on the first pass's training features `feats`:
/// every training sentence gets first-pass labels from a model trained on the other folds
/// (contiguous blocks, so a sentence's neighbours are mostly tagged by the same model), the
/// labels of the same word in the nearby sentences become features, and a tagger trained on
/// base + document features becomes the second pass of `first`.
#[allow(clippy::too_many_arguments)]
pub fn fit_second_pass(
    sentences: &[Sentence],
    feats: &[Vec<Vec<u32>>],
    golds: &[Vec<usize>],
    first: Tagger,
    opts: FitOptions,
    doc: DocPass,
    log: &mut dyn FnMut(&str),
) -> Tagger {
    let weights = segment_weights(doc.segment, opts.other_weight);
    fit_second_pass_weighted(sentences, feats, golds, &weights, first, opts, doc, log)
}

/// [`fit_second_pass`] with an explicit update size per sentence (instead of 1 for segment 0
/// and `opts.other_weight` for the rest): self-training gives pseudo-labelled sentences a
/// weight of their own.
#[allow(clippy::too_many_arguments)]
fn fit_second_pass_weighted(
    sentences: &[Sentence],
    feats: &[Vec<Vec<u32>>],
    golds: &[Vec<usize>],
    weights: &[f32],
    first: Tagger,
    opts: FitOptions,
    doc: DocPass,
    log: &mut dyn FnMut(&str),
) -> Tagger {
    let n = sentences.len();
    let folds = doc.folds.max(2);
    let base = FitOptions {
        restarts: 1,
        ..opts
    };
    let fold_of = |i: usize| i * folds / n.max(1);
    let mut labels: Vec<Vec<usize>> = vec![Vec::new(); n];
    let t = Instant::now();
    for k in 0..folds {
        let train_idx: Vec<usize> = (0..n).filter(|&i| fold_of(i) != k).collect();
        let model = fit_features(
            train_idx.iter().map(|&i| feats[i].clone()).collect(),
            &train_idx
                .iter()
                .map(|&i| golds[i].clone())
                .collect::<Vec<_>>(),
            &train_idx.iter().map(|&i| weights[i]).collect::<Vec<_>>(),
            first.domain.is_some(),
            first.resources.clone(),
            base,
            None,
            &mut |_| {},
        );
        for i in (0..n).filter(|&i| fold_of(i) == k) {
            if !feats[i].is_empty() {
                // BIO labels: the document features pool by entity type.
                labels[i] = model.decode_bio(&feats[i]);
            }
        }
    }
    log(&format!(
        "two-pass: {folds}-fold first-pass labels of the training data ({:.0}s)",
        t.elapsed().as_secs_f64()
    ));
    let keys: Vec<Vec<Option<String>>> = sentences
        .iter()
        .map(|s| s.tokens.iter().map(|t| doc_key(t)).collect())
        .collect();
    let counts = doc_counts(&keys, &labels, Some(doc.segment), doc.window);
    let mut feats2 = feats.to_vec();
    for (f, c) in feats2.iter_mut().zip(&counts) {
        add_doc_features(f, c, opts.bits);
    }
    let mut second = fit_features(
        feats2,
        golds,
        weights,
        first.domain.is_some(),
        first.resources.clone(),
        opts,
        None,
        log,
    );
    second.set_first_pass(first, doc.window);
    second
}

/// Chooses the `O` bias on held-out training data: trains on the first 90% of `sentences`,
/// scores the last 10% at each bias of a small grid, returns the best (ties: closest to 0).
pub fn choose_o_bias(
    sentences: &[Sentence],
    resources: &Resources,
    opts: FitOptions,
    log: &mut dyn FnMut(&str),
) -> f32 {
    let (inner_train, inner_dev) = corpus::split_tail(sentences, 0.1);
    let mut quiet = |_: &str| {};
    let mut tagger = fit(&inner_train, resources.clone(), opts, None, &mut quiet);
    choose_bias_for(&mut tagger, &inner_dev, opts, log)
}

fn choose_bias_for(
    tagger: &mut Tagger,
    inner_dev: &[Sentence],
    opts: FitOptions,
    log: &mut dyn FnMut(&str),
) -> f32 {
    let mut best = (f64::MIN, 0.0f32);
    for step in 0..=12 {
        let bias = -(step as f32) * 0.25 * opts.epochs as f32;
        tagger.o_bias = bias;
        let f = evaluate_sentences(tagger, inner_dev).micro().f1();
        log(&format!(
            "O bias {bias:>6.2}: held-out training F1 {:.2}",
            100.0 * f
        ));
        if f > best.0 + 1e-9 {
            best = (f, bias);
        }
    }
    best.1
}

/// Splits unlabelled article text into tagger-ready sentences: runs of letters/digits and
/// single punctuation marks are tokens (as in ANERcorp); sentences end at . ! ? ؟ or after
/// 80 tokens.
pub fn tokenize_plain(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let mut word = String::new();
    let is_word = |c: char| c.is_alphanumeric() || hadath_language::normalize::is_arabic_mark(c);
    for c in text.chars().chain(std::iter::once(' ')) {
        if is_word(c) {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            cur.push(std::mem::take(&mut word));
        }
        if !c.is_whitespace() && !hadath_language::normalize::is_invisible(c) {
            cur.push(c.to_string());
        }
        if (matches!(c, '.' | '!' | '?' | '؟') || cur.len() >= 80) && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Tags unlabelled sentences and returns `lexicon.tsv`: per normalised word seen at least
/// `min_count` times, the percentage of occurrences tagged inside a PERS, LOC, ORG, MISC name
/// (only words tagged inside some name at least 3% of the time are kept).
pub fn self_lexicon(
    tagger: &Tagger,
    sentences: &[Vec<String>],
    threads: usize,
    min_count: u32,
) -> String {
    use std::collections::HashMap;
    let chunk = sentences.len().div_ceil(threads.max(1)).max(1);
    let mut total: HashMap<String, [u32; 5]> = HashMap::new();
    std::thread::scope(|scope| {
        let handles: Vec<_> = sentences
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut m: HashMap<String, [u32; 5]> = HashMap::new();
                    for s in part {
                        let toks: Vec<&str> = s.iter().map(String::as_str).collect();
                        let tags = tagger.tag(&toks);
                        for (t, g) in toks.iter().zip(&tags) {
                            count_name_tag(&mut m, t, g);
                        }
                    }
                    m
                })
            })
            .collect();
        for h in handles {
            for (k, v) in h.join().expect("lexicon thread") {
                let e = total.entry(k).or_default();
                for i in 0..5 {
                    e[i] += v[i];
                }
            }
        }
    });
    lexicon_rows(total, min_count)
}

/// Counts one Arabic token under its normalised form: `[PERS, LOC, ORG, MISC, all]`.
fn count_name_tag<S: std::hash::BuildHasher>(
    counts: &mut std::collections::HashMap<String, [u32; 5], S>,
    token: &str,
    tag: &str,
) {
    if !hadath_language::clitics::is_arabic_word(token) {
        return;
    }
    let e = counts.entry(normalize_key(token)).or_default();
    e[4] += 1;
    match tag.get(2..) {
        Some("PERS") => e[0] += 1,
        Some("LOC") => e[1] += 1,
        Some("ORG") => e[2] += 1,
        Some("MISC") => e[3] += 1,
        _ => {}
    }
}

/// `lexicon.tsv` rows from per-word counts `[PERS, LOC, ORG, MISC, all]`: words seen at least
/// `min_count` times and inside some name at least 3% of the time, sorted.
fn lexicon_rows<S: std::hash::BuildHasher>(
    total: std::collections::HashMap<String, [u32; 5], S>,
    min_count: u32,
) -> String {
    let mut rows: Vec<(String, [u8; 4])> = total
        .into_iter()
        .filter(|(_, v)| v[4] >= min_count)
        .filter_map(|(k, v)| {
            let pct = |x: u32| ((100 * x as u64) / v[4] as u64) as u8;
            let p = [pct(v[0]), pct(v[1]), pct(v[2]), pct(v[3])];
            (p.iter().any(|&x| x >= 3)).then_some((k, p))
        })
        .collect();
    rows.sort();
    rows.iter()
        .map(|(k, p)| format!("{k}\t{}\t{}\t{}\t{}\n", p[0], p[1], p[2], p[3]))
        .collect()
}

/// A lexicon (`lexicon.tsv` layout) read off gold-annotated sentences: per normalised word
/// seen at least `min_count` times, the percentage of its occurrences inside a PERS, LOC, ORG,
/// MISC name (words inside some name at least 3% of the time).
pub fn gold_lexicon(sentences: &[Sentence], min_count: u32) -> String {
    use std::collections::HashMap;
    let mut total: HashMap<String, [u32; 5]> = HashMap::new();
    for s in sentences {
        for (t, g) in s.tokens.iter().zip(&s.tags) {
            count_name_tag(&mut total, t, g);
        }
    }
    lexicon_rows(total, min_count)
}

/// A fine-type lexicon (`word<TAB>type<TAB>percent`; experiments only) read off sentences with
/// FANE's fine-grained tags: per normalised word seen at least `min_count` times, the fine type
/// it most often carries (`O` counts as a type, and words mostly `O` are left out) and that
/// type's share of its occurrences.
pub fn fine_lexicon(sentences: &[Sentence], min_count: u32) -> String {
    use std::collections::HashMap;
    let mut total: HashMap<String, BTreeMap<String, u32>> = HashMap::new();
    for s in sentences {
        for (t, g) in s.tokens.iter().zip(&s.tags) {
            if !hadath_language::clitics::is_arabic_word(t) {
                continue;
            }
            let kind = g.get(2..).filter(|k| !k.is_empty()).unwrap_or("O");
            *total
                .entry(normalize_key(t))
                .or_default()
                .entry(kind.to_string())
                .or_default() += 1;
        }
    }
    let mut rows: Vec<(String, String, u32)> = total
        .into_iter()
        .filter_map(|(w, kinds)| {
            let n: u32 = kinds.values().sum();
            if n < min_count {
                return None;
            }
            let (kind, c) = kinds
                .iter()
                .filter(|(k, _)| k.as_str() != "O")
                .max_by_key(|(k, c)| (**c, std::cmp::Reverse((*k).clone())))?;
            let pct = 100 * c / n;
            (pct >= 10).then(|| (w, kind.clone(), pct))
        })
        .collect();
    rows.sort();
    rows.iter()
        .map(|(w, k, p)| format!("{w}\t{k}\t{p}\n"))
        .collect()
}

/// Trains with the self-trained lexicon, jackknifed so training features are honest: the
/// lexicon a training sentence sees comes from a tagger that was not trained on it (two
/// halves, each tagged SaudiNewsNet for the other); the shipped lexicon comes from a tagger
/// trained on everything. Returns the tagger and its lexicon text.
pub fn fit_with_self_lexicon(
    training: &[Sentence],
    unlabelled: &[Vec<String>],
    resources: Resources,
    opts: FitOptions,
    dev: Option<&[Sentence]>,
    doc: Option<DocPass>,
    log: &mut dyn FnMut(&str),
) -> (Tagger, String) {
    let mut quiet = |_: &str| {};
    let base = FitOptions {
        restarts: 1,
        ..opts
    };
    let halves: [Vec<usize>; 2] = [
        (0..training.len()).filter(|i| i % 2 == 0).collect(),
        (0..training.len()).filter(|i| i % 2 == 1).collect(),
    ];
    let mut lexicons = Vec::new();
    for (h, idx) in halves.iter().enumerate() {
        let part: Vec<Sentence> = idx.iter().map(|&i| training[i].clone()).collect();
        let t = Instant::now();
        let model = fit(&part, resources.clone(), base, None, &mut quiet);
        let lex = self_lexicon(&model, unlabelled, opts.threads, 3);
        log(&format!(
            "self-lexicon: half {} model tagged {} unlabelled sentences → {} words ({:.0}s)",
            h + 1,
            unlabelled.len(),
            lex.lines().count(),
            t.elapsed().as_secs_f64()
        ));
        lexicons.push(lex);
    }
    let t = Instant::now();
    let full = fit(training, resources.clone(), base, None, &mut quiet);
    let lex_full = self_lexicon(&full, unlabelled, opts.threads, 3);
    log(&format!(
        "self-lexicon: full model → {} words ({:.0}s)",
        lex_full.lines().count(),
        t.elapsed().as_secs_f64()
    ));
    // Half 0's sentences see the lexicon of the half-1 model, and vice versa.
    let mut feats: Vec<Vec<Vec<u32>>> = vec![Vec::new(); training.len()];
    for (h, idx) in halves.iter().enumerate() {
        let mut res = resources.clone();
        res.lexicon = Resources::parse_lexicon(&lexicons[1 - h]);
        let part: Vec<Sentence> = idx.iter().map(|&i| training[i].clone()).collect();
        for (f, &i) in featurize(&part, &res, opts.bits, opts.threads)
            .into_iter()
            .zip(idx)
        {
            feats[i] = f;
        }
    }
    let golds: Vec<Vec<usize>> = training.iter().map(|s| gold_indices(&s.tags)).collect();
    let mut res = resources;
    res.lexicon = Resources::parse_lexicon(&lex_full);
    let Some(doc) = doc else {
        let tagger = fit_features(feats, &golds, &[], false, res, opts, dev, log);
        return (tagger, lex_full);
    };
    let weights = segment_weights(doc.segment, opts.other_weight);
    let first = fit_features(feats.clone(), &golds, &weights, false, res, opts, dev, log);
    let tagger = fit_second_pass(training, &feats, &golds, first, opts, doc, log);
    (tagger, lex_full)
}

/// [`fit`] plus a document-context second pass (no self-trained lexicon).
pub fn fit_two_pass(
    sentences: &[Sentence],
    resources: Resources,
    opts: FitOptions,
    doc: DocPass,
    log: &mut dyn FnMut(&str),
) -> Tagger {
    let weights = segment_weights(doc.segment, opts.other_weight);
    fit_two_pass_weighted(sentences, &weights, resources, opts, doc, log)
}

/// [`fit_two_pass`] with an explicit update size per sentence, used by both passes (see
/// [`crate::selftrain`]: pseudo-labelled sentences get their own weight).
pub fn fit_two_pass_weighted(
    sentences: &[Sentence],
    weights: &[f32],
    resources: Resources,
    opts: FitOptions,
    doc: DocPass,
    log: &mut dyn FnMut(&str),
) -> Tagger {
    let feats = featurize(sentences, &resources, opts.bits, opts.threads);
    let golds: Vec<Vec<usize>> = sentences.iter().map(|s| gold_indices(&s.tags)).collect();
    let first = fit_features(
        feats.clone(),
        &golds,
        weights,
        false,
        resources,
        opts,
        None,
        log,
    );
    fit_second_pass_weighted(sentences, &feats, &golds, weights, first, opts, doc, log)
}

/// Unlabelled sentences from SaudiNewsNet for the self-trained lexicon (at most `max_tokens`).
pub fn unlabelled_sentences(
    data_dir: &Path,
    max_tokens: usize,
) -> Result<Vec<Vec<String>>, NerError> {
    let articles = embed::read_saudinewsnet(&data_dir.join("saudinewsnet"))?;
    let mut out = Vec::new();
    let mut n = 0;
    for a in &articles {
        for s in tokenize_plain(a) {
            n += s.len();
            out.push(s);
        }
        if n >= max_tokens {
            break;
        }
    }
    Ok(out)
}

/// GPE vs LOC per normalised location name, by majority over FANE annotations.
fn geo_kinds(sentences: &[Sentence]) -> String {
    let mut counts: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for s in sentences {
        for c in crate::scores::chunks(&s.tags) {
            let coarse = corpus::fane_coarse(&c.kind);
            let is_gpe = match coarse {
                Some("GPE") => true,
                Some("LOC") => false,
                _ => continue,
            };
            let key: Vec<String> = s.tokens[c.start..c.end]
                .iter()
                .map(|t| normalize_key(t))
                .collect();
            let e = counts.entry(key.join(" ")).or_default();
            if is_gpe {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
    }
    let mut out = String::new();
    for (k, (g, l)) in counts {
        if k.is_empty() || g == l {
            continue;
        }
        out.push_str(&format!("{k}\t{}\n", if g > l { "GPE" } else { "LOC" }));
    }
    out
}

fn label_counts(sentences: &[Sentence]) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for s in sentences {
        for c in crate::scores::chunks(&s.tags) {
            *m.entry(c.kind).or_default() += 1;
        }
    }
    m
}

fn tokens_of(s: &[Sentence]) -> usize {
    s.iter().map(|s| s.tokens.len()).sum()
}

/// Trains the NER model as `config_path` says, from `data_dir` (the shared data folder), and
/// writes `weights.bin`, `clusters.tsv` (unless reused), `gazetteer.tsv`, `geo_kinds.tsv` and
/// `meta.json` into `out_dir`.
pub fn train(config_path: &Path, data_dir: &Path, out_dir: &Path) -> Result<TrainReport, NerError> {
    let cfg = TrainConfig::from_path(config_path)?;
    train_with(&cfg, data_dir, out_dir)
}

/// [`train`] with a parsed config.
pub fn train_with(
    cfg: &TrainConfig,
    data_dir: &Path,
    out_dir: &Path,
) -> Result<TrainReport, NerError> {
    let t0 = Instant::now();
    std::fs::create_dir_all(out_dir)?;
    let mut lines: Vec<String> = Vec::new();
    let mut log = |s: &str| {
        eprintln!("[train ner {:>6.1}s] {s}", t0.elapsed().as_secs_f64());
        lines.push(s.to_string());
    };
    let ner = data_dir.join("ner");
    let read = |rel: &str, f: CorpusFormat| -> Result<Vec<Sentence>, NerError> {
        let p = ner.join(rel);
        corpus::read_corpus(&p, f).map_err(|e| NerError::Io(format!("{}: {e}", p.display())))
    };

    // ANERcorp head: train / dev split.
    let mut aner = read("anercorp/ANERCorp.head.txt", CorpusFormat::Anercorp)?;
    corpus::map_corpus(&mut aner, CorpusFormat::Anercorp);
    let (aner_train, aner_dev) = corpus::split_tail(&aner, cfg.dev_fraction);
    log(&format!(
        "anercorp: {} sentences; train {} sentences / {} tokens, dev {} sentences / {} tokens",
        aner.len(),
        aner_train.len(),
        tokens_of(&aner_train),
        aner_dev.len(),
        tokens_of(&aner_dev)
    ));
    let mut aqmar_train = read("aqmar/train.txt", CorpusFormat::Aqmar)?;
    corpus::map_corpus(&mut aqmar_train, CorpusFormat::Aqmar);
    let mut aqmar_dev = read("aqmar/dev.txt", CorpusFormat::Aqmar)?;
    corpus::map_corpus(&mut aqmar_dev, CorpusFormat::Aqmar);

    // Overlap checks: NewsFANE is the ANERcorp text re-annotated, so its sentences that overlap
    // the dev split must not be trained on (nor feed the GPE/LOC lexicon).
    let dev_index = index_of(&aner_dev);
    let train_index = index_of(&aner_train);
    let newsfane_raw = read(
        "newsfane/NewsFANE_Gold_no_anercorp_tail.txt",
        CorpusFormat::Fane,
    )?;
    let (mut nf_dev, mut nf_train, mut nf_none) = (0usize, 0usize, 0usize);
    let mut newsfane_kept = Vec::new();
    for s in &newsfane_raw {
        let chars = letters_of(&s.tokens);
        let d = overlap_share(&chars, &dev_index.set, &dev_index.whole);
        if d >= cfg.overlap_threshold {
            nf_dev += 1;
            continue;
        }
        if overlap_share(&chars, &train_index.set, &train_index.whole) >= cfg.overlap_threshold {
            nf_train += 1;
        } else {
            nf_none += 1;
        }
        newsfane_kept.push(s.clone());
    }
    log(&format!(
        "newsfane: {} sentences; {} overlap anercorp dev (excluded), {} overlap anercorp train, {} neither",
        newsfane_raw.len(),
        nf_dev,
        nf_train,
        nf_none
    ));
    // Exact duplicates between ANERcorp train and dev (the corpus repeats some wire sentences).
    let train_sents: HashSet<String> = aner_train
        .iter()
        .map(|s| letters_of(&s.tokens).into_iter().collect())
        .collect();
    let dev_dupes = aner_dev
        .iter()
        .filter(|s| {
            let k: String = letters_of(&s.tokens).into_iter().collect();
            k.chars().count() >= 20 && train_sents.contains(&k)
        })
        .count();
    log(&format!(
        "anercorp: {dev_dupes} dev sentences (≥ 20 letters) also occur verbatim in train"
    ));

    let mut training: Vec<Sentence> = Vec::new();
    let mut sources_used: Vec<String> = Vec::new();
    // One id per source, so document windows of the two-pass tagger stay inside a corpus.
    let mut segment: Vec<u32> = Vec::new();
    if cfg.sources.anercorp {
        training.extend(aner_train.iter().cloned());
        segment.resize(training.len(), segment.last().map_or(0, |x| x + 1));
        sources_used.push(format!(
            "ANERcorp head minus dev ({} tokens)",
            tokens_of(&aner_train)
        ));
    }
    if cfg.sources.aqmar {
        training.extend(aqmar_train.iter().cloned());
        segment.resize(training.len(), segment.last().map_or(0, |x| x + 1));
        let weight = if cfg.sources.anercorp && cfg.other_weight != 1.0 {
            format!(", update weight {}", cfg.other_weight)
        } else {
            String::new()
        };
        sources_used.push(format!(
            "AQMAR train ({} tokens{weight})",
            tokens_of(&aqmar_train)
        ));
    }
    if cfg.sources.newsfane {
        let mut nf = newsfane_kept.clone();
        corpus::map_corpus(&mut nf, CorpusFormat::Fane);
        sources_used.push(format!(
            "NewsFANE Gold minus dev overlap ({} tokens)",
            tokens_of(&nf)
        ));
        training.extend(nf);
        segment.resize(training.len(), segment.last().map_or(0, |x| x + 1));
    }
    let wikifane = read("wikifane/WikiFANE_Gold_2014_500K.txt", CorpusFormat::Fane)?;
    if cfg.sources.wikifane {
        let mut wf = wikifane.clone();
        corpus::map_corpus(&mut wf, CorpusFormat::Fane);
        sources_used.push(format!("WikiFANE Gold ({} tokens)", tokens_of(&wf)));
        training.extend(wf);
        segment.resize(training.len(), segment.last().map_or(0, |x| x + 1));
    }
    if cfg.sources.wojood {
        let mut wj = read("wojood-sample/train.txt", CorpusFormat::Wojood)?;
        corpus::map_corpus(&mut wj, CorpusFormat::Wojood);
        sources_used.push(format!("Wojood sample train ({} tokens)", tokens_of(&wj)));
        training.extend(wj);
        segment.resize(training.len(), segment.last().map_or(0, |x| x + 1));
    }
    log(&format!("training on: {}", sources_used.join("; ")));

    // Gazetteer.
    let (gaz_text, gaz_stats) = gazetteer::build(data_dir)?;
    std::fs::write(out_dir.join("gazetteer.tsv"), &gaz_text)?;
    log(&format!("gazetteer: {gaz_stats:?}"));

    // Word clusters: reuse the committed table unless asked to rebuild.
    let clusters_path = out_dir.join("clusters.tsv");
    let mut cluster_info = serde_json::json!({"reused": true});
    let clusters_text = if clusters_path.is_file() && !cfg.clusters.rebuild {
        log("clusters: reusing clusters.tsv (set clusters.rebuild = true to relearn)");
        std::fs::read_to_string(&clusters_path)?
    } else {
        let (text, info) =
            embed::build_clusters(&data_dir.join("saudinewsnet"), &cfg.clusters, &mut log)?;
        std::fs::write(&clusters_path, &text)?;
        cluster_info = info;
        text
    };
    if cluster_info.get("reused").is_some() {
        // Keep what the earlier build recorded.
        if let Ok(old) = std::fs::read_to_string(out_dir.join("meta.json")) {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&old) {
                if let Some(c) = v.get("clusters") {
                    cluster_info = c.clone();
                }
            }
        }
    }

    // GPE / LOC lexicon from FANE (NewsFANE minus dev overlap, WikiFANE).
    let mut fane_all = newsfane_kept.clone();
    fane_all.extend(wikifane.iter().cloned());
    let geo_text = geo_kinds(&fane_all);
    std::fs::write(out_dir.join("geo_kinds.tsv"), &geo_text)?;
    log(&format!("geo_kinds: {} names", geo_text.lines().count()));

    let mut resources = Resources::from_texts(&clusters_text, &gaz_text);
    // WikiFANE's annotation as a lexicon: not trained on, so every sentence (train and dev)
    // sees the same, honest evidence.
    if cfg.wikifane_lexicon_min_count > 0 {
        let mut wf = wikifane.clone();
        corpus::map_corpus(&mut wf, CorpusFormat::Fane);
        let text = gold_lexicon(&wf, cfg.wikifane_lexicon_min_count);
        std::fs::write(out_dir.join("wikifane_lexicon.tsv"), &text)?;
        log(&format!("wikifane lexicon: {} words", text.lines().count()));
        resources.gold_lexicon = Resources::parse_lexicon(&text);
    } else {
        let _ = std::fs::remove_file(out_dir.join("wikifane_lexicon.tsv"));
    }
    let t_fit = Instant::now();
    let opts = FitOptions {
        bits: cfg.hash_bits,
        epochs: cfg.epochs,
        seed: cfg.seed,
        threads: cfg.threads,
        min_feature_count: cfg.min_feature_count,
        restarts: cfg.restarts,
        crf_learning_rate: cfg.crf_learning_rate,
        other_weight: cfg.other_weight,
        scheme: if cfg.bilou {
            Scheme::Bilou
        } else {
            Scheme::Bio
        },
    };
    let o_bias = if cfg.tune_o_bias {
        choose_o_bias(&training, &resources, opts, &mut log)
    } else {
        0.0
    };
    log(&format!("O bias: {o_bias}"));
    let doc = (cfg.doc_window > 0).then_some(DocPass {
        window: cfg.doc_window,
        folds: cfg.doc_folds,
        segment: &segment,
    });
    let mut tagger = if cfg.self_lexicon {
        let t = Instant::now();
        let unlabelled = unlabelled_sentences(data_dir, cfg.self_lexicon_max_tokens)?;
        log(&format!(
            "self-lexicon: {} unlabelled sentences read ({:.0}s)",
            unlabelled.len(),
            t.elapsed().as_secs_f64()
        ));
        let (tagger, lex) = fit_with_self_lexicon(
            &training,
            &unlabelled,
            resources,
            opts,
            Some(&aner_dev),
            doc,
            &mut log,
        );
        std::fs::write(out_dir.join("lexicon.tsv"), lex)?;
        tagger
    } else {
        let _ = std::fs::remove_file(out_dir.join("lexicon.tsv"));
        match doc {
            Some(doc) => fit_two_pass(&training, resources, opts, doc, &mut log),
            None => fit(&training, resources, opts, Some(&aner_dev), &mut log),
        }
    };
    tagger.set_o_bias(o_bias);
    log(&format!(
        "perceptron: {} epochs in {:.1}s",
        cfg.epochs,
        t_fit.elapsed().as_secs_f64()
    ));
    tagger.geo_kinds = crate::model::parse_geo_kinds(&geo_text);

    let weights_path = out_dir.join("weights.bin");
    {
        let f = std::fs::File::create(&weights_path)?;
        let mut w = std::io::BufWriter::new(f);
        tagger.write_weights(&mut w)?;
    }
    match tagger.first_pass() {
        Some((first, window)) => {
            let f = std::fs::File::create(out_dir.join("weights_first.bin"))?;
            first.write_weights(&mut std::io::BufWriter::new(f))?;
            std::fs::write(out_dir.join("doc_window.txt"), format!("{window}\n"))?;
        }
        None => {
            let _ = std::fs::remove_file(out_dir.join("weights_first.bin"));
            let _ = std::fs::remove_file(out_dir.join("doc_window.txt"));
        }
    }
    let model_bytes: u64 = [
        "weights.bin",
        "weights_first.bin",
        "clusters.tsv",
        "gazetteer.tsv",
        "geo_kinds.tsv",
        "lexicon.tsv",
        "wikifane_lexicon.tsv",
    ]
    .iter()
    .filter_map(|f| std::fs::metadata(out_dir.join(f)).ok())
    .map(|m| m.len())
    .sum();

    // Score what was written (reloaded, so quantisation is included).
    let reloaded = Tagger::load(out_dir)?;
    let mut dev = BTreeMap::new();
    let aner_scores: Scores = evaluate_sentences(&reloaded, &aner_dev);
    let aqmar_scores: Scores = evaluate_sentences(&reloaded, &aqmar_dev);
    log(&format!("ANERcorp dev:\n{aner_scores}"));
    log(&format!("AQMAR dev:\n{aqmar_scores}"));
    dev.insert("anercorp_dev".to_string(), aner_scores.to_json());
    dev.insert("aqmar_dev".to_string(), aqmar_scores.to_json());

    let data_checks = serde_json::json!({
        "anercorp": {
            "sentences": aner.len(),
            "train_tokens": tokens_of(&aner_train), "dev_tokens": tokens_of(&aner_dev),
            "train_entities": label_counts(&aner_train), "dev_entities": label_counts(&aner_dev),
            "dev_sentences_verbatim_in_train": dev_dupes,
        },
        "newsfane_overlap": {
            "sentences": newsfane_raw.len(),
            "overlap_dev_excluded": nf_dev,
            "overlap_train": nf_train,
            "no_overlap": nf_none,
            "method": format!("share of {SHINGLE}-letter shingles of normalised text found in the split >= {}", cfg.overlap_threshold),
        },
        "aqmar": { "train_tokens": tokens_of(&aqmar_train), "dev_tokens": tokens_of(&aqmar_dev),
                   "train_entities": label_counts(&aqmar_train) },
    });
    let seconds = t0.elapsed().as_secs_f64();
    let mut resources_meta = serde_json::json!({
            "clusters.tsv": "skip-gram + k-means word clusters learned from SaudiNewsNet (CC BY-NC-SA 4.0)",
            "gazetteer.tsv": "GeoNames country names and cities500 Arabic names (CC BY 4.0), ANERgazet (research use), derived demonyms",
            "geo_kinds.tsv": "GPE/LOC per location name from NewsFANE (minus dev overlap) and WikiFANE Gold (CC BY-SA 3.0)",
            "lexicon.tsv": "self-trained lexicon: share of each word's SaudiNewsNet occurrences tagged inside a PERS/LOC/ORG/MISC name by a first-pass tagger (trained on the training_sources)",
            "wikifane_lexicon.tsv": "share of each word's WikiFANE Gold occurrences inside a PERS/LOC/ORG/MISC name (FANE types mapped as in training; CC BY-SA 3.0)",
            "weights.bin": "trained on the sources listed in training_sources (the second pass of a two-pass tagger if weights_first.bin exists)",
            "weights_first.bin": "first pass of the two-pass tagger (doc_window.txt: its window in sentences)",
    });
    if let Some(m) = resources_meta.as_object_mut() {
        m.retain(|file, _| out_dir.join(file).is_file());
    }
    let meta = serde_json::json!({
        "name": "hadath-ner",
        "version": env!("CARGO_PKG_VERSION"),
        "model": "averaged structured perceptron, first-order, BIO-constrained Viterbi, hashed features",
        "labels": crate::LABELS,
        "hash_bits": cfg.hash_bits,
        "epochs": cfg.epochs,
        "seed": cfg.seed,
        "training_sources": sources_used,
        "resources": resources_meta,
        "licences": "see LICENSE.md",
        "clusters": cluster_info,
        "gazetteer": gaz_stats,
        "dev_scores": dev,
        "data_checks": data_checks,
        "train_seconds": seconds,
        "model_bytes": model_bytes,
        "config": cfg,
    });
    std::fs::write(
        out_dir.join("meta.json"),
        serde_json::to_string_pretty(&meta).unwrap() + "\n",
    )?;

    Ok(TrainReport {
        seconds,
        train_sentences: training.len(),
        train_tokens: tokens_of(&training),
        dev_tokens: tokens_of(&aner_dev),
        model_bytes,
        dev,
        data_checks,
        log: lines,
    })
}

/// The ANERcorp train/dev split used by training (for the benchmark and evaluation tools).
pub fn anercorp_split(
    data_dir: &Path,
    dev_fraction: f64,
) -> Result<(Vec<Sentence>, Vec<Sentence>), NerError> {
    let mut aner = corpus::read_corpus(
        &data_dir.join("ner/anercorp/ANERCorp.head.txt"),
        CorpusFormat::Anercorp,
    )?;
    corpus::map_corpus(&mut aner, CorpusFormat::Anercorp);
    Ok(corpus::split_tail(&aner, dev_fraction))
}
