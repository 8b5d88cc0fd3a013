//! Why a file or record could not be read, phrased once here so every reader words it the same.
//!
//! Messages follow ripgrep's style: lowercase, no final period, the location is added by
//! [`SourceError::at`] when the error becomes a [`Diagnostic`].

use hadath_core::Diagnostic;

#[derive(Debug, thiserror::Error)]
pub(crate) enum SourceError {
    #[error("{}", io_message(.0))]
    Io(#[from] std::io::Error),
    #[error("is a directory (pass the files inside it)")]
    IsDirectory,
    #[error("not valid UTF-8 (first bad byte at offset {offset})")]
    NotUtf8 { offset: usize },
    #[error("empty file")]
    EmptyFile,
    #[error("unknown input format for extension .{0} (expected .txt, .jsonl, .ndjson, .json, .html, .htm or .zip, optionally .gz; or give the format explicitly)")]
    UnknownFormat(String),
    #[error("invalid JSON: {0}")]
    InvalidJson(String),
    #[error("record is not a JSON object")]
    NotAnObject,
    #[error("no text field (looked for {0})")]
    NoTextField(String),
    #[error("empty text (looked for {0})")]
    EmptyText(String),
    #[error("field {0} is not a string")]
    NotAString(String),
    #[error("id field {0} is not a string or a number")]
    BadId(String),
    #[error("not a valid zip archive ({0})")]
    BadZip(String),
    #[error("cannot read zip member ({0})")]
    BadZipMember(String),
    #[error("no main text found")]
    NoMainText,
}

impl SourceError {
    /// This error as an error diagnostic at `location`.
    pub(crate) fn at(self, location: impl Into<String>) -> Diagnostic {
        Diagnostic::error(location, self.to_string())
    }
}

/// An I/O error in lowercase, without Rust's `(os error N)` suffix.
fn io_message(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => return "no such file or directory".into(),
        ErrorKind::PermissionDenied => return "permission denied".into(),
        _ => {}
    }
    let text = error.to_string();
    let text = match text.find(" (os error") {
        Some(i) => &text[..i],
        None => &text,
    };
    lowercase_first(text)
}

/// `"Corrupt deflate stream"` → `"corrupt deflate stream"`; a message of one acronym is left alone.
pub(crate) fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if !chars.next().is_some_and(|c| c.is_uppercase()) => first
            .to_lowercase()
            .chain(text[first.len_utf8()..].chars())
            .collect(),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_read_like_ripgrep() {
        let e = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(
            SourceError::from(e).to_string(),
            "no such file or directory"
        );
        let e = std::io::Error::other("Corrupt deflate stream");
        assert_eq!(SourceError::from(e).to_string(), "corrupt deflate stream");
        assert_eq!(lowercase_first("UTF-8 broken"), "UTF-8 broken");
    }
}
