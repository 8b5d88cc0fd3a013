//! Finding actor phrases in a run of tokens and composing them the way analysts read them.
//!
//! Three steps. [`words`] turns tokens into words with their clitic lookup forms. [`find_matches`]
//! takes, left to right, the longest dictionary phrase starting at each word (the first word may
//! carry clitics: وبالفصائل → الفصائل). [`chains`] then joins adjacent matches into one actor
//! phrase — agent + nisba (الوفد الروسي), a genitive chain (قوات النظام السوري), a “باسم” chain
//! (المتحدثة باسم وزارة الخارجية الأمريكية) — and [`compose`] gives each chain one code.

use super::dictionary::{ActorDictionary, EntryKind, How, Sense};
use chrono::NaiveDate;
use hadath_core::{Actor, EntityType, Span, TokenKind};
use hadath_language::clitics::{analyze, lookup_forms, lookup_forms_into, Form, FormBuffer};
use hadath_language::normalize::{is_arabic_letter, normalize_key};

/// Words that may stand between two parts of one actor phrase: "المتحدثة **باسم** الخارجية",
/// "مجموعة **من** عناصر القسام", "ناشط **في** كتائب الأقصى", "التحالف **بقيادة** الولايات المتحدة".
const LINKS: &[&str] = &[
    "باسم",
    "من",
    "في",
    "لدي",
    "التابعه",
    "التابع",
    "التابعين",
    "التابعون",
    "الموالين",
    "الموالي",
    "الموالون",
    "المواليه",
    "موالين",
    "موالون",
    "موالي",
    "مواليه",
    "تابع",
    "تابعه",
    "تابعين",
    "بقياده",
];

/// Words before a country name that make it the place a story happens in, not an actor.
const LOCATIVES: &[&str] = &[
    "في",
    "جنوب",
    "شمال",
    "شرق",
    "غرب",
    "وسط",
    "داخل",
    "انحاء",
    "جنوبي",
    "شمالي",
    "شرقي",
    "غربي",
];

/// Quotes news put around names («القاعدة»): they do not break a phrase.
fn is_quote(c: &str) -> bool {
    matches!(c, "«" | "»" | "\"" | "“" | "”" | "'")
}

/// A word of the text with what a dictionary lookup needs.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    /// The whole token, absolute.
    pub span: Span,
    /// The whole token normalised.
    pub key: String,
    /// Lookup forms with spans made absolute, in `lookup_forms` order; only those that may
    /// start a dictionary phrase or be a demonym (the others match nothing).
    pub forms: Vec<Form>,
    /// The word has lookup forms (a letter word, not a number).
    pub has_forms: bool,
    /// A number.
    pub number: bool,
    /// Punctuation (other than quotes) stands between this word and the previous one.
    pub break_before: bool,
}

/// The word's key: [`normalize_key`], folding letter by letter when no character expands.
fn word_key(slice: &str) -> String {
    let simple = slice.chars().all(|c| {
        if c.is_ascii() {
            !c.is_ascii_uppercase()
        } else {
            ('\u{0600}'..='\u{06FF}').contains(&c)
        }
    });
    if simple {
        // Arabic-block and lower-case ASCII characters fold to at most one character.
        let mut key = String::with_capacity(slice.len());
        key.extend(
            slice
                .chars()
                .filter_map(hadath_language::normalize::fold_char),
        );
        key
    } else {
        normalize_key(slice)
    }
}

/// The word carries the article ال (or لل).
fn is_definite(text: &str, word: &Word) -> bool {
    !word.number && analyze(word.span.slice(text)).article.is_some()
}

/// Words of the tokens `(span, kind)` of `text`.
pub(crate) fn words(
    text: &str,
    tokens: impl Iterator<Item = (Span, TokenKind)>,
    dictionary: &ActorDictionary,
) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut pending_break = false;
    let mut buffer = FormBuffer::new();
    // End of the previous token, to tell an in-word hyphen ("al-Qaeda", which the dictionary
    // keys as "al qaeda") from a dash between phrases.
    let mut previous_end: Option<usize> = None;
    // The previous token was such a hyphen or apostrophe, touching the word before it.
    let mut joiner = false;
    for (span, kind) in tokens {
        let slice = span.slice(text);
        let touching = previous_end == Some(span.start);
        previous_end = Some(span.end);
        if kind == TokenKind::Word && joiner && touching {
            // The hyphen touched both words: no break.
            pending_break = false;
        }
        joiner = false;
        match kind {
            TokenKind::Word => {
                lookup_forms_into(slice, &mut buffer);
                // Only forms that may start a phrase or be a demonym can match: a bit filter
                // (rarely a false `true`, which only costs a form kept), order kept.
                let forms = buffer
                    .iter()
                    .filter(|f| dictionary.may_start(f.key))
                    .map(|f| Form {
                        span: f.span.shift(span.start),
                        ..f.to_form()
                    })
                    .collect();
                out.push(Word {
                    span,
                    key: word_key(slice),
                    forms,
                    has_forms: !buffer.is_empty(),
                    number: false,
                    break_before: pending_break,
                });
                pending_break = false;
            }
            // A number is a word no phrase contains ("9 عراقيين"): it separates phrases.
            TokenKind::Number => {
                out.push(Word {
                    span,
                    key: slice.to_string(),
                    forms: vec![],
                    has_forms: false,
                    number: true,
                    break_before: pending_break,
                });
                pending_break = false;
            }
            TokenKind::Punctuation | TokenKind::Symbol => {
                if !is_quote(slice) {
                    let in_word = matches!(slice, "-" | "'" | "\u{2019}")
                        && touching
                        && out
                            .last()
                            .is_some_and(|w| w.span.end == span.start && !w.number);
                    joiner = in_word && !pending_break;
                    pending_break = true;
                }
            }
        }
    }
    out
}

/// A dictionary phrase found in the words.
#[derive(Debug, Clone)]
pub(crate) struct Match {
    /// First and last word (inclusive).
    pub first: usize,
    pub last: usize,
    /// From the matched form of the first word (clitics outside) to the end of the last word.
    pub span: Span,
    pub senses: Vec<Sense>,
    /// The first word carried the conjunction و or ف: a new actor starts here.
    pub conjunction: bool,
    /// The last word carries the article (a construct state never does).
    pub last_definite: bool,
    /// The first word carried the preposition ل or ب ("الأمين العام لحزب الله", "دورية
    /// للقوات", "وزيرة الدولة بوزارة الطاقة"), which links it to the noun before it.
    pub lam: bool,
}

/// Longest dictionary phrases, left to right, never across punctuation.
pub(crate) fn find_matches(text: &str, words: &[Word], dictionary: &ActorDictionary) -> Vec<Match> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if suicide_adjective(text, words, i) {
            i += 1;
            continue;
        }
        match longest_at(text, words, i, dictionary) {
            Some(m) => {
                i = m.last + 1;
                out.push(m);
            }
            None => i += 1,
        }
    }
    out
}

/// "الاعتداء الانتحاري", "العملية الانتحارية", "هجوم انتحاري": after an attack noun of the
/// same definiteness, انتحاري describes the attack; it names no bomber. "تفجير الانتحاري
/// لشاحنته" (the bomber's detonation) is a genitive: the bomber stays.
fn suicide_adjective(text: &str, words: &[Word], i: usize) -> bool {
    const SUICIDE: &[&str] = &["الانتحاري", "الانتحاريه", "انتحاري", "انتحاريه"];
    const ATTACKS: &[&str] = &[
        "هجوم",
        "الهجوم",
        "هجمات",
        "الهجمات",
        "اعتداء",
        "الاعتداء",
        "تفجير",
        "التفجير",
        "تفجيرات",
        "التفجيرات",
        "عمليه",
        "العمليه",
        "عمليات",
        "العمليات",
        "الهجومين",
        "التفجيرين",
        "الاعتداءات",
        "اعتداءات",
    ];
    i > 0
        && !words[i].break_before
        && SUICIDE.contains(&words[i].key.as_str())
        && lookup_forms(words[i - 1].span.slice(text))
            .iter()
            .any(|f| ATTACKS.contains(&f.key.as_str()))
        && is_definite(text, &words[i - 1]) == is_definite(text, &words[i])
}

fn longest_at(text: &str, words: &[Word], i: usize, dictionary: &ActorDictionary) -> Option<Match> {
    if words[i].forms.is_empty() {
        return None;
    }
    let mut max = 1;
    while max < dictionary.max_words()
        && i + max < words.len()
        && !words[i + max].break_before
        && words[i + max].has_forms
    {
        max += 1;
    }
    // The longest phrase wins; among forms reaching it, the first (forms come
    // fewest-clitics-stripped first). A phrase of n words is only looked up when its first
    // n - 1 words start some phrase of the dictionary.
    let mut best: Option<(usize, usize)> = None;
    let mut key = String::new();
    for (f, form) in words[i].forms.iter().enumerate() {
        if !dictionary.starts_phrase(&form.key) {
            continue;
        }
        key.clear();
        key.push_str(&form.key);
        let mut n = 1;
        loop {
            if best.map_or(true, |(b, _)| n > b) && !dictionary.lookup(&key).is_empty() {
                // A final ي or ك read as a pronoun ("my", "your") is far more often part of
                // the word: سياحي is "touristic", not "my tourists".
                let tail = &text[form.span.end..words[i].span.end];
                if n > 1 || !matches!(normalize_key(tail).as_str(), "ي" | "ك") {
                    best = Some((n, f));
                }
            }
            if n >= max {
                break;
            }
            key.push(' ');
            key.push_str(&words[i + n].key);
            n += 1;
            if !dictionary.starts_phrase(&key) {
                break;
            }
        }
    }
    if let Some((n, f)) = best {
        let form = &words[i].forms[f];
        let mut key = form.key.clone();
        for w in &words[i + 1..i + n] {
            key.push(' ');
            key.push_str(&w.key);
        }
        let senses = dictionary.lookup(&key);
        let prefix = &text[words[i].span.start..form.span.start];
        let after_conjunction = prefix
            .strip_prefix('و')
            .or_else(|| prefix.strip_prefix('ف'))
            .unwrap_or(prefix);
        return Some(Match {
            last_definite: is_definite(text, &words[i + n - 1]),
            lam: after_conjunction.starts_with('ل') || after_conjunction.starts_with('ب'),
            first: i,
            last: i + n - 1,
            span: Span::new(form.span.start, words[i + n - 1].span.end),
            senses: senses.to_vec(),
            conjunction: prefix.starts_with('و') || prefix.starts_with('ف'),
        });
    }
    places_country_at(text, words, i, dictionary)
}

/// A word the actor dictionary does not know that the places half's demonym table does
/// (مغاربة، English "Syrians"): read as that country, when it is one of ours.
fn places_country_at(
    text: &str,
    words: &[Word],
    i: usize,
    dictionary: &ActorDictionary,
) -> Option<Match> {
    use crate::places::{demonym_key, CountryForm};
    words[i].forms.iter().find_map(|form| {
        let (country, kind) = demonym_key(&form.key)?;
        let entry = dictionary.country_index(&country.iso3)?;
        let how = match kind {
            CountryForm::Name => How::Name,
            CountryForm::Demonym => How::Nisba { people: false },
        };
        let prefix = &text[words[i].span.start..form.span.start];
        Some(Match {
            first: i,
            last: i,
            span: Span::new(form.span.start, words[i].span.end),
            senses: vec![Sense { entry, how }],
            conjunction: prefix.starts_with('و') || prefix.starts_with('ف'),
            last_definite: is_definite(text, &words[i]),
            lam: prefix
                .trim_start_matches(['و', 'ف'])
                .starts_with(['ل', 'ب']),
        })
    })
}

/// The reading of a match to use: for persons and organisations one whose role holds on the
/// date (the latest-starting), then names before nisba adjectives before places.
pub(crate) fn best_sense(
    m: &Match,
    dictionary: &ActorDictionary,
    date: Option<NaiveDate>,
) -> Sense {
    *m.senses
        .iter()
        .enumerate()
        .max_by_key(|(i, s)| {
            let entry = dictionary.entry(s.entry);
            let role = entry.role_on(date);
            let how = match s.how {
                How::Name => 2,
                How::Nisba { .. } => 1,
                How::Place => 0,
            };
            (
                role.is_some() || entry.roles.is_empty(),
                role.and_then(|r| r.from),
                how,
                std::cmp::Reverse(*i),
            )
        })
        .map(|(_, s)| s)
        .expect("a match has at least one sense")
}

/// A run of matches read as one actor phrase (indices into the matches).
pub(crate) type Chain = Vec<usize>;

/// Joins adjacent matches into chains.
pub(crate) fn chains(
    words: &[Word],
    matches: &[Match],
    dictionary: &ActorDictionary,
    date: Option<NaiveDate>,
) -> Vec<Chain> {
    let mut out: Vec<Chain> = Vec::new();
    for (index, m) in matches.iter().enumerate() {
        let joins = index > 0
            && !out.is_empty()
            && joinable(words, &matches[index - 1], m, dictionary, date);
        if joins {
            out.last_mut().expect("non-empty").push(index);
        } else {
            out.push(vec![index]);
        }
    }
    out
}

fn joinable(
    words: &[Word],
    previous: &Match,
    next: &Match,
    dictionary: &ActorDictionary,
    date: Option<NaiveDate>,
) -> bool {
    if next.conjunction || words[next.first].break_before {
        return false;
    }
    let prev = best_sense(previous, dictionary, date);
    let next_sense = best_sense(next, dictionary, date);
    let prev_kind = dictionary.entry(prev.entry).kind;
    let next_kind = dictionary.entry(next_sense.entry).kind;
    let next_is_nisba = matches!(next_sense.how, How::Nisba { .. });
    let gap = &words[previous.last + 1..next.first];
    if gap.iter().any(|w| w.break_before) {
        return false;
    }
    let linked =
        !gap.is_empty() && gap.len() <= 2 && gap.iter().all(|w| LINKS.contains(&w.key.as_str()));
    // Adjectives between an agent and the nisba that ends it: القوات الخاصة الأمريكية,
    // المعارضة المسلحة السورية.
    // Not a plural after a definite masculine singular agent, which no adjective of it would
    // be and, with the article, no genitive either: in "وحث الوزير الأطراف اليمنية" the
    // parties are the object, and Yemeni is theirs ("وزير الأوقاف المصري" is a construct).
    let agreeing = |w: &Word| {
        let agent = &words[previous.last].key;
        let definite = agent.trim_start_matches(['و', 'ف']).starts_with("ال");
        !(definite && masculine_singular(agent) && plural_looking(&w.key))
    };
    let adjectives = !gap.is_empty()
        && gap.len() <= 2
        && gap.iter().all(|w| w.key.starts_with("ال") && agreeing(w))
        && prev_kind == EntryKind::Agent
        && next_is_nisba;
    if !(gap.is_empty() || linked || adjectives) {
        return false;
    }
    match (prev_kind, prev.how) {
        // "الولايات المتحدة الأمريكية": a name and its own nisba; otherwise a country name or a
        // place ends the phrase ("روسيا والنظام", "درعا المدنيين").
        (EntryKind::Country, How::Name) => {
            gap.is_empty() && next_is_nisba && next_sense.entry == prev.entry
        }
        (EntryKind::Country, How::Place) => false,
        // A nisba then the name it describes: "نظيره الروسي سيرجي لافروف".
        (EntryKind::Country, How::Nisba { .. }) => {
            // English puts the adjective first: "Russian delegation", "Syrian army".
            let latin = words[previous.last]
                .key
                .chars()
                .all(|c| !is_arabic_letter(c));
            gap.is_empty()
                && (matches!(next_kind, EntryKind::Person | EntryKind::Org)
                    || (latin && next_kind == EntryKind::Agent))
        }
        (EntryKind::Person, _) => false,
        (EntryKind::Org, _) => gap.is_empty() && next_is_nisba,
        // "الفصائل في بصرى الحرير": where an actor is does not belong to its name (code_span
        // still takes the country from it); a construct does ("شرطة إسلام آباد").
        (EntryKind::Agent, _) if next_kind == EntryKind::Country && !next_is_nisba && linked => {
            false
        }
        (EntryKind::Agent, _) => {
            if next_is_nisba || next_kind == EntryKind::Person {
                // Agreement and titles: الوفد الروسي، الوزير مايك بومبيو.
                true
            } else {
                // Another noun joins only a construct (قوات النظام، زعيمة المعارضة، مسلحو
                // حماس) or through a link (المتحدثة باسم …): after a definite noun it is the
                // next argument of a verb ("استفز النظام المدنيين"), and so it is after a plural
                // or dual that keeps its ن, which a construct drops (مسلحو, not مسلحون):
                // "هاجم مفجرون انتحاريون سياسيين" has two actors.
                linked
                    || next.lam
                    || !(previous.last_definite || keeps_nun(&words[previous.last].key))
            }
        }
    }
}

/// A noun with no feminine or plural ending (الوزير، الرئيس، الجيش), after و/ف and ال.
fn masculine_singular(key: &str) -> bool {
    let k = key.trim_start_matches(['و', 'ف']);
    let k = k.strip_prefix("ال").unwrap_or(k);
    !["ه", "ات", "ون", "ين", "ان"].iter().any(|e| k.ends_with(e))
}

/// A plural noun after ال: a feminine plural in ـات (الاقتحامات، الاستثمارات) or the broken
/// plural أفعال (الأطراف، الأعلام). Not ـيين / ـيون, the nisba adjectives that follow plural
/// agents (الضباط البحريين المصريين), and not other broken plurals, which look singular.
fn plural_looking(key: &str) -> bool {
    let k = key.strip_prefix("ال").unwrap_or(key);
    let letters: Vec<char> = k.chars().collect();
    k.ends_with("ات") || (letters.len() == 5 && letters[0] == 'ا' && letters[3] == 'ا')
}

/// A sound plural or dual with its ن (مسلحون، مدنيين، جنديين): a noun that cannot head a
/// construct. Five letters at least, so singulars such as أمين or سجين are not taken for one.
fn keeps_nun(key: &str) -> bool {
    key.chars().count() >= 5 && (key.ends_with("ون") || key.ends_with("ين"))
}

/// What kind of phrase a composed mention is, for deciding what to do with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionShape {
    /// A named person or organisation is in it.
    Named,
    /// A generic agent composed with a country (الوفد الروسي).
    AgentCountry,
    /// A generic agent alone: its country comes from the document.
    BareAgent,
    /// A country named (روسيا).
    CountryName,
    /// A plural demonym naming a people (الفلسطينيين).
    People,
    /// A nisba adjective on a word that is no actor (المطالب الروسية).
    Adjective,
    /// A place inside a country (درعا): a country for code_span, no actor entity.
    Place,
}

/// One actor phrase with its code.
#[derive(Debug, Clone)]
pub struct Mention {
    pub span: Span,
    pub actor: Actor,
    pub shape: MentionShape,
    /// The entity type a new entity for it would have.
    pub entity: EntityType,
    /// A bare agent that takes the document's country.
    pub local: bool,
    /// The agent's own code (sectors) for bare agents, to prefix with a country later.
    pub agent_code: Option<String>,
    /// Spans of country names inside the phrase (a GPE entity there gets the country only).
    pub country_names: Vec<(Span, String)>,
    /// The sector comes from a weak agent (a rank, a checkpoint) and gives way to a stronger one.
    pub weak: bool,
}

/// The code of a chain.
pub(crate) fn compose(
    chain: &[usize],
    matches: &[Match],
    dictionary: &ActorDictionary,
    date: Option<NaiveDate>,
) -> Option<Mention> {
    let span = matches[chain[0]].span.cover(matches[*chain.last()?].span);
    let senses: Vec<(Sense, &Match)> = chain
        .iter()
        .map(|&i| (best_sense(&matches[i], dictionary, date), &matches[i]))
        .collect();
    let country_names = senses
        .iter()
        .filter(|(s, _)| s.how == How::Name && dictionary.entry(s.entry).kind == EntryKind::Country)
        .map(|(s, m)| (m.span, dictionary.entry(s.entry).id[8..].to_string()))
        .collect();
    let head_entity = senses.iter().find_map(|(s, _)| {
        let e = dictionary.entry(s.entry);
        (e.kind == EntryKind::Agent).then(|| e.entity.unwrap_or(EntityType::ORG))
    });

    // A named person or organisation decides the code; what surrounds it is their title.
    if let Some((sense, _)) = senses.iter().find(|(s, _)| {
        matches!(
            dictionary.entry(s.entry).kind,
            EntryKind::Person | EntryKind::Org
        )
    }) {
        let entry = dictionary.entry(sense.entry);
        let (code, country, sector) = match entry.role_on(date) {
            Some(role) => (
                role.code.clone(),
                role.country(entry.kind).map(str::to_string),
                role.sector(entry.kind).map(str::to_string),
            ),
            // Out of office on that date: still of their country, in no role.
            None => {
                let country = entry.home_country().map(str::to_string);
                (country.clone().unwrap_or_default(), country, None)
            }
        };
        let entity = match entry.kind {
            EntryKind::Person => EntityType::PER,
            _ => head_entity.unwrap_or(EntityType::ORG),
        };
        return Some(Mention {
            span,
            actor: Actor {
                code,
                country,
                sector,
                name: Some(entry.name.clone()),
                entry: Some(entry.id.clone()),
            },
            shape: MentionShape::Named,
            entity,
            local: false,
            agent_code: None,
            country_names,
            weak: false,
        });
    }

    let country = senses.iter().find_map(|(s, _)| {
        let e = dictionary.entry(s.entry);
        (e.kind == EntryKind::Country).then_some((e, s.how))
    });
    let agents: Vec<_> = senses
        .iter()
        .filter_map(|(s, _)| {
            let e = dictionary.entry(s.entry);
            let role = e.roles.first()?;
            (e.kind == EntryKind::Agent).then_some((e, role))
        })
        .collect();
    // The head noun decides ("قوات النظام" is the regime's military), unless it is weak.
    let agent = agents
        .iter()
        .find(|(e, _)| !e.weak)
        .or_else(|| agents.first())
        .copied();
    let has_agent = senses
        .iter()
        .any(|(s, _)| dictionary.entry(s.entry).kind == EntryKind::Agent);
    match (country, agent) {
        (Some((c, _)), Some((a, role))) => {
            let iso3 = &c.id[8..];
            Some(Mention {
                span,
                actor: Actor {
                    code: format!("{iso3}{}", role.code),
                    country: Some(iso3.to_string()),
                    sector: role.sector(EntryKind::Agent).map(str::to_string),
                    name: Some(format!("{} {}", c.name, a.name)),
                    entry: Some(a.id.clone()),
                },
                shape: MentionShape::AgentCountry,
                entity: head_entity.unwrap_or(EntityType::ORG),
                local: false,
                agent_code: Some(role.code.clone()),
                country_names,
                weak: a.weak,
            })
        }
        (None, Some((a, _))) if !a.alone => None,
        (None, Some((a, role))) => Some(Mention {
            span,
            actor: Actor {
                code: role.code.clone(),
                country: None,
                sector: role.sector(EntryKind::Agent).map(str::to_string),
                name: Some(a.name.clone()),
                entry: Some(a.id.clone()),
            },
            shape: MentionShape::BareAgent,
            entity: head_entity.unwrap_or(EntityType::ORG),
            local: a.local,
            agent_code: Some(role.code.clone()),
            country_names,
            weak: a.weak,
        }),
        (Some((c, how)), None) => {
            let iso3 = &c.id[8..];
            // A head without a sector (عناصر، زعيم) and a country: people of that country.
            let shape = match how {
                _ if has_agent => MentionShape::People,
                How::Name => MentionShape::CountryName,
                How::Nisba { people: true } => MentionShape::People,
                How::Nisba { people: false } => MentionShape::Adjective,
                How::Place => MentionShape::Place,
            };
            let entity = match shape {
                MentionShape::CountryName => EntityType::GPE,
                MentionShape::People => head_entity.unwrap_or(EntityType::PER),
                _ => EntityType::MISC,
            };
            Some(Mention {
                span,
                actor: Actor {
                    code: iso3.to_string(),
                    country: Some(iso3.to_string()),
                    sector: None,
                    name: Some(c.name.clone()),
                    entry: Some(c.id.clone()),
                },
                shape,
                entity,
                local: false,
                agent_code: None,
                country_names,
                weak: false,
            })
        }
        (None, None) => None,
    }
}

/// Every actor phrase of a run of words, composed.
pub(crate) fn mentions(
    text: &str,
    words: &[Word],
    dictionary: &ActorDictionary,
    date: Option<NaiveDate>,
) -> (Vec<Match>, Vec<Mention>) {
    let matches = find_matches(text, words, dictionary);
    let mentions = chains(words, &matches, dictionary, date)
        .iter()
        .filter_map(|chain| compose(chain, &matches, dictionary, date))
        .collect();
    (matches, mentions)
}

/// True when the word before match `m` makes a country name a location ("في سورية").
pub(crate) fn locative_before(text: &str, words: &[Word], m: &Match) -> bool {
    m.first > 0 && {
        let word = &words[m.first - 1];
        !word.number
            && lookup_forms(word.span.slice(text))
                .iter()
                .any(|f| LOCATIVES.contains(&f.key.as_str()))
    }
}
