//! The place resolver: spot place names, weigh their gazetteer candidates with evidence from
//! the whole document, and write a [`Place`] on each place entity.
//!
//! Evidence, in the order it is applied:
//! 1. prior: feature type (country > capital > governorate seat > … > neighbourhood) and
//!    population;
//! 2. a cue word before or after the name: محافظة/ريف/province/governorate picks the
//!    first-level region, مدينة/بلدة/city picks the town (Daraa city vs Daraa governorate);
//! 3. the document's dominant country (country names, demonyms, unambiguous places) and
//!    dominant first-level region;
//! 4. containment: "X بريف Y", "X في محافظة Y", "X، Y", "X in Y province", "X, Y": candidates
//!    of X inside the resolved Y win.
//!
//! Names missing from the gazetteer are still reported: when the tagger marked them, or when a
//! known name is followed by an unknown definite word forming a longer name the gazetteer does
//! not have (بصرى الحرير: بصرى is known, as in بصرى الشام, الحرير is not a place), they get the
//! nearest container the document establishes, with a precision that says so.

use super::gazetteer::{Gazetteer, PlaceRecord};
use super::key::{has_letters, letter_count, place_key};
use super::{demonym_key, CountryForm, CountryRef};
use crate::fasthash::FastSet;
use hadath_core::{Analysis, Entity, EntityType, Place, PlacePrecision, Span, Token, TokenKind};
use hadath_language::clitics::{is_arabic_word, lookup_forms, lookup_forms_into, FormBuffer};
use hadath_language::normalize::fold_char;
use std::collections::HashMap;

/// `Entity.source` of place names the resolver spotted itself.
pub const SOURCE_GAZETTEER: &str = "gazetteer";
/// `Entity.source` of country adjectives/demonyms it spotted (الروسية، American): consumers
/// that want locations only can filter these out.
pub const SOURCE_DEMONYM: &str = "gazetteer:demonym";

/// Longest name, in tokens, tried by the spotter.
const MAX_TOKENS: usize = 6;

/// Frequent Arabic words that are also (minor) place names somewhere in GeoNames. Normalised.
const STOP_AR: &[&str] = &[
    "الان",
    "امس",
    "اليوم",
    "غدا",
    "الامن",
    "الوضع",
    "الدوله",
    "المدينه",
    "مدينه",
    "الحرب",
    "السلام",
    "النظام",
    "الشعب",
    "الحكومه",
    "الرئيس",
    "العالم",
    "الدولي",
    "الدوليه",
    "العربيه",
    "العربي",
    "عربي",
    "الاسلام",
    "الاسلاميه",
    "الاسلامي",
    "السياسيه",
    "الوطني",
    "الوطنيه",
    "الشمال",
    "الجنوب",
    "الشرق",
    "الغرب",
    "الوسط",
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "وسط",
    "المنطقه",
    "منطقه",
    "البلد",
    "البلاد",
    "القريه",
    "قريه",
    "ريف",
    "الريف",
    "السوق",
    "سوق",
    "الجبل",
    "جبل",
    "البحر",
    "بحر",
    "النهر",
    "الوادي",
    "وادي",
    "البيت",
    "بيت",
    "الدار",
    "دار",
    "القصر",
    "قصر",
    "المركز",
    "مركز",
    "الجامعه",
    "المسجد",
    "الكعبه",
    "الحرم",
    "العاصمه",
    "الخليج",
    "الخليجي",
    "الخليجيه",
    "الامير",
    "امير",
    "الملك",
    "ملك",
    "الشيخ",
    "شيخ",
    "السيد",
    "الدكتور",
    "الاخوان",
    "الجيش",
    "القوات",
    "قوات",
    "الحرس",
    "الشرطه",
    "المعارضه",
    "الثوره",
    "النصر",
    "نصر",
    "الفتح",
    "فتح",
    "النور",
    "نور",
    "الامل",
    "امل",
    "الحياه",
    "حياه",
    "الخير",
    "خير",
    "الفجر",
    "فجر",
    "الصباح",
    "صباح",
    "المساء",
    "الليل",
    "النهار",
    "الاسبوع",
    "الشهر",
    "العام",
    "عام",
    "السنه",
    "سنه",
    "الجمعه",
    "السبت",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "محمد",
    "احمد",
    "علي",
    "عمر",
    "عثمان",
    "حسن",
    "حسين",
    "عبدالله",
    "عبد الله",
    "خالد",
    "سلمان",
    "فيصل",
    "سعد",
    "سعيد",
    "صالح",
    "ناصر",
    "منصور",
    "عادل",
    "هادي",
    "الحسن",
    "الحسين",
    "العباس",
    "الزهراء",
    "فاطمه",
    "مريم",
    "زينب",
    "الرحمن",
    "الله",
    "رسول",
    "النبي",
    "الصحه",
    "التعليم",
    "الطاقه",
    "الماء",
    "المياه",
    "الكهرباء",
    "النفط",
    "الغاز",
    "الذهب",
    "الحديد",
    "الطريق",
    "طريق",
    "الجسر",
    "جسر",
    "الباب",
    "باب",
    "الساحه",
    "ساحه",
    "الميدان",
    "الحي",
    "حي",
    "الحديقه",
    "المطار",
    "مطار",
    "الميناء",
    "ميناء",
    "المحطه",
    "الشركه",
    "البنك",
    "المجلس",
    "مجلس",
    "الوزير",
    "وزير",
    "اللجنه",
    "الهيئه",
    "الاتحاد",
    "الوحده",
    "وحده",
    "الحريه",
    "حريه",
    "العداله",
    "الكرامه",
    "كرامه",
    "العزه",
    "الشهداء",
    "شهداء",
    "الشهيد",
    "الجديد",
    "الجديده",
    "جديد",
    "جديده",
    "القديم",
    "القديمه",
    "الكبير",
    "الكبري",
    "كبير",
    "الصغير",
    "الصغري",
    "الاول",
    "الاولي",
    "الثاني",
    "الثانيه",
    "الثالث",
    "الاخر",
    "الاخري",
    "العام",
    "الخاص",
    "العليا",
    "الاعلي",
    "الاسفل",
    "الابيض",
    "الاحمر",
    "الاخضر",
    "الاسود",
    "الازرق",
    "الذي",
    "التي",
    "الذين",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "هناك",
    "هنا",
    "حيث",
    "بين",
    "بعد",
    "قبل",
    "حتي",
    "عند",
    "منذ",
    "خلال",
    "حول",
    "ضد",
    "مع",
    "الي",
    "علي",
    "عن",
    "من",
    "في",
    "قد",
    "لقد",
    "كان",
    "كانت",
    "يكون",
    "تكون",
    "ليس",
    "غير",
    "كل",
    "بعض",
    "جميع",
    "اكثر",
    "اقل",
    "اول",
    "اخر",
    "مصدر",
    "مصادر",
    "المصدر",
    "المصادر",
    "الناطق",
    "المتحدث",
    "المتحدثه",
    "وكاله",
    "الوكاله",
    "قناه",
    "القناه",
    "صحيفه",
    "الصحيفه",
    "موقع",
    "الموقع",
    "تقرير",
    "التقرير",
    "بيان",
    "البيان",
    "الخارجيه",
    "الداخليه",
    "الدفاع",
    "العدل",
    "الماليه",
    "الاعلام",
    "الثقافه",
    "الرياضه",
    "الهلال",
    "النصر",
    "الاتحاد",
    "الاهلي",
    "الشباب",
    "الفيصلي",
    "التعاون",
    "الرائد",
    "الفتح",
    "الوحده",
    "الخليج",
    "الاتفاق",
    "القادسيه",
    "الطائي",
    "الباطن",
    "الحزم",
    "الفيحاء",
    "عرعر",
    "اسلام",
    "ايمان",
    "الايمان",
    "السعاده",
    "سعاده",
    "الرحمه",
    "رحمه",
    "البركه",
    "بركه",
    "السلامه",
    "سلامه",
    "العافيه",
    "النعيم",
    "الجنه",
    "جنه",
    "الخضراء",
    "الزرقاء",
    "البيضاء",
    "الحمراء",
    "السوداء",
    "المنار",
    "منار",
    "القدس",
    "الاقصي",
    "الحجاز",
    "نجد",
    "المشرق",
    "المغرب العربي",
    "المحيط",
    "العرب",
    "عرب",
    "الكرد",
    "الاكراد",
    "الترك",
    "الفرس",
    "العجم",
    "الروم",
    "الاخوه",
    "الاسره",
    "العائله",
    "عائله",
    "اسره",
    "القبيله",
    "قبيله",
    "العشيره",
    "البدو",
    "الحضر",
    "الزعيم",
    "القائد",
    "قائد",
    "الحاكم",
    "حاكم",
    "القاضي",
    "قاضي",
    "المفتي",
    "الامام",
    "امام",
    "الشريف",
    "شريف",
    "الحكيم",
    "حكيم",
    "الصادق",
    "الامين",
    "امين",
    "العلم",
    "علم",
    "الفن",
    "فن",
    "الادب",
    "ادب",
    "الشعر",
    "شعر",
    "الفكر",
    "فكر",
    "التاريخ",
    "تاريخ",
    "حلف",
    "الحلف",
    "ولي",
    "ولي العهد",
    "الولي",
    "العهد",
    "عهد",
    "قرار",
    "القرار",
    "حل",
    "الحل",
];

/// Regions larger than a country, or with no one boundary (continents, seas, "the Gulf", "the
/// Middle East"). The cities500 gazetteer has none of them, and any small place sharing the name
/// (a village called الخليج) is not what a story means, so they are never spotted and a tagged
/// one is never given the document's region: they stay unresolved places. Spellings that
/// differ only in hamza or alef forms are one key (أوروبا، اوروبا).
const MACRO_REGIONS: &[&str] = &[
    "الشرق الأوسط",
    "الشرق الأدنى",
    "الخليج",
    "الخليج العربي",
    "الخليج الفارسي",
    "منطقة الخليج",
    "دول الخليج",
    "أوروبا",
    "أوربا",
    "آسيا",
    "أفريقيا",
    "القارة الأفريقية",
    "القارة الأوروبية",
    "القارة الآسيوية",
    "آسيا الوسطى",
    "جنوب شرق آسيا",
    "شرق آسيا",
    "أوروبا الشرقية",
    "أوروبا الغربية",
    "أمريكا اللاتينية",
    "أميركا اللاتينية",
    "أمريكا الشمالية",
    "أمريكا الجنوبية",
    "أميركا الجنوبية",
    "البحر الأحمر",
    "البحر المتوسط",
    "البحر الأبيض المتوسط",
    "المتوسط",
    "البحر الأسود",
    "بحر العرب",
    "المحيط الهندي",
    "المحيط الأطلسي",
    "المحيط الهادئ",
    "الجزيرة العربية",
    "شبه الجزيرة العربية",
    "العالم العربي",
    "الوطن العربي",
    "العالم الإسلامي",
    "المغرب العربي",
    "شمال أفريقيا",
    "بلاد الشام",
    "الشام",
    "المشرق",
    "المشرق العربي",
    "الشرق",
    "الغرب",
    "البلقان",
    "القوقاز",
    "الساحل",
    "منطقة الساحل",
    "القرن الأفريقي",
    "المنطقة",
    "العالم",
    "Middle East",
    "Near East",
    "Gulf",
    "Persian Gulf",
    "Arabian Gulf",
    "Europe",
    "Asia",
    "Africa",
    "Latin America",
    "North Africa",
    "Central Asia",
    "Red Sea",
    "Mediterranean",
    "Black Sea",
    "Arabian Peninsula",
    "Levant",
    "Balkans",
    "Caucasus",
    "Sahel",
    "Horn of Africa",
];

/// True when `name` (any spelling, with or without a leading و/ف/ب/ل, or "the") is one of
/// [`MACRO_REGIONS`].
fn is_macro_region(name: &str) -> bool {
    static KEYS: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    let keys = KEYS.get_or_init(|| MACRO_REGIONS.iter().map(|n| place_key(n)).collect());
    let key = place_key(name);
    if keys.contains(&key) {
        return true;
    }
    let key = key.strip_prefix("the ").unwrap_or(&key);
    if keys.contains(key) {
        return true;
    }
    // One proclitic (والخليج، بالشرق الأوسط، للمنطقة: the article of لل comes back).
    let mut chars = key.chars();
    match chars.next() {
        Some('و' | 'ف' | 'ب') => keys.contains(chars.as_str()),
        Some('ل') => {
            let rest = chars.as_str();
            keys.contains(rest) || (rest.starts_with('ل') && keys.contains(&format!("ا{rest}")))
        }
        _ => false,
    }
}

/// Frequent English capitalised words that are also minor place names.
const STOP_EN: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "of",
    "and",
    "or",
    "but",
    "he",
    "she",
    "it",
    "we",
    "they",
    "his",
    "her",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "mr",
    "mrs",
    "president",
    "minister",
    "king",
    "prince",
    "police",
    "army",
    "state",
    "city",
    "university",
    "news",
    "said",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "god",
    "islamic",
    "arab",
    "un",
    "eu",
    "us",
    "nato",
    "reuters",
    "ap",
    "afp",
    "al",
    "el",
    "as",
    "by",
    "for",
    "from",
    "with",
    "to",
    "after",
    "before",
    "new",
    "victoria",
    "hope",
    "union",
    "council",
    "security",
    "national",
    "central",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "government",
    "regime",
    "opposition",
];

/// Words after a single known name that do not start a longer name (بصرى الحرير does; دمشق
/// الدولي, as in مطار دمشق الدولي, does not).
const NOT_NAME_CONTINUATION: &[&str] = &[
    "الدولي",
    "الدوليه",
    "الكبري",
    "الكبير",
    "الجديده",
    "الجديد",
    "القديمه",
    "القديم",
    "الشمالي",
    "الجنوبي",
    "الشرقي",
    "الغربي",
    "الشماليه",
    "الجنوبيه",
    "الشرقيه",
    "الغربيه",
    "المحتله",
    "العاصمه",
    "المركزي",
    "المركزيه",
    "الرسمي",
    "الرسميه",
    "الوطني",
    "الوطنيه",
    "اليوم",
    "امس",
    "الان",
    "الذي",
    "التي",
    "الذين",
    "الحاليه",
    "الحالي",
    "المحاصره",
    "المحاصر",
    "المجاوره",
    "الكبري",
    "العسكري",
    "العسكريه",
    "الامنيه",
    "الحكومي",
    "المدني",
    "الاخيره",
    "الاخير",
];

/// Cue words before a name (normalised, clitics stripped) meaning "the region of".
const ADMIN_CUES: &[&str] = &[
    "محافظه",
    "ريف",
    "ولايه",
    "اقليم",
    "منطقه",
    "governorate",
    "province",
];
/// Cue words before a name meaning "the town of".
const CITY_CUES: &[&str] = &[
    "مدينه",
    "بلده",
    "قريه",
    "بلدات",
    "مدن",
    "قري",
    "town",
    "city",
    "village",
];
/// Words allowed between a place and its container ("X بريف Y", "X in Y province").
const CONNECTORS_AR: &[&str] = &[
    "في",
    "ريف",
    "محافظه",
    "مدينه",
    "قرب",
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "شمالي",
    "جنوبي",
    "شرقي",
    "غربي",
    "التابعه",
    "منطقه",
    "ناحيه",
    "قضاء",
    "بلده",
    "اقليم",
    "ولايه",
    "بالقرب",
    "من",
    "مركز",
];
const CONNECTORS_EN: &[&str] = &[
    "in",
    "near",
    "of",
    "the",
    "province",
    "governorate",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "outside",
    "city",
    "countryside",
    "rural",
    "district",
];

/// Direction words that make "جنوب سورية" / "southern Syria" a region of a country.
const DIRECTIONS: &[(&str, &str, &str, f64, f64)] = &[
    // key, English adjective, Arabic, relative latitude, relative longitude in the extent
    ("جنوب", "southern", "جنوب", 0.2, 0.5),
    ("جنوبي", "southern", "جنوب", 0.2, 0.5),
    ("الجنوب", "southern", "جنوب", 0.2, 0.5),
    ("شمال", "northern", "شمال", 0.8, 0.5),
    ("شمالي", "northern", "شمال", 0.8, 0.5),
    ("الشمال", "northern", "شمال", 0.8, 0.5),
    ("شرق", "eastern", "شرق", 0.5, 0.8),
    ("شرقي", "eastern", "شرق", 0.5, 0.8),
    ("الشرق", "eastern", "شرق", 0.5, 0.8),
    ("غرب", "western", "غرب", 0.5, 0.2),
    ("غربي", "western", "غرب", 0.5, 0.2),
    ("الغرب", "western", "غرب", 0.5, 0.2),
    ("وسط", "central", "وسط", 0.5, 0.5),
    ("southern", "southern", "جنوب", 0.2, 0.5),
    ("south", "southern", "جنوب", 0.2, 0.5),
    ("northern", "northern", "شمال", 0.8, 0.5),
    ("north", "northern", "شمال", 0.8, 0.5),
    ("eastern", "eastern", "شرق", 0.5, 0.8),
    ("east", "eastern", "شرق", 0.5, 0.8),
    ("western", "western", "غرب", 0.5, 0.2),
    ("west", "western", "غرب", 0.5, 0.2),
    ("central", "central", "وسط", 0.5, 0.5),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    None,
    Admin,
    City,
}

#[derive(Debug, Clone)]
struct Mention {
    span: Span,
    sentence: usize,
    /// Global token indices [first, end).
    tokens: (usize, usize),
    entity: Option<usize>,
    /// Overlaps an entity of another stage that is not a place: evidence only, never emitted.
    shadowed: bool,
    candidates: Vec<u32>,
    country: Option<(&'static CountryRef, CountryForm)>,
    cue: Cue,
    /// Index into [`DIRECTIONS`] for "جنوب سورية".
    direction: Option<usize>,
    /// A name the gazetteer lacks.
    unknown: bool,
    /// One of [`MACRO_REGIONS`]: unknown, and never given the document's region.
    macro_region: bool,
    container: Option<usize>,
    chosen: Option<u32>,
}

/// Fills `Entity.place` on GPE/LOC entities and adds the place entities it spots. Sentences
/// that repeat an earlier one (`repeat_of`) are skipped. A name spotted inside another entity
/// (a tagged ORG, or a named organisation of the actor dictionary added before this stage by
/// [`crate::actors::name_organisations`]) is not emitted.
pub fn resolve_places(analysis: &mut Analysis, gazetteer: &Gazetteer) {
    let text = analysis.text().to_string();
    let fresh: Vec<usize> = analysis.fresh_sentences().map(|(i, _)| i).collect();
    let mut mentions: Vec<Mention> = Vec::new();
    let mut forms = FormBuffer::new();
    // Words of this document already found to start no name, whatever follows them.
    let mut misses: FastSet<&str> = FastSet::default();
    for &s in &fresh {
        let start = analysis.tokens.partition_point(|t| t.sentence < s);
        let end = analysis.tokens.partition_point(|t| t.sentence <= s);
        spot(
            &text,
            &analysis.tokens,
            start,
            end,
            s,
            gazetteer,
            &mut forms,
            &mut misses,
            &mut mentions,
        );
    }
    attach_entities(analysis, &fresh, gazetteer, &mut mentions);
    find_containers(&text, &analysis.tokens, &mut mentions);
    rank(gazetteer, &fresh, &mut mentions);
    write(analysis, gazetteer, &mentions);
}

/// Lookup keys for the first token: the whole word, then with proclitics stripped (never
/// suffixes: a place name does not carry a pronoun), each with the byte where the key starts.
/// False when no lookup key of the token (see [`first_forms`]) can start a stored name: a
/// cheap test on every word (a bit filter, rarely a false `true`) before the forms are looked
/// up one by one.
fn may_start_name(
    text: &str,
    t: &Token,
    g: &Gazetteer,
    forms: &mut FormBuffer,
    scratch: &mut Scratch,
) -> bool {
    let w = t.span.slice(text);
    if !is_arabic_word(w) {
        // Latin words are rare here; their keys may hold spaces. Let the full test run.
        return true;
    }
    if !any_suffix_may_start(w, g, scratch) {
        return false;
    }
    lookup_forms_into(w, forms);
    forms.iter().any(|f| {
        f.span.end == w.len()
            && has_letters(f.key, 3)
            && g.may_start_name(f.key)
            && !w[..f.span.start].contains(['ك', 'س'])
    })
}

/// Buffers for [`any_suffix_may_start`].
#[derive(Default)]
struct Scratch {
    folded: String,
    /// Byte offset in `folded` of each letter.
    starts: Vec<usize>,
    key: String,
}

/// False when no key of [`first_forms`] can pass [`Gazetteer::may_start_name`]. Those keys
/// (see `lookup_forms`: whole word; conjunction, preposition, article stripped; article kept)
/// are all the folded word from where its clitics may end (one of its first five letters), or
/// ال before the letters after a لل; this tests all of those, a superset, without building the
/// forms.
fn any_suffix_may_start(w: &str, g: &Gazetteer, scratch: &mut Scratch) -> bool {
    let Scratch {
        folded,
        starts,
        key,
    } = scratch;
    folded.clear();
    starts.clear();
    for c in w.chars() {
        if let Some(k) = fold_char(c) {
            starts.push(folded.len());
            folded.push(k);
        }
    }
    // Letter `k` of the folded word, if any.
    let letter = |k: usize| -> char {
        starts
            .get(k)
            .and_then(|&at| folded[at..].chars().next())
            .unwrap_or('\0')
    };
    let conj = |c: char| matches!(c, 'و' | 'ف');
    let particle = |c: char| matches!(c, 'ب' | 'ل' | 'ك' | 'س');
    let article = |k: usize| letter(k) == 'ا' && letter(k + 1) == 'ل';
    let lil = |k: usize| letter(k) == 'ل' && letter(k + 1) == 'ل';
    // Where a key can begin: after [conjunction][particle][article (ال, or the second ل of لل)].
    let (l0, l1) = (letter(0), letter(1));
    let possible = [
        true,
        conj(l0) || particle(l0),
        (conj(l0) && particle(l1)) || article(0) || lil(0),
        ((conj(l0) || particle(l0)) && article(1)) || (conj(l0) && lil(1)),
        conj(l0) && particle(l1) && article(2),
    ];
    for p in 0..starts.len().min(5) {
        if !possible[p] {
            continue;
        }
        let rest = &folded[starts[p]..];
        if g.may_start_name(rest) {
            return true;
        }
        if p >= 2 && &folded[starts[p - 2]..starts[p]] == "لل" {
            key.clear();
            key.push_str("ال");
            key.push_str(rest);
            if g.may_start_name(key) {
                return true;
            }
        }
    }
    false
}

fn first_forms(text: &str, t: &Token) -> Vec<(String, usize)> {
    let w = t.span.slice(text);
    if is_arabic_word(w) {
        // Only و/ف, ب/ل and the article come off a place name: ك ("like") and the future
        // marker س turn كريم into ريم (Rome) and سأل into ال.
        lookup_forms(w)
            .into_iter()
            .filter(|f| f.span.end == w.len())
            .filter(|f| !w[..f.span.start].contains(['ك', 'س']))
            .map(|f| (f.key, t.span.start + f.span.start))
            .collect()
    } else if w.chars().next().is_some_and(char::is_uppercase) {
        vec![(place_key(w), t.span.start)]
    } else {
        Vec::new()
    }
}

/// The committed stoplist (`data/gazetteer/stoplist.txt`), normalised once.
fn stoplist() -> &'static std::collections::HashSet<String> {
    static ONCE: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    ONCE.get_or_init(|| {
        include_str!("../../../../data/gazetteer/stoplist.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(place_key)
            .chain(STOP_AR.iter().chain(STOP_EN).map(|s| s.to_string()))
            .collect()
    })
}

fn is_stop(key: &str) -> bool {
    stoplist().contains(key)
}

/// A word any of whose forms is a stopword is never the start of a one-word name: الدولة is
/// stopped, so its form دوله must not match either.
fn word_is_stop(text: &str, t: &Token) -> bool {
    let w = t.span.slice(text);
    is_stop(&place_key(w))
        || (is_arabic_word(w)
            && lookup_forms(w)
                .iter()
                .filter(|f| f.span.end == w.len())
                .any(|f| is_stop(&f.key)))
}

#[allow(clippy::too_many_arguments)]
fn spot<'a>(
    text: &'a str,
    tokens: &[Token],
    start: usize,
    end: usize,
    sentence: usize,
    g: &Gazetteer,
    forms: &mut FormBuffer,
    misses: &mut FastSet<&'a str>,
    out: &mut Vec<Mention>,
) {
    let mut scratch = Scratch::default();
    let mut i = start;
    while i < end {
        let t = &tokens[i];
        if t.kind != TokenKind::Word || misses.contains(t.span.slice(text)) {
            i += 1;
            continue;
        }
        if !may_start_name(text, t, g, forms, &mut scratch) {
            misses.insert(t.span.slice(text));
            i += 1;
            continue;
        }
        let mut found: Option<Mention> = None;
        // True while the outcome depends on this word's text only (no longer name was tried).
        let mut alone = true;
        // The forms of `first_forms` that can start a stored name (the others match nothing).
        let starts: Vec<(String, usize)> = if is_arabic_word(t.span.slice(text)) {
            let w = t.span.slice(text);
            forms
                .iter()
                .filter(|f| {
                    f.span.end == w.len()
                        && !w[..f.span.start].contains(['ك', 'س'])
                        && g.starts_name(f.key)
                })
                .map(|f| (f.key.to_string(), t.span.start + f.span.start))
                .collect()
        } else {
            first_forms(text, t)
        };
        'forms: for (form, form_start) in starts {
            if !has_letters(&form, 3) {
                continue;
            }
            // Longest match: extend over following words (and hyphens/apostrophes inside Latin
            // names) while some stored key still starts with what we have.
            let mut best: Option<(usize, String)> = None;
            let mut key = form.clone();
            let mut j = i + 1;
            loop {
                let hit = !is_stop(&key)
                    && (g.contains_key(&key) || demonym_key(&key).is_some())
                    && !is_macro_region(&key);
                if hit {
                    best = Some((j, key.clone()));
                }
                let last = j >= end || j - i >= MAX_TOKENS;
                if last || !g.has_prefix(&format!("{key} ")) {
                    // Only a word that could not go on whatever follows is decided by its text.
                    alone &= !last && j == i + 1;
                    break;
                }
                alone = false;
                let next = &tokens[j];
                let next_text = next.span.slice(text);
                if next.kind != TokenKind::Word {
                    if matches!(next_text, "-" | "'" | "’") && j + 1 < end {
                        j += 1;
                        continue;
                    }
                    break;
                }
                let prefix_end = tokens[i].span.start;
                let _ = prefix_end;
                key = place_key(&format!("{key} {next_text}"));
                j += 1;
            }
            if let Some((j, key)) = best {
                // The article belongs to the name phrase (الروسية، الرقة) even when the key
                // matched without it; conjunctions and prepositions do not.
                let mut form_start = form_start;
                let before = &text[t.span.start..form_start];
                if before.ends_with("ال") {
                    form_start -= "ال".len();
                }
                let span = Span::new(form_start, tokens[j - 1].span.end);
                let mut candidates = g.lookup_key(&key);
                // A one-word Arabic match far from the region hadath reads is more often a
                // common word or a first name (سيرجي → Cergy, أمن → Emmen) than that town:
                // keep such candidates only when large, regional, or a country/region.
                if j == i + 1 && word_is_stop(text, t) {
                    continue;
                }
                if j == i + 1 && is_arabic_word(t.span.slice(text)) {
                    candidates.retain(|&c| {
                        // As `PlaceRecord::is_country` / `is_admin1`, without the coordinates.
                        let (country, feature, population) = g.brief(c);
                        feature.starts_with("PCL")
                            || feature == "TERR"
                            || feature == "ADM1"
                            || super::build::MENA.contains(&country)
                            || population >= 100_000
                    });
                    if candidates.is_empty() && demonym_key(&key).is_none() {
                        continue;
                    }
                }
                let country = demonym_key(&key);
                found = Some(Mention {
                    span,
                    sentence,
                    tokens: (i, j),
                    entity: None,
                    shadowed: false,
                    candidates,
                    country,
                    cue: Cue::None,
                    direction: None,
                    unknown: false,
                    macro_region: false,
                    container: None,
                    chosen: None,
                });
                break 'forms;
            }
        }
        let Some(mut m) = found else {
            if alone {
                misses.insert(t.span.slice(text));
            }
            i += 1;
            continue;
        };
        let (_, j) = m.tokens;
        m.cue = cue_before(text, tokens, start, i).unwrap_or(cue_after(text, tokens, j, end));
        m.direction = direction_before(text, tokens, start, i, &m, g);
        if let Some(d) = m.direction {
            // The region phrase covers the direction word: "جنوب سورية".
            let _ = d;
            let prev = &tokens[i - 1];
            let w = prev.span.slice(text);
            let from = if is_arabic_word(w) {
                lookup_forms(w)
                    .into_iter()
                    .find(|f| DIRECTIONS.iter().any(|d| d.0 == f.key))
                    .map_or(prev.span.start, |f| prev.span.start + f.span.start)
            } else {
                prev.span.start
            };
            m.span = Span::new(from, m.span.end);
        }
        // A known single word followed by an unknown definite word, when the gazetteer has
        // longer names starting with that word: a place it lacks (بصرى الحرير).
        if j == i + 1 && j < end && m.country.is_none() && !m.candidates.is_empty() {
            let next = &tokens[j];
            let nk = place_key(next.span.slice(text));
            let only_regions = m
                .candidates
                .iter()
                .all(|&c| g.record(c).is_country() || g.record(c).is_admin1());
            let first_key = place_key(&text[m.span.start..tokens[i].span.end]);
            if next.kind == TokenKind::Word
                && nk.starts_with("ال")
                && letter_count(&nk) >= 5
                && !only_regions
                && !NOT_NAME_CONTINUATION.contains(&nk.as_str())
                // A nominative plural participle is the subject of a verb that happens to be
                // a place name too (سار المتظاهرون، قال المسلحون), not a name's second word.
                && !(nk.starts_with("الم") && nk.ends_with("ون"))
                && !is_stop(&nk)
                && !g.contains_key(&nk)
                && demonym_key(&nk).is_none()
                && g.has_prefix(&format!("{first_key} "))
            {
                m.span = Span::new(m.span.start, next.span.end);
                m.tokens = (i, j + 1);
                m.candidates.clear();
                m.unknown = true;
            }
        }
        // The same in English transliteration: a known single word followed by an Arabic
        // article and a capitalised word ("Busra al-Harir", not Basrah; "Ras al-Ain") is the
        // start of a name the gazetteer lacks.
        let (_, j) = m.tokens;
        if j == i + 1 && m.country.is_none() && !m.candidates.is_empty() {
            let word_at = |k: usize| tokens.get(k).filter(|_| k < end);
            let article = word_at(j).filter(|n| {
                n.kind == TokenKind::Word
                    && LATIN_ARTICLES.contains(&n.span.slice(text).to_ascii_lowercase().as_str())
            });
            let hyphen = word_at(j + 1).is_some_and(|n| n.span.slice(text) == "-");
            let name = word_at(if hyphen { j + 2 } else { j + 1 }).filter(|n| {
                n.kind == TokenKind::Word
                    && n.span
                        .slice(text)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
            });
            if let (Some(_), Some(name)) = (article, name) {
                let full = place_key(&text[m.span.start..name.span.end]);
                if !g.contains_key(&full) {
                    let k = if hyphen { j + 3 } else { j + 2 };
                    m.span = Span::new(m.span.start, name.span.end);
                    m.tokens = (i, k);
                    m.candidates.clear();
                    m.unknown = true;
                }
            }
        }
        i = m.tokens.1;
        out.push(m);
    }
}

/// Arabic articles as English transliterates them ("al-Harir", "ash Sham", "el-Arish").
const LATIN_ARTICLES: &[&str] = &[
    "al", "el", "ash", "as", "ad", "ar", "an", "at", "az", "adh", "ath", "aj",
];

fn token_keys(text: &str, t: &Token) -> Vec<String> {
    let w = t.span.slice(text);
    if is_arabic_word(w) {
        lookup_forms(w)
            .into_iter()
            .filter(|f| f.span.end == w.len() && f.span.start <= 2)
            .map(|f| f.key)
            .collect()
    } else {
        vec![place_key(w)]
    }
}

fn cue_before(text: &str, tokens: &[Token], start: usize, i: usize) -> Option<Cue> {
    if i == start {
        return None;
    }
    let keys = token_keys(text, &tokens[i - 1]);
    if keys.iter().any(|k| ADMIN_CUES.contains(&k.as_str())) {
        return Some(Cue::Admin);
    }
    if keys.iter().any(|k| CITY_CUES.contains(&k.as_str())) {
        return Some(Cue::City);
    }
    None
}

fn cue_after(text: &str, tokens: &[Token], j: usize, end: usize) -> Cue {
    if j >= end {
        return Cue::None;
    }
    match place_key(tokens[j].span.slice(text)).as_str() {
        "province" | "governorate" | "countryside" | "region" => Cue::Admin,
        "city" | "town" | "village" => Cue::City,
        _ => Cue::None,
    }
}

/// "جنوب سورية", "southern Syria", "الجنوب السوري": a direction word before a country name (or
/// before a masculine demonym, for the adjectival form).
fn direction_before(
    text: &str,
    tokens: &[Token],
    start: usize,
    i: usize,
    m: &Mention,
    g: &Gazetteer,
) -> Option<usize> {
    if i == start {
        return None;
    }
    let is_country = match m.country {
        Some((_, CountryForm::Name)) => true,
        Some((_, CountryForm::Demonym)) => false,
        None => m.candidates.iter().any(|&c| g.record(c).is_country()),
    };
    let adjectival = matches!(m.country, Some((_, CountryForm::Demonym)));
    if !is_country && !adjectival {
        return None;
    }
    let keys = token_keys(text, &tokens[i - 1]);
    DIRECTIONS.iter().position(|d| {
        keys.iter().any(|k| k == d.0)
            && (is_country || d.0.starts_with("ال"))
            && (!adjectival || d.0.starts_with("ال"))
    })
}

/// Links the tagger's GPE/LOC entities to spotted mentions, adds mentions for the ones the
/// gazetteer does not know, and marks spotted names inside other entities as evidence only.
///
/// Inside a named organisation of the actor dictionary (entities of source
/// [`crate::actors::SOURCE_ACTORS`], added before this stage by
/// [`crate::actors::name_organisations`]) a spotted name is never emitted either, and it is
/// evidence only when it names a country ("Free Syrian Army", "قوات سوريا الديمقراطية": where
/// the organisation belongs). Any other gazetteer reading of an organisation's words is a
/// coincidence of names, not a place the story mentions: "White House" is an alternate name of
/// Casablanca, "Taliban" of a Turkish village, "فيلق القدس" is not in Jerusalem; counted, it
/// would pull the document's other places towards that country. A tagged GPE/LOC the
/// organisation overlaps keeps its place: that is the tagger's reading, linked first.
fn attach_entities(
    analysis: &Analysis,
    fresh: &[usize],
    g: &Gazetteer,
    mentions: &mut Vec<Mention>,
) {
    // Spotted names that are part of a dictionary organisation's name and not a country.
    let mut dropped: Vec<usize> = Vec::new();
    for (e, entity) in analysis.entities.iter().enumerate() {
        let in_fresh = analysis
            .tokens
            .iter()
            .find(|t| t.span.overlaps(entity.span))
            .is_some_and(|t| fresh.contains(&t.sentence));
        let is_place = matches!(entity.kind, EntityType::GPE | EntityType::LOC);
        let inside: Vec<usize> = (0..mentions.len())
            .filter(|&m| mentions[m].span.overlaps(entity.span))
            .collect();
        if !is_place && entity.source == crate::actors::SOURCE_ACTORS {
            for m in inside {
                let mention = &mut mentions[m];
                if mention.entity.is_some() {
                    continue;
                }
                mention.shadowed = true;
                let country = mention.country.is_some()
                    || mention.candidates.iter().any(|&c| g.record(c).is_country());
                if !country {
                    dropped.push(m);
                }
            }
            continue;
        }
        if !is_place {
            for m in inside {
                mentions[m].shadowed = true;
            }
            continue;
        }
        if !in_fresh || entity.place.is_some() {
            for m in inside {
                mentions[m].shadowed = true;
            }
            continue;
        }
        match inside.first() {
            Some(&first) => {
                mentions[first].entity = Some(e);
                for &m in &inside[1..] {
                    mentions[m].shadowed = true;
                }
            }
            None => {
                let first = analysis
                    .tokens
                    .iter()
                    .position(|t| t.span.overlaps(entity.span))
                    .unwrap_or(0);
                let last = analysis
                    .tokens
                    .iter()
                    .rposition(|t| t.span.overlaps(entity.span))
                    .map_or(first + 1, |l| l + 1);
                // The spotter skips stoplisted words and small foreign places named by one
                // Arabic word; the tagger says this is a place, so its name is looked up as is.
                let name = entity.span.slice(&analysis.document.text);
                let macro_region = is_macro_region(name);
                let (candidates, country) = if macro_region {
                    (Vec::new(), None)
                } else {
                    tagged_name_candidates(name, g)
                };
                mentions.push(Mention {
                    span: entity.span,
                    sentence: analysis.tokens.get(first).map_or(0, |t| t.sentence),
                    tokens: (first, last),
                    entity: Some(e),
                    shadowed: false,
                    unknown: candidates.is_empty() && country.is_none(),
                    macro_region,
                    candidates,
                    country,
                    cue: Cue::None,
                    direction: None,
                    container: None,
                    chosen: None,
                });
            }
        }
    }
    if !dropped.is_empty() {
        let mut index = 0;
        mentions.retain(|m| {
            index += 1;
            m.entity.is_some() || !dropped.contains(&(index - 1))
        });
    }
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
}

/// Gazetteer candidates for a tagged place name no spotted mention covers (not a macro region:
/// the caller checks): the whole name,
/// else (one Arabic word) its forms without و/ف, ب/ل and the article, as the spotter strips
/// them. The stoplist and the one-word population filter do not apply: they guard the
/// spotter against common words, and here the tagger has read the word as a place.
fn tagged_name_candidates(
    name: &str,
    g: &Gazetteer,
) -> (Vec<u32>, Option<(&'static CountryRef, CountryForm)>) {
    let key = place_key(name);
    let found = g.lookup_key(&key);
    if !found.is_empty() || demonym_key(&key).is_some() {
        return (found, demonym_key(&key));
    }
    if !name.contains(' ') && is_arabic_word(name) {
        for f in lookup_forms(name)
            .into_iter()
            .filter(|f| f.span.end == name.len() && !name[..f.span.start].contains(['ك', 'س']))
        {
            if !has_letters(&f.key, 3) {
                continue;
            }
            let found = g.lookup_key(&f.key);
            if !found.is_empty() || demonym_key(&f.key).is_some() {
                return (found, demonym_key(&f.key));
            }
        }
    }
    (Vec::new(), None)
}

/// "X بريف Y", "X في محافظة Y", "X، Y", "X in Y province", "X, Y": Y contains X.
fn find_containers(text: &str, tokens: &[Token], mentions: &mut [Mention]) {
    for a in 0..mentions.len() {
        let b = a + 1;
        if b >= mentions.len() || mentions[a].sentence != mentions[b].sentence {
            continue;
        }
        let (from, to) = (mentions[a].tokens.1, mentions[b].tokens.0);
        if to < from || to - from > 4 {
            continue;
        }
        let mut linked = to > from;
        for t in &tokens[from..to] {
            let w = t.span.slice(text);
            let ok = match t.kind {
                TokenKind::Punctuation => matches!(w, "،" | ","),
                TokenKind::Word => {
                    let k = place_key(w);
                    if is_arabic_word(w) {
                        // No conjunction: "X وفي Y" lists two places, it does not nest them.
                        !k.starts_with('و')
                            && (CONNECTORS_AR.contains(&k.as_str())
                                || (k.starts_with('ب') || k.starts_with('ل'))
                                    && CONNECTORS_AR.contains(&&k[2..]))
                    } else {
                        CONNECTORS_EN.contains(&k.as_str())
                    }
                }
                _ => false,
            };
            linked &= ok;
        }
        // Directly adjacent with a preposition glued on: "بصرى الحرير بدرعا"; or a place and
        // the nationality adjective that says whose it is: "سوروتش التركية", "طرابلس اللبنانية".
        if to == from {
            let w = tokens[to].span.slice(text);
            linked = (is_arabic_word(w)
                && mentions[b].span.start > tokens[to].span.start
                && w.starts_with('ب'))
                || (mentions[b].country.is_some() && mentions[a].country.is_none());
        }
        if linked && mentions[b].direction.is_none() {
            mentions[a].container = Some(b);
        }
    }
}

fn prior(r: &PlaceRecord) -> f64 {
    let feature = match r.feature {
        f if f.starts_with("PCL") => 12.0,
        "PPLC" => 7.0,
        "PPLA" => 6.0,
        "ADM1" => 4.0,
        "PPLA2" => 4.0,
        "PPLA3" | "PPLA4" | "PPLA5" => 2.5,
        "PPL" | "PPLG" | "PPLS" => 1.5,
        "PPLX" | "PPLL" | "PPLF" | "PPLR" | "STLMT" => 0.5,
        "PPLH" | "PPLQ" | "PPLW" | "PPLCH" => -2.0,
        _ => 1.0,
    };
    feature + ((r.population + 1) as f64).log10()
}

fn country_of(m: &Mention, g: &Gazetteer) -> Option<String> {
    if let Some((c, _)) = m.country {
        return Some(c.iso2.clone());
    }
    let mut cs = m.candidates.iter().map(|&c| g.record(c).country);
    let first = cs.next()?;
    cs.all(|c| c == first).then(|| first.to_string())
}

/// `fresh`: the sentences read (repeats left out), in order; "the sentence before" is the
/// previous one of these.
fn rank(g: &Gazetteer, fresh: &[usize], mentions: &mut [Mention]) {
    // Document evidence: countries named, qualified or unambiguous.
    let mut countries: HashMap<String, f64> = HashMap::new();
    for m in mentions.iter() {
        if let Some(c) = country_of(m, g) {
            let w = match m.country {
                Some((_, CountryForm::Demonym)) => 0.25,
                _ => 1.0,
            };
            *countries.entry(c).or_default() += w;
        }
    }
    let total: f64 = countries.values().sum::<f64>().max(1.0);
    let score = |m: &Mention,
                 r: &PlaceRecord,
                 admin: &HashMap<String, f64>,
                 admin_total: f64,
                 container: Option<PlaceRecord>|
     -> f64 {
        let mut s = prior(r);
        match m.cue {
            Cue::Admin if r.is_admin1() => s += 10.0,
            Cue::Admin => s -= 2.0,
            Cue::City if r.is_admin1() || r.is_country() => s -= 10.0,
            _ => {}
        }
        s += 6.0 * countries.get(r.country).copied().unwrap_or(0.0) / total;
        let code = format!("{}.{}", r.country, r.admin1);
        s += 3.0 * admin.get(&code).copied().unwrap_or(0.0) / admin_total;
        if let Some(c) = container {
            if c.country == r.country {
                s += 8.0;
                if !c.is_country() && c.admin1 == r.admin1 {
                    s += 6.0;
                }
            }
        }
        s
    };
    let pick = |m: &Mention, admin: &HashMap<String, f64>, container: Option<PlaceRecord>| {
        let admin_total = admin.values().sum::<f64>().max(1.0);
        if let Some((c, _)) = m.country {
            return g.country(&c.iso2).map(|r| r.index);
        }
        m.candidates
            .iter()
            .map(|&c| (c, score(m, &g.record(c), admin, admin_total, container)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(c, _)| c)
    };
    // Pass 1: without region evidence or containers.
    let empty = HashMap::new();
    for m in mentions.iter_mut() {
        m.chosen = pick(m, &empty, None);
    }
    // Pass 2: with the document's first-level regions and the containers of pass 1.
    let mut admin: HashMap<String, f64> = HashMap::new();
    for m in mentions.iter() {
        if let Some(r) = m.chosen.map(|c| g.record(c)) {
            if !r.is_country() {
                *admin
                    .entry(format!("{}.{}", r.country, r.admin1))
                    .or_default() += 1.0;
            }
        }
    }
    // Containers come after what they contain: resolve right to left.
    for a in (0..mentions.len()).rev() {
        let container = mentions[a]
            .container
            .and_then(|b| mentions[b].chosen)
            .map(|c| g.record(c));
        let chosen = pick(&mentions[a], &admin, container);
        mentions[a].chosen = chosen;
    }
    // Names the gazetteer lacks: the container, else the document's dominant region/country.
    let dominant_country = countries
        .iter()
        .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(k, _)| k.clone());
    // Places, not demonyms, say where a story happens: the most named first-level region wins.
    let dominant_admin = admin
        .iter()
        .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(k, _)| k.clone());
    for a in 0..mentions.len() {
        if !mentions[a].unknown {
            continue;
        }
        let container = mentions[a]
            .container
            .and_then(|b| mentions[b].chosen)
            .map(|c| g.record(c));
        // Without a container, the document's region or country only when the sentence or
        // the one before names a place in it: a story's unknown village sits in the region
        // the story is about, but "Washington" or "the Gulf" in a story datelined Moscow
        // is not in Moscow.
        let order = |s: usize| fresh.partition_point(|&f| f < s);
        let at = order(mentions[a].sentence);
        let nearby_in = |inside: &dyn Fn(&PlaceRecord) -> bool| {
            mentions.iter().any(|m| {
                let o = order(m.sentence);
                !m.unknown
                    && !m.shadowed
                    && o <= at
                    && o + 1 >= at
                    && m.chosen.is_some_and(|c| inside(&g.record(c)))
            })
        };
        let region = match container {
            Some(c) if c.is_country() || c.is_admin1() => Some(c.index),
            Some(c) => g.admin1(c.country, c.admin1).map(|r| r.index),
            None if mentions[a].macro_region => None,
            None => dominant_admin
                .as_ref()
                .and_then(|k| k.split_once('.'))
                .filter(|(cc, a1)| nearby_in(&|r| r.country == *cc && r.admin1 == *a1))
                .and_then(|(cc, a1)| g.admin1(cc, a1))
                .map(|r| r.index)
                .or_else(|| {
                    dominant_country
                        .as_ref()
                        .filter(|cc| nearby_in(&|r| r.country == cc.as_str()))
                        .and_then(|cc| g.country(cc))
                        .map(|r| r.index)
                }),
        };
        mentions[a].chosen = region;
    }
}

fn place_of(m: &Mention, r: &PlaceRecord) -> Place {
    let mut place = Place {
        geonameid: Some(r.geonameid),
        name: Some(r.name.to_string()),
        name_ar: (!r.name_ar.is_empty()).then(|| r.name_ar.to_string()),
        lat: r.lat,
        lon: r.lon,
        country: Some(r.country.to_string()),
        admin1: (!r.admin1.is_empty()).then(|| format!("{}.{}", r.country, r.admin1)),
        feature: Some(r.feature.to_string()),
        precision: if r.is_country() {
            PlacePrecision::Country
        } else if r.is_admin1() {
            PlacePrecision::Admin1
        } else {
            PlacePrecision::Exact
        },
        candidates: m.candidates.len().max(usize::from(m.country.is_some())),
    };
    if let (Some(d), Some((s, w, n, e))) = (m.direction, r.extent()) {
        let (_, en, ar, rlat, rlon) = DIRECTIONS[d];
        place.lat = Some(s + (n - s) * rlat);
        place.lon = Some(w + (e - w) * rlon);
        place.name = Some(format!("{en} {}", r.name));
        place.name_ar = Some(format!("{ar} {}", r.name_ar));
        place.feature = Some("RGN".into());
        place.precision = PlacePrecision::Region;
    }
    place
}

fn write(analysis: &mut Analysis, g: &Gazetteer, mentions: &[Mention]) {
    let mut added = Vec::new();
    for m in mentions {
        if m.shadowed {
            continue;
        }
        let place = match m.chosen {
            Some(c) => place_of(m, &g.record(c)),
            None => Place::unresolved(),
        };
        match m.entity {
            Some(e) => analysis.entities[e].place = Some(place),
            None => {
                let demonym =
                    matches!(m.country, Some((_, CountryForm::Demonym))) && m.direction.is_none();
                let overlaps = analysis.entities.iter().any(|e| e.span.overlaps(m.span));
                if overlaps {
                    continue;
                }
                added.push(Entity {
                    span: m.span,
                    kind: if m.direction.is_some() {
                        EntityType::LOC
                    } else {
                        EntityType::GPE
                    },
                    source: if demonym {
                        SOURCE_DEMONYM
                    } else {
                        SOURCE_GAZETTEER
                    }
                    .to_string(),
                    actor: None,
                    place: Some(place),
                    date: None,
                });
            }
        }
    }
    if !added.is_empty() {
        analysis.entities.extend(added);
        analysis
            .entities
            .sort_by_key(|e| (e.span.start, e.span.end));
    }
}
