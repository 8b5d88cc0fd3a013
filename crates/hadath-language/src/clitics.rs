//! Arabic clitics: the conjunctions, prepositions, article and pronoun suffixes glued to words.
//!
//! Two views are offered. [`analyze`] gives one conservative analysis of a word (what a reader
//! would most likely say), and [`lookup_forms`] lists every plausible stem, most specific first,
//! so that a dictionary lookup can find "وبالفصائل" under الفصائل and "لروسيا" under روسيا
//! without a lexicon deciding in advance whether the ب of بصرى is a preposition (it is not).

#[cfg(test)]
use crate::normalize::normalize_key;
use crate::normalize::{fold_char, is_arabic_letter};
use hadath_core::{Clitics, Span};

/// Common words that begin with و or ف as part of the stem, where the conjunction reading
/// would be wrong. Kept short: lookups try every form anyway; this only steers [`analyze`].
const STEM_INITIAL_WA_FA: &[&str] = &[
    "وزير",
    "وزيره",
    "وزراء",
    "وزاره",
    "وفد",
    "وفاه",
    "وقف",
    "وضع",
    "وصول",
    "وسط",
    "وقت",
    "ولايه",
    "ولايات",
    "وكاله",
    "واشنطن",
    "وادي",
    "ورقه",
    "وطن",
    "وطني",
    "وطنيه",
    "وحده",
    "وحدات",
    "وجود",
    "وثيقه",
    "وعد",
    "ولد",
    "ولي",
    "وكيل",
    "واقع",
    "وفق",
    "وراء",
    "واحد",
    "واحده",
    "وقع",
    "وصف",
    "فصائل",
    "فصيل",
    "فريق",
    "فرنسا",
    "فلسطين",
    "فلسطيني",
    "فلسطينيه",
    "فتره",
    "فرص",
    "فرصه",
    "فرع",
    "فكره",
    "فندق",
    "فيلق",
    "فوز",
    "فشل",
    "فجر",
    "فيديو",
    "فقط",
    "في",
    "فيه",
    "فيها",
    "فوق",
    "فرد",
    "افراد",
    "فتح",
    "فعل",
    "فعلا",
    "فضلا",
    "فنزويلا",
    "فيينا",
    "فرق",
    "فقد",
    "فقال",
];

/// Pronoun suffixes tried by [`analyze`], longest first. ي and ك are left out: too many stems
/// end in them (nisba adjectives الروسي, nouns ملك).
const SUFFIXES: &[&str] = &["هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ه"];

/// A normalised letter of a word and where it sits in the original word.
#[derive(Debug, Clone, Copy)]
struct Letter {
    key: char,
    start: usize,
    end: usize,
    /// The original was ة (ta marbuta), which can never be the pronoun ه.
    ta_marbuta: bool,
}

fn letters(word: &str) -> Vec<Letter> {
    let mut out = Vec::new();
    for (at, c) in word.char_indices() {
        if let Some(k) = fold_char(c) {
            out.push(Letter {
                key: k,
                start: at,
                end: at + c.len_utf8(),
                ta_marbuta: c == 'ة',
            });
        }
    }
    out
}

fn key_of(letters: &[Letter]) -> String {
    letters.iter().map(|l| l.key).collect()
}

fn span_of(letters: &[Letter]) -> Span {
    match (letters.first(), letters.last()) {
        (Some(f), Some(l)) => Span::new(f.start, l.end),
        _ => Span::default(),
    }
}

fn starts_with(letters: &[Letter], prefix: &str) -> bool {
    let mut it = letters.iter();
    prefix
        .chars()
        .all(|p| it.next().is_some_and(|l| l.key == p))
}

/// True when the word is written in Arabic script.
pub fn is_arabic_word(word: &str) -> bool {
    word.chars().any(is_arabic_letter)
}

/// One conservative clitic analysis of an Arabic word; spans are relative to `word`.
pub fn analyze(word: &str) -> Clitics {
    let all = letters(word);
    let mut rest: &[Letter] = &all;
    let mut clitics = Clitics::default();
    let whole_key = key_of(rest);

    // Conjunction و / ف, unless the word is a known stem starting with that letter.
    if rest.len() >= 4
        && matches!(rest[0].key, 'و' | 'ف')
        && !STEM_INITIAL_WA_FA.contains(&whole_key.as_str())
    {
        clitics.conjunction = Some(span_of(&rest[..1]));
        rest = &rest[1..];
    }
    // Preposition ب / ك before the article, or ل + ال written لل.
    if rest.len() >= 5 && matches!(rest[0].key, 'ب' | 'ك') && starts_with(&rest[1..], "ال") {
        clitics.particle = Some(span_of(&rest[..1]));
        rest = &rest[1..];
    } else if rest.len() >= 4 && starts_with(rest, "لل") {
        clitics.particle = Some(span_of(&rest[..1]));
        clitics.article = Some(span_of(&rest[1..2]));
        rest = &rest[2..];
    }
    if clitics.article.is_none() && rest.len() >= 4 && starts_with(rest, "ال") {
        clitics.article = Some(span_of(&rest[..2]));
        rest = &rest[2..];
    }
    // A pronoun suffix only on words without the article (الكتابه is not Arabic).
    if clitics.article.is_none() {
        for suffix in SUFFIXES {
            let n = suffix.chars().count();
            if rest.len() >= n + 3 {
                let tail = &rest[rest.len() - n..];
                if key_of(tail) == *suffix && !tail.iter().any(|l| l.ta_marbuta) {
                    clitics.suffix = Some(span_of(tail));
                    rest = &rest[..rest.len() - n];
                    // ب / ل before a suffixed noun: بدعوته، لقائهم.
                    if clitics.particle.is_none()
                        && rest.len() >= 4
                        && matches!(rest[0].key, 'ب' | 'ل')
                    {
                        clitics.particle = Some(span_of(&rest[..1]));
                        rest = &rest[1..];
                    }
                    break;
                }
            }
        }
    }
    clitics.stem = if rest.is_empty() {
        Span::new(0, word.len())
    } else {
        span_of(rest)
    };
    clitics
}

/// A candidate dictionary key for a word, and the part of the word it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// Normalised key, e.g. `الفصائل`.
    pub key: String,
    /// Bytes of the original word the key covers (clitics stripped off are outside it).
    pub span: Span,
    /// How many clitics were stripped to get here; fewer is more trustworthy.
    pub stripped: u8,
}

/// Every plausible lookup form of a word, the whole word first, then with fewer clitics
/// stripped before more. Forms shorter than two letters are not produced.
pub fn lookup_forms(word: &str) -> Vec<Form> {
    let mut buffer = FormBuffer::new();
    lookup_forms_into(word, &mut buffer);
    buffer.to_forms()
}

/// One form held in a [`FormBuffer`]: the same key, span and clitic count as a [`Form`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormRef<'a> {
    pub key: &'a str,
    pub span: Span,
    pub stripped: u8,
}

impl FormRef<'_> {
    pub fn to_form(&self) -> Form {
        Form {
            key: self.key.to_string(),
            span: self.span,
            stripped: self.stripped,
        }
    }
}

/// Reusable storage for [`lookup_forms_into`]: the forms of one word without allocating a
/// string per form (the buffers grow once and are reused word after word).
#[derive(Debug, Default, Clone)]
pub struct FormBuffer {
    letters: Vec<Letter>,
    keys: String,
    /// Key range in `keys`, span, clitics stripped.
    forms: Vec<(u32, u32, Span, u8)>,
}

impl FormBuffer {
    pub fn new() -> FormBuffer {
        FormBuffer::default()
    }
    pub fn len(&self) -> usize {
        self.forms.len()
    }
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }
    /// Form `i`, in the order [`lookup_forms`] gives.
    pub fn get(&self, i: usize) -> FormRef<'_> {
        let (start, end, span, stripped) = self.forms[i];
        FormRef {
            key: &self.keys[start as usize..end as usize],
            span,
            stripped,
        }
    }
    pub fn iter(&self) -> impl Iterator<Item = FormRef<'_>> + '_ {
        (0..self.forms.len()).map(move |i| self.get(i))
    }
    /// The forms as [`lookup_forms`] returns them.
    pub fn to_forms(&self) -> Vec<Form> {
        self.iter().map(|f| f.to_form()).collect()
    }
}

/// [`lookup_forms`] into reusable buffers: the same forms in the same order, without an
/// allocation per form. Read them with [`FormBuffer::iter`].
pub fn lookup_forms_into(word: &str, buffer: &mut FormBuffer) {
    let FormBuffer {
        letters,
        keys,
        forms,
    } = buffer;
    letters.clear();
    keys.clear();
    forms.clear();
    for (at, c) in word.char_indices() {
        if let Some(k) = fold_char(c) {
            letters.push(Letter {
                key: k,
                start: at,
                end: at + c.len_utf8(),
                ta_marbuta: c == 'ة',
            });
        }
    }
    let all: &[Letter] = letters;
    if all.is_empty() {
        return;
    }
    let mut push =
        |slice: &[Letter], article: Option<&[Letter]>, stripped: u8, restore_ta: bool| {
            if slice.len() < 2 {
                return;
            }
            let start = keys.len();
            let mut span = span_of(slice);
            if let Some(article) = article {
                keys.push_str("ال");
                span = span_of(article).cover(span);
            }
            keys.extend(slice.iter().map(|l| l.key));
            if restore_ta && keys[start..].ends_with('ت') {
                keys.pop();
                keys.push('ه');
            }
            let duplicate = {
                let key = &keys[start..];
                forms
                    .iter()
                    .any(|&(s, e, _, _)| &keys[s as usize..e as usize] == key)
            };
            if duplicate {
                keys.truncate(start);
            } else {
                forms.push((start as u32, keys.len() as u32, span, stripped));
            }
        };
    push(all, None, 0, false);
    for conj in 0..=1usize {
        if conj == 1 && !matches!(all[0].key, 'و' | 'ف') {
            continue;
        }
        let after_conj = &all[conj..];
        for particle in 0..=1usize {
            if particle == 1
                && !after_conj
                    .first()
                    .is_some_and(|l| matches!(l.key, 'ب' | 'ل' | 'ك' | 'س'))
            {
                continue;
            }
            let after_particle = &after_conj[particle.min(after_conj.len())..];
            let lil = particle == 1
                && after_conj[0].key == 'ل'
                && after_particle.first().is_some_and(|l| l.key == 'ل');
            let (article, stem_start): (Option<&[Letter]>, &[Letter]) = if lil {
                (Some(&after_particle[..1]), &after_particle[1..])
            } else if starts_with(after_particle, "ال") && after_particle.len() > 3 {
                (Some(&after_particle[..2]), &after_particle[2..])
            } else {
                (None, after_particle)
            };
            let stripped = (conj + particle) as u8;
            if stripped > 0 && article.is_none() {
                push(stem_start, None, stripped, false);
            }
            if let Some(article) = article {
                push(stem_start, Some(article), stripped, false);
                push(stem_start, None, stripped + 1, false);
            }
            if article.is_none() {
                for suffix in SUFFIXES.iter().chain(["ي", "ك"].iter()) {
                    // Every suffix is written in two-byte Arabic letters.
                    let n = suffix.len() / 2;
                    if stem_start.len() >= n + 2 {
                        let tail = &stem_start[stem_start.len() - n..];
                        if tail.iter().map(|l| l.key).eq(suffix.chars())
                            && !tail.iter().any(|l| l.ta_marbuta)
                        {
                            let stem = &stem_start[..stem_start.len() - n];
                            push(stem, None, stripped + 1, false);
                            push(stem, None, stripped + 1, true);
                        }
                    }
                }
            }
        }
    }
    // Stable insertion sort by clitics stripped (a handful of forms), as `lookup_forms` sorts.
    for i in 1..forms.len() {
        let mut j = i;
        while j > 0 && forms[j - 1].3 > forms[j].3 {
            forms.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// The clitic analysis of a word, with spans moved to absolute offsets of the text.
pub fn analyze_at(word: &str, offset: usize) -> Clitics {
    let c = analyze(word);
    Clitics {
        conjunction: c.conjunction.map(|s| s.shift(offset)),
        particle: c.particle.map(|s| s.shift(offset)),
        article: c.article.map(|s| s.shift(offset)),
        stem: c.stem.shift(offset),
        suffix: c.suffix.map(|s| s.shift(offset)),
    }
}

/// Whether a normalised word ends in the sound masculine plural or dual suffix (مسلحون،
/// المدنيين، مسلحين): a group of people, not a title one person holds. Five letters at least
/// after the article, so that short words ending in ون / ين (حسين، عيون) are not read as one.
pub fn sound_masculine_plural(key: &str) -> bool {
    let bare = key.strip_prefix("ال").unwrap_or(key);
    bare.chars().count() > 4 && (bare.ends_with("ون") || bare.ends_with("ين"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sound_masculine_plurals() {
        for plural in ["مسلحون", "المدنيين", "مسلحين", "المتظاهرون"] {
            assert!(sound_masculine_plural(plural), "{plural}");
        }
        for other in ["حسين", "الوزير", "القاضي", "عيون"] {
            assert!(!sound_masculine_plural(other), "{other}");
        }
    }

    fn parts(word: &str) -> (Option<&str>, Option<&str>, Option<&str>, &str, Option<&str>) {
        let c = analyze(word);
        let s = |span: Option<Span>| span.map(|s| s.slice(word));
        (
            s(c.conjunction),
            s(c.particle),
            s(c.article),
            c.stem.slice(word),
            s(c.suffix),
        )
    }

    #[test]
    fn splits_conjunction_preposition_article() {
        assert_eq!(
            parts("وبالفصائل"),
            (Some("و"), Some("ب"), Some("ال"), "فصائل", None)
        );
        assert_eq!(
            parts("للصحفيين"),
            (None, Some("ل"), Some("ل"), "صحفيين", None)
        );
        assert_eq!(
            parts("والنظام"),
            (Some("و"), None, Some("ال"), "نظام", None)
        );
        assert_eq!(parts("بدعوته"), (None, Some("ب"), None, "دعوت", Some("ه")));
        assert_eq!(parts("وتوقع"), (Some("و"), None, None, "توقع", None));
    }

    #[test]
    fn leaves_stems_that_only_look_like_clitics() {
        assert_eq!(parts("الفصائل"), (None, None, Some("ال"), "فصائل", None));
        assert_eq!(parts("فصائل"), (None, None, None, "فصائل", None));
        assert_eq!(parts("وزير"), (None, None, None, "وزير", None));
        assert_eq!(parts("بصرى"), (None, None, None, "بصرى", None));
        assert_eq!(parts("لافروف"), (None, None, None, "لافروف", None));
        assert_eq!(parts("المدينة"), (None, None, Some("ال"), "مدينة", None));
        // ta marbuta is never the pronoun ه.
        assert_eq!(parts("مدينة"), (None, None, None, "مدينة", None));
    }

    #[test]
    fn lookup_forms_find_the_dictionary_word() {
        let keys = |w: &str| {
            lookup_forms(w)
                .into_iter()
                .map(|f| f.key)
                .collect::<Vec<_>>()
        };
        let forms = keys("وبالفصائل");
        assert_eq!(forms[0], "وبالفصائل");
        assert!(forms.contains(&"الفصائل".to_string()), "{forms:?}");
        assert!(forms.contains(&"فصائل".to_string()));
        assert!(keys("لروسيا").contains(&"روسيا".to_string()));
        assert!(keys("للصحفيين").contains(&"الصحفيين".to_string()));
        assert!(keys("بدعوته").contains(&"دعوه".to_string()));
        assert!(keys("سيجتمع").contains(&"يجتمع".to_string()));
        // Diacritics and hamza forms do not matter.
        assert!(keys("وَبِالْفَصَائِلِ").contains(&"الفصائل".to_string()));
        assert!(keys("وبإدلب").contains(&normalize_key("إدلب")));
    }

    #[test]
    fn suffixes_are_two_byte_letters() {
        assert!(SUFFIXES.iter().all(|s| s.len() == 2 * s.chars().count()));
    }

    #[test]
    fn a_reused_buffer_gives_the_same_forms_as_a_fresh_one() {
        // lookup_forms uses a fresh buffer; a buffer reused across words must not keep state.
        let mut buffer = FormBuffer::new();
        for word in [
            "وبالفصائل",
            "للصحفيين",
            "لروسيا",
            "بدعوته",
            "سيجتمع",
            "وَبِالْفَصَائِلِ",
            "وبإدلب",
            "الحكومة",
            "فللمدينة",
            "كتابهما",
            "وزيرها",
            "سياحي",
            "ملك",
            "ولل",
            "و",
            "",
            "Daraa",
            "ﻻ",
            "مدينتك",
            "والسعودية",
            "فستكتبونها",
        ] {
            lookup_forms_into(word, &mut buffer);
            assert_eq!(buffer.to_forms(), lookup_forms(word), "{word}");
            assert_eq!(buffer.len(), lookup_forms(word).len());
        }
    }

    #[test]
    fn lookup_form_spans_point_into_the_word() {
        let word = "وبالفصائل";
        let form = lookup_forms(word)
            .into_iter()
            .find(|f| f.key == "الفصائل")
            .unwrap();
        assert_eq!(form.span.slice(word), "الفصائل");
    }
}
