//! The store end to end on synthetic news: idempotence, order independence, clusters,
//! happenings, search across Arabic spelling variants, event filters, export columns.

mod common;

use hadath_core::EventType;
use hadath_store::{
    content_hash, ingest::Progress, Added, EventQuery, ExportFormat, ExportLayout, IngestOptions,
    Store, StoreError,
};

fn options() -> IngestOptions {
    IngestOptions {
        threads: 2,
        batch: 7,
        progress: Progress::Off,
        ..Default::default()
    }
}

fn ingest(store: &mut Store, docs: Vec<hadath_core::Document>) -> hadath_store::IngestReport {
    hadath_store::ingest_documents(store, docs.into_iter().map(Ok), common::analyze, &options())
        .unwrap()
}

fn fresh(n: usize) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("hadath.db")).unwrap();
    ingest(&mut store, common::documents(n));
    (dir, store)
}

#[test]
fn reingesting_the_same_archive_adds_nothing() {
    let (_dir, mut store) = fresh(60);
    let before = store.canonical_dump().unwrap();
    let report = ingest(&mut store, common::documents(60));
    assert_eq!((report.read, report.added, report.skipped), (60, 0, 60));
    assert_eq!(store.canonical_dump().unwrap(), before);
    // The same document through the single-document API is recognised too.
    let doc = common::documents(1).remove(0);
    assert!(store.has_document(&content_hash(&doc)).unwrap());
    let analysis = common::analyze(doc);
    assert_eq!(
        store.add_analysis(&analysis, None).unwrap(),
        Added::AlreadyPresent
    );
}

#[test]
fn insertion_order_and_batching_do_not_change_the_store() {
    let (_a, forward) = fresh(45);
    let dir = tempfile::tempdir().unwrap();
    let mut backward = Store::open(dir.path().join("b.db")).unwrap();
    let mut docs = common::documents(45);
    docs.reverse();
    // Two runs, the second one over the whole input again, as after an interruption.
    ingest(&mut backward, docs[..20].to_vec());
    let opts = IngestOptions {
        threads: 1,
        batch: 1,
        ..options()
    };
    hadath_store::ingest_documents(
        &mut backward,
        docs.into_iter().map(Ok),
        common::analyze,
        &opts,
    )
    .unwrap();
    assert_eq!(
        forward.canonical_dump().unwrap(),
        backward.canonical_dump().unwrap()
    );
}

#[test]
fn wire_copies_cluster_and_every_happening_keeps_its_outlets() {
    let (_dir, mut store) = fresh(30);
    let stats = store.stats().unwrap();
    assert_eq!(stats.documents, 30);
    assert!(stats.finalized);
    // Ten stories: the two wire copies of each are one cluster; the third outlet rewrote it.
    assert_eq!(stats.clusters, 10, "{:#?}", store.clusters(20).unwrap());
    let clusters = store.clusters(100).unwrap();
    assert!(clusters.iter().all(|c| c.size == 2 && c.members.len() == 2));
    assert_eq!(stats.mentions, 30);
    assert_eq!(stats.happenings, 10);
    let all = store.events(&EventQuery::default()).unwrap();
    assert_eq!(all.len(), 10);
    for h in &all {
        assert_eq!((h.mentions, h.documents, h.sources), (3, 3, 3), "{h:#?}");
        assert_eq!(h.source_list.len(), 3);
        assert_eq!(h.document_list.len(), 3);
        assert_eq!(store.mentions(&h.id).unwrap().len(), 3);
        assert_eq!(h.date_start, h.date_end);
    }
}

#[test]
fn search_folds_hamza_ta_marbuta_and_clitics() {
    let (_dir, store) = fresh(30);
    // درعا is the place of stories 0, 4, 8: the wire copies say وبدرعا, the rewrite في درعا.
    let hits = store.search("درعا", 50).unwrap();
    assert_eq!(hits.len(), 9, "{hits:#?}");
    let wire = hits.iter().find(|h| h.snippet.contains("وبدرعا")).unwrap();
    let (s, e) = wire.highlights[0];
    let marked: String = wire.snippet.chars().skip(s).take(e - s).collect();
    assert_eq!(marked, "وبدرعا");
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    // Hamza: the text says إدلب, the query has a bare alef.
    assert_eq!(store.search("ادلب", 50).unwrap().len(), 6);
    // Ta marbuta written as ha, and the article and a preposition on the query word.
    assert_eq!(store.search("بالمدينه", 50).unwrap().len(), 20);
    // All query words are required.
    assert_eq!(store.search("درعا حلب", 50).unwrap().len(), 0);
    assert!(store.search("؟", 10).unwrap().is_empty());
    assert!(store.search("\"OR (", 10).unwrap().is_empty());
}

#[test]
fn event_filters_type_actor_prefix_place_and_dates() {
    let (_dir, mut store) = fresh(36);
    let assaults = store
        .events(&EventQuery {
            event_type: Some(EventType::Assault),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(assaults.len(), 4); // stories 0, 3, 6, 9
    assert!(assaults.iter().all(|h| h.event_type == "ASSAULT"));
    let mut store2 = store;
    let mut q = |q: EventQuery| store2.events(&q).unwrap();
    assert_eq!(
        q(EventQuery {
            actor: Some("SYR".into()),
            ..Default::default()
        })
        .len(),
        12
    );
    let mil = q(EventQuery {
        actor: Some("syrmil".into()),
        ..Default::default()
    });
    assert_eq!(mil.len(), 4);
    assert!(mil.iter().all(|h| h.actor_codes == ["SYRMIL"]));
    let daraa = q(EventQuery {
        place: Some(170905),
        ..Default::default()
    });
    assert_eq!(daraa.len(), 3);
    assert!(daraa
        .iter()
        .all(|h| h.place_name.as_deref() == Some("Daraa")));
    let july = q(EventQuery {
        since: chrono::NaiveDate::from_ymd_opt(2015, 6, 29),
        until: chrono::NaiveDate::from_ymd_opt(2015, 7, 1),
        ..Default::default()
    });
    // Stories 9, 10, 11 fall on 29 June – 1 July.
    assert_eq!(july.len(), 3, "{july:#?}");
    let combined = q(EventQuery {
        event_type: Some(EventType::Assault),
        actor: Some("SYRMIL".into()),
        place: Some(170905),
        limit: 1,
        ..Default::default()
    });
    assert_eq!(combined.len(), 1);
    assert_eq!(combined[0].date_start.as_deref(), Some("2015-06-20"));
}

/// One story of an army air strike, coded future, and who is quoted for it.
fn announced_strike(quoted: Option<&'static str>) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("hadath.db")).unwrap();
    let analyze = move |document: hadath_core::Document| {
        let mut analysis = common::analyze(document);
        for event in &mut analysis.events {
            event.modality = hadath_core::Modality::Future;
            event.attributed_to = quoted.map(|code| hadath_core::Participant {
                span: event.trigger,
                code: Some(code.into()),
            });
        }
        analysis
    };
    hadath_store::ingest_documents(
        &mut store,
        common::documents(3).into_iter().map(Ok),
        analyze,
        &options(),
    )
    .unwrap();
    (dir, store)
}

#[test]
fn announced_events_carry_their_plover_type_and_are_no_violence_for_acled() {
    for (quoted, plover_type, plover_mode) in [
        // The army (SYRMIL) announces its strike: PLOVER codes the intention, THREATEN.
        (Some("SYRGOV"), "THREATEN", "violence"),
        // An opposition source predicts the army's strike: not the army's threat.
        (Some("SYRREB"), "ASSAULT", "aerial"),
        // Nobody is quoted: the outlet's expectation, not a threat either.
        (None, "ASSAULT", "aerial"),
    ] {
        let (_dir, mut store) = announced_strike(quoted);
        let happenings = store.events(&EventQuery::default()).unwrap();
        assert_eq!(happenings.len(), 1, "{happenings:#?}");
        let h = &happenings[0];
        assert_eq!(
            (h.event_type.as_str(), h.modality.as_str()),
            ("ASSAULT", "future")
        );
        assert_eq!(
            (h.plover_type.as_str(), h.plover_mode.as_deref()),
            (plover_type, Some(plover_mode))
        );
        for layout in [ExportLayout::Polecat, ExportLayout::Acled] {
            let mut out = Vec::new();
            store
                .export(
                    &mut out,
                    ExportFormat::Jsonl,
                    layout,
                    &EventQuery::default(),
                )
                .unwrap();
            let row: serde_json::Value =
                serde_json::from_str(String::from_utf8(out).unwrap().trim()).unwrap();
            match layout {
                ExportLayout::Polecat => {
                    assert_eq!(row["Event Type"], "ASSAULT");
                    assert_eq!(row["PLOVER Type"], plover_type);
                    assert_eq!(row["PLOVER Mode"], plover_mode);
                }
                ExportLayout::Acled => {
                    assert_eq!(row["modality"], "future");
                    assert_eq!(row["plover_type"], plover_type);
                    assert_eq!(row["disorder_type"], "Strategic developments");
                    assert_eq!(row["sub_event_type"], "Other");
                }
            }
        }
    }
}

#[test]
fn export_layouts_have_the_documented_columns() {
    let (_dir, mut store) = fresh(30);
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/EXPORT.md")).unwrap();
    for layout in [ExportLayout::Polecat, ExportLayout::Acled] {
        let mut csv = Vec::new();
        let n = store
            .export(&mut csv, ExportFormat::Csv, layout, &EventQuery::default())
            .unwrap();
        assert_eq!(n, 10);
        let csv = String::from_utf8(csv).unwrap();
        let mut lines = csv.split("\r\n");
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let expected: Vec<&str> = layout.columns().iter().map(|(n, _)| *n).collect();
        assert_eq!(header, expected);
        for column in &expected {
            assert!(
                doc.contains(&format!("`{column}`")),
                "EXPORT.md lacks {column}"
            );
        }
        let mut jsonl = Vec::new();
        store
            .export(
                &mut jsonl,
                ExportFormat::Jsonl,
                layout,
                &EventQuery::default(),
            )
            .unwrap();
        let jsonl = String::from_utf8(jsonl).unwrap();
        let rows: Vec<serde_json::Value> = jsonl
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(rows.len(), 10);
        let first_key = jsonl[2..].split('"').next().unwrap();
        assert_eq!(first_key, expected[0]);
    }
    let mut acled = Vec::new();
    store
        .export(
            &mut acled,
            ExportFormat::Jsonl,
            ExportLayout::Acled,
            &EventQuery {
                event_type: Some(EventType::Assault),
                ..Default::default()
            },
        )
        .unwrap();
    let row: serde_json::Value =
        serde_json::from_str(String::from_utf8(acled).unwrap().lines().next().unwrap()).unwrap();
    assert_eq!(row["event_type"], "Explosions/Remote violence");
    assert_eq!(row["sub_event_type"], "Air/drone strike");
    assert_eq!(row["num_sources"], 3);
    assert_eq!(row["geonameid"], 170905);
    assert_eq!(row["time_precision"], 1);
    if !ExportFormat::Parquet.available() {
        let err = store
            .export(
                Vec::new(),
                ExportFormat::Parquet,
                ExportLayout::Polecat,
                &EventQuery::default(),
            )
            .unwrap_err();
        assert!(err.to_string().contains("--features parquet"));
    }
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_export_writes_a_parquet_file() {
    let (dir, mut store) = fresh(30);
    let mut out = Vec::new();
    store
        .export(
            &mut out,
            ExportFormat::Parquet,
            ExportLayout::Polecat,
            &EventQuery::default(),
        )
        .unwrap();
    assert_eq!(&out[..4], b"PAR1");
    assert_eq!(&out[out.len() - 4..], b"PAR1");
    // Read it back with the parquet crate's own reader: 10 rows, the layout's columns.
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let path = dir.path().join("happenings.parquet");
    std::fs::write(&path, &out).unwrap();
    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    let meta = reader.metadata();
    assert_eq!(meta.file_metadata().num_rows(), 10);
    let names: Vec<String> = meta
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    let expected: Vec<&str> = ExportLayout::Polecat
        .columns()
        .iter()
        .map(|(n, _)| *n)
        .collect();
    assert_eq!(names, expected);
    use parquet::record::RowAccessor;
    let first = reader.get_row_iter(None).unwrap().next().unwrap().unwrap();
    assert_eq!(first.get_string(4).unwrap(), "ASSAULT");
}

#[test]
fn a_store_from_a_newer_hadath_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/dir/hadath.db");
    let store = Store::open(&path).unwrap();
    store
        .connection()
        .execute(
            "UPDATE meta SET value = '999' WHERE key = 'format_version'",
            [],
        )
        .unwrap();
    drop(store);
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NewerFormat { found: 999, .. }));
    assert!(
        err.to_string()
            .contains("newer than this hadath understands"),
        "{err}"
    );
    // Any other SQLite file is not taken for a store.
    let other = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE t (x)").unwrap();
    drop(conn);
    assert!(matches!(
        Store::open(&other).unwrap_err(),
        StoreError::NotAStore { .. }
    ));
}

#[test]
fn new_documents_mark_the_store_stale_until_finalized() {
    let (_dir, mut store) = fresh(6);
    assert!(store.is_finalized().unwrap());
    let mut doc = common::documents(9).remove(8);
    doc.source = Some("another-outlet".into());
    let analysis = common::analyze(doc);
    assert!(matches!(
        store.add_analysis(&analysis, None).unwrap(),
        Added::New { events: 1 }
    ));
    assert!(!store.is_finalized().unwrap());
    // Querying finalizes first.
    assert_eq!(store.events(&EventQuery::default()).unwrap().len(), 3);
    assert!(store.is_finalized().unwrap());
}

#[test]
fn templated_copy_for_different_days_is_one_cluster_but_two_happenings() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("t.db")).unwrap();
    // The same wire template, same actor and place, stated dates a week apart.
    let mut docs = common::documents(1);
    let mut later = docs[0].clone();
    later.text = later.text.replace("2015-06-20", "2015-06-27");
    later.source = Some("alyaum".into());
    docs.push(later);
    ingest(&mut store, docs);
    let stats = store.stats().unwrap();
    assert_eq!(stats.clusters, 1, "the texts are near-duplicates");
    assert_eq!(
        stats.happenings, 2,
        "but the events they state are a week apart"
    );
}

#[test]
fn a_panicking_analysis_is_reported_and_the_rest_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("p.db")).unwrap();
    let analyze = |doc: hadath_core::Document| {
        if doc.id == "doc-4" {
            panic!("stage bug on purpose");
        }
        common::analyze(doc)
    };
    let docs = common::documents(9).into_iter().map(Ok);
    let report = hadath_store::ingest_documents(&mut store, docs, analyze, &options()).unwrap();
    assert_eq!((report.read, report.added, report.failed), (9, 8, 1));
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.message.contains("on purpose"))
        .unwrap();
    assert_eq!(d.location, "synthetic.jsonl:5");
    // A rerun retries it (and, with the bug fixed, stores it).
    let docs = common::documents(9).into_iter().map(Ok);
    let report =
        hadath_store::ingest_documents(&mut store, docs, common::analyze, &options()).unwrap();
    assert_eq!((report.added, report.skipped), (1, 8));
}

#[test]
fn ingest_paths_reads_files_and_directories_and_reports_bad_paths() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("archive");
    std::fs::create_dir_all(input.join("day2")).unwrap();
    let line = |d: &hadath_core::Document| {
        serde_json::json!({"id": d.id, "title": d.title, "text": d.text,
                           "source": d.source, "date": d.published.map(|p| p.to_string())})
        .to_string()
    };
    let docs = common::documents(6);
    let write = |path: std::path::PathBuf, docs: &[hadath_core::Document]| {
        let body: Vec<String> = docs.iter().map(line).collect();
        std::fs::write(path, body.join("\n") + "\n").unwrap();
    };
    write(input.join("day1.jsonl"), &docs[..3]);
    write(input.join("day2/news.jsonl"), &docs[3..]);
    let mut store = Store::open(dir.path().join("s.db")).unwrap();
    let missing = dir.path().join("missing.jsonl");
    let report = hadath_store::ingest_paths(
        &mut store,
        [input.as_path(), missing.as_path()],
        &Default::default(),
        common::analyze,
        &options(),
    )
    .unwrap();
    assert_eq!((report.read, report.added), (6, 6));
    assert_eq!(report.diagnostic_count, 1);
    assert!(report.diagnostics[0].location.contains("missing.jsonl"));
    assert_eq!(store.stats().unwrap().happenings, 2);
}

#[test]
fn a_store_can_be_opened_and_searched_while_another_process_writes() {
    let (_dir, store) = fresh(6);
    let path = store.path().to_path_buf();
    drop(store);
    let writer = rusqlite::Connection::open(&path).unwrap();
    writer
        .execute_batch("BEGIN IMMEDIATE; UPDATE meta SET value = '1' WHERE key = 'dirty';")
        .unwrap();
    let started = std::time::Instant::now();
    let reader = Store::open(&path).unwrap();
    assert_eq!(reader.search("درعا", 10).unwrap().len(), 3);
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    writer.execute_batch("ROLLBACK").unwrap();
}

/// Daily strikes by one actor on one town are separate happenings; two reports of one day's
/// strike are one. (A ±1-day tolerance once chained a month of such reports into one.)
#[test]
fn daily_events_at_one_place_do_not_chain_into_one_happening() {
    let report = |i: usize, day: u32, outlet: &str| hadath_core::Document {
        id: format!("daily-{i}"),
        text: format!(
            "ذكرت مصادر محلية أن الجيش السوري قصف مواقع عدة في درعا بتاريخ 2015-07-{day:02} \
             بحسب رواية {outlet} للأحداث، من دون معلومات عن الخسائر."
        ),
        published: chrono::NaiveDate::from_ymd_opt(2015, 7, day),
        source: Some(outlet.to_string()),
        ..Default::default()
    };
    let docs = vec![
        report(0, 10, "okaz"),
        report(1, 11, "alriyadh"),
        report(2, 12, "almadina"),
        report(3, 13, "alwatan"),
        report(4, 13, "sabq"),
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("hadath.db")).unwrap();
    ingest(&mut store, docs);
    let assaults = store
        .events(&EventQuery {
            event_type: Some(EventType::Assault),
            ..Default::default()
        })
        .unwrap();
    let mut days: Vec<(Option<String>, usize)> = assaults
        .iter()
        .map(|h| (h.date_start.clone(), h.mentions))
        .collect();
    days.sort();
    assert_eq!(
        days,
        vec![
            (Some("2015-07-10".into()), 1),
            (Some("2015-07-11".into()), 1),
            (Some("2015-07-12".into()), 1),
            (Some("2015-07-13".into()), 2),
        ],
        "{assaults:#?}"
    );
}

/// A story copied day after day (a templated cable, no date in the text) is one near-duplicate
/// cluster, but its copies join a happening only within the same-story window of that
/// happening's first copy: pairwise chaining once made one "happening" weeks long.
#[test]
fn copies_of_a_story_published_daily_do_not_chain_past_the_same_story_window() {
    let copy = |day: u32| hadath_core::Document {
        id: format!("copy-{day}"),
        text: "ذكرت مصادر محلية أن الجيش السوري قصف مواقع عدة في درعا، من دون معلومات عن \
               الخسائر البشرية أو المادية حتى الآن."
            .to_string(),
        published: chrono::NaiveDate::from_ymd_opt(2015, 7, day),
        source: Some(format!("outlet-{day}")),
        ..Default::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("hadath.db")).unwrap();
    ingest(&mut store, (10..20).map(copy).collect());
    assert_eq!(store.stats().unwrap().clusters, 1, "ten copies of one text");
    let assaults = store
        .events(&EventQuery {
            event_type: Some(EventType::Assault),
            ..Default::default()
        })
        .unwrap();
    let mut spans: Vec<(String, String, usize)> = assaults
        .iter()
        .map(|h| {
            (
                h.date_start.clone().unwrap_or_default(),
                h.date_end.clone().unwrap_or_default(),
                h.mentions,
            )
        })
        .collect();
    spans.sort();
    // Seeds on the 10th, 14th and 18th; each takes the copies up to three days later.
    assert_eq!(
        spans,
        vec![
            ("2015-07-10".into(), "2015-07-13".into(), 4),
            ("2015-07-14".into(), "2015-07-17".into(), 4),
            ("2015-07-18".into(), "2015-07-19".into(), 2),
        ],
        "{assaults:#?}"
    );
}
