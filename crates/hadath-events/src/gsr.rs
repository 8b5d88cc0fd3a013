//! `hadath evaluate events`: detection and span scores on the arabic_event_gsr format.
//!
//! Detection (per `*_gsr*.csv` file, one event type per file): a sentence is predicted positive
//! when the coder emits an event of the file's type that is asserted (not future, negated or
//! hypothetical; historical only for the re-scored ASSAULT and PROTEST, whose model judges
//! it) with confidence at least [`DETECT_THRESHOLD`]. Gold: `yes` is
//! positive, `easy no` and `difficult no` negative, `ambiguous` left out.
//!
//! Beside each file's scores, the same rule scores one annotator of the file's own panels
//! ([`AnnotatorReference`], from the `accept`/`reject` columns): the human agreement that a
//! unanimity gold allows, and so the reference a detector's F1 should be read against.
//!
//! Span agreement (per `*_spans*.json`): for items whose gold event the coder finds, whether the
//! coded actor / recipient shares a word with `source_gold` / `target_gold`.

use hadath_core::metrics::{f1, ratio, share};

use crate::coder::{code_events, DETECT_THRESHOLD};
use crate::EventsError;
use hadath_core::{Analysis, Document, EventType};
use hadath_language::normalize::normalize_key;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// Precision, recall and F1 of one event type's detection.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DetectionScore {
    pub file: String,
    pub event_type: String,
    pub true_positive: usize,
    pub false_positive: usize,
    pub false_negative: usize,
    pub true_negative: usize,
    /// False positives among `difficult no` sentences (the rest are `easy no`).
    pub false_positive_difficult: usize,
    /// `ambiguous` rows left out.
    pub skipped: usize,
    /// The same rule scoring one annotator of each row's panel; `None` when the file has no
    /// `accept`/`reject` columns.
    pub annotator: Option<AnnotatorReference>,
}

/// Expected counts of one annotator drawn at random from each scored row's panel, taken as a
/// detector and scored by the file's rule. A `yes` needs every annotator, so the drawn one
/// accepted it (a true positive); on a `difficult no` with `a` accepts and `r` rejects they
/// accepted with probability a/(a+r) (an expected false positive); a `yes` is never missed.
/// Rows are annotated by different people, so "a random member of the row's panel" is the
/// annotator the votes describe; the counts are expectations, hence fractional.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct AnnotatorReference {
    pub true_positive: f64,
    pub false_positive: f64,
    pub false_negative: f64,
}

impl AnnotatorReference {
    /// Adds one scored row with its gold label and the share of its panel that accepted it.
    pub fn add(&mut self, gold: bool, accept_share: f64) {
        if gold {
            // A `yes` is unanimous, but count what the votes say in case a file disagrees.
            self.true_positive += accept_share;
            self.false_negative += 1.0 - accept_share;
        } else {
            self.false_positive += accept_share;
        }
    }
    pub fn precision(&self) -> f64 {
        share(self.true_positive, self.true_positive + self.false_positive)
    }
    pub fn recall(&self) -> f64 {
        share(self.true_positive, self.true_positive + self.false_negative)
    }
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

impl DetectionScore {
    pub fn precision(&self) -> f64 {
        ratio(self.true_positive, self.true_positive + self.false_positive)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.true_positive, self.true_positive + self.false_negative)
    }
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

/// Agreement of coded participants with the gold spans of one span file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpanScore {
    pub file: String,
    pub items: usize,
    /// Items where the coder produced an event of the gold type.
    pub found: usize,
    /// Items with a non-empty `source_gold`, and how many of those the coded actor overlaps.
    pub source_gold: usize,
    pub source_agree: usize,
    pub target_gold: usize,
    pub target_agree: usize,
}

/// The whole evaluation; `Display` prints a table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GsrReport {
    pub detection: Vec<DetectionScore>,
    pub spans: Vec<SpanScore>,
    /// Sentences coded, for the record.
    pub sentences: usize,
}

impl fmt::Display for GsrReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<28} {:<8} {:>5} {:>5} {:>5} {:>6} {:>9} {:>6} {:>6} {:>6}",
            "file", "type", "tp", "fp", "fn", "tn", "fp(diff)", "P", "R", "F1"
        )?;
        for d in &self.detection {
            writeln!(
                f,
                "{:<28} {:<8} {:>5} {:>5} {:>5} {:>6} {:>9} {:>6.3} {:>6.3} {:>6.3}",
                d.file,
                d.event_type,
                d.true_positive,
                d.false_positive,
                d.false_negative,
                d.true_negative,
                d.false_positive_difficult,
                d.precision(),
                d.recall(),
                d.f1()
            )?;
        }
        for d in &self.detection {
            if let Some(a) = &d.annotator {
                writeln!(
                    f,
                    "{:<28} {:<8} {:>5.1} {:>5.1} {:>5.1} {:>6} {:>9} {:>6.3} {:>6.3} {:>6.3}",
                    "  one annotator (expected)",
                    d.event_type,
                    a.true_positive,
                    a.false_positive,
                    a.false_negative,
                    "",
                    "",
                    a.precision(),
                    a.recall(),
                    a.f1()
                )?;
            }
        }
        if !self.spans.is_empty() {
            writeln!(f)?;
            writeln!(
                f,
                "{:<28} {:>6} {:>6} {:>16} {:>16}",
                "span file", "items", "found", "actor~source", "recipient~target"
            )?;
            for s in &self.spans {
                writeln!(
                    f,
                    "{:<28} {:>6} {:>6} {:>7}/{:<4}{:>5.2} {:>7}/{:<4}{:>5.2}",
                    s.file,
                    s.items,
                    s.found,
                    s.source_agree,
                    s.source_gold,
                    ratio(s.source_agree, s.source_gold),
                    s.target_agree,
                    s.target_gold,
                    ratio(s.target_agree, s.target_gold)
                )?;
            }
        }
        Ok(())
    }
}

/// Parses RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks).
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// The publication date hidden in a GSR id: `AAW_ARB_20071026.0026-2` → 2007-10-26.
pub fn date_from_id(id: &str) -> Option<chrono::NaiveDate> {
    let bytes = id.as_bytes();
    (0..bytes.len().saturating_sub(7)).find_map(|i| {
        let s = id.get(i..i + 8)?;
        if !s.bytes().all(|b| b.is_ascii_digit()) || (i > 0 && bytes[i - 1].is_ascii_digit()) {
            return None;
        }
        if bytes.get(i + 8).is_some_and(|b| b.is_ascii_digit()) {
            return None;
        }
        let d = chrono::NaiveDate::parse_from_str(s, "%Y%m%d").ok()?;
        (1990..2100)
            .contains(&chrono::Datelike::year(&d))
            .then_some(d)
    })
}

/// One GSR sentence as its own document: Arabic, published on the date in its id.
pub fn sentence_document(id: &str, text: &str) -> Document {
    Document {
        id: id.to_string(),
        text: text.to_string(),
        published: date_from_id(id),
        declared_language: Some("ar".into()),
        ..Default::default()
    }
}

/// Annotates one sentence as its own document with the language stage only, uncoded (this
/// crate's tests; `hadath evaluate events` runs the whole pipeline, see [`Annotate`]).
pub fn annotate_sentence(id: &str, text: &str) -> Analysis {
    let mut analysis = Analysis::new(sentence_document(id, text));
    hadath_language::annotate(&mut analysis);
    analysis
}

/// How a GSR sentence (id, text) is annotated before event coding. The event stage cannot
/// run the entity and actor stages itself; `hadath evaluate events` passes hadath's pipeline
/// up to the actors, so what is scored is what `hadath extract` does, and the re-scorer is
/// trained the same way.
pub type Annotate<'a> = &'a (dyn Fn(&str, &str) -> Analysis + Sync);

/// True when the analysis holds an event of this type that counts as happened (asserted; or
/// historical where a re-scorer judged it, see [`crate::detector::counts`]) confident enough.
pub fn detects(analysis: &Analysis, event_type: EventType) -> bool {
    analysis.events.iter().any(|e| {
        e.event_type == event_type
            && crate::detector::counts(e.event_type, e.modality)
            && e.confidence >= DETECT_THRESHOLD
    })
}

/// Scores detection of one GSR CSV file.
pub fn score_csv(
    name: &str,
    text: &str,
    annotate: Annotate,
) -> Result<(DetectionScore, usize), EventsError> {
    let rows = parse_csv(text);
    let header = rows
        .first()
        .ok_or_else(|| EventsError::Format(format!("{name}: empty file")))?;
    let col = |n: &str| {
        header
            .iter()
            .position(|h| h == n)
            .ok_or_else(|| EventsError::Format(format!("{name}: no column {n:?}")))
    };
    let (c_type, c_id, c_label, c_text) =
        (col("event_type")?, col("id")?, col("label")?, col("text")?);
    // The votes are optional: without them there is no annotator reference.
    let votes = col("accept").ok().zip(col("reject").ok());
    let mut score = DetectionScore {
        file: name.to_string(),
        annotator: votes.map(|_| AnnotatorReference::default()),
        ..Default::default()
    };
    let mut coded = 0;
    for row in rows.iter().skip(1).filter(|r| r.len() > c_text) {
        let gold = match row[c_label].trim() {
            "yes" => true,
            "easy no" | "difficult no" => false,
            _ => {
                score.skipped += 1;
                continue;
            }
        };
        let event_type = EventType::parse(row[c_type].trim()).ok_or_else(|| {
            EventsError::Format(format!("{name}: unknown event type {:?}", row[c_type]))
        })?;
        score.event_type = event_type.as_str().to_string();
        if let (Some((c_accept, c_reject)), Some(reference)) = (votes, &mut score.annotator) {
            let count = |c: usize| {
                let cell = row.get(c).map(|v| v.trim()).unwrap_or("");
                cell.parse::<u32>().map_err(|_| {
                    EventsError::Format(format!(
                        "{name}: row {:?}: vote count {cell:?} is not a whole number",
                        row[c_id]
                    ))
                })
            };
            let (accept, reject) = (count(c_accept)?, count(c_reject)?);
            if accept + reject > 0 {
                reference.add(gold, f64::from(accept) / f64::from(accept + reject));
            }
        }
        let mut analysis = annotate(&row[c_id], &row[c_text]);
        code_events(&mut analysis);
        coded += analysis.sentences.len();
        match (gold, detects(&analysis, event_type)) {
            (true, true) => score.true_positive += 1,
            (true, false) => score.false_negative += 1,
            (false, true) => {
                score.false_positive += 1;
                if row[c_label].trim() == "difficult no" {
                    score.false_positive_difficult += 1;
                }
            }
            (false, false) => score.true_negative += 1,
        }
    }
    Ok((score, coded))
}

fn words(s: &str) -> Vec<String> {
    normalize_key(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1)
        .map(|w| w.trim_start_matches(['و', 'ف']).to_string())
        .collect()
}

fn overlaps(coded: &str, gold: &str) -> bool {
    let g = words(gold);
    words(coded).iter().any(|w| {
        g.iter().any(|x| {
            x == w
                || (w.chars().count() > 3 && x.ends_with(w.as_str()))
                || (x.chars().count() > 3 && w.ends_with(x.as_str()))
        })
    })
}

/// True when one of the coded phrases shares a word with the gold span (the span-agreement
/// rule of [`score_spans`]).
pub fn span_agrees(coded: &[&str], gold: &str) -> bool {
    coded.iter().any(|c| overlaps(c, gold))
}

/// Scores actor/recipient agreement on one span JSON file.
pub fn score_spans(name: &str, text: &str, annotate: Annotate) -> Result<SpanScore, EventsError> {
    let items: Vec<serde_json::Value> =
        serde_json::from_str(text).map_err(|e| EventsError::Format(format!("{name}: {e}")))?;
    let mut score = SpanScore {
        file: name.to_string(),
        ..Default::default()
    };
    for item in &items {
        let get = |k: &str| item.get(k).and_then(|v| v.as_str()).unwrap_or("");
        let Some(event_type) = EventType::parse(get("event_type")) else {
            continue;
        };
        score.items += 1;
        let mut analysis = annotate(get("source"), get("text"));
        code_events(&mut analysis);
        let t = analysis.text();
        let event = analysis
            .events
            .iter()
            .filter(|e| e.event_type == event_type)
            .max_by(|a, b| a.confidence.total_cmp(&b.confidence));
        let (source, target) = (get("source_gold").trim(), get("target_gold").trim());
        if !source.is_empty() {
            score.source_gold += 1;
        }
        if !target.is_empty() {
            score.target_gold += 1;
        }
        let Some(e) = event else { continue };
        score.found += 1;
        if !source.is_empty() && e.actor.iter().any(|p| overlaps(p.span.slice(t), source)) {
            score.source_agree += 1;
        }
        if !target.is_empty()
            && e.recipient
                .iter()
                .any(|p| overlaps(p.span.slice(t), target))
        {
            score.target_agree += 1;
        }
    }
    Ok(score)
}

/// Evaluates every `*_gsr*.csv` and `*_spans*.json` file in `dir`, sentences annotated by the
/// language stage only ([`annotate_sentence`]).
pub fn evaluate_gsr(dir: &Path) -> Result<GsrReport, EventsError> {
    evaluate_gsr_with(dir, &annotate_sentence)
}

/// [`evaluate_gsr`] with sentences annotated by `annotate`.
pub fn evaluate_gsr_with(dir: &Path, annotate: Annotate) -> Result<GsrReport, EventsError> {
    let mut files: BTreeMap<String, std::path::PathBuf> = BTreeMap::new();
    let entries =
        std::fs::read_dir(dir).map_err(|e| EventsError::Io(dir.display().to_string(), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| EventsError::Io(dir.display().to_string(), e))?;
        let name = entry.file_name().to_string_lossy().to_string();
        files.insert(name, entry.path());
    }
    let mut report = GsrReport::default();
    for (name, path) in &files {
        let read = || {
            std::fs::read_to_string(path)
                .map_err(|e| EventsError::Io(path.display().to_string(), e))
        };
        if name.contains("_gsr") && name.ends_with(".csv") {
            let (score, n) = score_csv(name, &read()?, annotate)?;
            report.sentences += n;
            report.detection.push(score);
        } else if name.contains("_spans") && name.ends_with(".json") {
            report.spans.push(score_spans(name, &read()?, annotate)?);
        }
    }
    if report.detection.is_empty() {
        return Err(EventsError::Format(format!(
            "{}: no *_gsr*.csv files found",
            dir.display()
        )));
    }
    Ok(report)
}
