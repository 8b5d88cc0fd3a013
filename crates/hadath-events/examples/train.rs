//! Trains the ASSAULT/PROTEST re-scorers on the GSR dev CSVs, reporting k-fold CV first.
//!
//! `cargo run --release -p hadath-events --example train -- [GSR_DIR] [--write]`
//! With `--write` the models trained on all rows go to data/triggers/detector-*.tsv, with the
//! threshold chosen by CV folded into their bias.
use hadath_core::EventType;
use hadath_events::coder::{code_events_by_rules, DETECT_THRESHOLD};
use hadath_events::detector::{counts, features, to_tsv, train_weighted, Model};
use hadath_events::gsr::{annotate_sentence, parse_csv};

const FOLDS: usize = 5;
const EPOCHS: usize = 12;
const L2: f32 = 1e-4;
const RATE: f32 = 0.05;
const THRESHOLD: f32 = 0.4;
/// Extra weight of a positive example on top of class balancing.
const POS_WEIGHT: f32 = 1.0;
/// Positive weights tried by the (inner) model selection.
const POS_WEIGHTS: [f32; 3] = [0.5, 1.0, 2.0];

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One row: per trigger-bearing row, the features of its best event of the type, and gold.
struct Row {
    gold: bool,
    text: String,
    /// (features, counted modality) of each event of the type; empty when the rules found none.
    events: Vec<(Vec<u32>, bool)>,
}

#[derive(Clone, Copy)]
struct Params {
    epochs: usize,
    l2: f32,
    rate: f32,
    pos_weight: f32,
}

/// The row's score: the best score of its counted events, `None` when it has none.
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

fn examples(rows: &[&Row]) -> Vec<(Vec<u32>, bool)> {
    rows.iter()
        .flat_map(|r| r.events.iter().map(move |(x, _)| (x.clone(), r.gold)))
        .collect()
}

fn fit(rows: &[&Row], p: Params) -> Model {
    train_weighted(&examples(rows), p.epochs, p.l2, p.rate, p.pos_weight)
}

/// Out-of-fold scores of `rows` (fold = index mod k; rows are in file order, which is shuffled).
fn oof_scores(rows: &[&Row], folds: usize, p: Params) -> Vec<Option<f32>> {
    let mut out = vec![None; rows.len()];
    for k in 0..folds {
        let train_rows: Vec<&Row> = rows
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != k)
            .map(|(_, r)| *r)
            .collect();
        let model = fit(&train_rows, p);
        for (i, r) in rows.iter().enumerate().filter(|(i, _)| i % folds == k) {
            out[i] = row_score(&model, r);
        }
    }
    out
}

/// The threshold (on a 0.05 grid) with the best F1 of these scores.
fn best_threshold(rows: &[&Row], scores: &[Option<f32>]) -> f32 {
    let mut best = (f64::MIN, THRESHOLD);
    for step in 3..=17 {
        let t = step as f32 * 0.05;
        let f = prf(rows
            .iter()
            .zip(scores)
            .map(|(r, s)| (r.gold, s.is_some_and(|s| s >= t))))
        .2;
        if f > best.0 + 1e-9 {
            best = (f, t);
        }
    }
    best.1
}

/// Chooses the positive weight and threshold by k-fold CV on `rows` alone (the positive
/// weight from [`POS_WEIGHTS`] unless `POSW` fixes it).
fn select(rows: &[&Row], folds: usize, base: Params) -> (Params, f32) {
    let grid: Vec<f32> = match std::env::var("POSW") {
        Ok(_) => vec![base.pos_weight],
        Err(_) => POS_WEIGHTS.to_vec(),
    };
    let mut best: Option<(f64, Params, f32)> = None;
    for pw in grid {
        let p = Params {
            pos_weight: pw,
            ..base
        };
        let scores = oof_scores(rows, folds, p);
        let thr = best_threshold(rows, &scores);
        let f = prf(rows
            .iter()
            .zip(&scores)
            .map(|(r, s)| (r.gold, s.is_some_and(|s| s >= thr))))
        .2;
        if best.as_ref().is_none_or(|b| f > b.0 + 1e-9) {
            best = Some((f, p, thr));
        }
    }
    let (_, p, thr) = best.unwrap();
    (p, thr)
}

fn logit(p: f32) -> f32 {
    (p / (1.0 - p)).ln()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let write = args.iter().any(|a| a == "--write");
    let dump = std::env::var("DUMP").is_ok();
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "../shared/data/events/arabic_event_gsr".into());
    let params = Params {
        epochs: env_or("EPOCHS", EPOCHS),
        l2: env_or("L2", L2),
        rate: env_or("RATE", RATE),
        pos_weight: env_or("POSW", POS_WEIGHT),
    };
    for (name, ty) in [
        ("assault", EventType::Assault),
        ("protest", EventType::Protest),
    ] {
        let text = std::fs::read_to_string(format!("{dir}/{name}_gsr.dev.csv")).unwrap();
        let rows = parse_csv(&text);
        let h = &rows[0];
        let col = |n: &str| h.iter().position(|x| x == n).unwrap();
        let (ci, cl, cx) = (col("id"), col("label"), col("text"));
        let mut data: Vec<Row> = Vec::new();
        for r in rows.iter().skip(1).filter(|r| r.len() > cx) {
            let gold = match r[cl].as_str() {
                "yes" => true,
                "easy no" | "difficult no" => false,
                _ => continue,
            };
            let mut a = annotate_sentence(&r[ci], &r[cx]);
            code_events_by_rules(&mut a);
            let events = a
                .events
                .iter()
                .filter(|e| e.event_type == ty)
                .map(|e| (features(&a, e), counts(e.modality)))
                .collect();
            data.push(Row {
                gold,
                text: r[cx].clone(),
                events,
            });
        }
        let all: Vec<&Row> = data.iter().collect();
        // Nested k-fold CV: each outer fold's threshold comes from an inner CV on its
        // training rows only, so no test row ever shapes its own prediction.
        let mut oof: Vec<(bool, bool)> = Vec::new();
        let mut oof_fixed: Vec<(bool, bool)> = Vec::new();
        let mut fold_f1 = Vec::new();
        let mut thresholds = Vec::new();
        for k in 0..FOLDS {
            let train_rows: Vec<&Row> = all
                .iter()
                .enumerate()
                .filter(|(i, _)| i % FOLDS != k)
                .map(|(_, r)| *r)
                .collect();
            let (p_k, thr) = select(&train_rows, FOLDS - 1, params);
            thresholds.push((p_k.pos_weight, thr));
            let model = fit(&train_rows, p_k);
            let mut preds = Vec::new();
            for (_, r) in all.iter().enumerate().filter(|(i, _)| i % FOLDS == k) {
                let s = row_score(&model, r);
                let p = s.is_some_and(|s| s >= thr);
                preds.push((r.gold, p));
                oof_fixed.push((r.gold, s.is_some_and(|s| s >= THRESHOLD)));
                if dump && p != r.gold {
                    println!(
                        "{} {}\t{:.2}\t{}",
                        ty.as_str(),
                        if r.gold { "FN" } else { "FP" },
                        s.unwrap_or(-1.0),
                        r.text
                    );
                }
            }
            fold_f1.push(prf(preds.iter().copied()).2);
            oof.extend(preds);
        }
        let (p, r, f) = prf(oof.iter().copied());
        let fixed = prf(oof_fixed.iter().copied());
        let rules = prf(data.iter().map(|r| (r.gold, r.events.iter().any(|e| e.1))));
        println!(
            "{}: {} rows ({} yes). rules only (any counted trigger): P {:.3} R {:.3} F1 {:.3}",
            ty.as_str(),
            data.len(),
            data.iter().filter(|r| r.gold).count(),
            rules.0,
            rules.1,
            rules.2
        );
        println!(
            "{}: {FOLDS}-fold CV at fixed threshold {THRESHOLD}: P {:.3} R {:.3} F1 {:.3}",
            ty.as_str(),
            fixed.0,
            fixed.1,
            fixed.2
        );
        println!(
            "{}: {FOLDS}-fold nested CV (inner-chosen positive weight, threshold {:?}) pooled P {:.3} R {:.3} F1 {:.3}; per fold F1 {:?}",
            ty.as_str(),
            thresholds,
            p,
            r,
            f,
            fold_f1
                .iter()
                .map(|x| (x * 1000.0).round() / 1000.0)
                .collect::<Vec<_>>()
        );
        // The shipped model: threshold from CV on all rows, folded into the bias so that the
        // coder's fixed DETECT_THRESHOLD applies.
        let (chosen, thr) = select(&all, FOLDS, params);
        let mut model = fit(&all, chosen);
        model.bias += logit(DETECT_THRESHOLD) - logit(thr);
        let (tp, tr, tf) = prf(data.iter().map(|r| {
            (
                r.gold,
                row_score(&model, r).is_some_and(|s| s >= DETECT_THRESHOLD),
            )
        }));
        println!(
            "{}: shipped positive weight {} threshold {thr:.2}; train-set (optimistic) P {tp:.3} R {tr:.3} F1 {tf:.3}",
            ty.as_str(),
            chosen.pos_weight
        );
        if write {
            let header = format!(
                "hadath {} re-scorer: logistic regression over hashed features (detector.rs).\n\
                 Trained on arabic_event_gsr {name}_gsr.dev.csv (MIT), {} rows; {FOLDS}-fold nested CV F1 {f:.3}.\n\
                 CV-chosen positive weight {}, threshold {thr:.2} folded into the bias (coder threshold {DETECT_THRESHOLD}).\n\
                 Rebuild: cargo run --release -p hadath-events --example train -- --write",
                ty.as_str(), data.len(), chosen.pos_weight
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
