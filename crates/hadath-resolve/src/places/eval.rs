//! Scores the place resolver against a hand-checked gold TSV (`data/gold/places.*.tsv`).
//!
//! Gold columns: `doc_id url sentence mention geonameid lat lon note`; `#` lines are comments.
//! Each row is resolved with the sentence as the whole document (the gold file does not carry
//! whole articles), so the document evidence is what that sentence offers: a conservative
//! setting. A mention counts as found when a place entity overlaps its first occurrence in the
//! sentence; accuracy is the share of rows whose geonameid is the gold one, acc@161km the share
//! whose coordinates are within 161 km (100 miles) of the gold coordinates.

use super::gazetteer::Gazetteer;
use super::resolve::resolve_places;
use hadath_core::{Analysis, Document, EntityType, PlacePrecision, Span};
use std::path::Path;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, PartialEq)]
pub struct GoldRow {
    pub doc_id: String,
    pub url: String,
    pub sentence: String,
    pub mention: String,
    pub geonameid: u64,
    pub lat: f64,
    pub lon: f64,
}

/// One gold row's outcome.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub row: usize,
    pub mention: String,
    pub gold: u64,
    pub predicted: Option<u64>,
    pub precision: Option<PlacePrecision>,
    pub distance_km: Option<f64>,
}

#[derive(Debug, Clone, Default)]
pub struct PlaceReport {
    pub rows: usize,
    /// Rows where some place entity covers the mention.
    pub found: usize,
    pub correct: usize,
    pub within_161km: usize,
    pub accuracy: f64,
    pub acc_at_161km: f64,
    /// Place mentions (entities with a place) resolved across all gold sentences.
    pub mentions_resolved: usize,
    /// Time spent in [`resolve_places`] only (not tokenisation).
    pub resolve_time: Duration,
    pub outcomes: Vec<Outcome>,
}

impl PlaceReport {
    pub fn mentions_per_second(&self) -> f64 {
        self.mentions_resolved as f64 / self.resolve_time.as_secs_f64().max(1e-9)
    }
}

/// Reads a gold TSV.
pub fn read_gold(path: &Path) -> std::io::Result<Vec<GoldRow>> {
    let text = std::fs::read_to_string(path)?;
    let mut rows = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() || line.starts_with("doc_id\t") {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 7 {
            continue;
        }
        rows.push(GoldRow {
            doc_id: f[0].into(),
            url: f[1].into(),
            sentence: f[2].into(),
            mention: f[3].into(),
            geonameid: f[4].parse().unwrap_or(0),
            lat: f[5].parse().unwrap_or(f64::NAN),
            lon: f[6].parse().unwrap_or(f64::NAN),
        });
    }
    Ok(rows)
}

/// Great-circle distance in km.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
}

/// Resolves every gold sentence and scores the mentions.
pub fn evaluate_places(gold: &Path, gazetteer: &Gazetteer) -> std::io::Result<PlaceReport> {
    let rows = read_gold(gold)?;
    let mut report = PlaceReport {
        rows: rows.len(),
        ..Default::default()
    };
    for (i, row) in rows.iter().enumerate() {
        let mut analysis = Analysis::new(Document {
            id: row.doc_id.clone(),
            text: row.sentence.clone(),
            ..Default::default()
        });
        hadath_language::annotate(&mut analysis);
        let started = Instant::now();
        resolve_places(&mut analysis, gazetteer);
        report.resolve_time += started.elapsed();
        report.mentions_resolved += analysis
            .entities
            .iter()
            .filter(|e| e.place.is_some())
            .count();
        let at = row.sentence.find(&row.mention).unwrap_or(usize::MAX);
        let target = (at != usize::MAX).then(|| Span::new(at, at + row.mention.len()));
        let place = target.and_then(|t| {
            analysis
                .entities
                .iter()
                .filter(|e| matches!(e.kind, EntityType::GPE | EntityType::LOC))
                .find(|e| e.span.overlaps(t) && e.place.is_some())
                .and_then(|e| e.place.clone())
        });
        let predicted = place.as_ref().and_then(|p| p.geonameid);
        let distance_km = place.as_ref().and_then(|p| match (p.lat, p.lon) {
            (Some(lat), Some(lon)) if !row.lat.is_nan() => {
                Some(haversine_km(lat, lon, row.lat, row.lon))
            }
            _ => None,
        });
        if place.is_some() {
            report.found += 1;
        }
        if predicted == Some(row.geonameid) {
            report.correct += 1;
        }
        if distance_km.is_some_and(|d| d <= 161.0) {
            report.within_161km += 1;
        }
        report.outcomes.push(Outcome {
            row: i,
            mention: row.mention.clone(),
            gold: row.geonameid,
            predicted,
            precision: place.map(|p| p.precision),
            distance_km,
        });
    }
    let n = report.rows.max(1) as f64;
    report.accuracy = report.correct as f64 / n;
    report.acc_at_161km = report.within_161km as f64 / n;
    Ok(report)
}
