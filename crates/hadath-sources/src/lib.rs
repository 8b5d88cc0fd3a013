//! Readers that turn input files — plain text, JSON Lines, JSON arrays, HTML pages, zip archives
//! of those, optionally gzipped — into [`hadath_core::Document`]s, streaming, one at a time.
//!
//! [`read_input`] reads one path (or `-` for standard input) and yields each document or a
//! [`Diagnostic`] naming the file, line or record, and the reason, e.g.
//! `news.jsonl:17: invalid JSON: expected value at column 3`. Nothing is fatal: after a bad record
//! reading goes on with the next one; a file that cannot be read at all yields one diagnostic.
//! Some diagnostics are warnings (an unrecognised date, a skipped zip member) and come just
//! before the document they concern, or in place of a member that was skipped; check
//! [`Diagnostic::severity`](hadath_core::Diagnostic).
//!
//! [`expand_paths`] turns files and directories given on a command line into the list of files
//! to read.

mod archive;
mod date;
mod error;
mod html;
mod json;
mod paths;
mod text;

pub use date::parse_date;
pub use json::FieldNames;
pub use paths::expand_paths;

use archive::ZipDocs;
use chrono::NaiveDate;
use error::SourceError;
use hadath_core::{Diagnostic, Document, Origin};
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;
use std::sync::Arc;

/// What [`read_input`] yields: a document, or a problem with the input.
pub type Item = Result<Document, Diagnostic>;

/// The kind of an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputFormat {
    /// One file is one document (`.txt`, or no extension).
    Text,
    /// One JSON object per line (`.jsonl`, `.ndjson`).
    Jsonl,
    /// A JSON array of objects, or objects one after another (`.json`).
    Json,
    /// A web page; the main text is extracted (`.html`, `.htm`).
    Html,
    /// A zip archive of any of the above (`.zip`).
    Zip,
}

impl InputFormat {
    pub const ALL: [InputFormat; 5] = [
        InputFormat::Text,
        InputFormat::Jsonl,
        InputFormat::Json,
        InputFormat::Html,
        InputFormat::Zip,
    ];

    /// The name accepted by [`str::parse`]: `text`, `jsonl`, `json`, `html` or `zip`.
    pub fn as_str(&self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Jsonl => "jsonl",
            InputFormat::Json => "json",
            InputFormat::Html => "html",
            InputFormat::Zip => "zip",
        }
    }

    /// The format an extension (without the dot, any case) stands for.
    pub fn from_extension(extension: &str) -> Option<InputFormat> {
        match extension.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(InputFormat::Text),
            "jsonl" | "ndjson" => Some(InputFormat::Jsonl),
            "json" => Some(InputFormat::Json),
            "html" | "htm" | "xhtml" => Some(InputFormat::Html),
            "zip" => Some(InputFormat::Zip),
            _ => None,
        }
    }

    /// The format of a file name: by its extension, after removing a `.gz`; a name without an
    /// extension is text. `None` for an unknown extension.
    pub fn from_name(name: &str) -> Option<InputFormat> {
        let name = strip_gz(file_name(name)).0;
        match name.rsplit_once('.') {
            Some((stem, extension)) if !stem.is_empty() => InputFormat::from_extension(extension),
            _ => Some(InputFormat::Text),
        }
    }
}

impl std::fmt::Display for InputFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for InputFormat {
    type Err = String;

    /// Parses `text`, `jsonl`, `json`, `html` or `zip` (also `txt`, `ndjson`, `htm`), any case;
    /// the error message lists the accepted names, so it can go straight to a CLI user.
    fn from_str(s: &str) -> Result<InputFormat, String> {
        let s = s.trim();
        InputFormat::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s))
            .or_else(|| InputFormat::from_extension(s))
            .ok_or_else(|| {
                format!("unknown input format {s:?} (expected text, jsonl, json, html or zip)")
            })
    }
}

/// How to read inputs.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Overrides detection from the extension. Standard input is text unless this says otherwise.
    pub format: Option<InputFormat>,
    /// Which JSON fields hold the text, id and metadata.
    pub fields: FieldNames,
    /// Publication date for documents whose input gives none (or gives one that does not parse).
    pub published: Option<NaiveDate>,
}

/// Reads one input path (`-` is standard input), yielding its documents and diagnostics in input
/// order. Nothing is opened until the first call to `next`.
///
/// Ids: the record's id field; else `<file name>#<record>` (1-based line for JSON Lines, record
/// number for JSON; `<zip name>/<member>#<n>` inside a zip, `stdin#<n>` for standard input). A text
/// or HTML file's id is its file stem (`<zip name>/<member without extension>` inside a zip).
/// Diagnostic locations use the path as given: `news.jsonl:17`, `data.json#3`,
/// `2015-07-21.zip/2015-07-21.json#3`, `<stdin>:4`.
pub fn read_input(path: &str, options: &ReadOptions) -> Documents {
    Documents {
        state: State::Pending(path.to_string(), Arc::new(options.clone())),
    }
}

/// The documents of one input; see [`read_input`].
pub struct Documents {
    state: State,
}

enum State {
    Pending(String, Arc<ReadOptions>),
    Running(Box<dyn Iterator<Item = Item> + Send>),
}

impl Iterator for Documents {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if let State::Pending(path, options) = &self.state {
            let inner = open(path, options.clone());
            self.state = State::Running(inner);
        }
        match &mut self.state {
            State::Running(inner) => inner.next(),
            State::Pending(..) => unreachable!("opened just above"),
        }
    }
}

/// Where the reader is: used for diagnostics, ids and `Origin`.
#[derive(Debug, Clone)]
pub(crate) struct Ctx {
    /// Prefix of diagnostic locations: the path as given, `<stdin>`, or `path/member`.
    pub(crate) location: String,
    /// Prefix of generated ids: the file name, `stdin`, or `zip name/member`.
    pub(crate) id_base: String,
    /// Id of a single-document file: the stem of `id_base`.
    pub(crate) stem: String,
    pub(crate) origin_path: String,
    pub(crate) member: Option<String>,
    pub(crate) options: Arc<ReadOptions>,
}

impl Ctx {
    fn for_path(path: &str, options: Arc<ReadOptions>) -> Ctx {
        if path == "-" {
            return Ctx {
                location: "<stdin>".into(),
                id_base: "stdin".into(),
                stem: "stdin".into(),
                origin_path: "-".into(),
                member: None,
                options,
            };
        }
        let name = file_name(path).to_string();
        Ctx {
            location: path.to_string(),
            stem: stem(&name).to_string(),
            id_base: name,
            origin_path: path.to_string(),
            member: None,
            options,
        }
    }

    /// The context of a member of the archive this context is for.
    pub(crate) fn member(&self, member: &str) -> Ctx {
        let member_stem = match member.rsplit_once('/') {
            Some((dir, name)) => format!("{dir}/{}", stem(name)),
            None => stem(member).to_string(),
        };
        Ctx {
            location: format!("{}/{member}", self.location),
            id_base: format!("{}/{member}", self.id_base),
            stem: format!("{}/{member_stem}", self.id_base),
            origin_path: self.origin_path.clone(),
            member: Some(member.to_string()),
            options: self.options.clone(),
        }
    }

    pub(crate) fn origin(&self, record: Option<usize>) -> Origin {
        Origin {
            path: self.origin_path.clone(),
            member: self.member.clone(),
            record,
        }
    }
}

/// The last component of a `/`- or platform-separated path.
fn file_name(path: &str) -> &str {
    Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(path)
}

/// `("a.jsonl", true)` for `a.jsonl.gz`.
fn strip_gz(name: &str) -> (&str, bool) {
    match name.len().checked_sub(3) {
        Some(i) if name.is_char_boundary(i) && name[i..].eq_ignore_ascii_case(".gz") => {
            (&name[..i], true)
        }
        _ => (name, false),
    }
}

/// `a` for `a.txt` and `a.txt.gz`; a leading dot is not an extension.
fn stem(name: &str) -> &str {
    let name = strip_gz(name).0;
    match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    }
}

fn failed(diagnostic: Diagnostic) -> Box<dyn Iterator<Item = Item> + Send> {
    Box::new(std::iter::once(Err(diagnostic)))
}

/// Opens a path and picks the reader for its format.
fn open(path: &str, options: Arc<ReadOptions>) -> Box<dyn Iterator<Item = Item> + Send> {
    let ctx = Ctx::for_path(path, options);
    let format = ctx.options.format;
    if path == "-" {
        let reader = BufReader::new(std::io::stdin());
        return from_reader(format.unwrap_or(InputFormat::Text), Box::new(reader), ctx);
    }
    match std::fs::metadata(path) {
        Err(e) => return failed(SourceError::Io(e).at(&ctx.location)),
        Ok(meta) if meta.is_dir() => return failed(SourceError::IsDirectory.at(&ctx.location)),
        Ok(_) => {}
    }
    let (inner, gzipped) = strip_gz(file_name(path));
    let format = match format.or_else(|| InputFormat::from_name(inner)) {
        Some(format) => format,
        None => {
            let extension = inner.rsplit_once('.').map_or("", |(_, e)| e);
            return failed(SourceError::UnknownFormat(extension.to_string()).at(&ctx.location));
        }
    };
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) => return failed(SourceError::Io(e).at(&ctx.location)),
    };
    if format == InputFormat::Zip && !gzipped {
        return match ZipDocs::open(Box::new(file), ctx) {
            Ok(docs) => Box::new(docs),
            Err(e) => failed(e),
        };
    }
    let reader: Box<dyn BufRead + Send> = if gzipped {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    from_reader(format, reader, ctx)
}

/// Documents from a stream: JSON Lines stream line by line, other formats are read whole first.
fn from_reader(
    format: InputFormat,
    mut reader: Box<dyn BufRead + Send>,
    ctx: Ctx,
) -> Box<dyn Iterator<Item = Item> + Send> {
    if format == InputFormat::Jsonl {
        return Box::new(json::JsonLines::new(reader, ctx));
    }
    let mut bytes = Vec::new();
    if let Err(e) = reader.read_to_end(&mut bytes) {
        return failed(SourceError::Io(e).at(&ctx.location));
    }
    documents_from_bytes(format, bytes, ctx)
}

/// Documents from a whole file (or zip member) in memory.
pub(crate) fn documents_from_bytes(
    format: InputFormat,
    bytes: Vec<u8>,
    ctx: Ctx,
) -> Box<dyn Iterator<Item = Item> + Send> {
    match format {
        InputFormat::Text => Box::new(std::iter::once(text::text_document(bytes, &ctx))),
        InputFormat::Html => Box::new(std::iter::once(html::html_document(bytes, &ctx))),
        InputFormat::Jsonl => Box::new(json::JsonLines::new(Cursor::new(bytes), ctx)),
        InputFormat::Json => Box::new(json::JsonRecords::new(bytes, ctx)),
        InputFormat::Zip => match ZipDocs::open(Box::new(Cursor::new(bytes)), ctx) {
            Ok(docs) => Box::new(docs),
            Err(e) => failed(e),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_from_names_and_extensions() {
        for format in InputFormat::ALL {
            assert_eq!(format.as_str().parse::<InputFormat>(), Ok(format));
            assert_eq!(format.to_string().to_uppercase().parse(), Ok(format));
        }
        assert_eq!("ndjson".parse(), Ok(InputFormat::Jsonl));
        assert!("pdf"
            .parse::<InputFormat>()
            .unwrap_err()
            .contains("expected text"));
        assert_eq!(
            InputFormat::from_name("a/b/news.JSONL"),
            Some(InputFormat::Jsonl)
        );
        assert_eq!(
            InputFormat::from_name("news.ndjson.gz"),
            Some(InputFormat::Jsonl)
        );
        assert_eq!(InputFormat::from_name("page.htm"), Some(InputFormat::Html));
        assert_eq!(
            InputFormat::from_name("2015-07-21.zip"),
            Some(InputFormat::Zip)
        );
        assert_eq!(InputFormat::from_name("README"), Some(InputFormat::Text));
        assert_eq!(InputFormat::from_name(".hidden"), Some(InputFormat::Text));
        assert_eq!(InputFormat::from_name("paper.pdf"), None);
    }

    #[test]
    fn stems_and_member_contexts() {
        assert_eq!(stem("a.txt"), "a");
        assert_eq!(stem("a.b.txt.gz"), "a.b");
        assert_eq!(stem("README"), "README");
        let ctx = Ctx::for_path("data/x.zip", Arc::default());
        assert_eq!(ctx.id_base, "x.zip");
        let member = ctx.member("dir/page.html");
        assert_eq!(member.location, "data/x.zip/dir/page.html");
        assert_eq!(member.stem, "x.zip/dir/page");
        assert_eq!(
            member.origin(Some(2)).to_string(),
            "data/x.zip/dir/page.html:2"
        );
    }
}
