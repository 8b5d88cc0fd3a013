//! `hadath extract`: read articles, analyse each, write the output contract as JSON Lines.

use crate::cli::{ExtractArgs, InputFormatArg, ReadArgs};
use hadath::pipeline::StageTimes;
use hadath::{Pipeline, PipelineOptions};
use hadath_core::output::OutputDocument;
use hadath_core::Severity;
use hadath_sources::{FieldNames, InputFormat, ReadOptions};
use std::io::Write;
use std::process::ExitCode;

pub fn read_options(args: &ReadArgs) -> anyhow::Result<ReadOptions> {
    let mut fields = FieldNames::default();
    for spec in &args.fields {
        fields
            .set(spec)
            .map_err(|e| anyhow::anyhow!("--field {spec}: {e}"))?;
    }
    Ok(ReadOptions {
        format: args.input_format.map(|f| match f {
            InputFormatArg::Text => InputFormat::Text,
            InputFormatArg::Jsonl => InputFormat::Jsonl,
            InputFormatArg::Json => InputFormat::Json,
            InputFormatArg::Html => InputFormat::Html,
            InputFormatArg::Zip => InputFormat::Zip,
        }),
        fields,
        published: args.published,
    })
}

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let options = read_options(&args.read)?;
    let pipeline = Pipeline::new(PipelineOptions::default());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut processed, mut failed) = (0usize, 0usize);
    let mut times = StageTimes::default();
    for path in &args.files {
        for item in hadath_sources::read_input(path, &options) {
            match item {
                Ok(document) => {
                    let analysis = pipeline.analyze_timed(document, &mut times);
                    for diagnostic in &analysis.diagnostics {
                        eprintln!("hadath: {diagnostic}");
                    }
                    let output = OutputDocument::from_analysis(&analysis);
                    if args.pretty {
                        serde_json::to_writer_pretty(&mut out, &output)?;
                    } else {
                        serde_json::to_writer(&mut out, &output)?;
                    }
                    out.write_all(b"\n")?;
                    processed += 1;
                }
                Err(diagnostic) => {
                    eprintln!("hadath: {diagnostic}");
                    if diagnostic.severity == Severity::Error {
                        failed += 1;
                    }
                }
            }
        }
    }
    out.flush()?;
    if args.timings {
        eprintln!("{times}");
    }
    if processed == 0 {
        eprintln!("hadath: no document could be processed ({failed} failed)");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
