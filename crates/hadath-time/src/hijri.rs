//! Hijri ↔ Gregorian conversion: Umm al-Qura where tables exist, tabular Islamic elsewhere.
//!
//! Saudi and most Gulf media print Umm al-Qura dates (the official Saudi calendar), which differ
//! from the arithmetic (tabular) calendar by a day now and then: tabular puts 1 Shawwal 1436 on
//! 2015-07-18, Umm al-Qura (and the Saudi press) on 2015-07-17. So inside the range the
//! `hijri_date` crate covers (1356–1500 AH, 1938–2076 CE) we use its Umm al-Qura tables; outside
//! it (Ottoman-era archives, 1320 هـ …) we use the standard tabular "Kuwaiti" algorithm, written
//! here, which is within a day or two of any observed calendar.

use chrono::{Datelike, Duration, NaiveDate};

const UMM_AL_QURA_YEARS: std::ops::RangeInclusive<i32> = 1356..=1499;

/// The Gregorian date of Hijri `year`-`month`-`day`; `None` if the day does not exist.
pub fn to_gregorian(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if !(1..=12).contains(&month) || day == 0 || day > month_len(year, month)? {
        return None;
    }
    if UMM_AL_QURA_YEARS.contains(&year) {
        let h =
            hijri_date::HijriDate::from_hijri(year as usize, month as usize, day as usize).ok()?;
        return NaiveDate::from_ymd_opt(h.year_gr() as i32, h.month_gr() as u32, h.day_gr() as u32);
    }
    tabular_to_gregorian(year, month, day)
}

/// The Hijri (year, month, day) of a Gregorian date.
pub fn from_gregorian(date: NaiveDate) -> Option<(i32, u32, u32)> {
    // The crate validates its own range and errs outside it; then the tabular calendar answers.
    if let Ok(h) = hijri_date::HijriDate::from_gr(
        date.year() as usize,
        date.month() as usize,
        date.day() as usize,
    ) {
        if UMM_AL_QURA_YEARS.contains(&(h.year() as i32)) {
            return Some((h.year() as i32, h.month() as u32, h.day() as u32));
        }
    }
    Some(tabular_from_gregorian(date))
}

/// Days in a Hijri month (29 or 30).
pub fn month_len(year: i32, month: u32) -> Option<u32> {
    if !(1..=12).contains(&month) {
        return None;
    }
    if UMM_AL_QURA_YEARS.contains(&year) {
        let h = hijri_date::HijriDate::from_hijri(year as usize, month as usize, 1).ok()?;
        return Some(h.month_len() as u32);
    }
    Some(tabular_month_len(year, month))
}

/// First and last Gregorian day of a Hijri month.
pub fn month_range(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let start = to_gregorian(year, month, 1)?;
    Some((
        start,
        start + Duration::days(month_len(year, month)? as i64 - 1),
    ))
}

/// First and last Gregorian day of a Hijri year.
pub fn year_range(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((month_range(year, 1)?.0, month_range(year, 12)?.1))
}

// Tabular Islamic calendar: 30-year cycle with leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29
// (the "Kuwaiti" variant), epoch 1 Muharram 1 AH = 16 July 622 (Julian) = 19 July 622 proleptic
// Gregorian. Odd months have 30 days, even 29, and Dhu al-Hijja 30 in leap years.

fn is_tabular_leap(year: i32) -> bool {
    (14 + 11 * year.rem_euclid(30)).rem_euclid(30) < 11
}

fn tabular_month_len(year: i32, month: u32) -> u32 {
    if month % 2 == 1 || (month == 12 && is_tabular_leap(year)) {
        30
    } else {
        29
    }
}

/// Days from the epoch (1 Muharram 1 AH = day 0).
fn tabular_days(year: i32, month: u32, day: u32) -> i64 {
    let y = (year - 1) as i64;
    let leap_days = (3 + 11 * year as i64).div_euclid(30);
    let month_days = (29.5 * (month as f64 - 1.0)).ceil() as i64;
    y * 354 + leap_days + month_days + day as i64 - 1
}

fn tabular_epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(622, 7, 19).expect("valid epoch")
}

fn tabular_to_gregorian(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    tabular_epoch().checked_add_signed(Duration::days(tabular_days(year, month, day)))
}

fn tabular_from_gregorian(date: NaiveDate) -> (i32, u32, u32) {
    let days = (date - tabular_epoch()).num_days();
    // Start from an estimate and correct it: simpler to trust than inverting the leap formula.
    let mut year = (days as f64 / 354.367).floor() as i32 + 1;
    while tabular_days(year + 1, 1, 1) <= days {
        year += 1;
    }
    while tabular_days(year, 1, 1) > days {
        year -= 1;
    }
    let mut month = 1;
    while month < 12 && tabular_days(year, month + 1, 1) <= days {
        month += 1;
    }
    let day = (days - tabular_days(year, month, 1)) as u32 + 1;
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn umm_al_qura_known_dates() {
        assert_eq!(to_gregorian(1436, 9, 1), Some(d(2015, 6, 18)));
        assert_eq!(to_gregorian(1436, 10, 1), Some(d(2015, 7, 17)));
        // Datelines in SaudiNewsNet: "12 شوال 1436 هـ الموافق 28 يوليو 2015 م".
        assert_eq!(to_gregorian(1436, 10, 12), Some(d(2015, 7, 28)));
        assert_eq!(to_gregorian(1436, 10, 25), Some(d(2015, 8, 10)));
        assert_eq!(to_gregorian(1439, 11, 19), Some(d(2018, 8, 1)));
        assert_eq!(to_gregorian(1437, 1, 1), Some(d(2015, 10, 14)));
        assert_eq!(month_len(1436, 9), Some(29));
        assert_eq!(to_gregorian(1436, 9, 30), None);
        assert_eq!(from_gregorian(d(2015, 7, 28)), Some((1436, 10, 12)));
        assert_eq!(from_gregorian(d(2018, 7, 4)), Some((1439, 10, 20)));
    }

    #[test]
    fn tabular_outside_the_tables() {
        // 1 Muharram 1 AH is the epoch itself; 1 Muharram 1300 AH = 12 Nov 1882 (tabular).
        assert_eq!(tabular_to_gregorian(1, 1, 1), Some(d(622, 7, 19)));
        assert_eq!(to_gregorian(1300, 1, 1), Some(d(1882, 11, 12)));
        // The tabular and Umm al-Qura calendars agree on 1 Ramadan 1436 but not on 1 Shawwal.
        assert_eq!(tabular_to_gregorian(1436, 9, 1), Some(d(2015, 6, 18)));
        assert_eq!(tabular_to_gregorian(1436, 10, 1), Some(d(2015, 7, 18)));
        for (y, m, day) in [
            (1300, 1, 1),
            (1320, 7, 15),
            (1502, 12, 30),
            (2, 12, 30),
            (1355, 12, 29),
        ] {
            if let Some(g) = tabular_to_gregorian(y, m, day) {
                assert_eq!(tabular_from_gregorian(g), (y, m, day));
            }
        }
        assert_eq!(from_gregorian(d(1900, 1, 1)).map(|h| h.0), Some(1317));
    }
}
