//! Sentences per second of the event coder.
//!
//! `cargo run --release -p hadath-events --example bench [GSR_DIR]`: codes every sentence of the
//! GSR CSVs (or, without them, the founding example many times), timing the coder alone (the
//! pipeline up to the actors runs beforehand, outside the clock) and the two together.
use hadath_events::gsr::{parse_csv, sentence_document};
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
    // Sentences annotated by the pipeline up to the actors (as in `hadath extract`); only the
    // coder is timed. One warm-up run loads the lexicon and models.
    let pipeline = hadath::Pipeline::new(hadath::PipelineOptions::default());
    let annotate =
        |id: &str, text: &str| pipeline.analyze_before_events(sentence_document(id, text));
    let mut warm = annotate("w", &texts[0].1);
    hadath_events::code_events(&mut warm);
    let start = Instant::now();
    let mut analyses: Vec<_> = texts.iter().map(|(id, t)| annotate(id, t)).collect();
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
        "{} documents, {sentences} sentences, {events} events\ncoder alone: {:.0} sentences/s ({:.2?})\npipeline to the actors + coder: {:.0} sentences/s",
        texts.len(),
        sentences as f64 / code.as_secs_f64(),
        code,
        sentences as f64 / (code + annotating).as_secs_f64()
    );
}
