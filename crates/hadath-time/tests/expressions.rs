//! Drives `expressions.tsv`: every row is a sentence, its publication date, the expression
//! `find_dates` must find in it (exact span text) and the value it must resolve to.
//!
//! All failures are printed before the test fails, so one run shows the whole picture. Rows
//! whose category starts with `gap:` are known gaps: listed, not failed, and reported if they
//! start passing so the marker can be removed.

use chrono::NaiveDate;
use hadath_core::{DateCheck, DatePrecision};

fn precision(p: DatePrecision) -> &'static str {
    match p {
        DatePrecision::Day => "day",
        DatePrecision::Week => "week",
        DatePrecision::Month => "month",
        DatePrecision::Year => "year",
        DatePrecision::Range => "range",
        DatePrecision::Publication => "publication",
    }
}

#[test]
fn expression_table() {
    let table = include_str!("expressions.tsv");
    let (mut rows, mut failures, mut gaps, mut fixed_gaps) =
        (0, Vec::new(), Vec::new(), Vec::new());
    for (n, line) in table.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            cols.len(),
            9,
            "expressions.tsv:{}: expected 9 columns, got {}",
            n + 1,
            cols.len()
        );
        let [category, published, text, span, value, prec, end, relative, check] = cols[..] else {
            unreachable!()
        };
        rows += 1;
        let published = NaiveDate::parse_from_str(published, "%Y-%m-%d").expect("publication date");
        let found = hadath_time::find_dates(text, Some(published));
        let got = found.iter().find(|m| m.span.slice(text) == span);
        let problem = match got {
            None => Some(format!(
                "span «{span}» not found; found {:?}",
                found.iter().map(|m| m.span.slice(text)).collect::<Vec<_>>()
            )),
            Some(m) => match &m.value {
                None => Some("recognised but unresolved".to_string()),
                Some(v) => {
                    let got_check = match v.check {
                        Some(DateCheck::Ok) => "ok",
                        Some(DateCheck::Conflict) => "conflict",
                        None => "-",
                    };
                    let got_end = v.end.as_deref().unwrap_or("-");
                    let want = (value, prec, end, relative, check);
                    let have = (
                        v.value.as_str(),
                        precision(v.precision),
                        got_end,
                        if v.relative { "true" } else { "false" },
                        got_check,
                    );
                    (want != have).then(|| format!("want {want:?}, got {have:?}"))
                }
            },
        };
        let at = format!(
            "expressions.tsv:{} [{category}] {published} «{span}»",
            n + 1
        );
        match (problem, category.starts_with("gap:")) {
            (Some(p), false) => failures.push(format!("{at}: {p}")),
            (Some(p), true) => gaps.push(format!("{at}: {p}")),
            (None, true) => fixed_gaps.push(at),
            (None, false) => {}
        }
    }
    for g in &gaps {
        println!("known gap: {g}");
    }
    for g in &fixed_gaps {
        println!("known gap now passes, remove the gap: marker: {g}");
    }
    for f in &failures {
        println!("FAIL {f}");
    }
    println!(
        "{rows} rows, {} failures, {} known gaps",
        failures.len(),
        gaps.len()
    );
    assert!(
        rows >= 300,
        "the table should keep at least 300 expressions, has {rows}"
    );
    assert!(
        failures.is_empty(),
        "{} of {rows} expressions failed (see above)",
        failures.len()
    );
}
