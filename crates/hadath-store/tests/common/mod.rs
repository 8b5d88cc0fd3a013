//! Synthetic Arabic news for the store's tests: wire stories republished by several outlets,
//! independent reports of the same happenings, and a deterministic stand-in for the pipeline.

#![allow(dead_code)]

use chrono::NaiveDate;
use hadath_core::{
    Analysis, DatePrecision, Document, Entity, EntityType, Event, EventDate, EventLocation,
    EventType, Language, Modality, Participant, Place, PlacePrecision, Span,
};

/// (written form in text, normalised lookup, GeoNames id, English name, lat, lon)
pub const PLACES: [(&str, u64, &str, f64, f64); 4] = [
    ("درعا", 170905, "Daraa", 32.6189, 36.1021),
    ("حلب", 170063, "Aleppo", 36.2021, 37.1343),
    ("إدلب", 169389, "Idlib", 35.9306, 36.6339),
    ("حمص", 169577, "Homs", 34.7268, 36.7234),
];
pub const ACTORS: [(&str, &str); 3] = [
    ("الجيش السوري", "SYRMIL"),
    ("فصائل المعارضة", "SYRREB"),
    ("قوات الأمن", "SYRCOP"),
];
/// (verb as written, event type, mode)
pub const VERBS: [(&str, EventType, &str); 3] = [
    ("قصف", EventType::Assault, "aerial"),
    ("تظاهر", EventType::Protest, "demonstrate"),
    ("اعتقل", EventType::Coerce, "arrest"),
];
pub const OUTLETS: [&str; 4] = ["okaz", "alriyadh", "almadina", "alwatan"];

/// Words for the part of each wire story that is its own, so two stories' texts differ as
/// much as real ones do (the rest of the template is shared boilerplate).
const VOCABULARY: [&str; 40] = [
    "الطريق",
    "الجسر",
    "المستشفى",
    "المدرسة",
    "السوق",
    "المسجد",
    "الحاجز",
    "المطار",
    "الميناء",
    "المصنع",
    "الحقل",
    "الوادي",
    "التلة",
    "القرية",
    "البلدة",
    "الحي",
    "الشارع",
    "المخيم",
    "المعبر",
    "المستودع",
    "الطاحونة",
    "البئر",
    "المحطة",
    "الملعب",
    "الجامعة",
    "المكتبة",
    "السجن",
    "الثكنة",
    "المقر",
    "الفندق",
    "المخبز",
    "الصيدلية",
    "العيادة",
    "المزرعة",
    "الساحة",
    "البرج",
    "النهر",
    "السد",
    "المنجم",
    "الغابة",
];

fn story_words(story: usize) -> String {
    (0..18)
        .map(|k| VOCABULARY[(story * 7 + k * k * 3 + k) % VOCABULARY.len()])
        .collect::<Vec<_>>()
        .join(" و")
}

fn day(story: usize) -> NaiveDate {
    NaiveDate::from_ymd_opt(2015, 6, 20).unwrap() + chrono::Days::new(story as u64)
}

/// `n` documents: story `s = i / 3`; copies 0 and 1 are the same wire text under two outlets'
/// headers (a near-duplicate cluster), copy 2 is another outlet's own wording of the same
/// happening (same actor, place and day: grouped by the event rule, not by text).
pub fn documents(n: usize) -> Vec<Document> {
    (0..n)
        .map(|i| {
            let story = i / 3;
            let copy = i % 3;
            let place = PLACES[story % PLACES.len()].0;
            let (actor, _) = ACTORS[story % ACTORS.len()];
            let (verb, _, _) = VERBS[story % VERBS.len()];
            let date = day(story);
            let text = match copy {
                0 | 1 => {
                    let header = if copy == 0 {
                        "دمشق - واس"
                    } else {
                        "بيروت (واس)"
                    };
                    format!(
                        "{header}\n{verb} {actor} أحياء في مدينة وب{place} بتاريخ {date} وفق ما \
                         أفاد مصدر ميداني للوكالة في التقرير رقم {story}، وأضاف المصدر أن \
                         الأضرار طالت {} وأن فرق الإسعاف وصلت إلى المكان بعد ساعات \
                         من الحادث الذي وقع صباح اليوم.\nانتهى",
                        story_words(story)
                    )
                }
                _ => format!(
                    "ذكرت مصادر محلية أن {actor} {verb} مواقع عدة في {place} بتاريخ {date} \
                     ضمن الملف {story}، من دون أن تتوفر معلومات دقيقة عن الخسائر حتى الآن."
                ),
            };
            Document {
                id: format!("doc-{i}"),
                title: Some(format!("{actor} في {place} ({story})")),
                text,
                published: Some(date),
                source: Some(OUTLETS[(i + story) % OUTLETS.len()].to_string()),
                origin: hadath_core::Origin {
                    path: "synthetic.jsonl".into(),
                    member: None,
                    record: Some(i + 1),
                },
                ..Default::default()
            }
        })
        .collect()
}

fn find(text: &str, needle: &str) -> Option<Span> {
    text.find(needle).map(|s| Span::new(s, s + needle.len()))
}

/// A deterministic stand-in for `Pipeline::analyze`: finds the verb, actor, place and date the
/// generator wrote, and codes one event with entities for them.
pub fn analyze(document: Document) -> Analysis {
    let mut analysis = Analysis::new(document);
    analysis.language = Language::Arabic;
    let text = analysis.document.text.clone();
    let actor = ACTORS
        .iter()
        .find_map(|(w, code)| find(&text, w).map(|s| (s, *code)));
    let place = PLACES.iter().find_map(|p| find(&text, p.0).map(|s| (s, p)));
    let date = text.find("2015-").map(|s| Span::new(s, s + 10));
    if let Some((span, code)) = actor {
        analysis.entities.push(Entity {
            span,
            kind: EntityType::ORG,
            source: "test".into(),
            actor: Some(hadath_core::Actor {
                code: code.into(),
                country: Some("SYR".into()),
                sector: Some(code[3..].into()),
                name: None,
                entry: None,
            }),
            place: None,
            date: None,
        });
    }
    let place_value = place.map(|(span, p)| {
        (
            span,
            Place {
                geonameid: Some(p.1),
                name: Some(p.2.into()),
                name_ar: Some(p.0.into()),
                lat: Some(p.3),
                lon: Some(p.4),
                country: Some("SY".into()),
                admin1: Some(p.2.into()),
                feature: Some("PPLA".into()),
                precision: PlacePrecision::Exact,
                candidates: 1,
            },
        )
    });
    if let Some((span, p)) = &place_value {
        analysis.entities.push(Entity {
            span: *span,
            kind: EntityType::GPE,
            source: "test".into(),
            actor: None,
            place: Some(p.clone()),
            date: None,
        });
    }
    for (verb, event_type, mode) in VERBS {
        let Some(trigger) = find(&text, verb) else {
            continue;
        };
        analysis.events.push(Event {
            event_type,
            mode: Some(mode.into()),
            context: vec![],
            actor: actor
                .iter()
                .map(|(span, code)| Participant {
                    span: *span,
                    code: Some(code.to_string()),
                })
                .collect(),
            recipient: vec![],
            location: place_value.as_ref().map(|(span, p)| EventLocation {
                span: *span,
                place: Some(p.clone()),
            }),
            date: date.map(|span| EventDate {
                value: span.slice(&text).to_string(),
                precision: DatePrecision::Day,
                span: Some(span),
            }),
            modality: Modality::Asserted,
            attributed_to: None,
            trigger,
            sentence: 0,
            cameo: Some(
                if event_type == EventType::Assault {
                    "195"
                } else {
                    "140"
                }
                .into(),
            ),
            confidence: 0.9,
            mentions: vec![],
        });
    }
    analysis
}
