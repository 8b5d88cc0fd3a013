//! The recognition rules: regexes over folded text, each with a resolver, plus the merging of
//! neighbouring matches (weekday + date, Hijri + Gregorian, time + day, date – date).

use std::sync::OnceLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use hadath_core::{DateCheck, DatePrecision, DateValue};
use regex::{Captures, Regex};

use crate::hijri;
use crate::lexicon::*;
use crate::resolve::{self, Direction};
use crate::window::Plan;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    Date,
    /// A weekday name, resolved on its own but able to check a neighbouring date.
    Weekday(Weekday),
    /// A time of day: kept only when it attaches to a date.
    Time,
}

#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub s: usize,
    pub e: usize,
    pub kind: Kind,
    pub value: Option<DateValue>,
    /// Stated in the Hijri calendar (so a Gregorian twin after الموافق can check it).
    pub hijri: bool,
}

/// Which texts a rule can match in: Arabic rules are skipped on texts without Arabic letters
/// and English ones on texts without Latin letters (the regexes are the costly part).
#[derive(Clone, Copy, PartialEq)]
enum Script {
    Arabic,
    Latin,
    Any,
}

struct Rule {
    re: Regex,
    /// Where to run `re` (see `window.rs`); `None`: over the whole text.
    plan: Option<Plan>,
    apply: fn(&Captures, &Ctx) -> Option<Cand>,
    script: Script,
}

impl Rule {
    fn new(pattern: &str, apply: fn(&Captures, &Ctx) -> Option<Cand>, script: Script) -> Rule {
        let expanded = expand(pattern);
        Rule {
            re: Regex::new(&expanded).unwrap_or_else(|e| panic!("bad time rule {pattern}: {e}")),
            plan: Plan::new(&expanded),
            apply,
            script,
        }
    }

    /// Every match of the rule in `text`, in order: the same as `re.captures_iter(text)`.
    fn each_match<'t>(&self, text: &'t str, f: impl FnMut(Captures<'t>)) {
        match &self.plan {
            Some(plan) => plan.each_match(&self.re, text, f),
            None => self.re.captures_iter(text).for_each(f),
        }
    }
}

pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub published: Option<NaiveDate>,
}

fn patterns() -> Vec<(&'static str, String)> {
    let greg_ar = alternation(GREGORIAN_MONTHS_AR.iter().map(|m| m.0));
    let hijri = alternation(HIJRI_MONTHS.iter().map(|m| m.0));
    let en_month = alternation(ENGLISH_MONTHS.iter().map(|m| m.0));
    let wd_ar = alternation(WEEKDAYS_AR.iter().map(|m| m.0));
    let wd_en = alternation(WEEKDAYS_EN.iter().map(|m| m.0));
    let ordinals = day_ordinals();
    let ord = alternation(ordinals.iter().map(|o| o.0.as_str()));
    let num_ar = alternation(NUMBERS_AR.iter().map(|m| m.0));
    let num_en = alternation(NUMBERS_EN.iter().map(|m| m.0));
    let hours = alternation(HOURS_AR.iter().copied());
    vec![
        ("GREG", greg_ar),
        ("HIJRI", hijri),
        ("ENMON", en_month),
        ("WDAR", wd_ar),
        ("WDEN", wd_en),
        ("ORD", ord),
        ("NUMAR", num_ar),
        ("NUMEN", num_en),
        ("HOURS", hours),
        (
            "QUAL",
            alternation([
                "الماضي",
                "الماضيه",
                "المنصرم",
                "المنصرمه",
                "الفائت",
                "الفائته",
                "المقبل",
                "المقبله",
                "القادم",
                "القادمه",
                "الجاري",
                "الجاريه",
                "الحالي",
                "الحاليه",
            ]) + r"\b",
        ),
        (
            "PART",
            r"(?:[وف]?[بل]?(?:مطلع|بدايه|اوائل|مستهل|منتصف|اواسط|اواخر|نهايه|ختام))".into(),
        ),
        ("ERA", r"(?:\s*(?:هجريه|هجري|ه|ميلاديه|ميلادي|م)\b)".into()),
        (
            "TOD",
            r"(?:[وف]?(?:صباح|مساء|ظهر|عصر|فجر|ليله|ليل|نهار|ظهيره|منتصف\s+ليله|منتصف\s+ليل))"
                .into(),
        ),
    ]
}

fn expand(pattern: &str) -> String {
    let mut p = pattern.to_string();
    for (key, value) in patterns_cached() {
        p = p.replace(&format!("{{{key}}}"), value);
    }
    p
}

fn patterns_cached() -> &'static Vec<(&'static str, String)> {
    static P: OnceLock<Vec<(&'static str, String)>> = OnceLock::new();
    P.get_or_init(patterns)
}

fn rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(|| {
        let r = |pattern: &str, apply: fn(&Captures, &Ctx) -> Option<Cand>| {
            Rule::new(pattern, apply, Script::Arabic)
        };
        let en = |pattern: &str, apply: fn(&Captures, &Ctx) -> Option<Cand>| {
            Rule::new(pattern, apply, Script::Latin)
        };
        let any = |pattern: &str, apply: fn(&Captures, &Ctx) -> Option<Cand>| {
            Rule::new(pattern, apply, Script::Any)
        };
        vec![
            // 12 تموز/يوليو 2015، التاسع من رمضان، 25 شوال 1436 هـ، 30 حزيران الماضي
            r(
                r"(?:\b[وف]?ب?تاريخ\s*)?(?:\b[وف]?[بل]?يوم\s+)?(?:\b(?P<d>[0-9]{1,2})|\b(?P<ord>{ORD})(?:\s+من)?)\s*(?:/\s*)?(?:من\s+)?(?:شهر\s+)?(?:(?P<gm>{GREG})\b(?:\s*(?:/|-|\()\s*(?:{GREG})\b(?:\s*\))?)?|(?P<hm>{HIJRI})\b)(?:\s*[،,/]?\s*(?:من\s+)?(?:عام|سنه|العام)?\s*\(?\s*(?P<y>[0-9]{4})(?:\s*\))?(?P<era>{ERA})?)?(?:\s+(?P<q>{QUAL}))?",
                day_month_ar,
            ),
            // من 12 إلى 15 يوليو، بين 1 و5 أغسطس
            r(
                r"(?:\b(?:من|بين|[وف]?في\s+الفتره\s+(?:من|بين))\s+)?\b(?P<d1>[0-9]{1,2})\s*(?:-|الي|حتي|و|ولغايه|لغايه)\s*(?P<d2>[0-9]{1,2})\s*(?:من\s+)?(?:شهر\s+)?(?:(?P<gm>{GREG})\b(?:\s*(?:/|-|\()\s*(?:{GREG})\b(?:\s*\))?)?|(?P<hm>{HIJRI})\b)(?:\s*[،,]?\s*(?:من\s+)?(?:عام|سنه|العام)?\s*(?P<y>[0-9]{4})(?P<era>{ERA})?)?(?:\s+(?P<q>{QUAL}))?",
                day_range_ar,
            ),
            // يوليو 2015، شهر رمضان، مطلع شهر رمضان، تموز/يوليو الماضي، في يناير
            r(
                r"(?:\b(?P<part>{PART})\s+)?(?:\b(?P<shahr>[وف]?[بل]?شهر)\s+)?\b[وف]?[بل]?(?:(?P<gm>{GREG})\b(?:\s*(?:/|-|\()\s*(?:{GREG})\b(?:\s*\))?)?|(?P<hm>{HIJRI})\b)(?:\s*[،,]?\s*(?:من\s+)?(?:عام|سنه|العام)?\s*(?P<y>[0-9]{4})(?P<era>{ERA})?)?(?:\s+(?P<q>{QUAL}|المبارك(?:\s+{QUAL})?))?",
                month_ar,
            ),
            // عام 2015، سنة (1935) م، العام 1436 هـ، 1436/1437هـ، منتصف 2014
            r(
                r"(?:\b(?P<part>{PART})\s+)?(?:\b(?P<kw>[وف]?[بل]?(?:ال)?(?:عام|سنه))\s*|\b(?P<prep>[وف]?(?:في|منذ|حتي|خلال|قبل|بعد))\s+)?(?P<lp>\(\s*)?\b(?P<y>[0-9]{4})(?:\s*[/-]\s*(?P<y2>[0-9]{4}))?(?P<rp>\s*\))?(?P<era>{ERA})?",
                year_ar,
            ),
            // 29/12/2011، 10-10-1436 هـ، 2015-07-03
            any(
                r"(?:\b[وف]?ب?تاريخ\s*)?(?:\(\s*)?\b(?P<a>[0-9]{1,4})\s*(?P<s1>[/.-])\s*(?P<b>[0-9]{1,2})\s*(?P<s2>[/.-])\s*(?P<c>[0-9]{2,4})(?:\s*\))?(?P<era>{ERA})?",
                numeric,
            ),
            // 10/1436هـ
            r(r"\b(?P<m>[0-9]{1,2})\s*/\s*(?P<y>1[34][0-9]{2})\s*(?:هجريه|هجري|ه)\b", month_year_hijri),
            // أمس، أول أمس، غدا، بعد غد، اليوم (الاثنين)، مساء أمس الأحد
            r(
                r"(?:\b(?P<tod>{TOD})\s+(?:يوم\s+)?)?(?:\b(?P<yom>[وف]?[بل]?يوم)\s+)?\b(?P<w>[وف]?(?:ب|في\s+)?(?:اول\s+(?:من\s+)?امس|امس\s+الاول)|[وف]?(?:بعد\s+(?:ال)?غد)|[وف]?(?:بال|ال|ب)?امس|[وف]?(?:بال|ال)?بارحه|[وف]?غدا|[وف]?غد|[وف]?بكرا|[وف]?بكره|[وف]?(?:في\s+)?الغد|(?:[وف]?(?:في\s+)?هذا\s+)?[وف]?(?:ال|لل|بال)يوم)\b(?:\s*[،,]?\s*(?:\(\s*(?:يوم\s+)?ال(?P<wd1>{WDAR})\s*\)|(?:يوم\s+)?ال(?P<wd2>{WDAR})\b))?",
                relative_day_ar,
            ),
            // الخميس الماضي، يوم الأحد المقبل، (الثلاثاء)، مساء الجمعة
            r(
                r"(?:\b(?P<tod>{TOD})\s+)?(?:\b[وف]?[بل]?يوم\s+)?(?:\(\s*ال(?P<wd1>{WDAR})\s*\)|\b[وف]?(?:بال|ال|لل)(?P<wd2>{WDAR}))\b(?:\s+(?P<q>{QUAL}|السابق))?",
                weekday_ar,
            ),
            // الأسبوع الماضي، الشهر الجاري، العام المقبل، هذا العام، مطلع الشهر الجاري
            r(
                r"(?:\b(?P<part>{PART})\s+)?(?:\b(?P<this>[وف]?(?:ب|في\s+)?(?:هذا|هذه))\s+)?\b(?P<unit>[وف]?(?:[بك]?ال|لل)(?:اسبوع|شهر|عام|سنه))\b(?:\s+(?P<before>قبل))?(?:\s+(?P<q>{QUAL}|السابق|السابقه))?",
                period_ar,
            ),
            // منذ ثلاثة أيام، قبل يومين، بعد أسبوع، منذ عامين
            r(
                r"\b(?P<dir>[وف]?(?:منذ|قبل|بعد))\s+(?:(?:نحو|حوالي|قرابه|زهاء)\s+)?(?:(?P<vague>عده|بضعه|بضع)\s+)?(?:(?P<num>[0-9]{1,3}|{NUMAR})\s+)?(?P<unit>يوما|يومين|ايام|يوم|اسبوعا|اسبوعين|اسابيع|اسبوع|شهرا|شهرين|اشهر|شهور|شهر|عاما|عامين|اعوام|عام|سنتين|سنوات|سنين|سنه|ساعتين|ساعات|ساعه)\b(?:\s+(?P<few>قليله|معدوده))?",
                duration_ar,
            ),
            // خلال الأيام الماضية، الساعات الـ24 الماضية، الأيام الخمسة الماضية، الأيام القليلة المقبلة
            r(
                r"(?:\b(?P<prep>[وف]?(?:خلال|طوال|طيله|منذ|علي\s+مدي|علي\s+مدار))\s+)?\b(?:(?P<unit>[وف]?(?:[بك]?ال|لل)(?:ايام|ساعات|اسابيع|اشهر|شهور|سنوات|اعوام|سنين))(?:\s+(?:ال)?\s*(?P<num>[0-9]{1,3}|{NUMAR}))?|ال\s*(?P<n0>[0-9]{1,3})\s+(?P<unit0>ساعه|يوما|يوم|شهرا|عاما|اسبوعا|سنه))(?:\s+(?P<adj>القليله|الاخيره))?(?:\s+(?P<q>الماضيه|المنصرمه|الفائته|الاخيره|المقبله|القادمه|السابقه))?",
                last_n_ar,
            ),
            // الساعة العاشرة صباحا، الساعة 5:30 مساء
            r(
                r"(?:\b[وف]?(?:في|عند|حوالي|نحو)\s+)?(?:\bتمام\s+)?\b[وف]?(?:بال|ال)?ساعه\s+(?:ال\s*)?(?:[0-9]{1,2}(?:[:.][0-9]{2})?|{HOURS})\b(?:\s+(?:و?النصف|و?الربع|الا\s+ربعا|الا\s+ربع|و\s*[0-9]{1,2}\s+دقيقه))?(?:\s+(?:من\s+)?(?:صباحا|مساء|مساءا|ظهرا|عصرا|فجرا|ليلا|بعد\s+الظهر|بتوقيت\s+\S+))?",
                time_of_day,
            ),
            // English: yesterday, the day before yesterday, tomorrow (Tuesday), this morning
            en(
                r"\b(?P<w>(?:the\s+)?day\s+before\s+yesterday|(?:the\s+)?day\s+after\s+tomorrow|yesterday|today|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening))\b(?:\s+(?:morning|afternoon|evening|night))?(?:\s*,?\s*\(?(?P<wd>{WDEN})\)?)?",
                relative_day_en,
            ),
            // last Tuesday, on Friday, next Monday morning
            en(
                r"\b(?:(?P<q>last|next|this|past|coming)\s+)?(?P<wd>{WDEN})\b(?:\s+(?:morning|afternoon|evening|night))?",
                weekday_en,
            ),
            // July 3, 2015 / July 3 / Jul. 3rd
            en(r"\b(?P<m>{ENMON})\.?\s+(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?\b(?:\s*,?\s*(?P<y>[0-9]{4})\b)?", date_en),
            // 3 July 2015 / 3rd of July
            en(r"\b(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{ENMON})\b\.?(?:\s*,?\s*(?P<y>[0-9]{4})\b)?", date_en),
            // July 3-5, from July 3 to 5, between 3 and 5 July
            en(
                r"\b(?:(?:from|between)\s+)?(?P<m>{ENMON})\.?\s+(?P<d1>[0-9]{1,2})(?:st|nd|rd|th)?\s*(?:-|to|through|until|and)\s*(?P<d2>[0-9]{1,2})(?:st|nd|rd|th)?\b(?:\s*,?\s*(?P<y>[0-9]{4})\b)?",
                range_en,
            ),
            en(
                r"\b(?:(?:from|between)\s+)?(?P<d1>[0-9]{1,2})(?:st|nd|rd|th)?\s*(?:-|to|through|until|and)\s*(?P<d2>[0-9]{1,2})(?:st|nd|rd|th)?\s+(?P<m>{ENMON})\b(?:\s*,?\s*(?P<y>[0-9]{4})\b)?",
                range_en,
            ),
            // July 2015, in July, last July, early July, mid-July, the end of July
            en(
                r"(?:\b(?P<prep>in|since|until|during|by|from|of|through)\s+)?(?:\b(?P<part>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|end\s+of|beginning\s+of|start\s+of)[\s-]+)?(?:\b(?P<q>last|next|this)\s+)?\b(?P<m>{ENMON})\b(?:\s*,?\s*(?P<y>[0-9]{4})\b)?",
                month_en,
            ),
            // in 2015, since 2011, early 2016
            en(
                r"\b(?:(?P<prep>in|since|until|during|by|from|before|after|of)\s+)?(?:(?P<part>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|end\s+of|beginning\s+of)[\s-]+)?(?P<y>(?:1[89]|20)[0-9]{2})\b",
                year_en,
            ),
            // last week, this month, next year, earlier this month
            en(
                r"\b(?:(?P<part>earlier|later|early|late)\s+)?(?:the\s+)?(?P<q>last|next|this|past|coming|previous|current)\s+(?P<unit>week|month|year)\b",
                period_en,
            ),
            // three days ago, two weeks ago, in three days
            en(
                r"\b(?:(?P<in>in|within)\s+)?(?P<num>[0-9]{1,3}|{NUMEN}|a\s+few|few|several|a\s+couple\s+of|couple\s+of)\s+(?P<unit>hours?|days?|weeks?|months?|years?)(?:\s+(?P<dir>ago|from\s+now))?\b",
                duration_en,
            ),
            // over the past 24 hours, in the last three days, the coming weeks
            en(
                r"\b(?:(?:over|in|during|within|for|throughout)\s+)?the\s+(?P<q>past|last|previous|coming|next)\s+(?:(?P<num>[0-9]{1,3}|{NUMEN}|few|several|couple\s+of)\s+)?(?P<unit>hours?|days?|weeks?|months?|years?)\b",
                last_n_en,
            ),
            // 10 a.m., 5:30 pm GMT, at noon
            en(
                r"\b(?:at\s+)?(?:around\s+|about\s+)?(?:[0-9]{1,2}(?::[0-9]{2})?\s*(?:a\.?m\b\.?|p\.?m\b\.?)|noon\b|midnight\b|[0-9]{1,2}:[0-9]{2}\b(?:\s*(?:gmt|utc|local\s+time)\b)?)",
                time_of_day,
            ),
        ]
    })
}

pub(crate) fn candidates(ctx: &Ctx) -> Vec<Cand> {
    let mut out = Vec::new();
    let arabic = ctx
        .text
        .chars()
        .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
    let latin = ctx.text.bytes().any(|b| b.is_ascii_alphabetic());
    for rule in rules() {
        match rule.script {
            Script::Arabic if !arabic => continue,
            Script::Latin if !latin => continue,
            _ => {}
        }
        rule.each_match(ctx.text, |caps| {
            if let Some(c) = (rule.apply)(&caps, ctx) {
                if c.e > c.s {
                    out.push(c);
                }
            }
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Helpers

/// The match without a leading preposition ("in July" → "July"): context, not expression.
fn skip_prep(c: &Captures) -> (usize, usize) {
    let (s, e) = whole(c);
    match c.name("prep") {
        Some(p) => {
            let rest = &c.get(0).expect("group 0").as_str()[p.end() - s..];
            (e - rest.trim_start().len(), e)
        }
        None => (s, e),
    }
}

fn whole(c: &Captures) -> (usize, usize) {
    let m = c.get(0).expect("group 0");
    (m.start(), m.end())
}

fn date(c: &Captures, value: Option<DateValue>) -> Option<Cand> {
    let (s, e) = whole(c);
    Some(Cand {
        s,
        e,
        kind: Kind::Date,
        value,
        hijri: false,
    })
}

fn text<'t>(c: &'t Captures, name: &str) -> Option<&'t str> {
    c.name(name).map(|m| m.as_str())
}

fn num(c: &Captures, name: &str) -> Option<u32> {
    text(c, name)?.parse().ok()
}

fn dir(c: &Captures) -> Direction {
    text(c, "q")
        .map(|q| resolve::direction(q.split_whitespace().last().unwrap_or(q)))
        .unwrap_or(Direction::Nearest)
}

fn is_hijri_era(c: &Captures) -> Option<bool> {
    let era = text(c, "era")?.trim();
    Some(era.starts_with('ه'))
}

fn weekday_name_ar(stem: &str) -> Option<Weekday> {
    lookup(WEEKDAYS_AR, stem)
}

fn greg_month(name: &str) -> Option<u32> {
    lookup(GREGORIAN_MONTHS_AR, name).or_else(|| lookup(ENGLISH_MONTHS, name))
}

/// The text just before a match, for cues such as في or صلاة.
fn before<'t>(ctx: &Ctx<'t>, at: usize) -> &'t str {
    let start = ctx.text[..at]
        .char_indices()
        .rev()
        .nth(24)
        .map_or(0, |(i, _)| i);
    &ctx.text[start..at]
}

fn last_word(s: &str) -> &str {
    s.trim_end()
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '،' || c == ',')
        .next()
        .unwrap_or("")
}

fn after<'t>(ctx: &Ctx<'t>, at: usize) -> &'t str {
    let end = ctx.text[at..]
        .char_indices()
        .nth(24)
        .map_or(ctx.text.len(), |(i, _)| at + i);
    &ctx.text[at..end]
}

/// A day and month (Gregorian or Hijri) with or without a year.
fn day_month(
    day_: u32,
    gm: Option<u32>,
    hm: Option<u32>,
    year: Option<i32>,
    dir: Direction,
    published: Option<NaiveDate>,
) -> (Option<DateValue>, bool) {
    if let Some(m) = gm {
        let value = match year {
            Some(y) => NaiveDate::from_ymd_opt(y, m, day_).map(|d| resolve::day(d, false)),
            None => published
                .and_then(|p| resolve::year_for_day(day_, m, dir, p))
                .map(|d| resolve::day(d, true)),
        };
        return (value, false);
    }
    let m = hm.unwrap_or(1);
    let value = match year {
        Some(y) => hijri::to_gregorian(y, m, day_).map(|d| resolve::day(d, false)),
        None => published
            .and_then(|p| resolve::hijri_day_without_year(day_, m, dir, p))
            .map(|d| resolve::day(d, true)),
    };
    (value, true)
}

// ---------------------------------------------------------------------------------------------
// Arabic resolvers

fn day_month_ar(c: &Captures, ctx: &Ctx) -> Option<Cand> {
    let day_ = match num(c, "d") {
        Some(d) => d,
        None => lookup(
            &day_ordinals()
                .iter()
                .map(|(w, n)| (w.as_str(), *n))
                .collect::<Vec<_>>(),
            text(c, "ord")?,
        )?,
    };
    if !(1..=31).contains(&day_) {
        return None;
    }
    let gm = text(c, "gm").and_then(greg_month);
    let hm = text(c, "hm").and_then(|m| lookup(HIJRI_MONTHS, m));
    let mut year = num(c, "y").map(|y| y as i32);
    // "12 شوال 1436" is Hijri whatever the era mark; a Gregorian month with a Hijri-looking year
    // and no era is left yearless rather than guessed.
    if let (Some(y), Some(true)) = (year, is_hijri_era(c)) {
        if gm.is_some() && !(1..=1600).contains(&y) {
            year = None;
        }
    }
    let (value, hijri) = day_month(day_, gm, hm, year, dir(c), ctx.published);
    let mut cand = date(c, value)?;
    cand.hijri = hijri;
    Some(cand)
}

fn day_range_ar(c: &Captures, ctx: &Ctx) -> Option<Cand> {
    let (d1, d2) = (num(c, "d1")?, num(c, "d2")?);
    if !(1..=31).contains(&d1) || !(1..=31).contains(&d2) || d1 >= d2 {
        return None;
    }
    let gm = text(c, "gm").and_then(greg_month);
    let hm = text(c, "hm").and_then(|m| lookup(HIJRI_MONTHS, m));
    let year = num(c, "y").map(|y| y as i32);
    let (a, hijri) = day_month(d1, gm, hm, year, dir(c), ctx.published);
    let (b, _) = day_month(d2, gm, hm, year, dir(c), ctx.published);
    let value = match (a, b) {
        (Some(a), Some(b)) => resolve::range(
            resolve::parse_iso(&a.value)?,
            resolve::parse_iso(&b.value)?,
            a.relative,
        ),
        _ => None,
    };
    let mut cand = date(c, value)?;
    cand.hijri = hijri;
    Some(cand)
}

const MONTH_CUES: &[&str] = &[
    "في",
    "وفي",
    "خلال",
    "منذ",
    "حتي",
    "قبل",
    "بعد",
    "مطلع",
    "بدايه",
    "نهايه",
    "اواخر",
    "اوائل",
    "منتصف",
    "من",
    "الي",
    "طوال",
    "بحلول",
    "اواسط",
    "in",
    "since",
    "until",
    "during",
    "by",
    "from",
    "of",
    "through",
];

fn month_ar(c: &Captures, ctx: &Ctx) -> Option<Cand> {
    let name = text(c, "gm").or(text(c, "hm"))?;
    let cue = text(c, "part").is_some()
        || text(c, "shahr").is_some()
        || text(c, "y").is_some()
        || text(c, "q").is_some();
    let (s, _) = whole(c);
    let prev = last_word(before(ctx, s));
    let ambiguous = AMBIGUOUS_MONTHS.contains(&squeeze(name).as_str())
        || AMBIGUOUS_MONTHS
            .iter()
            .any(|a| name.ends_with(a) && name.len() <= a.len() + 3);
    // A clitic on the month itself (وفي، بـ) counts as a preposition cue.
    let clitic_cue = {
        let m = c.name("gm").or(c.name("hm"))?;
        let lead = &ctx.text[s..m.start()];
        lead.trim_end().ends_with(['ب', 'ل']) && text(c, "shahr").is_none()
    };
    if !cue && (ambiguous || !(MONTH_CUES.contains(&prev) || clitic_cue)) {
        return None;
    }
    let dir = dir(c);
    let part = text(c, "part").and_then(resolve::part);
    let value = if let Some(m) = text(c, "gm").and_then(greg_month) {
        let explicit = num(c, "y").map(|y| y as i32);
        let year = explicit.or_else(|| ctx.published.map(|p| resolve::year_for_month(m, dir, p)));
        year.and_then(|y| {
            let relative = explicit.is_none();
            match part {
                Some(p) => resolve::part_of(
                    NaiveDate::from_ymd_opt(y, m, 1)?,
                    resolve::last_day_of_month(y, m)?,
                    p,
                    relative,
                ),
                None => resolve::month(y, m, relative),
            }
        })
    } else {
        let m = lookup(HIJRI_MONTHS, text(c, "hm")?)?;
        let explicit = num(c, "y")
            .map(|y| y as i32)
            .filter(|y| (1..=1600).contains(y));
        let year = explicit.or_else(|| {
            ctx.published
                .and_then(|p| resolve::hijri_year_for_month(m, dir, p))
        });
        year.and_then(|y| {
            let (a, b) = hijri::month_range(y, m)?;
            match part {
                Some(p) => resolve::part_of(a, b, p, explicit.is_none()),
                None => resolve::range(a, b, explicit.is_none()),
            }
        })
    };
    let mut cand = date(c, value)?;
    cand.hijri = text(c, "hm").is_some();
    Some(cand)
}

fn year_ar(c: &Captures, ctx: &Ctx) -> Option<Cand> {
    let y = num(c, "y")? as i32;
    let last = c.name("y2").or(c.name("y"))?.end();
    let (s, _) = whole(c);
    // Part of a longer number, a numeric date or a phone number: not a year.
    let rest = &ctx.text[last..];
    if rest.starts_with(|ch: char| ch.is_ascii_digit() || ch == '/')
        || (rest.starts_with('.') && rest[1..].starts_with(|ch: char| ch.is_ascii_digit()))
        || ctx.text[..s].ends_with(|ch: char| ch.is_ascii_digit() || ch == '/')
    {
        return None;
    }
    let era = text(c, "era").map(|e| e.trim().to_string());
    let bracketed = c.name("lp").is_some() && c.name("rp").is_some();
    let cue = text(c, "kw").is_some() || era.is_some() || bracketed || text(c, "part").is_some();
    let prep_ok = text(c, "prep").is_some() && (1950..=2035).contains(&y);
    if !cue && !prep_ok {
        return None;
    }
    // A bracket opened but not closed (or the reverse) belongs to the surrounding text.
    let hijri = match era.as_deref() {
        Some(e) if e.starts_with('ه') => true,
        Some(_) => false,
        // Saudi and Gulf papers write Hijri years bare: "عام 1436".
        None => (1300..=1500).contains(&y),
    };
    if !(1..=2100).contains(&y) {
        return None;
    }
    let y2 = num(c, "y2").map(|v| v as i32);
    if let Some(y2) = y2 {
        if y2 != y + 1 {
            return None;
        }
    }
    let part = text(c, "part").and_then(resolve::part);
    let (start, end) = if hijri {
        let (a, _) = hijri::year_range(y)?;
        let (_, b) = hijri::year_range(y2.unwrap_or(y))?;
        (a, b)
    } else {
        (
            NaiveDate::from_ymd_opt(y, 1, 1)?,
            NaiveDate::from_ymd_opt(y2.unwrap_or(y), 12, 31)?,
        )
    };
    let value = match part {
        Some(p) => resolve::part_of(start, end, p, false),
        None if hijri || y2.is_some() => resolve::range(start, end, false),
        None => resolve::year(y, false),
    };
    let mut cand = date(c, value)?;
    cand.hijri = hijri;
    // "في 2015": the preposition في is context; منذ/قبل/بعد/حتى change the meaning and stay.
    if let Some(p) = c.name("prep") {
        if p.as_str().trim_start_matches(['و', 'ف']) == "ي" || p.as_str().ends_with("في") {
            cand.s = skip_prep(c).0;
        }
    }
    Some(cand)
}

fn numeric(c: &Captures, ctx: &Ctx) -> Option<Cand> {
    if c.name("s1")?.as_str() != c.name("s2")?.as_str() {
        return None;
    }
    let (s, e) = whole(c);
    // Not part of a longer number run (phone numbers, versions, "1/2/3/4").
    let prev = ctx.text[..s].chars().next_back();
    let next = ctx.text[e..].chars().next();
    if prev.is_some_and(|p| p.is_ascii_digit() || p == '/' || p == '.')
        || next.is_some_and(|n| n.is_ascii_digit() || n == '/')
    {
        return None;
    }
    let (a, b, cc) = (
        c.name("a")?.as_str(),
        c.name("b")?.as_str(),
        c.name("c")?.as_str(),
    );
    let (y, m, d) = if a.len() == 4 {
        (
            a.parse::<i32>().ok()?,
            b.parse::<u32>().ok()?,
            cc.parse::<u32>().ok()?,
        )
    } else if cc.len() == 4 {
        let (d, m) = (a.parse::<u32>().ok()?, b.parse::<u32>().ok()?);
        // Arab and British order is day/month; a "month" over 12 means the American order.
        let (d, m) = if m > 12 && d <= 12 { (m, d) } else { (d, m) };
        (cc.parse::<i32>().ok()?, m, d)
    } else {
        return None;
    };
    let hijri = match is_hijri_era(c) {
        Some(h) => h,
        None => (1300..=1500).contains(&y),
    };
    let value = if hijri {
        hijri::to_gregorian(y, m, d).map(|d| resolve::day(d, false))
    } else if (1000..=2100).contains(&y) {
        NaiveDate::from_ymd_opt(y, m, d).map(|d| resolve::day(d, false))
    } else {
        None
    };
    // Not a date at all (e.g. 5.12.30): drop rather than report an unresolvable mention.
    value.as_ref()?;
    let mut cand = date(c, value)?;
    cand.hijri = hijri;
    Some(cand)
}

fn month_year_hijri(c: &Captures, _ctx: &Ctx) -> Option<Cand> {
    let (m, y) = (num(c, "m")?, num(c, "y")? as i32);
    let (a, b) = hijri::month_range(y, m)?;
    let mut cand = date(c, resolve::range(a, b, false))?;
    cand.hijri = true;
    Some(cand)
}

/// Words after اليوم that make it "the day" of something rather than today.
fn today_is_not_today(ctx: &Ctx, s: usize, e: usize, w: &str) -> bool {
    if !w.ends_with("يوم") {
        return false;
    }
    let prev = last_word(before(ctx, s));
    if [
        "صحيفه",
        "جريده",
        "عين",
        "مثل",
        "لصحيفه",
        "لجريده",
        "بصحيفه",
        "موقع",
        "هذا",
    ]
    .contains(&prev)
        || before(ctx, s).ends_with("مثل هذا ")
    {
        return true;
    }
    let next = after(ctx, e).trim_start();
    // اليوم العالمي، اليوم الأول، اليوم التالي: an ordinal or adjective follows.
    let next_word = next
        .split(|ch: char| !ch.is_alphanumeric())
        .next()
        .unwrap_or("");
    let function_word = [
        "الي",
        "التي",
        "الذي",
        "الذين",
        "الا",
        "الان",
        "اللذين",
        "اللتين",
    ]
    .contains(&next_word);
    next.starts_with("ال")
        && !function_word
        && !WEEKDAYS_AR.iter().any(|(wd, _)| next[2..].starts_with(wd))
        || next.starts_with("من ")
        || next.starts_with("ذاته")
        || next.starts_with("نفسه")
}

fn relative_day_ar(c: &Captures, ctx: &Ctx) -> Option<Cand> {
    let (s, _) = whole(c);
    let w = squeeze(text(c, "w")?);
    let core = w
        .trim_start_matches(['و', 'ف'])
        .replace("في ", "")
        .replace("هذا ", "");
    let offset = if core.contains("اول") {
        -2
    } else if core.contains("بعد") {
        2
    } else if core.contains("امس") || core.contains("بارحه") {
        -1
    } else if core.contains("غد") || core.contains("بكر") {
        1
    } else {
        0
    };
    if offset == 0 && today_is_not_today(ctx, s, c.name("w")?.end(), &w) && text(c, "wd1").is_none()
    {
        return None;
    }
    // Bare "يوم" before غد is fine; a bare "غد" inside a name (حزب الغد) is excluded by the rule.
    let stated = text(c, "wd1").or(text(c, "wd2")).and_then(weekday_name_ar);
    date(c, relative_day(ctx, offset, stated))
}

/// The day `offset` days from publication ("أمس" = -1), checked against a weekday the text
/// states beside it ("أمس (الثلاثاء)"): the date stays, `check` says whether they agree.
fn relative_day(ctx: &Ctx, offset: i64, stated: Option<Weekday>) -> Option<DateValue> {
    ctx.published.map(|p| {
        let d = p + Duration::days(offset);
        let mut v = resolve::day(d, true);
        if let Some(wd) = stated {
            v.check = Some(if d.weekday() == wd {
                DateCheck::Ok
            } else {
                DateCheck::Conflict
            });
        }
        v
    })
}

fn weekday_ar(c: &Captures, ctx: &Ctx) -> Option<Cand> {
    let (s, e) = whole(c);
    let wd = weekday_name_ar(text(c, "wd1").or(text(c, "wd2"))?)?;
    let prev = last_word(before(ctx, s));
    // صلاة الجمعة، خطبة الجمعة are prayers, not dates; "الأحد عشر" is eleven.
    // Only the bare word: "بعد صلاة يوم الجمعة الماضي" is a date.
    let plain = text(c, "q").is_none() && c.name("wd2").is_some_and(|m| m.start() <= s + 4);
    if plain
        && wd == Weekday::Fri
        && [
            "صلاه",
            "خطبه",
            "خطيب",
            "صلوات",
            "جامع",
            "وصلاه",
            "لصلاه",
            "خطباء",
            "ائمه",
            "امام",
        ]
        .contains(&prev)
    {
        return None;
    }
    if after(ctx, e).trim_start().starts_with("عشر") {
        return None;
    }
    let dir = dir(c);
    let value = ctx
        .published
        .map(|p| resolve::day(resolve::weekday(wd, dir, p), true));
    Some(Cand {
        s,
        e,
        kind: Kind::Weekday(wd),
        value,
        hijri: false,
    })
}

fn period_ar(c: &Captures, ctx: &Ctx) -> Option<Cand> {
    let this = text(c, "this").is_some();
    let q = text(c, "q");
    if !this && q.is_none() {
        return None;
    }
    let unit = text(c, "unit")?;
    let mut step = match q.map(resolve::direction) {
        Some(Direction::Past) => -1,
        Some(Direction::Next) => 1,
        _ => 0,
    };
    if text(c, "before").is_some() {
        if step != -1 {
            return None;
        }
        step = -2; // العام قبل الماضي
    }
    let part = text(c, "part").and_then(resolve::part);
    let value = ctx
        .published
        .and_then(|p| period_value(unit, step, part, p));
    date(c, value)
}

fn period_value(
    unit: &str,
    step: i32,
    part: Option<resolve::Part>,
    p: NaiveDate,
) -> Option<DateValue> {
    if unit.ends_with("اسبوع") || unit == "week" {
        return Some(resolve::week(p + Duration::days(7 * step as i64), true));
    }
    if unit.ends_with("شهر") || unit == "month" {
        let d = resolve::add_months(p, step)?;
        return match part {
            Some(pt) => resolve::part_of(
                NaiveDate::from_ymd_opt(d.year(), d.month(), 1)?,
                resolve::last_day_of_month(d.year(), d.month())?,
                pt,
                true,
            ),
            None => resolve::month(d.year(), d.month(), true),
        };
    }
    let y = p.year() + step;
    match part {
        Some(pt) => resolve::part_of(
            NaiveDate::from_ymd_opt(y, 1, 1)?,
            NaiveDate::from_ymd_opt(y, 12, 31)?,
            pt,
            true,
        ),
        None => resolve::year(y, true),
    }
}

fn count_ar(word: &str) -> Option<u32> {
    word.parse()
        .ok()
        .or_else(|| lookup(NUMBERS_AR, word.trim_start_matches("ال")))
}

#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

fn unit_ar(u: &str) -> Option<(Unit, Option<u32>)> {
    // The dual carries its own count (يومين = two days); plurals without a number are vague.
    let u = u
        .trim_start_matches(['و', 'ف', 'ب', 'ك'])
        .trim_start_matches("ال")
        .trim_start_matches('ل');
    Some(match u {
        "ساعه" => (Unit::Hour, Some(1)),
        "ساعتين" => (Unit::Hour, Some(2)),
        "ساعات" => (Unit::Hour, None),
        "يوم" | "يوما" => (Unit::Day, Some(1)),
        "يومين" => (Unit::Day, Some(2)),
        "ايام" => (Unit::Day, None),
        "اسبوع" | "اسبوعا" => (Unit::Week, Some(1)),
        "اسبوعين" => (Unit::Week, Some(2)),
        "اسابيع" => (Unit::Week, None),
        "شهر" | "شهرا" => (Unit::Month, Some(1)),
        "شهرين" => (Unit::Month, Some(2)),
        "اشهر" | "شهور" => (Unit::Month, None),
        "عام" | "عاما" | "سنه" => (Unit::Year, Some(1)),
        "عامين" | "سنتين" => (Unit::Year, Some(2)),
        "اعوام" | "سنوات" | "سنين" => (Unit::Year, None),
        _ => return None,
    })
}

/// "N units ago" (sign −1) or "in N units" (sign +1) as a point of the unit's precision.
fn shifted(p: NaiveDate, unit: Unit, n: i64, sign: i64) -> Option<DateValue> {
    Some(match unit {
        // Hours: the day they fall on ("منذ ساعتين" is usually today).
        Unit::Hour => resolve::day(p + Duration::days(sign * (n / 24)), true),
        Unit::Day => resolve::day(p + Duration::days(sign * n), true),
        Unit::Week => resolve::week(p + Duration::days(sign * 7 * n), true),
        Unit::Month => {
            let d = resolve::add_months(p, (sign * n) as i32)?;
            resolve::month(d.year(), d.month(), true)?
        }
        Unit::Year => resolve::year(p.year() + (sign * n) as i32, true)?,
    })
}

/// The span a vague or counted stretch of past (sign −1) or future (+1) time covers.
fn stretch(p: NaiveDate, unit: Unit, n: Option<u32>, sign: i64) -> Option<DateValue> {
    let days = match (unit, n) {
        (Unit::Hour, n) => (n.unwrap_or(24) as i64 + 23) / 24,
        (Unit::Day, n) => n.unwrap_or(7) as i64,
        (Unit::Week, n) => 7 * n.unwrap_or(4) as i64,
        (Unit::Month, n) => 30 * n.unwrap_or(3) as i64,
        (Unit::Year, n) => 365 * n.unwrap_or(5) as i64,
    };
    if sign < 0 {
        resolve::range(p - Duration::days(days), p, true)
    } else {
        resolve::range(p, p + Duration::days(days), true)
    }
}

fn duration_ar(c: &Captures, ctx: &Ctx) -> Option<Cand> {
    let (_, e) = whole(c);
    let dir = text(c, "dir")?.trim_start_matches(['و', 'ف']);
    let (unit, dual) = unit_ar(text(c, "unit")?)?;
    // "قبل يومين من الانتخابات" counts from another event, not from publication.
    let next = after(ctx, e).trim_start();
    if dir != "منذ" && (next.starts_with("من ") || next.starts_with("علي ")) {
        return None;
    }
    // "منذ عام 2008": a year follows, and the year rule reads it.
    if next.starts_with(|ch: char| ch.is_ascii_digit() || ch == '(') {
        return None;
    }
    // "منذ شهر رمضان" / "بعد شهر يوليو": a month name, handled by the month rule.
    if unit == Unit::Month && text(c, "num").is_none() && dual == Some(1) {
        let n = squeeze(next);
        if GREGORIAN_MONTHS_AR
            .iter()
            .chain(HIJRI_MONTHS)
            .any(|(m, _)| n.starts_with(m))
        {
            return None;
        }
    }
    let n = match text(c, "num") {
        Some(w) => Some(count_ar(w)?),
        None if text(c, "vague").is_some() || text(c, "few").is_some() => None,
        None => dual,
    };
    let sign = if dir == "بعد" { 1 } else { -1 };
    let value = ctx.published.and_then(|p| match n {
        Some(n) => shifted(p, unit, n as i64, sign),
        // "منذ سنوات": a real expression but no date to give.
        None if matches!(unit, Unit::Year | Unit::Month) => None,
        None => {
            let v = stretch(p, unit, None, sign)?;
            // "قبل أيام" is some days ago, not today.
            let (a, b) = resolve::bounds(&v)?;
            if sign < 0 {
                resolve::range(a, b - Duration::days(1), true)
            } else {
                resolve::range(a + Duration::days(1), b, true)
            }
        }
    });
    date(c, value)
}

fn last_n_ar(c: &Captures, ctx: &Ctx) -> Option<Cand> {
    let q = text(c, "q").or(text(c, "adj"))?;
    let unit = match text(c, "unit").or(text(c, "unit0")) {
        Some(u) => unit_ar(u)?.0,
        None => return None,
    };
    let n = match text(c, "num").or(text(c, "n0")) {
        Some(w) => Some(count_ar(w)?),
        None => None,
    };
    let sign = match resolve::direction(q) {
        Direction::Next => 1,
        _ => -1,
    };
    date(c, ctx.published.and_then(|p| stretch(p, unit, n, sign)))
}

fn time_of_day(c: &Captures, _ctx: &Ctx) -> Option<Cand> {
    let (s, e) = whole(c);
    Some(Cand {
        s,
        e,
        kind: Kind::Time,
        value: None,
        hijri: false,
    })
}

// ---------------------------------------------------------------------------------------------
// English resolvers

fn relative_day_en(c: &Captures, ctx: &Ctx) -> Option<Cand> {
    let w = squeeze(text(c, "w")?);
    let offset = if w.contains("before yesterday") {
        -2
    } else if w.contains("after tomorrow") {
        2
    } else if w.contains("yesterday") || w == "last night" {
        -1
    } else if w.contains("tomorrow") {
        1
    } else {
        0
    };
    let stated = text(c, "wd").and_then(|w| lookup(WEEKDAYS_EN, w));
    date(c, relative_day(ctx, offset, stated))
}

fn weekday_en(c: &Captures, ctx: &Ctx) -> Option<Cand> {
    let (s, e) = whole(c);
    let wd = lookup(WEEKDAYS_EN, text(c, "wd")?)?;
    let mut dir = dir(c);
    // A bare weekday is the last one (news reports), unless the sentence speaks of what is to
    // come: "the Council will meet on Thursday" is the coming Thursday.
    if dir == Direction::Nearest && future_tense_before(ctx.text, s) {
        dir = Direction::Next;
    }
    let value = ctx
        .published
        .map(|p| resolve::day(resolve::weekday(wd, dir, p), true));
    Some(Cand {
        s,
        e,
        kind: Kind::Weekday(wd),
        value,
        hijri: false,
    })
}

/// English future-tense cues in the sentence before byte `at` of the (normalised) text.
fn future_tense_before(text: &str, at: usize) -> bool {
    let head = text.get(..at).unwrap_or("");
    let start = head.rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
    let clause = format!(" {} ", head[start..].to_lowercase());
    [
        " will ",
        " shall ",
        "'ll ",
        " is due ",
        " are due ",
        " scheduled ",
        " is to ",
        " are to ",
        " to be held ",
        " expected to ",
        " plans to ",
        " plan to ",
        " going to ",
    ]
    .iter()
    .any(|cue| clause.contains(cue))
}

fn date_en(c: &Captures, ctx: &Ctx) -> Option<Cand> {
    let m = lookup(ENGLISH_MONTHS, text(c, "m")?)?;
    let d = num(c, "d")?;
    if !(1..=31).contains(&d) {
        return None;
    }
    let y = num(c, "y").map(|y| y as i32);
    let (value, _) = day_month(d, Some(m), None, y, Direction::Nearest, ctx.published);
    // "may 3" is rarely the modal verb, but "may 2" in "may 2 people" could be: require a year
    // or capital letter is impossible after folding, so accept and let the longest match decide.
    date(c, value)
}

fn range_en(c: &Captures, ctx: &Ctx) -> Option<Cand> {
    let m = lookup(ENGLISH_MONTHS, text(c, "m")?)?;
    let (d1, d2) = (num(c, "d1")?, num(c, "d2")?);
    if !(1..=31).contains(&d1) || !(1..=31).contains(&d2) || d1 >= d2 {
        return None;
    }
    let y = num(c, "y").map(|y| y as i32);
    let (a, _) = day_month(d1, Some(m), None, y, Direction::Nearest, ctx.published);
    let (b, _) = day_month(d2, Some(m), None, y, Direction::Nearest, ctx.published);
    let value = match (a, b) {
        (Some(a), Some(b)) => resolve::range(
            resolve::parse_iso(&a.value)?,
            resolve::parse_iso(&b.value)?,
            a.relative,
        ),
        _ => None,
    };
    date(c, value)
}

fn month_en(c: &Captures, ctx: &Ctx) -> Option<Cand> {
    let name = text(c, "m")?;
    let m = lookup(ENGLISH_MONTHS, name)?;
    let has_cue = text(c, "part").is_some() || text(c, "q").is_some() || text(c, "y").is_some();
    let has_prep = text(c, "prep").is_some();
    // Abbreviations and may/march need more than a preposition.
    if !has_cue
        && (!has_prep
            || AMBIGUOUS_MONTHS.contains(&name)
            || name.len() <= 4 && name != "june" && name != "july")
    {
        return None;
    }
    let dir = dir(c);
    let part =
        text(c, "part").and_then(|p| resolve::part(p.split_whitespace().nth(1).unwrap_or(p)));
    let part = part.or_else(|| text(c, "part").and_then(resolve::part));
    let explicit = num(c, "y").map(|y| y as i32);
    let year = explicit.or_else(|| ctx.published.map(|p| resolve::year_for_month(m, dir, p)));
    let value = year.and_then(|y| match part {
        Some(p) => resolve::part_of(
            NaiveDate::from_ymd_opt(y, m, 1)?,
            resolve::last_day_of_month(y, m)?,
            p,
            explicit.is_none(),
        ),
        None => resolve::month(y, m, explicit.is_none()),
    });
    let (s, e) = skip_prep(c);
    Some(Cand {
        s,
        e,
        kind: Kind::Date,
        value,
        hijri: false,
    })
}

fn year_en(c: &Captures, _ctx: &Ctx) -> Option<Cand> {
    if text(c, "prep").is_none() && text(c, "part").is_none() {
        return None;
    }
    let y = num(c, "y")? as i32;
    let value = match text(c, "part").and_then(|p| {
        resolve::part(p.split_whitespace().last().unwrap_or(p)).or_else(|| resolve::part(p))
    }) {
        Some(p) => resolve::part_of(
            NaiveDate::from_ymd_opt(y, 1, 1)?,
            NaiveDate::from_ymd_opt(y, 12, 31)?,
            p,
            false,
        ),
        None => resolve::year(y, false),
    };
    let (s, e) = skip_prep(c);
    Some(Cand {
        s,
        e,
        kind: Kind::Date,
        value,
        hijri: false,
    })
}

fn period_en(c: &Captures, ctx: &Ctx) -> Option<Cand> {
    let q = text(c, "q")?;
    let unit = text(c, "unit")?;
    let step = match q {
        "last" | "previous" => -1,
        "next" | "coming" => 1,
        "past" => {
            // "the past week" is the last seven days, not the previous calendar week.
            let unit_ = match unit {
                "week" => Unit::Week,
                "month" => Unit::Month,
                _ => Unit::Year,
            };
            return date(
                c,
                ctx.published.and_then(|p| stretch(p, unit_, Some(1), -1)),
            );
        }
        _ => 0,
    };
    let part = match text(c, "part") {
        Some("early") => Some(resolve::Part::Early),
        Some("late") => Some(resolve::Part::Late),
        _ => None,
    };
    date(
        c,
        ctx.published
            .and_then(|p| period_value(unit, step, part, p)),
    )
}

fn count_en(word: &str) -> Option<Option<u32>> {
    let w = squeeze(word);
    if let Ok(n) = w.parse() {
        return Some(Some(n));
    }
    if w.contains("couple") {
        return Some(Some(2));
    }
    if w.contains("few") || w == "several" {
        return Some(None);
    }
    lookup(NUMBERS_EN, &w).map(Some)
}

fn unit_en(u: &str) -> Unit {
    match u.trim_end_matches('s') {
        "hour" => Unit::Hour,
        "day" => Unit::Day,
        "week" => Unit::Week,
        "month" => Unit::Month,
        _ => Unit::Year,
    }
}

fn duration_en(c: &Captures, ctx: &Ctx) -> Option<Cand> {
    let sign = match (text(c, "dir"), text(c, "in")) {
        (Some("ago"), _) => -1,
        (Some(_), _) | (None, Some(_)) => 1,
        _ => return None,
    };
    let unit = unit_en(text(c, "unit")?);
    let n = count_en(text(c, "num")?)?;
    let value = ctx.published.and_then(|p| match n {
        Some(n) => shifted(p, unit, n as i64, sign),
        None if matches!(unit, Unit::Year | Unit::Month) => None,
        None => stretch(p, unit, None, sign),
    });
    date(c, value)
}

fn last_n_en(c: &Captures, ctx: &Ctx) -> Option<Cand> {
    let sign = match text(c, "q")? {
        "coming" | "next" => 1,
        _ => -1,
    };
    let unit = unit_en(text(c, "unit")?);
    let n = match text(c, "num") {
        Some(w) => count_en(w)?,
        None if !text(c, "unit")?.ends_with('s') => Some(1),
        None => None,
    };
    date(c, ctx.published.and_then(|p| stretch(p, unit, n, sign)))
}

// ---------------------------------------------------------------------------------------------
// Merging neighbours

fn gap_is(gap: &str, words: &[&str]) -> bool {
    // Brackets around either side ("الأحد (10/شوال/1436هـ) الموافق (26/7/2015)") are layout.
    let g = gap
        .trim()
        .trim_matches(|c| c == '،' || c == ',' || c == '(' || c == ')')
        .trim();
    words.contains(&g)
}

fn day_value(c: &Cand) -> Option<NaiveDate> {
    let v = c.value.as_ref()?;
    if v.precision == DatePrecision::Day {
        resolve::parse_iso(&v.value)
    } else {
        None
    }
}

fn with_check(mut v: DateValue, ok: bool) -> DateValue {
    v.check = Some(if ok {
        DateCheck::Ok
    } else {
        DateCheck::Conflict
    });
    v
}

/// Joins neighbouring candidates that state one date together, in text order.
pub(crate) fn merge(text: &str, cands: Vec<Cand>) -> Vec<Cand> {
    let mut out: Vec<Cand> = Vec::new();
    for c in cands {
        if let Some(prev) = out.last() {
            if let Some(m) = merge_pair(text, prev, &c) {
                out.pop();
                // A merge can enable another with what came before (time + weekday + date).
                if let Some(prev2) = out.last() {
                    if let Some(m2) = merge_pair(text, prev2, &m) {
                        out.pop();
                        out.push(m2);
                        continue;
                    }
                }
                out.push(m);
                continue;
            }
        }
        out.push(c);
    }
    out.retain(|c| c.kind != Kind::Time);
    out
}

fn merge_pair(text: &str, a: &Cand, b: &Cand) -> Option<Cand> {
    if b.s < a.e {
        return None;
    }
    let gap = &text[a.e..b.s];
    if gap.len() > 40 || gap.contains('\n') {
        return None;
    }
    let joined = |kind: Kind, value: Option<DateValue>, hijri: bool| Cand {
        s: a.s,
        e: b.e,
        kind,
        value,
        hijri,
    };
    // A time of day attaches to its day: "الساعة العاشرة من صباح أمس", "at 10 a.m. on Tuesday".
    if a.kind == Kind::Time
        && b.kind != Kind::Time
        && gap_is(gap, &["", "من", "on", "of", "في", "يوم"])
    {
        return Some(joined(b.kind, b.value.clone(), b.hijri));
    }
    if b.kind == Kind::Time && a.kind != Kind::Time && gap_is(gap, &["", "at", "في", "عند", "من"])
    {
        return Some(joined(a.kind, a.value.clone(), a.hijri));
    }
    // "الجمعة الموافق 18/8/1436", "Tuesday, July 3": the date decides, the weekday checks it.
    if let Kind::Weekday(wd) = a.kind {
        if b.kind == Kind::Date
            && gap_is(
                gap,
                &[
                    "",
                    "الموافق",
                    "والموافق",
                    "الموافق ل",
                    "الموافق لـ",
                    "-",
                    "the",
                ],
            )
        {
            if let Some(d) = day_value(b) {
                let v = with_check(b.value.clone()?, d.weekday() == wd);
                return Some(joined(Kind::Date, Some(v), b.hijri));
            }
            if b.value.is_none() {
                return Some(joined(Kind::Date, None, b.hijri));
            }
        }
    }
    // "12 يوليو (الأحد)": a bracketed weekday after a date checks it.
    if let Kind::Weekday(wd) = b.kind {
        if a.kind == Kind::Date && gap_is(gap, &["", "-"]) && text[b.s..b.e].starts_with('(') {
            if let Some(d) = day_value(a) {
                let v = with_check(a.value.clone()?, d.weekday() == wd);
                return Some(joined(Kind::Date, Some(v), a.hijri));
            }
        }
    }
    if a.kind == Kind::Date && b.kind == Kind::Date {
        // "25 شوال 1436 هـ الموافق 10 أغسطس 2015 م": one date in two calendars; keep the
        // Gregorian one and check the two agree (within a day, for sighting differences).
        if a.hijri != b.hijri
            && gap_is(
                gap,
                &[
                    "",
                    "الموافق",
                    "والموافق",
                    "الموافق ل",
                    "الموافق لـ",
                    "(",
                    "-",
                    "/",
                    "،",
                ],
            )
        {
            let (h, g) = if a.hijri { (a, b) } else { (b, a) };
            return match (day_value(h), day_value(g)) {
                (Some(hd), Some(gd)) => {
                    let v = with_check(g.value.clone()?, (hd - gd).num_days().abs() <= 1);
                    Some(joined(Kind::Date, Some(v), false))
                }
                _ if gap_is(gap, &["الموافق", "والموافق"]) => {
                    Some(joined(Kind::Date, g.value.clone(), false))
                }
                _ => None,
            };
        }
        // "من 20 يوليو حتى 5 أغسطس", "from July 3 to July 5".
        let pre = last_word(&text[..a.s]);
        let and_ok = ["بين", "between"].contains(&pre);
        let dash = gap_is(
            gap,
            &["-", "الي", "حتي", "لغايه", "to", "until", "till", "through"],
        ) || (and_ok && gap_is(gap, &["و", "and"]));
        if dash {
            let (va, vb) = (a.value.as_ref()?, b.value.as_ref()?);
            let (s1, _) = resolve::bounds(va)?;
            let (_, e2) = resolve::bounds(vb)?;
            let v = resolve::range(s1, e2, va.relative || vb.relative)?;
            return Some(joined(Kind::Date, Some(v), false));
        }
    }
    None
}

/// For each rule, whether it runs at probed positions (`true`) or over the whole text (for the
/// profiling example).
#[doc(hidden)]
pub fn plans() -> Vec<bool> {
    rules().iter().map(|r| r.plan.is_some()).collect()
}

/// Seconds each rule takes over `text` (for profiling from the measure example).
#[doc(hidden)]
pub fn profile(text: &str) -> Vec<(usize, f64)> {
    rules()
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let t = std::time::Instant::now();
            let mut n = 0;
            r.each_match(text, |_| n += 1);
            std::hint::black_box(n);
            (i, t.elapsed().as_secs_f64())
        })
        .collect()
}
