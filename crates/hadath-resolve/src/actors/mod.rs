//! Actors: the actor dictionary, and resolving actor phrases to CAMEO-style codes.
//!
//! - [`dictionary`]: hadath's own reviewable dictionary format (`data/actors/`, documented in
//!   its README) of countries, people with dated roles, organisations and generic agents.
//! - [`matcher`]: longest-match lookup over clitic forms, and composition of agents with
//!   countries (الوفد الروسي → RUSGOV, قوات النظام السوري → SYRMIL).
//! - [`evaluate`]: accuracy of the country and role codes on the gold spans of the Arabic event
//!   gold standard.
//!
//! [`resolve_actors`] codes a whole analysis: bare agents (النظام، الفصائل) take the country
//! the story is set in, and date-bounded roles use the publication date. [`name_organisations`]
//! adds the named organisations' entities before the places stage, so that a name like "White
//! House" is not also read as a place. [`code_span`] codes a free phrase, for event coding and
//! evaluation.

pub mod dictionary;
pub mod evaluate;
pub mod matcher;

pub use dictionary::{ActorDictionary, DictionaryError, Entry, EntryKind, Role, SECTORS};
pub use evaluate::{evaluate_actor_spans, Report, Scores, SpanResult};
pub use matcher::{Mention, MentionShape};

use chrono::NaiveDate;
use dictionary::How;
use hadath_core::{Actor, Analysis, Entity, EntityType, PlacePrecision};
use std::collections::HashMap;

/// Every actor phrase of a free text, composed but without document context.
pub fn mentions_in(
    text: &str,
    published: Option<NaiveDate>,
    dictionary: &ActorDictionary,
) -> Vec<Mention> {
    let tokens = hadath_language::tokenize::split(text);
    let words = matcher::words(text, tokens.into_iter(), dictionary);
    matcher::mentions(text, &words, dictionary, published).1
}

/// Codes a free phrase ("المتحدثة باسم وزارة الخارجية الأمريكية" → USAGOV), read as one actor:
/// the first actor phrase in it (a name, or an agent), taking the country of a later country,
/// nisba, place or actor in the phrase when it has none ("قاعدة للشرطة في مدينة بعقوبة" → IRQCOP);
/// without an actor phrase, the first country mentioned.
///
/// There is no document here, so a bare agent ("الجيش") gets its sector and no country.
pub fn code_span(
    text: &str,
    published: Option<NaiveDate>,
    dictionary: &ActorDictionary,
) -> Option<Actor> {
    let mentions = mentions_in(text, published, dictionary);
    let actorlike = |m: &&Mention| {
        matches!(
            m.shape,
            MentionShape::Named | MentionShape::AgentCountry | MentionShape::BareAgent
        )
    };
    let Some(first) = mentions.iter().find(actorlike) else {
        return mentions.first().map(|m| m.actor.clone());
    };
    // A rank alone gives way to the force named later: "العميد جبار، مدير استخبارات الشرطة".
    let head = if first.weak {
        mentions
            .iter()
            .filter(|m| m.span.start > first.span.start && !m.weak)
            .find(actorlike)
            .unwrap_or(first)
    } else {
        first
    };
    let mut actor = head.actor.clone();
    if actor.country.is_none() && head.shape == MentionShape::BareAgent {
        let country = mentions
            .iter()
            .filter(|m| m.span.start > head.span.start)
            .find_map(|m| m.actor.country.clone());
        if let Some(iso3) = country {
            actor.code = format!("{iso3}{}", head.agent_code.clone().unwrap_or_default());
            actor.country = Some(iso3);
        }
    }
    Some(actor)
}

/// The country a document is set in, as ISO3: the country with the highest score where a
/// country name counts 1 (2 after "في"/"جنوب"… ), a place inside it (درعا) counts 2 — from our
/// dictionary, or a place entity the places stage resolved that we did not count already (not
/// its country and demonym entities) — a nisba adjective 0.5, everything in the first fresh
/// sentence twice; `None` below a score of 1.
///
/// Foreign actors are not the setting: "الوفد الروسي" or "لافروف" count nothing for Russia
/// beyond the nisba, so a Daraa story mentioning Russia six times is still set in Syria.
pub fn document_country(analysis: &Analysis, dictionary: &ActorDictionary) -> Option<String> {
    document_scan(analysis, dictionary).dominant
}

/// What one pass over the fresh sentences found.
struct Scan {
    mentions: Vec<Mention>,
    /// Every country name or nisba (روسيا، الروسي), for GPE entities the places stage made.
    countries: Vec<(hadath_core::Span, String)>,
    /// The story's country.
    dominant: Option<String>,
}

fn document_scan(analysis: &Analysis, dictionary: &ActorDictionary) -> Scan {
    let text = analysis.text();
    let date = analysis.document.published;
    let first_fresh = analysis.fresh_sentences().next().map(|(i, _)| i);
    let mut scores: HashMap<String, (f32, usize)> = HashMap::new();
    let mut order = 0;
    let mut vote = |iso3: &str, weight: f32| {
        order += 1;
        let slot = scores.entry(iso3.to_string()).or_insert((0.0, order));
        slot.0 += weight;
    };
    let mut found = Vec::new();
    let mut countries = Vec::new();
    // Spans of every country name, nisba or place we voted for.
    let mut matched = Vec::new();
    for (index, _) in analysis.fresh_sentences() {
        let tokens = analysis.sentence_tokens(index);
        let words = matcher::words(text, tokens.iter().map(|t| (t.span, t.kind)), dictionary);
        let (matches, mentions) = matcher::mentions(text, &words, dictionary, date);
        let weight = if Some(index) == first_fresh { 2.0 } else { 1.0 };
        for m in &matches {
            let sense = matcher::best_sense(m, dictionary, date);
            let entry = dictionary.entry(sense.entry);
            if entry.kind != EntryKind::Country {
                continue;
            }
            let iso3 = &entry.id[8..];
            matched.push(m.span);
            if sense.how != How::Place {
                countries.push((m.span, iso3.to_string()));
            }
            match sense.how {
                How::Name if matcher::locative_before(text, &words, m) => vote(iso3, 2.0 * weight),
                How::Name => vote(iso3, weight),
                How::Place => vote(iso3, 2.0 * weight),
                How::Nisba { .. } => vote(iso3, 0.5 * weight),
            }
        }
        found.extend(mentions);
    }
    // Places the gazetteer resolved vote like our own places, once: not the demonyms and
    // country names the places stage also tags (those are counted above), and not a place our
    // dictionary already counted.
    for entity in &analysis.entities {
        let Some(place) = &entity.place else { continue };
        let is_country = place
            .feature
            .as_deref()
            .is_some_and(|f| f.starts_with("PCL"));
        let counted = matched.iter().any(|s| s.overlaps(entity.span));
        if entity.source == crate::places::SOURCE_DEMONYM || is_country || counted {
            continue;
        }
        let country = place.country.as_deref();
        if let Some(country) = country.and_then(|c| dictionary.country_by_iso2(c)) {
            vote(&country.id[8..], 2.0);
        }
    }
    let dominant = scores
        .into_iter()
        .filter(|(_, (score, _))| *score >= 1.0)
        .max_by(|a, b| {
            a.1 .0
                .partial_cmp(&b.1 .0)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(b.1 .1.cmp(&a.1 .1))
        })
        .map(|(iso3, _)| iso3);
    Scan {
        mentions: found,
        countries,
        dominant,
    }
}

/// `Entity.source` of the entities the actor stage adds.
pub const SOURCE_ACTORS: &str = "actors";

/// Adds, before the places stage runs, the entities (source [`SOURCE_ACTORS`], with their
/// actor) of the named organisations the dictionary finds in the fresh sentences ("White
/// House" → USAGOV, "قوات سوريا الديمقراطية", "المتحدثة باسم البيت الأبيض"), where no PER/ORG
/// entity covers them — exactly the entities [`resolve_actors`] would add for them later,
/// which then leaves them alone.
///
/// Why before the places stage: the places stage spots names with the gazetteer and reads a
/// name inside an entity that is not a place as part of that entity, not as a place (evidence
/// at most; see `resolve_places`). It sees the tagger's ORG entities, but the dictionary's
/// organisations used to come only after it, so a name an organisation shares with a place in
/// GeoNames was emitted twice: "White House" as a GPE (an alternate name of Casablanca) beside
/// the ORG actor USAGOV. Organisations only (entries of kind `org`): country entries are the
/// dictionary's places, and must stay places. What a named organisation codes does not depend
/// on the story's country or on places (only bare agents do), so it can be known this early.
pub fn name_organisations(analysis: &mut Analysis, dictionary: &ActorDictionary) {
    let text = analysis.text();
    let date = analysis.document.published;
    let mut added = Vec::new();
    let mut widened: Vec<hadath_core::Span> = Vec::new();
    for (index, _) in analysis.fresh_sentences() {
        let tokens = analysis.sentence_tokens(index);
        let words = matcher::words(text, tokens.iter().map(|t| (t.span, t.kind)), dictionary);
        let (_, mentions) = matcher::mentions(text, &words, dictionary, date);
        for m in mentions {
            let organisation = m.shape == MentionShape::Named
                && m.actor
                    .entry
                    .as_deref()
                    .and_then(|id| dictionary.by_id(id))
                    .is_some_and(|e| e.kind == EntryKind::Org);
            // As resolve_actors: a tagged PER/ORG entity over the phrase gets its actor there.
            let covered = analysis.entities.iter().any(|e| {
                matches!(e.kind, EntityType::PER | EntityType::ORG) && e.span.overlaps(m.span)
            });
            if organisation && !covered {
                added.push(new_entity(m.span, m.entity, m.actor));
            } else if organisation && is_a_listed_name(text, m.span, &m.actor, dictionary) {
                widened.push(m.span);
            }
        }
    }
    // The tagger cut a dictionary organisation's name short ("[تنظيم القاعدة] في بلاد [المغرب]
    // الإسلامي" as an ORG and a GPE; "مركز [الملك سلمان] للإغاثة" as a person): the
    // organisation is the whole name, and nothing inside it is a place or an actor of its own.
    for span in widened {
        let Some(org) = analysis.entities.iter().position(|e| {
            matches!(e.kind, EntityType::ORG | EntityType::PER)
                && span.contains(e.span)
                && e.span != span
        }) else {
            continue;
        };
        analysis.entities[org].span = span;
        analysis.entities[org].kind = EntityType::ORG;
        let mut i = 0;
        analysis.entities.retain(|e| {
            i += 1;
            i - 1 == org || !(span.contains(e.span) && e.span != span)
        });
    }
    analysis.entities.extend(added);
}

/// True when the phrase at `span` is one of its entry's Arabic names (a clitic on its first
/// word allowed), not a composition around one ("أحد أعضاء «جبهة النصرة»" is a member, and
/// the tagger's name inside it stays as it is).
fn is_a_listed_name(
    text: &str,
    span: hadath_core::Span,
    actor: &Actor,
    dictionary: &ActorDictionary,
) -> bool {
    let key = |s: &str| {
        hadath_language::normalize::normalize_key(s)
            .split(|c: char| c.is_whitespace() || matches!(c, '«' | '»' | '"'))
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let phrase = key(span.slice(text));
    let Some(entry) = actor.entry.as_deref().and_then(|id| dictionary.by_id(id)) else {
        return false;
    };
    entry.names_ar.iter().any(|name| {
        let name = key(name);
        phrase == name
            || phrase
                .strip_suffix(name.as_str())
                .is_some_and(|clitics| clitics.chars().count() <= 2 && !clitics.contains(' '))
    })
}

fn country_actor(dictionary: &ActorDictionary, iso3: &str) -> Actor {
    let entry = dictionary.country(iso3);
    Actor {
        code: iso3.to_string(),
        country: Some(iso3.to_string()),
        sector: None,
        name: entry.map(|e| e.name.clone()),
        entry: entry.map(|e| e.id.clone()),
    }
}

/// The country (ISO3) of the place a bare agent is said to be in, right after it: "مئات الطلاب
/// في تايوان", "الشرطة في سريلانكا", "سلطات الأمن في الجزائر", "police in Senegal". At most
/// three words may come between the agent and في/in; the place must be a sure reading (a
/// country, a capital, a first-level region or its seat, resolved from the gazetteer's own
/// candidates), because a small namesake of a common word must not move an actor.
fn place_after_agent(
    analysis: &Analysis,
    dictionary: &ActorDictionary,
    span: hadath_core::Span,
) -> Option<String> {
    let text = analysis.text();
    // An embassy or a consulate is abroad by definition: "السفارة السعودية في النمسا".
    let agent = span.slice(text);
    if ["سفار", "قنصل", "بعث", "mbass", "onsul"]
        .iter()
        .any(|k| agent.contains(k))
    {
        return None;
    }
    let sentence = analysis
        .sentences
        .iter()
        .find(|s| s.span.contains(span))?
        .span;
    let after: Vec<&hadath_core::Token> = analysis
        .tokens
        .iter()
        .filter(|t| t.span.start >= span.end && t.span.end <= sentence.end)
        .take(5)
        .collect();
    for (k, t) in after.iter().enumerate() {
        let w = t.span.slice(text);
        if t.kind != hadath_core::TokenKind::Word {
            // A comma or a bracket ends the agent's phrase.
            return None;
        }
        let locative = matches!(w, "في" | "وفي" | "in");
        let attached = w.starts_with('ب') && w.chars().count() > 3;
        if !locative && !attached {
            continue;
        }
        // The name starts at the word after في, or inside a بـ word (بالسعودية), not with it
        // (بريطانيا).
        let place_start = if locative {
            after.get(k + 1)?.span.start
        } else {
            t.span.start + 1
        };
        let place = analysis.entities.iter().find_map(|e| {
            let starts = if locative {
                e.span.start == place_start
            } else {
                e.span.start >= place_start && e.span.end <= t.span.end
            };
            let p = e.place.as_ref()?;
            (starts && e.source != crate::places::SOURCE_DEMONYM).then_some(p)
        });
        let Some(place) = place else {
            if locative {
                return None;
            }
            continue;
        };
        let sure = place.candidates > 0
            && (place.precision == PlacePrecision::Country
                || matches!(place.feature.as_deref(), Some("PPLC" | "PPLA" | "ADM1")));
        if !sure {
            return None;
        }
        let iso2 = place.country.as_deref()?;
        return match dictionary.country_by_iso2(iso2) {
            Some(entry) => Some(entry.id[8..].to_string()),
            None => crate::places::country_by_iso2(iso2)
                .map(|c| c.iso3)
                .filter(|c| !c.is_empty()),
        };
    }
    None
}

/// Resolves the actors of an analysis.
///
/// Reads fresh sentences only (repeats are skipped). Fills `actor` on PER/ORG entities that an
/// actor phrase overlaps, and on GPE entities over a country's name or nisba (country only, e.g.
/// RUS for روسيا or for الروسي as the places stage tags it); adds entities (source `actors`) for
/// actor phrases no entity covers: generic agents (الفصائل، المدنيين) as ORG or PER, composed
/// phrases, and country names no GPE/LOC entity covers as GPE. Bare agents take the
/// [`document_country`] (run the places stage first: its resolved places vote); dated roles use
/// `document.published`. Entities that already have an actor are left alone.
pub fn resolve_actors(analysis: &mut Analysis, dictionary: &ActorDictionary) {
    let Scan {
        mut mentions,
        countries,
        dominant,
    } = document_scan(analysis, dictionary);
    let text = analysis.document.text.clone();
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
    for i in 0..mentions.len() {
        let m = &mentions[i];
        if m.shape != MentionShape::BareAgent || !m.local {
            continue;
        }
        // An office right after a named person is that person's office and country
        // ("الأمير محمد بن سلمان ولي ولي العهد ووزير الدفاع"): apposition, at most one word
        // between, none of it punctuation. (Not a group: in "وطالبت ميركل المتظاهرين" the
        // protesters are the object.)
        let office = m.agent_code.as_deref().is_some_and(|c| {
            ["GOV", "MIL", "JUD", "LEG", "COP"]
                .iter()
                .any(|s| c.starts_with(s))
        });
        let apposed = mentions[..i]
            .iter()
            .rev()
            .find(|p| p.span.end <= m.span.start)
            .filter(|p| {
                let gap = &text[p.span.end..m.span.start];
                let words: Vec<&str> = gap.split_whitespace().collect();
                office
                    && words.len() <= 1
                    && words.iter().all(|w| w.chars().all(char::is_alphabetic))
                    && p.entity == EntityType::PER
                    && (p.shape == MentionShape::Named || p.actor.country.is_some())
            })
            .and_then(|p| p.actor.country.clone());
        let m = &mut mentions[i];
        // Where the agent is said to be comes next: a digest of world news has one story
        // country but each item its own ("اقتحم مئات الطلاب في تايوان").
        let iso3 = apposed
            .or_else(|| place_after_agent(analysis, dictionary, m.span))
            .or_else(|| dominant.clone());
        if let Some(iso3) = &iso3 {
            let agent = m.agent_code.clone().unwrap_or_default();
            let country_name = dictionary
                .country(iso3)
                .map_or(iso3.as_str(), |c| c.name.as_str());
            m.actor.name = m.actor.name.as_ref().map(|n| format!("{country_name} {n}"));
            m.actor.code = format!("{iso3}{agent}");
            m.actor.country = Some(iso3.clone());
        }
    }
    let actorlike = |m: &Mention| {
        matches!(
            m.shape,
            MentionShape::Named
                | MentionShape::AgentCountry
                | MentionShape::BareAgent
                | MentionShape::People
        )
    };

    // Country names anywhere (alone or inside a phrase), for GPE entities and new GPEs.
    let country_names: Vec<(hadath_core::Span, String)> = mentions
        .iter()
        .flat_map(|m| m.country_names.iter().cloned())
        .collect();

    for entity in &mut analysis.entities {
        if entity.actor.is_some() {
            continue;
        }
        match entity.kind {
            EntityType::GPE => {
                // A country named or qualified (روسيا، الروسي as the places stage tags it).
                if let Some((_, iso3)) = countries.iter().find(|(s, _)| s.overlaps(entity.span)) {
                    entity.actor = Some(country_actor(dictionary, iso3));
                } else if let Some((country, _)) =
                    crate::places::country_form(entity.span.slice(&text))
                {
                    // Inside a longer dictionary phrase (وزارة الخارجية الأمريكية) the nisba had
                    // no match of its own; the places half's table still names the country.
                    if dictionary.country(&country.iso3).is_some() {
                        entity.actor = Some(country_actor(dictionary, &country.iso3));
                    }
                }
                if entity.actor.is_some() {
                    continue;
                }
                if let Some(country) = entity
                    .place
                    .as_ref()
                    .filter(|p| p.feature.as_deref().is_some_and(|f| f.starts_with("PCL")))
                    .and_then(|p| p.country.as_deref())
                    .and_then(crate::places::country_by_iso2)
                    .filter(|c| !c.iso3.is_empty())
                {
                    // A country the curated dictionary does not list (Argentina, Hungary): the
                    // places stage resolved the name to the country itself (GeoNames PCL*), so
                    // it is that country as an actor, coded by its ISO alpha-3 as CAMEO does.
                    let mut actor = country_actor(dictionary, &country.iso3);
                    actor.name.get_or_insert(country.name);
                    entity.actor = Some(actor);
                }
            }
            EntityType::PER | EntityType::ORG => {
                let best = mentions
                    .iter()
                    .filter(|m| actorlike(m) && m.span.overlaps(entity.span))
                    .min_by_key(|m| {
                        (
                            !m.span.contains(entity.span),
                            m.span.len(),
                            usize::MAX - overlap(m.span, entity.span),
                        )
                    });
                if let Some(m) = best {
                    entity.actor = Some(m.actor.clone());
                } else if entity.kind == EntityType::PER {
                    // A person the dictionary does not know, right after a title that resolved
                    // ("وزير التعليم العالي العراقي سامي المظفر"): the title is their role. A
                    // plural group before a name is no title: in "اغتال مسلحون نجم الدين
                    // الجبوري" the name is the gunmen's victim.
                    let title = mentions.iter().find(|m| {
                        matches!(
                            m.shape,
                            MentionShape::AgentCountry | MentionShape::BareAgent
                        ) && m.entity == EntityType::PER
                            && m.span.end <= entity.span.start
                            && text[m.span.end..entity.span.start].trim().is_empty()
                            && !hadath_language::clitics::sound_masculine_plural(
                                &hadath_language::normalize::normalize_key(
                                    text[m.span.start..m.span.end]
                                        .split_whitespace()
                                        .last()
                                        .unwrap_or(""),
                                ),
                            )
                    });
                    if let Some(m) = title {
                        entity.actor = Some(Actor {
                            name: None,
                            ..m.actor.clone()
                        });
                    }
                }
            }
            _ => {}
        }
    }

    let mut added = Vec::new();
    for m in &mentions {
        if actorlike(m) {
            let covered = analysis.entities.iter().any(|e| {
                matches!(e.kind, EntityType::PER | EntityType::ORG) && e.span.overlaps(m.span)
            });
            if !covered {
                added.push(new_entity(m.span, m.entity, m.actor.clone()));
            }
        }
    }
    for (span, iso3) in &country_names {
        let covered =
            analysis.entities.iter().chain(&added).any(|e| {
                matches!(e.kind, EntityType::GPE | EntityType::LOC) && e.span.overlaps(*span)
            });
        if !covered {
            added.push(new_entity(
                *span,
                EntityType::GPE,
                country_actor(dictionary, iso3),
            ));
        }
    }
    // "المملكة" alone is the kingdom the story named last (السعودية، الأردن، المغرب…), else
    // the story's country when that is a kingdom. Several countries are kingdoms, so the name
    // itself is no country in the dictionary.
    let kingdoms: Vec<(hadath_core::Span, &String)> = countries
        .iter()
        .chain(&country_names)
        .filter(|(_, iso3)| KINGDOMS.contains(&iso3.as_str()))
        .map(|(span, iso3)| (*span, iso3))
        .collect();
    let kingdom_words: Vec<hadath_core::Span> = analysis
        .fresh_sentences()
        .flat_map(|(si, _)| analysis.sentence_tokens(si))
        .filter_map(|t| kingdom_word(&text, t.span))
        .collect();
    {
        for span in kingdom_words {
            if countries
                .iter()
                .chain(&country_names)
                .any(|(s, _)| s.overlaps(span))
                || mentions.iter().any(|m| m.span.overlaps(span))
            {
                continue;
            }
            let named_before = kingdoms
                .iter()
                .filter(|(s, _)| s.end <= span.start)
                .max_by_key(|(s, _)| s.end)
                .map(|(_, iso3)| (*iso3).clone());
            let Some(iso3) = named_before
                .or_else(|| dominant.clone().filter(|d| KINGDOMS.contains(&d.as_str())))
            else {
                continue;
            };
            let actor = country_actor(dictionary, &iso3);
            if let Some(e) = analysis.entities.iter_mut().find(|e| {
                e.actor.is_none()
                    && matches!(e.kind, EntityType::GPE | EntityType::LOC)
                    && e.span.overlaps(span)
            }) {
                e.actor = Some(actor);
            } else if !added.iter().any(|e| e.span.overlaps(span)) {
                added.push(new_entity(span, EntityType::GPE, actor));
            }
        }
    }
    if !added.is_empty() {
        analysis.entities.extend(added);
        analysis
            .entities
            .sort_by_key(|e| (e.span.start, std::cmp::Reverse(e.span.end)));
    }
    institutions_named_after_people(analysis, dictionary, dominant.as_deref());
}

/// Places and institutions in construct with the person they are named after (normalised):
/// "مطار الأمير محمد بن عبدالعزيز", "جامعة الملك عبدالعزيز", "مؤسسة محمد بن سلمان". The
/// person is no actor there: a place keeps no actor at all, an institution the dictionary
/// knows as an agent (جامعة EDU, مستشفى HLH) is that agent of the person's country (else the
/// story's), a foundation (مؤسسة) an NGO of it, and any other institution is an
/// organisation with no code (its own name would be needed).
const NAMED_PLACES: &[&str] = &[
    "مطار",
    "شارع",
    "طريق",
    "حي",
    "ميناء",
    "جسر",
    "ملعب",
    "استاد",
    "مدينه",
    "قاعده",
    "قصر",
    "منفذ",
    "محطه",
    "ميدان",
    "قاعه",
];
const NAMED_INSTITUTIONS: &[&str] = &[
    "جامعه",
    "مستشفي",
    "مدرسه",
    "كليه",
    "معهد",
    "مركز",
    "مؤسسه",
    "جائزه",
    "كرسي",
    "مكتبه",
    "مجمع",
    "برنامج",
    "صندوق",
    "منحه",
    "وسام",
    "قلاده",
    "داره",
    "مسجد",
    "جامع",
    "مشروع",
];
/// Titles that may stand between the two ("مطار الأمير", "مركز خادم الحرمين الشريفين الملك").
const NAMING_TITLES: &[&str] = &[
    "الملك",
    "الامير",
    "الاميره",
    "الشيخ",
    "السلطان",
    "خادم",
    "الحرمين",
    "الشريفين",
];

/// See [`NAMED_PLACES`]: re-reads each person entity named after by a place or institution.
fn institutions_named_after_people(
    analysis: &mut Analysis,
    dictionary: &ActorDictionary,
    story_country: Option<&str>,
) {
    let text = analysis.document.text.clone();
    let organisations: Vec<hadath_core::Span> = analysis
        .entities
        .iter()
        .filter(|e| e.source == SOURCE_ACTORS && e.kind == EntityType::ORG)
        .map(|e| e.span)
        .collect();
    let published = analysis.document.published;
    let tokens = &analysis.tokens;
    let key =
        |t: &hadath_core::Token| hadath_language::normalize::normalize_key(t.span.slice(&text));
    for entity in analysis.entities.iter_mut() {
        if entity.kind != EntityType::PER
            || organisations
                .iter()
                .any(|o| *o != entity.span && o.contains(entity.span))
        {
            continue;
        }
        let inside = tokens
            .iter()
            .skip_while(|t| t.span.end <= entity.span.start)
            .take_while(|t| t.span.start < entity.span.end);
        let (mut own_title, mut nasab, mut first) = (false, false, true);
        for t in inside {
            let k = key(t);
            own_title |= first && NAMING_TITLES.contains(&k.as_str());
            nasab |= k == "بن" || k == "بنت";
            first = false;
        }
        // The tokens before the name, nearest first: royal titles, then the noun.
        let mut before = tokens[..tokens.partition_point(|t| t.span.end <= entity.span.start)]
            .iter()
            .rev();
        let mut titles = 0;
        let head = loop {
            match before.next() {
                Some(t) if titles < 4 && NAMING_TITLES.contains(&key(t).as_str()) => titles += 1,
                other => break other,
            }
        };
        let Some(head) = head else {
            continue;
        };
        // Only a title, the person's own or between, or a nasab makes the name a person's:
        // "مركز الإمارات" and "برنامج الحكومة" are other things.
        if titles == 0 && !own_title && !nasab {
            continue;
        }
        // The noun with و/ف and ب/ل allowed on it, in construct (no article).
        let word = head.span.slice(&text);
        let Some(form) = hadath_language::clitics::lookup_forms(word)
            .into_iter()
            .filter(|f| !word[..f.span.start].ends_with("ال"))
            .find(|f| {
                NAMED_PLACES.contains(&f.key.as_str())
                    || NAMED_INSTITUTIONS.contains(&f.key.as_str())
            })
        else {
            continue;
        };
        let bare = form.key.as_str();
        let place = NAMED_PLACES.contains(&bare);
        // "عن طريق الأمير": through the prince, no road.
        if bare == "طريق" && before.next().is_some_and(|t| key(t) == "عن") {
            continue;
        }
        let noun_start = head.span.start + form.span.start;
        let noun = &text[noun_start..head.span.start + form.span.end];
        // The person's country, else the story's, as for a bare agent.
        let country = entity
            .actor
            .as_ref()
            .and_then(|a| a.country.clone())
            .or_else(|| story_country.map(str::to_string));
        entity.span = hadath_core::Span::new(noun_start, entity.span.end);
        if place {
            entity.kind = EntityType::LOC;
            entity.actor = None;
            continue;
        }
        entity.kind = EntityType::ORG;
        // The noun as the dictionary's agent, with the person's country.
        // A foundation named after a royal is a charity (مؤسسة الملك عبدالله العالمية للأعمال
        // الإنسانية, مؤسسة الملك خالد): the dictionary has no agent for the word itself.
        let charity = (bare == "مؤسسه").then(|| Actor {
            code: "NGO".to_string(),
            country: None,
            sector: Some("NGO".to_string()),
            name: None,
            entry: None,
        });
        entity.actor = code_span(noun, published, dictionary)
            .filter(|a| a.country.is_none() && SECTORS.contains(&a.code.as_str()))
            .or(charity)
            .map(|agent| {
                let code = match &country {
                    Some(iso3) => format!("{iso3}{}", agent.code),
                    None => agent.code.clone(),
                };
                Actor {
                    code,
                    country: country.clone(),
                    name: None,
                    ..agent
                }
            });
    }
}

/// Countries that are kingdoms (ISO3), for "المملكة" alone.
const KINGDOMS: &[&str] = &[
    "SAU", "JOR", "MAR", "BHR", "GBR", "ESP", "NLD", "BEL", "SWE", "NOR", "DNK", "THA", "KHM",
];

/// The span of "المملكة" in a token that is that word with at most a conjunction or preposition
/// before it (والمملكة، بالمملكة، للمملكة), from its article; `None` for any other token.
fn kingdom_word(text: &str, span: hadath_core::Span) -> Option<hadath_core::Span> {
    let word = &text[span.start..span.end];
    let key = hadath_language::normalize::normalize_key(word);
    let bare = key.strip_prefix(['و', 'ف']).unwrap_or(&key);
    let bare = bare.strip_prefix(['ب', 'ك']).unwrap_or(bare);
    if bare != "المملكه" && bare != "للمملكه" {
        return None;
    }
    let at = word.find("المملك").or_else(|| word.find("لمملك"))?;
    Some(hadath_core::Span::new(span.start + at, span.end))
}

fn overlap(a: hadath_core::Span, b: hadath_core::Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

fn new_entity(span: hadath_core::Span, kind: EntityType, actor: Actor) -> Entity {
    Entity {
        span,
        kind,
        source: SOURCE_ACTORS.to_string(),
        actor: Some(actor),
        place: None,
        date: None,
    }
}

#[cfg(test)]
mod tests;
