//! The unit every stage works on: one article, its original text kept byte-exact.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a document came from, for error messages and provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Origin {
    /// The path as given on the command line (or `-` for standard input).
    pub path: String,
    /// The member inside an archive, e.g. `2015-07-21.json` inside a zip.
    pub member: Option<String>,
    /// 1-based line (JSON Lines) or record number (JSON arrays) within the file or member.
    pub record: Option<usize>,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(member) = &self.member {
            write!(f, "/{member}")?;
        }
        if let Some(record) = self.record {
            write!(f, ":{record}")?;
        }
        Ok(())
    }
}

/// One article as read by a source, before any analysis.
///
/// `text` is the article body exactly as the source gave it (after HTML main-content extraction
/// for HTML pages); no stage ever modifies it, and every span of every stage points into it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Document {
    pub id: String,
    pub text: String,
    pub title: Option<String>,
    pub url: Option<String>,
    /// Publication date: from the input's metadata, or set by the user; the time stage may fill
    /// it from a dateline when it is absent.
    pub published: Option<NaiveDate>,
    /// The outlet (e.g. `aawsat`), when the input says.
    pub source: Option<String>,
    pub author: Option<String>,
    /// A language the input declares (HTML `lang`), as a hint to language identification.
    pub declared_language: Option<String>,
    pub origin: Origin,
}
