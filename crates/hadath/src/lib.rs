//! hadath: an Arabic-first news event engine.
//!
//! This crate glues the stages together ([`pipeline`]) and holds the command-line interface
//! (`src/main.rs`, `src/commands/`). Each stage lives in its own crate; see ARCHITECTURE.md.

pub mod pipeline;

pub use pipeline::{Pipeline, PipelineOptions};
