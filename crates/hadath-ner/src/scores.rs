//! Exact-span precision, recall and F1 per type, with conlleval's chunk conventions.
//!
//! conlleval reads BIO leniently: an `I-X` that does not continue an `X` chunk (after `O` or
//! after another type) starts a new chunk, and a chunk is counted correct only when gold and
//! predicted chunks have the same start, end and type. [`chunks`] follows that reading, so the
//! numbers here match `conlleval` run on the same two columns.

use hadath_core::metrics::{f1, ratio};

use crate::corpus::split_tag;
use std::collections::BTreeMap;
use std::fmt;

/// A chunk: half-open token range and type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Chunk {
    pub start: usize,
    pub end: usize,
    pub kind: String,
}

/// Decodes BIO tags into chunks, conlleval style.
pub fn chunks<S: AsRef<str>>(tags: &[S]) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    let mut open: Option<Chunk> = None;
    for (i, tag) in tags.iter().enumerate() {
        let parsed = split_tag(tag.as_ref());
        let continues = match (&open, parsed) {
            (Some(c), Some(('I', kind))) => c.kind == kind,
            _ => false,
        };
        if continues {
            if let Some(c) = open.as_mut() {
                c.end = i + 1;
            }
            continue;
        }
        if let Some(c) = open.take() {
            out.push(c);
        }
        if let Some((_, kind)) = parsed {
            open = Some(Chunk {
                start: i,
                end: i + 1,
                kind: kind.to_string(),
            });
        }
    }
    if let Some(c) = open {
        out.push(c);
    }
    out
}

/// Counts for one type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

/// Scores over a corpus: per-type counts, token accuracy.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    pub per_type: BTreeMap<String, Counts>,
    pub tokens: usize,
    pub tokens_correct: usize,
    pub sentences: usize,
}

impl Scores {
    /// Adds one sentence's gold and predicted tags.
    pub fn add<S: AsRef<str>, T: AsRef<str>>(&mut self, gold: &[S], predicted: &[T]) {
        assert_eq!(
            gold.len(),
            predicted.len(),
            "gold and predicted differ in length"
        );
        self.sentences += 1;
        self.tokens += gold.len();
        self.tokens_correct += gold
            .iter()
            .zip(predicted)
            .filter(|(g, p)| g.as_ref() == p.as_ref())
            .count();
        let g = chunks(gold);
        let p = chunks(predicted);
        for c in &g {
            self.per_type.entry(c.kind.clone()).or_default().gold += 1;
        }
        for c in &p {
            let e = self.per_type.entry(c.kind.clone()).or_default();
            e.predicted += 1;
            if g.binary_search(c).is_ok() {
                e.correct += 1;
            }
        }
    }

    /// Micro-averaged counts over all types.
    pub fn micro(&self) -> Counts {
        self.per_type
            .values()
            .fold(Counts::default(), |a, c| Counts {
                gold: a.gold + c.gold,
                predicted: a.predicted + c.predicted,
                correct: a.correct + c.correct,
            })
    }

    /// The scores as JSON: per type and micro, percentages with two decimals.
    pub fn to_json(&self) -> serde_json::Value {
        let row = |c: &Counts| {
            serde_json::json!({
                "precision": round2(100.0 * c.precision()),
                "recall": round2(100.0 * c.recall()),
                "f1": round2(100.0 * c.f1()),
                "gold": c.gold, "predicted": c.predicted, "correct": c.correct,
            })
        };
        let mut per = serde_json::Map::new();
        for (k, c) in &self.per_type {
            per.insert(k.clone(), row(c));
        }
        serde_json::json!({ "micro": row(&self.micro()), "per_type": per, "tokens": self.tokens })
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.micro();
        let acc = 100.0 * ratio(self.tokens_correct, self.tokens);
        writeln!(
            f,
            "processed {} tokens with {} phrases; found: {} phrases; correct: {}.",
            self.tokens, m.gold, m.predicted, m.correct
        )?;
        writeln!(
            f,
            "accuracy: {acc:6.2}%; precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}",
            100.0 * m.precision(),
            100.0 * m.recall(),
            100.0 * m.f1()
        )?;
        for (kind, c) in &self.per_type {
            writeln!(
                f,
                "{kind:>17}: precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  {}",
                100.0 * c.precision(),
                100.0 * c.recall(),
                100.0 * c.f1(),
                c.predicted
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conlleval_reads_orphan_i_as_a_chunk_start() {
        let c = chunks(&["I-PERS", "I-PERS", "B-LOC", "I-ORG", "O", "B-MISC"]);
        let spans: Vec<(usize, usize, &str)> = c
            .iter()
            .map(|c| (c.start, c.end, c.kind.as_str()))
            .collect();
        assert_eq!(
            spans,
            vec![(0, 2, "PERS"), (2, 3, "LOC"), (3, 4, "ORG"), (5, 6, "MISC")]
        );
    }

    #[test]
    fn hand_checked_scores() {
        // Gold: [محمد علي]PERS في [القاهرة]LOC مع [الأمم المتحدة]ORG
        // Pred: [محمد]PERS [علي]PERS في [القاهرة]LOC مع [الأمم المتحدة]LOC
        // PERS: gold 1, predicted 2, correct 0; LOC: gold 1, predicted 2, correct 1;
        // ORG: gold 1, predicted 0. Micro: P = 1/4, R = 1/3, F = 2PR/(P+R) = 2/7.
        let gold = ["B-PERS", "I-PERS", "O", "B-LOC", "O", "B-ORG", "I-ORG"];
        let pred = ["B-PERS", "B-PERS", "O", "B-LOC", "O", "B-LOC", "I-LOC"];
        let mut s = Scores::default();
        s.add(&gold, &pred);
        let m = s.micro();
        assert_eq!((m.gold, m.predicted, m.correct), (3, 4, 1));
        assert!((m.f1() - 2.0 / 7.0).abs() < 1e-9);
        assert_eq!(s.per_type["LOC"].correct, 1);
        assert_eq!(s.per_type["ORG"].predicted, 0);
        assert_eq!(s.tokens_correct, 4);
        let shown = s.to_string();
        assert!(shown.contains("FB1:  28.57"), "{shown}");
    }
}
