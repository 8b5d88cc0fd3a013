//! Trains the ASSAULT/PROTEST re-scorers on the GSR dev CSVs, reporting k-fold CV first.
//!
//! `cargo run --release -p hadath-events --example train -- [GSR_DIR] [--write]`
//! With `--write` the models trained on all rows go to data/triggers/detector-*.tsv.
use hadath_core::{EventType, Modality};
use hadath_events::coder::code_events_by_rules;
use hadath_events::detector::{features, to_tsv, train, Model};
use hadath_events::gsr::{annotate_sentence, parse_csv};

const FOLDS: usize = 5;
const EPOCHS: usize = 12;
const L2: f32 = 1e-4;
const RATE: f32 = 0.05;
const THRESHOLD: f32 = 0.4;

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One row: per trigger-bearing row, the features of its best event of the type, and gold.
struct Row {
    gold: bool,
    /// (features, asserted) of each event of the type; empty when the rules found none.
    events: Vec<(Vec<u32>, bool)>,
}

fn predict(model: &Model, row: &Row) -> bool {
    row.events
        .iter()
        .any(|(x, asserted)| *asserted && model.score(x) >= env_or("THR", THRESHOLD))
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

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let write = args.iter().any(|a| a == "--write");
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "/work/shared/data/events/arabic_event_gsr".into());
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
                .map(|e| {
                    (
                        features(&a, e),
                        e.modality == Modality::Asserted
                            || (std::env::var("HIST").is_ok()
                                && e.modality == Modality::Historical),
                    )
                })
                .collect();
            data.push(Row { gold, events });
        }
        let examples = |rows: &[&Row]| -> Vec<(Vec<u32>, bool)> {
            rows.iter()
                .flat_map(|r| r.events.iter().map(move |(x, _)| (x.clone(), r.gold)))
                .collect()
        };
        // k-fold CV: fold = row index mod k (rows are in file order, which is shuffled).
        let mut oof: Vec<(bool, bool)> = Vec::new();
        let mut fold_f1 = Vec::new();
        for k in 0..FOLDS {
            let train_rows: Vec<&Row> = data
                .iter()
                .enumerate()
                .filter(|(i, _)| i % FOLDS != k)
                .map(|(_, r)| r)
                .collect();
            let test_rows: Vec<&Row> = data
                .iter()
                .enumerate()
                .filter(|(i, _)| i % FOLDS == k)
                .map(|(_, r)| r)
                .collect();
            let model = train(
                &examples(&train_rows),
                env_or("EPOCHS", EPOCHS),
                env_or("L2", L2),
                env_or("RATE", RATE),
            );
            let preds: Vec<(bool, bool)> = test_rows
                .iter()
                .map(|r| (r.gold, predict(&model, r)))
                .collect();
            fold_f1.push(prf(preds.iter().copied()).2);
            oof.extend(preds);
        }
        let (p, r, f) = prf(oof.iter().copied());
        let rules = prf(data.iter().map(|r| (r.gold, r.events.iter().any(|e| e.1))));
        println!(
            "{}: {} rows ({} yes). rules only (any asserted trigger): P {:.3} R {:.3} F1 {:.3}",
            ty.as_str(),
            data.len(),
            data.iter().filter(|r| r.gold).count(),
            rules.0,
            rules.1,
            rules.2
        );
        println!(
            "{}: {FOLDS}-fold CV pooled P {:.3} R {:.3} F1 {:.3}; per fold F1 {:?}",
            ty.as_str(),
            p,
            r,
            f,
            fold_f1
                .iter()
                .map(|x| (x * 1000.0).round() / 1000.0)
                .collect::<Vec<_>>()
        );
        let all: Vec<&Row> = data.iter().collect();
        let model = train(
            &examples(&all),
            env_or("EPOCHS", EPOCHS),
            env_or("L2", L2),
            env_or("RATE", RATE),
        );
        let (tp, tr, tf) = prf(data.iter().map(|r| (r.gold, predict(&model, r))));
        println!(
            "{}: train-set (optimistic) P {tp:.3} R {tr:.3} F1 {tf:.3}",
            ty.as_str()
        );
        if write {
            let header = format!(
                "hadath {} re-scorer: logistic regression over hashed features (detector.rs).\n\
                 Trained on arabic_event_gsr {name}_gsr.dev.csv (MIT), {} rows; {FOLDS}-fold CV F1 {f:.3}.\n\
                 Rebuild: cargo run --release -p hadath-events --example train -- --write",
                ty.as_str(), data.len()
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
