//! Arabic and English time expressions, recognised and resolved against the publication date.
//!
//! News dates events relative to its own publication: "أمس (الثلاثاء)", "غدا (الخميس)",
//! "الأسبوع الماضي", "في 12 تموز/يوليو", "مطلع شهر رمضان", "last Tuesday", "on July 3".
//! [`find_dates`] finds such expressions in a text (both languages, longest match, no overlaps)
//! and resolves each to a [`DateValue`]; [`dateline_date`] reads the date of a wire-style
//! dateline when a document has no publication date of its own.
//!
//! # Conventions
//!
//! * Spans are half-open byte offsets into the text given, like every [`Span`] in hadath. Matching
//!   runs on a folded copy (alef/hamza forms, ة/ه, ى/ي, diacritics, tatweel, Arabic-Indic digits,
//!   case), and spans are mapped back, so they keep the original's diacritics. A conjunction or
//!   preposition clitic stays inside the span (وأمس، بالأمس), as a tokeniser would keep it.
//! * `value` is ISO 8601: the day, or the first day of a week, month, year or range.
//! * **Weeks** are ISO weeks, Monday to Sunday, and `value` is the Monday. Saudi and most Gulf
//!   weeks run Sunday–Thursday (weekend Friday–Saturday), Levantine ones Monday–Friday or
//!   Sunday–Thursday; a single ISO convention keeps values comparable across outlets and
//!   machine-readable (ISO week numbers). The cost: "الأسبوع الماضي" published on a Sunday in
//!   Riyadh means the Sunday–Saturday week just ended, while we report the ISO week before
//!   the current one.
//! * **Months** → precision `month` (value the 1st). **Hijri months** do not align with
//!   Gregorian ones, so they are `range`s from their first to their last day; so are Hijri
//!   years, "1436/1437هـ", parts of periods (مطلع/أوائل = days 1–10, منتصف/أواسط = 11–20,
//!   أواخر/نهاية = 21–end; for years: first quarter, May–August, last quarter) and stretches
//!   such as "خلال الأيام الماضية" (see below).
//! * `relative` is true whenever any part of the value came from the publication date: أمس, a
//!   weekday, "الشهر الماضي", and also a day and month without a year ("on July 3").
//! * **Weekdays**: bare ("الخميس", "on Tuesday") → the latest such day on or before publication
//!   (news mostly reports); with الماضي/last → strictly before; with المقبل/القادم/next →
//!   strictly after.
//! * **Checks**: a weekday stated beside a resolved day ("أمس (الثلاثاء)", "أمس الاثنين",
//!   "Tuesday, July 3", "الجمعة الموافق 18/8/1436") sets `check` to `ok` or `conflict`. On a
//!   conflict the date from the day word (أمس) or the stated date is kept, not the weekday:
//!   the bracketed weekday is the part most often left stale when a story is re-run a day
//!   later, and keeping the anchor makes the value reproducible. A Hijri date given with its
//!   Gregorian twin ("25 شوال 1436 هـ الموافق 10 أغسطس 2015 م") becomes one mention whose value
//!   is the Gregorian date, with `check` `ok` when the two agree within a day (local moon
//!   sighting) and `conflict` otherwise.
//! * **Stretches**: "the past N units"/"خلال الأيام الـN الماضية" → range [publication − N units,
//!   publication]; without a number, days = 7, hours = 24 h, weeks = 4, months = 3, years = 5.
//!   "قبل أيام" (some days ago) → [publication − 7, publication − 1]. "منذ سنوات" is
//!   recognised but left unresolved (`value: None`).
//! * **Two-calendar years**: a bare year 1300–1500 is Hijri ("عام 1436"), as Saudi papers write
//!   it; "م"/"ميلادي" forces Gregorian, "هـ"/"هجري" Hijri. See [`hijri`] for the calendar used.
//! * **Times of day** ("الساعة العاشرة صباحا", "at 10 a.m.") are recognised and joined to the day
//!   they qualify ("مساء أمس", "الساعة 5:30 مساء أمس الاثنين"); `DateValue` has no time field,
//!   so the value stays the day, and a time with no day beside it is not reported.

pub mod evaluate;
pub mod hijri;
mod lexicon;
mod normalize;
mod resolve;
#[doc(hidden)]
pub mod rules;
mod window;

use chrono::NaiveDate;
use hadath_core::{DatePrecision, DateValue, Span};
use regex::Regex;
use std::sync::OnceLock;

pub use evaluate::{count_relative, evaluate_wojood, RelativeReport, WojoodReport};

/// One time expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMention {
    /// Byte span in the text given to [`find_dates`].
    pub span: Span,
    /// `None`: recognised but unresolvable (no publication date for a relative expression, or
    /// too vague to date, like "منذ سنوات").
    pub value: Option<DateValue>,
}

/// Finds and resolves the time expressions of `text` (Arabic and English), sorted by position
/// and non-overlapping: where two readings overlap, the longer wins.
///
/// `published` anchors relative expressions; without it they are still found but get no value.
pub fn find_dates(text: &str, published: Option<NaiveDate>) -> Vec<TimeMention> {
    let norm = normalize::Normalized::new(text);
    let ctx = rules::Ctx {
        text: &norm.text,
        published,
    };
    let mut cands = rules::candidates(&ctx);
    // Dates before times (a time must not hide the day it belongs to), then longest first.
    cands.sort_by_key(|c| {
        (
            c.kind == rules::Kind::Time,
            std::cmp::Reverse(c.e - c.s),
            c.s,
        )
    });
    let mut chosen: Vec<rules::Cand> = Vec::new();
    for mut c in cands {
        // A time that runs into a chosen day ("الساعة 5:30 مساء" + "مساء أمس") keeps its head.
        if c.kind == rules::Kind::Time {
            if let Some(k) = chosen
                .iter()
                .filter(|k| k.s > c.s && k.s < c.e)
                .map(|k| k.s)
                .min()
            {
                c.e = k;
            }
        }
        if chosen.iter().all(|k| k.e <= c.s || c.e <= k.s) {
            chosen.push(c);
        }
    }
    chosen.sort_by_key(|c| c.s);
    rules::merge(&norm.text, chosen)
        .into_iter()
        .filter_map(|c| {
            let (s, e) = tidy(&norm.text, c.s, c.e)?;
            Some(TimeMention {
                span: Span::new(norm.orig_start(s), norm.orig_end(e)),
                value: c.value,
            })
        })
        .collect()
}

/// Trims spaces, stray punctuation and unbalanced brackets from the ends of a match.
fn tidy(text: &str, mut s: usize, mut e: usize) -> Option<(usize, usize)> {
    loop {
        let t = &text[s..e];
        let opens = t.matches('(').count();
        let closes = t.matches(')').count();
        if let Some(c) = t.chars().next() {
            if c.is_whitespace() || (c == '(' && opens > closes) {
                s += c.len_utf8();
                continue;
            }
        }
        // A bracket opened inside a merged span and closed just after it belongs to it.
        if opens > closes {
            let rest = &text[e..];
            let trimmed = rest.trim_start();
            if trimmed.starts_with(')') {
                e += rest.len() - trimmed.len() + 1;
                continue;
            }
        }
        if let Some(c) = t.chars().next_back() {
            if c.is_whitespace() || c == '،' || c == ',' || (c == ')' && closes > opens) {
                e -= c.len_utf8();
                continue;
            }
        }
        break;
    }
    (e > s).then_some((s, e))
}

fn dateline_tail() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^\s*(?:م\b)?\s*[-–—:|]?\s*\(?\s*(?:واس|رويترز|ا\s*ف\s*ب|د\s*ب\s*ا|يو\s*بي\s*اي|الاناضول|سانا|قنا|وام|بنا|كونا|العمانيه|reuters|ap|afp|xinhua|dpa|upi|ani|pti)\b\s*\)?\s*[-–—:]?|^\s*[-–—:|]|^\s*$|^\s*\n",
        )
        .expect("dateline regex")
    })
}

/// The date of a wire-style dateline at the start of `text`, and the span of its date
/// expression: "الرياض 12 شوال 1436 هـ الموافق 28 يوليو 2015 م واس" → 2015-07-28,
/// "DAMASCUS, July 3 (Reuters) -" → July 3.
///
/// A dateline is a short place name (at most five words) at the start of the first non-empty
/// line, then an absolute day-precision date, then an agency, a dash or the end of the line.
/// Datelines without a year (Reuters style) take the year of the first full date stated
/// elsewhere in the text; with no such date there is nothing to anchor them and the result is
/// `None`.
pub fn dateline_date(text: &str) -> Option<(NaiveDate, Span)> {
    let start = text.len() - text.trim_start().len();
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    // Datelines are short; looking further invites dates from the story itself.
    let mut head_end = line_end.min(start + 400);
    while !text.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let head = &text[start..head_end];
    let mentions = find_dates(head, None);
    let first = mentions.first()?;
    let place = &head[..first.span.start];
    let words = place.split_whitespace().count();
    if words > 5 || place.contains(['.', '،', '!', '?', '؟']) {
        return None;
    }
    let folded_tail = normalize::Normalized::new(&head[first.span.end..]).text;
    // After the date: an agency, a dash, or the end of the line; anything else is a sentence.
    if !dateline_tail().is_match(&folded_tail) {
        return None;
    }
    let span = first.span.shift(start);
    match &first.value {
        Some(v) if v.precision == DatePrecision::Day && !v.relative => {
            Some((NaiveDate::parse_from_str(&v.value, "%Y-%m-%d").ok()?, span))
        }
        None => {
            // "July 3" with no year: borrow the year of the first full date in the text.
            let year = find_dates(text, None).into_iter().find_map(|m| {
                let v = m.value?;
                (!v.relative)
                    .then(|| v.value[..4].parse::<i32>().ok())
                    .flatten()
            })?;
            let anchor = NaiveDate::from_ymd_opt(year, 7, 2)?;
            let again = find_dates(head, Some(anchor));
            let v = again.into_iter().find(|m| m.span == first.span)?.value?;
            if v.precision != DatePrecision::Day {
                return None;
            }
            Some((NaiveDate::parse_from_str(&v.value, "%Y-%m-%d").ok()?, span))
        }
        _ => None,
    }
}

/// The folded text the rules run on (for the profiling example).
#[doc(hidden)]
pub fn fold_for_profile(text: &str) -> String {
    normalize::Normalized::new(text).text
}

/// The date an event gets when no time expression is attached to it: the publication date,
/// with precision `publication` so consumers can tell it from a stated date.
pub fn publication_value(published: NaiveDate) -> DateValue {
    DateValue {
        value: published.format("%Y-%m-%d").to_string(),
        precision: DatePrecision::Publication,
        end: None,
        relative: true,
        check: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hadath_core::DateCheck;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn only(text: &str, published: &str) -> (String, DateValue) {
        let found = find_dates(text, Some(d(published)));
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let m = &found[0];
        (
            m.span.slice(text).to_string(),
            m.value.clone().expect("resolved"),
        )
    }

    #[test]
    fn bracketed_weekday_agrees() {
        let (span, v) = only("وقال المتحدث أمس (الثلاثاء) إن", "2018-07-04");
        assert_eq!(span, "أمس (الثلاثاء)");
        assert_eq!(v.value, "2018-07-03");
        assert_eq!(v.precision, DatePrecision::Day);
        assert!(v.relative);
        assert_eq!(v.check, Some(DateCheck::Ok));
    }

    #[test]
    fn bracketed_weekday_conflict_keeps_yesterday() {
        let (_, v) = only("وقال المتحدث أمس (الاثنين) إن", "2018-07-04");
        assert_eq!(v.value, "2018-07-03");
        assert_eq!(v.check, Some(DateCheck::Conflict));
        let (_, v) = only("غدا (الخميس)", "2018-07-04");
        assert_eq!(
            (v.value.as_str(), v.check),
            ("2018-07-05", Some(DateCheck::Ok))
        );
        let (_, v) = only("Tuesday, July 3, 2018", "2018-07-04");
        assert_eq!(v.check, Some(DateCheck::Ok));
        let (_, v) = only("Monday, July 3, 2018", "2018-07-04");
        assert_eq!(v.check, Some(DateCheck::Conflict));
    }

    #[test]
    fn an_english_weekday_in_a_future_sentence_is_the_coming_one() {
        // Published Wednesday 2018-07-04 (the founding example's day).
        let (_, v) = only("The Security Council will meet on Thursday.", "2018-07-04");
        assert_eq!(v.value, "2018-07-05");
        let (_, v) = only("Talks are due to resume on Monday.", "2018-07-04");
        assert_eq!(v.value, "2018-07-09");
        // A report: the last one. A future cue in an earlier sentence does not count.
        let (_, v) = only(
            "It will rain. Rebels attacked the town on Thursday.",
            "2018-07-04",
        );
        assert_eq!(v.value, "2018-06-28");
    }

    #[test]
    fn without_publication_date_relative_is_unresolved() {
        let found = find_dates("وصل الوفد أمس إلى الرياض", None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].value, None);
    }

    #[test]
    fn spans_are_original_bytes_with_diacritics() {
        let text = "وَصَلَ أمسِ ١٢ تمّوز/يوليو ٢٠١٥ م";
        let found = find_dates(text, Some(d("2015-07-20")));
        let spans: Vec<&str> = found.iter().map(|m| m.span.slice(text)).collect();
        assert_eq!(spans, ["أمسِ", "١٢ تمّوز/يوليو ٢٠١٥ م"]);
        assert_eq!(found[1].value.as_ref().unwrap().value, "2015-07-12");
    }

    #[test]
    fn arabic_dateline() {
        let text = " الرياض 12 شوال 1436 هـ الموافق 28 يوليو 2015 م واس\n أكد معالي الوزير …";
        let (date, span) = dateline_date(text).unwrap();
        assert_eq!(date, d("2015-07-28"));
        assert_eq!(span.slice(text), "12 شوال 1436 هـ الموافق 28 يوليو 2015 م");
    }

    #[test]
    fn english_dateline_borrows_year() {
        let text =
            "DAMASCUS, July 3 (Reuters) - Syrian troops advanced on Tuesday, a year after the \
                    ceasefire of July 1, 2017 collapsed.";
        let (date, span) = dateline_date(text).unwrap();
        assert_eq!(date, d("2017-07-03"));
        assert_eq!(span.slice(text), "July 3");
        assert_eq!(
            dateline_date("DAMASCUS, July 3 (Reuters) - Troops advanced."),
            None
        );
        let full = "BEIRUT, July 3, 2018 (AP) — Shelling resumed.";
        assert_eq!(dateline_date(full).map(|x| x.0), Some(d("2018-07-03")));
    }

    #[test]
    fn sentence_is_not_a_dateline() {
        assert_eq!(
            dateline_date("أعلنت الوزارة في بيان صدر اليوم أن 12 يوليو 2015 موعد"),
            None
        );
        assert_eq!(dateline_date("جدة - واس\n أعلن"), None);
    }
}
