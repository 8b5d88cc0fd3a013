//! The output contract of `hadath extract`: one JSON object per document, spans in code points.
//!
//! Internally every span is in bytes; here each becomes `{"start", "end"}` in Unicode code points
//! of the original `text`, the way Python's `str` and most consumers index, with the covered
//! `text` beside it where a reader wants it. The JSON Schema in `schema/document.schema.json` is
//! generated from these types (a test fails when the committed copy is stale).

use crate::{
    Actor, Analysis, CharIndex, DatePrecision, DateValue, EntityType, EventType, Language,
    Modality, Place, RepeatKind, Span,
};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of this output contract; bumped on any incompatible change.
pub const OUTPUT_FORMAT_VERSION: u32 = 1;

/// A half-open range of Unicode code point offsets into the document's `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct OutSpan {
    pub start: usize,
    pub end: usize,
}

/// One analysed document, as written by `hadath extract`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OutputDocument {
    /// The input's id, or `<file>#<record>` when the input has none.
    pub id: String,
    pub language: Language,
    /// Publication date (ISO 8601), from the input, `--published`, or a dateline.
    pub published: Option<NaiveDate>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    /// The original text, byte-exact; every span indexes it by code point.
    pub text: String,
    pub repeats: Vec<OutRepeat>,
    pub sentences: Vec<OutSentence>,
    pub entities: Vec<OutEntity>,
    pub events: Vec<OutEvent>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OutSentence {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
    /// Index of the earlier sentence this one repeats; such sentences are not coded again.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub repeat_of: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OutRepeat {
    pub span: OutSpan,
    /// The earlier span it repeats.
    pub of: OutSpan,
    pub kind: RepeatKind,
    pub similarity: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OutEntity {
    pub span: OutSpan,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub actor: Option<Actor>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub place: Option<Place>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub date: Option<DateValue>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OutParticipant {
    pub text: String,
    pub code: Option<String>,
    pub span: OutSpan,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OutLocation {
    pub text: String,
    pub span: OutSpan,
    pub place: Option<Place>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OutEventDate {
    pub value: String,
    pub precision: DatePrecision,
    /// The time expression the date comes from; absent when it is the publication date.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub span: Option<OutSpan>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OutEvent {
    pub event_type: EventType,
    pub mode: Option<String>,
    /// The type under PLOVER's rules for intentions: a future CONSULT, SUPPORT, COOPERATE or
    /// AID is AGREE, a future RETREAT is CONCEDE, an announced ASSAULT, MOBILIZE, COERCE,
    /// SANCTION or PROTEST is THREATEN (`hadath_core::plover`). Equal to `event_type` for
    /// everything that happened.
    pub plover_type: EventType,
    /// The mode under the same rules (for THREATEN, the content of the threat).
    pub plover_mode: Option<String>,
    pub context: Vec<String>,
    pub actor: Vec<OutParticipant>,
    pub recipient: Vec<OutParticipant>,
    pub location: Option<OutLocation>,
    pub date: Option<OutEventDate>,
    pub modality: Modality,
    pub attributed_to: Option<OutParticipant>,
    pub trigger: OutParticipantSpan,
    pub sentence: usize,
    /// CAMEO code on export, e.g. `190` for ASSAULT by conventional weapons.
    pub cameo: Option<String>,
    pub confidence: f32,
    /// Every other span reporting the same happening.
    pub mentions: Vec<OutSpan>,
}

/// A span with the text it covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OutParticipantSpan {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

impl OutputDocument {
    /// Converts an analysis to the output contract, turning byte spans into code point spans.
    pub fn from_analysis(analysis: &Analysis) -> OutputDocument {
        let text = analysis.text();
        let index = CharIndex::new(text);
        let span = |s: Span| {
            let (start, end) = index.to_chars(s);
            OutSpan { start, end }
        };
        let participant = |p: &crate::Participant| OutParticipant {
            text: p.span.slice(text).to_string(),
            code: p.code.clone(),
            span: span(p.span),
        };
        let doc = &analysis.document;
        OutputDocument {
            id: doc.id.clone(),
            language: analysis.language,
            published: doc.published,
            title: doc.title.clone(),
            url: doc.url.clone(),
            source: doc.source.clone(),
            author: doc.author.clone(),
            text: text.to_string(),
            repeats: analysis
                .repeats
                .iter()
                .map(|r| OutRepeat {
                    span: span(r.span),
                    of: span(r.of),
                    kind: r.kind,
                    similarity: r.similarity,
                })
                .collect(),
            sentences: analysis
                .sentences
                .iter()
                .map(|s| {
                    let OutSpan { start, end } = span(s.span);
                    OutSentence {
                        start,
                        end,
                        paragraph: s.paragraph,
                        repeat_of: s.repeat_of,
                    }
                })
                .collect(),
            entities: analysis
                .entities
                .iter()
                .map(|e| OutEntity {
                    span: span(e.span),
                    text: e.span.slice(text).to_string(),
                    kind: e.kind,
                    source: e.source.clone(),
                    actor: e.actor.clone(),
                    place: e.place.clone(),
                    date: e.date.clone(),
                })
                .collect(),
            events: analysis
                .events
                .iter()
                .map(|e| {
                    let trigger = span(e.trigger);
                    let plover = e.plover(text);
                    OutEvent {
                        event_type: e.event_type,
                        mode: e.mode.clone(),
                        plover_type: plover.event_type,
                        plover_mode: plover.mode,
                        context: e.context.clone(),
                        actor: e.actor.iter().map(participant).collect(),
                        recipient: e.recipient.iter().map(participant).collect(),
                        location: e.location.as_ref().map(|l| OutLocation {
                            text: l.span.slice(text).to_string(),
                            span: span(l.span),
                            place: l.place.clone(),
                        }),
                        date: e.date.as_ref().map(|d| OutEventDate {
                            value: d.value.clone(),
                            precision: d.precision,
                            span: d.span.map(span),
                        }),
                        modality: e.modality,
                        attributed_to: e.attributed_to.as_ref().map(participant),
                        trigger: OutParticipantSpan {
                            text: e.trigger.slice(text).to_string(),
                            start: trigger.start,
                            end: trigger.end,
                        },
                        sentence: e.sentence,
                        cameo: e.cameo.clone(),
                        confidence: e.confidence,
                        mentions: e.mentions.iter().map(|m| span(*m)).collect(),
                    }
                })
                .collect(),
        }
    }

    /// The JSON Schema of this contract, pretty-printed.
    pub fn json_schema() -> String {
        let schema = schemars::schema_for!(OutputDocument);
        serde_json::to_string_pretty(&schema).expect("a schema always serialises") + "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, Entity, EntityType};

    #[test]
    fn entity_spans_are_code_points_of_the_original_text() {
        let text = "قال لافروف: 'ok'";
        let mut analysis = Analysis::new(Document {
            id: "a".into(),
            text: text.into(),
            ..Default::default()
        });
        let start = text.find("لافروف").unwrap();
        analysis.entities.push(Entity {
            span: Span::new(start, start + "لافروف".len()),
            kind: EntityType::PER,
            source: "test".into(),
            actor: None,
            place: None,
            date: None,
        });
        let out = OutputDocument::from_analysis(&analysis);
        let e = &out.entities[0];
        let by_chars: String = text
            .chars()
            .skip(e.span.start)
            .take(e.span.end - e.span.start)
            .collect();
        assert_eq!((e.span.start, e.span.end), (4, 10));
        assert_eq!(by_chars, e.text);
    }

    #[test]
    fn committed_schema_is_current() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../schema/document.schema.json"
        );
        let generated = OutputDocument::json_schema();
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == generated,
            "schema/document.schema.json is stale: run `UPDATE_SCHEMA=1 cargo test -p hadath-core`"
        );
    }
}
