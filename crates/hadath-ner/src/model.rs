//! The tagger: a first-order structured perceptron (averaged) with Viterbi decoding over BIO.
//!
//! Emission weights live in a dense table of `2^bits` hashed feature buckets × labels;
//! transitions are a labels × labels matrix plus start weights. Decoding forbids `I-X` unless
//! it follows `B-X` or `I-X`, so every output is well-formed BIO. The weights file stores only
//! non-zero rows, quantised to i16 with one global scale: a tagger this size needs no more
//! precision, and it keeps the committed artifact a few MB.
//!
//! Optionally ([`Scheme::Bilou`], off in the shipped model) a tagger trains and decodes with
//! BILOU labels (17: `O` and B/I/L/U × type), Viterbi constrained to valid BILOU sequences
//! (including no name left open at the sentence end), and converts its output back to BIO.

#![allow(clippy::needless_range_loop)] // label × label loops read clearest as indices
use crate::features::{add_doc_features, doc_counts, doc_key, sentence_features, Resources};
use crate::NerError;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;

/// The tags the tagger emits, ANERcorp scheme, in weight-table order.
pub const LABELS: [&str; 9] = [
    "O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC",
];
const L: usize = LABELS.len();

/// The labels a BILOU tagger trains and decodes with internally (weight-table order): `O`, then
/// per type (ANERcorp's order) B(egin), I(nside), L(ast) and U(nit, a one-token name). Its
/// output is converted back to BIO ([`LABELS`]): B and U → `B-X`, I and L → `I-X`.
pub const BILOU_LABELS: [&str; 17] = [
    "O", "B-PERS", "I-PERS", "L-PERS", "U-PERS", "B-LOC", "I-LOC", "L-LOC", "U-LOC", "B-ORG",
    "I-ORG", "L-ORG", "U-ORG", "B-MISC", "I-MISC", "L-MISC", "U-MISC",
];

/// The widest internal label set (BILOU): the fixed size of emission and transition arrays.
const LMAX: usize = BILOU_LABELS.len();

/// How a tagger encodes names internally. Output tags are always BIO ([`LABELS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scheme {
    /// Train and decode with the 9 BIO labels.
    #[default]
    Bio,
    /// Train and decode with the 17 BILOU labels ([`BILOU_LABELS`]), Viterbi constrained to
    /// valid BILOU sequences; converted back to BIO at output.
    Bilou,
}

impl Scheme {
    /// The internal labels, in weight-table order.
    pub fn labels(self) -> &'static [&'static str] {
        match self {
            Scheme::Bio => &LABELS,
            Scheme::Bilou => &BILOU_LABELS,
        }
    }

    /// Number of internal labels.
    pub fn n_labels(self) -> usize {
        self.labels().len()
    }

    /// Entity type of an internal label: 0 = `O`, 1..=4 = PERS, LOC, ORG, MISC.
    fn kind(self, l: usize) -> usize {
        match self {
            Scheme::Bio => l.div_ceil(2),
            Scheme::Bilou => l.div_ceil(4),
        }
    }

    /// Position of an internal label in its name: `O`, `B`, `I`, `L` or `U`.
    fn position(self, l: usize) -> u8 {
        self.labels()[l].as_bytes()[0]
    }

    /// May internal label `to` follow `from` (`None` = sentence start)?
    pub(crate) fn allowed(self, from: Option<usize>, to: usize) -> bool {
        match self {
            Scheme::Bio => allowed(from, to),
            Scheme::Bilou => {
                // Inside a name (after B or I) only I or L of the same type may follow;
                // elsewhere (start, after O, L or U) only O, B or U.
                let open = from.is_some_and(|f| matches!(self.position(f), b'B' | b'I'));
                match self.position(to) {
                    b'I' | b'L' => open && from.is_some_and(|f| self.kind(f) == self.kind(to)),
                    _ => !open,
                }
            }
        }
    }

    /// May a sentence end on internal label `l`? (BILOU: not inside an open name.)
    pub(crate) fn allowed_end(self, l: usize) -> bool {
        match self {
            Scheme::Bio => true,
            Scheme::Bilou => !matches!(self.position(l), b'B' | b'I'),
        }
    }

    /// The BIO label ([`LABELS`] index) of internal label `l`. On a valid BILOU sequence this
    /// per-token map gives exactly the same names.
    pub fn to_bio(self, l: usize) -> usize {
        match self {
            Scheme::Bio => l,
            Scheme::Bilou => match self.position(l) {
                b'O' => 0,
                b'B' | b'U' => 2 * self.kind(l) - 1,
                _ => 2 * self.kind(l),
            },
        }
    }

    /// Internal labels for a BIO label sequence ([`LABELS`] indices), read as conlleval reads
    /// BIO (an `I-X` that does not continue an X name starts one): each name's first token is
    /// B (U if the name is one token), its last L, the rest I.
    pub fn from_bio(self, bio: &[usize]) -> Vec<usize> {
        if self == Scheme::Bio {
            return bio.to_vec();
        }
        let kind = |l: usize| l.div_ceil(2);
        let continues = |i: usize| {
            // Does BIO token i continue the name of token i - 1?
            i > 0
                && bio[i] != 0
                && bio[i].is_multiple_of(2)
                && bio[i - 1] != 0
                && kind(bio[i - 1]) == kind(bio[i])
        };
        (0..bio.len())
            .map(|i| {
                if bio[i] == 0 {
                    return 0;
                }
                let base = 4 * kind(bio[i]) - 3; // B-X in BILOU_LABELS
                let first = !continues(i);
                let last = !(i + 1 < bio.len() && continues(i + 1));
                base + match (first, last) {
                    (true, false) => 0,
                    (false, false) => 1,
                    (false, true) => 2,
                    (true, true) => 3,
                }
            })
            .collect()
    }

    /// The BIO tag of every label of an internal path.
    fn bio_tags(self, path: &[usize]) -> Vec<String> {
        path.iter()
            .map(|&l| LABELS[self.to_bio(l)].to_string())
            .collect()
    }
}

fn label_index(tag: &str) -> usize {
    LABELS.iter().position(|l| *l == tag).unwrap_or(0)
}

/// May `to` follow `from` (`None` = sentence start) in BIO?
pub(crate) fn allowed(from: Option<usize>, to: usize) -> bool {
    let t = LABELS[to];
    match t.strip_prefix("I-") {
        None => true,
        Some(kind) => from.is_some_and(|f| LABELS[f].len() > 2 && &LABELS[f][2..] == kind),
    }
}

/// The best BIO-valid label sequence for emissions under transitions and start scores (shared
/// by the perceptron and the neural experiment).
pub(crate) fn viterbi_bio(em: &[[f32; L]], trans: &[[f32; L]; L], start: &[f32; L]) -> Vec<usize> {
    viterbi_scheme(Scheme::Bio, em, trans, start)
}

/// The best label sequence valid under `scheme` (over its first `scheme.n_labels()` labels; arrays
/// may be wider).
fn viterbi_scheme<const N: usize>(
    scheme: Scheme,
    em: &[[f32; N]],
    trans: &[[f32; N]; N],
    start: &[f32; N],
) -> Vec<usize> {
    let nl = scheme.n_labels();
    let n = em.len();
    if n == 0 {
        return Vec::new();
    }
    // ok[p * nl + l]: may l follow p?
    let ok: Vec<bool> = (0..nl * nl)
        .map(|k| scheme.allowed(Some(k / nl), k % nl))
        .collect();
    let mut score = vec![[f32::NEG_INFINITY; N]; n];
    let mut back = vec![[0usize; N]; n];
    for l in 0..nl {
        if scheme.allowed(None, l) {
            score[0][l] = start[l] + em[0][l];
        }
    }
    for i in 1..n {
        for l in 0..nl {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for p in 0..nl {
                if !ok[p * nl + l] || score[i - 1][p] == f32::NEG_INFINITY {
                    continue;
                }
                let s = score[i - 1][p] + trans[p][l];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            score[i][l] = best + em[i][l];
            back[i][l] = arg;
        }
    }
    let mut last = 0;
    for l in 0..nl {
        if scheme.allowed_end(l) && score[n - 1][l] > score[n - 1][last] {
            last = l;
        }
    }
    let mut path = vec![0; n];
    path[n - 1] = last;
    for i in (1..n).rev() {
        path[i - 1] = back[i][path[i]];
    }
    path
}

/// GPE or LOC for a location name, learned from the FANE corpora (see `train`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeoKind {
    Gpe,
    Loc,
}

/// A trained tagger and the resources its features read.
pub struct Tagger {
    pub(crate) bits: u32,
    /// `2^bits` rows × `scheme.n_labels()` labels.
    pub(crate) weights: Vec<f32>,
    /// Transitions and start scores over the internal labels (the first `scheme.n_labels()`).
    pub(crate) trans: [[f32; LMAX]; LMAX],
    pub(crate) start: [f32; LMAX],
    /// The internal label set (BIO, or BILOU converted to BIO at output).
    pub(crate) scheme: Scheme,
    pub(crate) resources: Resources,
    /// Normalised location name → GPE/LOC, for the entity stage.
    pub(crate) geo_kinds: HashMap<String, GeoKind>,
    pub(crate) trained: bool,
    /// Added to the `O` score of every token at decode time. The perceptron is precise but
    /// timid (precision well above recall); a small negative bias, chosen on held-out training
    /// data, trades some precision for recall.
    pub(crate) o_bias: f32,
    /// The domain whose feature copies are added at tag time (see `features::add_domain`).
    pub(crate) domain: Option<u8>,
    /// Two-pass tagging: the first-pass tagger and the window (in sentences) over which its
    /// labels of the same word feed this tagger's document-context features.
    pub(crate) doc: Option<(Box<Tagger>, usize)>,
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger")
            .field("bits", &self.bits)
            .field("clusters", &self.resources.clusters.len())
            .field("gazetteer", &self.resources.gazetteer.len())
            .field("trained", &self.trained)
            .finish()
    }
}

impl Tagger {
    /// An untrained tagger (tags everything `O`).
    pub fn empty(bits: u32, resources: Resources) -> Tagger {
        Tagger::empty_with(bits, resources, Scheme::Bio)
    }

    /// An untrained tagger with the given internal label set.
    pub fn empty_with(bits: u32, resources: Resources, scheme: Scheme) -> Tagger {
        Tagger {
            bits,
            weights: vec![0.0; (1usize << bits) * scheme.n_labels()],
            trans: [[0.0; LMAX]; LMAX],
            start: [0.0; LMAX],
            scheme,
            resources,
            geo_kinds: HashMap::new(),
            trained: false,
            o_bias: 0.0,
            domain: None,
            doc: None,
        }
    }

    /// Whether this tagger carries trained weights (the embedded one may be a stand-in).
    pub fn is_trained(&self) -> bool {
        self.trained
    }

    /// The labels the tagger emits.
    pub fn labels(&self) -> &'static [&'static str] {
        &LABELS
    }

    /// The internal label set the tagger trains and decodes with.
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// BIO tags (ANERcorp types) for a sentence of tokens. A two-pass tagger sees no other
    /// sentences here; [`Tagger::tag_sentences`] gives it the document.
    pub fn tag(&self, tokens: &[&str]) -> Vec<String> {
        if tokens.is_empty() {
            return Vec::new();
        }
        if self.doc.is_some() {
            return self.tag_sentences(&[tokens.to_vec()]).remove(0);
        }
        self.scheme.bio_tags(&self.decode_tokens(tokens))
    }

    /// Label indices for a sentence on its own (one pass).
    fn decode_tokens(&self, tokens: &[&str]) -> Vec<usize> {
        self.decode(&self.base_features(tokens))
    }

    /// A sentence's features before document context: what both passes of a two-pass tagger
    /// start from.
    fn base_features(&self, tokens: &[&str]) -> Vec<Vec<u32>> {
        let mut feats = sentence_features(tokens, &self.resources, self.bits);
        if let Some(d) = self.domain {
            crate::features::add_domain(&mut feats, d, self.bits);
        }
        feats
    }

    /// BIO tags for consecutive sentences of one document (or corpus in reading order). A
    /// two-pass tagger first tags every sentence with its first pass, then retags each with
    /// features saying how the same word was tagged in the nearby sentences.
    pub fn tag_sentences(&self, sentences: &[Vec<&str>]) -> Vec<Vec<String>> {
        self.emissions_document(sentences)
            .iter()
            .map(|em| self.scheme.bio_tags(&self.viterbi_internal(em)))
            .collect()
    }

    /// The per-token label scores (emissions, before transitions) the final pass decodes, for
    /// consecutive sentences of one document: what [`Tagger::tag_sentences`] runs Viterbi on,
    /// and what a stacked model reads. BIO taggers only (a BILOU tagger's scores are over its
    /// 17 internal labels).
    pub fn emissions_sentences(&self, sentences: &[Vec<&str>]) -> Vec<Vec<[f32; L]>> {
        assert_eq!(self.scheme, Scheme::Bio, "BIO emissions of a BILOU tagger");
        self.emissions_document(sentences)
            .into_iter()
            .map(|s| {
                s.into_iter()
                    .map(|e| std::array::from_fn(|l| e[l]))
                    .collect()
            })
            .collect()
    }

    /// [`Tagger::emissions_sentences`] over the internal labels.
    fn emissions_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<[f32; LMAX]>> {
        let Some((first, window)) = &self.doc else {
            return sentences
                .iter()
                .map(|s| self.emissions(&self.base_features(s)))
                .collect();
        };
        // The second pass is trained on the first pass's features plus document context (same
        // resources, see `train`), so when both hash alike one extraction serves both passes:
        // it is most of the tagging time.
        let shared = first.bits == self.bits && first.domain == self.domain;
        let mut feats: Vec<Vec<Vec<u32>>> =
            sentences.iter().map(|s| first.base_features(s)).collect();
        let labels: Vec<Vec<usize>> = feats.iter().map(|f| first.decode_bio(f)).collect();
        let counts = doc_counts(&doc_keys(sentences), &labels, None, *window);
        sentences
            .iter()
            .zip(feats.iter_mut())
            .zip(&counts)
            .map(|((s, f), c)| {
                if !shared {
                    *f = self.base_features(s);
                }
                add_doc_features(f, c, self.bits);
                self.emissions(f)
            })
            .collect()
    }

    /// Makes this tagger the second pass of a two-pass tagger.
    pub fn set_first_pass(&mut self, first: Tagger, window: usize) {
        self.doc = Some((Box::new(first), window));
    }

    /// The first-pass tagger and window of a two-pass tagger.
    pub fn first_pass(&self) -> Option<(&Tagger, usize)> {
        self.doc.as_ref().map(|(t, w)| (&**t, *w))
    }

    /// Per-token scores of the internal labels (the first `scheme.n_labels()` of each array).
    fn emissions(&self, feats: &[Vec<u32>]) -> Vec<[f32; LMAX]> {
        match self.scheme {
            Scheme::Bio => self.emissions_n::<L>(feats),
            Scheme::Bilou => self.emissions_n::<LMAX>(feats),
        }
    }

    /// [`Tagger::emissions`] with the label count known at compile time (the row sums are
    /// most of the tagging time).
    fn emissions_n<const K: usize>(&self, feats: &[Vec<u32>]) -> Vec<[f32; LMAX]> {
        feats
            .iter()
            .map(|fs| {
                let mut e = [0.0f32; K];
                e[0] = self.o_bias;
                for &f in fs {
                    let row = &self.weights[f as usize * K..f as usize * K + K];
                    for (a, b) in e.iter_mut().zip(row) {
                        *a += b;
                    }
                }
                let mut out = [0.0f32; LMAX];
                out[..K].copy_from_slice(&e);
                out
            })
            .collect()
    }

    /// Viterbi over the constrained lattice of the internal labels (internal label indices).
    pub(crate) fn decode(&self, feats: &[Vec<u32>]) -> Vec<usize> {
        self.viterbi_internal(&self.emissions(feats))
    }

    /// [`Tagger::decode`] converted to BIO label indices ([`LABELS`]).
    pub(crate) fn decode_bio(&self, feats: &[Vec<u32>]) -> Vec<usize> {
        let mut path = self.decode(feats);
        for l in &mut path {
            *l = self.scheme.to_bio(*l);
        }
        path
    }

    fn viterbi_internal(&self, em: &[[f32; LMAX]]) -> Vec<usize> {
        viterbi_scheme(self.scheme, em, &self.trans, &self.start)
    }

    /// The best BIO-valid label sequence for emissions under this tagger's transitions. BIO
    /// taggers only (see [`Tagger::emissions_sentences`]).
    pub fn viterbi(&self, em: &[[f32; L]]) -> Vec<usize> {
        assert_eq!(self.scheme, Scheme::Bio, "BIO Viterbi with a BILOU tagger");
        let wide: Vec<[f32; LMAX]> = em
            .iter()
            .map(|e| std::array::from_fn(|l| if l < L { e[l] } else { 0.0 }))
            .collect();
        viterbi_scheme(Scheme::Bio, &wide, &self.trans, &self.start)
    }

    /// Writes `weights.bin`: magic, bits, labels, transitions, then non-zero rows quantised.
    pub fn write_weights(&self, mut w: impl Write) -> std::io::Result<()> {
        let max = self
            .weights
            .iter()
            .fold(0f32, |m, x| m.max(x.abs()))
            .max(1e-6);
        let scale = max / 32767.0;
        let nl = self.scheme.n_labels();
        w.write_all(b"HADATH-NER-2\n")?;
        w.write_all(&self.bits.to_le_bytes())?;
        w.write_all(&(nl as u32).to_le_bytes())?;
        w.write_all(self.scheme.labels().join(",").as_bytes())?;
        w.write_all(b"\n")?;
        w.write_all(&scale.to_le_bytes())?;
        w.write_all(&self.o_bias.to_le_bytes())?;
        w.write_all(&self.domain.map_or(u32::MAX, u32::from).to_le_bytes())?;
        for row in &self.trans[..nl] {
            for x in &row[..nl] {
                w.write_all(&x.to_le_bytes())?;
            }
        }
        for x in &self.start[..nl] {
            w.write_all(&x.to_le_bytes())?;
        }
        let rows: Vec<usize> = (0..1usize << self.bits)
            .filter(|&r| {
                self.weights[r * nl..r * nl + nl]
                    .iter()
                    .any(|x| (x / scale).round() != 0.0)
            })
            .collect();
        w.write_all(&(rows.len() as u32).to_le_bytes())?;
        // Rows as deltas (u32) so the file compresses well if anyone zips it.
        let mut prev = 0usize;
        for &r in &rows {
            w.write_all(&((r - prev) as u32).to_le_bytes())?;
            prev = r;
            for x in &self.weights[r * nl..r * nl + nl] {
                w.write_all(&((x / scale).round() as i16).to_le_bytes())?;
            }
        }
        Ok(())
    }

    /// Reads `weights.bin` written by [`Tagger::write_weights`].
    pub fn read_weights(bytes: &[u8], resources: Resources) -> Result<Tagger, NerError> {
        let bad = |m: &str| NerError::Model(m.to_string());
        let mut r = bytes;
        let mut line = Vec::new();
        let mut read_line = |r: &mut &[u8]| -> Result<String, NerError> {
            line.clear();
            let pos = r
                .iter()
                .position(|&b| b == b'\n')
                .ok_or_else(|| bad("truncated header"))?;
            line.extend_from_slice(&r[..pos]);
            *r = &r[pos + 1..];
            Ok(String::from_utf8_lossy(&line).into_owned())
        };
        if read_line(&mut r)? != "HADATH-NER-2" {
            return Err(bad("not a hadath NER weights file"));
        }
        let u32_ = |r: &mut &[u8]| -> Result<u32, NerError> {
            let mut b = [0u8; 4];
            r.read_exact(&mut b).map_err(|_| bad("truncated"))?;
            Ok(u32::from_le_bytes(b))
        };
        let bits = u32_(&mut r)?;
        let n_labels = u32_(&mut r)? as usize;
        let labels = read_line(&mut r)?;
        let scheme = [Scheme::Bio, Scheme::Bilou]
            .into_iter()
            .find(|s| n_labels == s.n_labels() && labels == s.labels().join(","))
            .ok_or_else(|| bad("unexpected label set"))?;
        if !(8..=26).contains(&bits) {
            return Err(bad("unexpected table size"));
        }
        let nl = scheme.n_labels();
        let f32_ = |r: &mut &[u8]| -> Result<f32, NerError> {
            let mut b = [0u8; 4];
            r.read_exact(&mut b).map_err(|_| bad("truncated"))?;
            Ok(f32::from_le_bytes(b))
        };
        let scale = f32_(&mut r)?;
        let o_bias = f32_(&mut r)?;
        let mut b = [0u8; 4];
        r.read_exact(&mut b).map_err(|_| bad("truncated"))?;
        let domain = u32::from_le_bytes(b);
        let mut tagger = Tagger::empty_with(bits, resources, scheme);
        tagger.o_bias = o_bias;
        tagger.domain = (domain != u32::MAX).then_some(domain as u8);
        for p in 0..nl {
            for l in 0..nl {
                tagger.trans[p][l] = f32_(&mut r)?;
            }
        }
        for l in 0..nl {
            tagger.start[l] = f32_(&mut r)?;
        }
        let rows = u32_(&mut r)? as usize;
        let mut at = 0usize;
        for _ in 0..rows {
            at += u32_(&mut r)? as usize;
            if at >= 1 << bits {
                return Err(bad("row out of range"));
            }
            for l in 0..nl {
                let mut b = [0u8; 2];
                r.read_exact(&mut b).map_err(|_| bad("truncated"))?;
                tagger.weights[at * nl + l] = i16::from_le_bytes(b) as f32 * scale;
            }
        }
        tagger.trained = rows > 0;
        Ok(tagger)
    }

    /// Loads a model directory (`weights.bin`, `clusters.tsv`, `gazetteer.tsv`, `geo_kinds.tsv`).
    pub fn load(dir: &Path) -> Result<Tagger, NerError> {
        let read = |name: &str| {
            std::fs::read(dir.join(name))
                .map_err(|e| NerError::Io(format!("{}: {e}", dir.join(name).display())))
        };
        let text = |name: &str| -> Result<String, NerError> {
            match std::fs::read_to_string(dir.join(name)) {
                Ok(t) => Ok(t),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
                Err(e) => Err(NerError::Io(format!("{name}: {e}"))),
            }
        };
        let mut t = Tagger::from_parts(
            &read("weights.bin")?,
            &text("clusters.tsv")?,
            &text("gazetteer.tsv")?,
            &text("geo_kinds.tsv")?,
        )?;
        t.resources.lexicon = Resources::parse_lexicon(&text("lexicon.tsv")?);
        t.resources.gold_lexicon = Resources::parse_lexicon(&text("wikifane_lexicon.tsv")?);
        if dir.join("weights_first.bin").is_file() {
            t.attach_first_pass(&read("weights_first.bin")?, &text("doc_window.txt")?)?;
        }
        Ok(t)
    }

    /// Makes this tagger a two-pass one from the first pass's `weights_first.bin` bytes and
    /// `doc_window.txt` (the window in sentences); the first pass shares this one's resources.
    pub fn attach_first_pass(&mut self, weights: &[u8], window: &str) -> Result<(), NerError> {
        let window = window
            .trim()
            .parse()
            .map_err(|_| NerError::Model(format!("doc_window.txt: {window:?}")))?;
        let first = Tagger::read_weights(weights, self.resources.clone())?;
        self.set_first_pass(first, window);
        Ok(())
    }

    /// Builds a tagger from the bytes of its files (used by `load` and the embedded model).
    pub fn from_parts(
        weights: &[u8],
        clusters: &str,
        gazetteer: &str,
        geo: &str,
    ) -> Result<Tagger, NerError> {
        let resources = Resources::from_texts(clusters, gazetteer);
        let mut tagger = Tagger::read_weights(weights, resources)?;
        tagger.geo_kinds = parse_geo_kinds(geo);
        Ok(tagger)
    }

    /// The bias added to `O` scores at decode time.
    pub fn o_bias(&self) -> f32 {
        self.o_bias
    }

    /// Sets the bias added to `O` scores at decode time.
    pub fn set_o_bias(&mut self, bias: f32) {
        self.o_bias = bias;
    }

    /// Averages the weights of taggers trained with different seeds (same table size and
    /// resources): a cheap ensemble that removes most of the shuffle-order variance.
    pub fn average(mut taggers: Vec<Tagger>) -> Tagger {
        let n = taggers.len() as f32;
        let mut first = taggers.remove(0);
        let nl = first.scheme.n_labels();
        for t in &taggers {
            assert_eq!(
                t.scheme, first.scheme,
                "averaging taggers of different label sets"
            );
            for (a, b) in first.weights.iter_mut().zip(&t.weights) {
                *a += b;
            }
            for p in 0..nl {
                for l in 0..nl {
                    first.trans[p][l] += t.trans[p][l];
                }
                first.start[p] += t.start[p];
            }
        }
        first.weights.iter_mut().for_each(|w| *w /= n);
        for p in 0..nl {
            for l in 0..nl {
                first.trans[p][l] /= n;
            }
            first.start[p] /= n;
        }
        first
    }

    /// GPE or LOC for a normalised location name, if the FANE corpora saw it.
    pub fn geo_kind(&self, key: &str) -> Option<GeoKind> {
        self.geo_kinds.get(key).copied()
    }

    /// Whether a normalised word or phrase is in the gazetteer as a country or city.
    pub fn gazetteer_bits(&self, key: &str) -> u8 {
        self.resources.gazetteer.get(key).copied().unwrap_or(0)
    }
}

pub(crate) fn parse_geo_kinds(text: &str) -> HashMap<String, GeoKind> {
    text.lines()
        .filter_map(|l| {
            let (k, v) = l.split_once('\t')?;
            let kind = match v.trim() {
                "GPE" => GeoKind::Gpe,
                "LOC" => GeoKind::Loc,
                _ => return None,
            };
            Some((k.to_string(), kind))
        })
        .collect()
}

/// Averaged structured perceptron training state.
pub(crate) struct Trainer {
    pub tagger: Tagger,
    /// Sums of `c * update` for averaging (Daumé's trick: average = w - u / c).
    acc: Vec<f32>,
    trans_acc: [[f32; LMAX]; LMAX],
    start_acc: [f32; LMAX],
    c: f32,
}

impl Trainer {
    pub fn new(tagger: Tagger) -> Trainer {
        let n = tagger.weights.len();
        Trainer {
            tagger,
            acc: vec![0.0; n],
            trans_acc: [[0.0; LMAX]; LMAX],
            start_acc: [0.0; LMAX],
            c: 1.0,
        }
    }

    /// One stochastic-gradient step of the CRF log-likelihood on a sentence (weights move by
    /// `lr × (gold indicator − marginal)`), with the same running average as the perceptron:
    /// averaged SGD is a strong regulariser on its own. Returns the number of tokens whose
    /// most likely label (by marginal) was wrong.
    pub fn step_crf(&mut self, feats: &[Vec<u32>], gold: &[usize], lr: f32) -> usize {
        let t = &self.tagger;
        let scheme = t.scheme;
        let nl = scheme.n_labels();
        let allowed = |p: Option<usize>, l: usize| scheme.allowed(p, l);
        let em = t.emissions(feats);
        let n = em.len();
        if n == 0 {
            return 0;
        }
        let neg = f32::NEG_INFINITY;
        let lse = |xs: &[f32]| -> f32 {
            let m = xs.iter().cloned().fold(neg, f32::max);
            if m == neg {
                return neg;
            }
            m + xs.iter().map(|x| (x - m).exp()).sum::<f32>().ln()
        };
        let mut alpha = vec![[neg; LMAX]; n];
        let mut beta = vec![[neg; LMAX]; n];
        for l in 0..nl {
            if allowed(None, l) {
                alpha[0][l] = t.start[l] + em[0][l];
            }
        }
        let mut buf = [neg; LMAX];
        for i in 1..n {
            for l in 0..nl {
                for p in 0..nl {
                    buf[p] = if allowed(Some(p), l) {
                        alpha[i - 1][p] + t.trans[p][l]
                    } else {
                        neg
                    };
                }
                alpha[i][l] = lse(&buf[..nl]) + em[i][l];
            }
        }
        for l in 0..nl {
            beta[n - 1][l] = if scheme.allowed_end(l) { 0.0 } else { neg };
        }
        for i in (0..n - 1).rev() {
            for p in 0..nl {
                for l in 0..nl {
                    buf[l] = if allowed(Some(p), l) {
                        t.trans[p][l] + em[i + 1][l] + beta[i + 1][l]
                    } else {
                        neg
                    };
                }
                beta[i][p] = lse(&buf[..nl]);
            }
        }
        let ends: Vec<f32> = (0..nl).map(|l| alpha[n - 1][l] + beta[n - 1][l]).collect();
        let log_z = lse(&ends);
        let c = self.c;
        let mut wrong = 0;
        for i in 0..n {
            let mut marg = [0f32; LMAX];
            for l in 0..nl {
                marg[l] = (alpha[i][l] + beta[i][l] - log_z).exp();
            }
            let best = (0..nl)
                .max_by(|&a, &b| marg[a].total_cmp(&marg[b]))
                .unwrap_or(0);
            if best != gold[i] {
                wrong += 1;
            }
            let mut delta = [0f32; LMAX];
            for l in 0..nl {
                let target = if l == gold[i] { 1.0 } else { 0.0 };
                delta[l] = lr * (target - marg[l]);
            }
            for &f in &feats[i] {
                let base = f as usize * nl;
                for l in 0..nl {
                    if delta[l] != 0.0 {
                        self.tagger.weights[base + l] += delta[l];
                        self.acc[base + l] += c * delta[l];
                    }
                }
            }
            if i == 0 {
                for l in 0..nl {
                    let d = lr * ((l == gold[0]) as u8 as f32 - marg[l]);
                    self.tagger.start[l] += d;
                    self.start_acc[l] += c * d;
                }
            } else {
                for p in 0..nl {
                    for l in 0..nl {
                        if !allowed(Some(p), l) {
                            continue;
                        }
                        let pm =
                            (alpha[i - 1][p] + self.tagger.trans[p][l] + em[i][l] + beta[i][l]
                                - log_z)
                                .exp();
                        let target = (p == gold[i - 1] && l == gold[i]) as u8 as f32;
                        let d = lr * (target - pm);
                        self.tagger.trans[p][l] += d;
                        self.trans_acc[p][l] += c * d;
                    }
                }
            }
        }
        self.c += 1.0;
        wrong
    }

    /// One perceptron step on a sentence with updates of size `scale` (1 normally; < 1 lets a
    /// sentence from a corpus with other conventions move the weights less); returns the
    /// number of wrong tokens.
    pub fn step_scaled(&mut self, feats: &[Vec<u32>], gold: &[usize], scale: f32) -> usize {
        let pred = self.tagger.decode(feats);
        let nl = self.tagger.scheme.n_labels();
        let c = self.c * scale;
        let mut wrong = 0;
        for i in 0..gold.len() {
            let (g, p) = (gold[i], pred[i]);
            if g != p {
                wrong += 1;
                for &f in &feats[i] {
                    let base = f as usize * nl;
                    self.tagger.weights[base + g] += scale;
                    self.acc[base + g] += c;
                    self.tagger.weights[base + p] -= scale;
                    self.acc[base + p] -= c;
                }
            }
            let (gp, pp) = if i == 0 {
                (None, None)
            } else {
                (Some(gold[i - 1]), Some(pred[i - 1]))
            };
            if (gp, g) != (pp, p) {
                match gp {
                    Some(a) => {
                        self.tagger.trans[a][g] += scale;
                        self.trans_acc[a][g] += c;
                    }
                    None => {
                        self.tagger.start[g] += scale;
                        self.start_acc[g] += c;
                    }
                }
                match pp {
                    Some(a) => {
                        self.tagger.trans[a][p] -= scale;
                        self.trans_acc[a][p] -= c;
                    }
                    None => {
                        self.tagger.start[p] -= scale;
                        self.start_acc[p] -= c;
                    }
                }
            }
        }
        self.c += 1.0;
        wrong
    }

    /// The averaged weights, as a tagger.
    pub fn averaged(&self) -> Tagger {
        let c = self.c;
        let t = &self.tagger;
        let nl = t.scheme.n_labels();
        let mut trans = t.trans;
        for p in 0..nl {
            for l in 0..nl {
                trans[p][l] -= self.trans_acc[p][l] / c;
            }
        }
        let mut start = t.start;
        for l in 0..nl {
            start[l] -= self.start_acc[l] / c;
        }
        Tagger {
            bits: t.bits,
            weights: t
                .weights
                .iter()
                .zip(&self.acc)
                .map(|(w, a)| w - a / c)
                .collect(),
            trans,
            start,
            scheme: t.scheme,
            resources: t.resources.clone(),
            geo_kinds: t.geo_kinds.clone(),
            trained: true,
            o_bias: 0.0,
            domain: t.domain,
            doc: None,
        }
    }
}

pub(crate) fn gold_indices(tags: &[String]) -> Vec<usize> {
    tags.iter().map(|t| label_index(t)).collect()
}

/// The document-context key of every token of every sentence.
fn doc_keys(sentences: &[Vec<&str>]) -> Vec<Vec<Option<String>>> {
    sentences
        .iter()
        .map(|s| s.iter().map(|t| doc_key(t)).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_constraints() {
        assert!(allowed(None, label_index("B-PERS")));
        assert!(!allowed(None, label_index("I-PERS")));
        assert!(allowed(Some(label_index("B-PERS")), label_index("I-PERS")));
        assert!(!allowed(Some(label_index("B-LOC")), label_index("I-PERS")));
    }

    fn bilou(tags: &[&str]) -> Vec<&'static str> {
        let bio: Vec<usize> = tags.iter().map(|t| label_index(t)).collect();
        Scheme::Bilou
            .from_bio(&bio)
            .into_iter()
            .map(|l| BILOU_LABELS[l])
            .collect()
    }

    #[test]
    fn bio_to_bilou_and_back() {
        // One- and three-token names, adjacent names of one type, a name right after another
        // type, an orphan I- (conlleval: starts a name), a name ending the sentence.
        let bio = [
            "B-PERS", "I-PERS", "I-PERS", "O", "B-LOC", "B-LOC", "I-LOC", "I-ORG", "O", "I-MISC",
            "I-MISC", "O", "B-ORG",
        ];
        let want = [
            "B-PERS", "I-PERS", "L-PERS", "O", "U-LOC", "B-LOC", "L-LOC", "U-ORG", "O", "B-MISC",
            "L-MISC", "O", "U-ORG",
        ];
        assert_eq!(bilou(&bio), want);
        assert_eq!(bilou(&[]), Vec::<&str>::new());
        assert_eq!(bilou(&["I-PERS"]), ["U-PERS"]);
        // Back to BIO: the same names (orphan I- tags come back as B-).
        let internal: Vec<usize> = want
            .iter()
            .map(|t| BILOU_LABELS.iter().position(|l| l == t).unwrap())
            .collect();
        let back = Scheme::Bilou.bio_tags(&internal);
        assert_eq!(
            back,
            [
                "B-PERS", "I-PERS", "I-PERS", "O", "B-LOC", "B-LOC", "I-LOC", "B-ORG", "O",
                "B-MISC", "I-MISC", "O", "B-ORG",
            ]
        );
        assert_eq!(crate::scores::chunks(&back), crate::scores::chunks(&bio));
        // Every converted sequence is valid BILOU, and BIO maps to itself under Scheme::Bio.
        let valid = |p: &[usize]| {
            p.iter()
                .enumerate()
                .all(|(i, &l)| Scheme::Bilou.allowed(i.checked_sub(1).map(|j| p[j]), l))
                && p.last().is_none_or(|&l| Scheme::Bilou.allowed_end(l))
        };
        assert!(valid(&internal));
        let bio_idx: Vec<usize> = bio.iter().map(|t| label_index(t)).collect();
        assert_eq!(Scheme::Bio.from_bio(&bio_idx), bio_idx);
        for l in 0..L {
            assert_eq!(Scheme::Bio.to_bio(l), l);
        }
    }

    #[test]
    fn bilou_transitions() {
        let i = |t: &str| BILOU_LABELS.iter().position(|l| *l == t).unwrap();
        let ok = |from: Option<&str>, to: &str| Scheme::Bilou.allowed(from.map(i), i(to));
        for to in ["O", "B-PERS", "U-LOC"] {
            assert!(ok(None, to), "{to}");
            for from in ["O", "L-ORG", "U-MISC"] {
                assert!(ok(Some(from), to), "{from} {to}");
            }
        }
        for to in ["I-PERS", "L-PERS"] {
            assert!(!ok(None, to), "{to}");
            assert!(ok(Some("B-PERS"), to));
            assert!(ok(Some("I-PERS"), to));
            for from in ["O", "B-LOC", "I-LOC", "L-PERS", "U-PERS"] {
                assert!(!ok(Some(from), to), "{from} {to}");
            }
        }
        for from in ["B-ORG", "I-ORG"] {
            for to in ["O", "B-ORG", "U-ORG", "B-LOC"] {
                assert!(!ok(Some(from), to), "{from} {to}");
            }
            assert!(!Scheme::Bilou.allowed_end(i(from)));
        }
        for end in ["O", "L-ORG", "U-ORG"] {
            assert!(Scheme::Bilou.allowed_end(i(end)));
        }
    }

    #[test]
    fn bilou_viterbi_is_the_best_valid_path() {
        // Brute force over all 17^3 label sequences of three tokens, with pseudo-random
        // emissions and transitions: Viterbi must return the best valid BILOU sequence.
        let mut x = 12345u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % 2000) as f32 / 100.0 - 10.0
        };
        let scheme = Scheme::Bilou;
        let valid = |p: &[usize]| {
            p.iter()
                .enumerate()
                .all(|(i, &l)| scheme.allowed(i.checked_sub(1).map(|j| p[j]), l))
                && scheme.allowed_end(p[p.len() - 1])
        };
        for _ in 0..20 {
            let mut trans = [[0.0; LMAX]; LMAX];
            let mut start = [0.0; LMAX];
            let mut em = vec![[0.0; LMAX]; 3];
            for l in 0..LMAX {
                start[l] = next();
                for p in 0..LMAX {
                    trans[p][l] = next();
                }
                for e in em.iter_mut() {
                    e[l] = next();
                }
            }
            let score = |p: &[usize]| {
                start[p[0]]
                    + em[0][p[0]]
                    + (1..p.len())
                        .map(|i| trans[p[i - 1]][p[i]] + em[i][p[i]])
                        .sum::<f32>()
            };
            let mut best = (f32::NEG_INFINITY, vec![]);
            for a in 0..LMAX {
                for b in 0..LMAX {
                    for c in 0..LMAX {
                        let p = vec![a, b, c];
                        if valid(&p) && score(&p) > best.0 {
                            best = (score(&p), p);
                        }
                    }
                }
            }
            let path = viterbi_scheme(scheme, &em, &trans, &start);
            assert!(valid(&path), "{path:?}");
            assert!(
                (score(&path) - best.0).abs() < 1e-3,
                "{path:?} vs {:?}",
                best.1
            );
        }
        // A lone token whose best emission is B-PERS cannot end there: U-PERS (or O) instead.
        let mut em = [[0.0; LMAX]; 1];
        em[0][1] = 10.0; // B-PERS
        em[0][4] = 5.0; // U-PERS
        let path = viterbi_scheme(scheme, &em, &[[0.0; LMAX]; LMAX], &[0.0; LMAX]);
        assert_eq!(path, [4]);
    }

    #[test]
    fn bilou_weights_round_trip() {
        let mut t = Tagger::empty_with(10, Resources::default(), Scheme::Bilou);
        let nl = BILOU_LABELS.len();
        t.weights[5 * nl + 16] = 2.5;
        t.trans[3][4] = 0.5;
        t.start[16] = -1.0;
        let mut buf = Vec::new();
        t.write_weights(&mut buf).unwrap();
        let back = Tagger::read_weights(&buf, Resources::default()).unwrap();
        assert_eq!(back.scheme(), Scheme::Bilou);
        assert!((back.weights[5 * nl + 16] - 2.5).abs() < 1e-3);
        assert_eq!(back.trans[3][4], 0.5);
        assert_eq!(back.start[16], -1.0);
    }

    #[test]
    fn weights_round_trip() {
        let mut t = Tagger::empty(10, Resources::default());
        t.weights[5 * L + 1] = 2.5;
        t.weights[700 * L + 3] = -1.25;
        t.trans[1][2] = 0.5;
        let mut buf = Vec::new();
        t.write_weights(&mut buf).unwrap();
        let back = Tagger::read_weights(&buf, Resources::default()).unwrap();
        assert!((back.weights[5 * L + 1] - 2.5).abs() < 1e-3);
        assert!((back.weights[700 * L + 3] + 1.25).abs() < 1e-3);
        assert_eq!(back.trans[1][2], 0.5);
        assert!(back.is_trained());
    }
}
