//! The gazetteer artifact at run time: a records table, postings, and an FST over name keys.
//!
//! File layout (`data/gazetteer/gazetteer.bin`, all integers little-endian u32):
//!
//! ```text
//! "HADATHGZ1\n"
//! n_records n_countries n_admin1 records_len n_postings fst_len
//! record offsets (n_records + 1 × u32)   start of each line in the records text
//! records text (records_len bytes)       one TSV line per place, see [`PlaceRecord`]
//! postings (n_postings × u32)            record indices, grouped per key
//! fst (fst_len bytes)                    key → (first posting << 16 | posting count)
//! ```
//!
//! Countries come first in the records table, then first-level regions, then places, so the
//! small country and region maps are built at load time without touching the places. Records
//! are parsed on demand: loading is a header read, not a parse of the whole table.

use super::key::place_key;
use crate::fasthash::WordFilter;
use fst::{Automaton, IntoStreamer, Streamer};
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

pub(crate) const MAGIC: &[u8] = b"HADATHGZ1\n";

/// One gazetteer entry, borrowed from the records table.
///
/// Line format: `geonameid name name_ar lat lon country admin1 feature population extra`,
/// where `extra` is, for countries, `ISO3;south,west,north,east` (5th/95th percentile extent of
/// the country's GeoNames places, for "southern Syria"-style regions).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlaceRecord<'a> {
    pub index: u32,
    pub geonameid: u64,
    pub name: &'a str,
    pub name_ar: &'a str,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub country: &'a str,
    pub admin1: &'a str,
    pub feature: &'a str,
    pub population: u64,
    pub extra: &'a str,
}

impl PlaceRecord<'_> {
    pub fn is_country(&self) -> bool {
        self.feature.starts_with("PCL") || self.feature == "TERR"
    }
    pub fn is_admin1(&self) -> bool {
        self.feature == "ADM1"
    }
    /// The country's extent `(south, west, north, east)`, for country records.
    pub fn extent(&self) -> Option<(f64, f64, f64, f64)> {
        let bbox = self.extra.split(';').nth(1)?;
        let v: Vec<f64> = bbox.split(',').filter_map(|x| x.parse().ok()).collect();
        (v.len() == 4).then(|| (v[0], v[1], v[2], v[3]))
    }
    pub fn iso3(&self) -> Option<&str> {
        self.is_country()
            .then(|| self.extra.split(';').next().unwrap_or(""))
            .filter(|s| !s.is_empty())
    }
}

/// The compact GeoNames gazetteer: exact and prefix lookup of normalised names.
pub struct Gazetteer {
    blob: Cow<'static, [u8]>,
    n_records: usize,
    n_countries: usize,
    n_admin1: usize,
    offsets: Range<usize>,
    records: Range<usize>,
    postings: Range<usize>,
    fst: fst::Map<Cow<'static, [u8]>>,
    countries: HashMap<String, u32>,
    admin1: HashMap<String, u32>,
    /// First words of every key, and the demonym keys: what a spotted name can start with.
    starts: OnceLock<WordFilter>,
}

/// Why an artifact could not be read.
#[derive(Debug)]
pub struct LoadError(pub String);

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "gazetteer: {}", self.0)
    }
}
impl std::error::Error for LoadError {}

static EMBEDDED: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/gazetteer/gazetteer.bin"
));

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"))
}

impl Gazetteer {
    /// The gazetteer compiled into the binary (`data/gazetteer/gazetteer.bin`), loaded once.
    pub fn embedded() -> &'static Gazetteer {
        static ONCE: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
        ONCE.get_or_init(|| {
            Gazetteer::from_bytes(Cow::Borrowed(EMBEDDED)).expect("the committed artifact loads")
        })
    }

    /// Loads an artifact written by [`super::build_gazetteer`].
    pub fn load(path: &Path) -> Result<Gazetteer, LoadError> {
        let bytes =
            std::fs::read(path).map_err(|e| LoadError(format!("{}: {e}", path.display())))?;
        Gazetteer::from_bytes(Cow::Owned(bytes))
    }

    pub fn from_bytes(blob: Cow<'static, [u8]>) -> Result<Gazetteer, LoadError> {
        if !blob.starts_with(MAGIC) || blob.len() < MAGIC.len() + 24 {
            return Err(LoadError("not a hadath gazetteer (bad magic)".into()));
        }
        let h = MAGIC.len();
        let field = |i: usize| u32_at(&blob, h + 4 * i) as usize;
        let (n_records, n_countries, n_admin1) = (field(0), field(1), field(2));
        let (records_len, n_postings, fst_len) = (field(3), field(4), field(5));
        let offsets = h + 24..h + 24 + 4 * (n_records + 1);
        let records = offsets.end..offsets.end + records_len;
        let postings = records.end..records.end + 4 * n_postings;
        let fst_range = postings.end..postings.end + fst_len;
        if fst_range.end != blob.len() {
            return Err(LoadError("truncated or oversized artifact".into()));
        }
        let fst_bytes: Cow<'static, [u8]> = match &blob {
            Cow::Borrowed(b) => Cow::Borrowed(&b[fst_range.clone()]),
            Cow::Owned(b) => Cow::Owned(b[fst_range.clone()].to_vec()),
        };
        let fst = fst::Map::new(fst_bytes).map_err(|e| LoadError(e.to_string()))?;
        let mut g = Gazetteer {
            blob,
            n_records,
            n_countries,
            n_admin1,
            offsets,
            records,
            postings,
            fst,
            countries: HashMap::new(),
            admin1: HashMap::new(),
            starts: OnceLock::new(),
        };
        for i in 0..n_countries {
            let r = g.record(i as u32);
            g.countries.insert(r.country.to_string(), i as u32);
        }
        for i in n_countries..n_countries + n_admin1 {
            let r = g.record(i as u32);
            g.admin1
                .insert(format!("{}.{}", r.country, r.admin1), i as u32);
        }
        Ok(g)
    }

    pub fn len(&self) -> usize {
        self.n_records
    }
    pub fn is_empty(&self) -> bool {
        self.n_records == 0
    }
    /// Number of distinct name keys in the index.
    pub fn key_count(&self) -> usize {
        self.fst.len()
    }
    pub fn size_bytes(&self) -> usize {
        self.blob.len()
    }

    /// The tab-separated line of record `index`.
    fn line(&self, index: u32) -> &str {
        let i = index as usize;
        let start = u32_at(&self.blob, self.offsets.start + 4 * i) as usize;
        let end = u32_at(&self.blob, self.offsets.start + 4 * (i + 1)) as usize;
        let bytes = &self.blob[self.records.start + start..self.records.start + end];
        std::str::from_utf8(bytes)
            .unwrap_or("")
            .trim_end_matches('\n')
    }

    /// Record `index` of the table.
    pub fn record(&self, index: u32) -> PlaceRecord<'_> {
        let line = self.line(index);
        let mut f = line.split('\t');
        let mut next = || f.next().unwrap_or("");
        PlaceRecord {
            index,
            geonameid: next().parse().unwrap_or(0),
            name: next(),
            name_ar: next(),
            lat: next().parse().ok(),
            lon: next().parse().ok(),
            country: next(),
            admin1: next(),
            feature: next(),
            population: next().parse().unwrap_or(0),
            extra: next(),
        }
    }

    /// Country, feature code and population of record `index`: what candidate filters need,
    /// without parsing coordinates.
    pub(crate) fn brief(&self, index: u32) -> (&str, &str, u64) {
        let line = self.line(index);
        let mut f = line.split('\t').skip(5);
        let mut next = || f.next().unwrap_or("");
        let country = next();
        let _admin1 = next();
        let feature = next();
        let population = next().parse().unwrap_or(0);
        (country, feature, population)
    }

    fn postings_of(&self, value: u64) -> impl Iterator<Item = u32> + '_ {
        let start = (value >> 16) as usize;
        let count = (value & 0xFFFF) as usize;
        (start..start + count).map(move |p| u32_at(&self.blob, self.postings.start + 4 * p))
    }

    /// Record indices stored under an already normalised key (see [`place_key`]).
    pub fn lookup_key(&self, key: &str) -> Vec<u32> {
        match self.fst.get(key) {
            Some(v) => self.postings_of(v).collect(),
            None => Vec::new(),
        }
    }

    /// True when `key` is stored.
    pub fn contains_key(&self, key: &str) -> bool {
        self.fst.contains_key(key)
    }

    /// Every record named `name` (normalised here), in table order.
    pub fn lookup(&self, name: &str) -> Vec<PlaceRecord<'_>> {
        self.lookup_key(&place_key(name))
            .into_iter()
            .map(|i| self.record(i))
            .collect()
    }

    /// Keys starting with `prefix` (normalised here), up to `limit`, with their record indices.
    pub fn prefix(&self, prefix: &str, limit: usize) -> Vec<(String, Vec<u32>)> {
        self.prefix_key(&place_key(prefix), limit)
    }

    /// Like [`Gazetteer::prefix`] for an already normalised prefix.
    pub fn prefix_key(&self, prefix: &str, limit: usize) -> Vec<(String, Vec<u32>)> {
        let automaton = fst::automaton::Str::new(prefix).starts_with();
        let mut stream = self.fst.search(automaton).into_stream();
        let mut out = Vec::new();
        while let Some((k, v)) = stream.next() {
            if out.len() >= limit {
                break;
            }
            out.push((
                String::from_utf8_lossy(k).into_owned(),
                self.postings_of(v).collect(),
            ));
        }
        out
    }

    /// The country record for an ISO 3166 alpha-2 code.
    pub fn country(&self, iso2: &str) -> Option<PlaceRecord<'_>> {
        self.countries.get(iso2).map(|&i| self.record(i))
    }

    /// The first-level region record for a country and GeoNames admin1 code (`SY`, `06`).
    pub fn admin1(&self, country: &str, code: &str) -> Option<PlaceRecord<'_>> {
        self.admin1
            .get(&format!("{country}.{code}"))
            .map(|&i| self.record(i))
    }

    /// Country records, in table order.
    pub fn countries(&self) -> impl Iterator<Item = PlaceRecord<'_>> {
        (0..self.n_countries as u32).map(|i| self.record(i))
    }

    /// First-level region records, in table order.
    pub fn admin1_regions(&self) -> impl Iterator<Item = PlaceRecord<'_>> {
        (self.n_countries as u32..(self.n_countries + self.n_admin1) as u32).map(|i| self.record(i))
    }
}

impl Gazetteer {
    /// True when some stored key starts with `prefix` (already normalised): used to skip
    /// multi-word lookups that cannot match.
    pub fn has_prefix(&self, prefix: &str) -> bool {
        if prefix.is_empty() {
            return !self.fst.is_empty();
        }
        // Every state of the FST lies on the path of some key: the prefix is one exactly when
        // it can be walked from the root.
        self.walk(prefix.as_bytes()).is_some()
    }

    /// The FST state after reading `bytes` from the root, if every byte has a transition.
    fn walk(&self, bytes: &[u8]) -> Option<fst::raw::Node<'_>> {
        let fst = self.fst.as_fst();
        let mut node = fst.root();
        for &b in bytes {
            let i = node.find_input(b)?;
            node = fst.node(node.transition(i).addr);
        }
        Some(node)
    }

    /// True when `key` (one normalised word) is the first word of a stored key (or a whole
    /// key), or a demonym key: the only words a spotted place name can start with.
    pub(crate) fn starts_name(&self, key: &str) -> bool {
        self.may_start_name(key)
            && (self
                .walk(key.as_bytes())
                .is_some_and(|n| n.is_final() || n.find_input(b' ').is_some())
                || super::demonym_key(key).is_some())
    }

    /// False when [`Gazetteer::starts_name`] is surely false; a bit test, built on first use
    /// from the keys' first words and the demonym keys.
    pub(crate) fn may_start_name(&self, key: &str) -> bool {
        self.starts
            .get_or_init(|| {
                let mut filter = WordFilter::with_capacity(self.fst.len());
                let mut stream = self.fst.stream();
                while let Some((k, _)) = stream.next() {
                    let first = k.split(|&b| b == b' ').next().unwrap_or(k);
                    if let Ok(first) = std::str::from_utf8(first) {
                        filter.insert(first);
                    }
                }
                for key in super::demonym_keys() {
                    filter.insert(key);
                }
                filter
            })
            .may_contain(key)
    }
}
