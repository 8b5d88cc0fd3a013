//! Sentences per second of the event coder.
//!
//! `cargo run --release -p hadath-events --example bench [GSR_DIR] [PLOVER_FILE]`: codes every
//! sentence of the GSR CSVs (or, without them, the founding example many times), timing the
//! coder alone (the pipeline up to the actors runs beforehand, outside the clock) and the two
//! together; then the same for the English sentences of the PLOVER gold-standard records
//! (default `../shared/data/events/plover/PLOVER_GSR_CAMEO.txt`), when the file is there.
use hadath_core::Document;
use hadath_events::gsr::{parse_csv, sentence_document};
use hadath_events::plover_gsr::{parse_plover_gsr, record_document};
use std::time::Instant;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/events/arabic_event_gsr".into());
    let mut texts: Vec<(String, String)> = Vec::new();
    for name in ["assault_gsr.dev.csv", "protest_gsr.dev.csv"] {
        if let Ok(t) = std::fs::read_to_string(format!("{dir}/{name}")) {
            let rows = parse_csv(&t);
            let h = &rows[0];
            let ci = h.iter().position(|x| x == "id").unwrap();
            let cx = h.iter().position(|x| x == "text").unwrap();
            texts.extend(
                rows.iter()
                    .skip(1)
                    .filter(|r| r.len() > cx)
                    .map(|r| (r[ci].clone(), r[cx].clone())),
            );
        }
    }
    if texts.is_empty() {
        let daraa = include_str!("../../../examples/daraa-2018-07-04.ar.txt");
        texts = (0..300)
            .map(|i| (format!("daraa-{i}"), daraa.to_string()))
            .collect();
    }
    let pipeline = hadath::Pipeline::new(hadath::PipelineOptions::default());
    let arabic: Vec<Document> = texts
        .iter()
        .map(|(id, t)| sentence_document(id, t))
        .collect();
    run("Arabic (GSR)", &pipeline, arabic);
    let plover = std::env::args()
        .nth(2)
        .unwrap_or_else(|| "../shared/data/events/plover/PLOVER_GSR_CAMEO.txt".into());
    if let Ok(text) = std::fs::read_to_string(&plover) {
        let records = parse_plover_gsr(&text).expect("a PLOVER gold-standard file");
        // 322 sentences are too few to time: each is coded 20 times.
        let english: Vec<Document> = (0..20)
            .flat_map(|_| records.iter().map(record_document))
            .collect();
        run("English (PLOVER records x20)", &pipeline, english);
    }
}

/// Sentences annotated by the pipeline up to the actors (as in `hadath extract`), then coded;
/// the coder alone is timed, and the two together. A warm-up run loads lexicons and models.
fn run(label: &str, pipeline: &hadath::Pipeline, documents: Vec<Document>) {
    let mut warm = pipeline.analyze_before_events(documents[0].clone());
    hadath_events::code_events(&mut warm);
    let count = documents.len();
    let start = Instant::now();
    let mut analyses: Vec<_> = documents
        .into_iter()
        .map(|d| pipeline.analyze_before_events(d))
        .collect();
    let annotating = start.elapsed();
    let sentences: usize = analyses.iter().map(|a| a.sentences.len()).sum();
    let start = Instant::now();
    let mut events = 0;
    for a in analyses.iter_mut() {
        hadath_events::code_events(a);
        events += a.events.len();
    }
    let code = start.elapsed();
    println!(
        "{label}: {count} documents, {sentences} sentences, {events} events\n  coder alone: {:.0} sentences/s ({:.2?})\n  pipeline to the actors + coder: {:.0} sentences/s",
        sentences as f64 / code.as_secs_f64(),
        code,
        sentences as f64 / (code + annotating).as_secs_f64()
    );
}
