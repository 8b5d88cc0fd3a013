//! Builds the gazetteer artifact from GeoNames files (`cities500.txt`, `countryInfo.tsv`,
//! `regionInfo.tsv`, `country_translations.json`) and the curated tables in `data/gazetteer/`.
//!
//! What goes in, and why (the artifact must stay a few MB):
//! - every country (countryInfo), with Arabic names from the curated `demonyms.tsv` first and
//!   `country_translations.json` second (its Arabic entries are often official long forms, and
//!   Syria's is الشام, so they are extra keys, not display names); its coordinate is the median
//!   latitude/longitude of its GeoNames places (robust to overseas territories), and its extent
//!   is the 5th–95th percentile box, used for "southern Syria";
//! - every first-level region (regionInfo), with Arabic names from the curated `admin1_ar.tsv`
//!   (regionInfo has none); regions are not places in cities500, so their coordinate is their
//!   capital's (the most populous PPLA of that admin1 code, else PPLC, else the most populous
//!   place), and their population the sum of their places';
//! - every cities500 place with an Arabic name (pure Arabic letters: Persian/Urdu forms in
//!   `alternatenames` are dropped), plus every place in the Middle East and North Africa, plus
//!   places of at least [`LATIN_POPULATION`] people anywhere, with their Latin names (and, in
//!   MENA, their Latin alternate spellings: Daraa, Deraa, Dar'a).

use super::gazetteer::MAGIC;
use super::key::{has_non_arabic_letter, is_latin, is_pure_arabic, letter_count, place_key};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Places outside MENA without an Arabic name are kept from this population up.
pub const LATIN_POPULATION: u64 = 15_000;

/// Countries whose places are all kept, with their Latin alternate spellings.
pub const MENA: &[&str] = &[
    "SY", "IQ", "YE", "LB", "JO", "PS", "IL", "SA", "EG", "LY", "TN", "DZ", "MA", "SD", "SS", "SO",
    "OM", "AE", "QA", "BH", "KW", "IR", "TR", "MR", "DJ", "KM", "ER", "AF",
];

pub(crate) const ADMIN1_AR: &str = include_str!("../../../../data/gazetteer/admin1_ar.tsv");
pub(crate) const DEMONYMS: &str = include_str!("../../../../data/gazetteer/demonyms.tsv");
pub(crate) const PLACES_AR: &str = include_str!("../../../../data/gazetteer/places_ar.tsv");

/// What a build produced.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    pub records: usize,
    pub countries: usize,
    pub admin1: usize,
    pub places: usize,
    pub places_with_arabic: usize,
    pub keys: usize,
    /// Arabic-script alternate names dropped as Persian/Urdu/other.
    pub non_arabic_names_dropped: usize,
    pub bytes: usize,
}

#[derive(Debug)]
pub struct BuildError(pub String);
impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "building the gazetteer: {}", self.0)
    }
}
impl std::error::Error for BuildError {}

struct Rec {
    id: u64,
    name: String,
    name_ar: String,
    lat: Option<f64>,
    lon: Option<f64>,
    cc: String,
    admin1: String,
    feature: String,
    pop: u64,
    extra: String,
    keys: Vec<String>,
}

struct City {
    id: u64,
    name: String,
    ascii: String,
    alts: Vec<String>,
    lat: f64,
    lon: f64,
    feature: String,
    cc: String,
    admin1: String,
    pop: u64,
}

fn read(path: &Path) -> Result<String, BuildError> {
    std::fs::read_to_string(path).map_err(|e| BuildError(format!("{}: {e}", path.display())))
}

/// Splits alternate names into pure-Arabic names and the count of non-Arabic Arabic-script
/// names dropped.
pub fn arabic_names<'a>(alts: impl Iterator<Item = &'a str>) -> (Vec<String>, usize) {
    let mut out: Vec<String> = Vec::new();
    let mut dropped = 0;
    for a in alts {
        let a = a.trim();
        if a.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
            if is_pure_arabic(a) && !has_non_arabic_letter(a) {
                if !out.iter().any(|o| o == a) {
                    out.push(a.to_string());
                }
            } else {
                dropped += 1;
            }
        }
    }
    (out, dropped)
}

/// Region names in English often carry a type word GeoNames keeps and news drops.
fn region_name_variants(name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    let mut stripped = name.to_string();
    for suffix in [
        " Governorate",
        " Province",
        " Region",
        " District",
        " Municipality",
    ] {
        if let Some(s) = stripped.strip_suffix(suffix) {
            stripped = s.to_string();
        }
    }
    if let Some(s) = stripped.strip_prefix("Muhafazat ") {
        stripped = s.to_string();
    }
    if stripped != name {
        out.push(stripped);
    }
    out
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

/// Reads the GeoNames files in `geo_dir`, writes `gazetteer.bin` into `out_dir`.
pub fn build_gazetteer(geo_dir: &Path, out_dir: &Path) -> Result<BuildReport, BuildError> {
    let mut report = BuildReport::default();
    let mena: std::collections::HashSet<&str> = MENA.iter().copied().collect();

    // cities500: geonameid name asciiname alternatenames lat lon class code cc cc2 admin1 … pop
    let mut cities = Vec::new();
    for line in read(&geo_dir.join("cities500.txt"))?.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 15 {
            continue;
        }
        cities.push(City {
            id: f[0].parse().unwrap_or(0),
            name: f[1].to_string(),
            ascii: f[2].to_string(),
            alts: f[3]
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            lat: f[4].parse().unwrap_or(0.0),
            lon: f[5].parse().unwrap_or(0.0),
            feature: f[7].to_string(),
            cc: f[8].to_string(),
            admin1: f[10].to_string(),
            pop: f[14].parse().unwrap_or(0),
        });
    }

    // Curated tables.
    struct Curated {
        name_ar: String,
        names_ar: Vec<String>,
        names_en: Vec<String>,
    }
    let mut curated: HashMap<String, Curated> = HashMap::new();
    for line in DEMONYMS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        let list = |i: usize| -> Vec<String> {
            f.get(i)
                .map(|s| {
                    s.split('|')
                        .filter(|x| !x.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut names_ar = vec![f[3].to_string()];
        names_ar.extend(list(4));
        curated.insert(
            f[0].to_string(),
            Curated {
                name_ar: f[3].to_string(),
                names_ar,
                names_en: list(6),
            },
        );
    }
    let mut admin1_ar: HashMap<String, Vec<String>> = HashMap::new();
    for line in ADMIN1_AR
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        if let Some((code, names)) = line.split_once('\t') {
            admin1_ar.insert(
                code.to_string(),
                names.split('|').map(str::to_string).collect(),
            );
        }
    }
    let mut places_ar: HashMap<u64, Vec<String>> = HashMap::new();
    for line in PLACES_AR
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let Some((id, names)) = line.split_once('\t') else {
            continue;
        };
        let id: u64 = id
            .trim()
            .parse()
            .map_err(|_| BuildError(format!("places_ar.tsv: bad geonameid in {line:?}")))?;
        places_ar.insert(id, names.split('|').map(|n| n.trim().to_string()).collect());
    }
    let translations: serde_json::Value =
        serde_json::from_str(&read(&geo_dir.join("country_translations.json"))?)
            .map_err(|e| BuildError(format!("country_translations.json: {e}")))?;

    // Per-country and per-admin1 statistics from the places.
    let mut by_country: HashMap<&str, (Vec<f64>, Vec<f64>)> = HashMap::new();
    let mut admin_pop: HashMap<String, u64> = HashMap::new();
    let mut admin_seat: HashMap<String, (i32, u64, f64, f64)> = HashMap::new();
    for c in &cities {
        let e = by_country.entry(&c.cc).or_default();
        e.0.push(c.lat);
        e.1.push(c.lon);
        let code = format!("{}.{}", c.cc, c.admin1);
        *admin_pop.entry(code.clone()).or_default() += c.pop;
        let rank = match c.feature.as_str() {
            "PPLA" => 3,
            "PPLC" => 2,
            _ => 1,
        };
        let seat = admin_seat.entry(code).or_insert((0, 0, c.lat, c.lon));
        if (rank, c.pop) > (seat.0, seat.1) {
            *seat = (rank, c.pop, c.lat, c.lon);
        }
    }

    let mut recs: Vec<Rec> = Vec::new();

    // Countries.
    for line in read(&geo_dir.join("countryInfo.tsv"))?.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 17 {
            continue;
        }
        let (iso2, iso3, name, gid) = (f[0], f[1], f[4], f[16]);
        let mut keys = vec![name.to_string()];
        let mut name_ar = String::new();
        if let Some(c) = curated.get(iso2) {
            name_ar = c.name_ar.clone();
            keys.extend(c.names_ar.iter().cloned());
            keys.extend(c.names_en.iter().cloned());
        }
        if let Some(t) = translations.get(gid) {
            // `arz` (Egyptian Arabic Wikipedia) often has the short form news uses where `ar`
            // has the official one (تشيلي beside شيلي).
            for lang in ["ar", "arz", "en"] {
                if let Some(s) = t.get(lang).and_then(|v| v.as_str()) {
                    let (ar, _) = arabic_names(std::iter::once(s));
                    // "جمهورية تشاد" is written تشاد in news: the short form is a key too,
                    // and the display name when nothing curated gives one.
                    let short = ar
                        .first()
                        .and_then(|a| a.strip_prefix("جمهورية "))
                        .filter(|_| lang == "ar")
                        .map(str::to_string);
                    if lang == "ar" && name_ar.is_empty() {
                        if let Some(a) = short.as_ref().or(ar.first()) {
                            name_ar = a.clone();
                        }
                    }
                    if !ar.is_empty() || (lang == "en" && is_latin(s)) {
                        keys.push(s.to_string());
                    }
                    keys.extend(short);
                }
            }
        }
        let (mut lat, mut lon, mut extent) = (None, None, String::new());
        if let Some((lats, lons)) = by_country.get_mut(iso2) {
            lats.sort_by(f64::total_cmp);
            lons.sort_by(f64::total_cmp);
            lat = Some(percentile(lats, 0.5));
            lon = Some(percentile(lons, 0.5));
            extent = format!(
                "{:.3},{:.3},{:.3},{:.3}",
                percentile(lats, 0.05),
                percentile(lons, 0.05),
                percentile(lats, 0.95),
                percentile(lons, 0.95)
            );
        }
        recs.push(Rec {
            id: gid.parse().unwrap_or(0),
            name: name.to_string(),
            name_ar,
            lat,
            lon,
            cc: iso2.to_string(),
            admin1: String::new(),
            feature: "PCLI".into(),
            pop: f[7].parse().unwrap_or(0),
            extra: format!("{iso3};{extent}"),
            keys,
        });
    }
    report.countries = recs.len();

    // First-level regions.
    for line in read(&geo_dir.join("regionInfo.tsv"))?.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let (code, name, ascii, gid) = (f[0], f[1], f[2], f[3]);
        let Some((cc, a1)) = code.split_once('.') else {
            continue;
        };
        let mut keys = region_name_variants(name);
        keys.extend(region_name_variants(ascii));
        let ar = admin1_ar.get(code).cloned().unwrap_or_default();
        keys.extend(ar.iter().cloned());
        let seat = admin_seat.get(code);
        recs.push(Rec {
            id: gid.parse().unwrap_or(0),
            name: name.to_string(),
            name_ar: ar.first().cloned().unwrap_or_default(),
            lat: seat.map(|s| s.2),
            lon: seat.map(|s| s.3),
            cc: cc.to_string(),
            admin1: a1.to_string(),
            feature: "ADM1".into(),
            pop: admin_pop.get(code).copied().unwrap_or(0),
            extra: String::new(),
            keys,
        });
    }
    report.admin1 = recs.len() - report.countries;

    // Places.
    for c in &cities {
        let (mut ar, dropped) = arabic_names(c.alts.iter().map(String::as_str));
        report.non_arabic_names_dropped += dropped;
        if let Some(names) = places_ar.get(&c.id) {
            // Curated names first: they are the display name (GeoNames' first Arabic
            // alternate is sometimes a rare spelling).
            let mut curated = names.clone();
            curated.extend(ar.into_iter().filter(|a| !names.contains(a)));
            ar = curated;
        }
        let in_mena = mena.contains(c.cc.as_str());
        if ar.is_empty() && !in_mena && c.pop < LATIN_POPULATION {
            continue;
        }
        let mut keys = vec![c.name.clone(), c.ascii.clone()];
        if in_mena {
            keys.extend(
                c.alts
                    .iter()
                    .filter(|a| is_latin(a) && letter_count(a) >= 4)
                    .cloned(),
            );
        }
        keys.extend(ar.iter().cloned());
        if !ar.is_empty() {
            report.places_with_arabic += 1;
        }
        recs.push(Rec {
            id: c.id,
            name: c.name.clone(),
            name_ar: ar.first().cloned().unwrap_or_default(),
            lat: Some(c.lat),
            lon: Some(c.lon),
            cc: c.cc.clone(),
            admin1: c.admin1.clone(),
            feature: c.feature.clone(),
            pop: c.pop,
            extra: String::new(),
            keys,
        });
    }
    report.places = recs.len() - report.countries - report.admin1;
    report.records = recs.len();

    // Records text, offsets, key index.
    let mut text = String::new();
    let mut offsets: Vec<u32> = Vec::with_capacity(recs.len() + 1);
    let mut index: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let coord = |v: Option<f64>| v.map(|x| format!("{x:.4}")).unwrap_or_default();
    for (i, r) in recs.iter().enumerate() {
        offsets.push(text.len() as u32);
        let clean = |s: &str| s.replace(['\t', '\n'], " ");
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            r.id,
            clean(&r.name),
            clean(&r.name_ar),
            coord(r.lat),
            coord(r.lon),
            r.cc,
            r.admin1,
            r.feature,
            r.pop,
            r.extra
        ));
        for k in &r.keys {
            let key = place_key(k);
            if letter_count(&key) < 2 {
                continue;
            }
            let postings = index.entry(key).or_default();
            if postings.last() != Some(&(i as u32)) && !postings.contains(&(i as u32)) {
                postings.push(i as u32);
            }
        }
    }
    offsets.push(text.len() as u32);

    let mut postings: Vec<u32> = Vec::new();
    let mut builder = fst::MapBuilder::memory();
    for (key, list) in &index {
        let start = postings.len() as u64;
        let list = &list[..list.len().min(0xFFFF)];
        postings.extend_from_slice(list);
        builder
            .insert(key, (start << 16) | list.len() as u64)
            .map_err(|e| BuildError(e.to_string()))?;
    }
    let fst_bytes = builder
        .into_inner()
        .map_err(|e| BuildError(e.to_string()))?;
    report.keys = index.len();

    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    for v in [
        recs.len(),
        report.countries,
        report.admin1,
        text.len(),
        postings.len(),
        fst_bytes.len(),
    ] {
        out.extend_from_slice(&(v as u32).to_le_bytes());
    }
    for o in &offsets {
        out.extend_from_slice(&o.to_le_bytes());
    }
    out.extend_from_slice(text.as_bytes());
    for p in &postings {
        out.extend_from_slice(&p.to_le_bytes());
    }
    out.extend_from_slice(&fst_bytes);
    report.bytes = out.len();
    std::fs::create_dir_all(out_dir)
        .map_err(|e| BuildError(format!("{}: {e}", out_dir.display())))?;
    let path = out_dir.join("gazetteer.bin");
    std::fs::write(&path, &out).map_err(|e| BuildError(format!("{}: {e}", path.display())))?;
    Ok(report)
}
