//! Measurements for `hadath evaluate dates`: span recall on Wojood, and how many documents of a
//! corpus carry a resolved relative date.

use hadath_core::metrics::ratio;

use std::path::Path;

use chrono::NaiveDate;
use hadath_core::Span;

use crate::find_dates;

/// DATE-span agreement between [`find_dates`] and Wojood's gold annotation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WojoodReport {
    pub sentences: usize,
    /// Gold DATE spans (outermost DATE annotations; Wojood nests, DATE rarely inside DATE).
    pub gold: usize,
    /// Gold spans we found exactly (same first and last token).
    pub exact: usize,
    /// Gold spans overlapped by one of ours.
    pub overlap: usize,
    /// Our spans.
    pub predicted: usize,
    /// Our spans that overlap a gold DATE.
    pub predicted_on_date: usize,
    /// Our spans that overlap a gold DATE or TIME (Wojood tags "صباح اليوم"-like phrases TIME).
    pub predicted_on_date_or_time: usize,
    /// Gold spans we missed entirely, as text, for reading.
    pub missed: Vec<String>,
    /// Our spans that touch no gold DATE or TIME, as text.
    pub spurious: Vec<String>,
}

impl WojoodReport {
    pub fn recall_exact(&self) -> f64 {
        ratio(self.exact, self.gold)
    }
    pub fn recall_overlap(&self) -> f64 {
        ratio(self.overlap, self.gold)
    }
    /// Share of our spans that overlap a gold DATE.
    pub fn precision_overlap(&self) -> f64 {
        ratio(self.predicted_on_date, self.predicted)
    }
}

/// Reads a Wojood file (one `token TAG [TAG …]` line per token, nested tags in any column,
/// blank line between sentences), rebuilds each sentence with single spaces between tokens,
/// runs [`find_dates`] without a publication date, and compares spans with the gold DATEs.
pub fn evaluate_wojood(path: &Path) -> std::io::Result<WojoodReport> {
    let content = std::fs::read_to_string(path)?;
    let mut report = WojoodReport::default();
    let mut sentence: Vec<(String, Vec<String>)> = Vec::new();
    for line in content.lines().chain(std::iter::once("")) {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !sentence.is_empty() {
                score_sentence(&sentence, &mut report);
                sentence.clear();
            }
            continue;
        }
        let mut parts = line.split_whitespace();
        let token = parts.next().unwrap_or_default().to_string();
        sentence.push((token, parts.map(str::to_string).collect()));
    }
    Ok(report)
}

/// Gold spans of one type, as token index ranges, from B-/I- tags in any column.
fn gold_spans(sentence: &[(String, Vec<String>)], kind: &str) -> Vec<(usize, usize)> {
    let (b, i) = (format!("B-{kind}"), format!("I-{kind}"));
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (k, (_, tags)) in sentence.iter().enumerate() {
        if tags.contains(&b) {
            if let Some(s) = open.take() {
                out.push((s, k));
            }
            open = Some(k);
        } else if !tags.contains(&i) {
            if let Some(s) = open.take() {
                out.push((s, k));
            }
        }
    }
    if let Some(s) = open {
        out.push((s, sentence.len()));
    }
    out
}

fn score_sentence(sentence: &[(String, Vec<String>)], report: &mut WojoodReport) {
    report.sentences += 1;
    let mut text = String::new();
    let mut offsets = Vec::new();
    for (k, (token, _)) in sentence.iter().enumerate() {
        if k > 0 {
            text.push(' ');
        }
        offsets.push((text.len(), text.len() + token.len()));
        text.push_str(token);
    }
    let to_span = |(a, b): (usize, usize)| Span::new(offsets[a].0, offsets[b - 1].1);
    let gold: Vec<Span> = gold_spans(sentence, "DATE")
        .into_iter()
        .map(to_span)
        .collect();
    let time: Vec<Span> = gold_spans(sentence, "TIME")
        .into_iter()
        .map(to_span)
        .collect();
    let found: Vec<Span> = find_dates(&text, None)
        .into_iter()
        .map(|m| m.span)
        .collect();
    report.gold += gold.len();
    report.predicted += found.len();
    for g in &gold {
        if found.contains(g) {
            report.exact += 1;
        }
        if found.iter().any(|f| f.overlaps(*g)) {
            report.overlap += 1;
        } else {
            report.missed.push(g.slice(&text).to_string());
        }
    }
    for f in &found {
        let on_date = gold.iter().any(|g| g.overlaps(*f));
        if on_date {
            report.predicted_on_date += 1;
        }
        if on_date || time.iter().any(|t| t.overlaps(*f)) {
            report.predicted_on_date_or_time += 1;
        } else {
            report.spurious.push(f.slice(&text).to_string());
        }
    }
}

/// How many documents carry at least one resolved relative date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RelativeReport {
    pub documents: usize,
    /// Documents that came with a publication date.
    pub with_published: usize,
    /// Documents with at least one resolved mention whose value is relative.
    pub with_relative: usize,
    /// Documents with at least one resolved mention of any kind.
    pub with_resolved: usize,
    pub mentions: usize,
    pub resolved: usize,
    pub relative: usize,
    /// Mentions whose stated weekday (or Hijri twin) disagrees with the resolved date.
    pub conflicts: usize,
}

/// Runs [`find_dates`] over `(text, publication date)` pairs and counts what resolved.
pub fn count_relative<I, S>(documents: I) -> RelativeReport
where
    I: IntoIterator<Item = (S, Option<NaiveDate>)>,
    S: AsRef<str>,
{
    let mut r = RelativeReport::default();
    for (text, published) in documents {
        r.documents += 1;
        r.with_published += usize::from(published.is_some());
        let found = find_dates(text.as_ref(), published);
        let mut any_relative = false;
        let mut any_resolved = false;
        for m in &found {
            r.mentions += 1;
            if let Some(v) = &m.value {
                r.resolved += 1;
                any_resolved = true;
                if v.relative {
                    r.relative += 1;
                    any_relative = true;
                }
                if v.check == Some(hadath_core::DateCheck::Conflict) {
                    r.conflicts += 1;
                }
            }
        }
        r.with_relative += usize::from(any_relative);
        r.with_resolved += usize::from(any_resolved);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_wojood_columns() {
        let dir = std::env::temp_dir().join(format!("hadath-time-wojood-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("mini.txt");
        std::fs::write(
            &path,
            "جريدة B-ORG\nفلسطين I-ORG B-GPE\n26 B-DATE\nتموز I-DATE\n1911 I-DATE\n. O\n\nقال O\nأمس B-DATE\n\n",
        )
        .unwrap();
        let r = evaluate_wojood(&path).unwrap();
        assert_eq!((r.sentences, r.gold, r.exact, r.overlap), (2, 2, 2, 2));
        assert_eq!(r.predicted_on_date, r.predicted);
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn counts_relative_documents() {
        let p = NaiveDate::from_ymd_opt(2015, 7, 21);
        let r = count_relative([("وصل أمس", p), ("في عام 2015", p), ("وصل أمس", None)]);
        assert_eq!(
            (
                r.documents,
                r.with_relative,
                r.with_resolved,
                r.with_published
            ),
            (3, 1, 2, 2)
        );
    }
}
