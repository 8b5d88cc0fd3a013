//! Zip archives (SaudiNewsNet ships one `YYYY-MM-DD.json` per zip): each member is read by its
//! own extension, one member in memory at a time.

use crate::error::SourceError;
use crate::{documents_from_bytes, Ctx, InputFormat, Item};
use hadath_core::Diagnostic;
use std::io::{Read, Seek};
use zip::ZipArchive;

pub(crate) trait ReadSeek: Read + Seek + Send {}
impl<T: Read + Seek + Send> ReadSeek for T {}

type Docs = Box<dyn Iterator<Item = Item> + Send>;

/// Documents from every member of a zip archive, in archive order. Directories, hidden members
/// and `__MACOSX/` are skipped silently; members of unknown type are skipped with a warning; a
/// member that cannot be decompressed is an error for that member only.
pub(crate) struct ZipDocs {
    archive: ZipArchive<Box<dyn ReadSeek>>,
    index: usize,
    ctx: Ctx,
    current: Option<Docs>,
}

impl ZipDocs {
    pub(crate) fn open(reader: Box<dyn ReadSeek>, ctx: Ctx) -> Result<ZipDocs, Diagnostic> {
        let archive = ZipArchive::new(reader)
            .map_err(|e| SourceError::BadZip(e.to_string()).at(&ctx.location))?;
        Ok(ZipDocs {
            archive,
            index: 0,
            ctx,
            current: None,
        })
    }

    /// Opens the member at `index`; `None` when it is skipped silently.
    fn open_member(&mut self, index: usize) -> Option<Docs> {
        let mut file = match self.archive.by_index(index) {
            Ok(file) => file,
            Err(e) => {
                let location = format!("{}#member{}", self.ctx.location, index + 1);
                let error = SourceError::BadZipMember(e.to_string()).at(location);
                return Some(Box::new(std::iter::once(Err(error))));
            }
        };
        let name = file.name().to_string();
        let hidden = name
            .split('/')
            .any(|part| part.starts_with('.') || part == "__MACOSX");
        if file.is_dir() || hidden {
            return None;
        }
        let ctx = self.ctx.member(&name);
        let Some(format) = InputFormat::from_name(&name) else {
            let warning = Diagnostic::warning(&ctx.location, "skipped (unknown file type)");
            return Some(Box::new(std::iter::once(Err(warning))));
        };
        if format == InputFormat::Zip {
            let warning = Diagnostic::warning(&ctx.location, "skipped (zip inside a zip)");
            return Some(Box::new(std::iter::once(Err(warning))));
        }
        let mut bytes = Vec::with_capacity(file.size().min(1 << 30) as usize);
        if let Err(e) = file.read_to_end(&mut bytes) {
            let error = SourceError::BadZipMember(crate::error::lowercase_first(&e.to_string()));
            return Some(Box::new(std::iter::once(Err(error.at(&ctx.location)))));
        }
        Some(documents_from_bytes(format, bytes, ctx))
    }
}

impl Iterator for ZipDocs {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(current) = &mut self.current {
                if let Some(item) = current.next() {
                    return Some(item);
                }
                self.current = None;
            }
            if self.index >= self.archive.len() {
                return None;
            }
            let index = self.index;
            self.index += 1;
            self.current = self.open_member(index);
        }
    }
}
