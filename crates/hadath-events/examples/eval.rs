//! Runs `evaluate_gsr_with` on a directory (default: ../shared/data/events/arabic_event_gsr),
//! sentences annotated by hadath's pipeline up to the actors, as `hadath evaluate events` does.
fn main() {
    let pipeline = hadath::Pipeline::new(hadath::PipelineOptions::default());
    let annotate = |id: &str, text: &str| {
        pipeline.analyze_before_events(hadath_events::gsr::sentence_document(id, text))
    };
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/events/arabic_event_gsr".into());
    match hadath_events::evaluate_gsr_with(std::path::Path::new(&dir), &annotate) {
        Ok(report) => print!("{report}"),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
