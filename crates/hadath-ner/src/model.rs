//! The tagger: a first-order structured perceptron (averaged) with Viterbi decoding over BIO.
//!
//! Emission weights live in a dense table of `2^bits` hashed feature buckets × labels;
//! transitions are a labels × labels matrix plus start weights. Decoding forbids `I-X` unless
//! it follows `B-X` or `I-X`, so every output is well-formed BIO. The weights file stores only
//! non-zero rows, quantised to i16 with one global scale: a tagger this size needs no more
//! precision, and it keeps the committed artifact a few MB.

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
    let n = em.len();
    if n == 0 {
        return Vec::new();
    }
    let mut score = vec![[f32::NEG_INFINITY; L]; n];
    let mut back = vec![[0usize; L]; n];
    for l in 0..L {
        if allowed(None, l) {
            score[0][l] = start[l] + em[0][l];
        }
    }
    for i in 1..n {
        for l in 0..L {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for p in 0..L {
                if !allowed(Some(p), l) || score[i - 1][p] == f32::NEG_INFINITY {
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
    for l in 0..L {
        if score[n - 1][l] > score[n - 1][last] {
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
    pub(crate) weights: Vec<f32>,
    pub(crate) trans: [[f32; L]; L],
    pub(crate) start: [f32; L],
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
        Tagger {
            bits,
            weights: vec![0.0; (1usize << bits) * L],
            trans: [[0.0; L]; L],
            start: [0.0; L],
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

    /// BIO tags (ANERcorp types) for a sentence of tokens. A two-pass tagger sees no other
    /// sentences here; [`Tagger::tag_sentences`] gives it the document.
    pub fn tag(&self, tokens: &[&str]) -> Vec<String> {
        if tokens.is_empty() {
            return Vec::new();
        }
        if self.doc.is_some() {
            return self.tag_sentences(&[tokens.to_vec()]).remove(0);
        }
        self.decode_tokens(tokens)
            .into_iter()
            .map(|i| LABELS[i].to_string())
            .collect()
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
        self.emissions_sentences(sentences)
            .iter()
            .map(|em| {
                self.viterbi(em)
                    .into_iter()
                    .map(|i| LABELS[i].to_string())
                    .collect()
            })
            .collect()
    }

    /// The per-token label scores (emissions, before transitions) the final pass decodes, for
    /// consecutive sentences of one document: what [`Tagger::tag_sentences`] runs Viterbi on,
    /// and what a stacked model reads.
    pub fn emissions_sentences(&self, sentences: &[Vec<&str>]) -> Vec<Vec<[f32; L]>> {
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
        let labels: Vec<Vec<usize>> = feats.iter().map(|f| first.decode(f)).collect();
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

    fn emissions(&self, feats: &[Vec<u32>]) -> Vec<[f32; L]> {
        feats
            .iter()
            .map(|fs| {
                let mut e = [0.0f32; L];
                e[0] = self.o_bias;
                for &f in fs {
                    let row = &self.weights[f as usize * L..f as usize * L + L];
                    for (a, b) in e.iter_mut().zip(row) {
                        *a += b;
                    }
                }
                e
            })
            .collect()
    }

    /// Viterbi over the BIO-constrained label lattice.
    pub(crate) fn decode(&self, feats: &[Vec<u32>]) -> Vec<usize> {
        self.viterbi(&self.emissions(feats))
    }

    /// The best BIO-valid label sequence for emissions under this tagger's transitions.
    pub fn viterbi(&self, em: &[[f32; L]]) -> Vec<usize> {
        viterbi_bio(em, &self.trans, &self.start)
    }

    /// Writes `weights.bin`: magic, bits, labels, transitions, then non-zero rows quantised.
    pub fn write_weights(&self, mut w: impl Write) -> std::io::Result<()> {
        let max = self
            .weights
            .iter()
            .fold(0f32, |m, x| m.max(x.abs()))
            .max(1e-6);
        let scale = max / 32767.0;
        w.write_all(b"HADATH-NER-2\n")?;
        w.write_all(&self.bits.to_le_bytes())?;
        w.write_all(&(L as u32).to_le_bytes())?;
        w.write_all(LABELS.join(",").as_bytes())?;
        w.write_all(b"\n")?;
        w.write_all(&scale.to_le_bytes())?;
        w.write_all(&self.o_bias.to_le_bytes())?;
        w.write_all(&self.domain.map_or(u32::MAX, u32::from).to_le_bytes())?;
        for row in &self.trans {
            for x in row {
                w.write_all(&x.to_le_bytes())?;
            }
        }
        for x in &self.start {
            w.write_all(&x.to_le_bytes())?;
        }
        let rows: Vec<usize> = (0..1usize << self.bits)
            .filter(|&r| {
                self.weights[r * L..r * L + L]
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
            for x in &self.weights[r * L..r * L + L] {
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
        if n_labels != L || labels != LABELS.join(",") || !(8..=26).contains(&bits) {
            return Err(bad("unexpected label set or table size"));
        }
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
        let mut tagger = Tagger::empty(bits, resources);
        tagger.o_bias = o_bias;
        tagger.domain = (domain != u32::MAX).then_some(domain as u8);
        for p in 0..L {
            for l in 0..L {
                tagger.trans[p][l] = f32_(&mut r)?;
            }
        }
        for l in 0..L {
            tagger.start[l] = f32_(&mut r)?;
        }
        let rows = u32_(&mut r)? as usize;
        let mut at = 0usize;
        for _ in 0..rows {
            at += u32_(&mut r)? as usize;
            if at >= 1 << bits {
                return Err(bad("row out of range"));
            }
            for l in 0..L {
                let mut b = [0u8; 2];
                r.read_exact(&mut b).map_err(|_| bad("truncated"))?;
                tagger.weights[at * L + l] = i16::from_le_bytes(b) as f32 * scale;
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
        for t in &taggers {
            for (a, b) in first.weights.iter_mut().zip(&t.weights) {
                *a += b;
            }
            for p in 0..L {
                for l in 0..L {
                    first.trans[p][l] += t.trans[p][l];
                }
                first.start[p] += t.start[p];
            }
        }
        first.weights.iter_mut().for_each(|w| *w /= n);
        for p in 0..L {
            for l in 0..L {
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
    trans_acc: [[f32; L]; L],
    start_acc: [f32; L],
    c: f32,
}

impl Trainer {
    pub fn new(tagger: Tagger) -> Trainer {
        let n = tagger.weights.len();
        Trainer {
            tagger,
            acc: vec![0.0; n],
            trans_acc: [[0.0; L]; L],
            start_acc: [0.0; L],
            c: 1.0,
        }
    }

    /// One stochastic-gradient step of the CRF log-likelihood on a sentence (weights move by
    /// `lr × (gold indicator − marginal)`), with the same running average as the perceptron:
    /// averaged SGD is a strong regulariser on its own. Returns the number of tokens whose
    /// most likely label (by marginal) was wrong.
    pub fn step_crf(&mut self, feats: &[Vec<u32>], gold: &[usize], lr: f32) -> usize {
        let t = &self.tagger;
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
        let mut alpha = vec![[neg; L]; n];
        let mut beta = vec![[neg; L]; n];
        for l in 0..L {
            if allowed(None, l) {
                alpha[0][l] = t.start[l] + em[0][l];
            }
        }
        let mut buf = [neg; L];
        for i in 1..n {
            for l in 0..L {
                for p in 0..L {
                    buf[p] = if allowed(Some(p), l) {
                        alpha[i - 1][p] + t.trans[p][l]
                    } else {
                        neg
                    };
                }
                alpha[i][l] = lse(&buf) + em[i][l];
            }
        }
        beta[n - 1] = [0.0; L];
        for i in (0..n - 1).rev() {
            for p in 0..L {
                for l in 0..L {
                    buf[l] = if allowed(Some(p), l) {
                        t.trans[p][l] + em[i + 1][l] + beta[i + 1][l]
                    } else {
                        neg
                    };
                }
                beta[i][p] = lse(&buf);
            }
        }
        let log_z = lse(&alpha[n - 1]);
        let c = self.c;
        let mut wrong = 0;
        for i in 0..n {
            let mut marg = [0f32; L];
            for l in 0..L {
                marg[l] = (alpha[i][l] + beta[i][l] - log_z).exp();
            }
            let best = (0..L)
                .max_by(|&a, &b| marg[a].total_cmp(&marg[b]))
                .unwrap_or(0);
            if best != gold[i] {
                wrong += 1;
            }
            let mut delta = [0f32; L];
            for l in 0..L {
                let target = if l == gold[i] { 1.0 } else { 0.0 };
                delta[l] = lr * (target - marg[l]);
            }
            for &f in &feats[i] {
                let base = f as usize * L;
                for l in 0..L {
                    if delta[l] != 0.0 {
                        self.tagger.weights[base + l] += delta[l];
                        self.acc[base + l] += c * delta[l];
                    }
                }
            }
            if i == 0 {
                for l in 0..L {
                    let d = lr * ((l == gold[0]) as u8 as f32 - marg[l]);
                    self.tagger.start[l] += d;
                    self.start_acc[l] += c * d;
                }
            } else {
                for p in 0..L {
                    for l in 0..L {
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
        let c = self.c * scale;
        let mut wrong = 0;
        for i in 0..gold.len() {
            let (g, p) = (gold[i], pred[i]);
            if g != p {
                wrong += 1;
                for &f in &feats[i] {
                    let base = f as usize * L;
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
        let mut trans = t.trans;
        for p in 0..L {
            for l in 0..L {
                trans[p][l] -= self.trans_acc[p][l] / c;
            }
        }
        let mut start = t.start;
        for l in 0..L {
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
