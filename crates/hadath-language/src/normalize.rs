//! Normalisation for matching, with every normalised position mapped back to the original.
//!
//! Arabic is written with many variants of the same word: hamza on or under alef (أ إ آ ٱ),
//! alef maqsura for ya (ى), ta marbuta or ha (ة ه), optional diacritics and tatweel, two sets of
//! Arabic-Indic digits, Persian letter forms, presentation forms, and invisible bidi controls.
//! Dictionaries and gazetteers are matched on the normalised form; results are reported as
//! spans of the original text through [`Normalized::original_span`].

use hadath_core::Span;
use unicode_normalization::UnicodeNormalization;

/// A normalised copy of a text with, for every normalised byte, the original character it
/// came from.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    /// For each byte of `text`: the byte range of the original character it came from.
    origin: Vec<(u32, u32)>,
    original_len: usize,
}

impl Normalized {
    /// The original span covering normalised bytes `[start, end)`.
    pub fn original_span(&self, span: Span) -> Span {
        if span.is_empty() {
            let at = self
                .origin
                .get(span.start)
                .map_or(self.original_len, |o| o.0 as usize);
            return Span::new(at, at);
        }
        let start = self.origin[span.start].0 as usize;
        let end = self.origin[span.end - 1].1 as usize;
        Span::new(start, end)
    }

    /// The original byte offset where normalised byte `at` came from (the end for `at == len`).
    pub fn original_offset(&self, at: usize) -> usize {
        self.origin
            .get(at)
            .map_or(self.original_len, |o| o.0 as usize)
    }
}

/// What one original character becomes when normalised for matching.
enum Fold {
    Drop,
    Char(char),
    /// Presentation forms and ligatures expand to several characters (ﻻ → لا).
    Expand,
}

fn fold(c: char) -> Fold {
    match c {
        // Hamza carriers and wasla on alef.
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => Fold::Char('ا'),
        'ى' | 'ی' | 'ې' | 'ۍ' => Fold::Char('ي'),
        'ة' | 'ۃ' => Fold::Char('ه'),
        'ک' => Fold::Char('ك'),
        'ۀ' | 'ہ' | 'ھ' => Fold::Char('ه'),
        // Harakat, tanwin, shadda, sukun, superscript alef, Quranic marks; tatweel.
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}' => Fold::Drop,
        '٠'..='٩' => Fold::Char(char::from(b'0' + (c as u32 - 0x0660) as u8)),
        '۰'..='۹' => Fold::Char(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
        '٫' => Fold::Char('.'),
        '٬' => Fold::Char(','),
        // Bidi controls and zero-width characters: invisible, and a classic way to hide text.
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061C}'
        | '\u{FEFF}'
        | '\u{00AD}' => Fold::Drop,
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}' => Fold::Expand,
        c if c.is_uppercase() => Fold::Expand,
        c => Fold::Char(c),
    }
}

/// The normalised form of one character when it folds to at most one character: `None` when
/// it is dropped (diacritics, tatweel, bidi controls). Characters that expand (ligatures,
/// presentation forms) return their first folded character.
#[inline]
pub fn fold_char(c: char) -> Option<char> {
    // ASCII and the Arabic base letters answered without the Unicode upper-case test: this
    // runs for every letter of every lookup (clitic forms, gazetteer and actor keys).
    match c {
        'آ' | 'أ' | 'إ' => Some('ا'),
        'ى' => Some('ي'),
        'ة' => Some('ه'),
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => Some(c),
        _ if c.is_ascii() && !c.is_ascii_uppercase() => Some(c),
        _ => fold_char_general(c),
    }
}

/// [`fold_char`] for any character, through the general folding table.
fn fold_char_general(c: char) -> Option<char> {
    match fold(c) {
        Fold::Drop => None,
        Fold::Char(folded) => Some(folded),
        Fold::Expand => normalize(c.encode_utf8(&mut [0; 4])).text.chars().next(),
    }
}

/// Normalises one string for use as a dictionary key (no offset map).
pub fn normalize_key(text: &str) -> String {
    normalize(text).text
}

/// Normalises `text` for matching and keeps the map back to it.
pub fn normalize(text: &str) -> Normalized {
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    let push = |out: &mut String, origin: &mut Vec<(u32, u32)>, c: char, from: (u32, u32)| {
        out.push(c);
        origin.resize(origin.len() + c.len_utf8(), from);
    };
    for (at, c) in text.char_indices() {
        let from = (at as u32, (at + c.len_utf8()) as u32);
        match fold(c) {
            Fold::Drop => {}
            Fold::Char(folded) => push(&mut out, &mut origin, folded, from),
            Fold::Expand => {
                let expanded: Vec<char> = if c.is_uppercase() {
                    c.to_lowercase().collect()
                } else {
                    std::iter::once(c).nfkc().collect()
                };
                for e in expanded {
                    // The expansion can itself contain foldable letters (ﺃ → أ → ا).
                    match fold(e) {
                        Fold::Drop => {}
                        Fold::Char(f) => push(&mut out, &mut origin, f, from),
                        Fold::Expand => push(&mut out, &mut origin, e, from),
                    }
                }
            }
        }
    }
    Normalized {
        text: out,
        origin,
        original_len: text.len(),
    }
}

/// True for Arabic-script letters (not marks, digits or punctuation).
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FC}' | '\u{06FF}' | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C9}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
}

/// True for characters that belong inside an Arabic word without being letters: harakat, tatweel.
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
}

/// Bidi controls and zero-width characters.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}' | '\u{00AD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_char_fast_path_agrees_with_the_general_table() {
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            assert_eq!(fold_char(c), fold_char_general(c), "{c:?}");
        }
    }

    #[test]
    fn folds_alef_forms_maqsura_ta_marbuta_diacritics_tatweel() {
        assert_eq!(normalize_key("أإآٱ"), "اااا");
        assert_eq!(normalize_key("مستشفى"), "مستشفي");
        assert_eq!(normalize_key("المدينة"), "المدينه");
        assert_eq!(normalize_key("مُحَمَّد"), "محمد");
        assert_eq!(normalize_key("ســوريـة"), "سوريه");
        assert_eq!(normalize_key("٢٠١٨ و۱۴"), "2018 و14");
        assert_eq!(normalize_key("Russia"), "russia");
        assert_eq!(normalize_key("ﻻ"), "لا");
    }

    #[test]
    fn bidi_controls_are_dropped_but_offsets_still_map() {
        let text = "قال \u{202B}لافروف\u{202C} أمس";
        let n = normalize(text);
        assert_eq!(n.text, "قال لافروف امس");
        let at = n.text.find("لافروف").unwrap();
        let original = n.original_span(Span::new(at, at + "لافروف".len()));
        assert_eq!(original.slice(text), "لافروف");
    }

    #[test]
    fn every_normalised_span_maps_to_the_original_word() {
        let text = "وَصَلَ الوفدُ الرّوسيّ إلى بُصرى الحرير (٤ تموز)";
        let n = normalize(text);
        for (word, original) in [
            ("الوفد", "الوفدُ"),
            ("الروسي", "الرّوسيّ"),
            ("بصري", "بُصرى"),
            ("4", "٤"),
        ] {
            let at = n
                .text
                .find(word)
                .unwrap_or_else(|| panic!("{word} not in {}", n.text));
            let span = n.original_span(Span::new(at, at + word.len()));
            // The span ends at the last kept letter; trailing diacritics of that letter are not
            // included, which is still a valid, character-aligned span of the original.
            assert!(
                original.starts_with(span.slice(text)),
                "{word} → {:?}",
                span.slice(text)
            );
            assert_eq!(normalize_key(span.slice(text)), word);
        }
    }

    #[test]
    fn presentation_forms_expand_and_map_to_one_original_char() {
        let text = "ﻻﺃ";
        let n = normalize(text);
        assert_eq!(n.text, "لاا");
        assert_eq!(n.original_span(Span::new(0, 2)).slice(text), "ﻻ");
        assert_eq!(
            n.original_span(Span::new(0, n.text.len())).slice(text),
            text
        );
    }
}
