//! Accuracy of actor codes on the gold source/target spans of the Arabic event gold standard.
//!
//! Each `*_spans.dev.json` record holds a sentence and annotators' spans: `source_actor` and
//! `target_actor` word lists with `source_role`/`target_role` = `{"main": country or "None",
//! "role": sector or "None"}`. For every gold span hadath codes the span's words with
//! [`code_span`] (no sentence context, publication date from the record id such as
//! `AAW_ARB_20080110…`) and the country and role parts are compared separately; "None" must be
//! predicted as no country / no role.
//!
//! Identical spans repeated across annotators are counted once. Spans whose role is a bare
//! string (`"UNKNOWN"`) are skipped. Records are split in two halves by a hash of their `_id`:
//! dictionary curation looked only at the errors of the `tune` half; the `held_out` half is
//! scored independently.

use hadath_core::metrics::ratio;

use super::{code_span, resolve_actors, ActorDictionary};
use chrono::NaiveDate;
use hadath_core::{Actor, Analysis, Document, Span};
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

/// Counts for one set of spans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scores {
    pub spans: usize,
    /// Spans hadath gave any code.
    pub coded: usize,
    pub country_correct: usize,
    pub role_correct: usize,
    pub both_correct: usize,
    /// What predicting nothing at all would score, for comparison.
    pub baseline_country_correct: usize,
    pub baseline_role_correct: usize,
    /// Spans whose gold has a country / a role, and how many of those hadath got right.
    pub gold_country: usize,
    pub gold_country_correct: usize,
    pub gold_role: usize,
    pub gold_role_correct: usize,
}

impl Scores {
    pub fn country_accuracy(&self) -> f64 {
        ratio(self.country_correct, self.spans)
    }
    pub fn role_accuracy(&self) -> f64 {
        ratio(self.role_correct, self.spans)
    }
    pub fn both_accuracy(&self) -> f64 {
        ratio(self.both_correct, self.spans)
    }
    pub fn coverage(&self) -> f64 {
        ratio(self.coded, self.spans)
    }

    fn add(&mut self, r: &SpanResult) {
        self.spans += 1;
        self.coded += r.predicted_code.is_some() as usize;
        let country_ok = r.gold_country == r.predicted_country;
        let role_ok = r.gold_role == r.predicted_role;
        self.country_correct += country_ok as usize;
        self.role_correct += role_ok as usize;
        self.both_correct += (country_ok && role_ok) as usize;
        self.baseline_country_correct += r.gold_country.is_none() as usize;
        self.baseline_role_correct += r.gold_role.is_none() as usize;
        if r.gold_country.is_some() {
            self.gold_country += 1;
            self.gold_country_correct += country_ok as usize;
        }
        if r.gold_role.is_some() {
            self.gold_role += 1;
            self.gold_role_correct += role_ok as usize;
        }
    }
}

/// One gold span and what hadath made of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanResult {
    pub file: String,
    pub record: String,
    pub held_out: bool,
    pub text: String,
    pub gold_country: Option<String>,
    pub gold_role: Option<String>,
    pub predicted_code: Option<String>,
    pub predicted_country: Option<String>,
    pub predicted_role: Option<String>,
    /// The code of the span read in its sentence (see [`Report::held_out_in_context`]).
    pub in_context_code: Option<String>,
}

/// The evaluation of actor codes on gold spans.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub files: Vec<PathBuf>,
    pub overall: Scores,
    pub tune: Scores,
    pub held_out: Scores,
    /// The same gold spans read in their sentence: [`resolve_actors`] on the record's text
    /// (bare agents take the sentence's country), the actor of the first entity over the span's
    /// words.
    pub tune_in_context: Scores,
    pub held_out_in_context: Scores,
    /// Gold spans skipped because their role is not a `{main, role}` object.
    pub skipped: usize,
    pub results: Vec<SpanResult>,
    /// Files that could not be read or parsed.
    pub errors: Vec<String>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "actor codes on gold spans ({} files, {} unique spans, {} skipped)",
            self.files.len(),
            self.overall.spans,
            self.skipped
        )?;
        writeln!(
            f,
            "{:<9} {:>6} {:>9} {:>9} {:>9} {:>9} {:>13} {:>13}",
            "half", "spans", "country", "role", "both", "coverage", "base country", "base role"
        )?;
        for (name, s) in [
            ("tune", &self.tune),
            ("held-out", &self.held_out),
            ("all", &self.overall),
        ] {
            writeln!(
                f,
                "{:<9} {:>6} {:>8.1}% {:>8.1}% {:>8.1}% {:>8.1}% {:>12.1}% {:>12.1}%",
                name,
                s.spans,
                100.0 * s.country_accuracy(),
                100.0 * s.role_accuracy(),
                100.0 * s.both_accuracy(),
                100.0 * s.coverage(),
                100.0 * ratio(s.baseline_country_correct, s.spans),
                100.0 * ratio(s.baseline_role_correct, s.spans),
            )?;
        }
        writeln!(
            f,
            "spans read in their sentence (resolve_actors; bare agents take the sentence's country):"
        )?;
        for (name, c) in [
            ("tune", &self.tune_in_context),
            ("held-out", &self.held_out_in_context),
        ] {
            writeln!(
                f,
                "  {name}: country {:.1}%, role {:.1}%, both {:.1}%, coverage {:.1}%; where the gold has a country {:.1}%, a role {:.1}%",
                100.0 * c.country_accuracy(),
                100.0 * c.role_accuracy(),
                100.0 * c.both_accuracy(),
                100.0 * c.coverage(),
                100.0 * ratio(c.gold_country_correct, c.gold_country),
                100.0 * ratio(c.gold_role_correct, c.gold_role),
            )?;
        }
        for (name, s) in [("tune", &self.tune), ("held-out", &self.held_out)] {
            writeln!(
                f,
                "{name}: spans with a gold country {} (right {:.1}%), with a gold role {} (right {:.1}%)",
                s.gold_country,
                100.0 * ratio(s.gold_country_correct, s.gold_country),
                s.gold_role,
                100.0 * ratio(s.gold_role_correct, s.gold_role),
            )?;
        }
        for e in &self.errors {
            writeln!(f, "error: {e}")?;
        }
        Ok(())
    }
}

/// The record's sentence with its actors resolved.
fn in_context(text: &str, published: Option<NaiveDate>, dictionary: &ActorDictionary) -> Analysis {
    let mut analysis = Analysis::new(Document {
        id: "gold".into(),
        text: text.into(),
        published,
        ..Document::default()
    });
    hadath_language::annotate(&mut analysis);
    resolve_actors(&mut analysis, dictionary);
    analysis
}

/// The actor of the first entity over the gold span's words in the sentence.
fn actor_over(analysis: &Analysis, words: &[&str]) -> Option<Actor> {
    let text = analysis.text();
    // The words as one stretch when the sentence has them so; else each word's first occurrence.
    let joined = words.join(" ");
    let spans: Vec<Span> = match text.find(&joined) {
        Some(at) => vec![Span::new(at, at + joined.len())],
        None => words
            .iter()
            .filter_map(|w| text.find(w).map(|at| Span::new(at, at + w.len())))
            .collect(),
    };
    analysis
        .entities
        .iter()
        .filter(|e| e.actor.is_some() && spans.iter().any(|s| s.overlaps(e.span)))
        .min_by_key(|e| e.span.start)
        .and_then(|e| e.actor.clone())
}

/// FNV-1a: a fixed hash so the halves never change between runs or Rust versions.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf29ce484222325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}

/// True when a record id falls in the held-out half.
pub fn is_held_out(id: &str) -> bool {
    fnv1a(id) % 2 == 1
}

/// The first `YYYYMMDD` in a record's source id (`AAW_ARB_20080110.0023-9`).
fn date_in(id: &str) -> Option<NaiveDate> {
    let bytes = id.as_bytes();
    (0..bytes.len().saturating_sub(7)).find_map(|i| {
        // Check the bytes before slicing: ids may hold Arabic, and a slice must not cut a letter.
        let run = &bytes[i..i + 8];
        let before_ok = i == 0 || !bytes[i - 1].is_ascii_digit();
        let after_ok = !bytes.get(i + 8).is_some_and(|b| b.is_ascii_digit());
        if before_ok && after_ok && run.iter().all(|b| b.is_ascii_digit()) {
            NaiveDate::parse_from_str(&id[i..i + 8], "%Y%m%d").ok()
        } else {
            None
        }
    })
}

fn gold(value: &serde_json::Value, key: &str) -> Option<String> {
    value
        .get(key)
        .and_then(|v| v.as_str())
        .filter(|s| *s != "None" && !s.is_empty())
        .map(str::to_string)
}

/// Scores the embedded dictionary on `path`: a `*_spans*.json` file, or a directory whose
/// `*_spans*.json` files are all read.
pub fn evaluate_actor_spans(path: &Path) -> Report {
    evaluate_actor_spans_with(path, ActorDictionary::embedded())
}

/// As [`evaluate_actor_spans`], with another dictionary.
pub fn evaluate_actor_spans_with(path: &Path, dictionary: &ActorDictionary) -> Report {
    let mut report = Report::default();
    let mut files = Vec::new();
    if path.is_dir() {
        match std::fs::read_dir(path) {
            Ok(dir) => {
                for item in dir.flatten() {
                    let p = item.path();
                    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    if name.contains("_spans") && name.ends_with(".json") {
                        files.push(p);
                    }
                }
            }
            Err(e) => report.errors.push(format!("{}: {e}", path.display())),
        }
        files.sort();
    } else {
        files.push(path.to_path_buf());
    }
    let mut seen = HashSet::new();
    for file in files {
        let parsed = std::fs::read_to_string(&file)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).map_err(|e| e.to_string()));
        let records = match parsed {
            Ok(serde_json::Value::Array(records)) => records,
            Ok(_) => {
                report
                    .errors
                    .push(format!("{}: not a JSON array", file.display()));
                continue;
            }
            Err(e) => {
                report.errors.push(format!("{}: {e}", file.display()));
                continue;
            }
        };
        let file_name = file
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        for record in &records {
            let id = record
                .get("_id")
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string();
            let source = record.get("source").and_then(|v| v.as_str()).unwrap_or("");
            let published = date_in(source);
            let held_out = is_held_out(&id);
            let sentence = record.get("text").and_then(|v| v.as_str()).unwrap_or("");
            let mut context: Option<Analysis> = None;
            let spans = record
                .get("spans")
                .and_then(|v| v.as_array())
                .cloned()
                .unwrap_or_default();
            for span in &spans {
                for side in ["source", "target"] {
                    let words: Vec<&str> = span
                        .get(format!("{side}_actor"))
                        .and_then(|v| v.as_array())
                        .map(|a| a.iter().filter_map(|w| w.as_str()).collect())
                        .unwrap_or_default();
                    if words.is_empty() {
                        continue;
                    }
                    let role = span.get(format!("{side}_role"));
                    let Some(role) = role.filter(|r| r.is_object()) else {
                        report.skipped += 1;
                        continue;
                    };
                    let text = words.join(" ");
                    let gold_country = gold(role, "main");
                    let gold_role = gold(role, "role");
                    let key = (
                        id.clone(),
                        side,
                        text.clone(),
                        gold_country.clone(),
                        gold_role.clone(),
                    );
                    if !seen.insert(key) {
                        continue;
                    }
                    let actor = code_span(&text, published, dictionary);
                    let analysis =
                        context.get_or_insert_with(|| in_context(sentence, published, dictionary));
                    let in_sentence = actor_over(analysis, &words);
                    let result = SpanResult {
                        file: file_name.clone(),
                        record: id.clone(),
                        held_out,
                        text,
                        gold_country,
                        gold_role,
                        predicted_code: actor.as_ref().map(|a| a.code.clone()),
                        predicted_country: actor.as_ref().and_then(|a| a.country.clone()),
                        predicted_role: actor.as_ref().and_then(|a| a.sector.clone()),
                        in_context_code: in_sentence.as_ref().map(|a| a.code.clone()),
                    };
                    let contextual = SpanResult {
                        predicted_code: in_sentence.as_ref().map(|a| a.code.clone()),
                        predicted_country: in_sentence.as_ref().and_then(|a| a.country.clone()),
                        predicted_role: in_sentence.as_ref().and_then(|a| a.sector.clone()),
                        ..result.clone()
                    };
                    report.overall.add(&result);
                    if held_out {
                        report.held_out.add(&result);
                        report.held_out_in_context.add(&contextual);
                    } else {
                        report.tune.add(&result);
                        report.tune_in_context.add(&contextual);
                    }
                    report.results.push(result);
                }
            }
        }
        report.files.push(file);
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_dates_and_halves() {
        assert_eq!(
            date_in("AAW_ARB_20080110.0023-9"),
            NaiveDate::from_ymd_opt(2008, 1, 10)
        );
        assert_eq!(date_in("As-Safir (Arabic)"), None);
        assert_eq!(
            date_in("السفير 20080110"),
            NaiveDate::from_ymd_opt(2008, 1, 10)
        );
        assert_eq!(is_held_out("x"), is_held_out("x"));
    }

    #[test]
    fn scores_a_small_gold_file() {
        let dir = std::env::temp_dir().join(format!("hadath-actors-eval-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("mini_spans.dev.json");
        std::fs::write(
            &file,
            r#"[{"source": "AAW_ARB_20180704.0001-1", "_id": "a", "text": "",
                "spans": [{"source_actor": ["الجيش", "الباكستاني"], "target_actor": ["المتظاهرين"],
                           "source_role": {"main": "PAK", "role": "MIL"},
                           "target_role": {"main": "None", "role": "CVL"}},
                          {"source_actor": ["x"], "target_actor": [], "source_role": "UNKNOWN", "target_role": {}}]}]"#,
        )
        .unwrap();
        let report = evaluate_actor_spans(&dir);
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(report.overall.spans, 2, "{report}");
        assert_eq!(report.skipped, 1);
        assert_eq!(report.overall.country_correct, 2, "{:?}", report.results);
        assert_eq!(report.overall.role_correct, 2, "{:?}", report.results);
    }
}
