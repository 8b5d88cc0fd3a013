//! The ingest driver: read documents, analyse them on every core, store them, then finalize.
//!
//! One reader thread pulls documents from the input iterator and drops those whose content
//! hash is already stored or was already seen in this run (so re-ingesting adds nothing and
//! the first occurrence in input order is the one kept, however the workers are scheduled).
//! Worker threads run the caller's `analyze` and compute the MinHash signature. The calling
//! thread owns the store and writes finished documents in batched transactions; a crash loses
//! at most the batch in flight, which the next run redoes. Clusters and happenings are then
//! recomputed by [`Store::finalize`], so the result does not depend on which worker finished
//! first or on where a previous run was killed.

use crate::{content_hash, Added, FinalizeReport, PreparedDocument, Store, StoreError};
use hadath_cleaning::near_duplicates::Signer;
use hadath_core::{Analysis, Diagnostic, Document};
use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How progress is shown on standard error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Progress {
    /// A bar on a terminal, plain log lines otherwise.
    #[default]
    Auto,
    Bar,
    Lines,
    Off,
}

#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Worker threads for analysis; 0 = one per core.
    pub threads: usize,
    /// Documents per write transaction.
    pub batch: usize,
    pub progress: Progress,
    /// Number of documents expected, when known, for the bar's percentage and ETA.
    pub total: Option<usize>,
    /// Recompute clusters and happenings at the end (needed before querying).
    pub finalize: bool,
    /// Stop after storing this many new documents (for tests and partial runs).
    pub max_new: Option<usize>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            threads: 0,
            batch: 64,
            progress: Progress::Auto,
            total: None,
            finalize: true,
            max_new: None,
        }
    }
}

/// What an ingest did and where its time went.
#[derive(Debug, Clone, Default)]
pub struct IngestReport {
    /// Documents read from the input (including skipped ones).
    pub read: usize,
    /// Already in the store, or repeated within this input.
    pub skipped: usize,
    pub added: usize,
    /// Event mentions stored for the added documents.
    pub events: usize,
    /// Documents whose analysis panicked: reported in `diagnostics`, not stored.
    pub failed: usize,
    /// Input problems (unreadable files and records) and failed analyses; the first 100 of
    /// each are kept.
    pub diagnostics: Vec<Diagnostic>,
    pub diagnostic_count: usize,
    pub wall: Duration,
    /// Time the reader thread spent reading and hashing documents (not waiting for workers).
    pub read_time: Duration,
    /// Time summed over workers spent in `analyze` (CPU-seconds, not wall).
    pub analyze_time: Duration,
    /// Time summed over workers spent preparing documents for the store: content hash,
    /// MinHash signature, full-text search forms.
    pub prepare_time: Duration,
    /// Time the writer spent in store transactions.
    pub write_time: Duration,
    pub finalize_time: Duration,
    pub finalize: Option<FinalizeReport>,
}

impl IngestReport {
    pub fn rate(&self) -> f64 {
        self.read as f64 / self.wall.as_secs_f64().max(1e-9)
    }
}

/// Ingests every document of `documents` into `store`, analysing each with `analyze` on
/// `options.threads` workers. Input errors are counted and kept in the report, never fatal;
/// store errors stop the ingest (what was committed stays, and a rerun resumes).
pub fn ingest_documents<I, F>(
    store: &mut Store,
    documents: I,
    analyze: F,
    options: &IngestOptions,
) -> Result<IngestReport, StoreError>
where
    I: Iterator<Item = Result<Document, Diagnostic>> + Send,
    F: Fn(Document) -> Analysis + Sync,
{
    let started = Instant::now();
    let threads = if options.threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        options.threads
    };
    let known: HashSet<String> = {
        let mut stmt = store.conn.prepare("SELECT hash FROM documents")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let signer = Signer::new(store.near_duplicate_options().clone());
    let mut report = IngestReport::default();
    let mut progress = ProgressLine::new(options.progress, options.total);
    let analyze_ns = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let prepare_ns = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let outcome: Result<(), StoreError> = std::thread::scope(|scope| {
        let (work_tx, work_rx) = sync_channel::<Document>(threads * 4);
        let (done_tx, done_rx) = sync_channel::<Result<PreparedDocument, Diagnostic>>(threads * 4);
        let work_rx = Arc::new(Mutex::new(work_rx));
        // Reader: input order decides which of two identical documents is kept.
        let reader = scope.spawn(move || {
            let mut seen = known;
            let (mut read, mut skipped) = (0usize, 0usize);
            let mut diagnostics = Vec::new();
            let mut diagnostic_count = 0;
            let mut busy = Duration::ZERO;
            let mut t = Instant::now();
            for item in documents {
                match item {
                    Ok(doc) => {
                        read += 1;
                        if !seen.insert(content_hash(&doc)) {
                            skipped += 1;
                            continue;
                        }
                        busy += t.elapsed();
                        if work_tx.send(doc).is_err() {
                            break; // the writer stopped
                        }
                        t = Instant::now();
                    }
                    Err(d) => {
                        diagnostic_count += 1;
                        if diagnostics.len() < 100 {
                            diagnostics.push(d);
                        }
                    }
                }
            }
            (
                read,
                skipped,
                diagnostics,
                diagnostic_count,
                busy + t.elapsed(),
            )
        });
        for _ in 0..threads {
            let work_rx: Arc<Mutex<Receiver<Document>>> = Arc::clone(&work_rx);
            let done_tx = done_tx.clone();
            let (analyze, signer) = (&analyze, &signer);
            let (analyze_ns, prepare_ns) = (Arc::clone(&analyze_ns), Arc::clone(&prepare_ns));
            scope.spawn(move || loop {
                let next = work_rx.lock().map(|rx| rx.recv());
                let Ok(Ok(doc)) = next else { break };
                let location = doc.origin.to_string();
                let t = Instant::now();
                // A bug in one stage must not end an ingest of a whole archive: the document
                // is reported and left out (a rerun retries it, since it was never stored).
                let analysis =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| analyze(doc)));
                let t2 = Instant::now();
                let outcome = match analysis {
                    Ok(analysis) => Ok(PreparedDocument::new(analysis, signer)),
                    Err(panic) => {
                        let what = panic
                            .downcast_ref::<&str>()
                            .map(|s| s.to_string())
                            .or_else(|| panic.downcast_ref::<String>().cloned())
                            .unwrap_or_else(|| "unknown panic".into());
                        Err(Diagnostic::error(
                            location,
                            format!("analysis failed, document not stored: {what}"),
                        ))
                    }
                };
                let ordering = std::sync::atomic::Ordering::Relaxed;
                analyze_ns.fetch_add((t2 - t).as_nanos() as u64, ordering);
                prepare_ns.fetch_add(t2.elapsed().as_nanos() as u64, ordering);
                if done_tx.send(outcome).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        // Writer: this thread, batching into transactions.
        let mut batch: Vec<PreparedDocument> = Vec::with_capacity(options.batch.max(1));
        let mut flush = |batch: &mut Vec<PreparedDocument>, report: &mut IngestReport| {
            if batch.is_empty() {
                return Ok(());
            }
            let t = Instant::now();
            let added = store.add_prepared(batch)?;
            for a in added {
                match a {
                    Added::New { events } => {
                        report.added += 1;
                        report.events += events;
                    }
                    Added::AlreadyPresent => report.skipped += 1,
                }
            }
            report.write_time += t.elapsed();
            batch.clear();
            Ok::<(), StoreError>(())
        };
        let mut result = Ok(());
        let mut received = 0usize;
        let mut failed: Vec<Diagnostic> = Vec::new();
        for finished in done_rx.iter() {
            received += 1;
            match finished {
                Ok(prepared) => batch.push(prepared),
                Err(diagnostic) => failed.push(diagnostic),
            }
            if batch.len() >= options.batch.max(1) {
                if let Err(e) = flush(&mut batch, &mut report) {
                    result = Err(e);
                    break;
                }
            }
            progress.update(received, false);
            if options
                .max_new
                .is_some_and(|m| report.added + batch.len() >= m)
            {
                break;
            }
        }
        if result.is_ok() {
            result = flush(&mut batch, &mut report);
        }
        // Dropping the receiver stops workers; they drop the work receiver, which stops the
        // reader at its next send.
        drop(done_rx);
        let (read, skipped, diagnostics, count, read_time) =
            reader.join().expect("the reader thread does not panic");
        report.read = read;
        report.skipped += skipped;
        report.diagnostic_count = count + failed.len();
        report.failed = failed.len();
        report.diagnostics = diagnostics;
        report.diagnostics.extend(failed.into_iter().take(100));
        report.read_time = read_time;
        progress.update(received, true);
        result
    });
    outcome?;
    let ordering = std::sync::atomic::Ordering::Relaxed;
    report.analyze_time = Duration::from_nanos(analyze_ns.load(ordering));
    report.prepare_time = Duration::from_nanos(prepare_ns.load(ordering));
    if options.finalize {
        let t = Instant::now();
        report.finalize = Some(store.finalize()?);
        report.finalize_time = t.elapsed();
    }
    report.wall = started.elapsed();
    Ok(report)
}

/// A progress bar on a terminal (count, rate, percentage and ETA when the total is known),
/// a plain line every 10 seconds otherwise.
struct ProgressLine {
    mode: Progress,
    total: Option<usize>,
    started: Instant,
    last: Instant,
}

impl ProgressLine {
    fn new(mode: Progress, total: Option<usize>) -> ProgressLine {
        let mode = match mode {
            Progress::Auto if std::io::stderr().is_terminal() => Progress::Bar,
            Progress::Auto => Progress::Lines,
            m => m,
        };
        let now = Instant::now();
        ProgressLine {
            mode,
            total,
            started: now,
            last: now,
        }
    }

    fn update(&mut self, done: usize, last: bool) {
        let every = match self.mode {
            Progress::Bar => Duration::from_millis(200),
            Progress::Lines => Duration::from_secs(10),
            _ => return,
        };
        if !last && self.last.elapsed() < every {
            return;
        }
        self.last = Instant::now();
        let secs = self.started.elapsed().as_secs_f64().max(1e-9);
        let rate = done as f64 / secs;
        let eta = self
            .total
            .filter(|&t| t > done && rate > 0.0)
            .map(|t| format!(" ETA {}", clock((t - done) as f64 / rate)))
            .unwrap_or_default();
        let mut err = std::io::stderr().lock();
        match self.mode {
            Progress::Bar => {
                let bar = match self.total {
                    Some(t) if t > 0 => {
                        let filled = (done.min(t) * 30) / t;
                        format!("[{}{}] ", "#".repeat(filled), "-".repeat(30 - filled))
                    }
                    _ => String::new(),
                };
                let total = self.total.map(|t| format!("/{t}")).unwrap_or_default();
                let _ = write!(
                    err,
                    "\r\x1b[2K{bar}{done}{total} documents  {rate:.0}/s  {}{eta}",
                    clock(secs)
                );
                if last {
                    let _ = writeln!(err);
                }
            }
            _ => {
                let total = self.total.map(|t| format!(" of {t}")).unwrap_or_default();
                let _ = writeln!(
                    err,
                    "ingest: {done}{total} documents analysed, {rate:.0}/s, {} elapsed{eta}",
                    clock(secs)
                );
            }
        }
    }
}

fn clock(secs: f64) -> String {
    let s = secs.round() as u64;
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// [`ingest_documents`] over files, directories and archives: paths are expanded with
/// `hadath_sources::expand_paths` (directories walked in sorted order, so input order and
/// hence which of two identical documents is kept are stable) and read with
/// `hadath_sources::read_input`. Paths that cannot be used are reported in the diagnostics.
pub fn ingest_paths<P, F>(
    store: &mut Store,
    paths: impl IntoIterator<Item = P>,
    read: &hadath_sources::ReadOptions,
    analyze: F,
    options: &IngestOptions,
) -> Result<IngestReport, StoreError>
where
    P: AsRef<std::path::Path>,
    F: Fn(Document) -> Analysis + Sync,
{
    let (files, path_problems) = hadath_sources::expand_paths(paths);
    let read = read.clone();
    let documents = files
        .into_iter()
        .flat_map(move |file| hadath_sources::read_input(&file.to_string_lossy(), &read));
    let mut report = ingest_documents(store, documents, analyze, options)?;
    report.diagnostic_count += path_problems.len();
    let mut diagnostics = path_problems;
    diagnostics.truncate(100);
    diagnostics.append(&mut report.diagnostics);
    report.diagnostics = diagnostics;
    Ok(report)
}
