//! hadath's embedded store: analysed documents, near-duplicate clusters, happenings, search.
//!
//! One SQLite file (WAL journal, FTS5 full-text index) holds every document hadath has
//! ingested, keyed by a content hash so that ingesting the same archive twice adds nothing.
//! Each document goes in with its entities and events in one transaction: a `kill -9` leaves
//! either the whole document or none of it. Cross-document grouping (near-duplicate clusters,
//! happenings) is *derived* data, recomputed from the stored rows by [`Store::finalize`] as a
//! deterministic function of the set of documents, so the order documents arrived in (parallel
//! workers, a crash and a resume) never changes the result. See README.md in this crate.

mod error;
pub mod export;
mod happenings;
pub mod ingest;
mod schema;
pub mod search;

pub use error::StoreError;
pub use export::{ExportFormat, ExportLayout};
pub use happenings::{EventQuery, Happening, HappeningOptions, Mention};
pub use ingest::{ingest_documents, ingest_paths, IngestOptions, IngestReport, Progress};
pub use schema::STORE_FORMAT_VERSION;
pub use search::SearchHit;

use hadath_cleaning::near_duplicates::{
    NearDuplicateIndex, NearDuplicateOptions, Signature, Signer,
};
use hadath_core::{Analysis, CharIndex, Document, Participant};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::{Path, PathBuf};

/// The environment variable naming the store when `--db` is not given.
pub const DB_ENV: &str = "HADATH_DB";
/// The file name used in the current directory when neither `--db` nor `$HADATH_DB` is set.
pub const DEFAULT_DB_FILE: &str = "hadath.db";

/// Where the store lives when the user did not say: `$HADATH_DB`, else `./hadath.db`.
///
/// The current directory rather than a per-user data directory because an analyst works on one
/// archive per project folder, and a database next to the archive is what they expect to find
/// (and to delete); `$HADATH_DB` serves those who want one shared store.
pub fn default_path() -> PathBuf {
    match std::env::var_os(DB_ENV) {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => PathBuf::from(DEFAULT_DB_FILE),
    }
}

/// The key of a document: BLAKE3 of its outlet and text, 32 hex digits (128 bits).
///
/// The outlet is part of the key because the same wire story printed verbatim by two papers is
/// two reports of one event (that is what the source count of a happening counts); the same
/// text from the same outlet twice (a CMS re-post, the same archive ingested again) is one.
/// The document id and file path are not: they change when an archive is re-packed.
pub fn content_hash(document: &Document) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(b"hadath-doc-v1\0");
    hasher.update(document.source.as_deref().unwrap_or("").as_bytes());
    hasher.update(b"\0");
    hasher.update(document.text.as_bytes());
    let hex = hasher.finalize().to_hex();
    hex.as_str()[..32].to_string()
}

/// An analysis with everything the store computes from it that does not need the store: the
/// content hash, the MinHash signature and the full-text search forms. Built in worker threads
/// by [`PreparedDocument::new`] so the single writer only writes.
#[derive(Debug, Clone)]
pub struct PreparedDocument {
    pub analysis: Analysis,
    pub hash: String,
    pub signature: Option<Signature>,
    fts_title: String,
    fts_body: String,
}

impl PreparedDocument {
    /// `signer` must use the store's [`Store::near_duplicate_options`].
    pub fn new(analysis: Analysis, signer: &Signer) -> PreparedDocument {
        // One normalisation serves both the signature and the search forms.
        let normalized = hadath_language::normalize::normalize_key(&analysis.document.text);
        let words = hadath_cleaning::near_duplicates::words(&normalized);
        let signature = signer.sign_words(&words);
        let fts_body = search::index_words(&words);
        let doc = &analysis.document;
        PreparedDocument {
            hash: content_hash(doc),
            signature,
            fts_title: search::index_text(doc.title.as_deref().unwrap_or("")),
            fts_body,
            analysis,
        }
    }

    pub fn with_signature(analysis: Analysis, signature: Option<Signature>) -> PreparedDocument {
        let doc = &analysis.document;
        PreparedDocument {
            hash: content_hash(doc),
            signature,
            fts_title: search::index_text(doc.title.as_deref().unwrap_or("")),
            fts_body: search::index_text(&doc.text),
            analysis,
        }
    }
}

/// What [`Store::add_analysis`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// The document is new; it was stored with this many events.
    New { events: usize },
    /// A document with the same content hash is already in the store; nothing was written.
    AlreadyPresent,
}

/// What [`Store::finalize`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FinalizeReport {
    pub documents: usize,
    /// Clusters of two or more near-duplicate documents.
    pub clusters: usize,
    /// Documents that are in such a cluster.
    pub clustered_documents: usize,
    /// Event mentions stored (one per coded event per document).
    pub mentions: usize,
    /// Happenings: groups of mentions of one real-world event.
    pub happenings: usize,
}

/// Counts of what a store holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoreStats {
    pub documents: usize,
    pub mentions: usize,
    pub happenings: usize,
    pub clusters: usize,
    /// False when documents were added since the last [`Store::finalize`].
    pub finalized: bool,
}

/// An open store. Writes go through one connection (SQLite has one writer at a time anyway);
/// analysis runs in parallel elsewhere and hands finished [`Analysis`] values to it.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    near: NearDuplicateOptions,
    happenings: HappeningOptions,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens the store at `path`, creating it (and its schema) on first use.
    ///
    /// Fails with [`StoreError::NewerFormat`] when the file was written by a newer hadath,
    /// rather than risk misreading it.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        if let Some(parent) = path.parent() {
            if !parent.as_os_str().is_empty() && !parent.exists() {
                std::fs::create_dir_all(parent).map_err(|e| StoreError::Io {
                    path: parent.display().to_string(),
                    source: e,
                })?;
            }
        }
        let conn = Connection::open(&path).map_err(|e| StoreError::open(&path, e))?;
        schema::prepare(&conn, &path)?;
        Ok(Store {
            conn,
            path,
            near: NearDuplicateOptions::default(),
            happenings: HappeningOptions::default(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Options used by [`Store::finalize`] to group event mentions into happenings.
    pub fn set_happening_options(&mut self, options: HappeningOptions) {
        self.happenings = options;
    }

    /// The options signatures must be computed with for this store
    /// (`Signer::new(store.near_duplicate_options().clone())`).
    pub fn near_duplicate_options(&self) -> &NearDuplicateOptions {
        &self.near
    }

    /// True when a document with this [`content_hash`] is stored.
    pub fn has_document(&self, hash: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM documents WHERE hash = ?1")?
            .exists([hash])?)
    }

    /// Stores one analysed document, its entities and its events in one transaction.
    ///
    /// `signature` is the document's MinHash signature (computed by the caller, typically in a
    /// worker thread, with [`Store::near_duplicate_options`]); `None` for texts too short to
    /// sign. Nothing is written when the document is already stored.
    pub fn add_analysis(
        &mut self,
        analysis: &Analysis,
        signature: Option<&Signature>,
    ) -> Result<Added, StoreError> {
        let prepared = PreparedDocument::with_signature(analysis.clone(), signature.cloned());
        self.add_prepared(std::slice::from_ref(&prepared))
            .map(|mut added| added.remove(0))
    }

    /// Stores several prepared documents in one transaction (faster: one commit for all).
    /// A crash loses the whole batch or nothing, never part of a document.
    pub fn add_prepared(&mut self, items: &[PreparedDocument]) -> Result<Vec<Added>, StoreError> {
        let tx = self.conn.transaction()?;
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            out.push(insert_analysis(&tx, item)?);
        }
        tx.commit()?;
        Ok(out)
    }

    /// Recomputes near-duplicate clusters and happenings from everything stored, in one
    /// transaction. Deterministic: the result depends only on the set of stored documents.
    pub fn finalize(&mut self) -> Result<FinalizeReport, StoreError> {
        let tx = self.conn.transaction()?;
        let mut report = FinalizeReport::default();
        let (clusters, clustered) = recompute_clusters(&tx, &self.near)?;
        report.clusters = clusters;
        report.clustered_documents = clustered;
        report.documents = count(&tx, "SELECT count(*) FROM documents")?;
        let (mentions, happenings) = happenings::recompute(&tx, &self.happenings)?;
        report.mentions = mentions;
        report.happenings = happenings;
        tx.execute("UPDATE meta SET value = '0' WHERE key = 'dirty'", [])?;
        tx.commit()?;
        // Fold the write-ahead log back into the database file so the store's size on disk is
        // its real size; harmless when readers hold the log (it then checkpoints what it can).
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        Ok(report)
    }

    /// Finalizes only when documents were added since the last finalize.
    pub fn finalize_if_needed(&mut self) -> Result<Option<FinalizeReport>, StoreError> {
        if self.is_finalized()? {
            return Ok(None);
        }
        self.finalize().map(Some)
    }

    pub fn is_finalized(&self) -> Result<bool, StoreError> {
        let dirty: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'dirty'", [], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(dirty.as_deref() != Some("1"))
    }

    pub fn stats(&self) -> Result<StoreStats, StoreError> {
        Ok(StoreStats {
            documents: count(&self.conn, "SELECT count(*) FROM documents")?,
            mentions: count(&self.conn, "SELECT count(*) FROM events")?,
            happenings: count(&self.conn, "SELECT count(*) FROM happenings")?,
            clusters: count(&self.conn, "SELECT count(*) FROM clusters")?,
            finalized: self.is_finalized()?,
        })
    }

    /// Clusters of near-duplicate documents: `(cluster id, [(hash, source, title)])`, largest
    /// first. The id is the smallest member hash.
    pub fn clusters(&self, limit: usize) -> Result<Vec<ClusterInfo>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, size, source_list FROM clusters ORDER BY size DESC, id LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, size, sources) = row?;
            let mut members = Vec::new();
            let mut m = self.conn.prepare_cached(
                "SELECT hash, doc_id, source, title, published FROM documents WHERE cluster = ?1 ORDER BY hash",
            )?;
            let docs = m.query_map([&id], |r| {
                Ok(ClusterMember {
                    hash: r.get(0)?,
                    document_id: r.get(1)?,
                    source: r.get(2)?,
                    title: r.get(3)?,
                    published: r.get(4)?,
                })
            })?;
            for d in docs {
                members.push(d?);
            }
            out.push(ClusterInfo {
                id,
                size: size as usize,
                sources: split_list(&sources),
                members,
            });
        }
        Ok(out)
    }

    /// A canonical, order-independent text dump of everything stored (internal row ids
    /// replaced by content hashes, rows sorted): two stores holding the same documents dump
    /// identically, whatever order and however many runs they were filled in.
    pub fn canonical_dump(&self) -> Result<String, StoreError> {
        schema::canonical_dump(&self.conn)
    }

    /// The underlying connection, for read-only ad-hoc queries (benchmarks, debugging).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// One near-duplicate cluster with its members.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterInfo {
    pub id: String,
    pub size: usize,
    pub sources: Vec<String>,
    pub members: Vec<ClusterMember>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClusterMember {
    pub hash: String,
    pub document_id: String,
    pub source: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
}

fn count(conn: &Connection, sql: &str) -> Result<usize, StoreError> {
    Ok(conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as usize)
}

/// Lists are stored as `;`-separated text (codes and outlet names never contain `;`).
pub(crate) fn join_list<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    items
        .into_iter()
        .map(|s| s.as_ref().replace(';', ","))
        .collect::<Vec<_>>()
        .join(";")
}

pub(crate) fn split_list(text: &str) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    text.split(';').map(str::to_string).collect()
}

fn insert_analysis(
    tx: &rusqlite::Transaction<'_>,
    prepared: &PreparedDocument,
) -> Result<Added, StoreError> {
    let analysis = &prepared.analysis;
    let signature = prepared.signature.as_ref();
    let doc = &analysis.document;
    let hash = &prepared.hash;
    if tx
        .prepare_cached("SELECT 1 FROM documents WHERE hash = ?1")?
        .exists([hash])?
    {
        return Ok(Added::AlreadyPresent);
    }
    let text = doc.text.as_str();
    let language = serde_json::to_value(analysis.language)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "other".into());
    tx.prepare_cached(
        "INSERT INTO documents (hash, doc_id, source, title, url, author, published, language, origin, text, signature)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        hash,
        doc.id,
        doc.source,
        doc.title,
        doc.url,
        doc.author,
        doc.published.map(|d| d.to_string()),
        language,
        doc.origin.to_string(),
        text,
        signature.map(|s| s.to_bytes()),
    ])?;
    let rowid = tx.last_insert_rowid();
    tx.prepare_cached("INSERT INTO documents_fts (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![rowid, prepared.fts_title, prepared.fts_body,])?;
    let index = CharIndex::new(text);
    let slice = |s: hadath_core::Span| -> &str { text.get(s.start..s.end).unwrap_or("") };
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO entities (doc, n, kind, start, end, text, source, actor_code, actor_name,
                                   place_geonameid, place_name, date_value, date_precision)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        for (n, e) in analysis.entities.iter().enumerate() {
            let (start, end) = index.to_chars(e.span);
            stmt.execute(params![
                rowid,
                n as i64,
                format!("{:?}", e.kind),
                start as i64,
                end as i64,
                slice(e.span),
                e.source,
                e.actor.as_ref().map(|a| a.code.clone()),
                e.actor.as_ref().and_then(|a| a.name.clone()),
                e.place.as_ref().and_then(|p| p.geonameid).map(|g| g as i64),
                e.place
                    .as_ref()
                    .and_then(|p| p.name.clone().or_else(|| p.name_ar.clone())),
                e.date.as_ref().map(|d| d.value.clone()),
                e.date.as_ref().map(|d| enum_str(&d.precision)),
            ])?;
        }
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO events (id, doc, n, event_type, mode, context, modality, date, date_precision,
            place_geonameid, place_name, place_country, place_admin1, place_feature, place_precision,
            lat, lon, actor_codes, actor_text, recipient_codes, recipient_text, attributed_code,
            attributed_text, cameo, confidence, trigger_start, trigger_end, trigger_text, sentence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29)",
    )?;
    let codes = |ps: &[Participant]| {
        let mut codes: Vec<String> = ps.iter().filter_map(|p| p.code.clone()).collect();
        codes.sort();
        codes.dedup();
        join_list(codes)
    };
    let texts = |ps: &[Participant]| join_list(ps.iter().map(|p| slice(p.span)));
    for (n, e) in analysis.events.iter().enumerate() {
        let place = e.location.as_ref().and_then(|l| l.place.as_ref());
        let (tstart, tend) = index.to_chars(e.trigger);
        stmt.execute(params![
            event_id(hash, n),
            rowid,
            n as i64,
            e.event_type.as_str(),
            e.mode,
            join_list(&e.context),
            enum_str(&e.modality),
            e.date.as_ref().map(|d| d.value.clone()),
            e.date.as_ref().map(|d| enum_str(&d.precision)),
            place.and_then(|p| p.geonameid).map(|g| g as i64),
            place
                .and_then(|p| p.name.clone().or_else(|| p.name_ar.clone()))
                .or_else(|| e.location.as_ref().map(|l| slice(l.span).to_string())),
            place.and_then(|p| p.country.clone()),
            place.and_then(|p| p.admin1.clone()),
            place.and_then(|p| p.feature.clone()),
            place.map(|p| enum_str(&p.precision)),
            place.and_then(|p| p.lat),
            place.and_then(|p| p.lon),
            codes(&e.actor),
            texts(&e.actor),
            codes(&e.recipient),
            texts(&e.recipient),
            e.attributed_to.as_ref().and_then(|p| p.code.clone()),
            e.attributed_to.as_ref().map(|p| slice(p.span).to_string()),
            e.cameo,
            e.confidence as f64,
            tstart as i64,
            tend as i64,
            slice(e.trigger),
            e.sentence as i64,
        ])?;
    }
    tx.prepare_cached("UPDATE meta SET value = '1' WHERE key = 'dirty' AND value <> '1'")?
        .execute([])?;
    Ok(Added::New {
        events: analysis.events.len(),
    })
}

/// Event ids are `<document hash>:<index>` with the index zero-padded, so they sort in
/// document order and do not depend on insertion order.
pub(crate) fn event_id(hash: &str, n: usize) -> String {
    format!("{hash}:{n:04}")
}

/// The serde name of a unit enum variant (`"day"`, `"asserted"`, …).
pub(crate) fn enum_str<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Reads every stored signature and recomputes clusters; returns (clusters of ≥ 2, documents in
/// them). Documents are inserted in hash order, but the components do not depend on it.
fn recompute_clusters(
    tx: &rusqlite::Transaction<'_>,
    options: &NearDuplicateOptions,
) -> Result<(usize, usize), StoreError> {
    let mut index = NearDuplicateIndex::new(options.clone());
    let mut all: Vec<(String, Option<String>)> = Vec::new();
    {
        let mut stmt = tx.prepare("SELECT hash, source, signature FROM documents ORDER BY hash")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let hash: String = row.get(0)?;
            let source: Option<String> = row.get(1)?;
            let signature: Option<Vec<u8>> = row.get(2)?;
            if let Some(signature) = signature.as_deref().and_then(Signature::from_bytes) {
                if signature.0.len() == options.permutations {
                    index.insert_signature(&hash, signature);
                }
            }
            all.push((hash, source));
        }
    }
    let clusters = index.clusters();
    let mut cluster_of: std::collections::HashMap<&str, &str> = Default::default();
    for c in &clusters {
        for m in &c.members {
            cluster_of.insert(m.as_str(), c.id.as_str());
        }
    }
    let mut update = tx.prepare("UPDATE documents SET cluster = ?2 WHERE hash = ?1")?;
    for (hash, _) in &all {
        // A document alone is its own cluster, so every document has one.
        let cluster = cluster_of.get(hash.as_str()).copied().unwrap_or(hash);
        update.execute(params![hash, cluster])?;
    }
    tx.execute("DELETE FROM clusters", [])?;
    let sources: std::collections::HashMap<&str, Option<&str>> = all
        .iter()
        .map(|(h, s)| (h.as_str(), s.as_deref()))
        .collect();
    let mut insert = tx
        .prepare("INSERT INTO clusters (id, size, sources, source_list) VALUES (?1, ?2, ?3, ?4)")?;
    let mut clustered = 0;
    for c in &clusters {
        let mut outlets: Vec<&str> = c
            .members
            .iter()
            .filter_map(|m| sources.get(m.as_str()).copied().flatten())
            .collect();
        outlets.sort();
        outlets.dedup();
        clustered += c.members.len();
        insert.execute(params![
            c.id,
            c.members.len() as i64,
            outlets.len() as i64,
            join_list(&outlets)
        ])?;
    }
    Ok((clusters.len(), clustered))
}
