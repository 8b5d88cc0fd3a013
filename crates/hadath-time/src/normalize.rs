//! A small, private normaliser that keeps a map back to the original bytes.
//!
//! Time rules are written once, against a folded form of the text (alef/hamza forms → ا,
//! ة → ه, ى → ي, no diacritics or tatweel, ASCII digits, lower-case Latin), and every match is
//! mapped back to byte offsets of the original. `hadath-language` will own normalisation for the
//! whole pipeline; this stays minimal so it can be swapped for that later.

/// Folded text plus, for every byte of it, the original byte range of the character it came from.
pub(crate) struct Normalized {
    pub text: String,
    /// `origin[i]` = (start, end) in the original text of the character that produced byte `i`.
    origin: Vec<(usize, usize)>,
    original_len: usize,
}

impl Normalized {
    pub fn new(original: &str) -> Normalized {
        let mut text = String::with_capacity(original.len());
        let mut origin: Vec<(usize, usize)> = Vec::with_capacity(original.len());
        let mut last_char: Option<usize> = None;
        for (start, c) in original.char_indices() {
            let end = start + c.len_utf8();
            let Some(folded) = fold(c) else {
                // A dropped mark belongs to the letter before it, so spans keep their diacritics.
                if let Some(last) = last_char {
                    for o in &mut origin[last..] {
                        o.1 = end;
                    }
                }
                continue;
            };
            let before = text.len();
            last_char = Some(origin.len());
            text.push(folded);
            for _ in before..text.len() {
                origin.push((start, end));
            }
        }
        Normalized {
            text,
            origin,
            original_len: original.len(),
        }
    }

    /// Original byte offset where the folded byte offset `start` begins.
    pub fn orig_start(&self, start: usize) -> usize {
        self.origin.get(start).map_or(self.original_len, |o| o.0)
    }

    /// Original byte offset where a span ending at folded byte offset `end` ends.
    pub fn orig_end(&self, end: usize) -> usize {
        if end == 0 {
            return self.origin.first().map_or(0, |o| o.0);
        }
        self.origin[end - 1].1
    }
}

/// One character folded to the form the rules expect; `None` drops it (diacritics, tatweel,
/// direction marks), which is why offsets need a map rather than arithmetic.
fn fold(c: char) -> Option<char> {
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ة' => 'ه',
        'ى' => 'ي',
        '\u{064B}'..='\u{0652}' | '\u{0670}' | '\u{0640}' => return None,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{FEFF}' => return None,
        '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
        '\u{00A0}' | '\u{2009}' | '\u{202F}' => ' ',
        '–' | '—' | '‐' | '‑' => '-',
        '٫' => '.',
        'A'..='Z' => c.to_ascii_lowercase(),
        _ => c,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_maps_back() {
        let original = "وأمسِ (الثلاثاءَ) ١٢ تمّوز";
        let n = Normalized::new(original);
        assert_eq!(n.text, "وامس (الثلاثاء) 12 تموز");
        let at = n.text.find("12").unwrap();
        let (s, e) = (n.orig_start(at), n.orig_end(at + 2));
        assert_eq!(&original[s..e], "١٢");
        let at = n.text.find("امس").unwrap();
        // The kasra after امس belongs to the last letter, so the original span keeps it.
        assert_eq!(
            &original[n.orig_start(at)..n.orig_end(at + "امس".len())],
            "أمسِ"
        );
    }
}
