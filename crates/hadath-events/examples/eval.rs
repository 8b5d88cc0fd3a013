//! Runs `evaluate_gsr` on a directory (default: ../shared/data/events/arabic_event_gsr).
fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/events/arabic_event_gsr".into());
    match hadath_events::evaluate_gsr(std::path::Path::new(&dir)) {
        Ok(report) => print!("{report}"),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
