//! Places: the compact GeoNames gazetteer, and the resolver that spots and grounds place names.
//!
//! - [`build_gazetteer`] turns GeoNames files into `data/gazetteer/gazetteer.bin` (see
//!   [`build`] for what goes in); [`Gazetteer`] loads it (embedded with `include_bytes!`) and
//!   answers exact and prefix lookups over normalised names through an FST.
//! - [`resolve_places`] fills `Entity.place` for GPE/LOC entities and spots place names itself
//!   (longest match over tokens, clitics stripped), ranking candidates with document evidence.
//! - [`country_of_demonym`] maps country names and demonyms in Arabic and English (الروسية،
//!   الأمريكي، Russian) to a country, from the curated `data/gazetteer/demonyms.tsv`.
//! - [`evaluate_places`] scores the resolver against a hand-checked gold TSV.
//!
//! Conventions of [`hadath_core::Place`] as filled here:
//! - `exact`: the place itself; coordinates are GeoNames'. Countries use the median of their
//!   GeoNames places' coordinates; first-level regions use their capital's coordinates.
//! - `region`: "جنوب سورية" / "southern Syria": the country's geonameid, with coordinates moved
//!   to the middle of that side of the country's extent (a rough region centre).
//! - `admin1` / `country` for places missing from the gazetteer: every field describes the
//!   nearest container known (from a containment phrase "X بريف درعا", "X in Y province", or
//!   else the document's dominant region/country), and `name` stays that container's name.
//! - `unresolved`: recognised as a place (by the tagger), nothing known.
//!
//! Gazetteer data © GeoNames (geonames.org), CC BY 4.0; see `data/gazetteer/README.md`.

pub mod build;
pub mod eval;
pub mod gazetteer;
pub mod key;
pub mod resolve;
#[cfg(test)]
mod tests;

pub use build::{build_gazetteer, BuildError, BuildReport};
pub use eval::{evaluate_places, GoldRow, PlaceReport};
pub use gazetteer::{Gazetteer, LoadError, PlaceRecord};
pub use key::place_key;
pub use resolve::{resolve_places, SOURCE_DEMONYM, SOURCE_GAZETTEER};

use std::sync::OnceLock;

/// A country as the actor and place resolvers name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryRef {
    /// ISO 3166 alpha-2, e.g. `RU`.
    pub iso2: String,
    /// ISO 3166 alpha-3, e.g. `RUS` (the CAMEO country code).
    pub iso3: String,
    pub name: String,
    pub name_ar: String,
}

/// Whether a key is a country's name or an adjective/demonym of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountryForm {
    Name,
    Demonym,
}

struct Demonyms {
    countries: Vec<CountryRef>,
    /// Normalised key → (country index, form).
    keys: crate::fasthash::FastMap<String, (usize, CountryForm)>,
    longest_words: usize,
}

fn demonyms() -> &'static Demonyms {
    static ONCE: OnceLock<Demonyms> = OnceLock::new();
    ONCE.get_or_init(|| {
        let mut d = Demonyms {
            countries: Vec::new(),
            keys: Default::default(),
            longest_words: 1,
        };
        for line in build::DEMONYMS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 4 {
                continue;
            }
            let i = d.countries.len();
            d.countries.push(CountryRef {
                iso2: f[0].into(),
                iso3: f[1].into(),
                name: f[2].into(),
                name_ar: f[3].into(),
            });
            let list = |j: usize| f.get(j).map_or(Vec::new(), |s| s.split('|').collect());
            let names = [f[2], f[3]]
                .into_iter()
                .chain(list(4))
                .chain(list(6))
                .map(|n| (n, CountryForm::Name));
            let adjs = list(5)
                .into_iter()
                .chain(list(7))
                .map(|n| (n, CountryForm::Demonym));
            for (form, kind) in names.chain(adjs) {
                let key = place_key(form);
                if key.is_empty() {
                    continue;
                }
                d.longest_words = d.longest_words.max(key.split(' ').count());
                // A name wins over an adjective spelled the same (سورية is both).
                let entry = d.keys.entry(key).or_insert((i, kind));
                if kind == CountryForm::Name {
                    *entry = (i, kind);
                }
            }
        }
        d
    })
}

/// The country a normalised key names or qualifies: `روسي`, `الروسية` (article and clitics are
/// tried off), `روسيا`, `Russian`, `russians`. Keys are normalised here with [`place_key`].
pub fn country_of_demonym(key: &str) -> Option<CountryRef> {
    country_form(key).map(|(c, _)| c)
}

/// Like [`country_of_demonym`], also saying whether the key was a name or an adjective.
pub fn country_form(key: &str) -> Option<(CountryRef, CountryForm)> {
    let d = demonyms();
    let normal = place_key(key);
    let found = d.keys.get(&normal).or_else(|| {
        // Clitics: الروسية → روسيه, للروس → روس.
        hadath_language::clitics::lookup_forms(&normal)
            .into_iter()
            .find_map(|f| d.keys.get(&f.key))
    })?;
    Some((d.countries[found.0].clone(), found.1))
}

/// Exact match of an already normalised key in the demonym table.
pub(crate) fn demonym_key(key: &str) -> Option<(&'static CountryRef, CountryForm)> {
    let d = demonyms();
    d.keys.get(key).map(|&(i, f)| (&d.countries[i], f))
}

/// Every key of the demonym table.
pub(crate) fn demonym_keys() -> impl Iterator<Item = &'static str> {
    demonyms().keys.keys().map(String::as_str)
}

/// The country for an ISO alpha-2 code, from the curated table or the gazetteer.
pub fn country_by_iso2(iso2: &str) -> Option<CountryRef> {
    if let Some(c) = demonyms().countries.iter().find(|c| c.iso2 == iso2) {
        return Some(c.clone());
    }
    let r = Gazetteer::embedded().country(iso2)?;
    Some(CountryRef {
        iso2: r.country.into(),
        iso3: r.iso3().unwrap_or("").into(),
        name: r.name.into(),
        name_ar: r.name_ar.into(),
    })
}
