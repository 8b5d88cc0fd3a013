//! `hadath build …`: rebuild committed artifacts from the public data they come from.

use crate::cli::BuildCommand;
use std::process::ExitCode;

pub fn run(command: BuildCommand) -> anyhow::Result<ExitCode> {
    match command {
        BuildCommand::Gazetteer { geo, out } => {
            let report = hadath_resolve::places::build_gazetteer(&geo, &out).map_err(|e| {
                anyhow::anyhow!("building the gazetteer from {}: {e}", geo.display())
            })?;
            eprintln!(
                "hadath: wrote {}/gazetteer.bin: {} bytes, {} records ({} countries, {} regions, {} places, {} with Arabic names), {} keys; {} non-Arabic Arabic-script names dropped",
                out.display(),
                report.bytes,
                report.records,
                report.countries,
                report.admin1,
                report.places,
                report.places_with_arabic,
                report.keys,
                report.non_arabic_names_dropped
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
