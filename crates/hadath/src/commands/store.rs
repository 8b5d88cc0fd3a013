//! `hadath ingest|search|events|export`: the embedded store, from the command line.

use crate::cli::{
    EventFilterArgs, EventsArgs, ExportArgs, ExportFormatArg, ExportLayoutArg, IngestArgs,
    SearchArgs, StoreArgs,
};
use crate::commands::extract::read_options;
use anyhow::Context;
use hadath::pipeline::StageTimes;
use hadath::{Pipeline, PipelineOptions};
use hadath_core::EventType;
use hadath_store::ingest::{ingest_paths, Progress};
use hadath_store::{EventQuery, ExportFormat, ExportLayout, IngestOptions, Store};
use std::io::Write;
use std::process::ExitCode;

fn open(args: &StoreArgs) -> anyhow::Result<Store> {
    let path = args.db.clone().unwrap_or_else(hadath_store::default_path);
    Store::open(&path).with_context(|| format!("opening the store {}", path.display()))
}

pub fn ingest(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let read = read_options(&args.read)?;
    let mut store = open(&args.store)?;
    let pipeline = Pipeline::new(PipelineOptions::default());
    let options = IngestOptions {
        threads: args.threads,
        progress: if args.no_progress_bar {
            Progress::Lines
        } else {
            Progress::Auto
        },
        ..IngestOptions::default()
    };
    // Per-stage analysis times, summed over worker threads (one short lock per document).
    let stage_times = std::sync::Mutex::new(StageTimes::default());
    let analyze = |document| {
        let mut times = StageTimes::default();
        let analysis = pipeline.analyze_timed(document, &mut times);
        stage_times
            .lock()
            .expect("no panic while holding the lock")
            .merge(&times);
        analysis
    };
    let report = ingest_paths(&mut store, &args.paths, &read, analyze, &options)?;
    for diagnostic in &report.diagnostics {
        eprintln!("hadath: {diagnostic}");
    }
    if report.diagnostic_count > report.diagnostics.len() {
        eprintln!(
            "hadath: … and {} more problems",
            report.diagnostic_count - report.diagnostics.len()
        );
    }
    eprintln!(
        "hadath: {} read, {} new, {} already stored, {} failed, {} events, in {:.1} s ({:.0} documents/s) into {}",
        report.read,
        report.added,
        report.skipped,
        report.failed,
        report.events,
        report.wall.as_secs_f64(),
        report.rate(),
        store.path().display()
    );
    eprintln!(
        "hadath: time: reading {:.1} s, analysis {:.1} s, store preparation {:.1} s (summed over threads), writing {:.1} s, finalize {:.1} s",
        report.read_time.as_secs_f64(),
        report.analyze_time.as_secs_f64(),
        report.prepare_time.as_secs_f64(),
        report.write_time.as_secs_f64(),
        report.finalize_time.as_secs_f64()
    );
    if args.timings {
        eprintln!("{}", stage_times.lock().expect("workers are done"));
    }
    if let Some(f) = &report.finalize {
        eprintln!(
            "hadath: store holds {} documents, {} near-duplicate clusters ({} documents), {} event mentions, {} happenings",
            f.documents, f.clusters, f.clustered_documents, f.mentions, f.happenings
        );
    }
    Ok(if report.read == 0 && report.skipped == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn search(args: SearchArgs) -> anyhow::Result<ExitCode> {
    let store = open(&args.store)?;
    let query = args.query.join(" ");
    let hits = store.search(&query, args.limit)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for hit in &hits {
        if args.json {
            serde_json::to_writer(
                &mut out,
                &serde_json::json!({
                    "document_id": hit.document_id, "hash": hit.hash, "title": hit.title, "source": hit.source,
                    "published": hit.published, "snippet": hit.snippet, "highlights": hit.highlights, "score": hit.score,
                }),
            )?;
            writeln!(out)?;
        } else {
            writeln!(
                out,
                "{:.2}  {}  {}  {}\n      {}",
                hit.score,
                hit.published.as_deref().unwrap_or("-"),
                hit.source.as_deref().unwrap_or("-"),
                hit.title.as_deref().unwrap_or(&hit.document_id),
                hit.snippet.replace('\n', " ")
            )?;
        }
    }
    if hits.is_empty() {
        eprintln!("hadath: no match for {query:?}");
    }
    Ok(ExitCode::SUCCESS)
}

fn query(filter: &EventFilterArgs, limit: usize) -> anyhow::Result<EventQuery> {
    let event_type = match &filter.event_type {
        Some(name) => Some(EventType::parse(name).with_context(|| {
            let names: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
            format!("unknown event type {name:?} (one of {})", names.join(", "))
        })?),
        None => None,
    };
    Ok(EventQuery {
        event_type,
        actor: filter.actor.clone(),
        recipient: filter.recipient.clone(),
        place: filter.place,
        since: filter.since,
        until: filter.until,
        modality: match &filter.modality {
            Some(name) => Some(serde_json::from_value(serde_json::Value::String(
                name.clone(),
            ))?),
            None => None,
        },
        limit,
    })
}

pub fn events(args: EventsArgs) -> anyhow::Result<ExitCode> {
    let mut store = open(&args.store)?;
    let happenings = store.events(&query(&args.filter, args.limit)?)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for h in &happenings {
        if args.json {
            serde_json::to_writer(&mut out, h)?;
            writeln!(out)?;
        } else {
            // An announced event's type under PLOVER's rules, when it differs ("CONSULT future,
            // PLOVER AGREE").
            let plover = if h.plover_type != h.event_type {
                format!("PLOVER {}  ", h.plover_type)
            } else {
                String::new()
            };
            writeln!(
                out,
                "{}  {:<9} {:<12} {plover}{} → {}  @ {}  [{} mentions, {} outlets: {}]",
                h.date_start.as_deref().unwrap_or("-"),
                h.event_type,
                h.modality,
                h.actor_codes.join("+"),
                h.recipient_codes.join("+"),
                h.place_name.as_deref().unwrap_or("-"),
                h.mentions,
                h.sources,
                h.source_list.join(",")
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn export(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let mut store = open(&args.store)?;
    let format = match args.format {
        ExportFormatArg::Jsonl => ExportFormat::Jsonl,
        ExportFormatArg::Csv => ExportFormat::Csv,
        ExportFormatArg::Parquet => ExportFormat::Parquet,
    };
    let layout = match args.layout {
        ExportLayoutArg::Polecat => ExportLayout::Polecat,
        ExportLayoutArg::Acled => ExportLayout::Acled,
    };
    let query = query(&args.filter, 0)?;
    let rows = match &args.output {
        Some(path) => {
            let file =
                std::fs::File::create(path).with_context(|| format!("{}", path.display()))?;
            store.export(std::io::BufWriter::new(file), format, layout, &query)?
        }
        None => {
            if format == ExportFormat::Parquet
                && std::io::IsTerminal::is_terminal(&std::io::stdout())
            {
                anyhow::bail!("parquet is binary: give --output FILE or redirect standard output");
            }
            store.export(
                std::io::BufWriter::new(std::io::stdout()),
                format,
                layout,
                &query,
            )?
        }
    };
    eprintln!("hadath: exported {rows} events");
    Ok(ExitCode::SUCCESS)
}
