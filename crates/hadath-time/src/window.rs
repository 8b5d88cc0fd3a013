//! Runs a rule's regex only at the positions where it can start a match, with the same result
//! as `captures_iter` over the whole text.
//!
//! The rules use Unicode word boundaries (`\b`). On Arabic text the `regex` crate's fast engine
//! (the lazy DFA) cannot evaluate those, so an unanchored search falls back to the PikeVM over
//! the whole text, trying every position; that made recognition cost about 4.6 ms per news
//! article. A [`Plan`] runs the rule in three steps, each exact:
//!
//! 1. **Loose pass.** The same pattern with every `\b` dropped matches every span the rule
//!    matches (and more), has no look-around, and so runs on the lazy DFA. Every position where
//!    the rule can start a match lies inside one of the loose pass's leftmost-first matches
//!    `[a, b)`: the loose regex can match wherever the rule can, so its scan, which resumes at
//!    the end of each match, cannot step over such a position.
//! 2. **Anchored probes.** The full scan reports, from its current position, the match at the
//!    leftmost position where the rule matches at all, with leftmost-first priority there. So we
//!    try an anchored search (whole text as context) at each position of the loose matches, in
//!    order, from the current position; the first that matches is the one the full scan finds,
//!    and its end is the same. Positions outside loose matches cannot start a match.
//! 3. **Captures.** Capture groups come from `captures_at` on the text cut just past the match,
//!    at the first non-word character (or the end): there `\b` and `\B` answer as at the end of
//!    a text, so the cut neither adds nor removes a match, and the first match from the probe's
//!    position is the one found in step 2, with the same groups.
//!
//! Patterns the argument does not cover (look-around other than word boundaries and start of
//! text, a loose form that matches the empty string) get no plan and run over the whole text.

use regex::{Captures, Regex};
use regex_automata::{meta, Anchored, Input};
use regex_syntax::hir::Look;

/// How to run one rule at the positions where it can match.
pub(crate) struct Plan {
    /// The pattern without its word boundaries: matches a superset of the rule's spans.
    loose: meta::Regex,
    /// The pattern itself, for anchored probes.
    strict: meta::Regex,
}

impl Plan {
    /// A plan for `pattern`, or `None` when probing could change the rule's matches.
    pub fn new(pattern: &str) -> Option<Plan> {
        let hir = regex_syntax::parse(pattern).ok()?;
        for look in hir.properties().look_set().iter() {
            match look {
                Look::WordUnicode
                | Look::WordUnicodeNegate
                | Look::WordAscii
                | Look::WordAsciiNegate
                | Look::Start => {}
                _ => return None,
            }
        }
        let loose_pattern = drop_word_boundaries(pattern);
        let loose_hir = regex_syntax::parse(&loose_pattern).ok()?;
        if loose_hir
            .properties()
            .look_set()
            .iter()
            .any(|l| l != Look::Start)
        {
            return None;
        }
        let loose = meta::Regex::new(&loose_pattern).ok()?;
        // With no look-around, matching the empty string anywhere means matching "".
        if loose.is_match("") {
            return None;
        }
        let strict = meta::Regex::builder()
            .configure(meta::Config::new().backtrack(false))
            .build(pattern)
            .ok()?;
        Some(Plan { loose, strict })
    }

    /// Calls `f` with every match of `re` (compiled from the plan's pattern) in `text`, in
    /// order: the same matches and groups as `re.captures_iter(text)`.
    pub fn each_match<'t>(&self, re: &Regex, text: &'t str, mut f: impl FnMut(Captures<'t>)) {
        let mut pos = 0;
        for loose in self.loose.find_iter(text) {
            let loose = loose.range();
            let mut at = loose.start.max(pos);
            while at < loose.end {
                let input = Input::new(text).range(at..).anchored(Anchored::Yes);
                let Some(m) = self.strict.search(&input) else {
                    at += text[at..].chars().next().map_or(1, char::len_utf8);
                    continue;
                };
                let cut = word_end(text, m.end());
                let caps = re
                    .captures_at(&text[..cut], at)
                    .expect("the probed match is found again");
                let whole = caps.get(0).expect("group 0");
                debug_assert_eq!((whole.start(), whole.end()), (m.start(), m.end()));
                // Plans exist only for rules that never match the empty string.
                pos = whole.end().max(at + 1);
                at = pos;
                f(caps);
            }
        }
    }
}

/// The first position at or after `at` followed by a non-word character, or the end.
fn word_end(text: &str, at: usize) -> usize {
    text[at..]
        .char_indices()
        .find(|&(_, c)| !regex_syntax::is_word_character(c))
        .map_or(text.len(), |(i, _)| at + i)
}

/// `pattern` without its `\b` assertions (escapes read properly, so `\\b` stays).
fn drop_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b') => {}
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each match's groups, as `start..end` or `None`.
    type Groups = Vec<Vec<Option<String>>>;

    fn both(pattern: &str, text: &str) -> (Groups, Groups) {
        let re = Regex::new(pattern).unwrap();
        let groups = |c: &Captures| {
            c.iter()
                .map(|m| m.map(|m| format!("{}..{}", m.start(), m.end())))
                .collect::<Vec<_>>()
        };
        let full: Vec<_> = re.captures_iter(text).map(|c| groups(&c)).collect();
        let mut probed = Vec::new();
        Plan::new(pattern)
            .unwrap()
            .each_match(&re, text, |c| probed.push(groups(&c)));
        (full, probed)
    }

    #[test]
    fn same_matches_as_a_full_scan() {
        let (full, probed) = both(
            r"\b(?:في\s+)?(?P<m>يوليو)\b(?:\s+(?P<y>[0-9]{4}))?",
            "وصل في يوليو 2015 ثم غادر فييوليو وعاد في  يوليو\n2016 يوليوز يوليو",
        );
        assert_eq!(full, probed);
        assert_eq!(full.len(), 3);
        // Priority depends on a boundary just past the match: "ab" then "abc" in "abcd ab".
        let (full, probed) = both(r"(?:ab\b|abc|a)(?P<x>d)?", "abcd ab abc");
        assert_eq!(full, probed);
        // Overlapping loose matches and matches that start mid-way through one.
        let (full, probed) = both(r"(?:x\s+)?\bامس\b", "x xامس امس x امس");
        assert_eq!(full, probed);
    }

    #[test]
    fn unsafe_patterns_get_no_plan() {
        assert!(Plan::new(r"\bab$").is_none());
        assert!(Plan::new(r"(?:\bab)?").is_none());
        assert!(Plan::new(r"\bab\b").is_some());
        assert_eq!(drop_word_boundaries(r"\ba\\b\b"), r"a\\b");
    }
}
