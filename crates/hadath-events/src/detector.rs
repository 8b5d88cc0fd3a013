//! A small logistic-regression re-scorer for ASSAULT and PROTEST events.
//!
//! The rules find triggers and modality; what they cannot judge well is whether a sentence
//! *reports a specific happening* or only talks about one (a trial for an assassination, a
//! column on violence). The GSR annotators drew exactly that line, so a linear model over the
//! rule outputs and the words of the sentence re-scores the confidence of those two types.
//!
//! Features are hashed into [`BUCKETS`] buckets. Weights live in `data/triggers/detector-*.tsv`
//! (compiled in), built by `cargo run --release -p hadath-events --example train` from the dev
//! half of arabic_event_gsr, which also prints k-fold cross-validated scores. An empty weight
//! file leaves the rule confidence in place.

use hadath_core::{Analysis, Event, EventType, Modality};
use hadath_language::normalize::normalize_key;
use std::sync::OnceLock;

/// Number of hash buckets.
pub const BUCKETS: usize = 1 << 18;

const ASSAULT_TSV: &str = include_str!("../../../data/triggers/detector-assault.tsv");
const PROTEST_TSV: &str = include_str!("../../../data/triggers/detector-protest.tsv");

/// A trained linear model: bias and sparse weights.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub bias: f32,
    pub weights: std::collections::HashMap<u32, f32>,
}

impl Model {
    /// Parses `bias\t<value>` then `<bucket>\t<weight>` lines; `#` starts a comment.
    pub fn parse(text: &str) -> Option<Model> {
        let mut model = Model::default();
        let mut any = false;
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let (k, v) = line.split_once('\t')?;
            let v: f32 = v.trim().parse().ok()?;
            if k == "bias" {
                model.bias = v;
            } else {
                model.weights.insert(k.parse().ok()?, v);
            }
            any = true;
        }
        any.then_some(model)
    }

    pub fn score(&self, features: &[u32]) -> f32 {
        let z = self.bias
            + features
                .iter()
                .map(|f| self.weights.get(f).copied().unwrap_or(0.0))
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }
}

/// The compiled-in model for an event type, if one was trained.
pub fn model(event_type: EventType) -> Option<&'static Model> {
    static A: OnceLock<Option<Model>> = OnceLock::new();
    static P: OnceLock<Option<Model>> = OnceLock::new();
    match event_type {
        EventType::Assault => A.get_or_init(|| Model::parse(ASSAULT_TSV)).as_ref(),
        EventType::Protest => P.get_or_init(|| Model::parse(PROTEST_TSV)).as_ref(),
        _ => None,
    }
}

fn hash(s: &str) -> u32 {
    // FNV-1a: stable across builds and platforms, which the weight files depend on.
    let mut h: u32 = 0x811c9dc5;
    for b in s.bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x01000193);
    }
    h % BUCKETS as u32
}

/// A word without leading conjunction and article, for bag-of-words features.
fn bare(word: &str) -> String {
    bare_key(&normalize_key(word))
}

/// [`bare`] of a word already normalised with `normalize_key`.
fn bare_key(k: &str) -> String {
    let k = k
        .strip_prefix('و')
        .filter(|r| r.chars().count() > 2)
        .unwrap_or(k);
    let k = k
        .strip_prefix("ال")
        .filter(|r| r.chars().count() > 1)
        .unwrap_or(k);
    k.to_string()
}

/// Word groups whose presence (near the trigger, in its clause, in the sentence) the model
/// weighs together. Normalised as `normalize_key` writes them (ة → ه, ى → ي, no hamza seat).
const CUE_GROUPS: &[(&str, &[&str])] = &[
    (
        "casualty",
        &[
            "قتيل",
            "قتلي",
            "قتيلا",
            "قتلا",
            "جريح",
            "جرحي",
            "جريحا",
            "مصرع",
            "اصابه",
            "اصابات",
            "اصيب",
            "اصيبوا",
            "مقتل",
            "ضحايا",
            "بجروح",
            "جروح",
            "جثه",
            "جثث",
            "حصيله",
            "شهيد",
            "شهداء",
            "مصابين",
        ],
    ),
    (
        "weapon",
        &[
            "صاروخ",
            "صواريخ",
            "عبوه",
            "ناسفه",
            "مفخخه",
            "رصاص",
            "بالرصاص",
            "قذيفه",
            "قذائف",
            "قنبله",
            "هاون",
            "انتحاري",
            "انتحاريه",
            "حزام",
            "سياره",
            "مسلح",
            "مسلحون",
            "مسلحين",
            "اسلحه",
            "نار",
            "النار",
            "انفجار",
            "انفجرت",
        ],
    ),
    (
        "recent",
        &[
            "امس",
            "اليوم",
            "صباح",
            "مساء",
            "ليل",
            "فجر",
            "الاثنين",
            "الثلاثاء",
            "الاربعاء",
            "الخميس",
            "الجمعه",
            "السبت",
            "الاحد",
        ],
    ),
    (
        "past",
        &[
            "ذكري",
            "تاريخ",
            "عام",
            "اعوام",
            "سنوات",
            "الماضي",
            "سابق",
            "سابقا",
            "منذ",
            "قبل",
            "شهدت",
            "الراحل",
            "الراحله",
        ],
    ),
    (
        "future",
        &[
            "سوف",
            "غدا",
            "المقبل",
            "المقبله",
            "القادم",
            "القادمه",
            "سيتم",
            "المرتقب",
        ],
    ),
    (
        "hypo",
        &[
            "لو",
            "اذا",
            "ان",
            "قد",
            "ربما",
            "يمكن",
            "احتمال",
            "محتمل",
            "خشيه",
            "تخوفا",
            "مخاوف",
        ],
    ),
    (
        "negation",
        &["لم", "لن", "لا", "ليس", "نفي", "نفت", "دون", "بدون"],
    ),
    (
        "plan",
        &[
            "دعا",
            "دعت",
            "دعوه",
            "دعوات",
            "يدعو",
            "ناشد",
            "تخطط",
            "يخطط",
            "خطط",
            "محاوله",
            "مخطط",
            "التخطيط",
            "تهدد",
            "هدد",
            "يهدد",
            "يعتزم",
            "تعتزم",
            "تنوي",
            "ينوي",
        ],
    ),
    (
        "ban",
        &[
            "منع",
            "حظر",
            "يمنع",
            "تمنع",
            "منعت",
            "حظرت",
            "يحظر",
            "تفريق",
            "فرقت",
        ],
    ),
    (
        "legal",
        &[
            "محكمه",
            "محاكمه",
            "متهم",
            "متهمين",
            "اتهام",
            "قضيه",
            "حكم",
            "سجن",
            "ادانه",
            "تحقيق",
            "اعتقل",
            "اعتقال",
            "القبض",
            "المتورطين",
        ],
    ),
    (
        "speech",
        &[
            "قال",
            "قالت",
            "اعلن",
            "اعلنت",
            "اكد",
            "اكدت",
            "ذكر",
            "ذكرت",
            "افاد",
            "افادت",
            "اوضح",
            "اضاف",
            "اضافت",
            "مصدر",
            "مصادر",
        ],
    ),
    (
        "condemn",
        &[
            "ادان",
            "ادانت",
            "استنكر",
            "ندد",
            "نددت",
            "شجب",
            "يدين",
            "تدين",
            "بشاعه",
        ],
    ),
    (
        "crowd",
        &[
            "الاف",
            "الالاف",
            "مئات",
            "عشرات",
            "المتظاهرين",
            "المتظاهرون",
            "متظاهرين",
            "المحتجين",
            "المحتجون",
            "محتجين",
            "حشود",
            "انصار",
            "طلاب",
            "عمال",
            "نشطاء",
        ],
    ),
    (
        "square",
        &[
            "امام",
            "ساحه",
            "ميدان",
            "شوارع",
            "الشوارع",
            "شارع",
            "مقر",
            "مبني",
            "السفاره",
            "البرلمان",
        ],
    ),
    (
        "chant",
        &[
            "شعارات",
            "لافتات",
            "هتف",
            "هتفوا",
            "يهتفون",
            "هتافات",
            "رافعين",
            "مرددين",
            "منددين",
            "مطالبين",
            "تنديدا",
            "احتجاجا",
            "رفضا",
            "تضامنا",
        ],
    ),
    ("question", &["؟", "?"]),
];

/// Token range `[start, end)` of the clause around token `at` (split at clause punctuation).
fn clause_of(analysis: &Analysis, tokens: &[hadath_core::Token], at: usize) -> (usize, usize) {
    let text = analysis.text();
    let boundary = |t: &hadath_core::Token| {
        matches!(
            t.span.slice(text),
            "،" | "," | "." | "؛" | ";" | ":" | "!" | "?" | "؟"
        )
    };
    let start = tokens[..at.min(tokens.len())]
        .iter()
        .rposition(boundary)
        .map_or(0, |i| i + 1);
    let end = tokens
        .iter()
        .skip(at + 1)
        .position(boundary)
        .map_or(tokens.len(), |i| at + 1 + i);
    (start, end)
}

/// Hashed features of one event in its sentence: each named feature twice, once shared by
/// ASSAULT and PROTEST and once for the event's type alone, so that one model learns from
/// both types' examples what a report of a specific happening looks like, and from each
/// type's own examples what is particular to it.
pub fn features(analysis: &Analysis, event: &Event) -> Vec<u32> {
    hash_features(&typed(event.event_type, feature_names(analysis, event)))
}

/// The shared and the type's own copy of each feature name.
pub fn typed(event_type: EventType, names: Vec<String>) -> Vec<String> {
    let own: Vec<String> = names
        .iter()
        .map(|n| format!("{}|{n}", event_type.as_str()))
        .collect();
    names.into_iter().chain(own).collect()
}

/// Hashes feature names into sorted, distinct buckets.
pub fn hash_features(names: &[String]) -> Vec<u32> {
    let mut out: Vec<u32> = names.iter().map(|s| hash(s)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The named features of one event in its sentence (what [`features`] hashes).
pub fn feature_names(analysis: &Analysis, event: &Event) -> Vec<String> {
    let text = analysis.text();
    let mut f: Vec<String> = Vec::new();
    f.push(format!("mod={:?}", event.modality));
    f.push(format!("trig={}", bare(event.trigger.slice(text))));
    f.push(format!("cameo={}", event.cameo.as_deref().unwrap_or("-")));
    f.push(format!("conf={}", (event.confidence * 10.0).round() as i32));
    f.push(format!("mentions={}", event.mentions.len().min(3)));
    // No feature for "the event has an actor / a recipient": once the coder named victims and
    // protest targets without an actor code, and read passives (whose doer is unnamed), these
    // said more about the argument rules than about the sentence. Without them, mean F1 over
    // fold assignments 0-3 / 4-7: ASSAULT 0.659 / 0.660 (0.655 / 0.655 with them), PROTEST
    // 0.640 / 0.645 (0.630 / 0.632); and detection no longer moves with the argument rules.
    f.push(format!("attributed={}", event.attributed_to.is_some()));
    f.push(format!(
        "dated={:?}",
        event.date.as_ref().map(|d| d.precision)
    ));
    let tokens = analysis.sentence_tokens(event.sentence);
    let at = tokens
        .iter()
        .position(|t| t.span.overlaps(event.trigger))
        .unwrap_or(0);
    f.push(format!("pos={}", (at * 5 / tokens.len().max(1)).min(4)));
    f.push(format!("len={}", (tokens.len() / 10).min(6)));
    // Each token's normalised form and bare word, computed once for every feature below.
    let keys: Vec<String> = tokens
        .iter()
        .map(|t| normalize_key(t.span.slice(text)))
        .collect();
    let bares: Vec<String> = keys.iter().map(|k| bare_key(k)).collect();
    for (i, w) in bares.iter().enumerate() {
        if i + 3 >= at && i <= at + 3 && i != at {
            let side = if i < at { "L" } else { "R" };
            f.push(format!("ctx{side}={w}"));
        }
        f.push(format!("w={w}"));
    }
    // Cue groups: pooled evidence an analyst would name, by where it sits (trigger's clause
    // or elsewhere in the sentence) and how far from the trigger.
    let (cs, ce) = clause_of(analysis, tokens, at);
    for (i, t) in tokens.iter().enumerate() {
        let raw = t.span.slice(text);
        let (w, key) = (&bares[i], &keys[i]);
        if i >= cs && i < ce && i != at {
            f.push(format!("cl={w}"));
        }
        let scope = if i >= cs && i < ce { "in" } else { "out" };
        let d = i.abs_diff(at);
        let near = if d <= 3 {
            "3"
        } else if d <= 8 {
            "8"
        } else {
            "far"
        };
        for (group, words) in CUE_GROUPS {
            if words.iter().any(|x| w == x || key == x) {
                f.push(format!("g={group}"));
                f.push(format!("g={group}@{scope}"));
                f.push(format!(
                    "g={group}@{near}{}",
                    if i < at { "L" } else { "R" }
                ));
            }
        }
        if let Ok(year) = raw.parse::<i32>() {
            if (1900..2100).contains(&year) {
                let published = analysis
                    .document
                    .published
                    .map(|d| chrono::Datelike::year(&d));
                let age = published.map(|p| (p - year).clamp(-1, 3));
                f.push(format!("year@{scope}={age:?}"));
            }
        }
    }
    for e in analysis.entities.iter() {
        let Some(ti) = tokens.iter().position(|t| t.span.overlaps(e.span)) else {
            continue;
        };
        let scope = if ti >= cs && ti < ce { "in" } else { "out" };
        f.push(format!("ent={:?}@{scope}", e.kind));
        if e.actor.is_some() {
            f.push(format!("entactor@{scope}"));
        }
    }
    f.push(format!("mode={}", event.mode.as_deref().unwrap_or("-")));
    // The trigger's stem and clitics: "للمتظاهرين", "بالمتظاهرين" and "المتظاهرين" share the
    // stem متظاهرين, and the particle says how the word is used ("لاغتيال", for killing: a
    // plan or a charge; "بقتل", accused of killing).
    if let Some(t) = tokens.get(at) {
        match &t.clitics {
            Some(c) => {
                f.push(format!("tstem={}", normalize_key(c.stem.slice(text))));
                let part = c.particle.map(|p| normalize_key(p.slice(text)));
                f.push(format!("tpart={}", part.as_deref().unwrap_or("-")));
                f.push(format!("tart={}", c.article.is_some()));
                f.push(format!("tsuf={}", c.suffix.is_some()));
                f.push(format!("tconj={}", c.conjunction.is_some()));
            }
            None => {
                f.push(format!("tstem={}", bare(t.span.slice(text))));
                f.push("tpart=-".to_string());
            }
        }
    }
    // Every trigger word of the happening (the sentence's mentions merge into one event).
    for m in std::iter::once(&event.trigger).chain(event.mentions.iter()) {
        f.push(format!("mtrig={}", bare(m.slice(text))));
    }
    // Every other event in the sentence (a report of an attack often also reports arrests).
    for e in analysis
        .events
        .iter()
        .filter(|e| e.sentence == event.sentence)
    {
        f.push(format!("co={}:{:?}", e.event_type.as_str(), e.modality));
    }
    f
}

/// Re-scores the confidence of ASSAULT and PROTEST events with the trained models.
pub fn rescore(analysis: &mut Analysis) {
    // The models read Arabic words and were trained on Arabic sentences: English events keep
    // the rules' confidence (scored by an Arabic model, "Brazil protested." came out at 0.02).
    if analysis.language != hadath_core::Language::Arabic {
        return;
    }
    let scores: Vec<Option<f32>> = analysis
        .events
        .iter()
        .map(|e| model(e.event_type).map(|m| m.score(&features(analysis, e))))
        .collect();
    for (e, s) in analysis.events.iter_mut().zip(scores) {
        if let Some(s) = s {
            e.confidence = s;
        }
    }
}

/// True when an event of this type and modality counts as "happened" once confident enough:
/// asserted events, and for the re-scored types also historical ones, which the model judges
/// (the GSR accepts chronology entries such as "* 21 May 2005: assassination of ...", and
/// rejects a past attack named as background).
pub fn counts(event_type: EventType, modality: Modality) -> bool {
    modality == Modality::Asserted
        || (modality == Modality::Historical && model(event_type).is_some())
}

/// The modalities a re-scorer is trained on and judges.
pub fn judged(modality: Modality) -> bool {
    matches!(modality, Modality::Asserted | Modality::Historical)
}

/// Logistic regression by SGD with L2 on soft targets in [0, 1] (cross-entropy against the
/// target), classes balanced by their total target mass, positives weighted `pos_weight` more;
/// with 0/1 targets, plain weighted logistic regression. `seed` orders the examples. Each
/// feature of an example is left out of each update with probability `dropout` (the kept ones
/// scaled up to keep the expected logit), which spreads weight over the many features of a
/// sentence instead of a few.
pub fn train_dropout(
    examples: &[(Vec<u32>, f32)],
    epochs: usize,
    l2: f32,
    rate: f32,
    pos_weight: f32,
    seed: u64,
    dropout: f32,
) -> Model {
    let mut w = vec![0.0f32; BUCKETS];
    let mut bias = 0.0f32;
    let n = examples.len() as f32;
    let pos = examples.iter().map(|e| e.1).sum::<f32>().max(1.0);
    let neg = (n - pos).max(1.0);
    // Balance the classes: positives are rare (one in ten).
    let (wp, wn) = (pos_weight * 0.5 * n / pos, 0.5 * n / neg);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut seed: u64 = 0x9e3779b97f4a7c15 ^ seed.wrapping_mul(0xd1b54a32d192ed03);
    let next = |s: &mut u64| {
        *s ^= *s << 13;
        *s ^= *s >> 7;
        *s ^= *s << 17;
        *s
    };
    let keep_scale = 1.0 / (1.0 - dropout.clamp(0.0, 0.95));
    let cut = (dropout.clamp(0.0, 0.95) as f64 * u32::MAX as f64) as u64;
    let mut kept: Vec<u32> = Vec::new();
    for epoch in 0..epochs {
        // Deterministic shuffle (xorshift), so the artifact rebuilds identically.
        for i in (1..order.len()).rev() {
            let r = next(&mut seed);
            order.swap(i, (r % (i as u64 + 1)) as usize);
        }
        let lr = rate / (1.0 + epoch as f32 * 0.5);
        for &i in &order {
            let (x, t) = &examples[i];
            let (xs, scale): (&[u32], f32) = if dropout > 0.0 {
                kept.clear();
                for &f in x {
                    if (next(&mut seed) & 0xffff_ffff) >= cut {
                        kept.push(f);
                    }
                }
                (&kept, keep_scale)
            } else {
                (x, 1.0)
            };
            let z = bias + scale * xs.iter().map(|&f| w[f as usize]).sum::<f32>();
            let p = 1.0 / (1.0 + (-z).exp());
            // d/dz of -(wp t ln p + wn (1 - t) ln (1 - p)).
            let g = wp * t * (p - 1.0) + wn * (1.0 - t) * p;
            bias -= lr * g;
            for &f in xs {
                let wf = &mut w[f as usize];
                *wf -= lr * (g * scale + l2 * *wf);
            }
        }
    }
    Model {
        bias,
        weights: w
            .into_iter()
            .enumerate()
            .filter(|(_, v)| v.abs() > 1e-4)
            .map(|(i, v)| (i as u32, v))
            .collect(),
    }
}

/// The average of linear models (an ensemble averaging their logits, as one model).
pub fn average(models: &[Model]) -> Model {
    let n = models.len().max(1) as f32;
    let mut out = Model::default();
    for m in models {
        out.bias += m.bias / n;
        for (k, v) in &m.weights {
            *out.weights.entry(*k).or_insert(0.0) += v / n;
        }
    }
    out.weights.retain(|_, v| v.abs() > 1e-4);
    out
}

/// Serialises a model as the weight file format [`Model::parse`] reads.
pub fn to_tsv(model: &Model, header: &str) -> String {
    let mut out = String::new();
    for line in header.lines() {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(&format!("bias\t{:.5}\n", model.bias));
    let mut ws: Vec<(&u32, &f32)> = model.weights.iter().collect();
    ws.sort_by_key(|(k, _)| **k);
    for (k, v) in ws {
        out.push_str(&format!("{k}\t{v:.5}\n"));
    }
    out
}
