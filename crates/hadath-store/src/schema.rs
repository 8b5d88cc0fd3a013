//! The SQLite schema, its version check, and the canonical dump used to compare stores.

use crate::StoreError;
use rusqlite::{Connection, OptionalExtension};
use std::path::Path;

/// Version of the store's schema; bumped on any change an older hadath could misread.
pub const STORE_FORMAT_VERSION: u32 = 1;

/// Tables, in creation order. Spans (`start`, `end`, `trigger_*`) are Unicode code point
/// offsets into `documents.text`, as in the JSON output contract.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,          -- internal row id: depends on insertion order, never exported
    hash TEXT NOT NULL UNIQUE,       -- content_hash(outlet, text): the document's identity
    doc_id TEXT NOT NULL,            -- the input's id
    source TEXT, title TEXT, url TEXT, author TEXT,
    published TEXT,                  -- ISO 8601 date
    language TEXT NOT NULL,
    origin TEXT NOT NULL,            -- file[/member][:record]
    text TEXT NOT NULL,              -- original text, byte-exact
    signature BLOB,                  -- MinHash signature (u32 little-endian), NULL if too short
    cluster TEXT                     -- near-duplicate cluster: smallest member hash (finalize)
);
CREATE INDEX IF NOT EXISTS documents_cluster ON documents(cluster);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published);
-- Contentless: only the inverted index of the normalised, clitic-stripped words is kept; the
-- text itself is in documents and snippets are cut from it. The indexed text is already
-- normalised, lowercased words separated by spaces, so the `ascii` tokenizer (bytes >= 0x80 are
-- word characters) splits it exactly as unicode61 would, faster. detail=full (the default)
-- because BM25 needs term frequencies: with detail=column every score is flat and a single
-- درعاً (a shield) ranks with an article about Daraa.
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    title, body, content='', tokenize='ascii'
);
CREATE TABLE IF NOT EXISTS entities (
    doc INTEGER NOT NULL REFERENCES documents(id),
    n INTEGER NOT NULL,
    kind TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
    source TEXT NOT NULL, actor_code TEXT, actor_name TEXT, place_geonameid INTEGER,
    place_name TEXT, date_value TEXT, date_precision TEXT,
    PRIMARY KEY (doc, n)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,             -- <document hash>:<index>
    doc INTEGER NOT NULL REFERENCES documents(id),
    n INTEGER NOT NULL,
    event_type TEXT NOT NULL, mode TEXT, context TEXT NOT NULL, modality TEXT NOT NULL,
    date TEXT, date_precision TEXT,
    place_geonameid INTEGER, place_name TEXT, place_country TEXT, place_admin1 TEXT,
    place_feature TEXT, place_precision TEXT, lat REAL, lon REAL,
    actor_codes TEXT NOT NULL, actor_text TEXT NOT NULL,         -- ';'-separated
    recipient_codes TEXT NOT NULL, recipient_text TEXT NOT NULL,
    attributed_code TEXT, attributed_text TEXT,
    cameo TEXT, confidence REAL NOT NULL,
    trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, trigger_text TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    happening TEXT                   -- set by finalize
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS events_doc ON events(doc);
CREATE INDEX IF NOT EXISTS events_happening ON events(happening);
CREATE TABLE IF NOT EXISTS happenings (
    id TEXT PRIMARY KEY,             -- smallest event id among its mentions
    event_type TEXT NOT NULL, mode TEXT, modality TEXT NOT NULL,
    date_start TEXT, date_end TEXT, date_precision TEXT,
    place_geonameid INTEGER, place_name TEXT, place_country TEXT, place_admin1 TEXT,
    place_feature TEXT, lat REAL, lon REAL,
    actor_codes TEXT NOT NULL, actor_text TEXT NOT NULL,
    recipient_codes TEXT NOT NULL, recipient_text TEXT NOT NULL,
    cameo TEXT, confidence REAL NOT NULL, context TEXT NOT NULL,
    mentions INTEGER NOT NULL, documents INTEGER NOT NULL, sources INTEGER NOT NULL,
    source_list TEXT NOT NULL, document_list TEXT NOT NULL,
    first_published TEXT, headline TEXT, trigger_text TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS happenings_type_date ON happenings(event_type, date_start);
CREATE INDEX IF NOT EXISTS happenings_place ON happenings(place_geonameid);
CREATE TABLE IF NOT EXISTS clusters (
    id TEXT PRIMARY KEY, size INTEGER NOT NULL, sources INTEGER NOT NULL,
    source_list TEXT NOT NULL
) WITHOUT ROWID;
";

/// Sets the connection up (WAL, pragmas), creates the schema on first use, checks the version.
pub(crate) fn prepare(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let shown = || path.display().to_string();
    // Wait for another hadath process holding the write lock instead of failing at once.
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    // WAL: readers (search) do not block the ingest; synchronous=NORMAL is durable against a
    // killed process (only an OS crash or power loss can drop the last commits, never corrupt).
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "cache_size", -64_000)?;
    let has_tables: bool = conn
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table'")?
        .exists([])?;
    let has_meta: bool = conn
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'")?
        .exists([])?;
    if has_tables && !has_meta {
        return Err(StoreError::NotAStore { path: shown() });
    }
    if has_meta {
        let version: Option<String> = conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'format_version'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let found: u32 = version.and_then(|v| v.parse().ok()).unwrap_or(0);
        if found > STORE_FORMAT_VERSION {
            return Err(StoreError::NewerFormat {
                path: shown(),
                found,
                supported: STORE_FORMAT_VERSION,
            });
        }
    }
    if has_meta {
        // An existing store is only read here: no write lock is taken, so `hadath search` can
        // open a store while an ingest is writing to it.
        return Ok(());
    }
    // Creating: IMMEDIATE takes the write lock at once, so two processes creating the same
    // store one after the other see either nothing or the whole schema.
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
    tx.execute_batch(
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;",
    )?;
    tx.execute_batch(SCHEMA)?;
    tx.execute(
        "INSERT OR IGNORE INTO meta (key, value) VALUES ('format_version', ?1)",
        [STORE_FORMAT_VERSION.to_string()],
    )?;
    tx.execute(
        "INSERT OR IGNORE INTO meta (key, value) VALUES ('dirty', '0')",
        [],
    )?;
    // What the stored MinHash signatures were computed with (finalize ignores signatures of
    // another length; a later format change can re-sign from the stored texts).
    tx.execute(
        "INSERT OR IGNORE INTO meta (key, value) VALUES ('minhash', ?1)",
        [hadath_cleaning::near_duplicates::NearDuplicateOptions::default().fingerprint()],
    )?;
    // Merge index segments in larger steps: fewer, bigger merges during a bulk ingest.
    tx.execute(
        "INSERT INTO documents_fts (documents_fts, rank) VALUES ('automerge', 8)",
        [],
    )?;
    tx.commit()?;
    Ok(())
}

/// Every table's rows as text lines, sorted, with `documents.id` replaced by the hash.
pub(crate) fn canonical_dump(conn: &Connection) -> Result<String, StoreError> {
    let queries: [(&str, &str); 7] = [
        ("meta", "SELECT key, value FROM meta"),
        (
            "documents",
            "SELECT hash, doc_id, source, title, url, author, published, language, origin, text,
                    hex(signature), cluster FROM documents",
        ),
        (
            "entities",
            "SELECT d.hash, e.n, e.kind, e.start, e.end, e.text, e.source, e.actor_code,
                    e.actor_name, e.place_geonameid, e.place_name, e.date_value, e.date_precision
             FROM entities e JOIN documents d ON d.id = e.doc",
        ),
        (
            "events",
            "SELECT e.id, d.hash, e.n, e.event_type, e.mode, e.context, e.modality, e.date,
                    e.date_precision, e.place_geonameid, e.place_name, e.place_country,
                    e.place_admin1, e.place_feature, e.place_precision, e.lat, e.lon,
                    e.actor_codes, e.actor_text, e.recipient_codes, e.recipient_text,
                    e.attributed_code, e.attributed_text, e.cameo, e.confidence,
                    e.trigger_start, e.trigger_end, e.trigger_text, e.sentence, e.happening
             FROM events e JOIN documents d ON d.id = e.doc",
        ),
        ("happenings", "SELECT * FROM happenings"),
        ("clusters", "SELECT * FROM clusters"),
        // The full-text index, as what it answers: each document's indexed terms.
        (
            "fts",
            "SELECT d.hash, v.term, v.col, v.offset FROM documents_fts_terms v
             JOIN documents d ON d.id = v.doc",
        ),
    ];
    conn.execute_batch(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.documents_fts_terms
         USING fts5vocab(main, documents_fts, instance);",
    )?;
    let mut out = String::new();
    for (name, sql) in queries {
        let mut stmt = conn.prepare(sql)?;
        let columns = stmt.column_count();
        let mut lines: Vec<String> = Vec::new();
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let mut line = String::new();
            for i in 0..columns {
                if i > 0 {
                    line.push('\t');
                }
                let value: rusqlite::types::Value = row.get(i)?;
                line.push_str(&match value {
                    rusqlite::types::Value::Null => "∅".to_string(),
                    rusqlite::types::Value::Integer(v) => v.to_string(),
                    rusqlite::types::Value::Real(v) => format!("{v:?}"),
                    rusqlite::types::Value::Text(v) => v.replace('\n', "\\n"),
                    rusqlite::types::Value::Blob(v) => format!("blob:{}", v.len()),
                });
            }
            lines.push(line);
        }
        lines.sort();
        out.push_str(&format!("## {name} ({})\n", lines.len()));
        for line in lines {
            out.push_str(&line);
            out.push('\n');
        }
    }
    Ok(out)
}
