//! Paragraphs and sentences.
//!
//! Paragraphs are separated by line breaks (news bodies put one paragraph per line). Sentences
//! end at . ! ? ؟ … and at paragraph ends, except after abbreviations ("د." for Dr., "Mr."),
//! single letters ("U.S.", "ق.م"), inside numbers ("3.5"), and before a lowercase Latin letter.

use hadath_core::{Sentence, Span};

/// Abbreviations after which a period does not end a sentence (compared without the period).
const ABBREVIATIONS: &[&str] = &[
    // Arabic: Dr., Eng., Prof., Mr./Ms., hijri/gregorian markers, "etc." and "i.e.".
    "د", "م", "أ", "ا", "ص", "ج", "ق", "هـ", "ه", "إلخ", "الخ", "أي", "عدد", "ت", "ب", "mr", "mrs",
    "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "sgt", "rep", "sen", "gov", "st", "jr",
    "sr", "inc", "ltd", "co", "corp", "vs", "etc", "no", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.n", "u.k", "e.g", "i.e",
];

/// Splits `text` into sentences with their paragraph index.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (paragraph, line) in paragraphs(text).into_iter().enumerate() {
        for span in sentences_in(text, line) {
            out.push(Sentence {
                span,
                paragraph,
                repeat_of: None,
            });
        }
    }
    out
}

/// Non-blank lines, trimmed of surrounding white space.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let span = trim(text, Span::new(at, at + line.len()));
        if !span.is_empty() {
            out.push(span);
        }
        at += line.len();
    }
    out
}

fn trim(text: &str, span: Span) -> Span {
    let slice = span.slice(text);
    let start = span.start + (slice.len() - slice.trim_start().len());
    let end = span.end - (slice.len() - slice.trim_end().len());
    if start >= end {
        Span::new(span.start, span.start)
    } else {
        Span::new(start, end)
    }
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '»' | '”' | '’' | ')' | ']' | '}' | '›')
}

fn sentences_in(text: &str, paragraph: Span) -> Vec<Span> {
    let body = paragraph.slice(text);
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if !is_terminal(c) || !ends_sentence(body, &chars, i) {
            i += 1;
            continue;
        }
        // Take the run of terminal marks and closing quotes/brackets into this sentence.
        let mut j = i + 1;
        while j < chars.len() && (is_terminal(chars[j].1) || is_closing(chars[j].1)) {
            j += 1;
        }
        let end = chars.get(j).map_or(body.len(), |(b, _)| *b);
        let span = trim(
            text,
            Span::new(paragraph.start + start, paragraph.start + end),
        );
        if !span.is_empty() {
            out.push(span);
        }
        start = end;
        i = j;
        let _ = at;
    }
    let rest = trim(text, Span::new(paragraph.start + start, paragraph.end));
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

fn ends_sentence(body: &str, chars: &[(usize, char)], i: usize) -> bool {
    let (at, c) = chars[i];
    let next = chars.get(i + 1).map(|(_, n)| *n);
    let prev = i.checked_sub(1).map(|p| chars[p].1);
    if c == '.' {
        // 3.5, 1.000
        if prev.is_some_and(|p| p.is_numeric()) && next.is_some_and(|n| n.is_numeric()) {
            return false;
        }
        // U.S. and ق.م: a period directly followed by a letter.
        if next.is_some_and(|n| n.is_alphabetic()) {
            return false;
        }
        let word_start = body[..at]
            .char_indices()
            .rev()
            .take_while(|(_, w)| {
                w.is_alphabetic() || *w == '.' || crate::normalize::is_arabic_mark(*w)
            })
            .last()
            .map_or(at, |(b, _)| b);
        let word = body[word_start..at].to_lowercase();
        if !word.is_empty() && (ABBREVIATIONS.contains(&word.as_str()) || word.chars().count() == 1)
        {
            return false;
        }
    }
    // "He said. and then" is rare; a lowercase Latin letter after the mark means it went on.
    let following = body[at + c.len_utf8()..].trim_start().chars().next();
    if following.is_some_and(|f| f.is_lowercase()) {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        sentences(text).iter().map(|s| s.span.slice(text)).collect()
    }

    #[test]
    fn splits_arabic_sentences_and_paragraphs() {
        let text = "وقال مصدر إن الوفد لم يخرج بنتيجة. وتوقع المصدر أن يستأنف النظام الهجمات.\nهل ينجح الاتفاق؟ لا أحد يعرف!";
        assert_eq!(
            texts(text),
            vec![
                "وقال مصدر إن الوفد لم يخرج بنتيجة.",
                "وتوقع المصدر أن يستأنف النظام الهجمات.",
                "هل ينجح الاتفاق؟",
                "لا أحد يعرف!"
            ]
        );
        let s = sentences(text);
        assert_eq!((s[1].paragraph, s[2].paragraph), (0, 1));
    }

    #[test]
    fn does_not_split_after_abbreviations_or_inside_numbers() {
        let text = "قال د. محمد إن النسبة 3.5 بالمئة. Mr. Smith met U.S. officials. It ended.";
        assert_eq!(
            texts(text),
            vec![
                "قال د. محمد إن النسبة 3.5 بالمئة.",
                "Mr. Smith met U.S. officials.",
                "It ended."
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        let text = "قال: \"انتهى الأمر.\" ثم غادر.";
        assert_eq!(texts(text), vec!["قال: \"انتهى الأمر.\"", "ثم غادر."]);
    }

    #[test]
    fn blank_lines_and_crlf_make_no_empty_sentences() {
        let text = "سطر أول\r\n\r\n   \r\nسطر ثان";
        assert_eq!(texts(text), vec!["سطر أول", "سطر ثان"]);
        assert_eq!(paragraphs(text).len(), 2);
    }
}
