//! Event coding: who did what to whom, where, when and according to whom, in PLOVER.
//!
//! - [`code_events`] fills `Analysis::events` from the sentences, tokens and entities other
//!   stages left in the analysis (one event per happening; repeats merge).
//! - [`evaluate_gsr`] scores detection and argument spans on the arabic_event_gsr format.
//! - [`plover_gsr`] scores English event typing on the PLOVER gold-standard records.
//! - [`lexicon`] holds hadath's curated trigger knowledge from `data/triggers/`.

pub mod coder;
pub mod cues;
pub mod detector;
pub mod gsr;
pub mod lexicon;
pub mod plover_gsr;
mod victims;

pub use coder::{code_events, DETECT_THRESHOLD};
pub use gsr::{
    evaluate_gsr, evaluate_gsr_with, AnnotatorReference, DetectionScore, GsrReport, SpanScore,
};

/// Errors of the evaluation (coding itself cannot fail).
#[derive(Debug, thiserror::Error)]
pub enum EventsError {
    #[error("{0}: {1}")]
    Io(String, #[source] std::io::Error),
    #[error("{0}")]
    Format(String),
}

#[cfg(test)]
mod tests;
