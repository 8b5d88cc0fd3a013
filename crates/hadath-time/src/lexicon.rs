//! Word lists the rules are built from, all in the folded form of `normalize` (ا for every
//! alef/hamza form, ه for ة, ي for ى, no diacritics, lower-case Latin).

use chrono::Weekday;

/// Gregorian month names in every system Arab media use, with English names last.
///
/// Levantine/Iraqi (كانون الثاني …), Egyptian/Gulf transliterations (يناير …), Maghrebi
/// (Algerian/Tunisian جانفي … and Moroccan يوليوز، غشت …). Multi-word names use a single space;
/// the regex builder lets any run of spaces match it.
pub(crate) const GREGORIAN_MONTHS_AR: &[(&str, u32)] = &[
    ("كانون الثاني", 1),
    ("كانون ثاني", 1),
    ("يناير", 1),
    ("جانفي", 1),
    ("جانفييه", 1),
    ("شباط", 2),
    ("فبراير", 2),
    ("فيفري", 2),
    ("اذار", 3),
    ("مارس", 3),
    ("نيسان", 4),
    ("ابريل", 4),
    ("افريل", 4),
    ("ايار", 5),
    ("مايو", 5),
    ("ماي", 5),
    ("حزيران", 6),
    ("يونيو", 6),
    ("يونيه", 6),
    ("جوان", 6),
    ("تموز", 7),
    ("يوليو", 7),
    ("يوليه", 7),
    ("يوليوز", 7),
    ("جويليه", 7),
    ("جويلييه", 7),
    ("اب", 8),
    ("اغسطس", 8),
    ("اغسطوس", 8),
    ("اوت", 8),
    ("غشت", 8),
    ("ايلول", 9),
    ("سبتمبر", 9),
    ("شتنبر", 9),
    ("تشرين الاول", 10),
    ("تشرين اول", 10),
    ("اكتوبر", 10),
    ("تشرين الثاني", 11),
    ("تشرين ثاني", 11),
    ("نوفمبر", 11),
    ("نونبر", 11),
    ("كانون الاول", 12),
    ("كانون اول", 12),
    ("ديسمبر", 12),
    ("دجنبر", 12),
];

/// Month names that are also ordinary words (مارس "he practised", اب "father", ماي, نيسان the
/// car maker): alone they need a cue such as شهر, a day number or a year.
pub(crate) const AMBIGUOUS_MONTHS: &[&str] = &[
    "مارس",
    "اب",
    "ماي",
    "نيسان",
    "صفر",
    "رجب",
    "محرم",
    "المحرم",
    "may",
    "march",
];

pub(crate) const HIJRI_MONTHS: &[(&str, u32)] = &[
    ("محرم", 1),
    ("المحرم", 1),
    ("صفر", 2),
    ("ربيع الاول", 3),
    ("ربيع اول", 3),
    ("ربيع الثاني", 4),
    ("ربيع الاخر", 4),
    ("ربيع ثاني", 4),
    ("جمادي الاولي", 5),
    ("جمادي الاول", 5),
    ("جمادي الثانيه", 6),
    ("جمادي الاخره", 6),
    ("جمادي الاخر", 6),
    ("جمادي الثاني", 6),
    ("رجب", 7),
    ("شعبان", 8),
    ("رمضان", 9),
    ("شوال", 10),
    ("ذو القعده", 11),
    ("ذي القعده", 11),
    ("ذا القعده", 11),
    ("ذو الحجه", 12),
    ("ذي الحجه", 12),
    ("ذا الحجه", 12),
];

pub(crate) const ENGLISH_MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sept", 9),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// Weekday stems as they follow the article ال.
pub(crate) const WEEKDAYS_AR: &[(&str, Weekday)] = &[
    ("سبت", Weekday::Sat),
    ("احد", Weekday::Sun),
    ("اثنين", Weekday::Mon),
    ("ثلاثاء", Weekday::Tue),
    ("ثلاثا", Weekday::Tue),
    ("اربعاء", Weekday::Wed),
    ("اربعا", Weekday::Wed),
    ("خميس", Weekday::Thu),
    ("جمعه", Weekday::Fri),
];

pub(crate) const WEEKDAYS_EN: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// Cardinal number words that count days, weeks, months and years ("منذ ثلاثة أيام").
pub(crate) const NUMBERS_AR: &[(&str, u32)] = &[
    ("واحد", 1),
    ("واحده", 1),
    ("اثنين", 2),
    ("اثنان", 2),
    ("ثلاث", 3),
    ("ثلاثه", 3),
    ("اربع", 4),
    ("اربعه", 4),
    ("خمس", 5),
    ("خمسه", 5),
    ("ست", 6),
    ("سته", 6),
    ("سبع", 7),
    ("سبعه", 7),
    ("ثمان", 8),
    ("ثماني", 8),
    ("ثمانيه", 8),
    ("تسع", 9),
    ("تسعه", 9),
    ("عشر", 10),
    ("عشره", 10),
    ("عشرين", 20),
    ("ثلاثين", 30),
];

pub(crate) const NUMBERS_EN: &[(&str, u32)] = &[
    ("one", 1),
    ("a", 1),
    ("an", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("fifteen", 15),
    ("twenty", 20),
    ("thirty", 30),
];

const ORDINAL_UNITS: [&str; 10] = [
    "الاول",
    "الثاني",
    "الثالث",
    "الرابع",
    "الخامس",
    "السادس",
    "السابع",
    "الثامن",
    "التاسع",
    "العاشر",
];

/// Ordinal day-of-month words, 1–31 ("التاسع من رمضان", "الثامن عشر من ديسمبر").
pub(crate) fn day_ordinals() -> Vec<(String, u32)> {
    let mut out = Vec::new();
    for n in 1..=31u32 {
        let unit = |k: u32| {
            if k == 1 {
                "الحادي".to_string()
            } else {
                ORDINAL_UNITS[k as usize - 1].to_string()
            }
        };
        let word = match n {
            1..=10 => ORDINAL_UNITS[n as usize - 1].to_string(),
            11..=19 => format!("{} عشر", unit(n - 10)),
            20 => "العشرين".to_string(),
            21..=29 => format!("{} والعشرين", unit(n - 20)),
            30 => "الثلاثين".to_string(),
            _ => "الحادي والثلاثين".to_string(),
        };
        out.push((word, n));
    }
    out
}

/// Hour words for times of day ("الساعة العاشرة").
pub(crate) const HOURS_AR: &[&str] = &[
    "الواحده",
    "الثانيه",
    "الثالثه",
    "الرابعه",
    "الخامسه",
    "السادسه",
    "السابعه",
    "الثامنه",
    "التاسعه",
    "العاشره",
    "الحاديه عشره",
    "الثانيه عشره",
];

/// A regex alternation of `words`, longest first so that a longer name wins over its prefix,
/// with spaces matching any whitespace run.
pub(crate) fn alternation<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut words: Vec<&str> = words.into_iter().collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.dedup();
    let parts: Vec<String> = words
        .iter()
        .map(|w| regex::escape(w).replace(' ', r"\s+"))
        .collect();
    format!("(?:{})", parts.join("|"))
}

/// Looks a matched name up in a table, ignoring how many spaces separate its words.
pub(crate) fn lookup<T: Copy>(table: &[(&str, T)], found: &str) -> Option<T> {
    let squeezed = squeeze(found);
    table
        .iter()
        .find(|(w, _)| squeeze(w) == squeezed)
        .map(|(_, v)| *v)
}

pub(crate) fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
