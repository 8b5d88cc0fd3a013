//! Gazetteer keys: one normal form for place names in Arabic and Latin script.
//!
//! Arabic goes through [`hadath_language::normalize::normalize_key`] (hamza, ta marbuta, alef
//! maqsura, diacritics), so a key built from a GeoNames name meets the key built from a token of
//! a news article. Latin names additionally lose their diacritics and transliteration marks,
//! because GeoNames writes "Dar‘ā" and news writes "Daraa" or "Dar'a".

use hadath_language::normalize::normalize_key;
use unicode_normalization::UnicodeNormalization;

/// The lookup key of a place name: normalised, diacritic-free, single-spaced.
pub fn place_key(name: &str) -> String {
    let folded = normalize_key(name);
    let mut out = String::with_capacity(folded.len());
    let mut space = false;
    // NFD strips Latin diacritics; Arabic letters stay whole, because NFD splits ئ and ؤ into
    // a seat and a combining hamza, and text tokens (`lookup_forms`) keep them composed.
    let mut decomposed = String::with_capacity(folded.len());
    for ch in folded.chars() {
        if matches!(ch, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}') {
            decomposed.push(ch);
        } else {
            decomposed.extend(std::iter::once(ch).nfd());
        }
    }
    for c in decomposed.chars() {
        match c {
            // Combining marks left by NFD on Latin letters (ā → a + macron).
            '\u{0300}'..='\u{036F}' => {}
            // Transliteration marks for ayn and hamza, and apostrophes: "Dar‘ā", "Ma’rib".
            '\'' | '‘' | '’' | '`' | 'ʿ' | 'ʾ' | 'ʼ' | '´' | '.' => {}
            '-' | '_' | '/' | ',' | '(' | ')' | '"' | '«' | '»' | '،' => space = true,
            c if c.is_whitespace() => space = true,
            'ı' => push(&mut out, &mut space, 'i'),
            'ł' => push(&mut out, &mut space, 'l'),
            'ø' => push(&mut out, &mut space, 'o'),
            'ß' => {
                push(&mut out, &mut space, 's');
                out.push('s');
            }
            c => push(&mut out, &mut space, c),
        }
    }
    out
}

fn push(out: &mut String, space: &mut bool, c: char) {
    if *space && !out.is_empty() {
        out.push(' ');
    }
    *space = false;
    out.push(c);
}

/// Letters that only Persian, Urdu, Pashto, Kurdish (and other non-Arabic languages written in
/// Arabic script) use. GeoNames' `alternatenames` mixes their forms with Arabic ones
/// (Persian تهران beside Arabic طهران; ک and ی instead of ك and ي); a name containing any of
/// these is not an Arabic name.
const NON_ARABIC_LETTERS: &[char] = &[
    'پ', 'چ', 'ژ', 'گ', 'ک', 'ی', 'ۀ', 'ے', 'ٹ', 'ڈ', 'ڑ', 'ں', 'ھ', 'ۃ', 'ې', 'ۍ', 'ە', 'ۆ', 'ۇ',
    'ێ', 'ڵ', 'ڕ', 'ٶ', 'ڤ', 'ڭ', 'ۋ', 'ۈ', 'ۉ', 'ۅ', 'ٻ', 'ڄ', 'ڃ', 'ڇ', 'ڊ', 'ڌ', 'ڍ', 'ڎ', 'ڳ',
    'ڱ', 'ڻ', 'ۓ', 'ٺ', 'ٽ', 'ٿ', 'ڀ', 'ځ', 'څ', 'ښ', 'ږ', 'ګ', 'ړ', 'ټ', 'ډ', 'ڼ', 'ۍ', 'ۏ',
];

/// True when `name` is written in Arabic script using only letters of the Arabic language
/// (plus harakat, tatweel, spaces and hyphens): the names hadath indexes as Arabic.
pub fn is_pure_arabic(name: &str) -> bool {
    let mut letters = 0;
    for c in name.chars() {
        match c {
            '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | 'ٱ' => letters += 1,
            '\u{064B}'..='\u{0652}' | '\u{0670}' | '\u{0640}' | ' ' | '-' => {}
            _ => return false,
        }
    }
    letters > 0
}

/// True when `name` has an Arabic-script letter that Arabic itself does not use.
pub fn has_non_arabic_letter(name: &str) -> bool {
    name.chars().any(|c| NON_ARABIC_LETTERS.contains(&c))
}

/// True when `name` is written in Latin script (letters, with or without diacritics).
pub fn is_latin(name: &str) -> bool {
    let mut letters = 0;
    for c in name.chars() {
        if c.is_alphabetic() {
            if (c as u32) >= 0x0250
                && !matches!(c, 'ʿ' | 'ʾ' | 'ʼ')
                && !('\u{1E00}'..='\u{1EFF}').contains(&c)
            {
                return false;
            }
            letters += 1;
        } else if c.is_numeric() {
            return false;
        }
    }
    letters > 0
}

/// Number of letters in a key (Arabic keys of fewer than three letters are never spotted).
pub fn letter_count(key: &str) -> usize {
    key.chars().filter(|&c| is_letter(c)).count()
}

/// True when `key` has at least `n` letters (stops counting there).
pub(crate) fn has_letters(key: &str, n: usize) -> bool {
    key.chars().filter(|&c| is_letter(c)).take(n).count() >= n
}

/// `char::is_alphabetic`, answering ASCII and the Arabic base letters without the Unicode
/// table search.
#[inline]
fn is_letter(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphabetic(),
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => true,
        _ => c.is_alphabetic(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hamza_seats_stay_composed_as_in_text_tokens() {
        // The gazetteer's keys must equal the keys text tokens get (`normalize_key` via
        // `lookup_forms`): NFD would split ئ/ؤ and make الجزائر، إسرائيل، الطائف unreachable.
        for name in [
            "الجزائر",
            "إسرائيل",
            "الطائف",
            "حائل",
            "القائم",
            "بئر السبع",
        ] {
            assert_eq!(place_key(name), normalize_key(name), "{name}");
        }
        assert_eq!(place_key("Dar‘ā"), "dara");
        assert_eq!(place_key("Ma’rib"), "marib");
    }

    #[test]
    fn quick_letters_agree_with_the_library() {
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }
}
