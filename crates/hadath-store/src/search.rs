//! Full-text search over normalised Arabic: what is indexed, how queries are read, snippets.
//!
//! SQLite's `unicode61` tokenizer splits words but does not fold Arabic, and knows nothing of
//! clitics. So the index is fed a *search form* of the text instead of the text itself: every
//! word normalised for matching (hamza forms, alef maqsura, ta marbuta, diacritics, tatweel,
//! digits: hadath-language's `normalize_key`), then stripped of its proclitics (و ف, then
//! ب ك ل, then the article ال, and لل = ل + ال), the same way on both sides. A query for
//! درعا therefore finds وبدرعا, لدرعا and ودرعا; الرياض finds بالرياض and للرياض; مدرسة finds
//! المدرسه. The FTS table is contentless (`content=''`): it holds only the inverted index, and
//! snippets are cut from the original text, with highlights located by running the same
//! search form over each original word.
//!
//! Why not the `trigram` tokenizer: it finds substrings (so وبدرعا too) but indexes every
//! three-letter window, several times the size of a word index, ranks on trigram statistics
//! rather than words, cannot match one- or two-letter queries, and matches across word
//! boundaries and inside unrelated words; see README.md for the measurement.

use crate::{Store, StoreError};
use hadath_cleaning::near_duplicates::is_word_char;
use hadath_core::CharIndex;
use hadath_language::normalize::{is_arabic_letter, normalize_key};
use rusqlite::params;

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    /// The document's content hash (its identity in the store).
    pub hash: String,
    /// The input's own id for the document.
    pub document_id: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    /// A stretch of the original text around the first match, `…` where cut.
    pub snippet: String,
    /// Code point ranges of matched words inside `snippet`.
    pub highlights: Vec<(usize, usize)>,
    /// BM25 relevance (higher is better; title matches weigh double).
    pub score: f64,
}

/// Strips proclitics from one normalised word. Only Arabic words are touched, and a stem is
/// never left shorter than two letters (three when a bare ب/ك/ل is removed), so short words
/// such as من and بعد stay whole.
pub fn stem(word: &str) -> &str {
    if !word.chars().next().is_some_and(is_arabic_letter) {
        return word;
    }
    let letters = |s: &str| s.chars().count();
    let mut w = word;
    // Conjunction و / ف.
    if let Some(rest) = w.strip_prefix('و').or_else(|| w.strip_prefix('ف')) {
        if letters(rest) >= 3 {
            w = rest;
        }
    }
    // لل = ل + ال with the alef dropped (للرياض).
    if let Some(rest) = w.strip_prefix("لل") {
        if letters(rest) >= 2 {
            return rest;
        }
    }
    // Preposition + article (بالرياض, كالعادة, والمدرسة after و).
    for p in ["بال", "كال", "لال", "ال"] {
        if let Some(rest) = w.strip_prefix(p) {
            if letters(rest) >= 2 {
                return rest;
            }
        }
    }
    // A bare preposition (بدرعا, لروسيا).
    if let Some(rest) = w
        .strip_prefix('ب')
        .or_else(|| w.strip_prefix('ك'))
        .or_else(|| w.strip_prefix('ل'))
    {
        if letters(rest) >= 3 {
            return rest;
        }
    }
    w
}

/// Words of a text as they are indexed: normalised and stemmed.
pub fn search_terms(text: &str) -> Vec<String> {
    normalize_key(text)
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(|w| stem(w).to_string())
        .collect()
}

/// The text handed to the FTS index for a document field.
pub(crate) fn index_text(text: &str) -> String {
    search_terms(text).join(" ")
}

/// [`index_text`] for words already normalised and split on non-alphanumerics.
pub(crate) fn index_words(words: &[&str]) -> String {
    let mut out = String::with_capacity(words.iter().map(|w| w.len() + 1).sum());
    for w in words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(stem(w));
    }
    out
}

/// The FTS5 query for a user's query: every term required, each quoted so that FTS syntax in
/// the input (`OR`, `-`, `*`, quotes) is taken as words.
pub fn fts_query(query: &str) -> Option<String> {
    let terms = search_terms(query);
    if terms.is_empty() {
        return None;
    }
    Some(
        terms
            .iter()
            .map(|t| format!("\"{}\"", t.replace('"', "")))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Words around the match kept in a snippet, on each side.
const SNIPPET_WORDS: usize = 12;

/// Cuts a snippet of the original text around the first word whose search form is a query
/// term; returns it with the code point ranges of every matching word inside it.
pub fn snippet(text: &str, terms: &[String]) -> (String, Vec<(usize, usize)>) {
    // Words of the original text with their byte ranges.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let inside = is_word_char(c) || hadath_language::normalize::is_arabic_mark(c);
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, text.len()));
    }
    let matches: Vec<bool> = words
        .iter()
        .map(|&(s, e)| {
            let key = normalize_key(&text[s..e]);
            let form = stem(&key);
            terms.iter().any(|t| t == form)
        })
        .collect();
    let first = matches.iter().position(|m| *m).unwrap_or(0);
    if words.is_empty() {
        return (String::new(), Vec::new());
    }
    let from = first.saturating_sub(SNIPPET_WORDS);
    let to = (first + SNIPPET_WORDS + 1).min(words.len());
    let (byte_start, byte_end) = (words[from].0, words[to - 1].1);
    let mut out = String::new();
    let lead = if from > 0 { "… " } else { "" };
    out.push_str(lead);
    let body = &text[byte_start..byte_end];
    // Line breaks inside a snippet become spaces: a snippet is one line on a terminal.
    out.push_str(&body.replace(['\n', '\r', '\t'], " "));
    if to < words.len() {
        out.push_str(" …");
    }
    let offset = lead.chars().count();
    let index = CharIndex::new(body);
    let highlights = (from..to)
        .filter(|&i| matches[i])
        .map(|i| {
            let (s, e) = (words[i].0 - byte_start, words[i].1 - byte_start);
            let (s, e) = index.to_chars(hadath_core::Span::new(s, e));
            (s + offset, e + offset)
        })
        .collect();
    (out, highlights)
}

impl Store {
    /// Full-text search, ranked by BM25 (title weighted 2, body 1), ties broken by hash.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        let Some(fts) = fts_query(query) else {
            return Ok(Vec::new());
        };
        let terms = search_terms(query);
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.hash, d.doc_id, d.title, d.source, d.published, d.text,
                    bm25(documents_fts, 2.0, 1.0) AS rank
             FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
             WHERE documents_fts MATCH ?1
             ORDER BY rank, d.hash
             LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![fts, limit as i64], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, f64>(6)?,
            ))
        })?;
        let mut hits = Vec::new();
        for row in rows {
            let (hash, document_id, title, source, published, text, rank) = row?;
            let (snippet, highlights) = snippet(&text, &terms);
            hits.push(SearchHit {
                hash,
                document_id,
                title,
                source,
                published,
                snippet,
                highlights,
                score: -rank,
            });
        }
        Ok(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proclitics_are_stripped_the_same_way_on_both_sides() {
        for (word, expected) in [
            ("وبدرعا", "درعا"),
            ("بدرعا", "درعا"),
            ("درعا", "درعا"),
            ("بالرياض", "رياض"),
            ("للرياض", "رياض"),
            ("والرياض", "رياض"),
            ("من", "من"),
            ("بعد", "بعد"),
            ("reuters", "reuters"),
        ] {
            assert_eq!(stem(word), expected, "{word}");
        }
        assert_eq!(search_terms("وبِدَرْعا المدرسة"), ["درعا", "مدرسه"]);
        assert_eq!(fts_query("\"OR\" -x").unwrap(), "\"or\" \"x\"");
        assert_eq!(fts_query("؟!"), None);
    }

    #[test]
    fn snippets_are_original_text_with_matches_located() {
        let text = "قال مصدر محلي إن القصف استهدف أحياء وبِدرعا البلد صباح اليوم.";
        let (snippet, highlights) = snippet(text, &search_terms("درعا"));
        assert_eq!(snippet, text.trim_end_matches('.'));
        let (s, e) = highlights[0];
        let hit: String = snippet.chars().skip(s).take(e - s).collect();
        assert_eq!(hit, "وبِدرعا");
    }
}
