//! Tokens: words, numbers, punctuation, each with its sentence, and clitics for Arabic words.

use crate::clitics::{analyze_at, is_arabic_word};
use crate::normalize::{is_arabic_mark, is_invisible};
use hadath_core::{Sentence, Span, Token, TokenKind};

/// Tokenises every sentence of `text`. Tokens come out in text order, grouped by sentence.
pub fn tokenize(text: &str, sentences: &[Sentence]) -> Vec<Token> {
    let mut out = Vec::new();
    for (index, sentence) in sentences.iter().enumerate() {
        for (span, kind) in split(sentence.span.slice(text)) {
            let span = span.shift(sentence.span.start);
            let word = span.slice(text);
            let clitics = (kind == TokenKind::Word && is_arabic_word(word))
                .then(|| analyze_at(word, span.start));
            out.push(Token {
                span,
                kind,
                sentence: index,
                clitics,
            });
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    Space,
    Other,
}

fn class(c: char) -> Class {
    if c.is_numeric() {
        Class::Digit
    } else if c.is_alphabetic() || is_arabic_mark(c) || c == '\u{200C}' {
        Class::Letter
    } else if c.is_whitespace() || is_invisible(c) {
        Class::Space
    } else {
        Class::Other
    }
}

/// Splits a piece of text into token spans relative to it.
pub fn split(text: &str) -> Vec<(Span, TokenKind)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let kind = class(c);
        let mut j = i + 1;
        match kind {
            Class::Space => {
                i = j;
                continue;
            }
            Class::Letter => {
                // An apostrophe between letters stays inside (English "Assad's" is split later
                // by whoever cares; Arabic has no apostrophes).
                while j < chars.len() && class(chars[j].1) == Class::Letter {
                    j += 1;
                }
            }
            Class::Digit => {
                // 3.5, 1,000, ١٢٫٥ and 12/7 stay one number.
                while j < chars.len() {
                    let cls = class(chars[j].1);
                    let joiner = matches!(chars[j].1, '.' | ',' | '٫' | '٬' | '/' | ':')
                        && chars.get(j + 1).is_some_and(|n| class(n.1) == Class::Digit);
                    if cls == Class::Digit || joiner {
                        j += 1;
                    } else {
                        break;
                    }
                }
            }
            Class::Other => {}
        }
        let end = chars.get(j).map_or(text.len(), |(b, _)| *b);
        let token_kind = match kind {
            Class::Letter => TokenKind::Word,
            Class::Digit => TokenKind::Number,
            _ if c.is_ascii_punctuation() || is_arabic_punctuation(c) || c.is_ascii() => {
                TokenKind::Punctuation
            }
            _ => {
                if is_punctuation_like(c) {
                    TokenKind::Punctuation
                } else {
                    TokenKind::Symbol
                }
            }
        };
        out.push((Span::new(start, end), token_kind));
        i = j;
    }
    out
}

fn is_arabic_punctuation(c: char) -> bool {
    matches!(c, '،' | '؛' | '؟' | '٪' | '۔' | '«' | '»')
}

fn is_punctuation_like(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '–' | '—' | '…' | '‹' | '›')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::sentences;

    #[test]
    fn tokens_of_an_arabic_sentence() {
        let text = "وقال مصدر مطلع في المعارضة إن الوفد الروسي، الذي التقى وبالفصائل في 3.5 ساعة.";
        let tokens = tokenize(text, &sentences(text));
        let words: Vec<&str> = tokens.iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(
            words,
            vec![
                "وقال",
                "مصدر",
                "مطلع",
                "في",
                "المعارضة",
                "إن",
                "الوفد",
                "الروسي",
                "،",
                "الذي",
                "التقى",
                "وبالفصائل",
                "في",
                "3.5",
                "ساعة",
                "."
            ]
        );
        let fasail = tokens
            .iter()
            .find(|t| t.span.slice(text) == "وبالفصائل")
            .unwrap();
        let clitics = fasail.clitics.as_ref().unwrap();
        assert_eq!(clitics.stem.slice(text), "فصائل");
        assert_eq!(tokens[13].kind, TokenKind::Number);
        assert_eq!(tokens[8].kind, TokenKind::Punctuation);
    }

    #[test]
    fn diacritics_and_tatweel_stay_inside_words_and_bidi_marks_split_nothing() {
        let text = "قالَ لافـروف\u{200F} أمس";
        let words: Vec<&str> = split(text).iter().map(|(s, _)| s.slice(text)).collect();
        assert_eq!(words, vec!["قالَ", "لافـروف", "أمس"]);
    }

    #[test]
    fn english_tokens() {
        let text = "Pompeo and Lavrov spoke on July 3, 2018.";
        let words: Vec<&str> = split(text).iter().map(|(s, _)| s.slice(text)).collect();
        assert_eq!(
            words,
            vec!["Pompeo", "and", "Lavrov", "spoke", "on", "July", "3", ",", "2018", "."]
        );
    }
}
