//! The actor dictionary: hadath's own reviewable text format, parsed into entries and a phrase index.
//!
//! The format is documented in `data/actors/README.md`. In short: blocks that open with
//! `[id] kind` (kind is `country`, `person`, `org` or `agent`), followed by `key = value` lines;
//! several values are separated by `|`, `#` starts a comment, and `role` may repeat:
//!
//! ```text
//! [person.pompeo] person
//! en   = Mike Pompeo | Pompeo
//! ar   = مايك بومبيو | بومبيو
//! role = USALEG 2011-01-03..2017-01-23   # US Representative (Kansas)
//! role = USAGOV 2017-01-23..2021-01-20   # CIA director, Secretary of State from 2018-04-26
//! ```

use crate::fasthash::{FastMap, FastSet, WordFilter};
use chrono::NaiveDate;
use hadath_core::EntityType;
use hadath_language::normalize::normalize_key;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

/// Sector codes hadath reports in `Actor.sector` (CAMEO primary and secondary roles). Other
/// three-letter blocks after the country (the `UNO` of `IGOUNO`) stay in the code only.
pub const SECTORS: &[&str] = &[
    "GOV", "MIL", "REB", "OPP", "COP", "CVL", "JUD", "LEG", "BUS", "MED", "NGO", "UAF", "SPY",
    "INS", "PTY", "CRM", "EDU", "REL", "ELI", "LAB", "REF", "HLH", "AGR", "DEV", "HRI", "ENV",
    "MOD", "RAD",
];

/// What an entry stands for; it decides how its codes are read and how it composes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A country: its code is the ISO 3166 alpha-3 code; it brings names, nisba adjectives
    /// (الروسي، السورية) and places that tell which country a story is set in.
    Country,
    /// A named person, whose roles are bounded by dates.
    Person,
    /// A named organisation (ministry, IGO, armed group, party) with a full code.
    Org,
    /// A generic agent (الجيش، الفصائل، المدنيين): sectors only, the country comes from the
    /// phrase around it or from the document. An agent without a role is a *head* (المتحدثة،
    /// عناصر، زعيم) that takes the sector of what follows it.
    Agent,
}

/// One code of an entry and the dates it holds (from inclusive, to exclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    pub code: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub note: Option<String>,
}

impl Role {
    /// True when the role holds on `date`.
    pub fn valid_on(&self, date: NaiveDate) -> bool {
        // Written out: `is_none_or` needs Rust 1.82 and the workspace supports 1.80.
        let after_start = match self.from {
            Some(f) => f <= date,
            None => true,
        };
        let before_end = match self.to {
            Some(t) => date < t,
            None => true,
        };
        after_start && before_end
    }

    /// The country block: the first three letters, unless the entry is an agent (sectors only).
    pub fn country(&self, kind: EntryKind) -> Option<&str> {
        if kind == EntryKind::Agent || self.code.len() < 3 {
            None
        } else {
            Some(&self.code[..3])
        }
    }

    /// The first recognised sector block after the country block (or the first for agents).
    pub fn sector(&self, kind: EntryKind) -> Option<&'static str> {
        let skip = if kind == EntryKind::Agent { 0 } else { 3 };
        blocks(&self.code[skip.min(self.code.len())..])
            .find_map(|b| SECTORS.iter().copied().find(|s| *s == b))
    }
}

fn blocks(code: &str) -> impl Iterator<Item = &str> {
    (0..code.len() / 3).map(move |i| &code[i * 3..i * 3 + 3])
}

/// One reviewed dictionary entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Stable id, e.g. `person.lavrov`, `country.RUS`, `agent.army`.
    pub id: String,
    pub kind: EntryKind,
    /// Canonical (English) name: the first `en` name, else the id.
    pub name: String,
    pub names_ar: Vec<String>,
    pub names_en: Vec<String>,
    pub roles: Vec<Role>,
    /// Countries: ISO 3166 alpha-2 code (to read places the gazetteer resolved).
    pub iso2: Option<String>,
    /// Countries: nisba stems (سوري), from which adjective and plural forms are generated.
    pub nisba: Vec<String>,
    /// Countries: irregular plurals naming the people (الأكراد، الأفغان، الروس).
    pub people: Vec<String>,
    /// Countries: places inside the country; they only vote for the story's country.
    pub places: Vec<String>,
    /// Agents: the entity type a mention is added as (PER for people, ORG for bodies).
    pub entity: Option<EntityType>,
    /// Agents: whether a bare mention takes the document's country (false for journalists…).
    pub local: bool,
    /// Agents: a weak sector (ranks, checkpoints, aircraft) gives way to any other agent in the
    /// same phrase: "ضابط في الشرطة" is police, "نقطة تفتيش للشرطة" too.
    pub weak: bool,
    /// Agents: `false` for words that are an actor only beside a country (وحدة إسرائيلية is a
    /// unit, الوحدة alone is "unity"; طائرة أميركية is military, طائرة alone may be an airliner).
    pub alone: bool,
    pub notes: Vec<String>,
}

impl Entry {
    /// The role to use on `date`: the one valid then (the latest-starting if several); without
    /// a date, the latest-starting role. `None` when dated roles exist but none holds on `date`
    /// and no undated role is given.
    pub fn role_on(&self, date: Option<NaiveDate>) -> Option<&Role> {
        self.roles
            .iter()
            .enumerate()
            .filter(|(_, r)| match date {
                Some(d) => r.valid_on(d),
                None => true,
            })
            .max_by_key(|(i, r)| (r.from, std::cmp::Reverse(*i)))
            .map(|(_, r)| r)
    }

    /// The country of the entry whatever the date (for persons out of office: their country).
    pub fn home_country(&self) -> Option<&str> {
        if self.kind == EntryKind::Country {
            return Some(&self.id[self.id.len() - 3..]);
        }
        let role = self.role_on(None)?;
        role.country(self.kind)
    }
}

/// How a phrase points at an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// One of its names.
    Name,
    /// A nisba adjective of a country; `people` for the plural that names its people.
    Nisba { people: bool },
    /// A place inside a country.
    Place,
}

/// One reading of a dictionary phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sense {
    pub entry: usize,
    pub how: How,
}

/// A dictionary file could not be read.
#[derive(Debug)]
pub struct DictionaryError {
    pub location: String,
    pub message: String,
}

impl fmt::Display for DictionaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl std::error::Error for DictionaryError {}

/// The actor dictionary: entries and an index from normalised phrases to their senses.
#[derive(Debug, Clone, Default)]
pub struct ActorDictionary {
    pub entries: Vec<Entry>,
    index: FastMap<String, Vec<Sense>>,
    /// Every key and every run of its first words ("وزير", "وزير الخارجيه" for "وزير الخارجيه
    /// الامريكي"): a longer phrase is only looked up when what it starts with is here.
    prefixes: FastSet<String>,
    /// Bits over the one-word prefixes and the places half's demonym keys: a word none of
    /// whose forms is set can start no phrase (built on first use).
    starts: OnceLock<WordFilter>,
    by_id: HashMap<String, usize>,
    by_iso2: HashMap<String, usize>,
    /// Most words in any indexed phrase.
    max_words: usize,
}

/// The committed dictionary files, in the order they are read.
const EMBEDDED: &[(&str, &str)] = &[
    (
        "countries.txt",
        include_str!("../../../../data/actors/countries.txt"),
    ),
    (
        "international.txt",
        include_str!("../../../../data/actors/international.txt"),
    ),
    (
        "groups.txt",
        include_str!("../../../../data/actors/groups.txt"),
    ),
    (
        "people.txt",
        include_str!("../../../../data/actors/people.txt"),
    ),
    (
        "agents.txt",
        include_str!("../../../../data/actors/agents.txt"),
    ),
];

impl ActorDictionary {
    /// The dictionary committed in `data/actors/`, compiled in and parsed once.
    pub fn embedded() -> &'static ActorDictionary {
        static DICTIONARY: OnceLock<ActorDictionary> = OnceLock::new();
        DICTIONARY.get_or_init(|| {
            let mut dictionary = ActorDictionary::default();
            for (name, text) in EMBEDDED {
                dictionary
                    .add_text(name, text)
                    .unwrap_or_else(|e| panic!("embedded actor dictionary: {e}"));
            }
            dictionary
        })
    }

    /// Reads a dictionary file, or every `*.txt` file of a directory in name order.
    pub fn load(path: &Path) -> Result<ActorDictionary, DictionaryError> {
        let error = |message: String| DictionaryError {
            location: path.display().to_string(),
            message,
        };
        let mut files = Vec::new();
        if path.is_dir() {
            for item in std::fs::read_dir(path).map_err(|e| error(e.to_string()))? {
                let p = item.map_err(|e| error(e.to_string()))?.path();
                if p.extension().is_some_and(|e| e == "txt") {
                    files.push(p);
                }
            }
            files.sort();
        } else {
            files.push(path.to_path_buf());
        }
        let mut dictionary = ActorDictionary::default();
        for file in files {
            let text = std::fs::read_to_string(&file).map_err(|e| DictionaryError {
                location: file.display().to_string(),
                message: e.to_string(),
            })?;
            dictionary.add_text(&file.display().to_string(), &text)?;
        }
        Ok(dictionary)
    }

    /// Parses a dictionary text.
    pub fn parse(text: &str) -> Result<ActorDictionary, DictionaryError> {
        let mut dictionary = ActorDictionary::default();
        dictionary.add_text("<text>", text)?;
        Ok(dictionary)
    }

    pub fn entry(&self, index: usize) -> &Entry {
        &self.entries[index]
    }

    pub fn by_id(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// The country entry with this ISO 3166 alpha-2 code.
    pub fn country_by_iso2(&self, iso2: &str) -> Option<&Entry> {
        self.by_iso2
            .get(&iso2.to_ascii_uppercase())
            .map(|&i| &self.entries[i])
    }

    /// The country entry with this ISO 3166 alpha-3 code.
    pub fn country(&self, iso3: &str) -> Option<&Entry> {
        self.by_id(&format!("country.{iso3}"))
    }

    /// Index of the country entry with this ISO 3166 alpha-3 code.
    pub fn country_index(&self, iso3: &str) -> Option<usize> {
        self.by_id.get(&format!("country.{iso3}")).copied()
    }

    /// The senses of a normalised phrase (words separated by one space).
    pub fn lookup(&self, key: &str) -> &[Sense] {
        self.index.get(key).map_or(&[], |v| v.as_slice())
    }

    /// False when the one-word key surely neither starts a phrase nor is a demonym of the
    /// places half; true means look it up.
    pub(crate) fn may_start(&self, word: &str) -> bool {
        self.starts
            .get_or_init(|| {
                let words = self.prefixes.iter().filter(|p| !p.contains(' '));
                let demonyms = crate::places::demonym_keys();
                let mut filter =
                    WordFilter::with_capacity(words.clone().count() + demonyms.count());
                for w in words {
                    filter.insert(w);
                }
                for w in crate::places::demonym_keys() {
                    filter.insert(w);
                }
                filter
            })
            .may_contain(word)
    }

    /// True when `phrase` (normalised words separated by one space) is a key or the first
    /// words of one.
    pub(crate) fn starts_phrase(&self, phrase: &str) -> bool {
        self.prefixes.contains(phrase)
    }

    pub fn max_words(&self) -> usize {
        self.max_words
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn add_text(&mut self, file: &str, text: &str) -> Result<(), DictionaryError> {
        let mut current: Option<(Entry, usize)> = None;
        for (number, raw) in text.lines().enumerate() {
            let line_no = number + 1;
            let error = |message: String| DictionaryError {
                location: format!("{file}:{line_no}"),
                message,
            };
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some(rest) = line.strip_prefix('[') {
                if let Some((entry, at)) = current.take() {
                    self.push(entry, file, at)?;
                }
                let (id, kind) = rest
                    .split_once(']')
                    .ok_or_else(|| error("an entry opens with `[id] kind`".into()))?;
                let id = id.trim();
                if id.is_empty() {
                    return Err(error("empty entry id".into()));
                }
                let kind = match kind.trim() {
                    "country" => EntryKind::Country,
                    "person" => EntryKind::Person,
                    "org" => EntryKind::Org,
                    "agent" => EntryKind::Agent,
                    other => {
                        return Err(error(format!(
                            "unknown kind `{other}` (country, person, org, agent)"
                        )))
                    }
                };
                if kind == EntryKind::Country && !(id.len() == 11 && id.starts_with("country.")) {
                    return Err(error(format!(
                        "country ids are `country.` and the ISO3 code, not `{id}`"
                    )));
                }
                current = Some((
                    Entry {
                        id: id.to_string(),
                        kind,
                        name: String::new(),
                        names_ar: vec![],
                        names_en: vec![],
                        roles: vec![],
                        iso2: None,
                        nisba: vec![],
                        people: vec![],
                        places: vec![],
                        entity: None,
                        local: true,
                        weak: false,
                        alone: true,
                        notes: vec![],
                    },
                    line_no,
                ));
                continue;
            }
            let Some((entry, _)) = current.as_mut() else {
                return Err(error("a `key = value` line before any `[id] kind`".into()));
            };
            let (key, value) = line
                .split_once('=')
                .ok_or_else(|| error(format!("expected `key = value`, got `{line}`")))?;
            let value = value.trim();
            let list = || -> Vec<String> {
                value
                    .split('|')
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
                    .collect()
            };
            match key.trim() {
                "ar" => entry.names_ar.extend(list()),
                "en" => entry.names_en.extend(list()),
                "nisba" => entry.nisba.extend(list()),
                "people" => entry.people.extend(list()),
                "places" => entry.places.extend(list()),
                "iso2" => entry.iso2 = Some(value.to_ascii_uppercase()),
                "note" => entry.notes.push(value.to_string()),
                "local" => {
                    entry.local = match value {
                        "yes" => true,
                        "no" => false,
                        _ => return Err(error("`local` is `yes` or `no`".into())),
                    }
                }
                "alone" => {
                    entry.alone = match value {
                        "yes" => true,
                        "no" => false,
                        _ => return Err(error("`alone` is `yes` or `no`".into())),
                    }
                }
                "weak" => {
                    entry.weak = match value {
                        "yes" => true,
                        "no" => false,
                        _ => return Err(error("`weak` is `yes` or `no`".into())),
                    }
                }
                "entity" => {
                    entry.entity = Some(match value {
                        "PER" => EntityType::PER,
                        "ORG" => EntityType::ORG,
                        _ => return Err(error("`entity` is `PER` or `ORG`".into())),
                    })
                }
                "role" => entry.roles.push(parse_role(value).map_err(error)?),
                other => return Err(error(format!("unknown key `{other}`"))),
            }
        }
        if let Some((entry, at)) = current.take() {
            self.push(entry, file, at)?;
        }
        Ok(())
    }

    fn push(&mut self, mut entry: Entry, file: &str, line: usize) -> Result<(), DictionaryError> {
        let error = |message: String| DictionaryError {
            location: format!("{file}:{line}"),
            message,
        };
        if self.by_id.contains_key(&entry.id) {
            return Err(error(format!("duplicate id `{}`", entry.id)));
        }
        if entry.names_ar.is_empty() && entry.names_en.is_empty() {
            return Err(error(format!("`{}` has no names", entry.id)));
        }
        if matches!(entry.kind, EntryKind::Person | EntryKind::Org) && entry.roles.is_empty() {
            return Err(error(format!("`{}` needs at least one role", entry.id)));
        }
        for role in &entry.roles {
            let ok = if entry.kind == EntryKind::Agent {
                role.sector(EntryKind::Agent).is_some()
            } else {
                role.code.len() >= 3
            };
            if !ok {
                return Err(error(format!("bad code `{}` in `{}`", role.code, entry.id)));
            }
        }
        entry.name = entry
            .names_en
            .first()
            .cloned()
            .unwrap_or_else(|| entry.id.clone());
        let at = self.entries.len();
        // The filter over the prefixes is rebuilt on next use.
        self.starts = OnceLock::new();
        let prefixes = &mut self.prefixes;
        let mut add = |index: &mut FastMap<String, Vec<Sense>>, phrase: &str, how: How| {
            let key = phrase_key(phrase);
            if key.is_empty() {
                return;
            }
            for (at, _) in key.match_indices(' ') {
                prefixes.insert(key[..at].to_string());
            }
            prefixes.insert(key.clone());
            let senses = index.entry(key.clone()).or_default();
            if !senses.iter().any(|s| s.entry == at && s.how == how) {
                senses.push(Sense { entry: at, how });
            }
            self.max_words = self.max_words.max(key.split(' ').count());
        };
        for name in entry.names_ar.iter().chain(&entry.names_en) {
            add(&mut self.index, name, How::Name);
        }
        for stem in &entry.nisba {
            for (form, people) in nisba_forms(&normalize_key(stem)) {
                add(&mut self.index, &form, How::Nisba { people });
                add(&mut self.index, &format!("ال{form}"), How::Nisba { people });
            }
        }
        for plural in &entry.people {
            add(&mut self.index, plural, How::Nisba { people: true });
        }
        for place in &entry.places {
            add(&mut self.index, place, How::Place);
        }
        if let Some(iso2) = &entry.iso2 {
            self.by_iso2.insert(iso2.clone(), at);
        }
        self.by_id.insert(entry.id.clone(), at);
        self.entries.push(entry);
        Ok(())
    }
}

/// The normalised key of a phrase: normalised words joined by single spaces; the guillemets and
/// quotes news put around names (تنظيم «القاعدة») are dropped.
pub fn phrase_key(phrase: &str) -> String {
    // A hyphen or apostrophe inside a name separates words, as the tokenizer splits them
    // ("al-Qaeda" → al qaeda, "Workers' Party" → workers party).
    normalize_key(phrase)
        .split(|c: char| {
            c.is_whitespace() || matches!(c, '«' | '»' | '"' | '“' | '”' | '-' | '\'' | '’')
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Adjective and plural forms of a normalised nisba stem (سوري → سوري، سوريه، سوريون …), with
/// whether the form names the people (masculine plurals).
fn nisba_forms(stem: &str) -> Vec<(String, bool)> {
    vec![
        (stem.to_string(), false),
        (format!("{stem}ه"), false),
        (format!("{stem}ا"), false),
        (format!("{stem}ان"), false),
        (format!("{stem}ين"), true),
        (format!("{stem}ون"), true),
        (format!("{stem}ات"), false),
        (format!("{stem}تين"), false),
        (format!("{stem}تان"), false),
    ]
}

fn parse_role(value: &str) -> Result<Role, String> {
    let mut parts = value.split_whitespace();
    let code = parts.next().ok_or("empty role")?.to_string();
    if code.len() % 3 != 0 || !code.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(format!(
            "role code `{code}` is not three-letter upper-case blocks"
        ));
    }
    let (mut from, mut to) = (None, None);
    if let Some(range) = parts.next() {
        let (a, b) = range
            .split_once("..")
            .ok_or_else(|| format!("date range `{range}` is not FROM..TO"))?;
        if !a.is_empty() {
            from = Some(parse_date(a)?);
        }
        if !b.is_empty() {
            to = Some(parse_date(b)?);
        }
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                return Err(format!("date range `{range}` ends before it starts"));
            }
        }
    }
    let note = parts.collect::<Vec<_>>().join(" ");
    Ok(Role {
        code,
        from,
        to,
        note: (!note.is_empty()).then_some(note),
    })
}

/// `2018`, `2018-04` or `2018-04-26`; partial dates mean the first day.
fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let mut it = text.split('-');
    let number = |s: Option<&str>, default: u32| -> Result<u32, String> {
        s.map_or(Ok(default), |s| {
            s.parse().map_err(|_| format!("bad date `{text}`"))
        })
    };
    let year = number(it.next(), 0)? as i32;
    let month = number(it.next(), 1)?;
    let day = number(it.next(), 1)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| format!("bad date `{text}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_dictionary_parses_and_indexes_arabic_keys() {
        let d = ActorDictionary::embedded();
        assert!(d.len() > 300, "{} entries", d.len());
        let lavrov = d.by_id("person.lavrov").unwrap();
        assert_eq!(lavrov.kind, EntryKind::Person);
        assert!(d
            .lookup(&phrase_key("سيرجي لافروف"))
            .iter()
            .any(|s| d.entry(s.entry).id == "person.lavrov"));
        assert!(d
            .lookup("الروسي")
            .iter()
            .any(|s| d.entry(s.entry).id == "country.RUS"));
        assert_eq!(d.country_by_iso2("sy").unwrap().id, "country.SYR");
        for entry in &d.entries {
            // INT and KUR stand in the country position without being countries.
            if entry.kind == EntryKind::Country
                && !["country.INT", "country.KUR"].contains(&entry.id.as_str())
            {
                assert!(entry.iso2.is_some(), "{} has no iso2", entry.id);
            }
        }
    }

    #[test]
    fn format_errors_name_the_line() {
        let err = ActorDictionary::parse("[x] person\nar = س\nrole = usagov\n").unwrap_err();
        assert!(err.location.ends_with(":1") || err.location.ends_with(":3"));
        let err = ActorDictionary::parse("[x] thing\n").unwrap_err();
        assert!(err.message.contains("unknown kind"));
        let err = ActorDictionary::parse("ar = س\n").unwrap_err();
        assert!(err.location.ends_with(":1"));
        assert!(ActorDictionary::parse("[a] org\nen = A\nrole = USAGOV 2019..2018\n").is_err());
    }

    #[test]
    fn roles_by_date() {
        let d = ActorDictionary::parse(
            "[p] person\nen = P\nrole = USALEG 2011-01-03..2017-01-23\nrole = USAGOV 2017-01-23..2021-01-20 # note\n",
        )
        .unwrap();
        let p = &d.entries[0];
        let on = |y, m, day| {
            p.role_on(NaiveDate::from_ymd_opt(y, m, day))
                .map(|r| r.code.as_str())
        };
        assert_eq!(on(2015, 6, 1), Some("USALEG"));
        assert_eq!(on(2017, 1, 23), Some("USAGOV"));
        assert_eq!(on(2010, 1, 1), None);
        assert_eq!(p.role_on(None).unwrap().code, "USAGOV");
        assert_eq!(p.home_country(), Some("USA"));
        let role = &p.roles[1];
        assert_eq!(role.sector(EntryKind::Person), Some("GOV"));
    }
}
