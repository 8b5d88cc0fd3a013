//! One module per subcommand; each is a thin wrapper over library functions.

mod build;
mod evaluate;
mod extract;
pub mod ner;
mod store;

use crate::cli::{Cli, Command};
use std::process::ExitCode;

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Evaluate(command) => evaluate::run(command),
        Command::Build(command) => build::run(command),
        Command::Tag(args) => crate::commands::ner::tag(args),
        Command::Train(crate::commands::ner::TrainCommand::Ner(args)) => {
            crate::commands::ner::train_ner(args)
        }
        Command::Ingest(args) => store::ingest(args),
        Command::Search(args) => store::search(args),
        Command::Events(args) => store::events(args),
        Command::Export(args) => store::export(args),
    }
}
