//! PLOVER's coding rules for stated intentions.
//!
//! hadath records what kind of happening a mention reports (`event_type`) apart from whether
//! it happened (`modality`), so an analyst can count what happened and still see what was
//! announced: "the Security Council will meet tomorrow" is CONSULT, future. PLOVER folds some
//! of those combinations into a type of their own (PLOVER manual, 2021: the AGREE, CONCEDE and
//! THREATEN sections and "Auxiliary modes"): the coder "should always return the single event
//! category, not a category+auxiliary". [`plover_coding`] derives that type, so exports can
//! carry both readings.
//!
//! The rules, as the manual words them:
//! - "Cooperative actions of types CONSULT, SUPPORT, COOPERATE, and AID reported in future
//!   tense … should be coded as AGREE"; "References to future meetings, summits, state visits
//!   … should be coded as AGREE". Future tense alone decides, whoever reports it. A conditional
//!   offer ("would meet the mediator if …") is AGREE only when the actor itself states it
//!   (hadath's hypothetical modality also covers a third party's "may" and "if").
//! - "Announcements of future retreats should be coded as CONCEDE"; future CONCEDE stays
//!   CONCEDE.
//! - THREATEN: "statements of intent" to act conflictually, with the mode giving "the content
//!   of the threat". hadath reads a future or conditional ASSAULT, MOBILIZE, COERCE, SANCTION
//!   or PROTEST as a threat only when its actor is quoted saying so ("the farmers said they
//!   would blockade Paris"). An attack a third party expects ("an opposition source expects
//!   the regime to attack civilians") is a prediction, not the regime's threat, and an
//!   unattributed future attack in Arabic news is mostly an expectation, a plot or a generic
//!   mention (of 12 drawn from SaudiNewsNet, none was a threat by its actor): both keep their
//!   type.
//!
//! Negated, historical and asserted events keep their type.

use crate::{Event, EventType, Modality};

/// Who reports an event, relative to its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speaker {
    /// No attribution: the outlet's own voice.
    Unattributed,
    /// The actor itself (or someone of the same country or organisation) says it.
    Actor,
    /// Someone else says it.
    Other,
}

/// An event's type and mode under PLOVER's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PloverCoding {
    pub event_type: EventType,
    pub mode: Option<String>,
}

/// The PLOVER type and mode of an event hadath coded as `event_type`/`mode` with `modality`,
/// reported by `speaker`.
pub fn plover_coding(
    event_type: EventType,
    mode: Option<&str>,
    modality: Modality,
    speaker: Speaker,
) -> PloverCoding {
    use EventType::*;
    let keep = || PloverCoding {
        event_type,
        mode: mode.map(str::to_string),
    };
    let own_statement = speaker == Speaker::Actor;
    let intention = match modality {
        Modality::Future => true,
        Modality::Hypothetical => own_statement,
        _ => false,
    };
    if !intention {
        return keep();
    }
    match event_type {
        Consult | Support | Cooperate | Aid => PloverCoding {
            event_type: Agree,
            mode: None,
        },
        Retreat if modality == Modality::Future => PloverCoding {
            event_type: Concede,
            mode: mode.map(str::to_string),
        },
        Assault | Mobilize | Coerce | Sanction | Protest if speaker == Speaker::Actor => {
            PloverCoding {
                event_type: Threaten,
                mode: Some(threat_content(event_type, mode).to_string()),
            }
        }
        _ => keep(),
    }
}

/// The modes PLOVER defines for `event_type` (manual, 2021: the "modes" table of each type;
/// REQUEST and REJECT share theirs). Types without a table take no mode.
///
/// The CAMEO→PLOVER crosswalk of the same release still names modes the manual dropped
/// (`assassinate`, `massacre`, `cleansing`, `ease`, `ban`, ASSAULT `seize` for destroying
/// property; it says itself that "ease" is no longer a mode). hadath writes the manual's:
/// assassinations, executions and massacres are `targeted`, destruction of property `destroy`.
pub fn modes(event_type: EventType) -> &'static [&'static str] {
    use EventType::*;
    match event_type {
        Consult => &["visit", "third-party", "multilateral", "phone"],
        Retreat => &[
            "withdraw",
            "release",
            "disarm",
            "ceasefire",
            "access",
            "resign",
        ],
        Request | Reject => &["assist", "change", "yield", "meet"],
        Accuse => &["disapprove", "investigate", "allege"],
        Threaten => &[
            "restrict",
            "arrest",
            "relations",
            "expel",
            "territory",
            "violence",
        ],
        Protest => &[
            "demo",
            "riot",
            "strike",
            "hunger",
            "boycott",
            "obstruct",
            "vandalize",
        ],
        Sanction => &["convict", "expel", "withdraw", "discontinue"],
        Mobilize => &["troops", "weapons", "police", "militia"],
        Coerce => &[
            "seize",
            "restrict",
            "censor",
            "curfew",
            "martial-law",
            "arrest",
            "deport",
            "withhold",
            "misinformation",
            "cyber",
        ],
        Assault => &[
            "abduct",
            "beat",
            "torture",
            "sexual",
            "targeted",
            "destroy",
            "primitive",
            "firearms",
            "explosives",
            "suicide-attack",
            "aerial",
            "drone",
            "heavy-weapons",
            "crowd-control",
            "unconventional",
        ],
        Agree | Support | Concede | Cooperate | Aid => &[],
    }
}

/// THREATEN's mode is the content of the threat (manual, table "THREATEN modes").
fn threat_content(event_type: EventType, mode: Option<&str>) -> &'static str {
    let mode = mode.unwrap_or("");
    match event_type {
        EventType::Assault | EventType::Mobilize => "violence",
        EventType::Coerce => match mode {
            "arrest" => "arrest",
            "deport" | "expel" => "expel",
            _ => "restrict",
        },
        EventType::Sanction => match mode {
            "expel" => "expel",
            _ => "relations",
        },
        // Boycotts, strikes and blockades restrict movement; other protest threats are
        // CAMEO 133, "threaten with political dissent", mode relations in the crosswalk.
        _ => match mode {
            "boycott" | "strike" | "obstruct" | "block" => "restrict",
            _ => "relations",
        },
    }
}

/// Whether the one quoted for an event is its actor. Compares codes (the same code, or the same
/// country for state actors: a Russian official speaking for Russia) and words (one contains
/// the other: "Palestinian leaders" and "the Palestinian leaders"). Only codes and words, no
/// spans, so the store decides the same from its rows.
pub fn speaker_of<'a>(
    attributed: Option<(Option<&'a str>, &'a str)>,
    actors: impl IntoIterator<Item = (Option<&'a str>, &'a str)>,
) -> Speaker {
    let Some((speaker_code, speaker_text)) = attributed else {
        return Speaker::Unattributed;
    };
    let speaker_text = speaker_text.trim();
    for (code, text) in actors {
        if let (Some(a), Some(b)) = (speaker_code, code) {
            if a == b || same_state(a, b) {
                return Speaker::Actor;
            }
        }
        let text = text.trim();
        if !text.is_empty()
            && !speaker_text.is_empty()
            && (text.contains(speaker_text) || speaker_text.contains(text))
        {
            return Speaker::Actor;
        }
    }
    Speaker::Other
}

/// Two codes of one state: the country itself or its state sectors (`RUS`, `RUSGOV`,
/// `RUSMIL`). An opposition source and the government it opposes share the country code but
/// not the side (`SYRREB`, `SYRGOV`); international and non-state prefixes (`IGO`, `NGO`, `MNC`)
/// name many different bodies.
fn same_state(a: &str, b: &str) -> bool {
    const STATE_SECTORS: [&str; 6] = ["GOV", "MIL", "LEG", "SPY", "JUD", "COP"];
    const SHARED_PREFIXES: [&str; 3] = ["IGO", "NGO", "MNC"];
    let state =
        |code: &str| code.len() == 3 || STATE_SECTORS.iter().any(|s| code[3..].starts_with(s));
    match (a.get(..3), b.get(..3)) {
        (Some(x), Some(y)) => {
            x == y
                && !SHARED_PREFIXES.contains(&x)
                && a.is_ascii()
                && b.is_ascii()
                && state(a)
                && state(b)
        }
        _ => false,
    }
}

impl Event {
    /// Who reports this event, relative to its actor (see [`speaker_of`]); `text` is the
    /// document text the spans point into.
    pub fn speaker(&self, text: &str) -> Speaker {
        let slice = |s: crate::Span| s.slice(text);
        speaker_of(
            self.attributed_to
                .as_ref()
                .map(|a| (a.code.as_deref(), slice(a.span))),
            self.actor
                .iter()
                .map(|p| (p.code.as_deref(), slice(p.span))),
        )
    }

    /// This event's type and mode under PLOVER's rules (see [`plover_coding`]).
    pub fn plover(&self, text: &str) -> PloverCoding {
        plover_coding(
            self.event_type,
            self.mode.as_deref(),
            self.modality,
            self.speaker(text),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EventType::*;

    #[test]
    fn threat_contents_are_threaten_modes() {
        for t in EventType::ALL {
            for &mode in modes(t) {
                let content = threat_content(t, Some(mode));
                assert!(
                    modes(Threaten).contains(&content),
                    "{t:?} {mode}: {content}"
                );
            }
            assert!(modes(Threaten).contains(&threat_content(t, None)));
        }
    }

    fn coded(
        t: EventType,
        mode: Option<&str>,
        m: Modality,
        s: Speaker,
    ) -> (EventType, Option<String>) {
        let c = plover_coding(t, mode, m, s);
        (c.event_type, c.mode)
    }

    #[test]
    fn future_cooperation_is_agree_whoever_reports_it() {
        for t in [Consult, Support, Cooperate, Aid] {
            for s in [Speaker::Unattributed, Speaker::Actor, Speaker::Other] {
                assert_eq!(coded(t, Some("visit"), Modality::Future, s), (Agree, None));
            }
        }
        // A conditional offer is an intention only in the actor's own words.
        assert_eq!(
            coded(Consult, None, Modality::Hypothetical, Speaker::Actor).0,
            Agree
        );
        assert_eq!(
            coded(Consult, None, Modality::Hypothetical, Speaker::Other).0,
            Consult
        );
        assert_eq!(
            coded(Consult, None, Modality::Hypothetical, Speaker::Unattributed).0,
            Consult
        );
    }

    #[test]
    fn future_retreat_is_concede_and_concede_stays() {
        assert_eq!(
            coded(Retreat, Some("withdraw"), Modality::Future, Speaker::Other),
            (Concede, Some("withdraw".into()))
        );
        assert_eq!(
            coded(Retreat, None, Modality::Hypothetical, Speaker::Actor).0,
            Retreat
        );
        assert_eq!(
            coded(Concede, None, Modality::Future, Speaker::Actor).0,
            Concede
        );
    }

    #[test]
    fn announced_conflict_is_a_threat_with_its_content_as_mode() {
        assert_eq!(
            coded(Assault, Some("aerial"), Modality::Future, Speaker::Actor),
            (Threaten, Some("violence".into()))
        );
        assert_eq!(
            coded(Coerce, Some("curfew"), Modality::Future, Speaker::Actor),
            (Threaten, Some("restrict".into()))
        );
        assert_eq!(
            coded(
                Protest,
                Some("boycott"),
                Modality::Hypothetical,
                Speaker::Actor
            ),
            (Threaten, Some("restrict".into()))
        );
        assert_eq!(
            coded(Sanction, Some("expel"), Modality::Future, Speaker::Actor),
            (Threaten, Some("expel".into()))
        );
        // A third party's prediction is not the actor's threat.
        assert_eq!(
            coded(Assault, Some("aerial"), Modality::Future, Speaker::Other),
            (Assault, Some("aerial".into()))
        );
        // Nor is the outlet's own expectation or speculation ("may attack").
        for m in [Modality::Future, Modality::Hypothetical] {
            assert_eq!(coded(Assault, None, m, Speaker::Unattributed).0, Assault);
        }
    }

    #[test]
    fn what_happened_or_did_not_keeps_its_type() {
        for m in [Modality::Asserted, Modality::Negated, Modality::Historical] {
            for t in EventType::ALL {
                assert_eq!(
                    coded(t, Some("x"), m, Speaker::Actor),
                    (t, Some("x".into()))
                );
            }
        }
    }

    #[test]
    fn the_speaker_is_the_actor_by_code_country_or_words() {
        let actor = [(Some("RUS"), "روسيا")];
        assert_eq!(speaker_of(None, actor), Speaker::Unattributed);
        assert_eq!(
            speaker_of(Some((Some("RUSGOV"), "مسؤول روسي")), actor),
            Speaker::Actor
        );
        assert_eq!(
            speaker_of(Some((Some("SYRREB"), "مصدر معارض")), actor),
            Speaker::Other
        );
        assert_eq!(
            speaker_of(
                Some((Some("RUSMIL"), "الجيش الروسي")),
                [(Some("RUSGOV"), "موسكو")]
            ),
            Speaker::Actor
        );
        // The founding example: the opposition source expects the regime's attacks.
        assert_eq!(
            speaker_of(
                Some((Some("SYRREB"), "مصدر مطلع في المعارضة")),
                [(Some("SYRGOV"), "النظام")]
            ),
            Speaker::Other
        );
        assert_eq!(
            speaker_of(
                Some((None, "Palestinian leaders")),
                [(None, "the Palestinian leaders")]
            ),
            Speaker::Actor
        );
        // Two different IGOs share only the prefix.
        assert_eq!(
            speaker_of(Some((Some("IGOUNO"), "the UN")), [(Some("IGONAT"), "NATO")]),
            Speaker::Other
        );
        assert_eq!(
            speaker_of(Some((Some("USA"), "Washington")), []),
            Speaker::Other
        );
    }
}
