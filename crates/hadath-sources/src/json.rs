//! JSON Lines and JSON arrays of articles, read one record at a time.
//!
//! JSON Lines are read line by line from any `BufRead`, so a file of any size streams. A `.json`
//! file (a JSON array, a single object, or objects one after another) is held as *bytes* — one
//! copy of the file, which for a zip member is unavoidable anyway — and records are parsed from
//! those bytes one by one; no `serde_json::Value` tree of the whole array is ever built, only one
//! per record. Inputs larger than memory should be JSON Lines.

use crate::date::parse_date;
use crate::error::SourceError;
use crate::{Ctx, Item};
use hadath_core::{Diagnostic, Document};
use serde_json::{Map, Value};
use std::collections::VecDeque;
use std::io::BufRead;

/// Which record fields hold which document field; each list is tried in order, the first field
/// present with a non-empty value wins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldNames {
    /// Default `["id"]`. Strings and numbers are accepted.
    pub id: Vec<String>,
    /// Default `["text", "content"]`.
    pub text: Vec<String>,
    /// Default `["title"]`.
    pub title: Vec<String>,
    /// Default `["url"]`.
    pub url: Vec<String>,
    /// Default `["published", "date_extracted"]`.
    pub published: Vec<String>,
    /// Default `["source"]`.
    pub source: Vec<String>,
    /// Default `["author"]`.
    pub author: Vec<String>,
}

impl Default for FieldNames {
    fn default() -> FieldNames {
        let list = |names: &[&str]| names.iter().map(|n| n.to_string()).collect();
        FieldNames {
            id: list(&["id"]),
            text: list(&["text", "content"]),
            title: list(&["title"]),
            url: list(&["url"]),
            published: list(&["published", "date_extracted"]),
            source: list(&["source"]),
            author: list(&["author"]),
        }
    }
}

impl FieldNames {
    /// Applies one `FIELD=NAME[,NAME…]` setting, e.g. `text=body,content` (for a CLI flag such
    /// as `--field text=body`). FIELD is one of id, text, title, url, published, source, author.
    pub fn set(&mut self, spec: &str) -> Result<(), String> {
        let (field, names) = spec
            .split_once('=')
            .ok_or_else(|| format!("expected FIELD=NAME[,NAME...], got {spec:?}"))?;
        let names: Vec<String> = names
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect();
        if names.is_empty() {
            return Err(format!("no field names given for {field}"));
        }
        let slot = match field.trim() {
            "id" => &mut self.id,
            "text" => &mut self.text,
            "title" => &mut self.title,
            "url" => &mut self.url,
            "published" => &mut self.published,
            "source" => &mut self.source,
            "author" => &mut self.author,
            other => {
                return Err(format!(
                    "unknown field {other:?} (expected id, text, title, url, published, source or author)"
                ))
            }
        };
        *slot = names;
        Ok(())
    }
}

/// Turns one parsed record into a document (or an error), queueing any warnings before it.
fn push_record(value: Value, ctx: &Ctx, record: usize, location: &str, queue: &mut VecDeque<Item>) {
    match record_to_document(value, ctx, record, location, queue) {
        Ok(doc) => queue.push_back(Ok(doc)),
        Err(e) => queue.push_back(Err(e.at(location))),
    }
}

fn record_to_document(
    value: Value,
    ctx: &Ctx,
    record: usize,
    location: &str,
    queue: &mut VecDeque<Item>,
) -> Result<Document, SourceError> {
    let Value::Object(mut map) = value else {
        return Err(SourceError::NotAnObject);
    };
    let fields = &ctx.options.fields;

    let mut text = None;
    let mut saw_empty = false;
    for name in &fields.text {
        match map.remove(name) {
            Some(Value::String(s)) if !s.trim().is_empty() => {
                text = Some(s);
                break;
            }
            Some(Value::String(_)) | Some(Value::Null) => saw_empty = true,
            Some(_) => return Err(SourceError::NotAString(name.clone())),
            None => {}
        }
    }
    let text = match text {
        Some(text) => text,
        None if saw_empty => return Err(SourceError::EmptyText(fields.text.join(", "))),
        None => return Err(SourceError::NoTextField(fields.text.join(", "))),
    };

    let mut id = None;
    for name in &fields.id {
        match map.get(name) {
            Some(Value::String(s)) if !s.trim().is_empty() => {
                id = Some(s.clone());
                break;
            }
            Some(Value::Number(n)) => {
                id = Some(n.to_string());
                break;
            }
            Some(Value::String(_)) | Some(Value::Null) | None => {}
            Some(_) => return Err(SourceError::BadId(name.clone())),
        }
    }
    let id = id.unwrap_or_else(|| format!("{}#{record}", ctx.id_base));

    let published = match first_string(&map, &fields.published) {
        Some((name, value)) => match parse_date(&value) {
            Some(date) => Some(date),
            None => {
                queue.push_back(Err(Diagnostic::warning(
                    location,
                    format!("unrecognised date {value:?} in field {name}, ignored"),
                )));
                ctx.options.published
            }
        },
        None => ctx.options.published,
    };

    Ok(Document {
        id,
        text,
        title: first_string(&map, &fields.title).map(|(_, v)| v),
        url: first_string(&map, &fields.url).map(|(_, v)| v),
        published,
        source: first_string(&map, &fields.source).map(|(_, v)| v),
        author: first_string(&map, &fields.author).map(|(_, v)| v),
        declared_language: None,
        origin: ctx.origin(Some(record)),
    })
}

/// The first of `names` holding a non-blank string (trimmed), with the field's name. An array of
/// strings (several authors) is joined with `, `; other types are ignored.
fn first_string(map: &Map<String, Value>, names: &[String]) -> Option<(String, String)> {
    names.iter().find_map(|name| {
        let value = match map.get(name)? {
            Value::String(s) => s.trim().to_string(),
            Value::Array(items) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::trim))
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
            _ => return None,
        };
        (!value.is_empty()).then(|| (name.clone(), value))
    })
}

/// serde_json's message without its ` at line L column C` tail.
fn json_reason(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// JSON Lines: one record per line; blank lines are skipped, a leading BOM and CRLF line ends are
/// accepted. A bad line is reported (`file:LINE`) and reading goes on with the next one.
pub(crate) struct JsonLines<R> {
    reader: R,
    ctx: Ctx,
    line: usize,
    buf: Vec<u8>,
    queue: VecDeque<Item>,
    done: bool,
}

impl<R: BufRead> JsonLines<R> {
    pub(crate) fn new(reader: R, ctx: Ctx) -> JsonLines<R> {
        JsonLines {
            reader,
            ctx,
            line: 0,
            buf: Vec::new(),
            queue: VecDeque::new(),
            done: false,
        }
    }

    fn read_line(&mut self) {
        let location = format!("{}:{}", self.ctx.location, self.line);
        let mut bytes: &[u8] = &self.buf;
        if self.line == 1 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        let line = match std::str::from_utf8(bytes) {
            Ok(line) => line,
            Err(e) => {
                let message = format!(
                    "not valid UTF-8 (first bad byte at column {})",
                    e.valid_up_to() + 1
                );
                self.queue
                    .push_back(Err(Diagnostic::error(location, message)));
                return;
            }
        };
        if line.trim().is_empty() {
            return;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(value) => push_record(value, &self.ctx, self.line, &location, &mut self.queue),
            Err(e) => {
                let message = format!("{} at column {}", json_reason(&e), e.column());
                self.queue
                    .push_back(Err(SourceError::InvalidJson(message).at(location)));
            }
        }
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.queue.pop_front() {
                return Some(item);
            }
            if self.done {
                return None;
            }
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.line += 1;
                    self.read_line();
                }
                Err(e) => {
                    self.done = true;
                    let location = format!("{}:{}", self.ctx.location, self.line + 1);
                    return Some(Err(SourceError::Io(e).at(location)));
                }
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    /// Inside `[ … ]`; `first` until the first record has been read.
    Array {
        first: bool,
    },
    /// Top-level objects one after another (a single object, or JSON Lines named `.json`).
    Stream,
    Done,
}

/// A `.json` file's records: the elements of a top-level array, or top-level objects in turn.
/// Records are numbered from 1 (`file#N`). A record that parses but cannot become a document is
/// reported and skipped; a syntax error ends the file, since the next record cannot be found.
pub(crate) struct JsonRecords {
    bytes: Vec<u8>,
    pos: usize,
    state: State,
    record: usize,
    ctx: Ctx,
    queue: VecDeque<Item>,
}

impl JsonRecords {
    pub(crate) fn new(bytes: Vec<u8>, ctx: Ctx) -> JsonRecords {
        JsonRecords {
            bytes,
            pos: 0,
            state: State::Start,
            record: 0,
            ctx,
            queue: VecDeque::new(),
        }
    }

    fn skip_whitespace(&mut self) {
        while self
            .bytes
            .get(self.pos)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.pos += 1;
        }
    }

    /// 1-based line and column of byte offset `pos`.
    fn line_column(&self, pos: usize) -> (usize, usize) {
        let before = &self.bytes[..pos.min(self.bytes.len())];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        (line, pos - line_start + 1)
    }

    /// Ends the file with an error.
    fn fail(&mut self, location: String, message: String) {
        self.state = State::Done;
        self.queue
            .push_back(Err(SourceError::InvalidJson(message).at(location)));
    }

    /// Parses the value at `pos` as record `record + 1`.
    fn read_value(&mut self) {
        let number = self.record + 1;
        let location = format!("{}#{number}", self.ctx.location);
        let mut stream =
            serde_json::Deserializer::from_slice(&self.bytes[self.pos..]).into_iter::<Value>();
        match stream.next() {
            Some(Ok(value)) => {
                self.pos += stream.byte_offset();
                self.record = number;
                push_record(value, &self.ctx, number, &location, &mut self.queue);
            }
            Some(Err(e)) => {
                let (line, column) = self.line_column(self.pos);
                let column = if e.line() <= 1 {
                    column + e.column().saturating_sub(1)
                } else {
                    e.column()
                };
                let line = line + e.line().saturating_sub(1);
                let message = format!("{} at line {line} column {column}", json_reason(&e));
                self.fail(location, message);
            }
            None => {
                let location = self.ctx.location.clone();
                self.fail(location, "unexpected end of file".into());
            }
        }
    }

    fn step(&mut self) {
        self.skip_whitespace();
        let next = self.bytes.get(self.pos).copied();
        match self.state {
            State::Done => {}
            State::Start => {
                if self.bytes.starts_with(b"\xEF\xBB\xBF") {
                    self.pos = 3;
                    self.skip_whitespace();
                }
                match self.bytes.get(self.pos) {
                    None => {
                        self.state = State::Done;
                        let location = self.ctx.location.clone();
                        self.queue
                            .push_back(Err(SourceError::EmptyFile.at(location)));
                    }
                    Some(b'[') => {
                        self.pos += 1;
                        self.state = State::Array { first: true };
                    }
                    Some(_) => self.state = State::Stream,
                }
            }
            State::Array { first } => match next {
                Some(b']') => {
                    self.pos += 1;
                    self.skip_whitespace();
                    self.state = State::Done;
                    if self.pos < self.bytes.len() {
                        let (line, column) = self.line_column(self.pos);
                        let location = self.ctx.location.clone();
                        self.fail(
                            location,
                            format!("trailing data after the array at line {line} column {column}"),
                        );
                    }
                }
                Some(b',') if !first => {
                    self.pos += 1;
                    self.skip_whitespace();
                    self.read_value();
                }
                _ if first => {
                    self.state = State::Array { first: false };
                    self.read_value();
                }
                other => {
                    let (line, column) = self.line_column(self.pos);
                    let location = self.ctx.location.clone();
                    let reason = if other.is_none() {
                        "unexpected end of file inside the array".to_string()
                    } else {
                        format!("expected `,` or `]` after record {}", self.record)
                    };
                    self.fail(location, format!("{reason} at line {line} column {column}"));
                }
            },
            State::Stream => match next {
                None => self.state = State::Done,
                Some(_) => self.read_value(),
            },
        }
    }
}

impl Iterator for JsonRecords {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.queue.pop_front() {
                return Some(item);
            }
            if self.state == State::Done {
                return None;
            }
            self.step();
        }
    }
}
