//! `hadath evaluate …`: each stage measured against gold data, numbers printed as a table.

use crate::cli::{
    EvaluateActorsArgs, EvaluateCommand, EvaluateDatesArgs, EvaluateEventsArgs, EvaluatePlacesArgs,
};
use anyhow::Context;
use hadath_sources::ReadOptions;
use std::io::Write;
use std::process::ExitCode;

pub fn run(command: EvaluateCommand) -> anyhow::Result<ExitCode> {
    match command {
        EvaluateCommand::Dates(args) => dates(args),
        EvaluateCommand::Ner(args) => crate::commands::ner::evaluate_ner(args),
        EvaluateCommand::Places(args) => places(args),
        EvaluateCommand::Actors(args) => actors(args),
        EvaluateCommand::Events(args) => events(args),
    }
}

fn events(args: EvaluateEventsArgs) -> anyhow::Result<ExitCode> {
    // The whole pipeline up to the actors, as `hadath extract` runs it.
    let pipeline = hadath::Pipeline::new(hadath::PipelineOptions::default());
    if args.gold.is_file() {
        let annotate = |document| pipeline.analyze_before_events(document);
        let report = hadath_events::plover_gsr::evaluate_plover_with(&args.gold, &annotate)
            .with_context(|| format!("{}", args.gold.display()))?;
        if args.errors {
            for (tune, o) in report
                .outcomes
                .iter()
                .filter(|(_, o)| !o.coded.contains(&o.gold))
            {
                let coded: Vec<&str> = o.coded.iter().map(|t| t.as_str()).collect();
                writeln!(
                    std::io::stdout(),
                    "{}\t{}\tgold {}\tcoded {}\t{}",
                    if *tune { "tune" } else { "check" },
                    o.id,
                    o.gold.as_str(),
                    if coded.is_empty() {
                        "-".to_string()
                    } else {
                        coded.join(",")
                    },
                    o.text
                )?;
            }
        }
        writeln!(std::io::stdout(), "{report}")?;
        return Ok(ExitCode::SUCCESS);
    }
    let annotate = |id: &str, text: &str| {
        pipeline.analyze_before_events(hadath_events::gsr::sentence_document(id, text))
    };
    let report = hadath_events::evaluate_gsr_with(&args.gold, &annotate)
        .with_context(|| format!("{}", args.gold.display()))?;
    writeln!(std::io::stdout(), "{report}")?;
    writeln!(std::io::stdout(),
        "Note: the ASSAULT/PROTEST re-scorer was trained on the dev half; on it these numbers are\n\
         optimistic. Cross-validated figures: cargo run --release -p hadath-events --example train"
    )?;
    Ok(ExitCode::SUCCESS)
}

fn places(args: EvaluatePlacesArgs) -> anyhow::Result<ExitCode> {
    let gazetteer = hadath_resolve::places::Gazetteer::embedded();
    let report = hadath_resolve::places::evaluate_places(&args.gold, gazetteer)
        .with_context(|| format!("{}", args.gold.display()))?;
    if args.errors {
        for o in report
            .outcomes
            .iter()
            .filter(|o| o.predicted != Some(o.gold))
        {
            writeln!(
                std::io::stdout(),
                "row {}\t{}\tgold {}\tgot {:?}\t{:?}\t{:?} km",
                o.row + 1,
                o.mention,
                o.gold,
                o.predicted,
                o.precision,
                o.distance_km.map(|d| d.round())
            )?;
        }
    }
    writeln!(
        std::io::stdout(),
        "Places ({}): {} gold mentions, {} found",
        args.gold.display(),
        report.rows,
        report.found
    )?;
    writeln!(
        std::io::stdout(),
        "  accuracy   {:.3}  ({}/{})",
        report.accuracy,
        report.correct,
        report.rows
    )?;
    writeln!(
        std::io::stdout(),
        "  acc@161km  {:.3}  ({}/{})",
        report.acc_at_161km,
        report.within_161km,
        report.rows
    )?;
    writeln!(
        std::io::stdout(),
        "  speed      {:.0} mentions/s ({} resolved in {:.1} ms)",
        report.mentions_per_second(),
        report.mentions_resolved,
        report.resolve_time.as_secs_f64() * 1000.0
    )?;
    Ok(ExitCode::SUCCESS)
}

fn actors(args: EvaluateActorsArgs) -> anyhow::Result<ExitCode> {
    if !args.gold.exists() {
        anyhow::bail!("{}: no such file or directory", args.gold.display());
    }
    let report = hadath_resolve::actors::evaluate_actor_spans(&args.gold);
    writeln!(std::io::stdout(), "{report}")?;
    Ok(ExitCode::SUCCESS)
}

fn dates(args: EvaluateDatesArgs) -> anyhow::Result<ExitCode> {
    if args.wojood.is_none() && args.corpus.is_empty() {
        anyhow::bail!("nothing to evaluate: give --wojood FILE and/or --corpus FILE...");
    }
    if let Some(path) = &args.wojood {
        let report =
            hadath_time::evaluate_wojood(path).with_context(|| format!("{}", path.display()))?;
        writeln!(
            std::io::stdout(),
            "Wojood DATE spans ({}): {} sentences, {} gold spans",
            path.display(),
            report.sentences,
            report.gold
        )?;
        writeln!(
            std::io::stdout(),
            "  recall, exact span     {:>6.1}%  ({}/{})",
            100.0 * report.recall_exact(),
            report.exact,
            report.gold
        )?;
        writeln!(
            std::io::stdout(),
            "  recall, overlapping    {:>6.1}%  ({}/{})",
            100.0 * report.recall_overlap(),
            report.overlap,
            report.gold
        )?;
        writeln!(
            std::io::stdout(),
            "  predicted spans        {:>6}   on a gold DATE: {}, on DATE or TIME: {}",
            report.predicted,
            report.predicted_on_date,
            report.predicted_on_date_or_time
        )?;
        if args.verbose {
            for missed in &report.missed {
                writeln!(std::io::stdout(), "  missed:   {missed}")?;
            }
            for spurious in &report.spurious {
                writeln!(std::io::stdout(), "  spurious: {spurious}")?;
            }
        }
    }
    if !args.corpus.is_empty() {
        let options = ReadOptions::default();
        let documents = args
            .corpus
            .iter()
            .flat_map(|path| hadath_sources::read_input(path, &options))
            .filter_map(|item| match item {
                Ok(document) => Some((document.text, document.published)),
                Err(_) => None,
            });
        let r = hadath_time::count_relative(documents);
        writeln!(
            std::io::stdout(),
            "Corpus: {} documents ({} with a publication date)",
            r.documents,
            r.with_published
        )?;
        writeln!(
            std::io::stdout(),
            "  with a resolved relative date  {:>6}  ({:.1}%)",
            r.with_relative,
            pct(r.with_relative, r.documents)
        )?;
        writeln!(
            std::io::stdout(),
            "  with any resolved date         {:>6}  ({:.1}%)",
            r.with_resolved,
            pct(r.with_resolved, r.documents)
        )?;
        writeln!(
            std::io::stdout(),
            "  mentions {}, resolved {}, relative {}, weekday conflicts {}",
            r.mentions,
            r.resolved,
            r.relative,
            r.conflicts
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}
