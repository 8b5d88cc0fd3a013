//! The event coder: triggers, modality, attribution, arguments, date, place, and merging.
//!
//! One pass per fresh sentence (repeats are skipped and only contribute mention spans):
//! 1. every word is looked up under all its clitic forms in the trigger lexicon;
//! 2. each match is checked against its context conditions (needed, blocking, next words);
//! 3. modality comes from cues before and after the trigger in its clause, from denials and
//!    speech verbs governing it, and from its date against publication;
//! 4. reported speech ("قال X إن ...") gives `attributed_to`, and X is never an actor;
//! 5. actors and recipients are entities with an actor code, placed by word order (VSO: the
//!    subject follows the verb; SVO: it precedes it), prepositions and the entry's hints;
//! 6. mentions of the same happening merge: in a sentence by type, across the document by type,
//!    modality and participants.

use crate::cues::*;
use crate::lexicon::{self, Entry, FormKind, Lexicon, PatWord, Pos};
use crate::victims;
use chrono::{Datelike, NaiveDate};
use hadath_core::{
    Analysis, DatePrecision, EntityType, Event, EventDate, EventLocation, EventType, Language,
    Modality, Participant, PlacePrecision, Span, TokenKind,
};
use hadath_language::clitics::{lookup_forms, sound_masculine_plural};
use hadath_language::normalize::normalize_key;

/// Confidence at or above which an asserted event counts as detected in evaluation.
pub const DETECT_THRESHOLD: f32 = 0.4;

/// One token of a sentence with its lookup keys.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub span: Span,
    /// Normalised lookup forms, whole word first.
    pub keys: Vec<String>,
    /// The whole word, normalised.
    pub key: String,
    pub punct: bool,
    /// The word carries a ب / ل / ك / س particle (so it is a prepositional phrase).
    pub particle: bool,
    /// The word as written ends in ي (not ى, which normalises to ي too).
    pub final_ya: bool,
    /// The word is written with a damma on its first letter (after و / ف): a passive verb,
    /// "قُتل", "أُصيب", vocalised where the writer wanted no doubt.
    pub passive: bool,
    /// Per key: false when the letters stripped before it include ب, ك or the article, which
    /// never go on a verb (بحثا is "searching", not ب + حثّ "urged").
    pub verbal: Vec<bool>,
}

impl Word {
    /// A ب / ل / ك written on the word (the future سـ is no preposition).
    fn carries_preposition(&self) -> bool {
        self.particle && !self.key.starts_with('س')
    }
    pub(crate) fn is_any(&self, list: &[&str]) -> bool {
        self.keys.iter().any(|k| list.contains(&k.as_str()))
    }
    fn in_set(&self, lex: &Lexicon, set: &str) -> bool {
        self.keys.iter().any(|k| lex.in_set(set, k))
    }
    /// Clause boundary punctuation (not brackets or quotes, which sit inside clauses).
    fn boundary(&self) -> bool {
        self.punct
            && matches!(
                self.key.as_str(),
                "،" | "," | "." | "؛" | ";" | ":" | "!" | "?" | "؟"
            )
    }
}

/// A participant candidate: an entity with an actor code, or a fallback-spotted word.
#[derive(Debug, Clone)]
struct Mention {
    span: Span,
    code: Option<String>,
    /// First and last word index in the sentence.
    first: usize,
    last: usize,
}

/// A trigger match before it becomes an event.
#[derive(Debug, Clone)]
struct Candidate {
    entry: usize,
    lang: Language,
    first: usize,
    last: usize,
    kind: FormKind,
    future_prefix: bool,
}

/// Who is quoted in a sentence and where the quoted clause starts.
#[derive(Debug, Clone)]
struct Attribution {
    participant: Participant,
    /// Word index where the reported clause starts (triggers from here on are attributed).
    from: usize,
    /// Words of the source phrase, which never give actors.
    source: (usize, usize),
    /// Word index of the speech verb (a modality cue for verbs like توقع).
    verb: Option<usize>,
}

fn words_of(analysis: &Analysis, sentence: usize) -> Vec<Word> {
    let text = analysis.text();
    analysis
        .sentence_tokens(sentence)
        .iter()
        .map(|t| {
            let raw = t.span.slice(text);
            let key = normalize_key(raw);
            let mut keys = vec![key.clone()];
            let mut verbal = vec![true];
            if t.kind == TokenKind::Word {
                for f in lookup_forms(raw) {
                    if !keys.contains(&f.key) {
                        verbal.push(verb_prefix(&raw[..f.span.start.min(raw.len())]));
                        keys.push(f.key);
                    }
                }
            }
            // (The clitic analysis does not split every ل / ب off an honorific or a number
            // word: لفخامة، لتسعة.)
            let particle = t.clitics.as_ref().is_some_and(|c| c.particle.is_some())
                || ["ل", "ب"].iter().any(|p| {
                    key.strip_prefix(p).is_some_and(|rest| {
                        HONORIFIC_TITLES.contains(&rest) || victims::QUANTITY.contains(&rest)
                    })
                });
            let mut letters = raw.trim_start_matches(['و', 'ف']).chars();
            let passive = letters.next().is_some_and(char::is_alphabetic)
                && letters.next() == Some('\u{064F}');
            Word {
                span: t.span,
                keys,
                key,
                punct: matches!(t.kind, TokenKind::Punctuation | TokenKind::Symbol),
                particle,
                passive,
                verbal,
                final_ya: raw
                    .trim_end_matches(|c: char| !c.is_alphabetic())
                    .ends_with('ي'),
            }
        })
        .collect()
}

/// True when the letters stripped off before a word's stem can precede a verb: و/ف, then
/// سـ (future) or لـ (purpose, with the imperfect), or nothing.
fn verb_prefix(stripped: &str) -> bool {
    if stripped.is_empty() {
        return true;
    }
    let p = normalize_key(stripped);
    let p = p.strip_prefix(['و', 'ف']).unwrap_or(&p);
    matches!(p, "" | "س" | "ل")
}

/// Tries to match the words after the first of an entry's pattern, starting at word `at`.
fn match_rest(words: &[Word], at: usize, rest: &[PatWord]) -> Option<usize> {
    fn go(words: &[Word], at: usize, rest: &[PatWord]) -> Option<usize> {
        match rest.first() {
            None => Some(at - 1),
            Some(PatWord::Word(alts)) => {
                let w = words.get(at)?;
                if w.punct {
                    return None;
                }
                if w.keys.iter().any(|k| alts.iter().any(|a| a == k)) {
                    go(words, at + 1, &rest[1..])
                } else {
                    None
                }
            }
            Some(PatWord::Gap(n)) => {
                for skip in 0..=*n {
                    if words[at.min(words.len())..]
                        .iter()
                        .take(skip)
                        .any(|w| w.boundary())
                    {
                        break;
                    }
                    if let Some(end) = go(words, at + skip, &rest[1..]) {
                        return Some(end);
                    }
                }
                None
            }
        }
    }
    go(words, at, rest)
}

fn find_triggers(words: &[Word], lex: &Lexicon, lang: Language) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if w.punct {
            continue;
        }
        let mut best: Option<(Candidate, usize)> = None;
        // No definite noun or number follows the word (so a bare ي on it is no construct).
        let no_genitive_after = words.get(i + 1).map_or(true, |n| {
            n.punct || !(has_article(&n.key, "") || n.key.chars().any(|c| c.is_ascii_digit()))
        });
        for (key, &verbal) in w.keys.iter().zip(&w.verbal) {
            let Some(hits) = lex.index.get(key) else {
                continue;
            };
            for &(entry_id, kind) in hits {
                let entry = &lex.entries[entry_id];
                // An inflected verb form (not the bare lemma, which is often also the verbal
                // noun: القتل، بدعم) never follows ب, ك or the article; a `verb` entry's lemma
                // neither (بحث is "discussion", not ب + حثّ).
                if entry.pos == Pos::Verb
                    && kind != FormKind::Noun
                    && !verbal
                    && (entry.verb_only || entry.lemma.split(' ').next() != Some(key.as_str()))
                {
                    continue;
                }
                let Some(last) = match_rest(words, i + 1, &entry.rest) else {
                    continue;
                };
                if entry.no_article && has_article(&w.key, key) {
                    continue;
                }
                // A verb takes the object pronoun ني, never a bare ي: أيدي is "hands", not
                // أيد "supported" + "my".
                // (Written ى, as in قتلى, it is another word's ending, not the pronoun.)
                if kind != FormKind::Noun && w.final_ya && w.key.ends_with(&format!("{key}ي")) {
                    continue;
                }
                // A nisba adjective made from a trigger noun describes, it reports nothing:
                // "طابع اجتماعي" (social), "خط هجومي" (attacking). A bare ي is also a plural or
                // dual in construct ("متظاهري حركة كفاية", "تفجيري 11 ديسمبر"), so it counts
                // only on a verbal noun (not a participle in م) that is no construct: with the
                // article, or with no definite noun or number after it ("اجتماعي خاص").
                let nisba = |s: &&str| {
                    w.key
                        .strip_suffix(*s)
                        .is_some_and(|rest| rest.ends_with(key.as_str()))
                        && (*s != "ي"
                            || (w.final_ya
                                && !key.starts_with('م')
                                && (has_article(&w.key, key) || no_genitive_after)))
                };
                // (Not for protests: "إجراء احتجاجي", "حركة احتجاجية" are protest actions. Nor a
                // bare ي on attacks and arrests, where it is mostly "my" or a dual in construct
                // before a name: "جرى اعتقالي", "هجومي باردو وسوسة".)
                let suffixes: &[&str] = match entry.event_type {
                    EventType::Protest => &[],
                    EventType::Assault | EventType::Coerce => &["يه", "يا", "يين", "يون", "يات"],
                    _ => &["ي", "يه", "يا", "يين", "يون", "يات"],
                };
                if kind == FormKind::Noun && suffixes.iter().any(nisba) {
                    continue;
                }
                // "الإنجاز الذي تحقق": after a masculine relative a ت-verb is a perfect of
                // form V or VI (was achieved), not the feminine imperfect of the entry's verb.
                if kind == FormKind::Imperfect
                    && i > 0
                    && words[i - 1].is_any(&["الذي", "الذين"])
                    && key.starts_with('ت')
                {
                    continue;
                }
                let future_prefix = kind == FormKind::Imperfect && has_future_prefix(&w.key, key);
                let cand = Candidate {
                    entry: entry_id,
                    lang,
                    first: i,
                    last,
                    kind,
                    future_prefix,
                };
                // An entry whose context is missing gives way to another entry of the same
                // word ("lifted" + curfew is RETREAT, "lifted" + restrictions CONCEDE).
                if !context_ok(words, &cand, entry, lex) {
                    continue;
                }
                // Longest match first; then the reading that strips the fewest letters off the
                // word (وبحث is و + بحث "discussed", not و + ب + حث "urging"); then the weight.
                let kept = key.chars().count();
                let better = match &best {
                    None => true,
                    Some((b, b_kept)) => {
                        let eb = &lex.entries[b.entry];
                        (last - i, kept, entry.weight) > (b.last - b.first, *b_kept, eb.weight)
                    }
                };
                if better {
                    best = Some((cand, kept));
                }
            }
        }
        if let Some((c, _)) = best {
            // A longer pattern already covering this word wins ("هجوم انتحاري" over "انتحاري"),
            // unless the word only fills its gap: in "دعا منظمو المظاهرات الأهالي إلى" the
            // demonstrations are their own trigger.
            if out.iter().any(|o| {
                o.first <= i
                    && i <= o.last
                    && (i == o.first || pattern_word(&lex.entries[o.entry], w))
            }) {
                continue;
            }
            out.push(c);
        }
    }
    out
}

/// Whether a word inside an entry's match belongs to it. In a short gap (`..`, up to 3 words)
/// every word does, since it is the verb's subject ("وجاب المتظاهرون الشوارع" is one
/// protest); a long gap (`..N`) spans whole phrases, so only the pattern's own words do.
fn pattern_word(entry: &Entry, w: &Word) -> bool {
    !entry.long_gap
        || entry.rest.iter().any(|p| match p {
            PatWord::Word(alts) => w.keys.iter().any(|k| alts.contains(k)),
            PatWord::Gap(_) => false,
        })
}

/// True when the whole word carries the article (after و/ف and ب/ل/ك, or as the لل of ل + ال)
/// that the matched key lacks: "والطالب" matched as "طالب".
fn has_article(whole: &str, matched: &str) -> bool {
    if matched.starts_with("ال") {
        return false;
    }
    let w = whole
        .strip_prefix('و')
        .or_else(|| whole.strip_prefix('ف'))
        .unwrap_or(whole);
    if w.starts_with("لل") && !matched.starts_with('ل') {
        return true;
    }
    let w = w
        .strip_prefix('ب')
        .or_else(|| w.strip_prefix('ك'))
        .or_else(|| w.strip_prefix('ل'))
        .filter(|rest| rest.starts_with("ال"))
        .unwrap_or(w);
    w.starts_with("ال")
}

/// True when the whole word starts with the future سـ (after an optional و/ف) that the matched
/// key lacks: "وسيهاجم" matched as "يهاجم".
fn has_future_prefix(whole: &str, matched: &str) -> bool {
    let w = whole
        .strip_prefix('و')
        .or_else(|| whole.strip_prefix('ف'))
        .unwrap_or(whole);
    w.starts_with('س') && !matched.starts_with('س') && w.ends_with(matched)
}

fn lexicon_for(lang: Language) -> &'static Lexicon {
    match lang {
        Language::English => lexicon::english(),
        _ => lexicon::arabic(),
    }
}

/// Checks an entry's context conditions around a match.
fn context_ok(words: &[Word], c: &Candidate, entry: &Entry, lex: &Lexicon) -> bool {
    if let Some(set) = &entry.needs {
        let lo = c.first.saturating_sub(8);
        let hi = (c.last + 9).min(words.len());
        let found = (lo..hi)
            .filter(|&j| j < c.first || j > c.last)
            .any(|j| words[j].in_set(lex, set));
        if !found {
            return false;
        }
    }
    if let Some(set) = &entry.unless {
        let lo = c.first.saturating_sub(8);
        let hi = (c.last + 9).min(words.len());
        if (lo..hi)
            .filter(|&j| j < c.first || j > c.last)
            .any(|j| words[j].in_set(lex, set))
        {
            return false;
        }
    }
    if let Some(set) = &entry.block {
        let lo = c.first.saturating_sub(2);
        if (lo..c.first).any(|j| words[j].in_set(lex, set)) {
            return false;
        }
    }
    if let Some(set) = &entry.not_next {
        if words.get(c.last + 1).is_some_and(|w| w.in_set(lex, set)) {
            return false;
        }
    }
    if let Some(set) = &entry.not_after {
        let end = clause_end(words, c.last + 1).min(c.last + 7);
        if (c.last + 1..end).any(|j| words[j].in_set(lex, set)) {
            return false;
        }
    }
    if let Some(set) = &entry.definite_needs {
        let lemma = entry.lemma.split(' ').next().unwrap_or("");
        let from = c.first.saturating_sub(3).max(clause_start(words, c.first));
        if has_article(&words[c.first].key, lemma)
            && !(from..c.first).any(|j| words[j].in_set(lex, set))
        {
            return false;
        }
    }
    if entry.next.is_some() || entry.prev.is_some() {
        let after = entry.next.as_ref().is_some_and(|set| {
            words
                .get(c.last + 1)
                .is_some_and(|w| !w.boundary() && w.in_set(lex, set))
        });
        let before = entry.prev.as_ref().is_some_and(|set| {
            (c.first.saturating_sub(2).max(clause_start(words, c.first))..c.first)
                .any(|j| words[j].in_set(lex, set))
        });
        if !after && !before {
            return false;
        }
    }
    true
}

/// Start of the clause holding word `at`: just after the previous boundary punctuation.
fn clause_start(words: &[Word], at: usize) -> usize {
    (0..at)
        .rev()
        .find(|&j| words[j].boundary())
        .map_or(0, |j| j + 1)
}

fn clause_end(words: &[Word], at: usize) -> usize {
    (at..words.len())
        .find(|&j| words[j].boundary())
        .unwrap_or(words.len())
}

/// Looks for a source of reported speech in the sentence.
fn find_attribution(
    analysis: &Analysis,
    words: &[Word],
    mentions: &[Mention],
    previous: Option<&Participant>,
) -> Option<Attribution> {
    let text = analysis.text();
    let participant_for = |a: usize, b: usize| -> Participant {
        let span = words[a].span.cover(words[b].span);
        let code = mentions
            .iter()
            .find(|m| m.first >= a && m.last <= b && m.code.is_some())
            .and_then(|m| m.code.clone());
        Participant { span, code }
    };
    // A participle continuing the previous speaker: "مؤكدة أن ...".
    if let Some(first) = words.iter().position(|w| !w.punct) {
        if words[first].is_any(SPEECH_PARTICIPLES) {
            if let (Some(prev), Some(comp)) = (
                previous,
                words[first + 1..]
                    .iter()
                    .take(3)
                    .position(|w| w.is_any(COMPLEMENTIZERS)),
            ) {
                return Some(Attribution {
                    participant: prev.clone(),
                    from: first + 1 + comp + 1,
                    source: (first, first),
                    verb: Some(first),
                });
            }
        }
    }
    if analysis.language == Language::English {
        if let Some(a) = english_attribution(words, mentions, &participant_for) {
            return Some(a);
        }
    }
    for (v, w) in words.iter().enumerate() {
        if !w.is_any(SPEECH) || analysis.language == Language::English {
            continue;
        }
        // VSO: the source sits between verb and complementiser, after any phrase naming whom
        // the speaker addressed or where ("أكد لـ«الشرق الأوسط»", "قالت فيه", "أشار إلى").
        let window = words.len().min(v + 14);
        let start = addressee_end(words, v + 1, window);
        // The complementiser (or a colon / opening quote) within the next dozen words.
        let Some(comp) = (start..window).find(|&j| {
            words[j].is_any(COMPLEMENTIZERS) || matches!(words[j].key.as_str(), ":" | "«" | "\"")
        }) else {
            continue;
        };
        let from = comp + 1;
        let mut end = start - 1;
        for j in start..comp {
            let wj = &words[j];
            // "د. الفلاح": the dot of a title's abbreviation does not end the source.
            let title_dot = wj.key == "." && j > start && words[j - 1].is_any(TITLE_ABBREVIATIONS);
            if (wj.punct && !title_dot)
                || wj.is_any(SOURCE_STOPS)
                // "أعلنت الشرطة الأميركية الخميس أنها": a weekday is when, not who.
                || wj.is_any(WEEKDAYS)
                || is_free_preposition(wj)
                || (wj.particle && wj.key.starts_with('ل'))
                // "لـ"الرياض"": a lone لـ before the outlet the speaker told.
                || wj.key == "ل"
            {
                break;
            }
            if wj.key == "في" && words.get(j + 1).is_some_and(|n| n.is_any(SOURCE_STOPS)) {
                break;
            }
            end = j;
        }
        // A lone title abbreviation is no source ("وأضاف د." at a sentence end).
        if end == start && words[start].is_any(TITLE_ABBREVIATIONS) {
            end = start - 1;
        }
        if end < start && start > v + 1 {
            // The subject is a pronoun ("وأشار إلى أن", "وقالت فيه إن"): the speaker is the
            // one quoted before, if any. Without one, the reported clause stays unattributed
            // rather than quoting a preposition.
            if let Some(prev) = previous {
                return Some(Attribution {
                    participant: prev.clone(),
                    from,
                    source: (v, start - 1),
                    verb: Some(v),
                });
            }
            continue;
        }
        if end >= start {
            let mut p = participant_for(start, end);
            // "وأكد سموه": an honorific pronoun (His Highness, His Excellency…) is the person
            // last named with a code before it.
            if end == start && words[start].is_any(HONORIFIC_PRONOUNS) {
                if let Some(person) = last_person_before(analysis, words[start].span.start) {
                    p = person;
                }
            }
            // "وتوقع المصدر": an anaphoric source is the earlier one.
            if end == start && words[start].key.starts_with("ال") {
                if let Some(prev) = previous {
                    let head = normalize_key(prev.span.slice(text));
                    if words[start].is_any(ANAPHORIC_SOURCES)
                        && ANAPHORIC_SOURCES.iter().any(|h| head.starts_with(h))
                    {
                        p = prev.clone();
                    }
                }
            }
            return Some(Attribution {
                participant: p,
                from,
                source: (v + 1, end),
                verb: Some(v),
            });
        }
        // SVO: "المصدر قال إن": the nearest mention before the verb.
        if let Some(m) = mentions
            .iter()
            .rev()
            .find(|m| m.last < v && v - m.last <= 3)
        {
            return Some(Attribution {
                participant: participant(m),
                from,
                source: (m.first, m.last),
                verb: Some(v),
            });
        }
    }
    // "حسب X", "وفق مصادر ...": X is the source for the whole sentence.
    for (j, w) in words.iter().enumerate() {
        if !w.is_any(ACCORDING_TO) {
            continue;
        }
        let mut k = j + 1;
        if words.get(k).is_some_and(|n| n.key == "عن" || n.key == "to") {
            k += 1;
        }
        let Some(head) = words.get(k) else { continue };
        let is_source =
            head.is_any(SOURCE_HEADS) || mentions.iter().any(|m| m.first == k && m.code.is_some());
        if !is_source {
            continue;
        }
        let end = (k..words.len().min(k + 5))
            .take_while(|&x| !words[x].punct)
            .last()
            .unwrap_or(k);
        return Some(Attribution {
            participant: participant_for(k, end),
            from: 0,
            source: (j, end),
            verb: None,
        });
    }
    None
}

/// Which words of a sentence quote scripture: those inside Quranic brackets (﴿ ﴾; { } or
/// doubled parentheses when vocalised or announced, see [`quotes_scripture`]), and the
/// reported clause when the one quoted is God or the Prophet ("قال تعالى:", "قال رسول الله
/// صلى الله عليه وسلم"); and whether the sentence's attribution is such a quotation.
fn scripture_words(
    text: &str,
    words: &[Word],
    attribution: Option<&Attribution>,
) -> (Vec<bool>, bool) {
    let mut inside = vec![false; words.len()];
    let mut by_scripture = false;
    if let Some(a) = attribution {
        let (lo, hi) = a.source;
        by_scripture = (lo..=hi.min(words.len().saturating_sub(1)))
            .any(|j| words[j].is_any(SCRIPTURE_SOURCES))
            || (lo == hi && words[lo].key == "الله");
        if by_scripture {
            // The quotation: to its closing mark when it opens with one ("قال تعالى: «…»"),
            // else to the sentence end.
            let from = a.from.min(words.len());
            let opener = [from.saturating_sub(1), from]
                .into_iter()
                .find(|&j| j < words.len() && closing_mark(&words[j].key).is_some());
            let end = opener
                .and_then(|o| {
                    let close = closing_mark(&words[o].key)?;
                    (o + 1..words.len()).find(|&j| words[j].key == close)
                })
                .map_or(words.len(), |j| j + 1);
            inside[from..end.max(from)]
                .iter_mut()
                .for_each(|x| *x = true);
        }
    }
    let mut open: Option<(usize, &str)> = None;
    let mut j = 0;
    while j < words.len() {
        let k = words[j].key.as_str();
        let doubled = |c: &str| words.get(j + 1).is_some_and(|n| n.key == c);
        match open {
            None => {
                if k == "﴿" || k == "{" {
                    open = closing_mark(k).map(|close| (j, close));
                } else if k == "(" && doubled("(") {
                    open = Some((j, ")"));
                    j += 1;
                }
            }
            Some((start, close)) => {
                // (( … )) may close with a single parenthesis.
                if k == close {
                    if words[start].key == "﴿" || quotes_scripture(text, words, start, j) {
                        inside[start..=j].iter_mut().for_each(|x| *x = true);
                    }
                    open = None;
                }
            }
        }
        j += 1;
    }
    // An unclosed bracket quotes to the sentence end (the verse ends in the next sentence).
    if let Some((start, _)) = open {
        let last = words.len() - 1;
        if words[start].key == "﴿" || quotes_scripture(text, words, start, last) {
            inside[start..].iter_mut().for_each(|x| *x = true);
        }
    }
    (inside, by_scripture)
}

/// Whether the bracketed words `open..=close` quote scripture: Asharq Al-Awsat also writes
/// { } for ordinary quotation marks ("لـ{الشرق الأوسط}"), so the brackets count only when the
/// text inside is vocalised (three or more short vowels, shadda or sukun: news prose has none)
/// or a cue (تعالى، سبحانه، الآية، سورة، قوله) comes among the four words before them.
fn quotes_scripture(text: &str, words: &[Word], open: usize, close: usize) -> bool {
    let inner = &text[words[open].span.end..words[close].span.start.max(words[open].span.end)];
    let vowels = inner
        .chars()
        .filter(|c| ('\u{064E}'..='\u{0652}').contains(c))
        .count();
    vowels >= 3
        || words[open.saturating_sub(4)..open]
            .iter()
            .any(|w| w.is_any(SCRIPTURE_CUES))
}

/// A number, in digits or words ("12", "تسعة", "عشرات"), with or without a particle.
fn is_count(w: &Word) -> bool {
    w.is_any(victims::QUANTITY)
        || (!w.punct
            && w.key
                .chars()
                .any(|c| c.is_ascii_digit() || ('٠'..='٩').contains(&c))
            && w.key.chars().all(|c| c.is_alphanumeric()))
}

/// A word that starts with the conjunction و (the clitic analysis kept the rest as a key).
fn conjoined(w: &Word) -> bool {
    w.key
        .strip_prefix('و')
        .is_some_and(|rest| rest.chars().count() >= 2 && w.keys.iter().any(|k| k == rest))
}

/// A word carrying a pronoun suffix (اغتالته، اختطفتهم، رفضهم): the clitic analysis
/// stripped a ه / ها / هم / هما / هن from the whole word.
fn has_pronoun_suffix(w: &Word) -> bool {
    pronoun_suffix(w).is_some()
}

/// The pronoun suffix of [`has_pronoun_suffix`], longest first.
fn pronoun_suffix(w: &Word) -> Option<&'static str> {
    ["هما", "ها", "هم", "هن", "ه"].into_iter().find(|suffix| {
        w.key
            .strip_suffix(suffix)
            .is_some_and(|stem| stem.chars().count() >= 3 && w.keys.iter().any(|k| k == stem))
    })
}

/// Whether a pronoun suffix agrees with a relative pronoun in gender and number, so that it
/// can stand for the relative's antecedent: الذي … ـه، التي … ـها، الذين … ـهم.
fn agrees_with_relative(suffix: &str, relative: &Word) -> bool {
    let needs: &[&str] = match suffix {
        "ه" => &["الذي"],
        "ها" => &["التي"],
        "هم" => &["الذين"],
        "هما" => &["اللذين", "اللتين"],
        _ => &[],
    };
    relative.is_any(needs)
}

/// An attack noun (with its adjective) right before a verb is the verb's subject: "هجوم
/// انتحاري استهدف" (a relative, "التفجير الذي استهدف", is handled as such). Not عملية:
/// "عملية الخطف" is a verbal noun after it.
fn attack_noun_before(words: &[Word], verb: usize) -> bool {
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
        "انفجار",
        "الانفجار",
        "عمليه",
        "العمليه",
        "هجوما",
        "تفجيرا",
    ];
    const ADJECTIVES: &[&str] = &[
        "انتحاري",
        "انتحاريه",
        "الانتحاري",
        "الانتحاريه",
        "ارهابي",
        "ارهابيه",
        "الارهابي",
        "الارهابيه",
        "مسلح",
        "المسلح",
        "اخر",
        "الاخر",
        "ثان",
        "الثاني",
        "جديد",
        "الجديد",
    ];
    let at = |j: usize| words.get(j).is_some_and(|w| w.is_any(ATTACKS));
    verb >= 1
        && !words[verb].key.starts_with("ال")
        // "قوات الأمن أغلقت منطقة الاعتداء الانتحاري واعتقلت": a verb joined by و continues
        // an earlier subject.
        && !words[verb].key.starts_with(['و', 'ف'])
        && (at(verb - 1) || (verb >= 2 && words[verb - 1].is_any(ADJECTIVES) && at(verb - 2)))
}

/// Whether the one-word definite masculine plural `m` (المصلين، المسلحين; not a country:
/// البحرين، الصين are feminine) right after the verb is its object, not its subject: after a
/// verb marked feminine singular (استهدفت، تستهدف), or in ـين after a victim-taking verb.
fn plural_is_object(words: &[Word], verb: usize, entry: &Entry, m: &Mention) -> bool {
    let lemma = entry.lemma.as_str();
    let v = words[verb].key.trim_start_matches(['و', 'ف']);
    // An imperfect's ت is the feminine prefix only when the lemma does not start with ت itself
    // (تظاهر، تعرض are masculine perfects of forms V and VI: "وتظاهر المحتجون").
    let imperfect_feminine = v.starts_with('ت')
        && (!lemma.starts_with('ت') || v.starts_with("تت"))
        && !v.ends_with("ون")
        && !v.ends_with("وا");
    let feminine = imperfect_feminine || (v.ends_with('ت') && v.chars().count() > 3);
    let w = &words[m.first];
    // Right after a verb that takes its victim as a direct object (قتل، اعتقل …), a sound
    // plural in ـين is the victim whether the word is read as the verb (object, accusative; a
    // subject would be in ـون) or as its verbal noun (genitive): "وقتل المصلين". Not قصف,
    // whose verbal noun takes its doer as the genitive ("قصف الحوثيين لمنطقة").
    const VICTIM_VERBS: &[&str] = &[
        "قتل",
        "اغتال",
        "اعتقل",
        "اختطف",
        "خطف",
        "احتجز",
        "ذبح",
        "استهدف",
    ];
    let accusative = lemma
        .split_whitespace()
        .next()
        .is_some_and(|l| VICTIM_VERBS.contains(&l))
        && w.key.ends_with("ين")
        && m.first == verb + 1;
    (feminine || accusative)
        && m.first == m.last
        && w.key.starts_with("ال")
        && (w.key.ends_with("ين") || w.key.ends_with("ون"))
        && w.key.chars().count() > 5
        && m.code.as_deref().map_or(true, |c| c.len() > 3)
}

/// The person (a PER entity with an actor code) named last before byte `pos`.
fn last_person_before(analysis: &Analysis, pos: usize) -> Option<Participant> {
    analysis
        .entities
        .iter()
        .filter(|e| e.kind == EntityType::PER && e.span.end <= pos)
        .filter_map(|e| e.actor.as_ref().map(|a| (e.span, a.code.clone())))
        .max_by_key(|(span, _)| span.start)
        .map(|(span, code)| Participant {
            span,
            code: Some(code),
        })
}

/// The mark that closes a quotation opened by `open`.
fn closing_mark(open: &str) -> Option<&'static str> {
    match open {
        "«" => Some("»"),
        "\"" => Some("\""),
        "(" => Some(")"),
        "{" => Some("}"),
        "﴿" => Some("﴾"),
        "“" => Some("”"),
        _ => None,
    }
}

/// إلى or على, written with alef maqsura: "علي" is also the name Ali ("وقال علي عبدالله صالح").
fn is_free_preposition(w: &Word) -> bool {
    w.is_any(SOURCE_ENDING_PREPOSITIONS) && !w.final_ya
}

/// Where the subject of a speech verb can start: past a phrase naming whom the speaker
/// addressed or where (a pronoun with a preposition, "فيه", "لها"; لـ and a quoted outlet,
/// "لـ«الاقتصادية»"; a free preposition, "أشار إلى"), never past `limit`.
fn addressee_end(words: &[Word], mut at: usize, limit: usize) -> usize {
    while at < limit {
        let w = &words[at];
        if w.is_any(PRONOUN_PREPOSITIONS) || is_free_preposition(w) {
            at += 1;
        } else if let Some(close) = words
            .get(at + 1)
            .filter(|q| w.key == "ل" && (q.key == "«" || q.key == "\""))
            .and_then(|q| closing_mark(&q.key))
        {
            match (at + 2..limit).find(|&j| words[j].key == close) {
                Some(j) => at = j + 1,
                None => break,
            }
        } else {
            break;
        }
    }
    at.min(limit)
}

/// English reported speech, SVO: a speaker before the speech verb reports what follows
/// ("Switzerland said today it had expelled …", "that" optional), or a trailing speaker clause
/// after the last comma reports what comes before it ("…, the White House announced Tuesday",
/// "…, officials said", "…, said a spokesman").
fn english_attribution(
    words: &[Word],
    mentions: &[Mention],
    participant_for: &dyn Fn(usize, usize) -> Participant,
) -> Option<Attribution> {
    let speech: Vec<usize> = (0..words.len())
        .filter(|&v| words[v].is_any(SPEECH))
        .collect();
    // Trailing: the speech verb's clause starts after a comma and ends the sentence.
    for &v in speech.iter().rev() {
        let cs = clause_start(words, v);
        let ce = clause_end(words, v);
        if cs == 0 || ce + 1 < words.len() || v + 6 < ce {
            continue;
        }
        let source = mentions
            .iter()
            .find(|m| m.first >= cs && m.last < ce && m.first != v)
            .map(|m| (m.first, m.last))
            .or_else(|| {
                // "officials said", "said a spokesman": the words around the verb.
                let (a, b) = if v > cs { (cs, v - 1) } else { (v + 1, ce - 1) };
                (a <= b && b < words.len()).then_some((a, b.min(a + 5)))
            })?;
        return Some(Attribution {
            participant: participant_for(source.0, source.1),
            from: 0,
            source: (cs.min(source.0), ce.saturating_sub(1).max(source.1)),
            verb: Some(v),
        });
    }
    // Leading: "X said (that) …" in the sentence's first clause.
    let &v = speech.first()?;
    if v == 0 || clause_start(words, v) != 0 {
        return None;
    }
    let m = mentions
        .iter()
        .rev()
        .find(|m| m.last < v && v - m.last <= 3)?;
    let from = (v + 1..words.len().min(v + 5))
        .find(|&j| words[j].key == "that")
        .map_or(v + 1, |j| j + 1);
    Some(Attribution {
        participant: participant(m),
        from,
        source: (m.first, m.last),
        verb: Some(v),
    })
}

fn any_in(words: &[Word], range: std::ops::Range<usize>, list: &[&str]) -> bool {
    range.filter_map(|j| words.get(j)).any(|w| w.is_any(list))
}

/// A four-digit year between 1900 and 2099 written in the clause, for historical events.
fn year_of(word: &Word) -> Option<i32> {
    let digits: String = word.key.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() == 4 && digits == word.key.trim_matches(|c: char| !c.is_ascii_digit()) {
        let y: i32 = digits.parse().ok()?;
        (1900..2100).contains(&y).then_some(y)
    } else {
        None
    }
}

/// Modality from the words around a trigger.
fn modality_of(
    words: &[Word],
    c: &Candidate,
    attribution: Option<&Attribution>,
    entry: &Entry,
) -> Modality {
    let cs = clause_start(words, c.first);
    let ce = clause_end(words, c.last + 1);
    let near = c.first.saturating_sub(2).max(cs)..c.first;
    // Negation right before the trigger ("لم يتم اغتيال" allows one word between).
    if any_in(words, near.clone(), NEGATORS) {
        return Modality::Negated;
    }
    // Denials and prevention govern their whole complement.
    if any_in(words, 0..c.first, DENIALS)
        || any_in(words, c.first.saturating_sub(4)..c.first, PREVENTION)
    {
        return Modality::Negated;
    }
    if c.future_prefix {
        return Modality::Future;
    }
    if entry.language == "en" {
        if let Some(m) = english_complement_modality(words, c, cs) {
            return m;
        }
    } else if asked_for(words, c, cs) {
        return Modality::Hypothetical;
    }
    let window = c.first.saturating_sub(5).max(cs)..c.first;
    // "قد" before an imperfect is "may"; before a perfect it is "has indeed" (a perfect plural
    // in وا, "قد تظاهروا", is no imperfect even though forms V and VI start with ت).
    let qad = window.clone().any(|j| {
        words[j].key == "قد"
            && words.get(j + 1).is_some_and(|n| {
                n.key.starts_with(['ي', 'ت', 'ن'])
                    && !n.key.starts_with("تم")
                    && !n.key.ends_with("وا")
            })
    });
    // "من شأنه أن" is "would"; "بشأن" (about) is not.
    let would = window
        .clone()
        .any(|j| j > 0 && words[j - 1].key == "من" && words[j].key.starts_with("شان"));
    if qad || would || any_in(words, window.clone(), HYPOTHETICAL) {
        return Modality::Hypothetical;
    }
    if any_in(words, window.clone(), FUTURE_BEFORE) || any_in(words, c.last + 1..ce, FUTURE_AFTER) {
        return Modality::Future;
    }
    if let Some(a) = attribution {
        if let Some(v) = a.verb {
            if c.first >= a.from
                && words[v].is_any(&["توقع", "توقعت", "يتوقع", "تتوقع", "رجح", "رجحت"])
            {
                return Modality::Future;
            }
        }
    }
    // A question is not a report.
    if words.last().is_some_and(|w| w.key == "؟" || w.key == "?") {
        return Modality::Hypothetical;
    }
    let wide = c.first.saturating_sub(6).max(cs)..(c.last + 7).min(ce);
    if any_in(words, wide, HISTORICAL) && !entry.rest.is_empty() {
        // Multi-word triggers with a history cue nearby ("ذكرى التفجير الانتحاري").
        return Modality::Historical;
    }
    Modality::Asserted
}

/// The modality of an English trigger in the "to"-complement of a verb of refusing, intending
/// or asking: "refused to deploy" did not happen, "agreed to share" is to come, "urged Serbia
/// to release" is asked of someone else. The governing verb is looked for up to six words
/// before the "to", within the clause; the "to" is at most four words before the trigger ("to
/// host a summit").
fn english_complement_modality(words: &[Word], c: &Candidate, clause: usize) -> Option<Modality> {
    let to = (c.first.saturating_sub(4)..c.first)
        .rev()
        .take_while(|&j| !words[j].boundary())
        .find(|&j| words[j].key == "to")?;
    (to.saturating_sub(6).max(clause)..to).rev().find_map(|j| {
        let w = &words[j];
        if w.is_any(EN_REFUSING) {
            Some(Modality::Negated)
        } else if w.is_any(EN_INTENDING) {
            Some(Modality::Future)
        } else if w.is_any(EN_ASKING) {
            Some(Modality::Hypothetical)
        } else {
            None
        }
    })
}

/// Whether an Arabic trigger is what someone calls for: after a calling, demanding or urging
/// word of its clause within 8 words, introduced the way that word introduces its object
/// (دعا / ناشد إلى or لـ, طالب بـ, حثّ على, any of them أن): "ودعا البارزاني حزب العمال إلى
/// الانسحاب", "طالبت الأمم المتحدة الحوثيين بالانسحاب". The withdrawal is asked for, not done:
/// hypothetical, as for English "urged X to". A على that belongs to something else ("مطالبين
/// برد أقوى على الهجوم") does not count.
fn asked_for(words: &[Word], c: &Candidate, clause: usize) -> bool {
    let trigger = &words[c.first];
    // The particle written on the trigger itself, after an optional و / ف.
    let bare = trigger
        .key
        .strip_prefix(['و', 'ف'])
        .filter(|rest| rest.chars().count() > 3)
        .unwrap_or(&trigger.key);
    let prefixed = |p: char| trigger.particle && bare.starts_with(p);
    let before = c
        .first
        .checked_sub(1)
        .filter(|&j| j >= clause)
        .map(|j| words[j].key.as_str());
    let (calls, demands, urges) = (
        before == Some("الي") || prefixed('ل'),
        prefixed('ب'),
        before == Some("علي"),
    );
    let that = matches!(before, Some("ان") | Some("بان"));
    (c.first.saturating_sub(8).max(clause)..c.first).any(|j| {
        let w = &words[j];
        // حزب الدعوة is a party; "مما دعا" is "which led (someone to)", not a call.
        if j > 0 && words[j - 1].is_any(&["حزب", "مما", "ما"]) {
            return false;
        }
        (w.is_any(AR_CALLING) && (calls || that))
            || (w.is_any(AR_DEMANDING) && (demands || that))
            || (w.is_any(AR_URGING) && (urges || that))
    })
}

/// Mentions of actors in a sentence: entities with an actor code, else the fallback spotter.
///
/// With `uncoded`, persons and organisations the resolver could not code count too (the
/// code is then `None`).
fn mentions_of(
    analysis: &Analysis,
    words: &[Word],
    sentence_span: Span,
    uncoded: bool,
) -> Vec<Mention> {
    let lexicon = if analysis.language == Language::English {
        lexicon::english()
    } else {
        lexicon::arabic()
    };
    let word_at = |span: Span| -> Option<(usize, usize)> {
        let first = words.iter().position(|w| w.span.overlaps(span))?;
        let last = words.iter().rposition(|w| w.span.overlaps(span))?;
        Some((first, last))
    };
    let mut out: Vec<Mention> = analysis
        .entities
        .iter()
        .filter(|e| {
            (e.actor.is_some() || uncoded && matches!(e.kind, EntityType::PER | EntityType::ORG))
                && sentence_span.contains(e.span)
        })
        .filter_map(|e| {
            let (first, last) = word_at(e.span)?;
            // A name does not start with an event word: the tagger's "اغتيال الحريري" is the
            // assassination of Hariri.
            if e.actor.is_none()
                && words[first]
                    .keys
                    .iter()
                    .any(|k| lexicon.index.contains_key(k))
            {
                return None;
            }
            Some(Mention {
                span: e.span,
                code: e.actor.as_ref().map(|a| a.code.clone()),
                first,
                last,
            })
        })
        .collect();
    // An uncoded name right after a coded title is the title's holder ("القاضي البلجيكي سيرج
    // براميرتز", "مفتي مصر، الدكتور شوقي علام"): one participant, the coded one. After a
    // plural group ("اغتال مسلحون نجم الدين الجبوري") the name is another participant.
    let all = out.clone();
    out.retain(|m| {
        m.code.is_some()
            || !all.iter().any(|o| {
                o.code.is_some()
                    && apposed(words, o, m)
                    && !sound_masculine_plural(&words[o.last].key)
            })
    });
    // Nested mentions: keep the outermost ("الوفد الروسي", not its adjective "الروسي").
    let all = out.clone();
    out.retain(|m| {
        !all.iter()
            .any(|o| o.span != m.span && o.span.contains(m.span))
    });
    // A bare nationality adjective right before a coded name of that country qualifies the
    // name ("نظيره الروسي سيرجي لافروف"): the name is the participant, not the country.
    let all = out.clone();
    out.retain(|m| {
        let country_only = m.code.as_deref().is_some_and(|c| c.len() == 3);
        !(country_only
            && all.iter().any(|o| {
                o.first == m.last + 1
                    && o.code
                        .as_deref()
                        .zip(m.code.as_deref())
                        .is_some_and(|(a, b)| a.len() > 3 && a.starts_with(b))
            }))
    });
    // …and right after an agent of that country it is the agent's adjective: "الحكومة
    // السعودية" when the resolver coded the agent (SAUGOV) and the name (SAU) apart, because
    // السعودية is both a country's name and its adjective.
    let all = out.clone();
    out.retain(|m| {
        let country_only = m.code.as_deref().filter(|c| c.len() == 3);
        !country_only.is_some_and(|country| {
            m.first == m.last
                && all.iter().any(|o| {
                    o.last + 1 == m.first
                        && o.code
                            .as_deref()
                            .is_some_and(|c| c.len() > 3 && c.starts_with(country))
                })
        })
    });
    // A bare nationality adjective right after a place of that country says whose the place
    // is ("مدينة سوروتش التركية", "اسطنبول التركية"): it names no participant.
    let country_at = |span: Span| {
        analysis
            .entities
            .iter()
            .filter(|e| e.span.overlaps(span))
            .find_map(|e| e.place.as_ref().and_then(|p| p.country.clone()))
    };
    out.retain(|m| {
        let key = &words[m.first].key;
        let one_nisba = m.first == m.last
            && m.code.as_deref().is_some_and(|c| c.len() == 3)
            && key.starts_with("ال")
            && (key.ends_with('ي') || key.ends_with("يه"));
        !(one_nisba
            && m.first > 0
            && country_at(words[m.first].span).is_some_and(|own| {
                country_at(words[m.first - 1].span).is_some_and(|before| before == own)
            }))
    });
    // The fallback spotter stands in for the entity stages only when they did not run.
    let entity_stage_ran = analysis.entities.iter().any(|e| e.actor.is_some());
    for (j, w) in words.iter().enumerate() {
        if entity_stage_ran {
            break;
        }
        if out.iter().any(|m| m.first <= j && j <= m.last) {
            continue;
        }
        if analysis
            .entities
            .iter()
            .any(|e| e.span.overlaps(w.span) && e.kind != EntityType::DATE)
        {
            continue;
        }
        if let Some((_, code)) = FALLBACK_ACTORS
            .iter()
            .find(|(k, _)| w.keys.iter().any(|x| x == k))
        {
            out.push(Mention {
                span: w.span,
                code: Some(code.to_string()),
                first: j,
                last: j,
            });
        }
    }
    out.sort_by_key(|m| m.first);
    out
}

/// Whether `m` follows `o` in apposition: right after it, or after honorific titles and at
/// most one comma ("وكيل وزارة الداخلية الدكتور أحمد السالم", "مفتي مصر، الدكتور شوقي علام").
fn apposed(words: &[Word], o: &Mention, m: &Mention) -> bool {
    let mut at = title_start(words, m.first, o.last + 1);
    while at > o.last + 1 && words[at - 1].is_any(TITLES) {
        at = title_start(words, at - 1, o.last + 1);
    }
    if at > o.last + 1 && matches!(words[at - 1].key.as_str(), "،" | ",") {
        at -= 1;
    }
    // A one-word office the resolver coded without its complement ("وزير" of "وزير الإسكان
    // الأستاذ ماجد الحقيل"): up to two complement words, neither a day nor punctuation.
    let office =
        o.first == o.last && words[o.last].is_any(TITLES) && !words[o.last].key.starts_with("ال");
    let complement = o.last + 1..at;
    if office
        && complement.len() <= 2
        && complement.clone().all(|j| {
            !words[j].punct
                && !words[j].is_any(WEEKDAYS)
                && !words[j].is_any(&["امس", "اليوم", "غدا"])
        })
    {
        return true;
    }
    at == o.last + 1
}

/// A verb joined by و / ف: the rest of the word is a verb form of a trigger ("وطالبت").
fn joined_verb(w: &Word) -> bool {
    let Some(rest) = w.key.strip_prefix(['و', 'ف']) else {
        return false;
    };
    rest.chars().count() >= 3
        && w.keys.iter().any(|k| k == rest)
        && lexicon::arabic().index.get(rest).is_some_and(|hits| {
            hits.iter()
                .any(|(_, kind)| matches!(kind, FormKind::Perfect | FormKind::Imperfect))
        })
}

/// True when the word before the mention is a preposition or the mention carries one.
fn prepositional(words: &[Word], m: &Mention) -> bool {
    // "برقية لفخامة الرئيس سانتوس", "اتهامات لتسعة مسؤولين": honorific titles and counts
    // before the phrase stand for the phrase itself.
    let first = title_start(words, m.first, 0);
    let mut count = first;
    while count > 0 && is_count(&words[count - 1]) {
        count -= 1;
    }
    if count < first {
        // Before a count, من is partitive ("مجموعة من حوالي ثلاثين طالبا" is the subject);
        // any other preposition, or one on the count itself, governs the phrase.
        if words[count].carries_preposition()
            || count > 0 && words[count - 1].is_any(PREPOSITIONS) && words[count - 1].key != "من"
        {
            return true;
        }
    }
    words[first].carries_preposition() || first > 0 && words[first - 1].is_any(PREPOSITIONS)
}

/// Where the honorific titles right before word `at` start (not before `floor`): "لفخامة
/// الرئيس", "صاحب السمو الملكي الأمير".
fn title_start(words: &[Word], mut at: usize, floor: usize) -> usize {
    while at > floor && words[at - 1].is_any(HONORIFIC_TITLES) {
        at -= 1;
    }
    at
}

/// The preposition governing a mention, if one sits between `from` and it.
fn governing_prep<'w>(words: &'w [Word], from: usize, m: &Mention) -> Option<&'w Word> {
    (from..m.first)
        .rev()
        .take(4)
        .map(|j| &words[j])
        .find(|w| w.is_any(PREPOSITIONS))
        .or_else(|| words[m.first].particle.then_some(&words[m.first]))
        .or_else(|| {
            // "لفخامة الرئيس": the particle on the honorific before the phrase.
            let first = title_start(words, m.first, from);
            (first < m.first && words[first].particle).then_some(&words[first])
        })
}

/// A phrase of the sentence (first and last word) as a participant without an actor code.
fn uncoded(words: &[Word], (first, last): (usize, usize)) -> Participant {
    Participant {
        span: words[first].span.cover(words[last].span),
        code: None,
    }
}

fn participant(m: &Mention) -> Participant {
    Participant {
        span: m.span,
        code: m.code.clone(),
    }
}

/// Words after which a protest names what it is against (the phrase follows within a few
/// words, or is the word itself with its ب / ل particle: بالمعلمة، لإيران).
const PROTEST_TARGET_CUES: &[&str] = &[
    "ضد",
    "احتجاجا",
    "احتجاج",
    "للاحتجاج",
    "تنديدا",
    "للتنديد",
    "منددين",
    "منددا",
    "ينددون",
    "تندد",
    "يندد",
    "مناهضه",
    "المناهضه",
    "مناهض",
    "مضاده",
    "المضاده",
    "تطالب",
    "يطالبون",
    "طالبوا",
    "مطالبين",
    "رفضا",
    "رافضين",
    "يرفضون",
];

/// "To", "as far as", "towards", "in front of": where a march goes or a crowd stands.
const PROTEST_DESTINATIONS: &[&str] = &["الي", "حتي", "باتجاه", "نحو", "امام"];

/// Seats of power a march goes to ("مقر", "مبنى", "السفارة", "القصر").
/// (Not مكتب: "ينتمون الى مكتب التضامن" is membership, not a march.)
const SEATS: &[&str] = &[
    "مقر",
    "مقار",
    "مبني",
    "سفاره",
    "السفاره",
    "قصر",
    "القصر",
    "مجلس",
];

/// What protesters chanted or carried names whom they are against ("هتافات معادية لإيران",
/// "لافتات … رفضهم للسياسات الاميركية", "واتهموا حكومة رئيس الوزراء"); only an actor phrase
/// right after one counts, never an uncoded phrase (chants name slogans as often as targets).
const PROTEST_CHANT_CUES: &[&str] = &[
    "هتافات",
    "شعارات",
    "لافتات",
    "مرددين",
    "هتفوا",
    "يهتفون",
    "معاديه",
    "المعاديه",
    "معادي",
    "رفضهم",
    "اتهموا",
    "لنسحق",
];

/// Words after على that make an idiom, not a target: على الأقل، على يد، على خلفية …
const ON_IDIOMS: &[&str] = &[
    "متن",
    "اختلاف",
    "مبعده",
    "الطريق",
    "الاقل",
    "يد",
    "ايدي",
    "ما",
    "خلفيه",
    "اثر",
    "الرغم",
    "مدي",
    "طول",
    "بعد",
    "مسافه",
    "مقربه",
    "اساس",
    "غرار",
    "حد",
    "نحو",
    "الفور",
    "التوالي",
    "قيد",
    "الحدود",
    "راس",
];

/// Nouns for the people protesting: a trigger made of one is its own actor.
const PROTESTER_NOUNS: &[&str] = &["متظاهر", "محتج", "معتصم"];

/// "Was subjected to" (تعرض لـ): its subject is the victim of the noun after it.
const SUBJECTED: &[&str] = &[
    "تعرض",
    "تعرضت",
    "تعرضوا",
    "يتعرض",
    "تتعرض",
    "يتعرضون",
    "تعرضا",
    "تعرضتا",
];

/// Verbs whose subject carries out the verbal noun after them (نفذ هجوما، شن غارة، قام
/// بتفجير، تمكن من استهداف، وجه ضربات).
const CARRY_OUT: &[&str] = &[
    "نفذ",
    "نفذت",
    "نفذوا",
    "نفذا",
    "نفذتا",
    "ينفذ",
    "تنفذ",
    "ينفذون",
    "شن",
    "شنت",
    "شنوا",
    "شنا",
    "شنتا",
    "يشن",
    "تشن",
    "يشنون",
    "قام",
    "قامت",
    "قاموا",
    "يقوم",
    "تقوم",
    "ارتكب",
    "ارتكبت",
    "ارتكبوا",
    "تمكن",
    "تمكنت",
    "تمكنوا",
    "واصل",
    "واصلت",
    "واصلوا",
    "تبني",
    "تبنت",
    "تبنوا",
    "وجه",
    "وجهت",
    "وجهوا",
    "توجه",
    // Who succeeded in, took part in or claimed a killing did it: "نجح الجيش في قتل",
    // "أعلنت مسؤوليتها عن خطف".
    "نجح",
    "نجحت",
    "نجحوا",
    "شارك",
    "شاركت",
    "شاركوا",
    "تورط",
    "تورطت",
    "تورطوا",
    "مسؤوليته",
    "مسؤوليتها",
    "مسؤوليتهم",
];

/// The doer named after a verbal noun by "على يد X" / "على أيدي X" / "من قبل X" / "بيد X" /
/// "برصاص X" / "بنيران X" within the next words.
fn agent_phrase<'m>(words: &[Word], from: usize, after: &[&'m Mention]) -> Option<&'m Mention> {
    let end = words.len().min(from + 8);
    let k = (from..end).find(|&j| {
        let w = &words[j];
        let next = words.get(j + 1).map_or("", |n| n.key.as_str());
        w.key == "علي" && matches!(next, "يد" | "ايدي" | "يدي")
            || (w.key == "من" && next == "قبل")
            || w.key == "بيد"
            || w.key == "بايدي"
            // "قتل برصاص الشرطة", "أصيب بنيران قوات الاحتلال": whose bullets, whose fire.
            || matches!(w.key.as_str(), "برصاص" | "بنيران" | "برصاصه")
    })?;
    after
        .iter()
        .copied()
        .find(|m| m.first > k && m.first <= k + 3)
}

/// Actors and recipients of a trigger by word order, prepositions and the entry's hints.
fn arguments(
    words: &[Word],
    c: &Candidate,
    entry: &Entry,
    mentions: &[Mention],
    attribution: Option<&Attribution>,
) -> (Vec<Participant>, Vec<Participant>) {
    // Nothing before a colon is the trigger's argument: it labels what follows ("رابط الخبر
    // بصحيفة الوئام: 8 قتلى بقصف") or names a speaker, which attribution handles.
    let after_colon = words[..c.first]
        .iter()
        .rposition(|w| w.punct && w.key == ":")
        .map_or(0, |j| j + 1);
    let floor = attribution
        .filter(|a| c.first >= a.from)
        .map_or(
            clause_start(words, c.first).min(sentence_floor(words, c.first)),
            |a| a.from,
        )
        .max(after_colon);
    let in_source =
        |m: &Mention| attribution.is_some_and(|a| m.first >= a.source.0 && m.last <= a.source.1);
    let usable: Vec<&Mention> = mentions
        .iter()
        .filter(|m| !(in_source(m) || (m.first <= c.last && m.last >= c.first)))
        .collect();
    let is_recipient_prep = |w: &Word| {
        entry.recipient_preps.iter().any(|p| {
            w.keys.iter().any(|k| k == p)
                || (p.chars().count() == 1 && w.particle && w.key.starts_with(p.as_str()))
        })
    };
    let mut actors: Vec<Participant> = Vec::new();
    let mut recipients: Vec<Participant> = Vec::new();
    // Right after a relative pronoun comes a verb ("التي رفضها الرئيس"), never a verbal noun.
    let relative = c.first > 0 && words[c.first - 1].is_any(RELATIVES);
    // A verb's bare lemma is often its verbal noun too (قتل، دعم، خطف): after a preposition,
    // with ب / ل or with the article it is the noun ("في دعم ميليشيات الحوثي", "عن قتل
    // الرهينة": the genitive is who was supported or killed). The doer of such an attack is
    // the subject of a carry-out verb before it ("نجح الجيش في قتل", see `CARRY_OUT`).
    let trigger_word = &words[c.first];
    let nominal_form = c.first == c.last
        && (trigger_word.carries_preposition()
            || has_article(
                &trigger_word.key,
                entry.lemma.split(' ').next().unwrap_or(""),
            )
            || (c.first > 0
                && words[c.first - 1].is_any(PREPOSITIONS)
                && words[c.first - 1].key != "من"));
    let verb = (entry.pos == Pos::Verb || c.kind != FormKind::Noun) && !nominal_form || relative;
    // A verb joined by و / ف after the trigger starts another clause, whose phrases are not
    // this one's: in "أدانت الوزارة الهجوم وطالبت بمحاسبة المسؤولين" the officials belong to
    // the demand.
    let next_clause = if entry.language == "ar" {
        (c.last + 1..words.len())
            .find(|&j| joined_verb(&words[j]))
            .unwrap_or(words.len())
    } else {
        words.len()
    };
    let after: Vec<&Mention> = usable
        .iter()
        .copied()
        .filter(|m| m.first > c.last && m.first <= c.last + 10 && m.first < next_clause)
        .collect();
    let before: Vec<&Mention> = usable
        .iter()
        .copied()
        .filter(|m| m.last < c.first && m.first >= floor)
        .collect();
    // Recipients: after a recipient preposition, anywhere in the next words.
    for m in &after {
        if let Some(p) = governing_prep(words, c.last + 1, m) {
            if is_recipient_prep(p) {
                recipients.push(participant(m));
                break;
            }
        }
    }
    if entry.language == "en" {
        english_arguments(
            words,
            c,
            mentions,
            attribution,
            &before,
            &after,
            &mut actors,
            &mut recipients,
        );
        return settle_roles(entry, actors, recipients);
    }
    // (Not the genitive of a prepositional noun: "وطالبت بمحاسبة المسؤولين".)
    let in_prepositional_phrase = |m: &Mention| {
        let first = title_start(words, m.first, c.last + 1);
        first > c.last + 1 && {
            let w = &words[first - 1];
            // (The clitic analysis does not mark every بـ / لـ: بمحاسبة.)
            let bare = w.key.strip_prefix(['و', 'ف']).unwrap_or(&w.key);
            let split_off = bare
                .strip_prefix(['ب', 'ل'])
                .is_some_and(|rest| rest.chars().count() >= 3 && w.keys.iter().any(|k| k == rest));
            (w.carries_preposition() || split_off) && !w.is_any(MANNER_ADVERBS)
        }
    };
    let subject_after = after
        .iter()
        .find(|m| !prepositional(words, m) && !in_prepositional_phrase(m) && m.first <= c.last + 3);
    // A verb that carries its plural subject (اغتالوا، يطلقون): in VSO the verb stays singular
    // before a named subject, so the subject came before and what follows is the object
    // ("مسلحين مجهولين اغتالوا ضابطا في الشرطة").
    let plural_verb = verb && {
        let k = &words[c.first].key;
        k.ends_with("وا")
            || (k.ends_with("ون") && k.trim_start_matches(['و', 'ف']).starts_with(['ي', 'ت']))
    };
    // "تعرضت القوات الأميركية لهجوم", "تعرض النزلاء للضرب": the one subjected is the recipient.
    // (The clitic analysis does not always split the ل of لهجوم; the lexicon matched the stem.)
    let subjected = !verb
        && (words[c.first].particle || words[c.first].key.starts_with('ل'))
        && (c.first.saturating_sub(6)..c.first).any(|j| words[j].is_any(SUBJECTED));
    if subjected {
        if let Some(m) = agent_phrase(words, c.last + 1, &after) {
            actors.push(participant(m));
        }
        let victim = usable
            .iter()
            .rev()
            .find(|m| m.last < c.first && m.first >= floor && !prepositional(words, m));
        if let Some(m) = victim {
            recipients.push(participant(m));
        }
    } else if verb && plural_verb && !relative {
        if let Some(m) = before.iter().rev().find(|m| !prepositional(words, m)) {
            actors.push(participant(m));
        }
        if recipients.is_empty() {
            if let Some(obj) = subject_after {
                recipients.push(participant(obj));
            }
        }
    } else if verb && relative {
        // "الوفد الروسي الذي التقى الفصائل": the antecedent is the subject, what follows the
        // object. The antecedent is the phrase right before the relative pronoun (a comma or
        // one more adjective may come between): in "أدان البرلمان العربي التفجير الذي استهدف
        // مسجدا" the subject of استهدف is the bombing, not the parliament named earlier.
        let relative_at = c.first - 1;
        let antecedent = before.iter().rev().find(|m| {
            // (A tagged name that swallowed the relative pronoun is no antecedent.)
            !prepositional(words, m)
                && words
                    .get(m.last + 1..relative_at)
                    .is_some_and(|gap| gap.iter().filter(|w| !w.punct).count() <= 1)
        });
        let object_pronoun = pronoun_suffix(&words[c.first])
            .is_some_and(|suffix| agrees_with_relative(suffix, &words[relative_at]));
        if object_pronoun {
            // "الرهائن الذين اختطفتهم حركة طالبان", "الزعيم الذي اغتالته اسرائيل": the
            // pronoun on the verb is the antecedent, its object; the subject follows the verb.
            if let Some(m) = subject_after {
                actors.push(participant(m));
            }
            if let Some(m) = antecedent {
                recipients.retain(|r| !r.span.overlaps(words[m.first].span));
                recipients.insert(0, participant(m));
            }
        } else {
            if let Some(m) = antecedent {
                actors.push(participant(m));
            }
            if recipients.is_empty() {
                if let Some(obj) = subject_after {
                    recipients.push(participant(obj));
                }
            }
        }
    } else if verb && attack_noun_before(words, c.first) {
        // "هجوم انتحاري استهدف مدينة سوروتش": the attack is the subject; what follows is its
        // target, and the doer is not named by word order.
        if recipients.is_empty() {
            if let Some(obj) = subject_after {
                recipients.push(participant(obj));
            }
        }
    } else if verb {
        // A phrase right before the verb is its subject ("إن حركة طالبان اختطفت حاكم منطقة"):
        // a VSO verb is preceded by a particle, a conjunction or a time phrase, not a noun.
        let subject_adjacent = before
            .last()
            .filter(|m| m.last + 1 == c.first && !prepositional(words, m));
        if let Some(m) = subject_adjacent {
            actors.push(participant(m));
            if recipients.is_empty() {
                if let Some(obj) = subject_after {
                    recipients.push(participant(obj));
                }
            }
        } else if let Some(m) = subject_after.filter(|m| plural_is_object(words, c.first, entry, m))
        {
            // "تستهدف المصلين": a feminine verb does not agree with a masculine human plural,
            // which is its object; the subject was named before (or is a pronoun).
            if recipients.is_empty() {
                recipients.push(participant(m));
            }
            if let Some(s) = before.iter().rev().find(|s| !prepositional(words, s)) {
                actors.push(participant(s));
            }
        } else if c.first > 0
            && words[c.first - 1].is_any(THAT_WITH_PRONOUN)
            && entry.language == "ar"
            && !words[c.first].passive
            && crate::victims::passive_victim(words, c.first, 0).is_none()
        {
            // "وأعلن شتاينماير أنه سيزور المملكة": the pronoun on أنّ is the subject, so the
            // phrase after the verb is its object; the subject is the speaker. Not after a harm
            // verb that reads as passive: in "قال الموقع إنه اغتيل برصاص قناص" the pronoun is
            // "it is that", and the site killed no one.
            if let Some(m) = subject_after.filter(|_| recipients.is_empty()) {
                recipients.push(participant(m));
            }
            // Only a coded speaker (a source phrase can be a stray "في لقاء سابق مع"), not the
            // media, who relay what others did ("نقلت وسائل الإعلام أنه قصف"), and no civilian
            // as the doer of an attack: "قالت إحدى الرهائن إنها اختطفت" is passive.
            let speaker = attribution.filter(|a| {
                c.first >= a.from
                    && a.participant.code.as_deref().is_some_and(|code| {
                        !code.ends_with("MED")
                            && (entry.event_type != EventType::Assault || !code.ends_with("CVL"))
                    })
            });
            // Without one the pronoun's referent is unknown: no actor rather than a guess.
            if let Some(a) = speaker {
                actors.push(a.participant.clone());
            }
        } else if let Some(m) = subject_after {
            // VSO. A phrase joined by و right after the subject (or its prepositional phrase)
            // continues the subject ("استنكر رئيس الجالية اليمنية في منطقة عسير وعميدها"); the
            // object follows without one. (A lone nationality adjective, "والعراقية", belongs to
            // the noun before it.)
            actors.push(participant(m));
            let continues_subject = |o: &Mention| {
                let gap = &words[m.last + 1..o.first];
                conjoined(&words[o.first])
                    && (gap.is_empty() || gap[0].is_any(PREPOSITIONS) || gap[0].particle)
                    && !(o.first == o.last && o.code.as_deref().is_some_and(|c| c.len() == 3))
            };
            if recipients.is_empty() {
                if let Some(obj) = after.iter().find(|o| {
                    o.first > m.last
                        && !prepositional(words, o)
                        && !continues_subject(o)
                        && o.first <= m.last + 4
                }) {
                    recipients.push(participant(obj));
                }
            }
        } else if let Some(m) = before.iter().rev().find(|m| !prepositional(words, m)) {
            // SVO, or a relative clause whose antecedent is the subject.
            actors.push(participant(m));
            if recipients.is_empty() {
                if let Some(obj) = after
                    .iter()
                    .find(|o| !prepositional(words, o) && o.first <= c.last + 3)
                {
                    recipients.push(participant(obj));
                }
            }
        }
    } else {
        // Verbal noun: a genitive or nationality adjective right after it, else the subject of
        // the clause it sits in. The genitive of a noun whose verb takes its victim as a direct
        // object (اغتيال عماد مغنية، مقتل أشخاص، اعتقال ناشطين) is that victim: the recipient;
        // the doer is then named by على يد / من قبل, a nationality adjective, or the subject of
        // the clause (نفذت القوات الأميركية ضربة جوية). A noun whose target comes with a
        // preposition (هجوم المسلحين على …) keeps its genitive as the actor.
        let adjective = words.get(c.last + 1).and_then(|w| {
            FALLBACK_ACTORS
                .iter()
                .find(|(k, code)| code.len() == 3 && w.key == *k)
                .map(|(_, code)| (w.span, code))
        });
        // (A SUPPORT noun that needs an object, دعم الثوار, names the supported there too;
        // its supporter is the clause's subject, "ستستمر المملكة في دعم القضية".)
        let patient_genitive = entry.recipient_preps.is_empty()
            && (matches!(entry.event_type, EventType::Assault | EventType::Coerce)
                || entry.object.is_some());
        // A noun with a possessive pronoun has its genitive in it: "رفضهم لدعم إيران" is
        // their rejection, and إيران belongs to what they reject.
        let possessed = c.first == c.last && has_pronoun_suffix(&words[c.first]);
        // Honorifics before the genitive do not count against its distance: "زيارة سمو
        // الأمير محمد بن سلمان".
        let mut genitive_from = c.last + 1;
        while words
            .get(genitive_from)
            .is_some_and(|w| w.is_any(HONORIFIC_TITLES))
        {
            genitive_from += 1;
        }
        let genitive = after
            .iter()
            .find(|m| m.first <= genitive_from + 1 && !prepositional(words, m) && !possessed);
        // "المشتبه في اغتيالهم الرئيس رفيق الحريري": after a possessed noun, the phrase that
        // follows is its object.
        if possessed && recipients.is_empty() {
            if let Some(m) = after
                .iter()
                .find(|m| m.first <= c.last + 2 && !prepositional(words, m))
            {
                recipients.push(participant(m));
            }
        }
        if let Some((span, code)) = adjective {
            actors.push(Participant {
                span,
                code: Some(code.to_string()),
            });
        } else if let Some(m) = patient_genitive
            .then(|| agent_phrase(words, c.last + 1, &after))
            .flatten()
        {
            actors.push(participant(m));
        } else if let Some(m) = genitive.filter(|_| !patient_genitive) {
            actors.push(participant(m));
        } else if let Some(m) = before.iter().rev().find(|m| {
            // Before a victim-taking noun only the subject of a verb that carries it out
            // counts ("نفذت القوات الأميركية ضربة جوية"); "أعلن الجيش مقتل …" names who said so.
            // Who condemns or mourns an attack or an arrest did not carry it out ("أدانت
            // البحرين التفجير"); who expresses a rejection or a hope is its subject.
            !prepositional(words, m)
                && !(matches!(entry.event_type, EventType::Assault | EventType::Coerce)
                    && (m.first.saturating_sub(3)..c.first)
                        .any(|j| !(m.first..=m.last).contains(&j) && words[j].is_any(REACTIONS)))
                && (!patient_genitive
                    || entry.object.is_some()
                    || (m.first.saturating_sub(2)..c.first)
                        .any(|j| !(m.first..=m.last).contains(&j) && words[j].is_any(CARRY_OUT)))
        }) {
            actors.push(participant(m));
        }
        if patient_genitive && recipients.is_empty() {
            if let Some(m) = genitive.filter(|m| !actors.iter().any(|a| a.span == m.span)) {
                recipients.push(participant(m));
            }
        }
    }
    if entry.event_type == EventType::Assault {
        // Who was harmed, when word order gave no recipient or misread a passive.
        let in_source = |(f, l): (usize, usize)| {
            attribution.is_some_and(|a| f <= a.source.1 && l >= a.source.0)
        };
        let as_participant = |(f, l): (usize, usize)| Participant {
            code: usable
                .iter()
                .find(|m| m.first >= f && m.last <= l)
                .and_then(|m| m.code.clone()),
            ..uncoded(words, (f, l))
        };
        if verb && c.first == c.last {
            if let Some((v, after_verb)) =
                victims::passive_victim(words, c.first, floor).filter(|(v, _)| !in_source(*v))
            {
                let victim = as_participant(v);
                if after_verb {
                    // "قتل 15 شخصا" (passive) or "قوات أجنبية قتلت تسعة جنود" (active): the
                    // count is the victim either way; a subject before the verb stays.
                    actors.retain(|a| !a.span.overlaps(victim.span));
                    if actors.is_empty() {
                        if let Some(m) = before.iter().rev().find(|m| !prepositional(words, m)) {
                            actors.push(participant(m));
                        }
                    }
                } else {
                    // "جنديا أميركيا قتل في هجوم": the phrase before is the victim, the doer
                    // is only ever named by على يد / من قبل.
                    actors.clear();
                    if let Some(m) = agent_phrase(words, c.last + 1, &after) {
                        actors.push(participant(m));
                    }
                }
                recipients = vec![victim];
            }
        }
        if recipients.is_empty() && verb && plural_verb && !relative {
            // "مسلحين مجهولين اغتالوا ضابطا في الشرطة": the uncoded object.
            let at = victims::after_time_words(words, c.last + 1);
            if let Some(v) = victims::phrase_from(words, at).filter(|v| !in_source(*v)) {
                recipients.push(as_participant(v));
            }
        }
        // Casualties are often named before the trigger's clause ("اصيب 37 شخصا بجروح حين
        // انفجرت قنبلة"): look over the whole reported clause, or the whole sentence.
        let victim_floor = attribution
            .filter(|a| c.first >= a.from)
            .map_or(0, |a| a.from);
        if recipients.is_empty() {
            if let Some(v) =
                victims::victim_in_sentence(words, c.first, victim_floor).filter(|v| !in_source(*v))
            {
                // The harmed are not the doers: a phrase before the trigger that word order made
                // the subject ("اصيب 37 شخصا بجروح حين انفجرت قنبلة") is the victim once a harm
                // word names it so. After the trigger, the actor reading stands ("خطف مسلحون").
                let victim = as_participant(v);
                if v.1 < c.first {
                    actors.retain(|a| !a.span.overlaps(victim.span));
                }
                if !actors.iter().any(|a| a.span.overlaps(victim.span)) {
                    recipients.push(victim);
                }
            }
        }
        if recipients.is_empty() {
            // Fired or exploded "on" something: "عبوة ناسفة انفجرت على دورية بريطانية",
            // "أطلقت عشرات الصواريخ على البلدات المحيطة": the phrase after على (normalised
            // علي), unless it starts an idiom (على الأقل، على يد، على خلفية، على بعد …), and
            // only right after the trigger: further on, على usually belongs to another verb
            // ("السيطرة على بلدات").
            let end = words.len().min(c.last + 3);
            let on = (c.last + 1..end)
                .take_while(|&j| !words[j].boundary())
                .find(|&j| words[j].key == "علي");
            if let Some(j) = on.filter(|&j| !words.get(j + 1).is_some_and(|n| n.is_any(ON_IDIOMS)))
            {
                let coded = usable
                    .iter()
                    .find(|m| m.first == j + 1 && !actors.iter().any(|a| a.span == m.span))
                    .map(|m| participant(m));
                let target = coded.or_else(|| {
                    victims::object_phrase(words, j + 1)
                        .filter(|v| !in_source(*v))
                        .map(|v| uncoded(words, v))
                });
                if let Some(p) = target.filter(|p| !actors.iter().any(|a| a.span.overlaps(p.span)))
                {
                    recipients.push(p);
                }
            }
        }
    }
    if recipients.is_empty() && entry.event_type == EventType::Protest {
        // What a protest is against: "احتجاجا على زيارة غل", "ضد الحكومة", "ينددون بالمعلمة",
        // "المناهضة لإيران", "تطالب السلطة": the first actor phrase within a few words of such
        // a cue after the trigger.
        let end = words.len().min(c.last + 25);
        let cue = (c.last + 1..end).find(|&j| words[j].is_any(PROTEST_TARGET_CUES));
        let coded_after = |j: usize| {
            let from = if words[j].particle { j } else { j + 1 };
            usable.iter().find(|m| {
                m.first >= from && m.first <= j + 4 && !actors.iter().any(|a| a.span == m.span)
            })
        };
        // Without a cue of what the protest is against, the first chant or banner cue with
        // an actor phrase right after it.
        let chanted = || {
            (c.last + 1..end)
                .filter(|&j| words[j].is_any(PROTEST_CHANT_CUES))
                .find_map(coded_after)
        };
        if let Some(m) = cue.map_or_else(chanted, coded_after) {
            recipients.push(participant(m));
        } else if let Some(j) = cue {
            // No actor phrase: the uncoded phrase the cue points at ("ضد الحكم",
            // "احتجاجا على حملة اليمين المتطرف", "للاحتجاج على زيارة غل").
            let mut at = j + 1;
            if words.get(at).is_some_and(|w| w.key == "علي") {
                at += 1;
            }
            if let Some(p) = victims::object_phrase(words, at).map(|v| uncoded(words, v)) {
                if !actors.iter().any(|a| a.span.overlaps(p.span)) {
                    recipients.push(p);
                }
            }
        }
    }
    if recipients.is_empty() && entry.event_type == EventType::Protest {
        // Where protesters march to or gather in front of names whom they address: "توجه
        // المتظاهرون الى مقر رئيس الوزراء", "مسيرة باتجاه مقر التنفيذية", "سار المتظاهرون حتى
        // السفارة الاسرائيلية": the office's holder, or the embassy itself.
        let end = words.len().min(c.last + 12);
        let destination = (c.last + 1..end)
            .take_while(|&j| !words[j].boundary())
            .find(|&j| {
                words[j].is_any(PROTEST_DESTINATIONS)
                    && words.get(j + 1).is_some_and(|w| w.is_any(SEATS))
            });
        if let Some(j) = destination {
            let seat = &words[j + 1];
            // A definite seat is the target itself (السفارة الاسرائيلية); a seat in construct
            // belongs to the phrase after it (مقر رئيس الوزراء).
            let at = if seat.key.starts_with("ال") {
                j + 1
            } else {
                j + 2
            };
            let coded = usable
                .iter()
                .find(|m| m.first == at && !actors.iter().any(|a| a.span == m.span))
                .map(|m| participant(m));
            let target =
                coded.or_else(|| victims::object_phrase(words, at).map(|v| uncoded(words, v)));
            if let Some(p) = target.filter(|p| !actors.iter().any(|a| a.span.overlaps(p.span))) {
                recipients.push(p);
            }
        }
    }
    if !verb
        && actors.iter().all(|a| {
            a.span
                .overlaps(words[c.first].span.cover(words[c.last].span))
        })
    {
        // "هجوم انتحاري نفذته امرأة", "غارة شنتها طائرات": a carry-out verb with a pronoun
        // for the noun names the doer right after it.
        let resumptive = words.get(c.last + 1).is_some_and(|w| {
            ["ه", "ها", "هما"].iter().any(|suffix| {
                w.key
                    .strip_suffix(suffix)
                    .is_some_and(|stem| CARRY_OUT.contains(&stem))
            })
        });
        if resumptive {
            let doer = after
                .iter()
                .find(|m| m.first == c.last + 2)
                .map(|m| participant(m))
                .or_else(|| victims::phrase_from(words, c.last + 2).map(|v| uncoded(words, v)));
            if let Some(p) = doer {
                // (Not the noun's genitive victim: the word after the verb is its subject.)
                recipients.retain(|r| !r.span.overlaps(p.span));
                actors = vec![p];
            }
        }
    }
    // A protest trigger that is the protesters themselves (المتظاهرون، محتجين): they are the
    // actor, whatever else word order offered ("وحمل المتظاهرون اعلاما تركية", "لفض مئات
    // من المتظاهرين").
    let protesters = entry.event_type == EventType::Protest
        && (c.first..=c.last).any(|j| {
            words[j].keys.iter().any(|k| {
                let k = k.trim_start_matches(['و', 'ف', 'ل']);
                let k = k.strip_prefix("ال").unwrap_or(k);
                PROTESTER_NOUNS.iter().any(|p| k.starts_with(p))
            })
        });
    let over_trigger = mentions
        .iter()
        .find(|m| !in_source(m) && m.first <= c.last && m.last >= c.first);
    if protesters {
        actors = vec![over_trigger.map_or(uncoded(words, (c.first, c.last)), participant)];
        // Whose protesters: "متظاهرون من انصار «حزب الله»", "من ممثلي الاحزاب المعارضة".
        if words.get(c.last + 1).is_some_and(|w| w.key == "من") {
            if let Some(m) = after
                .iter()
                .find(|m| m.first >= c.last + 2 && m.first <= c.last + 4)
            {
                actors.push(participant(m));
            }
        }
    } else if actors.is_empty() {
        let gap = if verb {
            subject_in_long_gap(words, c, entry, mentions, &in_source)
        } else {
            GapSubject::NotApplicable
        };
        if let GapSubject::Named(subject) = gap {
            // "ودعا كيمبي الإدارة في واشنطن إلى": the verb's subject opens the gap, named or not.
            actors.push(subject);
        } else if let GapSubject::Implicit(object) = gap {
            // "ودعا المتنزهين إلى": the subject is a pronoun in the verb, the phrase its object.
            if recipients.is_empty() {
                recipients.push(object);
            }
        } else if let Some(m) = over_trigger {
            // The trigger names its doers (وجاب المتظاهرون الشوارع، الانتحاري): the actor
            // phrase inside or over it.
            actors.push(participant(m));
        }
    }
    if actors.is_empty() && entry.event_type == EventType::Protest && verb {
        // An uncoded subject after the verb: "تظاهر نحو الفي شخص", "تجمع عدد من أنصار
        // الحريري", "تظاهر أمس عشرات من أعضاء حزب الغد".
        let mut at = victims::after_time_words(words, c.last + 1);
        if words.get(at).is_some_and(|w| w.key == "ايضا") {
            at += 1;
        }
        if let Some(p) = victims::phrase_from(words, at).map(|v| uncoded(words, v)) {
            if !recipients.iter().any(|r| r.span.overlaps(p.span)) {
                actors.push(p);
            }
        }
    }
    if verb && recipients.is_empty() {
        if let Some(object) = object_in_gap(words, c, &actors, mentions, &in_source) {
            recipients.push(object);
        }
    }
    // A vocalised passive ("وقد قُتل الطفل الفلسطيني علي دوابشة"): what follows the verb was
    // done to, and only على يد / من قبل names the doer.
    if verb && words[c.first].passive {
        let (after_verb, kept): (Vec<Participant>, Vec<Participant>) = actors
            .into_iter()
            .partition(|a| a.span.start >= words[c.last].span.end);
        actors = kept;
        for p in after_verb {
            if !recipients.iter().any(|r| r.span.overlaps(p.span)) {
                recipients.push(p);
            }
        }
        if let Some(m) = agent_phrase(words, c.last + 1, &after) {
            recipients.retain(|r| !r.span.overlaps(m.span));
            actors = vec![participant(m)];
        }
    }
    // "محادثات بين الوفد الروسي والفصائل", "اشتباكات بين عناصر داعش من جهة والفصائل من جهة
    // أخرى": in a reciprocal event, or a clash, the parties named after بين are its actors.
    if entry.reciprocal || entry.between {
        let parties = between_parties(words, c, &usable);
        if parties.len() >= 2 {
            recipients.retain(|r| !parties.iter().any(|p| p.span.overlaps(r.span)));
            actors = parties;
        }
    }
    // A name after "مدينة", "قرية", "منطقة" … is a place, whatever word order suggested: "في
    // منطقة اليورو", "قرية تل شور", "مدينة سوروتش". (It may still be what an attack hit.)
    actors.retain(|a| {
        let before = words.iter().rposition(|w| w.span.end <= a.span.start);
        !before.is_some_and(|j| words[j].is_any(PLACE_HEADS))
    });
    // A mosque, a school or a hospital attacks and arrests nobody: named as the doer of an
    // ASSAULT or COERCE by word order ("استهداف المساجد وقتل المصلين"), it is what was hit.
    if matches!(entry.event_type, EventType::Assault | EventType::Coerce) {
        let (buildings, people): (Vec<Participant>, Vec<Participant>) =
            actors.into_iter().partition(|a| {
                // The phrase's head: the word it starts in ("وخطيب المسجد" is the preacher).
                words
                    .iter()
                    .find(|w| w.span.end > a.span.start)
                    .is_some_and(|w| w.span.start < a.span.end && w.is_any(BUILDINGS))
            });
        actors = people;
        for b in buildings {
            if !recipients.iter().any(|r| r.span.overlaps(b.span)) {
                recipients.push(b);
            }
        }
    }
    settle_roles(entry, actors, recipients)
}

/// What opens the gap of a verb whose pattern has a long gap (`..N`, "دعا ..8 الى").
enum GapSubject {
    /// Not such a pattern, or nothing usable there.
    NotApplicable,
    /// The verb's subject (VSO).
    Named(Participant),
    /// The verb carries its subject as a pronoun; this phrase is its object.
    Implicit(Participant),
}

/// The subject of a verb whose pattern has a long gap: in VSO the phrase right after the verb,
/// a named mention if one starts there, else the uncoded phrase (a name the dictionary lacks:
/// "ودعا كيمبي الإدارة في واشنطن إلى", "ودعت هذه المنظمات البرلمان التونسي إلى"). The mention
/// after it is then the object ([`object_in_gap`]). A plural in ـين is accusative, so it is the
/// object of a verb whose subject is a pronoun ("ودعا المتنزهين والمصطافين إلى").
fn subject_in_long_gap(
    words: &[Word],
    c: &Candidate,
    entry: &Entry,
    mentions: &[Mention],
    in_source: &dyn Fn(&Mention) -> bool,
) -> GapSubject {
    let at = c.first + 1;
    if !entry.long_gap || at >= c.last || words[at].punct {
        return GapSubject::NotApplicable;
    }
    if let Some(m) = mentions.iter().find(|m| !in_source(m) && m.first == at) {
        return GapSubject::Named(participant(m));
    }
    let Some((first, last)) = victims::phrase_from(words, at) else {
        return GapSubject::NotApplicable;
    };
    let last = last.min(c.last - 1);
    let next = mentions
        .iter()
        .filter(|m| !in_source(m) && m.first > first && m.last < c.last)
        .min_by_key(|m| m.first);
    let with = |m: &Mention| Participant {
        span: words[first].span.cover(m.span),
        code: m.code.clone(),
    };
    let nisba = |w: &Word| w.key.ends_with('ي') || w.key.ends_with("يه");
    let head = &words[first];
    // An adverb or accusative in -ا ("ويدعو ضمنيا إلى", "دعوا سرا السعودية"), a prepositional
    // phrase ("دعا عبر حسابه", "دعاه لتأخير") or another verb ("يدعو ويتمنى") is no subject.
    if head.key.ends_with("يا")
        || head.particle
        || (head.key.ends_with('ا') && !head.key.starts_with("ال"))
        || head.is_any(&["عبر", "خلال", "امس", "اليوم", "ايضا", "مجددا", "كذلك"])
        || head
            .key
            .trim_start_matches(['و', 'ف'])
            .starts_with(['ي', 'ت'])
    {
        return GapSubject::NotApplicable;
    }
    // A title opens a phrase that runs to the first name within four words: "نائب رئيس
    // الجمهورية أسامة النجيفي", "مدير شؤون المعلمين".
    if head.is_any(TITLES) {
        if let Some(m) = next.filter(|m| m.first <= first + 4) {
            return GapSubject::Named(with(m));
        }
    }
    // A masculine verb (دعا، يدعو) before a feminine plural: the plural is the object, the
    // subject a pronoun ("ودعا المنشآت إلى", "ودعا الدول العربية إلى"; the subject would take
    // دعت).
    let verb_key = words[c.first].key.trim_start_matches(['و', 'ف']);
    let masculine_verb = verb_key.starts_with('ي') || !verb_key.ends_with('ت');
    let feminine_plural = head.key.ends_with("ات") || head.key == "الدول";
    if (head.key.chars().count() > 4 && head.key.ends_with("ين") && !nisba(head))
        || (masculine_verb && feminine_plural)
    {
        let end = next.map_or(last, |m| last.min(m.first.saturating_sub(1)).max(first));
        return GapSubject::Implicit(uncoded(words, (first, end)));
    }
    match next {
        // A nationality adjective right after (or within) the phrase qualifies it: "الحكومة
        // اليمنية", "وزير الخارجية السعودي": one subject, with that code. Any other name there
        // is the object ("ودعا كيمبي الإدارة").
        Some(m) if m.first <= last + 1 && m.first == m.last && nisba(&words[m.first]) => {
            GapSubject::Named(with(m))
        }
        // A title phrase ending in a nationality adjective, then a name: apposition ("وزير
        // الخارجية السعودي عادل الجبير"). (A one-word phrase ending in ي is more often a name
        // itself: "ودعا البارزاني حزب العمال".) A title before a name is apposition ("الأمير
        // محمد بن نايف", "مساعد وزير الخارجية"), and a noun in the construct state (no
        // article, ة) takes the name after it as its genitive: "قيادة المقاومة".
        Some(m)
            if (m.first == last + 1 && last > first && nisba(&words[last]))
                || (m.first == first + 1 && head.is_any(TITLES))
                || (m.first == first + 1
                    && head.key.ends_with('ه')
                    && !head.key.starts_with("ال")) =>
        {
            GapSubject::Named(with(m))
        }
        Some(m) => GapSubject::Named(uncoded(
            words,
            (first, last.min(m.first.saturating_sub(1)).max(first)),
        )),
        None => GapSubject::Named(uncoded(words, (first, last))),
    }
}

/// The object of a verb inside its own pattern's gap: VSO puts subject and object between
/// the verb and the pattern's last word ("ودعت الحكومة اليمنية الأمم المتحدة إلى", "دعا
/// بوتين الولايات المتحدة إلى"). The first named phrase in the gap after the actor, unless it
/// follows the actor directly and is of the same country, which is apposition ("السعودي
/// عادل").
fn object_in_gap(
    words: &[Word],
    c: &Candidate,
    actors: &[Participant],
    mentions: &[Mention],
    in_source: &dyn Fn(&Mention) -> bool,
) -> Option<Participant> {
    let actor = actors.first()?;
    let actor_last = (c.first..=c.last).rfind(|&j| words[j].span.overlaps(actor.span))?;
    if actor_last <= c.first || actor_last >= c.last {
        return None;
    }
    let actor_country = actor.code.as_deref().and_then(|k| k.get(..3));
    mentions
        .iter()
        .filter(|m| !in_source(m) && m.first > actor_last && m.last < c.last)
        .filter(|m| !prepositional(words, m))
        .min_by_key(|m| m.first)
        .filter(|m| {
            let country = m.code.as_deref().and_then(|k| k.get(..3));
            !(m.first == actor_last + 1 && country.is_some() && country == actor_country)
        })
        .map(participant)
}

/// The phrases joined after a بين within the eight words after a trigger, in its clause: the
/// one right after بين and each later one that starts with و (past a "من جهة" between them).
fn between_parties(words: &[Word], c: &Candidate, usable: &[&Mention]) -> Vec<Participant> {
    let end = clause_end(words, c.last + 1);
    let Some(b) = (c.last + 1..end.min(c.last + 9)).find(|&j| words[j].key == "بين") else {
        return Vec::new();
    };
    let mut parties: Vec<Participant> = Vec::new();
    let mut at = b + 1;
    for m in usable.iter().filter(|m| m.first > b && m.last < end) {
        let first = parties.is_empty() && m.first == at;
        let joined = !parties.is_empty() && conjoined(&words[m.first]) && m.first <= at + 3;
        if !(first || joined) {
            if m.first > at + 3 {
                break;
            }
            continue;
        }
        parties.push(participant(m));
        at = m.last + 1;
    }
    parties
}

/// The last step of [`arguments`] in every language: in a reciprocal event (meetings, calls)
/// every participant is an actor, per PLOVER; a phrase is never both actor and recipient.
fn settle_roles(
    entry: &Entry,
    mut actors: Vec<Participant>,
    mut recipients: Vec<Participant>,
) -> (Vec<Participant>, Vec<Participant>) {
    if entry.reciprocal {
        for r in recipients.drain(..) {
            if !actors.iter().any(|a| a.span == r.span) {
                actors.push(r);
            }
        }
    }
    recipients.retain(|r| !actors.iter().any(|a| a.span == r.span));
    (actors, recipients)
}

/// English is SVO: the subject is the nearest phrase before the trigger in its clause, the
/// object the first phrase after it ("Israeli soldiers arrested more than 100 Palestinians").
/// A passive ("was arrested", "have been deported") turns that round: the phrase before is
/// the one acted on, the doer comes after "by". A pronoun subject of a reported clause
/// ("Switzerland said it had expelled two Russian diplomats") stands for the speaker.
#[allow(clippy::too_many_arguments)]
fn english_arguments(
    words: &[Word],
    c: &Candidate,
    mentions: &[Mention],
    attribution: Option<&Attribution>,
    before: &[&Mention],
    after: &[&Mention],
    actors: &mut Vec<Participant>,
    recipients: &mut Vec<Participant>,
) {
    const BE: &[&str] = &["was", "were", "been", "being", "is", "are", "be", "got"];
    const PRONOUNS: &[&str] = &["it", "they", "he", "she", "we"];
    const ADJUNCT: &[&str] = &["in", "during", "after", "with", "by", "following", "amid"];
    let passive = (c.first.saturating_sub(2)..c.first).any(|j| words[j].is_any(BE))
        && words[c.first].key.ends_with("ed");
    // A noun in a prepositional phrase ("wounded two British soldiers in a bomb attack") is an
    // adjunct of the clause's verb: the phrase before it is that verb's object, not its doer.
    // (After "to" the word is a verb: "marched in Amman to demand".)
    let adjunct = c.kind == FormKind::Noun
        && c.first > 0
        && words[c.first - 1].key != "to"
        && (c.first.saturating_sub(3)..c.first).any(|j| words[j].is_any(ADJUNCT));
    // "Hundreds of protesters marched": the phrase after a quantity's "of" heads the subject.
    const QUANTITIES: &[&str] = &[
        "hundreds",
        "thousands",
        "dozens",
        "scores",
        "tens",
        "millions",
        "hundred",
        "thousand",
        "some",
        "many",
        "group",
        "groups",
        "number",
        "crowd",
        "crowds",
        "members",
        "most",
        "all",
    ];
    let nominal = |m: &Mention| {
        !prepositional(words, m)
            || (m.first >= 2
                && words[m.first - 1].key == "of"
                && (words[m.first - 2].is_any(QUANTITIES)
                    || words[m.first - 2].key.chars().all(|ch| ch.is_ascii_digit())))
    };
    let subject = before
        .iter()
        .rev()
        .find(|m| nominal(m))
        .filter(|_| !adjunct);
    let object = after.iter().find(|m| nominal(m) && m.first <= c.last + 6);
    if passive {
        if recipients.is_empty() {
            if let Some(m) = subject {
                recipients.push(participant(m));
            }
        }
        let by = after
            .iter()
            .find(|m| m.first > 0 && m.first <= c.last + 6 && words[m.first - 1].key == "by");
        if let Some(m) = by {
            actors.push(participant(m));
        }
        return;
    }
    if let Some(m) = subject {
        actors.push(participant(m));
        // A compound subject: "The United States and Jordan have agreed".
        let mut first = m.first;
        while let Some(n) = before
            .iter()
            .rev()
            .find(|n| first >= 2 && n.last + 2 == first && words[first - 1].key == "and")
        {
            actors.insert(0, participant(n));
            first = n.first;
        }
    } else if let Some(a) = attribution {
        // The speaker acts through a pronoun ("Switzerland said it had expelled …") or names
        // the act as its object ("Italy announced a suspension of air links").
        let pronoun = (c.first.saturating_sub(3)..c.first).any(|j| words[j].is_any(PRONOUNS));
        let object_of_speech = a.verb.is_some_and(|v| v < c.first && c.first <= v + 3);
        if pronoun || object_of_speech {
            if let Some(m) = mentions
                .iter()
                .find(|m| m.first >= a.source.0 && m.last <= a.source.1)
            {
                actors.push(participant(m));
            }
        }
    }
    if recipients.is_empty() {
        if let Some(m) = object {
            recipients.push(participant(m));
        }
    }
}

/// Without punctuation, a subject is looked for at most a dozen words back.
fn sentence_floor(_words: &[Word], at: usize) -> usize {
    at.saturating_sub(12)
}

/// Phrase fallback for argument spans when no entity stage ran (GSR evaluation only): the
/// words right after a verb up to a preposition or punctuation.
fn phrase_after(words: &[Word], from: usize, max: usize) -> Option<Participant> {
    let mut end = None;
    for (j, w) in words.iter().enumerate().take(from + max).skip(from) {
        if w.punct || w.is_any(PREPOSITIONS) || w.is_any(COMPLEMENTIZERS) || w.is_any(RELATIVES) {
            break;
        }
        if w.is_any(&["امس", "اليوم", "فجر", "مساء", "صباح"]) {
            break;
        }
        end = Some(j);
        if w.particle {
            break;
        }
    }
    end.map(|e| Participant {
        span: words[from].span.cover(words[e].span),
        code: None,
    })
}

/// Event date: nearest DATE entity in the sentence, else a written year, else publication.
fn date_of(
    analysis: &Analysis,
    sentence_span: Span,
    words: &[Word],
    c: &Candidate,
) -> Option<EventDate> {
    let trigger = words[c.first].span;
    let dist = |s: Span| {
        if s.end <= trigger.start {
            trigger.start - s.end
        } else {
            s.start.saturating_sub(trigger.end)
        }
    };
    let entity = analysis
        .entities
        .iter()
        .filter(|e| sentence_span.contains(e.span))
        .filter_map(|e| e.date.as_ref().map(|d| (e.span, d)))
        .min_by_key(|(s, _)| dist(*s));
    if let Some((span, d)) = entity {
        return Some(EventDate {
            value: d.value.clone(),
            precision: d.precision,
            span: Some(span),
        });
    }
    let cs = clause_start(words, c.first).saturating_sub(0);
    let ce = clause_end(words, c.last + 1);
    let year = (cs.saturating_sub(8)..(ce + 8).min(words.len()))
        .filter_map(|j| year_of(&words[j]).map(|y| (j, y)))
        .min_by_key(|(j, _)| j.abs_diff(c.first));
    if let Some((j, y)) = year {
        return Some(EventDate {
            value: format!("{y:04}-01-01"),
            precision: DatePrecision::Year,
            span: Some(words[j].span),
        });
    }
    analysis.document.published.map(|p| EventDate {
        value: p.format("%Y-%m-%d").to_string(),
        precision: DatePrecision::Publication,
        span: None,
    })
}

/// Modality implied by the date against publication: after it is future, more than about a
/// year before it historical.
fn date_modality(date: &EventDate, published: Option<NaiveDate>) -> Option<Modality> {
    let published = published?;
    if date.precision == DatePrecision::Publication {
        return None;
    }
    let value = NaiveDate::parse_from_str(&date.value, "%Y-%m-%d").ok()?;
    if date.precision == DatePrecision::Year {
        return (published.year() - value.year() >= 1).then_some(Modality::Historical);
    }
    if value > published {
        Some(Modality::Future)
    } else if (published - value).num_days() > 365 {
        Some(Modality::Historical)
    } else {
        None
    }
}

/// Nearest place entity in the sentence, preferring one after the trigger. Only places the
/// places stage resolved count: what it could not resolve is mostly a macro region, often the
/// newspaper of that name («الشرق الأوسط»), or a word the tagger took for a place (حمام
/// السباحة); a map needs a pin, and the name is still among the document's entities.
fn location_of(analysis: &Analysis, sentence_span: Span, trigger: Span) -> Option<EventLocation> {
    analysis
        .entities
        .iter()
        .filter(|e| {
            sentence_span.contains(e.span)
                && matches!(e.kind, EntityType::GPE | EntityType::LOC)
                && e.place
                    .as_ref()
                    .is_some_and(|p| p.precision != PlacePrecision::Unresolved)
                && e.actor.is_none()
        })
        .min_by_key(|e| {
            if e.span.start >= trigger.end {
                e.span.start - trigger.end
            } else {
                (trigger.start - e.span.end) * 2
            }
        })
        .map(|e| EventLocation {
            span: e.span,
            place: e.place.clone(),
        })
}

/// Confidence of an event from its entry weight and what surrounds it.
///
/// The GSR annotators counted reports of a specific happening, not talk about violence in
/// general: a definite or prepositional verbal noun ("الاغتيال", "للتعذيب") usually names a
/// known earlier event, and a report usually says when and with what toll. So nouns lose and
/// concrete detail (a time of day or weekday, casualties, counts) wins.
fn confidence_of(words: &[Word], c: &Candidate, entry: &Entry) -> f32 {
    let mut conf = entry.weight;
    let cs = clause_start(words, c.first);
    let lo = c.first.saturating_sub(8);
    let hi = (c.last + 12).min(words.len());
    let concrete = any_in(words, lo..hi, CONCRETE)
        || (lo..hi).any(|j| words[j].key.chars().any(|ch| ch.is_ascii_digit()));
    if concrete {
        conf += 0.2;
    }
    if c.kind == FormKind::Noun {
        let w = &words[c.first];
        let bare = w.key.trim_start_matches(['و', 'ف']);
        if bare.starts_with("ال") || bare.starts_with("لل") || bare.starts_with("بال") {
            conf -= 0.2;
        }
        if w.particle {
            conf -= 0.1;
        }
        if !concrete {
            conf -= 0.1;
        }
        if any_in(
            words,
            c.first.saturating_sub(2).max(cs)..c.first,
            REFERENCE_BEFORE,
        ) {
            conf -= 0.3;
        }
        // A noun followed by "الذي وقع" is being referred to, not reported.
        if words.get(c.last + 1).is_some_and(|w| w.is_any(RELATIVES)) {
            conf -= 0.1;
        }
    } else {
        conf += 0.05;
    }
    conf.clamp(0.05, 0.99)
}

/// Codes the events of an analysis into `analysis.events`, one per happening.
pub fn code_events(analysis: &mut Analysis) {
    code_events_by_rules(analysis);
    crate::detector::rescore(analysis);
}

/// Words that introduce a place's name: what follows is that name, even when it reads as an
/// event ("قرية الزيارة" is a village, "حي التضامن" a district).
const SETTLEMENT_CUES: &[&str] = &[
    "قريه",
    "قري",
    "بلده",
    "بلدات",
    "مدينه",
    "حي",
    "احياء",
    "مخيم",
    "ناحيه",
    "جبل",
    "تله",
    "village",
    "town",
];

/// True when `key` (a normalised whole word) is a settlement cue in construct, with no article
/// ("قرية" before a name, not "البلدة" before a verb): ب/ل/و/ف may precede it.
fn before_a_name(key: &str) -> bool {
    let bare = key.strip_prefix(['و', 'ف']).unwrap_or(key);
    let bare = bare.strip_prefix(['ب', 'ل']).unwrap_or(bare);
    SETTLEMENT_CUES.contains(&bare) || SETTLEMENT_CUES.contains(&key)
}

/// True when `span` lies inside a name found by the NER tagger (source `tagger`), which reads
/// the context. Not the gazetteer's spotted names (it takes the verb وأدانا for Adana) nor the
/// actor dictionary's agents (they include trigger words such as المتظاهرون).
///
/// A name's first word stays a trigger: the tagger often takes a verbal noun into the name
/// that follows it ("اغتيال الحريري" tagged as a person), while a first name that reads as a
/// verb (نزار) is rarer.
fn inside_a_name(analysis: &Analysis, span: Span) -> bool {
    analysis.entities.iter().any(|e| {
        let tagged = e.source == "tagger"
            && e.kind != EntityType::DATE
            && e.span.overlaps(span)
            // The whole name is this word (its clitics left out: وتشاد), or the word is not
            // the name's first.
            && (e.span.end <= span.end || e.span.start < span.start);
        // A later word of an organisation's name in the actor dictionary: دول مجلس التعاون
        // (the GCC), منظمة التعاون الإسلامي.
        let organisation = e.source == "actors"
            && e.kind == EntityType::ORG
            && e.span.start < span.start
            && e.span.contains(span);
        tagged || organisation
    })
}

/// [`code_events`] without the trained re-scorer: confidences are the rules' own. Training
/// uses this, so that no model ever sees features computed by an earlier model.
pub fn code_events_by_rules(analysis: &mut Analysis) {
    let mut events: Vec<Event> = Vec::new();
    let published = analysis.document.published;
    let no_entities = analysis.entities.is_empty();
    let mut previous_attr: Option<Participant> = None;
    let lang = match analysis.language {
        Language::English => Language::English,
        _ => Language::Arabic,
    };
    let lex = lexicon_for(lang);
    let fresh: Vec<(usize, Span)> = analysis
        .fresh_sentences()
        .map(|(i, s)| (i, s.span))
        .collect();
    for (si, sspan) in fresh {
        let words = words_of(analysis, si);
        if words.is_empty() {
            continue;
        }
        let mentions = mentions_of(analysis, &words, sspan, false);
        // Names without a code, for recipients only: "أعدم تنظيم داعش الشيخ نجم الدين الجبوري"
        // names its victim, though no dictionary knows him. As actors they cost more than they
        // give: the argument rules were written for coded mentions, and an uncoded name in a
        // subject position is as often the victim in apposition or the subject of another
        // clause (GSR actor~source agreement 56/74 → 53/74 when they were actors too).
        let with_uncoded = mentions_of(analysis, &words, sspan, true);
        let attribution = find_attribution(analysis, &words, &mentions, previous_attr.as_ref());
        if let Some(a) = &attribution {
            previous_attr = Some(a.participant.clone());
        }
        // A sentence about sport (Arabic words only; see SPORTS).
        let sport = lang == Language::Arabic && words.iter().any(|w| w.is_any(SPORTS));
        let non_violent = words.iter().any(|w| w.is_any(NON_VIOLENT_DOMAIN)) || {
            let mut weak: Vec<&str> = NON_VIOLENT_WEAK
                .iter()
                .copied()
                .filter(|x| words.iter().any(|w| w.keys.iter().any(|k| k == x)))
                .collect();
            weak.dedup();
            weak.len() >= 2
        };
        let mut sentence_events: Vec<Event> = Vec::new();
        let (scripture, by_scripture) =
            scripture_words(analysis.text(), &words, attribution.as_ref());
        // What the story says around a verse it quotes is the narrator's, not God's.
        let attribution = attribution.filter(|_| !by_scripture);
        if by_scripture {
            previous_attr = None;
        }
        // (Every candidate has its entry's context: find_triggers checked it.)
        for c in find_triggers(&words, lex, lang) {
            // A verse or a hadith quoted in the story (every execution statement opens with
            // the ḥirāba verse, "أن يقتلوا أو يصلبوا") reports nothing that happened.
            if scripture[c.first] {
                continue;
            }
            // A word the NER tagger reads as a name, or inside one, is no trigger: تشاد is a
            // country (not "she praises"), بايدو a firm (not "support").
            if inside_a_name(analysis, words[c.first].span) {
                continue;
            }
            // After قرية، بلدة، حي … a trigger word is a place's name (قرية الزيارة).
            if c.first > 0 && before_a_name(&words[c.first - 1].key) {
                continue;
            }
            let entry = &lex.entries[c.entry];
            if entry
                .object
                .as_ref()
                .is_some_and(|set| !has_object(&words, &mentions, &c, lex, set))
            {
                continue;
            }
            if entry.b_complement && !has_b_phrase(&words, &c) {
                continue;
            }
            if entry.event_type == EventType::Request && not_a_request(&words, &c) {
                continue;
            }
            // Speech verbs that are also triggers (اتهم) code only if not mere attribution.
            let mut event_type = entry.event_type;
            let mut mode = entry.mode.clone();
            let mut cameo = entry.cameo.clone();
            let mut context = entry.context.clone();
            if event_type == EventType::Assault && non_violent {
                continue;
            }
            if event_type == EventType::Consult
                && words[c.first].is_any(MEETING_NOUNS_ELSEWHERE)
                && words
                    .iter()
                    .any(|w| w.is_any(SPORT_OR_MARKET) || w.is_any(NON_VIOLENT_DOMAIN))
            {
                continue;
            }
            // Teams meet (ستلتقي أنجولا مع جنوب إفريقيا), clubs negotiate, players demand,
            // refuse, agree and resign: in a sentence about sport no verbal or cooperative
            // event is a political one. (Fights, protests and arrests of fans still count.)
            if matches!(
                event_type,
                EventType::Consult
                    | EventType::Agree
                    | EventType::Request
                    | EventType::Reject
                    | EventType::Support
                    | EventType::Accuse
                    | EventType::Cooperate
                    | EventType::Concede
                    | EventType::Retreat
                    | EventType::Sanction
                    | EventType::Threaten
            ) && sport
            {
                continue;
            }
            if entry.rhetoric {
                let lo = c.first.saturating_sub(8);
                let hi = (c.last + 10).min(words.len());
                let physical = any_in(&words, 0..words.len(), PHYSICAL);
                if !physical && any_in(&words, lo..hi, RHETORIC) {
                    // A verbal attack: criticism, per PLOVER ACCUSE.
                    event_type = EventType::Accuse;
                    mode = Some("disapprove".into());
                    cameo = Some("111".into());
                    context = Vec::new();
                }
            }
            let mut modality = modality_of(&words, &c, attribution.as_ref(), entry);
            let mut date = date_of(analysis, sspan, &words, &c);
            // An expected event is not dated by a past-day expression nearby ("يستأنف النظام
            // الهجمات … بعد أن استفز النظام المدنيين أمس"): that date belongs to another clause.
            if modality == Modality::Future
                && date
                    .as_ref()
                    .and_then(|d| date_modality(d, published))
                    .is_none()
                && date
                    .as_ref()
                    .is_some_and(|d| d.precision != DatePrecision::Publication)
            {
                date = published.map(|p| EventDate {
                    value: p.format("%Y-%m-%d").to_string(),
                    precision: DatePrecision::Publication,
                    span: None,
                });
            }
            if modality == Modality::Asserted {
                if let Some(m) = date.as_ref().and_then(|d| date_modality(d, published)) {
                    modality = m;
                }
            }
            // A verb is not its own subject: "وطالب" (demanded) read by the actor stage as
            // طالب (a student) names no participant.
            let verb_span = words[c.first].span;
            let not_the_verb =
                |m: &&Mention| c.kind == FormKind::Noun || !m.span.overlaps(verb_span);
            let own: Vec<Mention>;
            let mentions_here = if mentions.iter().all(|m| not_the_verb(&m)) {
                &mentions
            } else {
                own = mentions.iter().filter(not_the_verb).cloned().collect();
                &own
            };
            let (mut actor, mut recipient) =
                arguments(&words, &c, entry, mentions_here, attribution.as_ref());
            if with_uncoded.len() > mentions.len() {
                let all_here: Vec<Mention> =
                    with_uncoded.iter().filter(not_the_verb).cloned().collect();
                let (wider_actor, wider) =
                    arguments(&words, &c, entry, &all_here, attribution.as_ref());
                // Only where the names leave the actors as they were: a name read as the
                // subject ("أدان أحمد الجروان رئيس البرلمان العربي") drags its apposition
                // into the object slot.
                let same_actors = wider_actor.len() == actor.len()
                    && wider_actor
                        .iter()
                        .zip(&actor)
                        .all(|(x, y)| x.span == y.span);
                if same_actors {
                    recipient = wider
                        .into_iter()
                        .filter(|r| !actor.iter().any(|a| a.span.overlaps(r.span)))
                        .collect();
                }
            }
            // (Only after the two passes above have compared their actors as the rules gave
            // them.) A country after a place or an institution of it is where, not who: "خارج
            // المملكة", "مطارات السعودية تتعاون" (the airports, not the state, cooperate). As
            // a recipient it stays: rockets on "جنوب إسرائيل" hit Israel.
            actor.retain(|a| {
                let place_of = words
                    .iter()
                    .position(|w| w.span.start == a.span.start)
                    .is_some_and(|j| j > 0 && words[j - 1].is_any(PLACES_OF_A_COUNTRY));
                !(place_of && a.code.as_deref().is_some_and(|c| c.len() == 3))
            });
            // (Not after a long-gap pattern: its subject, if any, is inside the gap.)
            if no_entities && actor.is_empty() && c.kind != FormKind::Noun && !entry.long_gap {
                if let Some(p) = phrase_after(&words, c.last + 1, 2)
                    .filter(|p| !recipient.iter().any(|r| r.span.overlaps(p.span)))
                {
                    actor.push(p);
                }
            }
            if no_entities && recipient.is_empty() {
                if let Some(j) = (c.last + 1..words.len().min(c.last + 8))
                    .find(|&j| entry.recipient_preps.iter().any(|p| words[j].key == *p))
                {
                    if let Some(p) = phrase_after(&words, j + 1, 4) {
                        recipient.push(p);
                    }
                } else if c.kind != FormKind::Noun {
                    // VSO without a preposition: the phrase after the subject is the object.
                    let after_subject = actor
                        .first()
                        .and_then(|a| words.iter().position(|w| w.span.start >= a.span.end));
                    if let Some(k) = after_subject.filter(|&k| k > c.last) {
                        if let Some(p) = phrase_after(&words, k, 4) {
                            recipient.push(p);
                        }
                    }
                }
            }
            let trigger = words[c.first].span.cover(words[c.last].span);
            let attributed_to = attribution
                .as_ref()
                .filter(|a| c.first >= a.from && !(c.first >= a.source.0 && c.first <= a.source.1))
                .map(|a| a.participant.clone());
            let _ = c.lang;
            sentence_events.push(Event {
                event_type,
                mode,
                context,
                actor,
                recipient,
                location: location_of(analysis, sspan, trigger),
                date,
                modality,
                attributed_to,
                trigger,
                sentence: si,
                cameo,
                confidence: confidence_of(&words, &c, entry),
                mentions: Vec::new(),
            });
        }
        for e in merge_in_sentence(mobilize_gives_way(sentence_events)) {
            merge_into(&mut events, e);
        }
    }
    add_repeat_mentions(analysis, &mut events);
    for e in &mut events {
        drop_nested_participants(&mut e.actor);
        drop_nested_participants(&mut e.recipient);
    }
    analysis.events = events;
}

/// Removes a participant that repeats another of the same role: the same span twice, or a
/// phrase inside a longer one that has no code or the same code ("مسجد" beside "مسجد قوات
/// الطوارئ", "أبو" beside "أبو خليل السوداني"). An uncoded phrase around one coded phrase
/// takes its code and stands for it ("قرابة ستة آلاف متظاهر" with the protesters' code): the
/// longer phrase says who, the code what. The rules and the merges of a sentence's mentions
/// find phrases separately, so one name can come out whole and in part. A coded phrase inside
/// a longer one of another code stays: the codes say they are two parties.
pub(crate) fn drop_nested_participants(ps: &mut Vec<Participant>) {
    for i in 0..ps.len() {
        if ps[i].code.is_some() {
            continue;
        }
        let outer = ps[i].span;
        let mut inner = ps
            .iter()
            .filter(|q| q.code.is_some() && q.span != outer && outer.contains(q.span))
            .filter_map(|q| q.code.clone());
        if let (Some(code), None) = (inner.next(), inner.next()) {
            ps[i].code = Some(code);
        }
    }
    let keep: Vec<bool> = (0..ps.len())
        .map(|i| {
            let p = &ps[i];
            !ps.iter().enumerate().any(|(j, q)| {
                let repeats = if q.span == p.span {
                    j < i
                } else {
                    q.span.contains(p.span)
                };
                repeats && (p.code.is_none() || p.code == q.code)
            })
        })
        .collect();
    let mut flags = keep.into_iter();
    ps.retain(|_| flags.next().unwrap_or(true));
}

/// The `obj=` hint: within the three words after the trigger, a mention with an actor code or a
/// word of the set (دعم الثوار, not دعم الصناعة).
fn has_object(
    words: &[Word],
    mentions: &[Mention],
    c: &Candidate,
    lex: &Lexicon,
    set: &str,
) -> bool {
    let (lo, hi) = (c.last + 1, (c.last + 4).min(words.len()));
    mentions
        .iter()
        .any(|m| m.code.is_some() && (lo..hi).contains(&m.first))
        || (lo..hi).any(|j| words[j].in_set(lex, set))
}

/// The `bcomp` hint: a word with ب (after و/ف) follows in the clause, within eight words
/// (هددوا بقتل). The ب counts only when the clitic analysis offers the word without it as one
/// of its lookup forms.
fn has_b_phrase(words: &[Word], c: &Candidate) -> bool {
    let end = clause_end(words, c.last).min(c.last + 9);
    (c.last + 1..end).any(|j| {
        let k = words[j].key.trim_start_matches(['و', 'ف']);
        k.strip_prefix('ب')
            .is_some_and(|rest| rest.chars().count() > 2 && words[j].keys.iter().any(|x| x == rest))
    })
}

/// Quantity words that count no students or applications before a REQUEST word: "الأحد"
/// (Sunday, or "one") before حث, "الجميع يطالب", "نحو" before a digit that counts anyway.
/// ("الأكثر طلبا", most in demand, stays a count: it is no request either.)
const NOT_A_COUNT: &[&str] = &[
    "احد",
    "عدد",
    "عددا",
    "نحو",
    "حوالي",
    "قرابه",
    "زهاء",
    "بضعه",
    "جميع",
];

/// A REQUEST word that reports no request: a source asking not to be named ("طلب عدم الكشف عن
/// اسمه"), a count of applications and students ("38 ألف طلب", "147 طالبا", "ثلاثين
/// طالبًا"), or what is more or less in demand ("الأكثر طلبا").
fn not_a_request(words: &[Word], c: &Candidate) -> bool {
    let anonymity = words.get(c.last + 1).is_some_and(|w| w.key == "عدم")
        && words
            .get(c.last + 2)
            .is_some_and(|w| ["الكشف", "ذكر", "نشر", "الافصاح", "الاشاره"].contains(&w.key.as_str()));
    let counted = c.first > 0 && {
        let before = &words[c.first - 1];
        // (Keys are normalised: Arabic-Indic digits are ASCII digits there.)
        before.key.chars().any(|ch| ch.is_ascii_digit())
            || before.is_any(COUNT_WORDS)
            || (before.is_any(crate::victims::QUANTITY) && !before.is_any(NOT_A_COUNT))
            || before.is_any(&["اقل"])
    };
    anonymity || counted
}

/// Number words before a counted noun.
const COUNT_WORDS: &[&str] = &["الف", "الاف", "مئات", "عشرات", "مليون", "الالاف", "الفا"];

/// PLOVER: "If a document reports a MOBILIZE event in the context of an ASSAULT, only the
/// ASSAULT should be coded" (reinforcements brought in and then shelling the village). Within a
/// sentence, a MOBILIZE event gives way to an ASSAULT of the same modality.
fn mobilize_gives_way(events: Vec<Event>) -> Vec<Event> {
    let assaults: Vec<Modality> = events
        .iter()
        .filter(|e| e.event_type == EventType::Assault)
        .map(|e| e.modality)
        .collect();
    events
        .into_iter()
        .filter(|e| e.event_type != EventType::Mobilize || !assaults.contains(&e.modality))
        .collect()
}

fn codes(ps: &[Participant]) -> Vec<&str> {
    let mut v: Vec<&str> = ps.iter().filter_map(|p| p.code.as_deref()).collect();
    v.sort();
    v.dedup();
    v
}

fn union(into: &mut Vec<Participant>, from: Vec<Participant>) {
    for p in from {
        // The same phrase or code, or a bare country already carried by a more specific code
        // (TUR next to TURCVL).
        let dup = into.iter().any(|q| {
            q.span == p.span
                || (q.code.is_some() && q.code == p.code)
                || p.code
                    .as_deref()
                    .zip(q.code.as_deref())
                    .is_some_and(|(pc, qc)| pc.len() == 3 && qc.len() > 3 && qc.starts_with(pc))
        });
        if !dup {
            into.push(p);
        }
    }
}

fn absorb(main: &mut Event, mut other: Event) {
    main.mentions.push(other.trigger);
    main.mentions.extend(other.mentions);
    // The main trigger's reading of who is who wins: a weaker trigger's actor that the main
    // one has as its recipient (or the reverse), by phrase or by code, is not added in the
    // other role.
    let same = |p: &Participant, q: &Participant| {
        p.span.overlaps(q.span) || (p.code.is_some() && p.code == q.code)
    };
    other
        .actor
        .retain(|a| !main.recipient.iter().any(|r| same(a, r)));
    other
        .recipient
        .retain(|r| !main.actor.iter().any(|a| same(a, r)));
    if main.mode.is_none() {
        main.mode = other.mode;
        if other.cameo.is_some() {
            main.cameo = other.cameo;
        }
    }
    union(&mut main.actor, other.actor);
    union(&mut main.recipient, other.recipient);
    main.recipient.retain(|r| {
        !main
            .actor
            .iter()
            .any(|a| a.span == r.span || (a.code.is_some() && a.code == r.code))
    });
    if main.location.is_none() {
        main.location = other.location;
    }
    if main.attributed_to.is_none() {
        main.attributed_to = other.attributed_to;
    }
    if main.date.as_ref().is_none_or(|d| d.span.is_none())
        && other.date.as_ref().is_some_and(|d| d.span.is_some())
    {
        main.date = other.date;
    }
    main.confidence = main.confidence.max(other.confidence);
}

/// In one sentence, mentions of the same type are one happening ("يجتمع ... لمناقشة").
fn merge_in_sentence(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for e in events {
        if let Some(main) = out
            .iter_mut()
            .find(|m| m.event_type == e.event_type && m.modality == e.modality)
        {
            if e.confidence > main.confidence && main.actor.is_empty() && !e.actor.is_empty() {
                // Keep the better-supported trigger as the main one.
                let old = std::mem::replace(main, e);
                absorb(main, old);
            } else {
                absorb(main, e);
            }
        } else if let Some(main) = out.iter_mut().find(|m| {
            m.event_type == e.event_type
                && m.modality != e.modality
                && (e.confidence < m.confidence)
                && m.trigger.end <= e.trigger.start
                && e.modality == Modality::Hypothetical
        }) {
            // A purpose clause after the main verb ("يجتمع ... من أجل مناقشة") is the same
            // happening with the main verb's modality.
            absorb(main, e);
        } else {
            out.push(e);
        }
    }
    out
}

/// Across sentences: same type, modality and participants (by code) is the same happening.
fn merge_into(events: &mut Vec<Event>, e: Event) {
    let ea = codes(&e.actor);
    let er = codes(&e.recipient);
    let same = events.iter_mut().find(|m| {
        if m.event_type != e.event_type || m.modality != e.modality {
            return false;
        }
        let ma = codes(&m.actor);
        let mr = codes(&m.recipient);
        let date_ok = match (&m.date, &e.date) {
            (Some(a), Some(b)) => a.value == b.value || a.span.is_none() || b.span.is_none(),
            _ => true,
        };
        let overlap = !ea.is_empty() && ea.iter().all(|c| ma.contains(c) || mr.contains(c));
        date_ok && overlap && (er.is_empty() || mr.is_empty() || er == mr)
    });
    match same {
        Some(m) => absorb(m, e),
        None => events.push(e),
    }
}

/// Repeated sentences are not coded again, but their copies of a trigger are mentions too.
fn add_repeat_mentions(analysis: &Analysis, events: &mut [Event]) {
    let text = analysis.text();
    for s in analysis.sentences.iter() {
        let Some(orig) = s.repeat_of else { continue };
        let Some(o) = analysis.sentences.get(orig) else {
            continue;
        };
        let copy = s.span.slice(text);
        for e in events.iter_mut() {
            let spans: Vec<Span> = std::iter::once(e.trigger)
                .chain(e.mentions.iter().copied())
                .filter(|t| o.span.contains(*t))
                .collect();
            for t in spans {
                let word = t.slice(text);
                // Same offset in an exact copy, else the first occurrence of the trigger text.
                let rel = t.start - o.span.start;
                let at = if copy.get(rel..rel + word.len()) == Some(word) {
                    Some(rel)
                } else {
                    copy.find(word)
                };
                if let Some(at) = at {
                    let m = Span::new(s.span.start + at, s.span.start + at + word.len());
                    if !e.mentions.contains(&m) {
                        e.mentions.push(m);
                    }
                }
            }
        }
    }
}
