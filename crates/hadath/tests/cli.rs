//! Runs the built `hadath` binary the way a user would and checks what it prints.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn hadath(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hadath"))
        .args(args)
        .current_dir(repo_root())
        .output()
        .expect("run hadath")
}

fn hadath_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hadath"))
        .args(args)
        .current_dir(repo_root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run hadath");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn lines(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each stdout line is one JSON document"))
        .collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The text a code-point span covers, the way a Python consumer would slice it.
fn slice(text: &str, span: &Value) -> String {
    let start = span["start"].as_u64().unwrap() as usize;
    let end = span["end"].as_u64().unwrap() as usize;
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn extract_founding_example_marks_repeats_and_codes_nothing_twice() {
    let output = hadath(&[
        "extract",
        "examples/daraa-2018-07-04.ar.txt",
        "--published",
        "2018-07-04",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let docs = lines(&output);
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc["id"], "daraa-2018-07-04.ar");
    assert_eq!(doc["language"], "ar");
    assert_eq!(doc["published"], "2018-07-04");
    let text = doc["text"].as_str().unwrap();
    assert_eq!(
        text,
        std::fs::read_to_string(repo_root().join("examples/daraa-2018-07-04.ar.txt")).unwrap()
    );

    let repeats = doc["repeats"].as_array().unwrap();
    let paragraphs: Vec<&Value> = repeats
        .iter()
        .filter(|r| r["kind"] == "paragraph")
        .collect();
    assert_eq!(paragraphs.len(), 4, "paragraphs 2-5 repeat: {repeats:?}");
    for repeat in &paragraphs {
        assert_eq!(slice(text, &repeat["span"]), slice(text, &repeat["of"]));
    }

    // Every span in the output covers the text it claims, in code points.
    for entity in doc["entities"].as_array().unwrap() {
        assert_eq!(
            slice(text, &entity["span"]),
            entity["text"].as_str().unwrap()
        );
    }
    let sentences = doc["sentences"].as_array().unwrap();
    let events = doc["events"].as_array().unwrap();
    let mut seen = std::collections::HashSet::new();
    for event in events {
        let trigger = &event["trigger"];
        assert_eq!(slice(text, trigger), trigger["text"].as_str().unwrap());
        let sentence = &sentences[event["sentence"].as_u64().unwrap() as usize];
        assert!(
            sentence.get("repeat_of").is_none(),
            "event coded from a repeated sentence: {event}"
        );
        for role in ["actor", "recipient"] {
            for participant in event[role].as_array().unwrap() {
                assert_eq!(
                    slice(text, &participant["span"]),
                    participant["text"].as_str().unwrap()
                );
            }
        }
        let key = (event["event_type"].to_string(), slice(text, trigger));
        assert!(seen.insert(key), "event emitted twice: {event}");
    }

    // PLOVER's reading beside hadath's: the Security Council meeting tomorrow is CONSULT,
    // future, and under PLOVER's rules a reference to a future meeting is AGREE. The attacks
    // the opposition source expects of the regime are its prediction, not the regime's
    // threat: they stay ASSAULT, future. What happened keeps its type.
    let by_trigger = |t: &str| {
        events
            .iter()
            .find(|e| e["trigger"]["text"] == t)
            .unwrap_or_else(|| panic!("no event with trigger {t}"))
    };
    let council = by_trigger("يجتمع");
    assert_eq!(
        (
            &council["event_type"],
            &council["modality"],
            &council["plover_type"]
        ),
        (&"CONSULT".into(), &"future".into(), &"AGREE".into())
    );
    let attacks = by_trigger("الهجمات");
    assert_eq!(
        (
            &attacks["event_type"],
            &attacks["modality"],
            &attacks["plover_type"]
        ),
        (&"ASSAULT".into(), &"future".into(), &"ASSAULT".into())
    );
    for event in events {
        if event["modality"] == "asserted" {
            assert_eq!(event["plover_type"], event["event_type"], "{event}");
            assert_eq!(event["plover_mode"], event["mode"], "{event}");
        }
    }
}

#[test]
fn jsonl_with_a_thousand_lines_gives_a_thousand_documents_with_their_ids() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("news.jsonl");
    let mut file = std::fs::File::create(&path).unwrap();
    for i in 0..1000 {
        let article = serde_json::json!({
            "id": format!("doc-{i}"),
            "text": format!("قصفت طائرات حربية مدينة درعا اليوم في الهجوم رقم {i}."),
            "published": "2018-07-04",
        });
        writeln!(file, "{article}").unwrap();
    }
    drop(file);
    let output = hadath(&["extract", "--input-format", "jsonl", path.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let docs = lines(&output);
    assert_eq!(docs.len(), 1000);
    for (i, doc) in docs.iter().enumerate() {
        assert_eq!(doc["id"], format!("doc-{i}"));
        assert_eq!(doc["published"], "2018-07-04");
    }
}

#[test]
fn bad_inputs_are_named_on_stderr_and_the_rest_is_processed() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "اجتمع الوفد الروسي مع الفصائل في بصرى الحرير.").unwrap();
    let bad_utf8 = dir.path().join("bad.txt");
    std::fs::write(&bad_utf8, b"\xd8\xa7\xff\xfe broken").unwrap();
    let jsonl = dir.path().join("mixed.jsonl");
    std::fs::write(&jsonl, "{\"id\": \"a\", \"text\": \"نص أول\"}\n{not json\n{\"id\": \"c\", \"text\": \"نص ثالث\"}\n").unwrap();
    let empty_html = dir.path().join("empty.html");
    std::fs::write(
        &empty_html,
        "<html><head><title>x</title></head><body><nav></nav></body></html>",
    )
    .unwrap();
    let missing = dir.path().join("missing.txt");
    let output = hadath(&[
        "extract",
        good.to_str().unwrap(),
        bad_utf8.to_str().unwrap(),
        jsonl.to_str().unwrap(),
        empty_html.to_str().unwrap(),
        missing.to_str().unwrap(),
        dir.path().to_str().unwrap(),
    ]);
    let err = stderr(&output);
    assert!(
        output.status.success(),
        "some inputs were fine, so exit 0: {err}"
    );
    let ids: Vec<String> = lines(&output)
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, vec!["good", "a", "c"]);
    assert!(
        err.contains("bad.txt") && err.to_lowercase().contains("utf-8"),
        "{err}"
    );
    assert!(err.contains("mixed.jsonl:2"), "{err}");
    assert!(err.contains("empty.html"), "{err}");
    assert!(err.contains("missing.txt"), "{err}");
    assert!(err.contains("directory"), "{err}");
}

#[test]
fn nothing_processed_exits_1_and_usage_errors_exit_2() {
    let output = hadath(&["extract", "/nonexistent/file.txt"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("/nonexistent/file.txt"));
    let output = hadath(&["extract", "x.txt", "--published", "yesterday"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn stdin_reads_plain_text_with_the_given_publication_date() {
    let output = hadath_stdin(
        &["extract", "-", "--published", "2018-07-04"],
        "قال لافروف أمس إن المحادثات مستمرة.".as_bytes(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let docs = lines(&output);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["published"], "2018-07-04");
    assert_eq!(docs[0]["language"], "ar");
}

#[test]
fn help_shows_examples_for_every_subcommand() {
    let output = hadath(&["--help"]);
    let help = String::from_utf8_lossy(&output.stdout).to_string();
    let subcommands: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        // Wrapped descriptions are indented further than command names.
        .filter(|l| !l.starts_with("   "))
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .filter(|c| c != "help")
        .collect();
    assert!(!subcommands.is_empty());
    for subcommand in subcommands {
        let output = hadath(&[&subcommand, "--help"]);
        let help = String::from_utf8_lossy(&output.stdout);
        assert!(
            help.contains("Examples:") && help.contains("hadath "),
            "{subcommand} --help has no examples"
        );
    }
}

#[test]
fn ingest_twice_then_search_events_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let db = db.to_str().unwrap();
    let jsonl = dir.path().join("news.jsonl");
    let text =
        std::fs::read_to_string(repo_root().join("examples/daraa-2018-07-04.ar.txt")).unwrap();
    let article = serde_json::json!({"id": "daraa", "text": text, "published": "2018-07-04", "source": "example"});
    std::fs::write(&jsonl, format!("{article}\n")).unwrap();

    let first = hadath(&[
        "ingest",
        "--db",
        db,
        "--no-progress-bar",
        jsonl.to_str().unwrap(),
    ]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stderr(&first).contains("1 new"), "{}", stderr(&first));
    let again = hadath(&[
        "ingest",
        "--db",
        db,
        "--no-progress-bar",
        jsonl.to_str().unwrap(),
    ]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("0 new") && stderr(&again).contains("1 already stored"),
        "{}",
        stderr(&again)
    );

    // Search folds the clitic and hamza forms: "وبدرعا"-style words and درعا match.
    let search = hadath(&["search", "--db", db, "--json", "درعا"]);
    let hits = lines(&search);
    assert_eq!(hits.len(), 1, "{}", stderr(&search));
    assert_eq!(hits[0]["document_id"], "daraa");
    assert!(hits[0]["snippet"].as_str().unwrap().contains("درعا"));

    let events = hadath(&[
        "events", "--db", db, "--json", "--type", "CONSULT", "--actor", "USAGOV",
    ]);
    let happenings = lines(&events);
    assert_eq!(
        happenings.len(),
        1,
        "the Pompeo–Lavrov call: {happenings:?}"
    );
    assert_eq!(happenings[0]["date_start"], "2018-07-03");

    let export = hadath(&["export", "--db", db, "--format", "csv", "--layout", "acled"]);
    assert!(export.status.success(), "{}", stderr(&export));
    let csv = String::from_utf8(export.stdout).unwrap();
    let mut rows = csv.lines();
    assert!(rows
        .next()
        .unwrap()
        .starts_with("event_id_cnty,event_date,"));
    assert!(rows.count() >= 5, "{csv}");
}
