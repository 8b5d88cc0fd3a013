//! Reads every input format from small committed fixtures (and files written on the fly for byte
//! level cases), checking documents, ids, and the wording and location of every diagnostic.

use chrono::NaiveDate;
use hadath_core::{Diagnostic, Document, Severity};
use hadath_sources::{expand_paths, read_input, FieldNames, InputFormat, ReadOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> Vec<Result<Document, Diagnostic>> {
    read_input(path, &ReadOptions::default()).collect()
}

fn read_with(path: &str, options: &ReadOptions) -> Vec<Result<Document, Diagnostic>> {
    read_input(path, options).collect()
}

fn only_error(items: Vec<Result<Document, Diagnostic>>) -> String {
    assert_eq!(items.len(), 1, "{items:?}");
    let d = items.into_iter().next().unwrap().unwrap_err();
    assert_eq!(d.severity, Severity::Error);
    d.to_string()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn plain_text_is_byte_exact_with_the_stem_as_id() {
    let dir = tempfile::tempdir().unwrap();
    let text = "سطر أول\r\n\r\nسطر ثان  \n";
    let path = write(dir.path(), "خبر.txt", text.as_bytes());
    let options = ReadOptions {
        published: date(2018, 7, 3),
        ..ReadOptions::default()
    };
    let docs = read_with(&path, &options);
    assert_eq!(docs.len(), 1);
    let doc = docs[0].as_ref().unwrap();
    assert_eq!(doc.id, "خبر");
    assert_eq!(doc.text, text);
    assert_eq!(doc.published, date(2018, 7, 3));
    assert_eq!(doc.origin.path, path);
    assert_eq!(doc.origin.record, None);
}

#[test]
fn plain_text_drops_only_a_leading_bom() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bom.txt", b"\xEF\xBB\xBFnews\xEF\xBB\xBF");
    let doc = read(&path).remove(0).unwrap();
    assert_eq!(doc.text, "news\u{feff}");
}

#[test]
fn plain_text_that_is_not_utf8_names_the_first_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "x.txt", b"abc\xffdef");
    assert_eq!(
        only_error(read(&path)),
        format!("{path}: not valid UTF-8 (first bad byte at offset 3)")
    );
    let path = write(dir.path(), "bom.txt", b"\xEF\xBB\xBFab\xc3");
    assert!(only_error(read(&path)).ends_with("(first bad byte at offset 5)"));
}

#[test]
fn empty_text_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "empty.txt", b" \n\n");
    assert_eq!(only_error(read(&path)), format!("{path}: empty file"));
}

#[test]
fn missing_file_and_directory() {
    assert_eq!(
        only_error(read("no/such/missing.txt")),
        "no/such/missing.txt: no such file or directory"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_str().unwrap();
    assert_eq!(
        only_error(read(path)),
        format!("{path}: is a directory (pass the files inside it)")
    );
}

#[test]
fn unknown_extension_needs_a_format_override() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "feed.dat", b"{\"id\": 1, \"text\": \"x\"}\n");
    assert!(only_error(read(&path)).contains("unknown input format for extension .dat"));
    let options = ReadOptions {
        format: Some("jsonl".parse().unwrap()),
        ..ReadOptions::default()
    };
    let docs = read_with(&path, &options);
    assert_eq!(docs[0].as_ref().unwrap().id, "1");
}

#[test]
fn json_lines_good_bad_and_odd_records() {
    let path = fixture("news.jsonl");
    let items = read(&path);
    let summary: Vec<String> = items
        .iter()
        .map(|item| match item {
            Ok(doc) => format!("doc {} line {}", doc.id, doc.origin.record.unwrap()),
            Err(d) => format!("{:?} {}", d.severity, d),
        })
        .collect();
    let p = &path;
    assert_eq!(
        summary,
        vec![
            "doc a1 line 1".to_string(),
            "doc 42 line 2".to_string(),
            format!("Error {p}:3: invalid JSON: EOF while parsing an object at column 37"),
            "doc news.jsonl#5 line 5".to_string(),
            format!("Error {p}:6: no text field (looked for text, content)"),
            format!("Error {p}:7: empty text (looked for text, content)"),
            format!("Warning {p}:8: unrecognised date \"yesterday\" in field published, ignored"),
            "doc a8 line 8".to_string(),
            format!("Error {p}:9: record is not a JSON object"),
            "doc a10 line 10".to_string(),
        ]
    );
    let a1 = items[0].as_ref().unwrap();
    assert_eq!(a1.title.as_deref(), Some("اجتماع"));
    assert_eq!(a1.source.as_deref(), Some("example"));
    assert_eq!(a1.url.as_deref(), Some("https://example.invalid/a1"));
    assert_eq!(a1.published, date(2018, 7, 3));
    let a2 = items[1].as_ref().unwrap();
    assert_eq!(a2.text, "أعلنت الشركة عن افتتاح فرع جديد في جدة.");
    assert_eq!(a2.published, date(2015, 7, 21));
    assert_eq!(a2.author.as_deref(), Some("سارة, علي"));
}

#[test]
fn json_line_with_invalid_utf8_is_an_error_for_that_line_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"{\"id\": \"a\", \"text\": \"one\"}\r\n".to_vec();
    bytes.extend_from_slice(b"{\"id\": \"b\", \"text\": \"t\xe9\"}\r\n");
    bytes.extend_from_slice(b"{\"id\": \"c\", \"text\": \"three\"}");
    let path = write(dir.path(), "bad.jsonl", &bytes);
    let items = read(&path);
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].as_ref().unwrap().text, "one");
    assert_eq!(
        items[1].as_ref().unwrap_err().to_string(),
        format!("{path}:2: not valid UTF-8 (first bad byte at column 23)")
    );
    assert_eq!(items[2].as_ref().unwrap().id, "c");
}

#[test]
fn thousand_json_lines_give_thousand_documents_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    for i in 0..1000 {
        text.push_str(&format!(
            "{{\"id\": \"doc-{i}\", \"text\": \"خبر رقم {i}\"}}\n"
        ));
    }
    let path = write(dir.path(), "many.ndjson", text.as_bytes());
    let ids: Vec<String> = read(&path).into_iter().map(|d| d.unwrap().id).collect();
    let expected: Vec<String> = (0..1000).map(|i| format!("doc-{i}")).collect();
    assert_eq!(ids, expected);
}

#[test]
fn configurable_field_names() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "custom.jsonl",
        "{\"guid\": \"g1\", \"body\": \"النص\", \"headline\": \"عنوان\", \"text\": 5}\n".as_bytes(),
    );
    let mut fields = FieldNames::default();
    fields.set("text=body").unwrap();
    fields.set("id=guid").unwrap();
    fields.set("title=headline, title").unwrap();
    assert_eq!(fields.title, vec!["headline", "title"]);
    assert!(fields.set("colour=x").is_err());
    let options = ReadOptions {
        fields,
        ..ReadOptions::default()
    };
    let doc = read_with(&path, &options).remove(0).unwrap();
    assert_eq!((doc.id.as_str(), doc.text.as_str()), ("g1", "النص"));
    assert_eq!(doc.title.as_deref(), Some("عنوان"));
    // With the default names, `text` is tried first and is not a string.
    assert_eq!(
        only_error(read(&path)),
        format!("{path}:1: field text is not a string")
    );
}

#[test]
fn json_array_records() {
    let path = fixture("articles.json");
    let items = read(&path);
    assert_eq!(items.len(), 4, "{items:?}");
    let j1 = items[0].as_ref().unwrap();
    assert_eq!((j1.id.as_str(), j1.origin.record), ("j1", Some(1)));
    assert_eq!(j1.published, date(2015, 7, 21));
    assert_eq!(
        items[1].as_ref().unwrap_err().to_string(),
        format!("{path}#2: record is not a JSON object")
    );
    let third = items[2].as_ref().unwrap();
    assert_eq!(third.id, "articles.json#3");
    assert_eq!(third.text, "خبر بلا معرف.\r\nسطر ثان بنهاية CRLF.");
    let j4 = items[3].as_ref().unwrap();
    assert_eq!(
        j4.published,
        date(2015, 7, 22),
        "the date as written, not in UTC"
    );
}

#[test]
fn truncated_json_array_keeps_the_records_before_the_break() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "cut.json",
        b"[\n {\"text\": \"one\"},\n {\"text\": \"two\"},\n {\"text\": \"thr",
    );
    let items = read(&path);
    assert_eq!(items.len(), 3);
    assert_eq!(items[1].as_ref().unwrap().id, "cut.json#2");
    assert_eq!(
        items[2].as_ref().unwrap_err().to_string(),
        format!("{path}#3: invalid JSON: EOF while parsing a string at line 4 column 14")
    );
    let path = write(
        dir.path(),
        "sep.json",
        b"[{\"text\": \"one\"} {\"text\": \"two\"}]",
    );
    let items = read(&path);
    assert_eq!(items.len(), 2);
    assert_eq!(
        items[1].as_ref().unwrap_err().to_string(),
        format!("{path}: invalid JSON: expected `,` or `]` after record 1 at line 1 column 18")
    );
    let path = write(dir.path(), "tail.json", b"[{\"text\": \"one\"}] x");
    let items = read(&path);
    assert!(items[1]
        .as_ref()
        .unwrap_err()
        .message
        .contains("trailing data"));
}

#[test]
fn json_file_of_single_or_concatenated_objects() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "one.json",
        b"\xEF\xBB\xBF{\"text\": \"single\"}\n",
    );
    let docs = read(&path);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].as_ref().unwrap().id, "one.json#1");
    let path = write(
        dir.path(),
        "many.json",
        b"{\"text\": \"a\"}\n{\"text\": \"b\"}\n",
    );
    let texts: Vec<String> = read(&path).into_iter().map(|d| d.unwrap().text).collect();
    assert_eq!(texts, ["a", "b"]);
    let path = write(dir.path(), "empty.json", b"  \n");
    assert_eq!(only_error(read(&path)), format!("{path}: empty file"));
}

#[test]
fn saudinewsnet_zip_reads_as_is() {
    let path = fixture("2015-07-21.zip");
    let docs: Vec<Document> = read(&path).into_iter().map(|d| d.unwrap()).collect();
    assert_eq!(docs.len(), 3);
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "2015-07-21.zip/2015-07-21.json#1",
            "2015-07-21.zip/2015-07-21.json#2",
            "2015-07-21.zip/2015-07-21.json#3"
        ]
    );
    let first = &docs[0];
    assert_eq!(first.source.as_deref(), Some("aawsat"));
    assert_eq!(first.published, date(2015, 7, 21));
    assert_eq!(first.author, None, "empty author is no author");
    assert!(first
        .text
        .starts_with("الضيوف الذين سينزلون في فندق هين - نا"));
    assert!(
        first.text.ends_with("روبوتات على شكل البشر.\n\n "),
        "text kept byte-exact"
    );
    assert_eq!(first.origin.member.as_deref(), Some("2015-07-21.json"));
    assert_eq!(first.origin.record, Some(1));
    let third = &docs[2];
    assert_eq!(third.source.as_deref(), Some("almadina"));
    assert_eq!(third.author.as_deref(), Some("المدينة - جدة"));
    assert_eq!(
        third.title.as_deref(),
        Some("وزير التعليم ينفي تأجيل الدراسة إلى ما بعد الحج")
    );
}

fn make_zip(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in members {
        if name.ends_with('/') {
            zip.add_directory(*name, options).unwrap();
        } else {
            zip.start_file(*name, options).unwrap();
            zip.write_all(bytes).unwrap();
        }
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn zip_members_are_read_by_extension() {
    let html = std::fs::read(fixture("article.html")).unwrap();
    let bytes = make_zip(&[
        ("pages/", b""),
        ("pages/bridge.html", &html),
        (
            "a.jsonl",
            b"{\"text\": \"one\"}\nnot json\n{\"id\": \"x\", \"text\": \"two\"}\n",
        ),
        ("b.txt", "نص عادي".as_bytes()),
        (".DS_Store", b"junk"),
        ("__MACOSX/._b.txt", b"junk"),
        ("notes.pdf", b"%PDF"),
        ("c.json", b"[{\"text\": \"three\"}]"),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "mixed.zip", &bytes);
    let summary: Vec<String> = read(&path)
        .into_iter()
        .map(|item| match item {
            Ok(doc) => format!("doc {} {:?}", doc.id, doc.origin.member),
            Err(d) => format!("{:?} {}", d.severity, d.message),
        })
        .collect();
    assert_eq!(
        summary,
        [
            "doc mixed.zip/pages/bridge Some(\"pages/bridge.html\")",
            "doc mixed.zip/a.jsonl#1 Some(\"a.jsonl\")",
            "Error invalid JSON: expected ident at column 2",
            "doc x Some(\"a.jsonl\")",
            "doc mixed.zip/b Some(\"b.txt\")",
            "Warning skipped (unknown file type)",
            "doc mixed.zip/c.json#1 Some(\"c.json\")",
        ]
    );
    let items = read(&path);
    let bad = items[2].as_ref().unwrap_err();
    assert_eq!(bad.location, format!("{path}/a.jsonl:2"));
}

#[test]
fn broken_zip_is_one_file_level_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "broken.zip", b"PK\x03\x04 not really");
    let message = only_error(read(&path));
    assert!(
        message.starts_with(&format!("{path}: not a valid zip archive (")),
        "{message}"
    );
}

#[test]
fn html_main_text_title_date_and_language() {
    let path = fixture("article.html");
    let docs = read(&path);
    assert_eq!(docs.len(), 1);
    let doc = docs[0].as_ref().unwrap();
    assert_eq!(doc.id, "article");
    assert!(
        doc.text.starts_with("افتتح المجلس المحلي في مدينة الرقة"),
        "{:?}",
        doc.text
    );
    assert!(doc
        .text
        .contains("الجاري، داعياً السكان إلى الالتزام بتعليمات السير."));
    assert!(
        doc.text.contains("ومنح دولية.\n\nوأضاف أن"),
        "paragraphs stay apart: {:?}",
        doc.text
    );
    for boilerplate in ["الرئيسية", "الأكثر قراءة", "جميع الحقوق", "لا ينبغي"]
    {
        assert!(
            !doc.text.contains(boilerplate),
            "{boilerplate} leaked: {:?}",
            doc.text
        );
    }
    assert_eq!(
        doc.title.as_deref(),
        Some("افتتاح جسر جديد فوق نهر الفرات في مدينة الرقة")
    );
    assert_eq!(doc.published, date(2018, 7, 3));
    assert_eq!(doc.declared_language.as_deref(), Some("ar"));
    assert_eq!(doc.source.as_deref(), Some("صحيفة المثال"));
    assert_eq!(doc.author.as_deref(), Some("مراسل المثال"));
    assert_eq!(
        doc.url.as_deref(),
        Some("https://example.invalid/news/2018/07/03/bridge")
    );
}

#[test]
fn html_date_from_other_meta_tags_and_json_ld() {
    let body = "<article><p>".to_string() + &"نص الخبر هنا. ".repeat(60) + "</p></article>";
    let dir = tempfile::tempdir().unwrap();
    let page = |head: &str| format!("<html><head>{head}</head><body>{body}</body></html>");
    let path = write(
        dir.path(),
        "dc.htm",
        page(r#"<meta name="DC.date" content="2016-01-02">"#).as_bytes(),
    );
    assert_eq!(read(&path)[0].as_ref().unwrap().published, date(2016, 1, 2));
    let path = write(
        dir.path(),
        "ld.html",
        page(r#"<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "h", "datePublished": "2017-03-04T10:00:00Z"}</script>"#).as_bytes(),
    );
    let doc = read(&path).remove(0).unwrap();
    assert_eq!(doc.published, date(2017, 3, 4));
    assert_eq!(doc.declared_language, None);
}

#[test]
fn html_without_text_is_an_error() {
    let path = fixture("no-text.html");
    assert_eq!(
        only_error(read(&path)),
        format!("{path}: no main text found")
    );
}

#[test]
fn gzipped_inputs() {
    use flate2::{write::GzEncoder, Compression};
    let gz = |bytes: &[u8]| {
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    };
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "feed.jsonl.gz",
        &gz(b"{\"text\": \"a\"}\n{\"text\": \"b\"}\n"),
    );
    let ids: Vec<String> = read(&path).into_iter().map(|d| d.unwrap().id).collect();
    assert_eq!(ids, ["feed.jsonl.gz#1", "feed.jsonl.gz#2"]);
    let path = write(dir.path(), "story.txt.gz", &gz("قصة".as_bytes()));
    let doc = read(&path).remove(0).unwrap();
    assert_eq!((doc.id.as_str(), doc.text.as_str()), ("story", "قصة"));
    let zipped = std::fs::read(fixture("2015-07-21.zip")).unwrap();
    let path = write(dir.path(), "snn.zip.gz", &gz(&zipped));
    assert_eq!(read(&path).into_iter().filter(|d| d.is_ok()).count(), 3);
    let path = write(dir.path(), "bad.txt.gz", b"\x1f\x8b\x08\x00garbage");
    assert_eq!(read(&path).len(), 1);
    assert!(read(&path)[0].is_err());
}

#[test]
fn expand_paths_walks_directories_sorted() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("b/deep")).unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::create_dir_all(root.join("empty")).unwrap();
    for name in [
        "z.txt",
        "a.jsonl",
        "b/deep/c.html",
        "b/x.json.gz",
        "b/notes.pdf",
        "b/README",
        ".hidden.txt",
        ".git/config.json",
    ] {
        std::fs::write(root.join(name), b"x").unwrap();
    }
    let explicit = root.join("b/notes.pdf");
    let missing = root.join("missing.txt");
    let (files, diagnostics) = expand_paths([
        root.to_path_buf(),
        explicit.clone(),
        missing.clone(),
        PathBuf::from("-"),
    ]);
    let expected: Vec<PathBuf> = ["a.jsonl", "b/deep/c.html", "b/x.json.gz", "z.txt"]
        .iter()
        .map(|n| root.join(n))
        .chain([explicit, PathBuf::from("-")])
        .collect();
    assert_eq!(files, expected);
    let messages: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        messages,
        [format!("{}: no such file or directory", missing.display())]
    );
    let (files, diagnostics) = expand_paths([root.join("empty")]);
    assert!(files.is_empty());
    assert_eq!(diagnostics[0].severity, Severity::Warning);
}

#[test]
fn documents_iterator_is_lazy_and_send() {
    fn assert_send<T: Send>(_: &T) {}
    let docs = read_input("does/not/exist.txt", &ReadOptions::default());
    assert_send(&docs);
    let _: Option<InputFormat> = ReadOptions::default().format;
}
