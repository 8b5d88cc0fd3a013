//! Who was harmed: the recipient of an ASSAULT when word order alone does not give one.
//!
//! Arabic news reports violence mostly in the passive, and unvowelled text writes the passive
//! like the active (قُتل / قَتل). What tells them apart is what surrounds the verb: a count
//! right after it ("قتل 15 شخصا", "وقتل 150 مدنيا أفغانيا"), or a noun phrase before it and no
//! object after ("ان شخصا قتل واصيب اربعة", "42 جنديا باكستانيا قد قتلوا في هجوم"). Casualty
//! nouns elsewhere in the sentence name victims too ("أسفر عن مقتل 30 شخصا", "إصابة خمسة
//! مدنيين"), as do the objects of استهدف and the survivors of نجا من. Victims are often
//! unnamed ("ثمانية أشخاص"), so a victim is a phrase of the sentence, carrying an actor code
//! when a coded mention sits inside it. The same uncoded noun phrases ([`phrase_from`],
//! [`object_phrase`]) serve the coder for protesters and what they protest against.

use crate::coder::Word;
use crate::cues::{COMPLEMENTIZERS, PREPOSITIONS, RELATIVES, WEEKDAYS};

/// Harm verbs in the forms the passive and active share (normalised).
const HARM_VERBS: &[&str] = &[
    "قتل",
    "قتلت",
    "قتلوا",
    "قتلا",
    "قتلتا",
    "اصيب",
    "اصيبت",
    "اصيبوا",
    "اصيبا",
    "جرح",
    "جرحت",
    "جرحوا",
    "جرحا",
    "خطف",
    "خطفت",
    "خطفوا",
    "خطفا",
    "اختطف",
    "اختطفت",
    "اختطفوا",
    "اختطفا",
    "اغتيل",
    "اغتيلت",
    "اعدم",
    "اعدمت",
    "اعدموا",
    "ذبح",
    "ذبحوا",
];

/// Harm verbs whose unvowelled form can only be passive (أُصيب، اغتيل، استشهد): the phrase
/// after them is the one harmed, counted or not ("أصيب مدير مكتب وزير الداخلية بجروح").
const PASSIVE_ONLY: &[&str] = &[
    "اصيب",
    "اصيبت",
    "اصيبوا",
    "اصيبا",
    "اغتيل",
    "اغتيلت",
    "استشهد",
    "استشهدت",
    "استشهدوا",
];

/// Verbal nouns whose genitive is the one harmed ("مقتل 30 شخصا", "إصابة خمسة مدنيين").
const CASUALTY_NOUNS: &[&str] = &[
    "مقتل",
    "اصابه",
    "جرح",
    "سقوط",
    "مصرع",
    "اغتيال",
    "خطف",
    "اختطاف",
    "اعدام",
    "استشهاد",
];

/// Verbs and participles whose object is the target ("استهدف موكبا", "مستهدفا دوريه").
const TARGETING: &[&str] = &[
    "استهدف",
    "استهدفت",
    "استهدفا",
    "استهدفتا",
    "يستهدف",
    "تستهدف",
    "مستهدفا",
    "مستهدفه",
    "مستهدفين",
];

/// "نجا X من": X survived (an attack).
const SURVIVED: &[&str] = &["نجا", "نجت", "نجوا", "ينجو", "تنجو"];

/// Number words and quantity heads that open a count ("ثمانية أشخاص", "عشرات المدنيين").
pub(crate) const QUANTITY: &[&str] = &[
    "واحد",
    "اثنان",
    "اثنين",
    "اثنتين",
    "ثلاثه",
    "ثلاث",
    "اربعه",
    "اربع",
    "خمسه",
    "خمس",
    "سته",
    "ست",
    "سبعه",
    "سبع",
    "ثمانيه",
    "ثماني",
    "ثمان",
    "تسعه",
    "تسع",
    "عشره",
    "عشر",
    "احد",
    "عشرين",
    "ثلاثين",
    "اربعين",
    "خمسين",
    "ستين",
    "سبعين",
    "ثمانين",
    "تسعين",
    "مئه",
    "مائه",
    "مئات",
    "المئات",
    "الف",
    "الاف",
    "الالاف",
    "عشرات",
    "العشرات",
    "عدد",
    "عددا",
    "نحو",
    "حوالي",
    "قرابه",
    "اكثر",
    "زهاء",
    "بضعه",
    "جميع",
];

/// Words that open no object: after a harm verb they mark the passive ("قتل في هجوم",
/// "قتلوا بينما", "قتل جراء", "قتلا نتيجة انفجار": a cause, not the killed).
const NO_OBJECT: &[&str] = &[
    "جراء",
    "نتيجه",
    "بسبب",
    "اثر",
    "خلال",
    "اثناء",
    "عندما",
    "حين",
    "حينما",
    "بينما",
    "عقب",
    "قرب",
    "بالقرب",
    "وسط",
    "داخل",
    "بعدما",
];

/// Time words between a verb and its object ("خطفوا قبل ظهر أمس أميركيا"), with the
/// weekdays.
const TIME_WORDS: &[&str] = &[
    "امس",
    "اليوم",
    "قبل",
    "بعد",
    "ظهر",
    "صباح",
    "مساء",
    "فجر",
    "ليل",
    "يوم",
    "الماضي",
    "الماضيه",
];

fn is_time_word(w: &Word) -> bool {
    w.is_any(TIME_WORDS) || w.is_any(WEEKDAYS)
}

/// The first word at or after `at` that is not a time word.
pub(crate) fn after_time_words(words: &[Word], mut at: usize) -> usize {
    while words.get(at).is_some_and(is_time_word) {
        at += 1;
    }
    at
}

/// Words a victim phrase never runs into (normalised: على is علي).
const PHRASE_STOPS: &[&str] = &[
    "امس",
    "اليوم",
    "علي",
    "الاقل",
    "قد",
    "كان",
    "كانت",
    "كانوا",
    "ايضا",
    "بجروح",
    "جروح",
    "حتفهم",
    "حتفه",
    "مصرعهم",
    "مصرعه",
    "اخرون",
    "اخرين",
    "قتيلا",
    "جريحا",
    "بينهم",
    "منهم",
    "معظمهم",
    "غالبيتهم",
    "جميعهم",
];

/// The word, or the word without a leading و / ف, is in `list` (not its other clitic-stripped
/// forms: "الخطف" is a noun, not the verb خطف).
fn bare_in(w: &Word, list: &[&str]) -> bool {
    let k = w.key.as_str();
    list.contains(&k)
        || k.strip_prefix(['و', 'ف'])
            .is_some_and(|b| list.contains(&b))
}

/// A prepositional word after a verb: a ب / ل particle the clitic analysis split, or one it
/// left on a word whose bare form is also a reading ("بانفجار"). (Not used inside phrases,
/// where names like بوتو would read as ب + وتو.)
fn prepositional(w: &Word) -> bool {
    w.particle
        || w.key
            .strip_prefix(['ب', 'ل'])
            .is_some_and(|b| b.chars().count() > 2 && w.keys.iter().skip(1).any(|k| k == b))
}

fn is_number(w: &Word) -> bool {
    w.key.chars().any(|c| c.is_ascii_digit()) || w.is_any(QUANTITY)
}

/// A word that cannot be part of a noun phrase here.
fn stop(w: &Word) -> bool {
    w.punct
        || w.particle
        || w.is_any(PREPOSITIONS)
        || w.is_any(COMPLEMENTIZERS)
        || w.is_any(RELATIVES)
        || w.is_any(NO_OBJECT)
        || w.is_any(PHRASE_STOPS)
        || is_time_word(w)
        || bare_in(w, HARM_VERBS)
}

/// An adjective or genitive that continues a noun phrase: a definite word or a nisba
/// ("جنديا أميركيا", "عناصر الشرطة", "مدنيا افغانيا").
fn continues(w: &Word) -> bool {
    !stop(w)
        && !is_number(w)
        && (w.key.starts_with("ال")
            || ["ي", "يه", "يا", "يون", "يين", "يان", "يتين"]
                .iter()
                .any(|s| w.key.ends_with(s)))
}

/// The noun phrase starting at `at` (a count, then its noun and up to two modifiers, "نحو
/// ثمانية من عناصر الشرطة", "ما لا يقل عن 15 شخصا"): word indices, first and last.
pub(crate) fn phrase_from(words: &[Word], at: usize) -> Option<(usize, usize)> {
    let key = |j: usize| words.get(j).map_or("", |w| w.key.as_str());
    let mut j = at;
    let mut counted = false;
    while j < words.len() && j < at + 6 {
        if key(j) == "ما" && key(j + 1) == "لا" && key(j + 2) == "يقل" && key(j + 3) == "عن"
        {
            j += 4;
        } else if is_number(&words[j]) {
            counted = true;
            j += 1;
        } else if counted && key(j) == "من" {
            j += 1;
        } else {
            break;
        }
    }
    let head = words.get(j)?;
    if stop(head) || is_number(head) {
        return None;
    }
    let mut last = j;
    while last + 1 < words.len() && last < j + 2 && continues(&words[last + 1]) {
        last += 1;
    }
    Some((at.min(j), last))
}

/// The phrase a cue points at (what a protest is against): the word at `at`, a ب / ل on it
/// allowed ("بالمعلمة"), with one genitive and its modifiers ("حملة اليمين المتطرف", "زيارة
/// غل").
pub(crate) fn object_phrase(words: &[Word], at: usize) -> Option<(usize, usize)> {
    let head = words.get(at)?;
    if head.punct
        || head.is_any(PREPOSITIONS)
        || head.is_any(COMPLEMENTIZERS)
        || head.is_any(RELATIVES)
        || head.is_any(PHRASE_STOPS)
        || is_number(head)
    {
        return None;
    }
    let mut last = at;
    if words
        .get(at + 1)
        .is_some_and(|n| !stop(n) && !is_number(n) && !n.key.starts_with('و'))
    {
        last = at + 1;
    }
    while last + 1 < words.len() && last < at + 3 && continues(&words[last + 1]) {
        last += 1;
    }
    Some((at, last))
}

/// The noun phrase ending at `end` (at most four words back: "بي نظير بوتو", "احد عناصر
/// القوات العراقية"), skipping "قد", "كان", "على الأقل" and a comma or closing quote.
fn phrase_before(words: &[Word], end: usize) -> Option<(usize, usize)> {
    let mut last = end;
    loop {
        let w = &words[last];
        let skip = w.is_any(&["قد", "كان", "كانت", "كانوا", "ايضا", "الاقل"])
            || (w.key == "علي" && words.get(last + 1).is_some_and(|n| n.key == "الاقل"))
            || (w.punct && matches!(w.key.as_str(), "،" | "," | "»" | "\""));
        if !skip {
            break;
        }
        last = last.checked_sub(1)?;
    }
    if stop(&words[last]) {
        return None;
    }
    let mut first = last;
    while first > 0 && last - first < 3 && !stop(&words[first - 1]) {
        first -= 1;
    }
    // "المزارع ابراهيم صالحة، عشرين عاماً، قتل": an age in apposition; the name is before it.
    if words[last].is_any(&["عاما", "عام", "سنه"]) && first >= 2 && words[first - 1].punct
    {
        return phrase_before(words, first - 1);
    }
    Some((first, last))
}

/// The victim of a harm verb at `verb` (one word), and whether it follows the verb: the
/// counted phrase after it when one follows ("قتل 15 شخصا", "قتل وجرح سبعة عشر سائحا",
/// "قتلت تسعة جنود"), else the phrase before it when no object follows ("جنديا أميركيا قتل
/// وأصيب 10 آخرون", "الانتحاري الذي قتل بالرصاص"). `None` when the verb reads as active with
/// an uncounted object, or is not a harm verb.
pub(crate) fn passive_victim(
    words: &[Word],
    verb: usize,
    floor: usize,
) -> Option<((usize, usize), bool)> {
    if !bare_in(&words[verb], HARM_VERBS) {
        return None;
    }
    let harm_and = |w: &Word| w.key.starts_with('و') && bare_in(w, HARM_VERBS);
    // "قتل وجرح 17 سائحا": the second harm verb shares the count.
    let mut next = verb + 1;
    while next < words.len()
        && next < verb + 3
        && (words[next].is_any(&["امس", "ايضا"]) || harm_and(&words[next]))
    {
        next += 1;
    }
    if words.get(next).is_some_and(is_number) || bare_in(&words[verb], PASSIVE_ONLY) {
        if let Some(p) = phrase_from(words, next) {
            return Some((p, true));
        }
    }
    let no_object = bare_in(&words[verb], PASSIVE_ONLY)
        || words.get(verb + 1).map_or(true, |w| {
            w.punct
                || prepositional(w)
                || w.is_any(PREPOSITIONS)
                || w.is_any(NO_OBJECT)
                || w.key == "ايضا"
                || harm_and(w)
        });
    if !no_object || verb == 0 {
        return None;
    }
    // "الانتحاري الذي قتل": the antecedent of the relative.
    let mut end = verb - 1;
    if words[end].is_any(RELATIVES) {
        end = end.checked_sub(1)?;
    }
    let (first, last) = phrase_before(words, end)?;
    (first >= floor).then_some(((first, last), false))
}

/// Victims named elsewhere in the sentence: a casualty noun's genitive ("أسفر عن مقتل 30
/// شخصا"), a passive harm verb ("أصيب 37 شخصا بجروح"), the object of استهدف, or who survived
/// (نجا X من). The one nearest after `from` first, else the nearest before it.
pub(crate) fn victim_in_sentence(
    words: &[Word],
    from: usize,
    floor: usize,
) -> Option<(usize, usize)> {
    let find = |j: usize| -> Option<(usize, usize)> {
        let w = &words[j];
        let noun = bare_in(w, CASUALTY_NOUNS)
            || w.key
                .strip_prefix('ب')
                .is_some_and(|b| CASUALTY_NOUNS.contains(&b));
        if noun || bare_in(w, TARGETING) {
            return phrase_from(words, j + 1);
        }
        if bare_in(w, SURVIVED) {
            return phrase_from(words, j + 1);
        }
        if bare_in(w, HARM_VERBS) {
            return passive_victim(words, j, floor).map(|(p, _)| p);
        }
        None
    };
    (from..words.len())
        .find_map(find)
        .or_else(|| (floor..from.min(words.len())).rev().find_map(find))
}
