//! Plain text: one file is one document, its text kept byte-exact.

use crate::error::SourceError;
use crate::Ctx;
use hadath_core::{Diagnostic, Document};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One document from the bytes of a plain text file, with the file stem as its id.
///
/// The text is the file's bytes unchanged (CRLF line ends stay CRLF), except that a leading
/// UTF-8 byte order mark is dropped: it is an encoding signature, not text, and keeping it
/// would put an invisible character before the first word. Bytes that are not UTF-8 make the
/// whole file an error, reported at the offset of the first bad byte (counted from the start of
/// the file, BOM included). A file that is empty or only whitespace is an error too.
pub(crate) fn text_document(bytes: Vec<u8>, ctx: &Ctx) -> Result<Document, Diagnostic> {
    let skip = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    let mut bytes = bytes;
    bytes.drain(..skip);
    let text = String::from_utf8(bytes).map_err(|e| {
        SourceError::NotUtf8 {
            offset: skip + e.utf8_error().valid_up_to(),
        }
        .at(&ctx.location)
    })?;
    if text.trim().is_empty() {
        return Err(SourceError::EmptyFile.at(&ctx.location));
    }
    Ok(Document {
        id: ctx.stem.clone(),
        text,
        published: ctx.options.published,
        origin: ctx.origin(None),
        ..Document::default()
    })
}
