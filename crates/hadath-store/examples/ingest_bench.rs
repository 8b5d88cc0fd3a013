//! Benchmark of the store half of `hadath ingest`: read archives, run the language and
//! cleaning stages, sign, store, finalize; report time per stage, peak memory, store size and
//! the near-duplicate clusters found (with a sample to check by hand).
//!
//! `cargo run --release -p hadath-store --example ingest_bench -- DB PATH... [--compare-tokenizers]`

use hadath_core::{Analysis, Document};
use hadath_store::{ingest::Progress, IngestOptions, Store};
use std::time::Instant;

fn analyze(document: Document) -> Analysis {
    let mut analysis = Analysis::new(document);
    hadath_language::annotate(&mut analysis);
    hadath_cleaning::mark_repeats(&mut analysis, &hadath_cleaning::RepeatOptions::default());
    analysis
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn size_mb(path: &std::path::Path) -> f64 {
    ["", "-wal", "-shm"]
        .iter()
        .map(|suffix| {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            std::fs::metadata(p).map_or(0, |m| m.len())
        })
        .sum::<u64>() as f64
        / 1e6
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let compare = args.iter().any(|a| a == "--compare-tokenizers");
    let args: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let (db, paths) = args.split_first().expect("usage: ingest_bench DB PATH...");
    let db = std::path::PathBuf::from(db);
    let (files, diagnostics) = hadath_sources::expand_paths(paths.iter().map(|p| p.as_str()));
    for d in &diagnostics {
        eprintln!("{d}");
    }
    let options = hadath_sources::ReadOptions::default();
    let documents = files
        .into_iter()
        .flat_map(move |f| hadath_sources::read_input(&f.to_string_lossy(), &options));
    let mut store = Store::open(&db).expect("open store");
    if std::env::var_os("MICRO_ONLY").is_some() {
        micro(&store);
        micro_writes(&store);
        micro_sql(&store);
        return;
    }
    let started = Instant::now();
    let report = hadath_store::ingest_documents(
        &mut store,
        documents,
        analyze,
        &IngestOptions {
            progress: Progress::Auto,
            total: Some(31_030),
            ..Default::default()
        },
    )
    .expect("ingest");
    let wall = started.elapsed().as_secs_f64();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("documents read      {}", report.read);
    println!("added / skipped     {} / {}", report.added, report.skipped);
    println!("input diagnostics   {}", report.diagnostic_count);
    println!("wall                {wall:.2} s");
    println!(
        "rate                {:.0} docs/s ({:.0} docs/s per core, {cores} cores)",
        report.read as f64 / wall,
        report.read as f64 / wall / cores as f64
    );
    println!(
        "reader thread       {:.2} s",
        report.read_time.as_secs_f64()
    );
    println!(
        "analyze (cpu, sum)  {:.2} s",
        report.analyze_time.as_secs_f64()
    );
    println!(
        "prepare (cpu, sum)  {:.2} s  (hash, MinHash, search forms)",
        report.prepare_time.as_secs_f64()
    );
    println!(
        "store writes        {:.2} s",
        report.write_time.as_secs_f64()
    );
    println!(
        "finalize            {:.2} s",
        report.finalize_time.as_secs_f64()
    );
    println!("peak RSS            {:.0} MB", peak_rss_mb());
    println!("store size          {:.1} MB", size_mb(&db));
    if let Some(f) = &report.finalize {
        println!(
            "clusters            {} ({} documents in them)",
            f.clusters, f.clustered_documents
        );
        println!("mentions/happenings {} / {}", f.mentions, f.happenings);
    }
    let clusters = store.clusters(100_000).expect("clusters");
    let mut sizes = std::collections::BTreeMap::new();
    let mut multi_outlet = 0;
    for c in &clusters {
        *sizes.entry(c.size).or_insert(0) += 1;
        if c.sources.len() > 1 {
            multi_outlet += 1;
        }
    }
    println!("cluster sizes       {sizes:?}");
    println!("clusters spanning ≥ 2 outlets: {multi_outlet}");
    println!("\n## largest clusters");
    for c in clusters.iter().take(5) {
        println!("- {} documents, outlets {:?}", c.size, c.sources);
        for m in c.members.iter().take(4) {
            println!(
                "    {} {} {}",
                m.source.as_deref().unwrap_or("?"),
                m.published.as_deref().unwrap_or("?"),
                m.title.as_deref().unwrap_or("")
            );
        }
    }
    println!("\n## every 150th cross-outlet cluster (sample to check by hand)");
    for c in clusters.iter().filter(|c| c.sources.len() > 1).step_by(150) {
        println!("- {} documents, outlets {:?}", c.size, c.sources);
        for m in c.members.iter().take(3) {
            println!(
                "    {} | {}",
                m.source.as_deref().unwrap_or("?"),
                m.title.as_deref().unwrap_or("")
            );
        }
    }
    let t = Instant::now();
    let hits = store.search("درعا", 5).expect("search");
    println!(
        "\nsearch درعا: {} hits in {:.1} ms",
        hits.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    for h in hits.iter().take(3) {
        println!(
            "  {:.2} {} | {}",
            h.score,
            h.source.as_deref().unwrap_or("?"),
            h.snippet
        );
    }
    micro(&store);
    if compare {
        compare_tokenizers(&store);
    }
}

/// Index size of the stemmed-word index against SQLite's trigram tokenizer over the same
/// normalised text, each built in its own file.
fn compare_tokenizers(store: &Store) {
    let dir = std::env::temp_dir().join(format!("hadath-fts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut texts: Vec<String> = Vec::new();
    let mut stmt = store
        .connection()
        .prepare("SELECT text FROM documents")
        .unwrap();
    let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
    for r in rows {
        texts.push(r.unwrap());
    }
    for (name, tokenize, stemmed) in [
        ("words+clitics", "tokenize='ascii'", true),
        ("trigram", "tokenize='trigram'", false),
    ] {
        let path = dir.join(format!("{name}.db"));
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(&format!(
            "CREATE VIRTUAL TABLE f USING fts5(body, content='', {tokenize})"
        ))
        .unwrap();
        let t = Instant::now();
        let tx = conn.unchecked_transaction().unwrap();
        for text in &texts {
            let indexed = if stemmed {
                hadath_store::search::search_terms(text).join(" ")
            } else {
                hadath_language::normalize::normalize_key(text)
            };
            tx.execute("INSERT INTO f (body) VALUES (?1)", [indexed])
                .unwrap();
        }
        tx.commit().unwrap();
        let build = t.elapsed().as_secs_f64();
        conn.execute_batch("INSERT INTO f(f) VALUES('optimize'); VACUUM;")
            .unwrap();
        // The same query both ways: a word for the word index, a substring for trigrams.
        let query = "\"درعا\"";
        let t = Instant::now();
        let n: i64 = conn
            .query_row("SELECT count(*) FROM f WHERE f MATCH ?1", [query], |r| {
                r.get(0)
            })
            .unwrap();
        let q = t.elapsed().as_secs_f64() * 1e3;
        drop(conn);
        println!(
            "fts {name:14} index {:.1} MB, build {build:.1} s, 'درعا' → {n} documents in {q:.1} ms",
            std::fs::metadata(&path).unwrap().len() as f64 / 1e6
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Single-threaded cost of each preparation step over the first documents of the store.
#[allow(dead_code)]
pub fn micro(store: &Store) {
    let mut stmt = store
        .connection()
        .prepare("SELECT text FROM documents LIMIT 3000")
        .unwrap();
    let texts: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let signer = hadath_cleaning::near_duplicates::Signer::default();
    let per = |t: Instant| t.elapsed().as_secs_f64() * 1e6 / texts.len() as f64;
    let t = Instant::now();
    for text in &texts {
        std::hint::black_box(hadath_language::normalize::normalize_key(text));
    }
    println!("micro: normalize_key {:.0} µs/doc", per(t));
    let normalized: Vec<String> = texts
        .iter()
        .map(|t| hadath_language::normalize::normalize_key(t))
        .collect();
    let t = Instant::now();
    for n in &normalized {
        let words = hadath_cleaning::near_duplicates::words(n);
        std::hint::black_box(signer.sign_words(&words));
    }
    println!("micro: split + MinHash {:.0} µs/doc", per(t));
    let t = Instant::now();
    for text in &texts {
        std::hint::black_box(hadath_store::content_hash(&Document {
            text: text.clone(),
            ..Default::default()
        }));
    }
    println!("micro: blake3 (+clone) {:.0} µs/doc", per(t));
    let t = Instant::now();
    for n in &normalized {
        let words = hadath_cleaning::near_duplicates::words(n);
        let s: Vec<&str> = words
            .iter()
            .map(|w| hadath_store::search::stem(w))
            .collect();
        std::hint::black_box(s.join(" "));
    }
    println!("micro: search forms {:.0} µs/doc", per(t));
}

/// Single-threaded write cost: the same documents into fresh stores.
#[allow(dead_code)]
pub fn micro_writes(store: &Store) {
    let mut stmt = store
        .connection()
        .prepare("SELECT doc_id, source, title, text FROM documents LIMIT 5000")
        .unwrap();
    let docs: Vec<Document> = stmt
        .query_map([], |r| {
            Ok(Document {
                id: r.get(0)?,
                source: r.get(1)?,
                title: r.get(2)?,
                text: r.get(3)?,
                ..Default::default()
            })
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let signer = hadath_cleaning::near_duplicates::Signer::default();
    let prepared: Vec<hadath_store::PreparedDocument> = docs
        .into_iter()
        .map(|d| hadath_store::PreparedDocument::new(Analysis::new(d), &signer))
        .collect();
    for batch in [1usize, 64, 1000] {
        let dir = std::env::temp_dir().join(format!("hadath-w-{}-{batch}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut s = Store::open(dir.join("w.db")).unwrap();
        let t = Instant::now();
        for chunk in prepared.chunks(batch) {
            s.add_prepared(chunk).unwrap();
        }
        println!(
            "micro: writes, batch {batch}: {:.0} µs/doc",
            t.elapsed().as_secs_f64() * 1e6 / prepared.len() as f64
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// What the write cost is made of: plain rows, text, FTS variants.
#[allow(dead_code)]
pub fn micro_sql(store: &Store) {
    let mut stmt = store
        .connection()
        .prepare("SELECT title, text FROM documents LIMIT 5000")
        .unwrap();
    let docs: Vec<(String, String, String)> = stmt
        .query_map([], |r| {
            let title: Option<String> = r.get(0)?;
            let text: String = r.get(1)?;
            Ok((
                hadath_store::search::search_terms(&title.unwrap_or_default()).join(" "),
                hadath_store::search::search_terms(&text).join(" "),
                text,
            ))
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    for (name, ddl, fts) in [
        ("text only", "CREATE TABLE d (id INTEGER PRIMARY KEY, text TEXT)", false),
        ("fts detail=full", "CREATE VIRTUAL TABLE f USING fts5(title, body, content='')", true),
        ("fts detail=column", "CREATE VIRTUAL TABLE f USING fts5(title, body, content='', detail=column)", true),
        ("fts detail=none", "CREATE VIRTUAL TABLE f USING fts5(title, body, content='', detail=none)", true),
        ("fts ascii", "CREATE VIRTUAL TABLE f USING fts5(title, body, content='', tokenize='ascii')", true),
        ("fts ascii automerge8", "CREATE VIRTUAL TABLE f USING fts5(title, body, content='', tokenize='ascii'); INSERT INTO f(f, rank) VALUES('automerge', 8);", true),
        ("fts ascii automerge16", "CREATE VIRTUAL TABLE f USING fts5(title, body, content='', tokenize='ascii'); INSERT INTO f(f, rank) VALUES('automerge', 16); INSERT INTO f(f, rank) VALUES('crisismerge', 64);", true),
    ] {
        let path = std::env::temp_dir().join(format!("hadath-sql-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.pragma_update(None, "synchronous", "NORMAL").unwrap();
        conn.execute_batch(ddl).unwrap();
        let t = Instant::now();
        for chunk in docs.chunks(64) {
            let tx = conn.unchecked_transaction().unwrap();
            for (title, body, text) in chunk {
                if fts {
                    tx.execute("INSERT INTO f (title, body) VALUES (?1, ?2)", [title, body]).unwrap();
                } else {
                    tx.execute("INSERT INTO d (text) VALUES (?1)", [text]).unwrap();
                }
            }
            tx.commit().unwrap();
        }
        drop(conn);
        println!(
            "micro-sql: {name:18} {:.0} µs/doc, {:.1} MB",
            t.elapsed().as_secs_f64() * 1e6 / docs.len() as f64,
            std::fs::metadata(&path).map_or(0, |m| m.len()) as f64 / 1e6
        );
        let _ = std::fs::remove_file(&path);
    }
}
