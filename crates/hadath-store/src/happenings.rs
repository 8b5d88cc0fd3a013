//! Event-level deduplication across documents: mentions of one real-world event → a happening.
//!
//! Two event mentions (rows of `events`) are linked when they have the same PLOVER type and the
//! same modality, and either
//!
//! 1. **same story**: they come from two documents of one near-duplicate cluster (the same wire
//!    story in two papers), their actor codes and their recipient codes are compatible
//!    (overlap, or one side has none), their places are compatible (equal, or one side has
//!    none), dates the texts state agree within the window, and their dates (stated, else
//!    publication day; not month- or year-precision) are within
//!    [`HappeningOptions::same_story_window_days`] of the story's first compatible copy (its
//!    "seed": copies are not chained pairwise, which joined templated cables published day
//!    after day into one happening weeks long); or
//! 2. **same happening reported independently**: they happen at the same known place (GeoNames
//!    id), share an actor code exactly (`SYRGOV` and `SYRGOV`; a bare country code only matches
//!    itself), their recipients share a code or one side has none; and their dates are the
//!    same: each date is an interval (day → that day; week → 7 days; a missing date → the
//!    publication day), and the intervals must come within [`HappeningOptions::window_days`] (default 0) of each other, one
//!    holding the other (a day inside a week, so a week-long date cannot bridge the days
//!    around it). hadath resolves "yesterday (Tuesday)" against each paper's own publication
//!    date, so two reports of one event published a day apart carry the same date; a tolerance
//!    of a day would instead chain daily events at one place (strikes on Aden every day of a
//!    month) into one. Mentions without a known place, and month- or year-precision dates,
//!    group only by rule 1: prefix matches on country codes with unknown places chained
//!    thousands of unrelated mentions into one happening on the SaudiNewsNet benchmark.
//!
//! Happenings are the connected components of these links, named by their smallest event id.
//! Rule 1 visits a story's copies in (date, event id) order and rule 2 links symmetric pairs,
//! so the grouping does not depend on insertion order; it is a pure function of the stored rows: [`crate::Store::finalize`] recomputes
//! it from scratch. GDELT keeps the first 15 minutes of reports and Phoenix one event per
//! (day, actors, code) triple; this keeps every mention, links across the day boundary, and
//! uses the near-duplicate clusters so a republished story is one report of one happening.

use crate::{join_list, split_list, Store, StoreError};
use chrono::{Datelike, NaiveDate};
use hadath_core::plover::{plover_coding, speaker_of, Speaker};
use hadath_core::{EventType, Modality};
use rusqlite::{params_from_iter, types::Value, Transaction};
use std::collections::{BTreeMap, BTreeSet};

/// How close two mentions' dates must be to be the same happening.
#[derive(Debug, Clone, PartialEq)]
pub struct HappeningOptions {
    /// Maximum gap in days between two mentions' date intervals. 0: relative dates are resolved
    /// against each report's own publication date, so reports of one event agree on its day.
    pub window_days: i64,
    /// Date intervals longer than this are too coarse for cross-document linking.
    pub max_interval_days: i64,
    /// Copies of one story (rule 1) must still be dated within this many days of each other
    /// (stated date, else publication day): templated wire copy ("the King congratulates the
    /// President of X on national day") forms near-duplicate chains across weeks.
    pub same_story_window_days: i64,
    /// Links that would make a happening's dates span more days than this are refused (unless
    /// one of its mentions alone spans more, e.g. a week).
    pub max_span_days: i64,
}

impl Default for HappeningOptions {
    fn default() -> Self {
        HappeningOptions {
            window_days: 0,
            max_interval_days: 7,
            same_story_window_days: 3,
            max_span_days: 3,
        }
    }
}

/// One event mention of a happening, as [`Store::mentions`] lists it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Mention {
    /// `<document hash>:<index>`.
    pub event_id: String,
    pub document_hash: String,
    pub source: Option<String>,
    pub published: Option<String>,
    pub trigger_text: String,
}

/// One stored event mention, as far as grouping needs it.
struct MentionKey {
    id: String,
    doc_hash: String,
    cluster: String,
    event_type: String,
    modality: String,
    actors: Vec<String>,
    recipients: Vec<String>,
    place: Option<i64>,
    /// Day numbers (days from CE) of the date interval, when known.
    interval: Option<(i64, i64)>,
    /// Interval short enough for cross-document linking.
    fine: bool,
    /// The interval when the text states the date (not the publication day standing in).
    stated: Option<(i64, i64)>,
}

fn day(date: &str) -> Option<i64> {
    let date = date.get(..10).unwrap_or(date);
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .map(|d| i64::from(d.num_days_from_ce()))
}

fn interval(
    value: Option<&str>,
    precision: Option<&str>,
    published: Option<&str>,
) -> Option<(i64, i64)> {
    let Some(value) = value else {
        let d = day(published?)?;
        return Some((d, d));
    };
    let start = day(value)?;
    let end = match precision.unwrap_or("day") {
        "week" => start + 6,
        "month" => start + 30,
        "year" => start + 364,
        // A range's end is not stored per mention; ranges are treated as a week from their
        // start, which is how long most reported ranges ("since Sunday") are.
        "range" => start + 6,
        _ => start,
    };
    Some((start, end))
}

/// Actor codes overlap when one equals or is a prefix of the other (at least 3 letters).
fn actors_overlap(a: &[String], b: &[String]) -> bool {
    a.iter().any(|x| {
        b.iter().any(|y| {
            let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
            short.len() >= 3 && long.starts_with(short.as_str())
        })
    })
}

/// Rule 1 for two copies of one story: different documents, compatible actors, recipients and
/// places, stated dates within [`HappeningOptions::window_days`] and dates (stated, else
/// publication day) within [`HappeningOptions::same_story_window_days`].
fn same_story(a: &MentionKey, b: &MentionKey, options: &HappeningOptions) -> bool {
    if a.doc_hash == b.doc_hash {
        return false;
    }
    let compatible =
        |x: &[String], y: &[String]| x.is_empty() || y.is_empty() || actors_overlap(x, y);
    let actors_ok = compatible(&a.actors, &b.actors) && compatible(&a.recipients, &b.recipients);
    let place_ok = a.place.is_none() || b.place.is_none() || a.place == b.place;
    // Templated wire copy ("X shelled Y on DATE") can be near-identical text for different
    // days: dates the texts state must still agree.
    let near = |x: Option<(i64, i64)>, y: Option<(i64, i64)>, window: i64| match (x, y) {
        (Some((s1, e1)), Some((s2, e2))) => s2 <= e1 + window && s1 <= e2 + window,
        _ => true,
    };
    actors_ok
        && place_ok
        && near(a.stated, b.stated, options.window_days)
        && near(a.interval, b.interval, options.same_story_window_days)
}

/// One date interval, widened by `window` days each side, holds the other (a day in its week,
/// equal days, equal weeks).
fn nested(a: Option<(i64, i64)>, b: Option<(i64, i64)>, window: i64) -> bool {
    match (a, b) {
        (Some((s1, e1)), Some((s2, e2))) => {
            (s1 - window <= s2 && e2 <= e1 + window) || (s2 - window <= s1 && e1 <= e2 + window)
        }
        _ => true,
    }
}

/// Union-find over mentions that also keeps each component's date span, so a link that would
/// stretch a happening past [`HappeningOptions::max_span_days`] can be refused: links are
/// local (this day, that copy), and without a cap daily reports chain into one happening.
struct UnionFind {
    parent: Vec<usize>,
    span: Vec<Option<(i64, i64)>>,
}

impl UnionFind {
    fn new(spans: Vec<Option<(i64, i64)>>) -> Self {
        UnionFind {
            parent: (0..spans.len()).collect(),
            span: spans,
        }
    }
    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }
    /// Joins the components of `a` and `b` unless the joined dates would span more than `cap`
    /// days (or more than the longer of the two already does).
    fn union_within(&mut self, a: usize, b: usize, cap: i64) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let joined = match (self.span[ra], self.span[rb]) {
            (Some((s1, e1)), Some((s2, e2))) => {
                let longest = (e1 - s1).max(e2 - s2).max(cap);
                let joined = (s1.min(s2), e1.max(e2));
                if joined.1 - joined.0 > longest {
                    return;
                }
                Some(joined)
            }
            (x, y) => x.or(y),
        };
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[hi] = lo;
        self.span[lo] = joined;
    }
}

/// Recomputes every mention's happening and the happenings table; returns (mentions,
/// happenings).
pub(crate) fn recompute(
    tx: &Transaction<'_>,
    options: &HappeningOptions,
) -> Result<(usize, usize), StoreError> {
    let mut mentions: Vec<MentionKey> = Vec::new();
    {
        let mut stmt = tx.prepare(
            "SELECT e.id, d.hash, d.cluster, e.event_type, e.modality, e.actor_codes,
                    e.place_geonameid, e.date, e.date_precision, d.published, e.recipient_codes
             FROM events e JOIN documents d ON d.id = e.doc ORDER BY e.id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let doc_hash: String = r.get(1)?;
            let date: Option<String> = r.get(7)?;
            let precision: Option<String> = r.get(8)?;
            let published: Option<String> = r.get(9)?;
            let interval = interval(date.as_deref(), precision.as_deref(), published.as_deref());
            let date = date.as_deref();
            let fine = interval.is_some_and(|(s, e)| e - s < options.max_interval_days);
            mentions.push(MentionKey {
                id: r.get(0)?,
                cluster: r
                    .get::<_, Option<String>>(2)?
                    .unwrap_or_else(|| doc_hash.clone()),
                doc_hash,
                event_type: r.get(3)?,
                modality: r.get(4)?,
                actors: split_list(&r.get::<_, String>(5)?),
                recipients: split_list(&r.get::<_, String>(10)?),
                place: r.get(6)?,
                interval,
                fine,
                stated: interval
                    .filter(|_| date.is_some() && precision.as_deref() != Some("publication")),
            });
        }
    }
    // Sorted by id, so index order is id order and a component's root (smallest index) is its
    // smallest id.
    let n = mentions.len();
    let mut uf = UnionFind::new(mentions.iter().map(|m| m.interval).collect());
    let cap = options.max_span_days;

    // Rule 1: same near-duplicate cluster, different documents.
    // BTreeMaps: capped links depend on the order they are tried, which must be the same on
    // every run.
    let mut by_cluster: BTreeMap<(&str, &str, &str), Vec<usize>> = BTreeMap::new();
    for (i, m) in mentions.iter().enumerate() {
        by_cluster
            .entry((&m.cluster, &m.event_type, &m.modality))
            .or_default()
            .push(i);
    }
    // Each copy joins the first earlier "seed" copy it agrees with, or becomes a seed itself.
    // Linking every compatible pair instead chained templated cables copied day after day
    // into one happening weeks long; against a seed, a happening's dates stay within the
    // same-story window of its first report.
    for group in by_cluster.values_mut() {
        if group.len() < 2 {
            continue;
        }
        group.retain(|&i| mentions[i].fine);
        group.sort_by_key(|&i| (mentions[i].interval.map(|iv| iv.0), i));
        let mut seeds: Vec<usize> = Vec::new();
        for &i in group.iter() {
            let seed = seeds
                .iter()
                .copied()
                .find(|&s| same_story(&mentions[s], &mentions[i], options));
            match seed {
                Some(s) => uf.union_within(s, i, cap),
                None => seeds.push(i),
            }
        }
    }

    // Rule 2: same type, modality and known place; a shared actor code; the same dates.
    let mut by_place: BTreeMap<(&str, &str, Option<i64>), Vec<usize>> = BTreeMap::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.fine && m.place.is_some() {
            by_place
                .entry((&m.event_type, &m.modality, m.place))
                .or_default()
                .push(i);
        }
    }
    for group in by_place.values_mut() {
        group.sort_by_key(|&i| (mentions[i].interval.map(|iv| iv.0), i));
        for (x, &i) in group.iter().enumerate() {
            let (_, end_i) = mentions[i].interval.unwrap_or((0, 0));
            for &j in &group[x + 1..] {
                let (start_j, _) = mentions[j].interval.unwrap_or((0, 0));
                if start_j > end_i + options.window_days {
                    break;
                }
                let (a, b) = (&mentions[i], &mentions[j]);
                // Overlap is not enough: a week-long date would bridge the daily reports inside
                // it and a range those after it. One interval must hold the other (ISO weeks
                // are aligned, so this keeps a happening inside one week).
                if !nested(a.interval, b.interval, options.window_days) {
                    continue;
                }
                // Independent reports must name a common actor, and their recipients must not
                // differ: two actorless CONSULTs in Riyadh on one day are usually two audiences
                // (linking them chained 346 mentions over three weeks on SaudiNewsNet), and the
                // King receiving two ambassadors is two meetings. Phoenix keys on actors too.
                let shares = |x: &[String], y: &[String]| x.iter().any(|c| y.contains(c));
                let linked = shares(&a.actors, &b.actors)
                    && (a.recipients.is_empty()
                        || b.recipients.is_empty()
                        || shares(&a.recipients, &b.recipients));
                if linked {
                    uf.union_within(i, j, cap);
                }
            }
        }
    }

    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        let root = uf.find(i);
        groups.entry(root).or_default().push(i);
    }
    {
        let mut update = tx.prepare("UPDATE events SET happening = ?2 WHERE id = ?1")?;
        for (root, members) in &groups {
            for &i in members {
                update.execute([&mentions[i].id, &mentions[*root].id])?;
            }
        }
    }
    tx.execute("DELETE FROM happenings", [])?;
    tx.execute_batch(
        "INSERT INTO happenings
         SELECT e.happening,
                (SELECT r.event_type FROM events r WHERE r.id = e.happening),
                (SELECT r.mode FROM events r WHERE r.id = e.happening),
                (SELECT r.modality FROM events r WHERE r.id = e.happening),
                NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                '', '', '', '', NULL, max(e.confidence), '',
                count(*), count(DISTINCT e.doc), 0, '', '', min(d.published), NULL, ''
         FROM events e JOIN documents d ON d.id = e.doc
         GROUP BY e.happening",
    )?;
    fill_happening_details(tx, &groups, &mentions)?;
    Ok((n, groups.len()))
}

/// Per happening: a representative mention (highest confidence, then placed, then smallest id)
/// gives type, place and trigger; dates span all fine-grained mentions; codes, texts, outlets
/// and documents are unions.
fn fill_happening_details(
    tx: &Transaction<'_>,
    groups: &BTreeMap<usize, Vec<usize>>,
    mentions: &[MentionKey],
) -> Result<(), StoreError> {
    let mut read = tx.prepare(
        "SELECT e.id, e.confidence, e.place_geonameid, e.place_name, e.place_country,
                e.place_admin1, e.place_feature, e.lat, e.lon, e.date, e.date_precision,
                e.actor_codes, e.actor_text, e.recipient_codes, e.recipient_text, e.cameo,
                e.context, e.trigger_text, d.source, d.hash, d.title, d.published
         FROM events e JOIN documents d ON d.id = e.doc
         WHERE e.happening = ?1 ORDER BY e.id",
    )?;
    let mut write = tx.prepare(
        "UPDATE happenings SET date_start = ?2, date_end = ?3, date_precision = ?4,
            place_geonameid = ?5, place_name = ?6, place_country = ?7, place_admin1 = ?8,
            place_feature = ?9, lat = ?10, lon = ?11, actor_codes = ?12, actor_text = ?13,
            recipient_codes = ?14, recipient_text = ?15, cameo = ?16, context = ?17,
            sources = ?18, source_list = ?19, document_list = ?20, headline = ?21,
            trigger_text = ?22
         WHERE id = ?1",
    )?;
    for root in groups.keys() {
        let id = &mentions[*root].id;
        let rows: Vec<Vec<Value>> = read
            .query_map([id], |r| {
                (0..22)
                    .map(|i| r.get::<_, Value>(i))
                    .collect::<Result<Vec<_>, _>>()
            })?
            .collect::<Result<_, _>>()?;
        let text = |v: &Value| match v {
            Value::Text(s) => Some(s.clone()),
            _ => None,
        };
        let real = |v: &Value| match v {
            Value::Real(f) => Some(*f),
            Value::Integer(i) => Some(*i as f64),
            _ => None,
        };
        // Representative: highest confidence, then one with a place, then smallest id (rows
        // come sorted by id and max_by keeps the last maximum, so iterate in reverse).
        let rep = rows
            .iter()
            .rev()
            .max_by(|a, b| {
                let ca = real(&a[1]).unwrap_or(0.0);
                let cb = real(&b[1]).unwrap_or(0.0);
                ca.total_cmp(&cb)
                    .then((a[2] != Value::Null).cmp(&(b[2] != Value::Null)))
            })
            .expect("a happening has at least one mention");
        let mut starts: Vec<String> = Vec::new();
        let mut codes = BTreeSet::new();
        let mut actor_texts = BTreeSet::new();
        let mut rcodes = BTreeSet::new();
        let mut rtexts = BTreeSet::new();
        let mut contexts = BTreeSet::new();
        let mut sources = BTreeSet::new();
        let mut docs = BTreeSet::new();
        for r in &rows {
            let date = text(&r[9]).or_else(|| text(&r[21]));
            if let Some(d) = date {
                starts.push(d);
            }
            for (set, col) in [
                (&mut codes, 11),
                (&mut actor_texts, 12),
                (&mut rcodes, 13),
                (&mut rtexts, 14),
                (&mut contexts, 16),
            ] {
                set.extend(split_list(&text(&r[col]).unwrap_or_default()));
            }
            if let Some(s) = text(&r[18]) {
                sources.insert(s);
            }
            docs.insert(text(&r[19]).unwrap_or_default());
        }
        starts.sort();
        let rep_precision = text(&rep[10]).unwrap_or_else(|| "publication".into());
        write.execute(rusqlite::params![
            id,
            starts.first(),
            starts.last(),
            rep_precision,
            rep[2],
            rep[3],
            rep[4],
            rep[5],
            rep[6],
            rep[7],
            rep[8],
            join_list(&codes),
            join_list(&actor_texts),
            join_list(&rcodes),
            join_list(&rtexts),
            rep[15],
            join_list(&contexts),
            sources.len() as i64,
            join_list(&sources),
            join_list(&docs),
            rep[20],
            rep[17],
        ])?;
    }
    Ok(())
}

/// Filters for [`Store::events`]; every filter is optional and they combine with AND.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventQuery {
    pub event_type: Option<EventType>,
    /// An actor code or code prefix (`SYR` matches `SYRGOV`), matched against source actors.
    pub actor: Option<String>,
    /// The same, against recipients.
    pub recipient: Option<String>,
    /// GeoNames id of the place.
    pub place: Option<u64>,
    /// Happenings whose last date is on or after this day.
    pub since: Option<NaiveDate>,
    /// Happenings whose first date is on or before this day.
    pub until: Option<NaiveDate>,
    /// Only this modality (`asserted`, `future`, `negated`, `hypothetical`, `historical`).
    pub modality: Option<Modality>,
    /// At most this many (0: no limit).
    pub limit: usize,
}

/// One happening: a real-world event with every mention that reported it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Happening {
    pub id: String,
    pub event_type: String,
    pub mode: Option<String>,
    pub modality: String,
    /// The type under PLOVER's rules for intentions (`hadath_core::plover`): a future CONSULT
    /// is AGREE, an announced attack THREATEN; the same as `event_type` for what happened.
    pub plover_type: String,
    /// The mode under the same rules.
    pub plover_mode: Option<String>,
    pub date_start: Option<String>,
    pub date_end: Option<String>,
    pub date_precision: Option<String>,
    pub place_geonameid: Option<i64>,
    pub place_name: Option<String>,
    pub place_country: Option<String>,
    pub place_admin1: Option<String>,
    pub place_feature: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub actor_codes: Vec<String>,
    pub actor_text: Vec<String>,
    pub recipient_codes: Vec<String>,
    pub recipient_text: Vec<String>,
    pub cameo: Option<String>,
    pub confidence: f64,
    pub context: Vec<String>,
    /// Event mentions grouped here.
    pub mentions: usize,
    /// Distinct documents among them.
    pub documents: usize,
    /// Distinct outlets among them.
    pub sources: usize,
    pub source_list: Vec<String>,
    /// Content hashes of the documents.
    pub document_list: Vec<String>,
    pub first_published: Option<String>,
    /// Title of the representative mention's document.
    pub headline: Option<String>,
    pub trigger_text: String,
}

pub(crate) const HAPPENING_COLUMNS: &str = "id, event_type, mode, modality, date_start, date_end,
    date_precision, place_geonameid, place_name, place_country, place_admin1, place_feature, lat,
    lon, actor_codes, actor_text, recipient_codes, recipient_text, cameo, confidence, context,
    mentions, documents, sources, source_list, document_list, first_published, headline,
    trigger_text";

pub(crate) fn happening_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Happening> {
    let list =
        |i: usize| -> rusqlite::Result<Vec<String>> { Ok(split_list(&r.get::<_, String>(i)?)) };
    Ok(Happening {
        id: r.get(0)?,
        event_type: r.get(1)?,
        mode: r.get(2)?,
        modality: r.get(3)?,
        // Filled in by `with_plover_coding` (it needs the mentions' attributions).
        plover_type: r.get(1)?,
        plover_mode: r.get(2)?,
        date_start: r.get(4)?,
        date_end: r.get(5)?,
        date_precision: r.get(6)?,
        place_geonameid: r.get(7)?,
        place_name: r.get(8)?,
        place_country: r.get(9)?,
        place_admin1: r.get(10)?,
        place_feature: r.get(11)?,
        lat: r.get(12)?,
        lon: r.get(13)?,
        actor_codes: list(14)?,
        actor_text: list(15)?,
        recipient_codes: list(16)?,
        recipient_text: list(17)?,
        cameo: r.get(18)?,
        confidence: r.get(19)?,
        context: list(20)?,
        mentions: r.get::<_, i64>(21)? as usize,
        documents: r.get::<_, i64>(22)? as usize,
        sources: r.get::<_, i64>(23)? as usize,
        source_list: list(24)?,
        document_list: list(25)?,
        first_published: r.get(26)?,
        headline: r.get(27)?,
        trigger_text: r.get(28)?,
    })
}

/// Keeps letters and digits of a code filter, so it can go into a LIKE pattern safely.
fn code_filter(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_uppercase()
}

impl Store {
    /// Happenings matching the filters, most reported first within date order: sorted by
    /// start date, then source count (descending), then id. Finalizes first when documents
    /// were added since the last finalize.
    pub fn events(&mut self, query: &EventQuery) -> Result<Vec<Happening>, StoreError> {
        self.finalize_if_needed()?;
        let mut sql = format!("SELECT {HAPPENING_COLUMNS} FROM happenings WHERE 1 = 1");
        let mut args: Vec<Value> = Vec::new();
        if let Some(t) = query.event_type {
            sql.push_str(" AND event_type = ?");
            args.push(Value::Text(t.as_str().into()));
        }
        for (column, code) in [
            ("actor_codes", &query.actor),
            ("recipient_codes", &query.recipient),
        ] {
            if let Some(code) = code {
                // Codes are ';'-separated: a prefix match on any of them.
                sql.push_str(&format!(" AND (';' || {column}) LIKE ?"));
                args.push(Value::Text(format!("%;{}%", code_filter(code))));
            }
        }
        if let Some(place) = query.place {
            sql.push_str(" AND place_geonameid = ?");
            args.push(Value::Integer(place as i64));
        }
        if let Some(since) = query.since {
            sql.push_str(" AND date_end >= ?");
            args.push(Value::Text(since.to_string()));
        }
        if let Some(until) = query.until {
            sql.push_str(" AND date_start <= ?");
            args.push(Value::Text(until.to_string()));
        }
        if let Some(modality) = query.modality {
            sql.push_str(" AND modality = ?");
            let name = serde_json::to_value(modality).expect("a modality serialises");
            args.push(Value::Text(name.as_str().unwrap_or_default().to_string()));
        }
        sql.push_str(" ORDER BY date_start, sources DESC, id");
        if query.limit > 0 {
            sql.push_str(&format!(" LIMIT {}", query.limit));
        }
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), happening_from_row)?;
        let mut happenings: Vec<Happening> = rows.collect::<Result<_, _>>()?;
        for h in &mut happenings {
            self.with_plover_coding(h)?;
        }
        Ok(happenings)
    }

    /// Sets a happening's PLOVER type and mode. Only announced events (future, hypothetical)
    /// can differ from hadath's type, and for those who says so matters: the actor itself if
    /// any mention quotes it, else the outlet if any mention quotes nobody, else someone else.
    fn with_plover_coding(&self, h: &mut Happening) -> Result<(), StoreError> {
        let modality = match h.modality.as_str() {
            "future" => Modality::Future,
            "hypothetical" => Modality::Hypothetical,
            _ => return Ok(()),
        };
        let Some(event_type) = EventType::parse(&h.event_type) else {
            return Ok(());
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT attributed_code, attributed_text, actor_codes, actor_text FROM events
             WHERE happening = ?1",
        )?;
        let rows = stmt.query_map([&h.id], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, Option<String>>(1)?,
                split_list(&r.get::<_, String>(2)?),
                split_list(&r.get::<_, String>(3)?),
            ))
        })?;
        let mut speaker = Speaker::Other;
        for row in rows {
            let (code, text, codes, texts) = row?;
            // Codes and words are separate lists; an uncoded actor has only words.
            let attributed = match (&code, &text) {
                (None, None) => None,
                _ => Some((code.as_deref(), text.as_deref().unwrap_or(""))),
            };
            let actors = codes
                .iter()
                .map(|c| (Some(c.as_str()), ""))
                .chain(texts.iter().map(|t| (None, t.as_str())));
            match speaker_of(attributed, actors) {
                Speaker::Actor => {
                    speaker = Speaker::Actor;
                    break;
                }
                Speaker::Unattributed => speaker = Speaker::Unattributed,
                Speaker::Other => {}
            }
        }
        let coding = plover_coding(event_type, h.mode.as_deref(), modality, speaker);
        h.plover_type = coding.event_type.as_str().to_string();
        h.plover_mode = coding.mode;
        Ok(())
    }

    /// The event mentions of one happening, in event id order.
    pub fn mentions(&self, happening: &str) -> Result<Vec<Mention>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, d.hash, d.source, d.published, e.trigger_text FROM events e
             JOIN documents d ON d.id = e.doc WHERE e.happening = ?1 ORDER BY e.id",
        )?;
        let rows = stmt.query_map([happening], |r| {
            Ok(Mention {
                event_id: r.get(0)?,
                document_hash: r.get(1)?,
                source: r.get(2)?,
                published: r.get(3)?,
                trigger_text: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_codes_overlap_by_prefix() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert!(actors_overlap(&v(&["SYRGOV"]), &v(&["SYR"])));
        assert!(actors_overlap(&v(&["ISR", "SYRMIL"]), &v(&["SYRMIL"])));
        assert!(!actors_overlap(&v(&["SYRGOV"]), &v(&["SYRREB"])));
        assert!(!actors_overlap(&v(&[]), &v(&["SYRREB"])));
    }

    #[test]
    fn links_that_would_stretch_a_happening_past_the_cap_are_refused() {
        // Four daily mentions and one week-long one (days 0..=6).
        let mut uf = UnionFind::new(vec![
            Some((0, 0)),
            Some((2, 2)),
            Some((3, 3)),
            Some((5, 5)),
            Some((0, 6)),
        ]);
        uf.union_within(0, 1, 3);
        uf.union_within(1, 2, 3);
        assert_eq!(uf.find(2), 0, "days 0..=3 span three days");
        uf.union_within(2, 3, 3);
        assert_ne!(uf.find(3), 0, "day 5 would stretch it to five");
        uf.union_within(3, 4, 3);
        assert_eq!(
            uf.find(3),
            3,
            "a week-long mention may hold days of its week"
        );
        uf.union_within(0, 4, 3);
        assert_eq!(uf.find(4), 0);
        assert_eq!(uf.span[0], Some((0, 6)));
    }

    #[test]
    fn date_intervals() {
        assert_eq!(
            interval(Some("2015-07-01"), Some("day"), None).map(|(s, e)| e - s),
            Some(0)
        );
        assert_eq!(
            interval(Some("2015-07-01"), Some("week"), None).map(|(s, e)| e - s),
            Some(6)
        );
        assert_eq!(
            interval(None, None, Some("2015-07-02")),
            interval(Some("2015-07-02"), None, None)
        );
        assert_eq!(interval(None, None, None), None);
    }
}
