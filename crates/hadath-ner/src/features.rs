//! Token features for the tagger, hashed into a fixed table of weights.
//!
//! What the Arabic NER literature found to matter, each as a feature template: the normalised
//! word and its clitic-split stem (و/ف, ب/ل/ك, ال, pronoun suffixes), character prefixes and
//! suffixes, the word's shape, a ±2 context window, gazetteer membership (single words and
//! multi-word matches), and word clusters learned by hadath from unlabelled SaudiNewsNet text at
//! three granularities plus a frequency band. Features are hashed (FNV-1a) rather than
//! interned: no feature dictionary has to be stored with the model, and hashing is stable
//! across platforms because it is over bytes.

#![allow(clippy::needless_range_loop)] // label and window indices read clearest as indices
use hadath_language::clitics::{analyze, is_arabic_word, lookup_forms};
use hadath_language::normalize::normalize_key;
use std::collections::HashMap;

/// Gazetteer classes, as bits of one byte.
pub mod gaz {
    pub const COUNTRY: u8 = 1;
    pub const CITY: u8 = 2;
    pub const LOC: u8 = 4;
    pub const PER: u8 = 8;
    pub const ORG: u8 = 16;
    pub const DEMONYM: u8 = 32;
    pub const REGION: u8 = 64;
    pub const NAMES: [(u8, &str); 7] = [
        (COUNTRY, "country"),
        (CITY, "city"),
        (LOC, "loc"),
        (PER, "per"),
        (ORG, "org"),
        (DEMONYM, "demonym"),
        (REGION, "region"),
    ];
    pub fn from_name(name: &str) -> u8 {
        NAMES
            .iter()
            .find(|(_, n)| *n == name)
            .map_or(0, |(b, _)| *b)
    }
}

/// Word clusters (three granularities and a frequency band) per normalised word.
pub type ClusterTable = HashMap<String, [u16; 4]>;

/// Lexical resources the features read: clusters and gazetteer.
#[derive(Debug, Default, Clone)]
pub struct Resources {
    pub clusters: ClusterTable,
    /// Normalised phrase (words joined by one space) → gazetteer class bits.
    pub gazetteer: HashMap<String, u8>,
    /// Longest gazetteer phrase, in words.
    pub gaz_max_words: usize,
    /// First words of multi-word gazetteer phrases: most tokens start none, and checking this
    /// first saves building candidate phrases for them.
    pub gaz_first_words: std::collections::HashSet<String>,

    /// Feature templates switched off (bit = template id), for ablation experiments only.
    pub disabled: u64,
    /// Self-trained lexicon: per normalised word, the percentage of its occurrences in
    /// SaudiNewsNet that an earlier tagger put in a PERS, LOC, ORG, MISC name.
    pub lexicon: HashMap<String, [u8; 4]>,
    /// Auxiliary taggers (trained on other corpora) whose predicted labels become features
    /// ("stacking"). Experiments only (`exp`): a WikiFANE tagger's labels cost 1 F1 on dev.
    pub aux: Vec<std::sync::Arc<crate::model::Tagger>>,
    /// Lexicon read off WikiFANE's gold annotation (`wikifane_lexicon.tsv`, same layout as
    /// `lexicon`).
    pub gold_lexicon: HashMap<String, [u8; 4]>,
    /// Fine-grained type lexicon (FANE's 50 types): per word, its most frequent fine type and
    /// that type's percentage of the word's occurrences. Experiments only (`exp`): it cost F1.
    pub fine_lexicon: HashMap<String, (String, u8)>,
    /// Exchange (Brown-style) word classes from SaudiNewsNet bigrams
    /// ([`crate::exchange`]), coarse to fine; empty = no such features.
    pub brown: HashMap<String, [u16; 3]>,
}

impl Resources {
    /// Parses `clusters.tsv`: `word<TAB>c1<TAB>c2<TAB>c3<TAB>freq_band`.
    pub fn parse_clusters(text: &str) -> ClusterTable {
        parse_rows(text)
    }

    /// Parses an exchange class table: `word<TAB>coarse<TAB>mid<TAB>fine`.
    pub fn parse_brown(text: &str) -> HashMap<String, [u16; 3]> {
        parse_rows(text)
    }

    /// Parses `gazetteer.tsv`: `phrase<TAB>class[,class…]`.
    pub fn parse_gazetteer(text: &str) -> (HashMap<String, u8>, usize) {
        let mut out: HashMap<String, u8> = HashMap::new();
        let mut max_words = 1;
        for line in text.lines() {
            let Some((phrase, classes)) = line.split_once('\t') else {
                continue;
            };
            let bits = classes.split(',').map(gaz::from_name).fold(0, |a, b| a | b);
            if bits != 0 && !phrase.is_empty() {
                max_words = max_words.max(phrase.split(' ').count());
                *out.entry(phrase.to_string()).or_default() |= bits;
            }
        }
        (out, max_words)
    }

    /// Parses a fine-type lexicon ([`crate::train::fine_lexicon`]): `word<TAB>type<TAB>percent`.
    pub fn parse_fine_lexicon(text: &str) -> HashMap<String, (String, u8)> {
        text.lines()
            .filter_map(|l| {
                let mut f = l.split('\t');
                let w = f.next()?;
                let kind = f.next()?;
                let pct = f.next()?.parse().ok()?;
                Some((w.to_string(), (kind.to_string(), pct)))
            })
            .collect()
    }

    /// Parses `lexicon.tsv`: `word<TAB>pers%<TAB>loc%<TAB>org%<TAB>misc%`.
    pub fn parse_lexicon(text: &str) -> HashMap<String, [u8; 4]> {
        parse_rows(text)
    }

    pub fn from_texts(clusters: &str, gazetteer: &str) -> Resources {
        let (gazetteer, gaz_max_words) = Resources::parse_gazetteer(gazetteer);
        Resources {
            clusters: Resources::parse_clusters(clusters),
            gaz_first_words: first_words(&gazetteer),
            gazetteer,
            gaz_max_words,
            disabled: 0,
            lexicon: HashMap::new(),
            aux: Vec::new(),
            gold_lexicon: HashMap::new(),
            fine_lexicon: HashMap::new(),
            brown: HashMap::new(),
        }
    }
}

/// Parses `word<TAB>n1<TAB>…<TAB>nN` tables (clusters, lexicons, class tables): rows with
/// exactly `N` numbers are kept, others skipped.
fn parse_rows<T: std::str::FromStr + Copy + Default, const N: usize>(
    text: &str,
) -> HashMap<String, [T; N]> {
    text.lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            let w = f.next()?;
            let v: Vec<T> = f.filter_map(|x| x.parse().ok()).collect();
            (v.len() == N).then(|| {
                let mut row = [T::default(); N];
                row.copy_from_slice(&v);
                (w.to_string(), row)
            })
        })
        .collect()
}

/// The first words of the multi-word phrases of a gazetteer.
pub fn first_words(gazetteer: &HashMap<String, u8>) -> std::collections::HashSet<String> {
    gazetteer
        .keys()
        .filter_map(|k| k.split_once(' ').map(|(first, _)| first.to_string()))
        .collect()
}

/// What the features need to know about one word, computed once per token.
struct WordInfo {
    raw: String,
    norm: String,
    stem: String,
    /// Which clitics `analyze` split off, e.g. `w.al` or `-`.
    clitics: String,
    suffix: String,
    shape: &'static str,
    clusters: Option<[u16; 4]>,
    stem_clusters: Option<[u16; 4]>,
    /// Exchange classes of the word, else of its first clitic-stripped form that has some.
    brown: Option<[u16; 3]>,
    /// Gazetteer classes of the whole word and of its clitic-stripped forms.
    gaz_word: u8,
    gaz_stripped: u8,
    /// The word's lookup keys for multi-word gazetteer matches (whole, then stripped).
    keys: Vec<String>,
}

fn shape_of(word: &str) -> &'static str {
    let mut arabic = false;
    let mut latin = false;
    let mut digit = false;
    let mut other = false;
    for c in word.chars() {
        if c.is_ascii_digit() || ('\u{0660}'..='\u{0669}').contains(&c) {
            digit = true;
        } else if c.is_alphabetic() {
            if c.is_ascii_alphabetic() {
                latin = true;
            } else {
                arabic = true;
            }
        } else {
            other = true;
        }
    }
    match (arabic, latin, digit, other) {
        (true, false, false, false) => "ar",
        (true, _, _, _) => "ar+",
        (false, true, false, false) => "lat",
        (false, true, _, _) => "lat+",
        (false, false, true, false) => "num",
        (false, false, true, true) => "num+",
        _ => "punct",
    }
}

fn word_info(word: &str, res: &Resources) -> WordInfo {
    let norm = normalize_key(word);
    let mut stem = norm.clone();
    let mut clitics = String::new();
    let mut suffix = String::new();
    let mut keys = vec![norm.clone()];
    let mut gaz_word = res.gazetteer.get(&norm).copied().unwrap_or(0);
    let mut gaz_stripped = 0;
    let mut stem_clusters = None;
    let mut brown = res.brown.get(&norm).copied();
    if is_arabic_word(word) {
        let c = analyze(word);
        stem = normalize_key(c.stem.slice(word));
        for (part, tag) in [(c.conjunction, "w"), (c.particle, "p"), (c.article, "al")] {
            if part.is_some() {
                clitics.push_str(tag);
                clitics.push('.');
            }
        }
        if let Some(s) = c.suffix {
            suffix = normalize_key(s.slice(word));
        }
        // Stripped forms: a clitic-prefixed name (وروسيا, بالقاهرة) is found under its stem.
        for form in lookup_forms(word).into_iter().skip(1) {
            if form.stripped > 2 {
                continue;
            }
            if let Some(bits) = res.gazetteer.get(&form.key) {
                gaz_stripped |= bits;
            }
            if stem_clusters.is_none() {
                stem_clusters = res.clusters.get(&form.key).copied();
            }
            if brown.is_none() {
                brown = res.brown.get(&form.key).copied();
            }
            if keys.len() < 4 {
                keys.push(form.key);
            }
        }
    } else {
        // Latin words: the gazetteer and clusters hold them lower-cased via normalize_key.
        gaz_word |= 0;
    }
    if clitics.is_empty() {
        clitics.push('-');
    }
    let clusters = res.clusters.get(&norm).copied();
    WordInfo {
        raw: word.to_string(),
        shape: shape_of(word),
        norm,
        stem,
        clitics,
        suffix,
        clusters,
        stem_clusters,
        brown,
        gaz_word,
        gaz_stripped,
        keys,
    }
}

/// Hashes feature strings into bucket indices.
struct Hasher<'a> {
    out: &'a mut Vec<u32>,
    mask: u32,
    disabled: u64,
}

impl Hasher<'_> {
    fn add(&mut self, template: u8, parts: &[&str]) {
        if self.disabled >> template & 1 == 1 {
            return;
        }
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut eat = |b: u8| {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        };
        eat(template);
        for p in parts {
            for &b in p.as_bytes() {
                eat(b);
            }
            eat(0xff);
        }
        // Fold the high bits in: FNV's low bits alone mix poorly for short keys.
        let folded = (h ^ (h >> 29) ^ (h >> 47)) as u32;
        self.out.push(folded & self.mask);
    }
}

fn prefix(s: &str, n: usize) -> Option<&str> {
    let mut it = s.char_indices();
    let end = it.nth(n).map_or(s.len(), |(i, _)| i);
    (s.chars().count() >= n).then_some(&s[..end])
}

fn suffix(s: &str, n: usize) -> Option<&str> {
    let count = s.chars().count();
    if count < n {
        return None;
    }
    let start = s.char_indices().nth(count - n).map_or(0, |(i, _)| i);
    Some(&s[start..])
}

/// Multi-word gazetteer matches: for each token, (is_begin, class bits) of the longest match
/// covering it.
fn gazetteer_matches(infos: &[WordInfo], res: &Resources) -> Vec<Option<(bool, u8)>> {
    let n = infos.len();
    let mut out = vec![None; n];
    if res.gaz_max_words < 2 {
        return out;
    }
    let mut i = 0;
    while i < n {
        let mut matched = 0;
        if !infos[i]
            .keys
            .iter()
            .any(|k| res.gaz_first_words.contains(k))
        {
            i += 1;
            continue;
        }
        'len: for len in (2..=res.gaz_max_words.min(n - i)).rev() {
            // The first word may carry clitics (والمملكة العربية السعودية); the rest are taken whole.
            let tail: Vec<&str> = infos[i + 1..i + len]
                .iter()
                .map(|w| w.norm.as_str())
                .collect();
            let tail = tail.join(" ");
            for key in &infos[i].keys {
                let phrase = format!("{key} {tail}");
                if let Some(&bits) = res.gazetteer.get(&phrase) {
                    out[i] = Some((true, bits));
                    for o in out.iter_mut().take(i + len).skip(i + 1) {
                        *o = Some((false, bits));
                    }
                    matched = len;
                    break 'len;
                }
            }
        }
        i += matched.max(1);
    }
    out
}

/// Quoted spans of a sentence: for each token inside a pair of quotes (« », " ", “ ”, ' ' …)
/// of at most 8 tokens, (position in the span, index of the opening quote). ANERcorp marks
/// titles of programmes, cars and stadiums (MISC) and newspapers (ORG) this way, and the word
/// before the quote (برنامج، بعنوان، السيارة، صحيفة) says which.
fn quoted_spans(tokens: &[&str]) -> Vec<Option<(&'static str, usize)>> {
    let n = tokens.len();
    let mut out = vec![None; n];
    let closing = |open: &str| -> Option<&'static [&'static str]> {
        Some(match open {
            "«" => &["»"],
            "\"" => &["\""],
            "“" => &["”", "“"],
            "'" => &["'"],
            "‘" => &["’"],
            _ => return None,
        })
    };
    let mut i = 0;
    while i < n {
        let Some(close) = closing(tokens[i]) else {
            i += 1;
            continue;
        };
        // ' ' (two apostrophes as two tokens) opens like one quote.
        let open_end = if tokens[i] == "'" && tokens.get(i + 1) == Some(&"'") {
            i + 1
        } else {
            i
        };
        let start = open_end + 1;
        let mut end = start;
        while end < n && end - start <= 8 && !close.contains(&tokens[end]) {
            end += 1;
        }
        if end < n && end > start && end - start <= 8 && close.contains(&tokens[end]) {
            for (k, o) in out.iter_mut().enumerate().take(end).skip(start) {
                let pos = match (k == start, k + 1 == end) {
                    (true, true) => "U",
                    (true, false) => "B",
                    (false, true) => "L",
                    _ => "I",
                };
                *o = Some((pos, i));
            }
            i = end + 1;
            if tokens[end] == "'" && tokens.get(end + 1) == Some(&"'") {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out
}

/// A word's entry in a per-word lexicon: under the whole word (`w`), else under its first
/// clitic-stripped form that has one (`s`).
fn lookup<'a, V>(map: &'a HashMap<String, V>, w: &WordInfo) -> Option<(&'static str, &'a V)> {
    map.get(&w.norm).map(|v| ("w", v)).or_else(|| {
        w.keys
            .iter()
            .skip(1)
            .find_map(|k| map.get(k))
            .map(|v| ("s", v))
    })
}

/// Band of a percentage share for lexicon features (`None` below 3%).
fn share_band(pct: u8) -> Option<&'static str> {
    match pct {
        50.. => Some("hi"),
        15..=49 => Some("mid"),
        3..=14 => Some("lo"),
        _ => None,
    }
}

/// The hashed features of every token of a sentence.
pub fn sentence_features(tokens: &[&str], res: &Resources, bits: u32) -> Vec<Vec<u32>> {
    let infos: Vec<WordInfo> = tokens.iter().map(|t| word_info(t, res)).collect();
    let multi = gazetteer_matches(&infos, res);
    let quotes = quoted_spans(tokens);
    let aux: Vec<Vec<usize>> = res
        .aux
        .iter()
        .map(|t| t.decode_bio(&sentence_features(tokens, &t.resources, t.bits)))
        .collect();
    let mask = (1u32 << bits) - 1;
    let n = infos.len();
    let mut all = Vec::with_capacity(n);
    let cl = |c: Option<[u16; 4]>, g: usize| -> String {
        c.map_or_else(|| "-".to_string(), |c| c[g].to_string())
    };
    const DIGITS: [&str; 5] = ["0", "1", "2", "3", "4"];
    let dist = |d: isize| -> &'static str {
        match d {
            -2 => "-2",
            -1 => "-1",
            1 => "1",
            _ => "2",
        }
    };
    for i in 0..n {
        let mut out = Vec::with_capacity(80);
        let mut h = Hasher {
            out: &mut out,
            mask,
            disabled: res.disabled,
        };
        let w = &infos[i];
        let at = |d: isize| -> Option<&WordInfo> {
            let j = i as isize + d;
            (j >= 0 && (j as usize) < n).then(|| &infos[j as usize])
        };
        let norm_at =
            |d: isize| at(d).map_or(if d < 0 { "<s>" } else { "</s>" }, |w| w.norm.as_str());
        let stem_at =
            |d: isize| at(d).map_or(if d < 0 { "<s>" } else { "</s>" }, |w| w.stem.as_str());
        h.add(0, &[]);
        h.add(1, &[&w.norm]);
        h.add(2, &[&w.stem]);
        h.add(3, &[&w.raw]);
        for k in 1..=4 {
            if let Some(p) = prefix(&w.norm, k) {
                h.add(4, &[DIGITS[k], p]);
            }
            if let Some(s) = suffix(&w.norm, k) {
                h.add(5, &[DIGITS[k], s]);
            }
        }
        for k in 2..=3 {
            if let Some(p) = prefix(&w.stem, k) {
                h.add(6, &[DIGITS[k], p]);
            }
            if let Some(s) = suffix(&w.stem, k) {
                h.add(7, &[DIGITS[k], s]);
            }
        }
        h.add(8, &[&w.clitics, &w.suffix]);
        let len = w.norm.chars().count().min(12).to_string();
        h.add(9, &[w.shape, &len]);
        h.add(10, &[w.shape]);
        for d in [-2isize, -1, 1, 2] {
            h.add(11, &[dist(d), norm_at(d)]);
        }
        for d in [-1isize, 1] {
            h.add(12, &[dist(d), stem_at(d)]);
            h.add(13, &[dist(d), at(d).map_or("none", |w| w.shape)]);
        }
        h.add(14, &[norm_at(-1), &w.norm]);
        h.add(15, &[&w.norm, norm_at(1)]);
        h.add(16, &[stem_at(-1), &w.stem]);
        // Clusters: the word's own, else those of its first clitic-stripped form.
        let own = w.clusters.or(w.stem_clusters);
        for g in 0..4 {
            h.add(17, &[DIGITS[g], &cl(own, g)]);
            h.add(18, &[DIGITS[g], &cl(w.stem_clusters, g)]);
        }
        for d in [-2isize, -1, 1, 2] {
            let c = at(d).and_then(|w| w.clusters.or(w.stem_clusters));
            for g in 0..3 {
                if d.abs() == 2 && g != 1 {
                    continue;
                }
                h.add(19, &[dist(d), DIGITS[g], &cl(c, g)]);
            }
        }
        h.add(20, &[&cl(at(-1).and_then(|w| w.clusters), 2), &cl(own, 2)]);
        h.add(21, &[&cl(own, 2), &cl(at(1).and_then(|w| w.clusters), 2)]);
        if !res.brown.is_empty() {
            let br = |w: Option<&WordInfo>, g: usize| -> String {
                w.and_then(|w| w.brown)
                    .map_or_else(|| "-".to_string(), |c| c[g].to_string())
            };
            for g in 0..3 {
                h.add(40, &[DIGITS[g], &br(Some(w), g)]);
            }
            for d in [-1isize, 1] {
                for g in 1..3 {
                    h.add(41, &[dist(d), DIGITS[g], &br(at(d), g)]);
                }
            }
            for d in [-2isize, 2] {
                h.add(41, &[dist(d), DIGITS[1], &br(at(d), 1)]);
            }
            h.add(42, &[&br(at(-1), 1), &br(Some(w), 1)]);
            h.add(43, &[&br(Some(w), 1), &br(at(1), 1)]);
        }
        for (bit, name) in gaz::NAMES {
            if w.gaz_word & bit != 0 {
                h.add(22, &[name]);
            }
            if w.gaz_stripped & bit != 0 {
                h.add(23, &[name]);
            }
            for d in [-1isize, 1] {
                if at(d).is_some_and(|w| (w.gaz_word | w.gaz_stripped) & bit != 0) {
                    h.add(24, &[dist(d), name]);
                }
            }
            if let Some((begin, b)) = multi[i] {
                if b & bit != 0 {
                    h.add(25, &[if begin { "B" } else { "I" }, name]);
                }
            }
        }
        if i == 0 {
            h.add(26, &["first"]);
        }
        if i + 1 == n {
            h.add(26, &["last"]);
        }
        // A clitic-prefixed word after a stem-split neighbour: و+name patterns in lists.
        h.add(27, &[&w.clitics, &cl(own, 1)]);
        h.add(28, &[norm_at(-1), &cl(own, 1)]);
        // Self-trained lexicon: how often unlabelled news had this word inside a name.
        if let Some((which, v)) = lookup(&res.lexicon, w) {
            for (t, name) in ["PERS", "LOC", "ORG", "MISC"].iter().enumerate() {
                if let Some(band) = share_band(v[t]) {
                    h.add(30, &[which, name, band]);
                }
            }
        }
        // Quoted titles: position in the quote and the word before the opening quote.
        if let Some((pos, open)) = quotes[i] {
            let before = if open > 0 {
                infos[open - 1].norm.as_str()
            } else {
                "<s>"
            };
            let before_stem = if open > 0 {
                infos[open - 1].stem.as_str()
            } else {
                "<s>"
            };
            h.add(32, &[pos]);
            h.add(32, &["w", before]);
            h.add(32, &["s", before_stem]);
            h.add(32, &["wp", before, pos]);
            let bc = if open > 0 {
                infos[open - 1].clusters.or(infos[open - 1].stem_clusters)
            } else {
                None
            };
            h.add(32, &["c", &cl(bc, 1)]);
        }
        // Gold lexicon: how often another corpus's annotators put this word inside a name.
        // WikiFANE's annotators: the word's share inside each name type there (+1.2 F1 on
        // ANERcorp dev; not trained on, so train and dev sentences see the same evidence).
        if let Some((which, v)) = lookup(&res.gold_lexicon, w) {
            for (t, name) in ["PERS", "LOC", "ORG", "MISC"].iter().enumerate() {
                if let Some(band) = share_band(v[t]) {
                    h.add(35, &[which, name, band]);
                }
            }
        }
        // Experiments only (empty in the shipped model; both cost F1 on dev): FANE fine types
        // as a lexicon, and stacked auxiliary taggers' labels of this token and its neighbours.
        if let Some((which, (kind, pct))) = lookup(&res.fine_lexicon, w) {
            h.add(36, &[which, kind, share_band(*pct).unwrap_or("lo")]);
            h.add(36, &[kind]);
        }
        for (k, labels) in aux.iter().enumerate() {
            let lab = |d: isize| -> &'static str {
                let j = i as isize + d;
                if j < 0 || j as usize >= n {
                    "-"
                } else {
                    crate::model::LABELS[labels[j as usize]]
                }
            };
            let kk = DIGITS[k.min(4)];
            h.add(33, &[kk, "0", lab(0)]);
            for d in [-2isize, -1, 1, 2] {
                h.add(33, &[kk, dist(d), lab(d)]);
            }
            h.add(33, &[kk, "-10", lab(-1), lab(0)]);
            h.add(33, &[kk, "01", lab(0), lab(1)]);
        }
        // Character trigrams of the stem: transliterated foreign names have tell-tale letter
        // sequences (ـيف، ـوف، ـسكي، جي) that prefixes and suffixes alone miss.
        let chars: Vec<char> = w.stem.chars().collect();
        if chars.len() >= 4 {
            for win in chars.windows(3) {
                let tri: String = win.iter().collect();
                h.add(29, &[&tri]);
            }
        }
        all.push(out);
    }
    all
}

/// Adds a domain-specific copy of every feature ("frustratingly easy" domain adaptation,
/// Daumé 2007): shared weights learn what holds across news and Wikipedia, the copies what is
/// particular to one. The tagger adds the news copies at tag time.
pub fn add_domain(features: &mut [Vec<u32>], domain: u8, bits: u32) {
    let mask = (1u32 << bits) - 1;
    for token in features.iter_mut() {
        let n = token.len();
        for k in 0..n {
            let mut h = token[k] ^ (domain as u32 + 1).wrapping_mul(0x9E37_79B1);
            h = h.wrapping_mul(0x85EB_CA6B);
            h ^= h >> 15;
            token.push(h & mask);
        }
    }
}

/// Label types pooled by the document context: `O`, PERS, LOC, ORG, MISC (label index `l` of
/// [`crate::LABELS`] has type `(l + 1) / 2`).
pub const DOC_TYPES: usize = 5;

/// Counts of first-pass label types of a token's other occurrences nearby.
pub type DocCounts = [u16; DOC_TYPES];

/// The key under which a token's occurrences are pooled across a document: its normalised
/// clitic-split stem (وفرنسا, بفرنسا and فرنسا pool together), for words of 2+ letters.
pub fn doc_key(word: &str) -> Option<String> {
    if !word.chars().any(char::is_alphabetic) {
        return None;
    }
    let key = if is_arabic_word(word) {
        let c = analyze(word);
        normalize_key(c.stem.slice(word))
    } else {
        normalize_key(word)
    };
    (key.chars().count() >= 2).then_some(key)
}

/// Document context of every token: over the sentences within `window` sentences before and
/// after (not the token's own sentence), how often the first pass gave each label type to a
/// token with the same [`doc_key`]. `labels` are first-pass label indices; `segment` (one id
/// per sentence) keeps windows inside one corpus or document.
pub fn doc_counts(
    keys: &[Vec<Option<String>>],
    labels: &[Vec<usize>],
    segment: Option<&[u32]>,
    window: usize,
) -> Vec<Vec<DocCounts>> {
    let n = keys.len();
    let seg = |i: usize| segment.map_or(0, |s| s[i]);
    (0..n)
        .map(|s| {
            let lo = s.saturating_sub(window);
            let hi = (s + window).min(n.saturating_sub(1));
            let mut pool: HashMap<&str, DocCounts> = HashMap::new();
            for o in lo..=hi {
                if o == s || seg(o) != seg(s) {
                    continue;
                }
                for (k, &l) in keys[o].iter().zip(&labels[o]) {
                    if let Some(k) = k {
                        pool.entry(k.as_str()).or_default()[l.div_ceil(2)] += 1;
                    }
                }
            }
            keys[s]
                .iter()
                .map(|k| {
                    k.as_deref()
                        .and_then(|k| pool.get(k).copied())
                        .unwrap_or_default()
                })
                .collect()
        })
        .collect()
}

/// Adds the document-context features of a sentence (template 31): which label types the
/// first pass gave the same word elsewhere, and with what share.
pub fn add_doc_features(features: &mut [Vec<u32>], counts: &[DocCounts], bits: u32) {
    const TYPES: [&str; DOC_TYPES] = ["O", "PERS", "LOC", "ORG", "MISC"];
    let mask = (1u32 << bits) - 1;
    for (out, c) in features.iter_mut().zip(counts) {
        let mut h = Hasher {
            out,
            mask,
            disabled: 0,
        };
        let total: u32 = c.iter().map(|&x| x as u32).sum();
        if total == 0 {
            h.add(31, &["unseen"]);
            continue;
        }
        let named = total - c[0] as u32;
        if named == 0 {
            h.add(31, &["allO"]);
        }
        for t in 1..DOC_TYPES {
            if c[t] == 0 {
                continue;
            }
            let share = 100 * c[t] as u32 / total;
            let band = match share {
                90.. => "all",
                50..=89 => "most",
                _ => "some",
            };
            h.add(31, &[TYPES[t], band]);
            h.add(31, &[TYPES[t]]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_spans_mark_short_quotes_and_their_opening() {
        let toks = [
            "برنامج",
            "«",
            "حوار",
            "من",
            "القلب",
            "»",
            "على",
            "'",
            "'",
            "يونيفل",
            "'",
            "'",
        ];
        let q = quoted_spans(&toks);
        assert_eq!(q[0], None);
        assert_eq!(q[2], Some(("B", 1)));
        assert_eq!(q[3], Some(("I", 1)));
        assert_eq!(q[4], Some(("L", 1)));
        assert_eq!(q[5], None);
        assert_eq!(q[9], Some(("U", 7)), "' ' opens and closes like one quote");
        // An unclosed quote marks nothing.
        assert!(quoted_spans(&["«", "a", "b"]).iter().all(Option::is_none));
    }

    #[test]
    fn gold_lexicon_features_read_stripped_forms() {
        let text = crate::train::gold_lexicon(
            &[crate::Sentence {
                tokens: vec!["روسيا".into(), "روسيا".into(), "زار".into()],
                tags: vec!["B-LOC".into(), "O".into(), "O".into()],
            }],
            2,
        );
        assert_eq!(text, "روسيا\t0\t50\t0\t0\n", "زار is seen once");
        let res = Resources {
            gold_lexicon: Resources::parse_lexicon(&text),
            ..Resources::default()
        };
        let without = sentence_features(&["وروسيا"], &Resources::default(), 18);
        let with = sentence_features(&["وروسيا"], &res, 18);
        assert_eq!(
            with[0].len(),
            without[0].len() + 1,
            "one LOC band via وروسيا → روسيا"
        );
    }

    #[test]
    fn prefixes_and_suffixes_count_characters() {
        assert_eq!(prefix("روسيا", 2), Some("رو"));
        assert_eq!(suffix("روسيا", 2), Some("يا"));
        assert_eq!(prefix("رو", 3), None);
    }

    #[test]
    fn multiword_gazetteer_matches_through_clitics() {
        let (gazetteer, gaz_max_words) =
            Resources::parse_gazetteer("المملكه العربيه السعوديه\tcountry\nروسيا\tcountry\n");
        let res = Resources {
            gaz_first_words: first_words(&gazetteer),
            gazetteer,
            gaz_max_words,
            ..Resources::default()
        };
        let toks = ["زار", "والمملكة", "العربية", "السعودية", "وروسيا"];
        let infos: Vec<WordInfo> = toks.iter().map(|t| word_info(t, &res)).collect();
        let m = gazetteer_matches(&infos, &res);
        assert_eq!(m[0], None);
        assert_eq!(m[1], Some((true, gaz::COUNTRY)));
        assert_eq!(m[3], Some((false, gaz::COUNTRY)));
        assert_eq!(infos[4].gaz_stripped, gaz::COUNTRY);
        let f = sentence_features(&toks, &res, 18);
        assert_eq!(f.len(), 5);
        assert!(f.iter().all(|x| x.iter().all(|&b| b < (1 << 18))));
    }

    #[test]
    fn doc_counts_pool_stems_of_other_sentences_in_the_window() {
        let sents: [&[&str]; 4] = [
            &["زار", "وفرنسا"],
            &["فرنسا", "اليوم"],
            &["فرنسا"],
            &["فرنسا"],
        ];
        let keys: Vec<Vec<Option<String>>> = sents
            .iter()
            .map(|s| s.iter().map(|t| doc_key(t)).collect())
            .collect();
        assert_eq!(keys[0][1], keys[1][0], "clitics are split off");
        // First-pass labels: O, B-LOC | B-LOC, O | O | B-LOC.
        let labels = vec![vec![0, 3], vec![3, 0], vec![0], vec![3]];
        let c = doc_counts(&keys, &labels, None, 1);
        // Sentence 1 sees sentences 0 and 2: one LOC, one O; never its own token.
        assert_eq!(c[1][0], [1, 0, 1, 0, 0]);
        // Sentence 0 sees only sentence 1 (window 1).
        assert_eq!(c[0][1], [0, 0, 1, 0, 0]);
        assert_eq!(c[0][0], [0; DOC_TYPES], "زار occurs nowhere else");
        // A segment boundary between sentences 1 and 2 hides sentence 2 from sentence 1.
        let c = doc_counts(&keys, &labels, Some(&[0, 0, 1, 1]), 1);
        assert_eq!(c[1][0], [0, 0, 1, 0, 0]);
        assert_eq!(c[3][0], [1, 0, 0, 0, 0]);
        let mut f = vec![Vec::new(); 2];
        add_doc_features(&mut f, &c[1], 16);
        assert_eq!(f[0].len(), 2, "LOC band and LOC");
        assert_eq!(f[1].len(), 1, "unseen");
    }
}
