//! The trigger lexicon: hadath's own curated TSV files in `data/triggers/`, parsed and indexed.
//!
//! The files are compiled in (`include_str!`) so the coder needs no data directory at run time
//! and tests never touch the file system. Every key is normalised with
//! [`hadath_language::normalize::normalize_key`] on load, so the files may be written with
//! hamzas, ta marbuta and alef maqsura as a reader would write them.

use hadath_core::EventType;
use hadath_language::normalize::normalize_key;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The Arabic trigger file, compiled in.
pub const AR_TSV: &str = include_str!("../../../data/triggers/ar.tsv");
/// The English trigger file, compiled in.
pub const EN_TSV: &str = include_str!("../../../data/triggers/en.tsv");

/// How a trigger word behaves grammatically; verbs get their inflections generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    /// A verb given as its perfect 3rd person masculine singular: inflections are generated.
    Verb,
    /// A verbal noun (masdar) or other noun; only the lemma and listed forms match.
    Noun,
    /// Exactly the listed forms, nothing generated.
    Exact,
}

/// How a form of the first trigger word was produced; imperfect verbs can carry future سـ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Perfect,
    Imperfect,
    Noun,
}

/// One word of a trigger pattern after the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatWord {
    /// Any of these normalised keys.
    Word(Vec<String>),
    /// Up to this many tokens of anything.
    Gap(usize),
}

/// One lexicon entry: a trigger pattern and what it codes.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The line as written (normalised), for diagnostics and tests.
    pub lemma: String,
    pub pos: Pos,
    pub event_type: EventType,
    pub mode: Option<String>,
    pub context: Vec<String>,
    pub cameo: Option<String>,
    /// Prior confidence that a match of this entry reports a real event of its type.
    pub weight: f32,
    /// Words after the first, with gaps.
    pub rest: Vec<PatWord>,
    /// A gap of more than 3 words (`..N`) is in `rest`: whole phrases (subject, addressee) sit
    /// inside the match, and its words may be triggers of their own.
    pub long_gap: bool,
    /// Prepositions that introduce the recipient ("على" for ASSAULT, "مع" for CONSULT).
    pub recipient_preps: Vec<String>,
    /// Reciprocal events (meetings, calls): every participant is an actor, per PLOVER.
    pub reciprocal: bool,
    /// The word is also used for verbal "attacks" (criticism): rhetoric check applies.
    pub rhetoric: bool,
    /// A word of this set must occur near the trigger for the match to count.
    pub needs: Option<String>,
    /// A word of this set right before the trigger cancels it (ceasefire for "إطلاق النار").
    pub block: Option<String>,
    /// A word of this set right after the trigger cancels it ("فجر أمس" is dawn).
    pub not_next: Option<String>,
    /// A word of this set among the 6 after the trigger, in its clause, cancels it: what is
    /// received is applications or visitors, not a delegation ("تستقبل الغرفة طلبات الشركات").
    pub not_after: Option<String>,
    /// `unless=<set>`: a set word within eight words either side cancels the match (مقتل
    /// beside a cause of accidental death, زلزال, حادث مروري).
    pub unless: Option<String>,
    /// `between`: the parties named after بين are the actors ("اشتباكات بين الجيش
    /// والمسلحين"); reciprocal entries do this too.
    pub between: bool,
    /// With the article, the trigger needs a word of this set among the 3 before it: العقوبات
    /// alone names sanctions in force, فرض العقوبات reports imposing them.
    pub definite_needs: Option<String>,
    /// Sense cues of a word with a commoner other sense (حقق في is "investigated", حقق نجاحا
    /// "achieved"): a word of `next` right after the trigger or of `prev` among the two words
    /// before it (in its clause) is required; either one does when both are given.
    pub next: Option<String>,
    pub prev: Option<String>,
    /// The word with the article is another word (الطالب is a student, not "he demanded").
    pub no_article: bool,
    /// Even the lemma form never follows ب, ك or the article: read that way it is another
    /// word (بحث "discussion" is not ب + حثّ "urged").
    pub verb_only: bool,
    /// The trigger counts only with an object: within the three words after it, a name with an
    /// actor code or a word of this set (دعم الثوار is support; دعم الصناعة، دعم القيم are not).
    pub object: Option<String>,
    /// A phrase with ب must follow in the clause (هدد بالانسحاب is a threat; تهدد مواردها, of a
    /// dam, is not).
    pub b_complement: bool,
    pub language: &'static str,
}

/// The parsed lexicon of one language with its index by first-word key.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub entries: Vec<Entry>,
    /// First-word key → (entry, how the form was made).
    pub index: HashMap<String, Vec<(usize, FormKind)>>,
    /// Named word sets from `@set` lines.
    pub sets: HashMap<String, Vec<String>>,
    /// Longest multi-word pattern span in tokens, to bound matching.
    pub max_len: usize,
}

/// An error in a trigger file: line number and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "trigger file line {}: {}", self.line, self.message)
    }
}

impl Lexicon {
    /// Parses a trigger file (see `data/triggers/README.md`).
    pub fn parse(text: &str, language: &'static str) -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon::default();
        for (n, raw) in text.lines().enumerate() {
            let line_no = n + 1;
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let err = |m: &str| LexiconError {
                line: line_no,
                message: m.to_string(),
            };
            if cols[0] == "@set" {
                if cols.len() < 3 {
                    return Err(err("@set needs a name and a word list"));
                }
                let words = cols[2]
                    .split(',')
                    .map(|w| normalize_key(w.trim()))
                    .filter(|w| !w.is_empty())
                    .collect();
                lex.sets.insert(cols[1].to_string(), words);
                continue;
            }
            if cols.len() < 8 {
                return Err(err("expected at least 8 tab-separated columns"));
            }
            let pos = match cols[1] {
                "V" => Pos::Verb,
                "N" => Pos::Noun,
                "X" => Pos::Exact,
                other => return Err(err(&format!("unknown part of speech {other:?}"))),
            };
            let event_type = EventType::parse(cols[2])
                .ok_or_else(|| err(&format!("unknown event type {:?}", cols[2])))?;
            let opt = |s: &str| (s != "-" && !s.is_empty()).then(|| s.to_string());
            if let Some(mode) = opt(cols[3]) {
                let known = hadath_core::plover::modes(event_type);
                if !known.contains(&mode.as_str()) {
                    let list = if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    };
                    return Err(err(&format!(
                        "{mode:?} is not a PLOVER mode of {} (its modes: {list})",
                        event_type.as_str()
                    )));
                }
            }
            let weight: f32 = cols[6]
                .parse()
                .map_err(|_| err(&format!("bad weight {:?}", cols[6])))?;
            let mut words = cols[0].split_whitespace();
            let first = normalize_key(words.next().ok_or_else(|| err("empty trigger"))?);
            let rest: Vec<PatWord> = words
                .map(|w| {
                    if w == ".." {
                        PatWord::Gap(3)
                    } else if let Some(n) = w.strip_prefix("..").and_then(|n| n.parse().ok()) {
                        // `..N`: a gap of up to N words.
                        PatWord::Gap(n)
                    } else {
                        PatWord::Word(w.split('|').map(normalize_key).collect())
                    }
                })
                .collect();
            let mut entry = Entry {
                lemma: normalize_key(cols[0]),
                pos,
                event_type,
                mode: opt(cols[3]),
                context: opt(cols[4])
                    .map(|c| c.split(';').map(str::to_string).collect())
                    .unwrap_or_default(),
                cameo: opt(cols[5]),
                weight,
                long_gap: rest.iter().any(|p| matches!(p, PatWord::Gap(n) if *n > 3)),
                rest,
                recipient_preps: Vec::new(),
                reciprocal: false,
                rhetoric: false,
                needs: None,
                block: None,
                not_next: None,
                definite_needs: None,
                not_after: None,
                unless: None,
                between: false,
                next: None,
                prev: None,
                no_article: false,
                verb_only: false,
                object: None,
                b_complement: false,
                language,
            };
            for hint in cols[7].split(';').filter(|h| *h != "-" && !h.is_empty()) {
                let (key, value) = hint.split_once('=').unwrap_or((hint, ""));
                match key {
                    "rcp" => entry.recipient_preps = value.split(',').map(normalize_key).collect(),
                    "recip" => entry.reciprocal = true,
                    "between" => entry.between = true,
                    "rhet" => entry.rhetoric = true,
                    "ctx" => entry.needs = Some(value.to_string()),
                    "block" => entry.block = Some(value.to_string()),
                    "notnext" => entry.not_next = Some(value.to_string()),
                    "defprev" => entry.definite_needs = Some(value.to_string()),
                    "notafter" => entry.not_after = Some(value.to_string()),
                    "unless" => entry.unless = Some(value.to_string()),
                    "next" => entry.next = Some(value.to_string()),
                    "prev" => entry.prev = Some(value.to_string()),
                    "noart" => entry.no_article = true,
                    "verb" => entry.verb_only = true,
                    "obj" => entry.object = Some(value.to_string()),
                    "bcomp" => entry.b_complement = true,
                    other => return Err(err(&format!("unknown hint {other:?}"))),
                }
            }
            for set in [
                &entry.needs,
                &entry.block,
                &entry.not_next,
                &entry.definite_needs,
                &entry.not_after,
                &entry.unless,
                &entry.next,
                &entry.prev,
                &entry.object,
            ]
            .into_iter()
            .flatten()
            {
                if !lex.sets.contains_key(set) {
                    return Err(err(&format!("unknown word set {set:?} (define it above)")));
                }
            }
            let mut forms: Vec<(String, FormKind)> = Vec::new();
            match pos {
                Pos::Verb if language == "ar" => forms.extend(arabic_verb_forms(&first)),
                Pos::Verb => {
                    // English: the base form, and the regular -s / -ed / -ing forms when the
                    // lemma is a base form (irregular forms are listed in the file).
                    forms.push((first.clone(), FormKind::Noun));
                    if entry.rest.is_empty() {
                        forms.extend(
                            english_verb_forms(&first)
                                .into_iter()
                                .map(|f| (f, FormKind::Perfect)),
                        );
                    }
                }
                Pos::Noun => forms.push((first.clone(), FormKind::Noun)),
                Pos::Exact => {}
            }
            if pos == Pos::Noun && language == "ar" {
                forms[0].1 = FormKind::Noun;
            }
            if let Some(extra) = cols.get(8) {
                for f in extra.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                    let key = normalize_key(f);
                    let kind = if pos == Pos::Verb && language == "ar" && is_imperfect(&key) {
                        FormKind::Imperfect
                    } else if pos == Pos::Noun {
                        FormKind::Noun
                    } else {
                        FormKind::Perfect
                    };
                    forms.push((key, kind));
                }
            }
            let id = lex.entries.len();
            let len = 1 + entry
                .rest
                .iter()
                .map(|w| match w {
                    PatWord::Gap(n) => *n,
                    PatWord::Word(_) => 1,
                })
                .sum::<usize>();
            lex.max_len = lex.max_len.max(len);
            lex.entries.push(entry);
            for (key, kind) in forms {
                let slot = lex.index.entry(key).or_default();
                if !slot.iter().any(|(e, _)| *e == id) {
                    slot.push((id, kind));
                }
            }
        }
        Ok(lex)
    }

    /// True when `key` is in the named word set.
    pub fn in_set(&self, set: &str, key: &str) -> bool {
        self.sets
            .get(set)
            .is_some_and(|words| words.iter().any(|w| w == key))
    }
}

/// Regular inflections of an English verb given in its base form: "demand" → demands,
/// demanded, demanding; "seize" → seizes, seized, seizing; "ban" → bans, banned, banning;
/// "deploy" → deploys, deployed, deploying; "rally" → rallies, rallied, rallying. A lemma that
/// is already inflected (ends in -ed or -ing) gets nothing. One-syllable verbs ending in a
/// single vowel and consonant double it (ban, stab); longer ones do not (visit, target).
pub fn english_verb_forms(lemma: &str) -> Vec<String> {
    let l = lemma;
    if !l.chars().all(|c| c.is_ascii_lowercase())
        || l.len() < 3
        || l.ends_with("ed")
        || l.ends_with("ing")
    {
        return Vec::new();
    }
    let vowel = |c: char| "aeiou".contains(c);
    let chars: Vec<char> = l.chars().collect();
    let n = chars.len();
    let (last, before) = (chars[n - 1], chars[n - 2]);
    let syllables = chars
        .windows(2)
        .filter(|w| !vowel(w[0]) && vowel(w[1]))
        .count()
        + usize::from(vowel(chars[0]));
    let mut out = Vec::new();
    if last == 'e' {
        let stem = &l[..l.len() - 1];
        out.push(format!("{l}s"));
        out.push(format!("{l}d"));
        out.push(format!("{stem}ing"));
    } else if last == 'y' && !vowel(before) {
        let stem = &l[..l.len() - 1];
        out.push(format!("{stem}ies"));
        out.push(format!("{stem}ied"));
        out.push(format!("{l}ing"));
    } else {
        let es = l.ends_with('s')
            || l.ends_with('x')
            || l.ends_with('z')
            || l.ends_with("sh")
            || l.ends_with("ch");
        out.push(if es {
            format!("{l}es")
        } else {
            format!("{l}s")
        });
        let double = syllables == 1
            && !vowel(last)
            && !"wxy".contains(last)
            && vowel(before)
            && n >= 3
            && !vowel(chars[n - 3]);
        let stem = if double {
            format!("{l}{last}")
        } else {
            l.to_string()
        };
        out.push(format!("{stem}ed"));
        out.push(format!("{stem}ing"));
    }
    out
}

/// An imperfect verb form starts with one of the person prefixes أ ت ي ن (after normalisation).
fn is_imperfect(key: &str) -> bool {
    key.starts_with(['ي', 'ت', 'ن'])
}

/// Regular inflections of an Arabic verb given in the perfect 3ms, unvocalised.
///
/// Unvocalised script makes this mostly mechanical: the perfect takes suffixes; the imperfect
/// is a person prefix on the same letters, dropping the initial alef of forms IV, VII, VIII and
/// X (أطلق → يطلق, انفجر → ينفجر, اقتحم → يقتحم, استهدف → يستهدف). Hollow and defective verbs
/// break this; the lexicon lists their forms explicitly.
pub fn arabic_verb_forms(lemma: &str) -> Vec<(String, FormKind)> {
    let mut out = Vec::new();
    for suffix in ["", "ت", "وا", "و", "ا", "تا", "نا", "تم", "ن"] {
        out.push((format!("{lemma}{suffix}"), FormKind::Perfect));
    }
    let stem = lemma.strip_prefix('ا').unwrap_or(lemma);
    for prefix in ["ي", "ت", "ن"] {
        for suffix in ["", "ون", "ان", "وا", "و", "ين", "ن"] {
            out.push((format!("{prefix}{stem}{suffix}"), FormKind::Imperfect));
        }
    }
    out
}

/// The Arabic lexicon, parsed once.
pub fn arabic() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::parse(AR_TSV, "ar").expect("data/triggers/ar.tsv parses"))
}

/// The English lexicon, parsed once.
pub fn english() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::parse(EN_TSV, "en").expect("data/triggers/en.tsv parses"))
}
