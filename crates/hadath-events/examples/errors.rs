//! Prints what the coder gets wrong, for error analysis.
//!
//! `errors FILE.csv [fp|fn|all]`: the sentences whose detection is wrong, with the triggers coded.
//! `errors FILE.json [source|target]`: the span items whose coded actor (source) or recipient
//! (target) does not share a word with the gold one, with the event coded.
use hadath_core::{Analysis, EventType};
use hadath_events::gsr::{detects, parse_csv, sentence_document};

fn main() {
    let pipeline = hadath::Pipeline::new(hadath::PipelineOptions::default());
    let annotate = |id: &str, text: &str| {
        // The whole pipeline, as `hadath evaluate events` runs it.
        let mut a = pipeline.analyze_before_events(sentence_document(id, text));
        hadath_events::code_events(&mut a);
        a
    };
    let mut args = std::env::args().skip(1);
    let file = args
        .next()
        .expect("usage: errors FILE.csv [fp|fn|all] | FILE.json [source|target]");
    let which = args.next();
    let text = std::fs::read_to_string(&file).unwrap();
    if file.ends_with(".json") {
        spans(&text, which.as_deref().unwrap_or("target"), &annotate);
        return;
    }
    let which = which.unwrap_or_else(|| "fp".into());
    let rows = parse_csv(&text);
    let h = &rows[0];
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (ct, ci, cl, cx) = (col("event_type"), col("id"), col("label"), col("text"));
    for r in rows.iter().skip(1).filter(|r| r.len() > cx) {
        let gold = match r[cl].as_str() {
            "yes" => true,
            "easy no" | "difficult no" => false,
            _ => continue,
        };
        let ty = EventType::parse(&r[ct]).unwrap();
        let a = annotate(&r[ci], &r[cx]);
        let pred = detects(&a, ty);
        let show = match which.as_str() {
            "fp" => pred && !gold,
            "fn" => gold && !pred,
            _ => true,
        };
        if !show {
            continue;
        }
        let evs: Vec<String> = a
            .events
            .iter()
            .filter(|e| e.event_type == ty)
            .map(|e| {
                format!(
                    "{}:{:?}:{:.2}",
                    e.trigger.slice(a.text()),
                    e.modality,
                    e.confidence
                )
            })
            .collect();
        println!(
            "{}\t{}\t{}\t{}",
            r[cl],
            evs.join(" | "),
            r[ci],
            r[cx].chars().take(160).collect::<String>()
        );
    }
}

/// Span items whose most confident event of the gold type has an actor (`source`) or recipient
/// (`target`) sharing no word with the gold, as `hadath evaluate events` scores them.
fn spans(text: &str, which: &str, annotate: &dyn Fn(&str, &str) -> Analysis) {
    let items: Vec<serde_json::Value> = serde_json::from_str(text).unwrap();
    let key = if which == "source" {
        "source_gold"
    } else {
        "target_gold"
    };
    for item in &items {
        let get = |k: &str| item.get(k).and_then(|v| v.as_str()).unwrap_or("");
        let gold = get(key).trim();
        let Some(ty) = EventType::parse(get("event_type")) else {
            continue;
        };
        if gold.is_empty() {
            continue;
        }
        let a = annotate(get("source"), get("text"));
        let t = a.text();
        let Some(e) = a
            .events
            .iter()
            .filter(|e| e.event_type == ty)
            .max_by(|x, y| x.confidence.total_cmp(&y.confidence))
        else {
            println!("NOEVENT\tgold [{gold}]\t{}", get("text"));
            continue;
        };
        let coded = if which == "source" {
            &e.actor
        } else {
            &e.recipient
        };
        let coded: Vec<&str> = coded.iter().map(|p| p.span.slice(t)).collect();
        if hadath_events::gsr::span_agrees(&coded, gold) {
            continue;
        }
        println!(
            "{}\tgold [{gold}]\tcoded [{}]\ttrigger [{}]\t{}",
            if coded.is_empty() { "EMPTY" } else { "WRONG" },
            coded.join(" / "),
            e.trigger.slice(t),
            get("text")
        );
    }
}
