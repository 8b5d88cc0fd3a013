//! Readers for the Arabic NER corpora hadath trains on, and the mapping of their tag sets.
//!
//! Every reader yields [`Sentence`]s of tokens with one BIO tag each, *as the corpus spells it*
//! (fine-grained FANE types, AQMAR's `MIS`, Wojood's outermost layer). [`to_anercorp`] maps a
//! tag to the ANERcorp scheme the tagger uses (`B-PERS`, `I-LOC`, `B-ORG`, `B-MISC`, `O`), and
//! [`fane_coarse`] gives the hadath class (PER/ORG/GPE/LOC/MISC) of a FANE fine type.
//!
//! ## Mapping of fine-grained types (documented here because training depends on it)
//!
//! | source | types | ANERcorp tag | hadath type |
//! |---|---|---|---|
//! | FANE | Politician, Athlete, Businessperson, Artist, Scientist, Police, Religious_PER, Engineer, Lawyer, Other_PER | PERS | PER |
//! | FANE | Group (العرب, المسلمين: peoples) | O (ANERcorp leaves them untagged) | — |
//! | FANE | Government, Commercial, Educational, Media, Religious_ORG, Sports, Medical-Science, Entertainment, Non-Governmental | ORG | ORG |
//! | FANE | Nation, Population-Center, State-or-Province, County-or-District, GPE-Cluster, Continent | LOC | GPE (Continent: LOC) |
//! | FANE | Water-Body, Land-Region-Natural, Celestial, Address, Boundary, Region-* | LOC | LOC |
//! | FANE | Building-Grounds, Subarea-Facility, Path, Airport, Plant (facilities) | LOC | LOC |
//! | FANE | Air, Land, Water (vehicles), Shooting, Projectile, … (weapons), Book, Movie, Software, Hardware, Food, Drug, Sound (products) | MISC | MISC |
//! | AQMAR | PER / ORG / LOC / MIS | PERS / ORG / LOC / MISC | PER / ORG / LOC→GPE or LOC / MISC |
//! | Wojood | PERS / ORG / GPE, LOC, FAC / NORP, EVENT, LANGUAGE, WEBSITE, LAW, PRODUCT / DATE, TIME, numbers, OCC, … | PERS / ORG / LOC / MISC / O | |
//!
//! Wojood is nested; its readers keep only the outermost (first) tag column, which is the
//! flat reading of the corpus.

use std::io::{self, BufRead};
use std::path::Path;

/// A sentence of a labelled corpus: tokens and one tag per token.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Vec<String>,
}

/// The on-disk formats [`read_corpus`] understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CorpusFormat {
    /// `token TAG` per line, no sentence breaks (split at `.`, `!`, `?`).
    Anercorp,
    /// NewsFANE / WikiFANE Gold: `token<TAB>TAG`, maybe BOM, CRLF and U+200E marks.
    Fane,
    /// AQMAR: CoNLL `token TAG`, blank line between sentences, types PER/LOC/ORG/MIS.
    Aqmar,
    /// Wojood: `token TAG [TAG…]` (nested layers), blank line between sentences.
    Wojood,
    /// Plain CoNLL with ANERcorp tags and blank-line sentence breaks (hadath's own output).
    Conll,
}

impl CorpusFormat {
    pub fn parse(name: &str) -> Option<CorpusFormat> {
        Some(match name.to_ascii_lowercase().as_str() {
            "anercorp" => CorpusFormat::Anercorp,
            "fane" | "newsfane" | "wikifane" => CorpusFormat::Fane,
            "aqmar" => CorpusFormat::Aqmar,
            "wojood" => CorpusFormat::Wojood,
            "conll" => CorpusFormat::Conll,
            _ => return None,
        })
    }
}

/// Removes what the FANE files put around tokens: BOM, CR, bidi marks (U+200E/U+200F).
fn clean_field(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c == '\u{feff}' || c == '\u{200e}' || c == '\u{200f}' || c == '\r' || c.is_whitespace()
    })
}

/// Splits a line into token and tag columns: the tag(s) are the last whitespace-separated
/// fields, the token everything before (a few ANERcorp tokens contain a space).
fn split_line(
    line: &str,
    tab_separated: bool,
    tag_columns: usize,
) -> Option<(String, Vec<String>)> {
    let line = line.trim_end_matches(['\r', '\n']);
    if tab_separated {
        let mut fields = line.split('\t');
        let token = clean_field(fields.next()?).to_string();
        let tags: Vec<String> = fields
            .map(|f| clean_field(f).to_string())
            .filter(|f| !f.is_empty())
            .collect();
        if token.is_empty() {
            return None;
        }
        return Some((
            token,
            if tags.is_empty() {
                vec!["O".into()]
            } else {
                tags
            },
        ));
    }
    let fields: Vec<&str> = line
        .split_whitespace()
        .map(clean_field)
        .filter(|f| !f.is_empty())
        .collect();
    if fields.is_empty() {
        return None;
    }
    let is_tag = |f: &str| f == "O" || f.starts_with("B-") || f.starts_with("I-");
    // ANERcorp has a few lines ` O`: an empty token (a character lost in conversion), skipped.
    if fields.len() == 1 && line.starts_with(char::is_whitespace) && is_tag(fields[0]) {
        return None;
    }
    // Tag columns look like O, B-X, I-X; count how many trailing fields are tags.
    let mut n_tags = 0;
    while n_tags < fields.len() - 1
        && n_tags < tag_columns
        && is_tag(fields[fields.len() - 1 - n_tags])
    {
        n_tags += 1;
    }
    let token = fields[..fields.len() - n_tags].join(" ");
    let tags = fields[fields.len() - n_tags..]
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>();
    if token.is_empty() {
        return None;
    }
    Some((
        token,
        if tags.is_empty() {
            vec!["O".into()]
        } else {
            tags
        },
    ))
}

/// Tokens that end an ANERcorp sentence (the corpus has no sentence breaks).
pub fn is_sentence_end(token: &str) -> bool {
    matches!(token, "." | "!" | "?" | "؟")
}

/// Reads a corpus from any reader.
pub fn read_corpus_from(reader: impl BufRead, format: CorpusFormat) -> io::Result<Vec<Sentence>> {
    let mut out = Vec::new();
    let mut current = Sentence::default();
    let flush = |current: &mut Sentence, out: &mut Vec<Sentence>| {
        if !current.tokens.is_empty() {
            out.push(std::mem::take(current));
        }
    };
    let (tabs, tag_columns) = match format {
        CorpusFormat::Fane => (true, 1),
        CorpusFormat::Wojood => (false, 8),
        _ => (false, 1),
    };
    for line in reader.lines() {
        let line = line?;
        let cleaned = clean_field(&line);
        if cleaned.is_empty() {
            // A blank line: a sentence break, except in ANERcorp where it is a stray empty
            // token (the published file has a few ` O` lines) and carries no boundary.
            if format != CorpusFormat::Anercorp {
                flush(&mut current, &mut out);
            }
            continue;
        }
        let Some((token, tags)) = split_line(&line, tabs, tag_columns) else {
            continue;
        };
        let tag = tags.into_iter().next().unwrap_or_else(|| "O".into());
        let end = format == CorpusFormat::Anercorp && is_sentence_end(&token);
        current.tokens.push(token);
        current.tags.push(tag);
        if end {
            flush(&mut current, &mut out);
        }
    }
    flush(&mut current, &mut out);
    Ok(out)
}

/// Reads a corpus file.
pub fn read_corpus(path: &Path, format: CorpusFormat) -> io::Result<Vec<Sentence>> {
    let file = std::fs::File::open(path)?;
    read_corpus_from(io::BufReader::new(file), format)
}

/// The hadath coarse class of a FANE fine-grained type (`None` for types hadath does not tag
/// as names: peoples, i.e. `Group`).
pub fn fane_coarse(fine: &str) -> Option<&'static str> {
    Some(match fine {
        "Politician" | "Athlete" | "Businessperson" | "Artist" | "Scientist" | "Police"
        | "Religious_PER" | "Engineer" | "Lawyer" | "Other_PER" => "PER",
        "Group" => return None,
        "Government" | "Commercial" | "Educational" | "Media" | "Religious_ORG" | "Sports"
        | "Medical-Science" | "Entertainment" | "Non-Governmental" => "ORG",
        "Nation" | "Population-Center" | "State-or-Province" | "County-or-District"
        | "GPE-Cluster" => "GPE",
        "Continent"
        | "Water-Body"
        | "Land-Region-Natural"
        | "Celestial"
        | "Address"
        | "Boundary"
        | "Region-General"
        | "Region-International"
        | "Building-Grounds"
        | "Subarea-Facility"
        | "Path"
        | "Airport"
        | "Plant" => "LOC",
        _ => "MISC",
    })
}

/// Splits a BIO tag into its prefix (`B`/`I`) and type; `O` and junk give `None`.
pub fn split_tag(tag: &str) -> Option<(char, &str)> {
    let (prefix, kind) = tag.split_once('-')?;
    let p = match prefix {
        "B" | "S" => 'B',
        "I" | "E" => 'I',
        _ => return None,
    };
    if kind.is_empty() {
        return None;
    }
    Some((p, kind))
}

/// Maps a tag of `format` to the ANERcorp scheme (`B-PERS`, `I-ORG`, `B-LOC`, `B-MISC`, `O`).
pub fn to_anercorp(tag: &str, format: CorpusFormat) -> String {
    let Some((prefix, kind)) = split_tag(tag) else {
        return "O".into();
    };
    let mapped = match format {
        CorpusFormat::Anercorp | CorpusFormat::Conll => match kind {
            "PERS" | "PER" => "PERS",
            "LOC" | "GPE" => "LOC",
            "ORG" => "ORG",
            "MISC" | "MIS" => "MISC",
            _ => return "O".into(),
        },
        CorpusFormat::Aqmar => match kind {
            "PER" => "PERS",
            "LOC" => "LOC",
            "ORG" => "ORG",
            "MIS" | "MISC" => "MISC",
            _ => return "O".into(),
        },
        CorpusFormat::Fane => match fane_coarse(kind) {
            Some("PER") => "PERS",
            Some("ORG") => "ORG",
            Some("GPE") | Some("LOC") => "LOC",
            Some(_) => "MISC",
            None => return "O".into(),
        },
        CorpusFormat::Wojood => match kind {
            "PERS" => "PERS",
            "ORG" => "ORG",
            "GPE" | "LOC" | "FAC" => "LOC",
            "NORP" | "EVENT" | "LANGUAGE" | "WEBSITE" | "LAW" | "PRODUCT" => "MISC",
            _ => return "O".into(),
        },
    };
    format!("{prefix}-{mapped}")
}

/// Maps every tag of a corpus to the ANERcorp scheme, in place, and repairs orphan `I-` tags
/// the mapping may leave (an `I-X` after a tag of another type becomes `B-X`).
pub fn map_corpus(sentences: &mut [Sentence], format: CorpusFormat) {
    for s in sentences {
        let mut prev = String::from("O");
        for tag in &mut s.tags {
            let mut t = to_anercorp(tag, format);
            if let Some(kind) = t.strip_prefix("I-") {
                if prev == "O" || prev[2..] != *kind {
                    t = format!("B-{kind}");
                }
            }
            prev = t.clone();
            *tag = t;
        }
    }
}

/// Splits ANERcorp sentences into train and dev: dev is the last `fraction` of tokens,
/// starting at a sentence boundary (the first sentence that starts at or after the cut).
pub fn split_tail(sentences: &[Sentence], fraction: f64) -> (Vec<Sentence>, Vec<Sentence>) {
    let total: usize = sentences.iter().map(|s| s.tokens.len()).sum();
    let cut = ((1.0 - fraction) * total as f64).round() as usize;
    let mut seen = 0;
    let mut at = sentences.len();
    for (i, s) in sentences.iter().enumerate() {
        if seen >= cut {
            at = i;
            break;
        }
        seen += s.tokens.len();
    }
    (sentences[..at].to_vec(), sentences[at..].to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anercorp_splits_at_sentence_punctuation_and_skips_empty_tokens() {
        let text = "فرانكفورت B-LOC\n(د O\n O\nقال O\n. O\nأعلن O\nاتحاد B-ORG\n! O\nذهب O\n";
        let s = read_corpus_from(text.as_bytes(), CorpusFormat::Anercorp).unwrap();
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].tokens, vec!["فرانكفورت", "(د", "قال", "."]);
        assert_eq!(s[0].tags, vec!["B-LOC", "O", "O", "O"]);
        assert_eq!(s[2].tokens, vec!["ذهب"]);
    }

    #[test]
    fn fane_strips_bom_crlf_and_bidi_marks() {
        let text =
            "\u{feff}\u{200e}جمهورية\tB-Nation\r\n\u{200e}جنوب\tI-Nation\r\n\r\n\u{200e}في\tO\r\n";
        let mut s = read_corpus_from(text.as_bytes(), CorpusFormat::Fane).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tokens, vec!["جمهورية", "جنوب"]);
        assert_eq!(s[0].tags, vec!["B-Nation", "I-Nation"]);
        map_corpus(&mut s, CorpusFormat::Fane);
        assert_eq!(s[0].tags, vec!["B-LOC", "I-LOC"]);
    }

    #[test]
    fn wojood_keeps_the_outer_layer() {
        let text = "مجلس B-ORG\nالأمن I-ORG\nالأسد I-ORG B-PERS\n\nنابلس B-GPE\nواحد B-CARDINAL\n";
        let mut s = read_corpus_from(text.as_bytes(), CorpusFormat::Wojood).unwrap();
        assert_eq!(s[0].tags, vec!["B-ORG", "I-ORG", "I-ORG"]);
        map_corpus(&mut s, CorpusFormat::Wojood);
        assert_eq!(s[1].tags, vec!["B-LOC", "O"]);
    }

    #[test]
    fn aqmar_mis_becomes_misc_and_orphans_are_repaired() {
        let text = "كأس B-MIS\nالعالم I-MIS\nفي O\nلندن I-LOC\n";
        let mut s = read_corpus_from(text.as_bytes(), CorpusFormat::Aqmar).unwrap();
        map_corpus(&mut s, CorpusFormat::Aqmar);
        assert_eq!(s[0].tags, vec!["B-MISC", "I-MISC", "O", "B-LOC"]);
    }

    #[test]
    fn split_tail_cuts_at_a_sentence_start() {
        let s: Vec<Sentence> = (0..10)
            .map(|i| Sentence {
                tokens: vec![format!("w{i}"); 10],
                tags: vec!["O".into(); 10],
            })
            .collect();
        let (train, dev) = split_tail(&s, 0.1);
        assert_eq!((train.len(), dev.len()), (9, 1));
    }
}
