//! Trains the ASSAULT/PROTEST re-scorers on the GSR dev CSVs, reporting nested k-fold CV first.
//!
//! `cargo run --release -p hadath-events --example train -- [GSR_DIR] [--write]`
//! With `--write` the models trained on all rows go to data/triggers/detector-*.tsv, with the
//! threshold chosen by CV folded into their bias.
//!
//! Scoring follows the rule: `yes` positive, `easy no`/`difficult no` negative,
//! `ambiguous` left out. Each type's model also trains on the other type's rows (features carry
//! a shared and a per-type copy, see `detector::features`). Each fit averages the models of
//! every positive weight and training target (labels, or the annotators' vote share cubed);
//! the inner CV chooses the threshold.
//!
//! Environment switches, for experiments: `REPEATS=n` repeats the nested CV over n fold
//! assignments (the first is the reported one) and prints the mean; `REPOFF=k` starts at fold
//! assignment k instead of 0 (fresh assignments for a second look); `HPAVG=0` lets the inner CV
//! pick one positive weight and target instead of averaging; `DROPOUT=p` drops each feature
//! from each SGD update with probability p (default per type, see `dropout_of`); `STATS=1` prints rows per rule-trigger count and
//! gold, and gold counts by trigger feature, then stops; `JOINT=0` trains each type
//! on its own rows only; `HIST=0` leaves historical events out (asserted only); `AMBIG=1` adds
//! the `ambiguous` rows as training rows with their vote share as target (never scored);
//! `SOFTPOWS=0,3` the target choices (0 = labels); `FEAT_OFF=w=,cl=` leaves out features by
//! name prefix; `EPOCHS`, `L2`, `RATE`, `BAGS`, `POSW` override the training parameters;
//! `DUMP=1` prints the errors of the reported CV; `TOP=1` the largest weights; `NOSHIP=1`
//! skips training the shipped model (CV only); `TYPES=protest` trains and scores only the listed
//! types (the other type's rows still train them); `SKIPTRAIN=ties|difficult` leaves the evenly
//! split negatives, or every `difficult no`, out of training (still scored).
//!
//! Besides the rule, the CV is also reported leaving the evenly split rows (2-2 and
//! the like, all `difficult no`) out of the scoring: a text-only detector cannot tell them
//! from a `yes`.
use hadath_core::{EventType, Modality};
use hadath_events::coder::{code_events_by_rules, DETECT_THRESHOLD};
use hadath_events::detector::{
    average, feature_names, features, hash_features, judged, to_tsv, train_dropout, typed, Model,
};
use hadath_events::gsr::{parse_csv, sentence_document};
use std::collections::BTreeSet;

const FOLDS: usize = 5;
const EPOCHS: usize = 12;
const L2: f32 = 1e-4;
const RATE: f32 = 0.02;
/// Models averaged per fit (the same rows in different orders): one linear model, less noise.
const BAGS: u64 = 20;
const THRESHOLD: f32 = 0.4;
/// Share of an example's features dropped from each SGD update, per type: dropout 0.5 raised
/// the ASSAULT mean F1 over 8 fold assignments (0.651 -> 0.661) and lowered PROTEST's
/// (0.665 -> 0.626 over 4), whose 48 positives need every feature.
fn dropout_of(ty: EventType) -> f32 {
    match ty {
        EventType::Assault => 0.5,
        _ => 0.0,
    }
}
/// Extra weight of a positive example on top of class balancing.
const POS_WEIGHT: f32 = 1.0;
/// Positive weights whose models each fit averages (`HPAVG=0`: one chosen by the inner CV).
const POS_WEIGHTS: [f32; 3] = [0.5, 1.0, 2.0];
/// Training targets whose models each fit averages (`HPAVG=0`: one chosen by the inner CV): 0
/// the labels, else the vote share
/// accept/(accept+reject) to this power (a 2-2 split counts 1/8 of a `yes`, 1-2 1/27).
const SOFT_POWS: [f32; 2] = [0.0, 3.0];

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn env_list<T: std::str::FromStr>(name: &str) -> Option<Vec<T>> {
    std::env::var(name)
        .ok()
        .map(|v| v.split(',').filter_map(|x| x.trim().parse().ok()).collect())
}

/// One row of a GSR file with the features of each event of the file's type.
struct Row {
    /// `yes` true, `easy no`/`difficult no` false, `ambiguous` None (never scored).
    gold: Option<bool>,
    /// The annotators' vote share accept/(accept+reject).
    share: f32,
    text: String,
    /// (features, judged modality) of each event of the type; empty when the rules found none.
    events: Vec<(Vec<u32>, bool)>,
    /// The rules' trigger features of the events (for `STATS=1`).
    trigs: Vec<String>,
}

#[derive(Clone, Copy)]
struct Params {
    /// Training targets: 0 the labels (ambiguous rows: their vote share), else the vote share
    /// to this power.
    soft_pow: f32,
    epochs: usize,
    l2: f32,
    rate: f32,
    bags: u64,
    pos_weight: f32,
    /// Share of an example's features left out of each update.
    dropout: f32,
}

/// The row's score: the best score of its judged events, `None` when it has none.
fn row_score(model: &Model, row: &Row) -> Option<f32> {
    row.events
        .iter()
        .filter(|e| e.1)
        .map(|(x, _)| model.score(x))
        .max_by(|a, b| a.total_cmp(b))
}

fn prf(pairs: impl Iterator<Item = (bool, bool)>) -> (f64, f64, f64) {
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for (g, p) in pairs {
        match (g, p) {
            (true, true) => tp += 1.0,
            (false, true) => fp += 1.0,
            (true, false) => fn_ += 1.0,
            _ => {}
        }
    }
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// The mean precision, recall and F1 of several runs.
fn mean_prf(runs: &[(f64, f64, f64)]) -> (f64, f64, f64) {
    let n = runs.len().max(1) as f64;
    let sum = runs
        .iter()
        .fold((0.0, 0.0, 0.0), |a, x| (a.0 + x.0, a.1 + x.1, a.2 + x.2));
    (sum.0 / n, sum.1 / n, sum.2 / n)
}

fn examples(rows: &[&Row], soft_pow: f32) -> Vec<(Vec<u32>, f32)> {
    let skip = std::env::var("SKIPTRAIN").unwrap_or_default();
    rows.iter()
        .filter(|r| match skip.as_str() {
            // Negatives whose annotators split evenly, or every `difficult no`.
            "ties" => !(r.gold == Some(false) && r.share >= 0.5),
            "difficult" => !(r.gold == Some(false) && r.share > 0.0),
            _ => true,
        })
        .flat_map(|r| {
            let t = match r.gold {
                Some(g) if soft_pow == 0.0 => f32::from(u8::from(g)),
                _ => r.share.powf(soft_pow.max(1.0)),
            };
            r.events.iter().map(move |(x, _)| (x.clone(), t))
        })
        .collect()
}

/// The average of `p.bags` models trained on `rows` and `extra` in different orders, for each
/// parameter set in `ps` (one linear model: the logits average).
fn fit(rows: &[&Row], extra: &[&Row], ps: &[Params]) -> Model {
    let rows: Vec<&Row> = rows.iter().chain(extra).copied().collect();
    let models: Vec<Model> = ps
        .iter()
        .flat_map(|p| {
            let ex = examples(&rows, p.soft_pow);
            (0..p.bags.max(1))
                .map(|b| train_dropout(&ex, p.epochs, p.l2, p.rate, p.pos_weight, b, p.dropout))
                .collect::<Vec<_>>()
        })
        .collect();
    average(&models)
}

/// Out-of-fold scores of `rows` (fold = index mod k; rows are in file order, which is shuffled).
fn oof_scores(rows: &[&Row], extra: &[&Row], folds: usize, p: &[Params]) -> Vec<Option<f32>> {
    let mut out = vec![None; rows.len()];
    for k in 0..folds {
        let train_rows: Vec<&Row> = rows
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != k)
            .map(|(_, r)| *r)
            .collect();
        let model = fit(&train_rows, extra, p);
        for (i, r) in rows.iter().enumerate().filter(|(i, _)| i % folds == k) {
            out[i] = row_score(&model, r);
        }
    }
    out
}

/// Gold and prediction of the scored rows at threshold `t`.
fn decisions<'a>(
    rows: &'a [&Row],
    scores: &'a [Option<f32>],
    t: f32,
) -> impl Iterator<Item = (bool, bool)> + 'a {
    rows.iter()
        .zip(scores)
        .filter_map(move |(r, s)| Some((r.gold?, s.is_some_and(|s| s >= t))))
}

/// The threshold (on a 0.05 grid) with the best F1 of these scores.
fn best_threshold(rows: &[&Row], scores: &[Option<f32>]) -> f32 {
    let mut best = (f64::MIN, THRESHOLD);
    for step in 3..=17 {
        let t = step as f32 * 0.05;
        let f = prf(decisions(rows, scores, t)).2;
        if f > best.0 + 1e-9 {
            best = (f, t);
        }
    }
    best.1
}

/// Chooses the positive weight, the training targets and the threshold by k-fold CV on `rows`
/// alone (`extra` rows only ever train). By default every parameter set's model is averaged
/// into one and only the threshold is chosen; `HPAVG=0` picks one parameter set instead.
fn select(rows: &[&Row], extra: &[&Row], folds: usize, base: Params) -> (Vec<Params>, f32) {
    let weights: Vec<f32> = match std::env::var("POSW") {
        Ok(_) => vec![base.pos_weight],
        Err(_) => POS_WEIGHTS.to_vec(),
    };
    let pows: Vec<f32> = env_list("SOFTPOWS").unwrap_or_else(|| SOFT_POWS.to_vec());
    let all: Vec<Params> = weights
        .iter()
        .flat_map(|&pos_weight| {
            pows.iter().map(move |&soft_pow| Params {
                pos_weight,
                soft_pow,
                ..base
            })
        })
        .collect();
    let candidates: Vec<Vec<Params>> = if env_or("HPAVG", 1) == 1 {
        vec![all]
    } else {
        all.into_iter().map(|p| vec![p]).collect()
    };
    let mut best: Option<(f64, Vec<Params>, f32)> = None;
    for ps in candidates {
        let scores = oof_scores(rows, extra, folds, &ps);
        let thr = best_threshold(rows, &scores);
        let f = prf(decisions(rows, &scores, thr)).2;
        if best.as_ref().map_or(true, |b| f > b.0 + 1e-9) {
            best = Some((f, ps, thr));
        }
    }
    let (_, p, thr) = best.unwrap();
    (p, thr)
}

/// The parameter sets of a fit, for the log and the weight file header.
fn describe(ps: &[Params]) -> String {
    let each: Vec<String> = ps
        .iter()
        .map(|p| format!("posw {} pow {}", p.pos_weight, p.soft_pow))
        .collect();
    let dropout = match ps.first() {
        Some(p) if p.dropout > 0.0 => format!(", dropout {}", p.dropout),
        _ => String::new(),
    };
    if ps.len() > 1 {
        format!(
            "average of {} models ({}){dropout}",
            ps.len(),
            each.join(", ")
        )
    } else {
        format!("{}{dropout}", each.join(""))
    }
}

fn logit(p: f32) -> f32 {
    (p / (1.0 - p)).ln()
}

/// A deterministic permutation of `0..n` (xorshift; `seed` 0 is the identity).
fn permutation(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    if seed == 0 {
        return order;
    }
    let mut s = seed.wrapping_mul(0x9e3779b97f4a7c15) | 1;
    for i in (1..n).rev() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        order.swap(i, (s % (i as u64 + 1)) as usize);
    }
    order
}

/// Result of one nested CV run.
struct Nested {
    prf: (f64, f64, f64),
    fold_f1: Vec<f64>,
    /// Per outer fold: positive weight, target power, threshold.
    chosen: Vec<(String, f32)>,
    /// Pooled scores at the fixed threshold.
    fixed: (f64, f64, f64),
    /// Pooled scores leaving out the rows whose annotators split evenly (e.g. 2-2): the GSR
    /// counts them as negatives, yet a text-only detector cannot tell them from a `yes`.
    untied: (f64, f64, f64),
}

/// Nested k-fold CV: each outer fold's parameters and threshold come from an inner CV on its
/// training rows only, so no test row ever shapes its own prediction. Fold `k` holds the rows
/// at positions `k, k + FOLDS, ...` of `order`.
fn nested(
    rows: &[&Row],
    extra: &[&Row],
    order: &[usize],
    params: Params,
    dump: Option<EventType>,
) -> Nested {
    let mut fold_of = vec![0; rows.len()];
    for (pos, &i) in order.iter().enumerate() {
        fold_of[i] = pos % FOLDS;
    }
    let mut oof: Vec<(bool, bool)> = Vec::new();
    let mut oof_fixed: Vec<(bool, bool)> = Vec::new();
    let mut oof_untied: Vec<(bool, bool)> = Vec::new();
    let mut fold_f1 = Vec::new();
    let mut chosen = Vec::new();
    for k in 0..FOLDS {
        let train_rows: Vec<&Row> = order
            .iter()
            .filter(|&&i| fold_of[i] != k)
            .map(|&i| rows[i])
            .collect();
        let (p_k, thr) = select(&train_rows, extra, FOLDS - 1, params);
        chosen.push((describe(&p_k), thr));
        let model = fit(&train_rows, extra, &p_k);
        let mut preds = Vec::new();
        for &i in order.iter().filter(|&&i| fold_of[i] == k) {
            let r = rows[i];
            let Some(gold) = r.gold else { continue };
            let s = row_score(&model, r);
            let p = s.is_some_and(|s| s >= thr);
            preds.push((gold, p));
            if (r.share - 0.5).abs() > 1e-6 {
                oof_untied.push((gold, p));
            }
            oof_fixed.push((gold, s.is_some_and(|s| s >= THRESHOLD)));
            if let Some(ty) = dump.filter(|_| p != gold) {
                println!(
                    "{} {}\t{:.2}\t{}",
                    ty.as_str(),
                    if gold { "FN" } else { "FP" },
                    s.unwrap_or(-1.0),
                    r.text
                );
            }
        }
        fold_f1.push(prf(preds.iter().copied()).2);
        oof.extend(preds);
    }
    Nested {
        prf: prf(oof.into_iter()),
        fold_f1,
        chosen,
        fixed: prf(oof_fixed.into_iter()),
        untied: prf(oof_untied.into_iter()),
    }
}

/// Reads one GSR file: rows with the features of each event of the type.
fn load(
    path: &str,
    ty: EventType,
    ambiguous: bool,
    hist: bool,
    off: &[String],
    names_seen: &mut BTreeSet<String>,
) -> Vec<Row> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let rows = parse_csv(&text);
    let h = &rows[0];
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (ci, cl, cx) = (col("id"), col("label"), col("text"));
    let (ca, cr) = (col("accept"), col("reject"));
    let mut data: Vec<Row> = Vec::new();
    for r in rows.iter().skip(1).filter(|r| r.len() > cx) {
        let gold = match r[cl].as_str() {
            "yes" => Some(true),
            "easy no" | "difficult no" => Some(false),
            _ if ambiguous => None,
            _ => continue,
        };
        let votes = |c: usize| r[c].trim().parse::<f32>().unwrap_or(0.0);
        let share = votes(ca) / (votes(ca) + votes(cr)).max(1.0);
        let mut a = annotate(&r[ci], &r[cx]);
        code_events_by_rules(&mut a);
        let mut trigs = Vec::new();
        let events = a
            .events
            .iter()
            .filter(|e| e.event_type == ty)
            .map(|e| {
                let names: Vec<String> = feature_names(&a, e)
                    .into_iter()
                    .filter(|n| !off.iter().any(|p| n.starts_with(p.as_str())))
                    .collect();
                let names = typed(ty, names);
                let x = hash_features(&names);
                if off.is_empty() {
                    debug_assert_eq!(x, features(&a, e));
                }
                trigs.extend(
                    names
                        .iter()
                        .filter(|n| {
                            n.starts_with("trig=")
                                || n.starts_with("mod=")
                                || n.starts_with("tpart=")
                                || n.starts_with("tstem=")
                        })
                        .cloned(),
                );
                names_seen.extend(names);
                let judge = if hist {
                    judged(e.modality)
                } else {
                    e.modality == Modality::Asserted
                };
                (x, judge)
            })
            .collect();
        data.push(Row {
            gold,
            share,
            text: r[cx].clone(),
            events,
            trigs,
        });
    }
    data
}

/// A gold sentence through hadath's pipeline up to the actors, as `hadath extract` and
/// `hadath evaluate events` see it: the re-scorer's entity and actor features come from there.
fn annotate(id: &str, text: &str) -> hadath_core::Analysis {
    static PIPELINE: std::sync::OnceLock<hadath::Pipeline> = std::sync::OnceLock::new();
    PIPELINE
        .get_or_init(|| hadath::Pipeline::new(hadath::PipelineOptions::default()))
        .analyze_before_events(sentence_document(id, text))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let write = args.iter().any(|a| a == "--write");
    let dump = std::env::var("DUMP").is_ok();
    let ambiguous = env_or("AMBIG", 0) == 1;
    let repeats: u64 = env_or("REPEATS", 1);
    let hist = env_or("HIST", 1) == 1;
    let joint = env_or("JOINT", 1) == 1;
    let off: Vec<String> = env_list("FEAT_OFF").unwrap_or_default();
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "../shared/data/events/arabic_event_gsr".into());
    let params = Params {
        soft_pow: 0.0,
        epochs: env_or("EPOCHS", EPOCHS),
        l2: env_or("L2", L2),
        rate: env_or("RATE", RATE),
        bags: env_or("BAGS", BAGS),
        pos_weight: env_or("POSW", POS_WEIGHT),
        dropout: 0.0,
    };
    let types = [
        ("assault", EventType::Assault),
        ("protest", EventType::Protest),
    ];
    let mut names_seen = BTreeSet::new();
    let loaded: Vec<Vec<Row>> = types
        .iter()
        .map(|(name, ty)| {
            let path = format!("{dir}/{name}_gsr.dev.csv");
            load(&path, *ty, ambiguous, hist, &off, &mut names_seen)
        })
        .collect();
    let only: Option<Vec<String>> = env_list("TYPES");
    for (t, (name, ty)) in types.into_iter().enumerate() {
        if only.as_ref().is_some_and(|o| !o.iter().any(|x| x == name)) {
            continue;
        }
        let params = Params {
            dropout: env_or("DROPOUT", dropout_of(ty)),
            ..params
        };
        let data = &loaded[t];
        // The other type's scored rows train this type's model too (never scored here).
        let extra: Vec<&Row> = if joint {
            loaded[1 - t].iter().filter(|r| r.gold.is_some()).collect()
        } else {
            Vec::new()
        };
        let all: Vec<&Row> = data.iter().collect();
        if env_or("STATS", 0) == 1 {
            let mut hist = std::collections::BTreeMap::new();
            for r in data.iter().filter(|r| r.gold.is_some()) {
                *hist
                    .entry((r.events.len().min(5), r.gold.unwrap()))
                    .or_insert(0) += 1;
            }
            println!("events per row (n, gold) -> rows: {hist:?}");
            let mut by: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
            for r in data.iter().filter(|r| r.gold.is_some()) {
                for t in r.trigs.iter().collect::<BTreeSet<_>>() {
                    let e = by.entry(t.clone()).or_default();
                    if r.gold == Some(true) {
                        e.0 += 1
                    } else {
                        e.1 += 1
                    }
                }
            }
            let mut v: Vec<_> = by.into_iter().collect();
            v.sort_by_key(|x| std::cmp::Reverse(x.1 .0 + x.1 .1));
            for (t, (p, n)) in v.iter().take(60) {
                println!("  {t}\t{p}\t{n}");
            }
            continue;
        }
        let scored = || data.iter().filter_map(|r| Some((r.gold?, r)));
        let rules = prf(scored().map(|(g, r)| (g, r.events.iter().any(|e| e.1))));
        println!(
            "{}: {} rows ({} yes, {} training-only, {} rows of the other type). rules only (any judged trigger): P {:.3} R {:.3} F1 {:.3}",
            ty.as_str(),
            scored().count(),
            scored().filter(|(g, _)| *g).count(),
            data.len() - scored().count(),
            extra.len(),
            rules.0,
            rules.1,
            rules.2
        );
        // The human reference under the same rule: one annotator of each row's panel.
        let mut annotator = hadath_events::gsr::AnnotatorReference::default();
        for (g, r) in scored() {
            annotator.add(g, f64::from(r.share));
        }
        println!(
            "{}: one annotator of the row's panel, expected under the same rule: P {:.3} R {:.3} F1 {:.3}",
            ty.as_str(),
            annotator.precision(),
            annotator.recall(),
            annotator.f1()
        );
        let mut repeated = Vec::new();
        let mut untied = Vec::new();
        for rep in 0..repeats {
            let order = permutation(all.len(), rep + env_or("REPOFF", 0u64));
            let n = nested(
                &all,
                &extra,
                &order,
                params,
                (dump && rep == 0).then_some(ty),
            );
            let (p, r, f) = n.prf;
            if rep == 0 {
                let fixed = n.fixed;
                println!(
                    "{}: {FOLDS}-fold CV at fixed threshold {THRESHOLD}: P {:.3} R {:.3} F1 {:.3}",
                    ty.as_str(),
                    fixed.0,
                    fixed.1,
                    fixed.2
                );
                println!(
                    "{}: {FOLDS}-fold nested CV (inner-chosen parameters, threshold {:?}) pooled P {p:.3} R {r:.3} F1 {f:.3}; per fold F1 {:?}",
                    ty.as_str(),
                    n.chosen,
                    n.fold_f1
                        .iter()
                        .map(|x| (x * 1000.0).round() / 1000.0)
                        .collect::<Vec<_>>()
                );
            }
            repeated.push(n.prf);
            untied.push(n.untied);
        }
        if repeats > 1 {
            let (p, r, f) = mean_prf(&untied);
            println!(
                "{}: the same, leaving the evenly split rows out of the scoring: mean P {p:.3} R {r:.3} F1 {f:.3}",
                ty.as_str(),
            );
            let (p, r, f) = mean_prf(&repeated);
            println!(
                "{}: nested CV over {repeats} fold assignments: mean P {p:.3} R {r:.3} F1 {f:.3}; F1 {:?}",
                ty.as_str(),
                repeated
                    .iter()
                    .map(|x| (x.2 * 1000.0).round() / 1000.0)
                    .collect::<Vec<_>>()
            );
        }
        let f = repeated[0].2;
        if env_or("NOSHIP", 0) == 1 {
            continue;
        }
        // The shipped model: parameters and threshold from CV on all rows, the threshold folded
        // into the bias so that the coder's fixed DETECT_THRESHOLD applies.
        let (chosen, thr) = select(&all, &extra, FOLDS, params);
        let mut model = fit(&all, &extra, &chosen);
        model.bias += logit(DETECT_THRESHOLD) - logit(thr);
        if std::env::var("TOP").is_ok() {
            let mut ws: Vec<(f32, &String)> = names_seen
                .iter()
                .filter_map(|n| {
                    let k = hash_features(std::slice::from_ref(n))[0];
                    Some((*model.weights.get(&k)?, n))
                })
                .collect();
            ws.sort_by(|a, b| b.0.total_cmp(&a.0));
            for (w, n) in ws.iter().take(30).chain(ws.iter().rev().take(30)) {
                println!("  {w:+.3} {n}");
            }
        }
        let (tp, tr, tf) = prf(scored().map(|(g, r)| {
            (
                g,
                row_score(&model, r).is_some_and(|s| s >= DETECT_THRESHOLD),
            )
        }));
        println!(
            "{}: shipped {}, threshold {thr:.2}; train-set (optimistic) P {tp:.3} R {tr:.3} F1 {tf:.3}",
            ty.as_str(),
            describe(&chosen),
        );
        if write {
            let header = format!(
                "hadath {} re-scorer: logistic regression over hashed features (detector.rs).\n\
                 Trained on arabic_event_gsr {name}_gsr.dev.csv (MIT), {} rows, and the other type's {} rows; {FOLDS}-fold nested CV F1 {f:.3}.\n\
                 Parameters: {}; CV-chosen threshold {thr:.2} folded into the bias (coder threshold {DETECT_THRESHOLD}).\n\
                 Rebuild: cargo run --release -p hadath-events --example train -- ../shared/data/events/arabic_event_gsr --write",
                ty.as_str(), data.len(), extra.len(), describe(&chosen)
            );
            let path = format!(
                "{}/../../data/triggers/detector-{name}.tsv",
                env!("CARGO_MANIFEST_DIR")
            );
            std::fs::write(&path, to_tsv(&model, &header)).unwrap();
            println!("wrote {path}");
        }
    }
}
