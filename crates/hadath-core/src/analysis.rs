//! The annotation layers stages add to a document, all as byte [`Span`]s over its original text.

use crate::{Diagnostic, Document, Span};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The language of a document, as the language stage identified it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Default)]
pub enum Language {
    #[serde(rename = "ar")]
    Arabic,
    #[serde(rename = "en")]
    English,
    #[default]
    #[serde(rename = "other")]
    Other,
}

/// A sentence, and the paragraph (0-based, split at line breaks) it sits in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
    /// Index of an earlier sentence this one repeats (exactly or nearly); later stages skip it.
    pub repeat_of: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    Word,
    Number,
    Punctuation,
    Symbol,
}

/// A word, number or punctuation mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    pub sentence: usize,
    /// For Arabic words: the clitics around the stem. `None` for other tokens.
    pub clitics: Option<Clitics>,
}

/// Proclitics and pronoun suffix split off an Arabic word, all as spans of the original text.
///
/// "وبالفصائل" is `conjunction: و`, `preposition: ب`, `article: ال`, stem `فصائل`; lookups use
/// [`Clitics::lookup_forms`] so the word is found under الفصائل and فصائل.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Clitics {
    /// و or ف at the start of the word.
    pub conjunction: Option<Span>,
    /// ب, ل or ك (or the future marker س on a verb).
    pub particle: Option<Span>,
    /// The definite article ال (or the ل left of it after ل+ال → لل).
    pub article: Option<Span>,
    /// The stem: what is left once clitics are removed.
    pub stem: Span,
    /// A pronoun suffix (ه، ها، هم، هما، هن، كم، كما، كن، نا، ي).
    pub suffix: Option<Span>,
}

/// A stretch of text that repeats an earlier one (scraped news often repeats paragraphs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Repeat {
    pub span: Span,
    /// The earlier span this one repeats.
    pub of: Span,
    pub kind: RepeatKind,
    /// 1.0 for an exact repeat (after normalisation), lower for near repeats.
    pub similarity: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RepeatKind {
    Paragraph,
    Sentence,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum EntityType {
    PER,
    ORG,
    GPE,
    LOC,
    MISC,
    DATE,
}

/// A named entity or time expression found in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub span: Span,
    pub kind: EntityType,
    /// Which component found it, e.g. `dictionary`, `tagger`, `dates`.
    pub source: String,
    pub actor: Option<Actor>,
    pub place: Option<Place>,
    pub date: Option<DateValue>,
}

/// An actor code, CAMEO style: country (ISO 3166 alpha-3 or IGO/NGO) followed by sectors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Actor {
    /// The full code, e.g. `RUSGOV`, `SYRREB`, `IGOUNO`.
    pub code: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    /// A canonical name, e.g. `Sergey Lavrov`.
    pub name: Option<String>,
    /// The id of the dictionary entry that matched.
    pub entry: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PlacePrecision {
    /// The place itself was resolved.
    Exact,
    /// Only its first-level region is known.
    Admin1,
    Country,
    /// A wider region ("southern Syria").
    Region,
    /// Recognised as a place, not resolved.
    Unresolved,
}

/// A place resolved against the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Place {
    pub geonameid: Option<u64>,
    pub name: Option<String>,
    pub name_ar: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// ISO 3166 alpha-2 country code.
    pub country: Option<String>,
    pub admin1: Option<String>,
    /// GeoNames feature code (PPLA, ADM1, PCLI …).
    pub feature: Option<String>,
    pub precision: PlacePrecision,
    /// How many gazetteer candidates were weighed.
    pub candidates: usize,
}

impl Place {
    /// A place recognised in the text that no gazetteer record matches.
    pub fn unresolved() -> Place {
        Place {
            geonameid: None,
            name: None,
            name_ar: None,
            lat: None,
            lon: None,
            country: None,
            admin1: None,
            feature: None,
            precision: PlacePrecision::Unresolved,
            candidates: 0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    Week,
    Month,
    Year,
    Range,
    /// No date in the text: the publication date stands in for the event date.
    Publication,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DateCheck {
    /// A bracketed weekday agrees with the resolved date.
    Ok,
    /// A bracketed weekday disagrees with the resolved date.
    Conflict,
}

/// A resolved time expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DateValue {
    /// ISO 8601 date (`2018-07-03`), or its start for ranges and coarser precisions.
    pub value: String,
    pub precision: DatePrecision,
    /// Last day, for ranges.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub end: Option<String>,
    /// True when resolved against the publication date ("yesterday") rather than stated.
    pub relative: bool,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub check: Option<DateCheck>,
}

/// The 16 PLOVER event types.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "UPPERCASE")]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl EventType {
    pub const ALL: [EventType; 16] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Concede,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Retreat,
        EventType::Request,
        EventType::Accuse,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Sanction,
        EventType::Mobilize,
        EventType::Coerce,
        EventType::Assault,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Request => "REQUEST",
            EventType::Accuse => "ACCUSE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Sanction => "SANCTION",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
        }
    }

    pub fn parse(name: &str) -> Option<EventType> {
        EventType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(name))
    }
}

/// Whether the text says the event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    #[default]
    Asserted,
    Future,
    Negated,
    Hypothetical,
    /// Dated well before publication: background, not news.
    Historical,
}

/// An actor or recipient of an event: the words in the text and the code they resolve to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    pub span: Span,
    pub code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventLocation {
    pub span: Span,
    pub place: Option<Place>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDate {
    pub value: String,
    pub precision: DatePrecision,
    /// The time expression the date comes from; `None` when it is the publication date.
    pub span: Option<Span>,
}

/// One coded event: who did what to whom, where, when, and according to whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub event_type: EventType,
    pub mode: Option<String>,
    pub context: Vec<String>,
    pub actor: Vec<Participant>,
    pub recipient: Vec<Participant>,
    pub location: Option<EventLocation>,
    pub date: Option<EventDate>,
    pub modality: Modality,
    pub attributed_to: Option<Participant>,
    /// The word(s) that express the event.
    pub trigger: Span,
    /// Index into the document's sentences.
    pub sentence: usize,
    pub cameo: Option<String>,
    pub confidence: f32,
    /// Other spans that report the same happening (paraphrases merged into this event).
    pub mentions: Vec<Span>,
}

/// A document with every annotation layer the pipeline added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Analysis {
    pub document: Document,
    pub language: Language,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub repeats: Vec<Repeat>,
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    pub fn new(document: Document) -> Analysis {
        Analysis {
            document,
            ..Analysis::default()
        }
    }

    pub fn text(&self) -> &str {
        &self.document.text
    }

    /// Sentences later stages should read: those that do not repeat an earlier one.
    pub fn fresh_sentences(&self) -> impl Iterator<Item = (usize, &Sentence)> {
        self.sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| s.repeat_of.is_none())
    }

    /// True when `span` lies inside a sentence that repeats an earlier one.
    pub fn in_repeated_sentence(&self, span: Span) -> bool {
        let i = self.sentences.partition_point(|s| s.span.end <= span.start);
        self.sentences
            .get(i)
            .is_some_and(|s| s.repeat_of.is_some() && s.span.start <= span.start)
    }

    /// Tokens of one sentence (tokens are stored in text order, grouped by sentence).
    pub fn sentence_tokens(&self, sentence: usize) -> &[Token] {
        let start = self.tokens.partition_point(|t| t.sentence < sentence);
        let end = self.tokens.partition_point(|t| t.sentence <= sentence);
        &self.tokens[start..end]
    }
}
