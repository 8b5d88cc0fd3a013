//! Compiles `crates/hadath/src/commands/ner.rs` against this crate, so the CLI wrappers written
//! for the integrator are type-checked before they are hooked into `hadath`.
//!
//! `cli_check train|evaluate|tag ARGS…` runs them as `hadath train ner|evaluate ner|tag` would.

#[path = "../../hadath/src/commands/ner.rs"]
mod commands_ner;

use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    #[command(subcommand)]
    Train(commands_ner::TrainCommand),
    EvaluateNer(commands_ner::EvaluateNerArgs),
    Tag(commands_ner::TagArgs),
}

fn main() -> anyhow::Result<std::process::ExitCode> {
    match Cli::parse().command {
        Command::Train(commands_ner::TrainCommand::Ner(a)) => commands_ner::train_ner(a),
        Command::EvaluateNer(a) => commands_ner::evaluate_ner(a),
        Command::Tag(a) => commands_ner::tag(a),
    }
}
