//! The `hadath` command line: parses arguments and hands each subcommand to its module.
//!
//! Exit codes (documented in README.md): 0 when at least one input was processed (failures of
//! other inputs are reported on stderr), 1 when nothing could be processed or an evaluation or
//! training run failed, 2 for usage errors.

mod cli;
mod commands;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("hadath: {err:#}");
            ExitCode::from(1)
        }
    }
}

/// `hadath extract … | head` closes the pipe early; that is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
