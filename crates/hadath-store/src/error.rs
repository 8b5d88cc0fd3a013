//! Errors of the store, phrased for the person running hadath.

use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open store {path}: {source}")]
    Open {
        path: String,
        source: rusqlite::Error,
    },
    #[error(
        "store {path} has format version {found}, newer than this hadath understands ({supported}): \
         upgrade hadath, or pass --db to use another store"
    )]
    NewerFormat {
        path: String,
        found: u32,
        supported: u32,
    },
    #[error("{path} is not a hadath store (no hadath meta table)")]
    NotAStore { path: String },
    #[error("store: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("export: {0}")]
    Export(String),
}

impl StoreError {
    pub(crate) fn open(path: &Path, source: rusqlite::Error) -> StoreError {
        StoreError::Open {
            path: path.display().to_string(),
            source,
        }
    }
}

impl From<std::io::Error> for StoreError {
    fn from(source: std::io::Error) -> Self {
        StoreError::Io {
            path: "output".into(),
            source,
        }
    }
}
