//! Builds the compact gazetteer the tagger's features read (`models/ner/gazetteer.tsv`).
//!
//! Sources: GeoNames country names in Arabic (`country_translations.json`, `ar`), Arabic-script
//! alternate names of GeoNames places (`cities500.txt`; places in Arabic-speaking countries with
//! ≥ 1,000 people, elsewhere ≥ 15,000, so the list stays small and mostly Arabic rather than
//! Persian or Urdu), ANERgazet (locations, organisations, persons), and demonyms derived from
//! the Arabic country names by the nisba rule (سوريا → سوري, سورية, السوري, سوريون, سوريين).
//! Keys are `normalize_key` per word, joined by one space.

use crate::features::gaz;
use hadath_language::clitics::is_arabic_word;
use hadath_language::normalize::normalize_key;
use std::collections::BTreeMap;
use std::path::Path;

/// Countries whose small places are worth listing (the Arab League's members).
const ARAB_COUNTRIES: &[&str] = &[
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA",
    "SO", "SD", "SY", "TN", "AE", "YE",
];

/// Normalises a name word by word.
pub fn phrase_key(name: &str) -> String {
    name.split_whitespace()
        .map(normalize_key)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Nisba demonyms of a one-word country name: سوريا → سوري، سوريه، السوري، السوريه، سوريون، سوريين.
fn demonyms(key: &str) -> Vec<String> {
    if key.contains(' ') {
        return Vec::new();
    }
    let bare = key.strip_prefix("ال").unwrap_or(key);
    let mut stem: String = bare.to_string();
    if stem.ends_with('ا') || stem.ends_with('ه') {
        stem.pop();
    }
    if stem.chars().count() < 2 {
        return Vec::new();
    }
    if !stem.ends_with('ي') {
        stem.push('ي');
    }
    let mut out = Vec::new();
    for form in [
        stem.clone(),
        format!("{stem}ه"),
        format!("{stem}ون"),
        format!("{stem}ين"),
    ] {
        out.push(format!("ال{form}"));
        out.push(form);
    }
    out
}

/// Counts per class of what went into a gazetteer.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct GazetteerStats {
    pub countries: usize,
    pub cities: usize,
    pub anergazet_locations: usize,
    pub anergazet_organizations: usize,
    pub anergazet_persons: usize,
    pub demonyms: usize,
    pub entries: usize,
}

/// Builds the gazetteer from the shared data folder; returns its TSV text and counts.
pub fn build(data_dir: &Path) -> Result<(String, GazetteerStats), crate::NerError> {
    let mut entries: BTreeMap<String, u8> = BTreeMap::new();
    let mut stats = GazetteerStats::default();
    let add = |entries: &mut BTreeMap<String, u8>, name: &str, bits: u8| -> bool {
        let key = phrase_key(name);
        if key.chars().filter(|c| !c.is_whitespace()).count() < 2 || !is_arabic_word(&key) {
            return false;
        }
        *entries.entry(key).or_default() |= bits;
        true
    };
    // Countries.
    let countries_path = data_dir.join("geo/country_translations.json");
    let text = std::fs::read_to_string(&countries_path)
        .map_err(|e| crate::NerError::Io(format!("{}: {e}", countries_path.display())))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| crate::NerError::Data(e.to_string()))?;
    let mut country_keys = Vec::new();
    if let Some(map) = json.as_object() {
        for names in map.values() {
            if let Some(ar) = names.get("ar").and_then(|v| v.as_str()) {
                if add(&mut entries, ar, gaz::COUNTRY) {
                    stats.countries += 1;
                    country_keys.push(phrase_key(ar));
                }
            }
        }
    }
    for key in &country_keys {
        for d in demonyms(key) {
            if add(&mut entries, &d, gaz::DEMONYM) {
                stats.demonyms += 1;
            }
        }
    }
    // Places.
    let cities = data_dir.join("geo/cities500.txt");
    let text = std::fs::read_to_string(&cities)
        .map_err(|e| crate::NerError::Io(format!("{}: {e}", cities.display())))?;
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 15 {
            continue;
        }
        let population: u64 = f[14].parse().unwrap_or(0);
        let arab = ARAB_COUNTRIES.contains(&f[8]);
        if population < if arab { 1_000 } else { 15_000 } {
            continue;
        }
        for alt in f[3].split(',') {
            if is_arabic_word(alt) && add(&mut entries, alt, gaz::CITY) {
                stats.cities += 1;
            }
        }
    }
    // ANERgazet.
    for (file, bits, count) in [
        ("locations.txt", gaz::LOC, &mut stats.anergazet_locations),
        (
            "organizations.txt",
            gaz::ORG,
            &mut stats.anergazet_organizations,
        ),
        ("persons.txt", gaz::PER, &mut stats.anergazet_persons),
    ] {
        let path = data_dir.join("ner/anergazet").join(file);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| crate::NerError::Io(format!("{}: {e}", path.display())))?;
        for line in text.lines() {
            let line = line.trim();
            if line.starts_with("==") || line.is_empty() {
                continue;
            }
            if add(&mut entries, line, bits) {
                *count += 1;
            }
        }
    }
    stats.entries = entries.len();
    let mut out = String::new();
    for (key, bits) in &entries {
        let names: Vec<&str> = gaz::NAMES
            .iter()
            .filter(|(b, _)| bits & b != 0)
            .map(|(_, n)| *n)
            .collect();
        out.push_str(key);
        out.push('\t');
        out.push_str(&names.join(","));
        out.push('\n');
    }
    Ok((out, stats))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nisba_demonyms() {
        let d = demonyms(&normalize_key("سوريا"));
        assert!(d.contains(&"سوري".to_string()));
        assert!(d.contains(&"السوريه".to_string()));
        let d = demonyms(&normalize_key("الأردن"));
        assert!(d.contains(&"اردني".to_string()));
        assert!(d.contains(&"الاردنيين".to_string()));
    }
}
