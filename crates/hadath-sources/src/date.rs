//! Publication dates as inputs write them (`2015-07-21 02:51:32`, RFC 3339, RFC 2822) → `NaiveDate`.
//!
//! The date is taken as written, in the publisher's own offset: `2015-07-21T01:30:00+03:00` is
//! 21 July, not 20 July in UTC, because the article's own calendar day is what relative dates
//! ("yesterday") in its text are anchored to.

use chrono::{DateTime, NaiveDate};

/// Parses the calendar date of a timestamp; `None` when the value is not a recognised date.
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    // `YYYY-MM-DD`, optionally followed by a time after `T` or a space (ISO 8601, RFC 3339,
    // SaudiNewsNet's `date_extracted`), also `YYYY/MM/DD`.
    if let Some(head) = value.get(..10) {
        let rest = &value[10..];
        if rest.is_empty() || rest.starts_with(['T', 't', ' ']) {
            for format in ["%Y-%m-%d", "%Y/%m/%d"] {
                if let Ok(date) = NaiveDate::parse_from_str(head, format) {
                    return Some(date);
                }
            }
        }
    }
    // `YYYYMMDD` (schema.org allows the basic ISO form).
    if value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(date) = NaiveDate::parse_from_str(value, "%Y%m%d") {
            return Some(date);
        }
    }
    // `Tue, 21 Jul 2015 02:51:32 +0300` (RSS feeds).
    DateTime::parse_from_rfc2822(value)
        .ok()
        .map(|dt| dt.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn formats_seen_in_news_data() {
        assert_eq!(parse_date("2015-07-21 02:51:32"), d(2015, 7, 21));
        assert_eq!(parse_date("2015-07-21"), d(2015, 7, 21));
        assert_eq!(parse_date(" 2015-07-21T02:51:32Z "), d(2015, 7, 21));
        assert_eq!(parse_date("2015-07-21T01:30:00+03:00"), d(2015, 7, 21));
        assert_eq!(parse_date("2015-07-21T23:30:00.123-05:00"), d(2015, 7, 21));
        assert_eq!(parse_date("2015/07/21"), d(2015, 7, 21));
        assert_eq!(parse_date("20150721"), d(2015, 7, 21));
        assert_eq!(
            parse_date("Tue, 21 Jul 2015 02:51:32 +0300"),
            d(2015, 7, 21)
        );
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("2015-13-40"), None);
        assert_eq!(parse_date("2015-07-21x"), None);
        assert_eq!(parse_date("٢٠١٥-٠٧-٢١"), None);
    }
}
