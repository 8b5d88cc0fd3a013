//! Prints the sentences the detector gets wrong, with the triggers it coded (for error analysis).
use hadath_core::EventType;
use hadath_events::gsr::{detects, parse_csv, sentence_document};

fn main() {
    let pipeline = hadath::Pipeline::new(hadath::PipelineOptions::default());
    let mut args = std::env::args().skip(1);
    let file = args.next().expect("usage: errors FILE.csv [fp|fn|all]");
    let which = args.next().unwrap_or_else(|| "fp".into());
    let text = std::fs::read_to_string(&file).unwrap();
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
        // The whole pipeline, as `hadath evaluate events` runs it.
        let mut a = pipeline.analyze_before_events(sentence_document(&r[ci], &r[cx]));
        hadath_events::code_events(&mut a);
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
