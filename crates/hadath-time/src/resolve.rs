//! Date arithmetic shared by the rules: building `DateValue`s and choosing years and weekdays
//! relative to the publication date.

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use hadath_core::{DatePrecision, DateValue};

use crate::hijri;

/// Which way a qualifier (الماضي، المقبل، الجاري / last, next, this) points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    Past,
    Next,
    Current,
    /// No qualifier: the nearest reading.
    Nearest,
}

pub(crate) fn direction(word: &str) -> Direction {
    let w = word.trim();
    let past = [
        "الماضي",
        "الماضيه",
        "المنصرم",
        "المنصرمه",
        "الفائت",
        "الفائته",
        "السابق",
        "السابقه",
        "الاخيره",
    ];
    let next = ["المقبل", "المقبله", "القادم", "القادمه"];
    let current = ["الجاري", "الجاريه", "الحالي", "الحاليه", "هذا", "هذه"];
    if past.contains(&w) || ["last", "past", "previous"].contains(&w) {
        Direction::Past
    } else if next.contains(&w) || ["next", "coming"].contains(&w) {
        Direction::Next
    } else if current.contains(&w) || w == "this" {
        Direction::Current
    } else {
        Direction::Nearest
    }
}

pub(crate) fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(crate) fn day(d: NaiveDate, relative: bool) -> DateValue {
    DateValue {
        value: iso(d),
        precision: DatePrecision::Day,
        end: None,
        relative,
        check: None,
    }
}

/// A week is reported by its ISO start, the Monday (see the crate docs for why not Sunday).
pub(crate) fn week(d: NaiveDate, relative: bool) -> DateValue {
    let monday = d - Duration::days(d.weekday().num_days_from_monday() as i64);
    DateValue {
        value: iso(monday),
        precision: DatePrecision::Week,
        end: None,
        relative,
        check: None,
    }
}

pub(crate) fn month(year: i32, month: u32, relative: bool) -> Option<DateValue> {
    let d = NaiveDate::from_ymd_opt(year, month, 1)?;
    Some(DateValue {
        value: iso(d),
        precision: DatePrecision::Month,
        end: None,
        relative,
        check: None,
    })
}

pub(crate) fn year(year: i32, relative: bool) -> Option<DateValue> {
    let d = NaiveDate::from_ymd_opt(year, 1, 1)?;
    Some(DateValue {
        value: iso(d),
        precision: DatePrecision::Year,
        end: None,
        relative,
        check: None,
    })
}

pub(crate) fn range(start: NaiveDate, end: NaiveDate, relative: bool) -> Option<DateValue> {
    if end < start {
        return None;
    }
    Some(DateValue {
        value: iso(start),
        precision: DatePrecision::Range,
        end: Some(iso(end)),
        relative,
        check: None,
    })
}

pub(crate) fn parse_iso(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// First and last day a value covers (for ranges and for checking a stated weekday).
pub(crate) fn bounds(v: &DateValue) -> Option<(NaiveDate, NaiveDate)> {
    let start = parse_iso(&v.value)?;
    let end = match v.precision {
        DatePrecision::Day | DatePrecision::Publication => start,
        DatePrecision::Week => start + Duration::days(6),
        DatePrecision::Month => start.checked_add_months(Months::new(1))? - Duration::days(1),
        DatePrecision::Year => NaiveDate::from_ymd_opt(start.year(), 12, 31)?,
        DatePrecision::Range => parse_iso(v.end.as_deref()?)?,
    };
    Some((start, end))
}

pub(crate) fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)?
        .checked_add_months(Months::new(1))
        .map(|d| d - Duration::days(1))
}

/// The year for a day and month stated without one: الماضي → the latest such day not after
/// publication, المقبل → the first not before it, otherwise whichever is nearest.
pub(crate) fn year_for_day(
    day_: u32,
    month_: u32,
    dir: Direction,
    published: NaiveDate,
) -> Option<NaiveDate> {
    let candidates: Vec<NaiveDate> = (-1..=1)
        .filter_map(|k| NaiveDate::from_ymd_opt(published.year() + k, month_, day_))
        .collect();
    pick(candidates, dir, published)
}

fn pick(candidates: Vec<NaiveDate>, dir: Direction, published: NaiveDate) -> Option<NaiveDate> {
    match dir {
        Direction::Past => candidates.into_iter().filter(|d| *d <= published).max(),
        Direction::Next => candidates.into_iter().filter(|d| *d >= published).min(),
        // Ties go to the past: news reports more than it announces.
        _ => candidates
            .into_iter()
            .min_by_key(|d| ((*d - published).num_days().abs(), *d > published)),
    }
}

/// The year of a month named without one ("يوليو الماضي", "in July").
pub(crate) fn year_for_month(month_: u32, dir: Direction, published: NaiveDate) -> i32 {
    let (py, pm) = (published.year(), published.month());
    match dir {
        // "July last" said in July means last year's July; said in August, this year's.
        Direction::Past => {
            if month_ < pm {
                py
            } else {
                py - 1
            }
        }
        Direction::Next => {
            if month_ > pm {
                py
            } else {
                py + 1
            }
        }
        Direction::Current => py,
        Direction::Nearest => {
            let here = py * 12 + pm as i32;
            (py - 1..=py + 1)
                .min_by_key(|y| {
                    let there = y * 12 + month_ as i32;
                    ((there - here).abs(), there > here)
                })
                .unwrap_or(py)
        }
    }
}

/// The Gregorian date of a Hijri day and month stated without a year.
pub(crate) fn hijri_day_without_year(
    day_: u32,
    month_: u32,
    dir: Direction,
    published: NaiveDate,
) -> Option<NaiveDate> {
    let (hy, _, _) = hijri::from_gregorian(published)?;
    if dir == Direction::Current {
        return hijri::to_gregorian(hy, month_, day_);
    }
    let candidates: Vec<NaiveDate> = (-1..=1)
        .filter_map(|k| hijri::to_gregorian(hy + k, month_, day_))
        .collect();
    pick(candidates, dir, published)
}

/// The Hijri year of a Hijri month named without one ("رمضان الماضي", "خلال شهر رمضان").
pub(crate) fn hijri_year_for_month(
    month_: u32,
    dir: Direction,
    published: NaiveDate,
) -> Option<i32> {
    let (hy, _, _) = hijri::from_gregorian(published)?;
    if dir == Direction::Current {
        return Some(hy);
    }
    let mut best: Option<(i64, i32)> = None;
    for y in hy - 1..=hy + 1 {
        let (start, end) = hijri::month_range(y, month_)?;
        let ok = match dir {
            Direction::Past => start <= published,
            Direction::Next => end >= published,
            _ => true,
        };
        if !ok {
            continue;
        }
        let distance = if published < start {
            (start - published).num_days()
        } else if published > end {
            (published - end).num_days()
        } else {
            0
        };
        // Past: the latest such month that has begun; otherwise the nearest.
        let key = if dir == Direction::Past {
            -(y as i64)
        } else {
            distance
        };
        // `is_none_or` would need Rust 1.82; the workspace supports 1.80.
        #[allow(clippy::unnecessary_map_or)]
        if best.map_or(true, |(k, _)| key < k) {
            best = Some((key, y));
        }
    }
    // "رمضان الماضي" said during Ramadan means the previous one.
    if dir == Direction::Past {
        if let Some((_, y)) = best {
            let (_, end) = hijri::month_range(y, month_)?;
            if end >= published {
                return Some(y - 1);
            }
        }
    }
    best.map(|(_, y)| y)
}

/// The weekday `wd` relative to `published`: the latest one on or before publication when bare
/// (news mostly reports), strictly before with الماضي/last, strictly after with المقبل/next.
pub(crate) fn weekday(wd: Weekday, dir: Direction, published: NaiveDate) -> NaiveDate {
    let p = published.weekday().num_days_from_monday() as i64;
    let w = wd.num_days_from_monday() as i64;
    match dir {
        Direction::Next => {
            let ahead = (w - p).rem_euclid(7);
            published + Duration::days(if ahead == 0 { 7 } else { ahead })
        }
        Direction::Past => {
            let back = (p - w).rem_euclid(7);
            published - Duration::days(if back == 0 { 7 } else { back })
        }
        Direction::Nearest | Direction::Current => {
            published - Duration::days((p - w).rem_euclid(7))
        }
    }
}

/// Part of a period: beginning, middle or end ("مطلع", "منتصف", "أواخر" / early, mid, late).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Early,
    Mid,
    Late,
}

pub(crate) fn part(word: &str) -> Option<Part> {
    let w = word.trim_start_matches(['و', 'ف']);
    let w = w
        .strip_prefix('ب')
        .or_else(|| w.strip_prefix('ل'))
        .filter(|r| part_word(r).is_some())
        .unwrap_or(w);
    part_word(w)
}

fn part_word(w: &str) -> Option<Part> {
    match w {
        "مطلع" | "بدايه" | "اوائل" | "مستهل" | "اول" | "early" | "beginning" | "start" => {
            Some(Part::Early)
        }
        "منتصف" | "اواسط" | "mid" | "middle" => Some(Part::Mid),
        "اواخر" | "نهايه" | "اخر" | "اخير" | "ختام" | "late" | "end" => {
            Some(Part::Late)
        }
        _ => None,
    }
}

/// A month narrowed to its first, middle or last ten days (the Arabic أوائل/أواسط/أواخر).
pub(crate) fn part_of(
    start: NaiveDate,
    end: NaiveDate,
    p: Part,
    relative: bool,
) -> Option<DateValue> {
    let len = (end - start).num_days() + 1;
    let (a, b) = if len <= 31 {
        match p {
            Part::Early => (start, start + Duration::days(9)),
            Part::Mid => (start + Duration::days(10), start + Duration::days(19)),
            Part::Late => (start + Duration::days(20), end),
        }
    } else if start.month() == 1 && start.day() == 1 && end.month() == 12 && end.day() == 31 {
        // Gregorian years: first quarter, May–August, last quarter.
        let y = start.year();
        let ymd = |m, d| NaiveDate::from_ymd_opt(y, m, d);
        match p {
            Part::Early => (start, ymd(3, 31)?),
            Part::Mid => (ymd(5, 1)?, ymd(8, 31)?),
            Part::Late => (ymd(10, 1)?, end),
        }
    } else {
        // Hijri years and other long stretches: the same shares by length.
        let third = len / 4;
        match p {
            Part::Early => (start, start + Duration::days(third - 1)),
            Part::Mid => (
                start + Duration::days(len / 3),
                end - Duration::days(len / 3),
            ),
            Part::Late => (end - Duration::days(third - 1), end),
        }
    };
    range(a, b.min(end), relative)
}

pub(crate) fn add_months(d: NaiveDate, n: i32) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_months(Months::new(n as u32))
    } else {
        d.checked_sub_months(Months::new((-n) as u32))
    }
}
