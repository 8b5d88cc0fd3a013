//! A small BiLSTM-CRF that re-reads the perceptron's output: the third pass.
//!
//! The perceptron sees a ±2-word window and hashed sparse features; it cannot combine the
//! SaudiNewsNet word vectors non-linearly (as real-valued features they cost F1) nor look
//! across a whole sentence. This model reads, per token, the perceptron's label scores
//! (emissions) and Viterbi label, and the word's skip-gram vector, runs a bidirectional LSTM
//! over the sentence and decodes with its own BIO-constrained CRF. Its training inputs come
//! from perceptrons that never saw the sentence (a jackknife, see `train`), so they are as
//! noisy as at tag time.
//!
//! Everything is plain `f32` arithmetic written out by hand (forward, backward through time,
//! CRF forward-backward, Adam): the model is ~50k parameters, too small for a tensor library
//! to pay for its compile time. Loops are written as `y += a * x` over contiguous rows so
//! they vectorise.

#![allow(clippy::needless_range_loop)] // gate and label loops read clearest as indices

use crate::embed::Rng;
use crate::model::{allowed, viterbi_bio};
use crate::NerError;
use hadath_language::clitics::lookup_forms;
use hadath_language::normalize::normalize_key;
use std::collections::HashMap;

const L: usize = crate::model::LABELS.len();

/// Dimensions of the word vectors.
pub const VEC_DIM: usize = 64;

/// Inputs per token: emissions, Viterbi label one-hot, word vector, two vector flags.
pub const INPUT_DIM: usize = 2 * L + VEC_DIM + 2;

/// Trainable embeddings per token (when on): the word, its clitic-stripped form, its first and
/// last three letters, its last two, each hashed into one shared table.
pub const SLOTS: usize = 5;
const BUCKETS: usize = 1 << 16;

/// SaudiNewsNet skip-gram vectors, unit-normalised and quantised to i8 with one scale.
#[derive(Clone, Default)]
pub struct WordVectors {
    index: HashMap<String, u32>,
    data: Vec<i8>,
    scale: f32,
}

impl WordVectors {
    /// Writes the vectors file: magic line, dim (u32), count (u32), scale (f32), then per word
    /// its UTF-8 length (u8), bytes and `dim` i8 components. `vecs` (vocab × dim, row-major) is
    /// unit-normalised in place. Words with whitespace or ≥ 256 bytes are skipped.
    pub fn encode(vocab: &[String], vecs: &mut [f32], dim: usize) -> Vec<u8> {
        for row in vecs.chunks_mut(dim) {
            let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-8);
            row.iter_mut().for_each(|x| *x /= norm);
        }
        let max = vecs.iter().fold(1e-6f32, |m, x| m.max(x.abs()));
        let scale = max / 127.0;
        let keep: Vec<usize> = (0..vocab.len())
            .filter(|&i| !vocab[i].contains(char::is_whitespace) && vocab[i].len() < 256)
            .collect();
        let mut out = b"HADATH-VEC-1\n".to_vec();
        out.extend_from_slice(&(dim as u32).to_le_bytes());
        out.extend_from_slice(&(keep.len() as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for i in keep {
            out.push(vocab[i].len() as u8);
            out.extend_from_slice(vocab[i].as_bytes());
            for x in &vecs[i * dim..i * dim + dim] {
                out.push((x / scale).round().clamp(-127.0, 127.0) as i8 as u8);
            }
        }
        out
    }

    /// Reads a file written by [`WordVectors::encode`].
    pub fn parse(bytes: &[u8]) -> Result<WordVectors, NerError> {
        let bad = |why: &str| NerError::Model(format!("word vectors: {why}"));
        let head = b"HADATH-VEC-1\n";
        if bytes.len() < head.len() + 12 || &bytes[..head.len()] != head {
            return Err(bad("not a hadath vectors file"));
        }
        let r = &bytes[head.len()..];
        let u = |o: usize| u32::from_le_bytes([r[o], r[o + 1], r[o + 2], r[o + 3]]);
        let (dim, n) = (u(0) as usize, u(4) as usize);
        if dim != VEC_DIM {
            return Err(bad(&format!("dimension {dim}, expected {VEC_DIM}")));
        }
        let scale = f32::from_le_bytes([r[8], r[9], r[10], r[11]]);
        let mut out = WordVectors {
            index: HashMap::with_capacity(n),
            data: Vec::with_capacity(n * dim),
            scale,
        };
        let mut at = 12;
        for _ in 0..n {
            let len = *r.get(at).ok_or_else(|| bad("truncated"))? as usize;
            let end = at + 1 + len;
            if end + dim > r.len() {
                return Err(bad("truncated"));
            }
            let word =
                std::str::from_utf8(&r[at + 1..end]).map_err(|_| bad("a word is not UTF-8"))?;
            out.index.insert(word.to_string(), out.index.len() as u32);
            out.data.extend(r[end..end + dim].iter().map(|&b| b as i8));
            at = end + dim;
        }
        Ok(out)
    }

    /// Number of words with a vector.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether there are no vectors.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    fn get(&self, key: &str) -> Option<&[i8]> {
        let i = *self.index.get(key)? as usize;
        Some(&self.data[i * VEC_DIM..(i + 1) * VEC_DIM])
    }

    /// Writes the vector of `word` (else of its first clitic-stripped form that has one) into
    /// `out` and returns (found for the word, found for a stripped form).
    fn fill(&self, word: &str, out: &mut [f32]) -> (bool, bool) {
        let key = normalize_key(word);
        let (v, whole) = match self.get(&key) {
            Some(v) => (Some(v), true),
            None => (
                lookup_forms(word)
                    .into_iter()
                    .skip(1)
                    .find_map(|f| self.get(&f.key)),
                false,
            ),
        };
        match v {
            Some(v) => {
                for (o, &x) in out.iter_mut().zip(v) {
                    *o = x as f32 * self.scale;
                }
                (whole, !whole)
            }
            None => {
                out.iter_mut().for_each(|o| *o = 0.0);
                (false, false)
            }
        }
    }
}

/// The raw inputs of one sentence (`tokens.len()` × [`INPUT_DIM`], row-major) from the
/// perceptron's emissions and labels and the word vectors.
pub fn sentence_inputs(
    tokens: &[&str],
    emissions: &[[f32; L]],
    labels: &[usize],
    vectors: &WordVectors,
) -> Vec<f32> {
    let mut x = vec![0.0f32; tokens.len() * INPUT_DIM];
    for (t, row) in x.chunks_mut(INPUT_DIM).enumerate() {
        row[..L].copy_from_slice(&emissions[t]);
        row[L + labels[t]] = 1.0;
        let (whole, stripped) = vectors.fill(tokens[t], &mut row[2 * L..2 * L + VEC_DIM]);
        row[2 * L + VEC_DIM] = whole as u8 as f32;
        row[2 * L + VEC_DIM + 1] = stripped as u8 as f32;
    }
    x
}

/// The embedding-table rows of a sentence's tokens ([`SLOTS`] per token).
pub fn sentence_ids(tokens: &[&str]) -> Vec<u32> {
    let hash = |slot: u8, s: &str| -> u32 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ slot as u64;
        for b in s.bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x100_0000_01b3);
        }
        (h % BUCKETS as u64) as u32
    };
    let mut ids = Vec::with_capacity(tokens.len() * SLOTS);
    for w in tokens {
        let key = normalize_key(w);
        let stripped = lookup_forms(w)
            .into_iter()
            .nth(1)
            .map_or_else(|| key.clone(), |f| f.key);
        let chars: Vec<char> = key.chars().collect();
        let n = chars.len();
        let first3: String = chars[..n.min(3)].iter().collect();
        let last3: String = chars[n.saturating_sub(3)..].iter().collect();
        let last2: String = chars[n.saturating_sub(2)..].iter().collect();
        ids.push(hash(0, &key));
        ids.push(hash(1, &stripped));
        ids.push(hash(2, &first3));
        ids.push(hash(3, &last3));
        ids.push(hash(4, &last2));
    }
    ids
}

/// Where each parameter block lives in the flat parameter vector.
#[derive(Debug, Clone, Copy)]
struct Layout {
    /// Raw inputs per token ([`INPUT_DIM`]), embedding size per slot (0 = none), LSTM input
    /// size (raw + slots × embedding) and hidden units per direction.
    raw: usize,
    emb: usize,
    d: usize,
    h: usize,
    /// The embedding table (BUCKETS × emb).
    table: usize,
    /// Per direction: input weights (d × 4h, row k = input k), recurrent weights (h × 4h),
    /// bias (4h). Gate order i, f, g, o.
    wx: [usize; 2],
    wh: [usize; 2],
    b: [usize; 2],
    /// Output weights (2h × L, row j = hidden unit j), bias (L).
    wo: usize,
    bo: usize,
    /// CRF transitions (L × L, from × to) and start scores (L).
    trans: usize,
    start: usize,
    total: usize,
}

impl Layout {
    fn new(raw: usize, emb: usize, h: usize) -> Layout {
        let d = raw + SLOTS * emb;
        let mut at = 0;
        let mut take = |n: usize| {
            let o = at;
            at += n;
            o
        };
        let g = 4 * h;
        let wx0 = take(d * g);
        let wh0 = take(h * g);
        let b0 = take(g);
        let wx1 = take(d * g);
        let wh1 = take(h * g);
        let b1 = take(g);
        let wo = take(2 * h * L);
        let bo = take(L);
        let trans = take(L * L);
        let start = take(L);
        let table = take(if emb > 0 { BUCKETS * emb } else { 0 });
        Layout {
            raw,
            emb,
            d,
            h,
            table,
            wx: [wx0, wx1],
            wh: [wh0, wh1],
            b: [b0, b1],
            wo,
            bo,
            trans,
            start,
            total: at,
        }
    }
}

/// A trained BiLSTM-CRF.
#[derive(Clone)]
pub struct Refiner {
    layout: Layout,
    /// Input standardisation (per input dimension), from the training inputs.
    mean: Vec<f32>,
    inv_std: Vec<f32>,
    params: Vec<f32>,
}

impl std::fmt::Debug for Refiner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Refiner")
            .field("inputs", &self.layout.d)
            .field("hidden", &self.layout.h)
            .field("parameters", &self.layout.total)
            .finish()
    }
}

#[inline]
fn axpy(y: &mut [f32], a: f32, x: &[f32]) {
    for (y, x) in y.iter_mut().zip(x) {
        *y += a * x;
    }
}

/// Dot product with eight independent accumulators (so it vectorises without fast-math).
#[inline]
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0.0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    let mut s: f32 = acc.iter().sum();
    for (x, y) in ra.iter().zip(rb) {
        s += x * y;
    }
    s
}

#[inline]
fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

fn log_sum_exp(xs: impl Iterator<Item = f32>) -> f32 {
    let v: Vec<f32> = xs.collect();
    let m = v.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
    if m == f32::NEG_INFINITY {
        return m;
    }
    m + v.iter().map(|x| (x - m).exp()).sum::<f32>().ln()
}

/// Activations of one direction over a sentence, indexed by token position.
struct DirCache {
    /// Post-activation gates i, f, g, o (n × 4h).
    gates: Vec<f32>,
    c: Vec<f32>,
    h: Vec<f32>,
}

/// Everything the backward pass needs.
struct Forward {
    x: Vec<f32>,
    /// Input dropout multipliers (n × d; empty = no dropout).
    xmask: Vec<f32>,
    dirs: [DirCache; 2],
    /// Hidden states after dropout, n × 2h (forward then backward half).
    hd: Vec<f32>,
    hmask: Vec<f32>,
    em: Vec<[f32; L]>,
}

impl Refiner {
    fn new(raw: usize, emb: usize, h: usize, rng: &mut Rng) -> Refiner {
        let layout = Layout::new(raw, emb, h);
        let d = layout.d;
        let mut params = vec![0.0f32; layout.total];
        let a = 1.0 / (h as f32).sqrt();
        let g = 4 * h;
        for dir in 0..2 {
            for p in &mut params[layout.wx[dir]..layout.wx[dir] + d * g] {
                *p = (rng.unit() * 2.0 - 1.0) * a;
            }
            for p in &mut params[layout.wh[dir]..layout.wh[dir] + h * g] {
                *p = (rng.unit() * 2.0 - 1.0) * a;
            }
            // Forget gates start open: gradients flow through time from the first update.
            for p in &mut params[layout.b[dir] + h..layout.b[dir] + 2 * h] {
                *p = 1.0;
            }
        }
        let ao = (6.0 / (2 * h + L) as f32).sqrt();
        for p in &mut params[layout.wo..layout.wo + 2 * h * L] {
            *p = (rng.unit() * 2.0 - 1.0) * ao;
        }
        for p in &mut params[layout.table..layout.table + BUCKETS * emb] {
            *p = (rng.unit() * 2.0 - 1.0) * 0.1;
        }
        Refiner {
            layout,
            mean: vec![0.0; raw],
            inv_std: vec![1.0; raw],
            params,
        }
    }

    /// Number of hidden units per direction.
    pub fn hidden(&self) -> usize {
        self.layout.h
    }

    /// The LSTM inputs: standardised raw inputs, then the tokens' embeddings.
    fn inputs(&self, raw: &[f32], ids: &[u32]) -> Vec<f32> {
        let Layout { raw: r, emb, d, .. } = self.layout;
        let n = raw.len() / r;
        let mut x = vec![0.0f32; n * d];
        for t in 0..n {
            let row = &mut x[t * d..(t + 1) * d];
            for k in 0..r {
                row[k] = (raw[t * r + k] - self.mean[k]) * self.inv_std[k];
            }
            if emb > 0 {
                for s in 0..SLOTS {
                    let at = self.layout.table + ids[t * SLOTS + s] as usize * emb;
                    row[r + s * emb..r + (s + 1) * emb].copy_from_slice(&self.params[at..at + emb]);
                }
            }
        }
        x
    }

    fn run_direction(&self, x: &[f32], n: usize, dir: usize) -> DirCache {
        let Layout { d, h, .. } = self.layout;
        let g = 4 * h;
        let p = &self.params;
        let wx = &p[self.layout.wx[dir]..self.layout.wx[dir] + d * g];
        let wh = &p[self.layout.wh[dir]..self.layout.wh[dir] + h * g];
        let b = &p[self.layout.b[dir]..self.layout.b[dir] + g];
        let mut cache = DirCache {
            gates: vec![0.0; n * g],
            c: vec![0.0; n * h],
            h: vec![0.0; n * h],
        };
        let mut z = vec![0.0f32; g];
        let mut prev: Option<usize> = None;
        for s in 0..n {
            let t = if dir == 0 { s } else { n - 1 - s };
            z.copy_from_slice(b);
            for (k, &xk) in x[t * d..(t + 1) * d].iter().enumerate() {
                if xk != 0.0 {
                    axpy(&mut z, xk, &wx[k * g..(k + 1) * g]);
                }
            }
            if let Some(tp) = prev {
                for k in 0..h {
                    let hk = cache.h[tp * h + k];
                    axpy(&mut z, hk, &wh[k * g..(k + 1) * g]);
                }
            }
            let gates = &mut cache.gates[t * g..(t + 1) * g];
            for j in 0..h {
                gates[j] = sigmoid(z[j]);
                gates[h + j] = sigmoid(z[h + j]);
                gates[2 * h + j] = z[2 * h + j].tanh();
                gates[3 * h + j] = sigmoid(z[3 * h + j]);
            }
            for j in 0..h {
                let c_prev = prev.map_or(0.0, |tp| cache.c[tp * h + j]);
                let c = gates[h + j] * c_prev + gates[j] * gates[2 * h + j];
                cache.c[t * h + j] = c;
                cache.h[t * h + j] = gates[3 * h + j] * c.tanh();
            }
            prev = Some(t);
        }
        cache
    }

    /// Forward pass; `dropout` = (input rate, hidden rate, rng) in training, None at tag time.
    fn forward(&self, raw: &[f32], ids: &[u32], dropout: Option<(f32, f32, &mut Rng)>) -> Forward {
        let Layout { raw: r, h, .. } = self.layout;
        let n = raw.len() / r;
        let mut x = self.inputs(raw, ids);
        let mut xmask = Vec::new();
        let mut hmask = Vec::new();
        let mut drop_rng = None;
        let mut hidden_rate = 0.0;
        if let Some((rate_in, rate_h, rng)) = dropout {
            if rate_in > 0.0 {
                let keep = 1.0 / (1.0 - rate_in);
                xmask = (0..x.len())
                    .map(|_| if rng.unit() < rate_in { 0.0 } else { keep })
                    .collect();
                for (v, m) in x.iter_mut().zip(&xmask) {
                    *v *= m;
                }
            }
            hidden_rate = rate_h;
            drop_rng = Some(rng);
        }
        let dirs = [self.run_direction(&x, n, 0), self.run_direction(&x, n, 1)];
        let mut hd = vec![0.0f32; n * 2 * h];
        for t in 0..n {
            hd[t * 2 * h..t * 2 * h + h].copy_from_slice(&dirs[0].h[t * h..(t + 1) * h]);
            hd[t * 2 * h + h..(t + 1) * 2 * h].copy_from_slice(&dirs[1].h[t * h..(t + 1) * h]);
        }
        if let Some(rng) = drop_rng {
            if hidden_rate > 0.0 {
                let keep = 1.0 / (1.0 - hidden_rate);
                hmask = (0..hd.len())
                    .map(|_| if rng.unit() < hidden_rate { 0.0 } else { keep })
                    .collect();
                for (v, m) in hd.iter_mut().zip(&hmask) {
                    *v *= m;
                }
            }
        }
        let p = &self.params;
        let wo = &p[self.layout.wo..self.layout.wo + 2 * h * L];
        let bo = &p[self.layout.bo..self.layout.bo + L];
        let em = (0..n)
            .map(|t| {
                let mut e = [0.0f32; L];
                e.copy_from_slice(bo);
                for j in 0..2 * h {
                    let v = hd[t * 2 * h + j];
                    axpy(&mut e, v, &wo[j * L..(j + 1) * L]);
                }
                e
            })
            .collect();
        Forward {
            x,
            xmask,
            dirs,
            hd,
            hmask,
            em,
        }
    }

    fn trans(&self, from: usize, to: usize) -> f32 {
        self.params[self.layout.trans + from * L + to]
    }

    fn start(&self, to: usize) -> f32 {
        self.params[self.layout.start + to]
    }

    /// Label indices (into [`crate::LABELS`]) for one sentence's raw inputs and embedding ids.
    pub fn decode(&self, raw: &[f32], ids: &[u32]) -> Vec<usize> {
        let f = self.forward(raw, ids, None);
        self.viterbi(&f.em)
    }

    /// The label scores (before transitions) for one sentence.
    pub fn emissions(&self, raw: &[f32], ids: &[u32]) -> Vec<[f32; L]> {
        self.forward(raw, ids, None).em
    }

    /// The best BIO-valid label sequence for emissions under this model's CRF.
    pub fn viterbi(&self, em: &[[f32; L]]) -> Vec<usize> {
        let mut trans = [[0.0f32; L]; L];
        let mut start = [0.0f32; L];
        for (p, row) in trans.iter_mut().enumerate() {
            for (l, t) in row.iter_mut().enumerate() {
                *t = self.trans(p, l);
            }
        }
        for (l, s) in start.iter_mut().enumerate() {
            *s = self.start(l);
        }
        viterbi_bio(em, &trans, &start)
    }

    /// Negative log-likelihood of `gold` and its gradient, added (× `weight`) into `grad`.
    #[allow(clippy::too_many_arguments)]
    fn loss_and_gradient(
        &self,
        raw: &[f32],
        ids: &[u32],
        gold: &[usize],
        weight: f32,
        rates: (f32, f32),
        rng: &mut Rng,
        grad: &mut [f32],
    ) -> f32 {
        let Layout {
            raw: r, emb, d, h, ..
        } = self.layout;
        let g = 4 * h;
        let f = self.forward(raw, ids, Some((rates.0, rates.1, rng)));
        let n = f.em.len();
        // CRF forward-backward (log space; disallowed transitions are -inf).
        let mut alpha = vec![[f32::NEG_INFINITY; L]; n];
        for l in 0..L {
            if allowed(None, l) {
                alpha[0][l] = self.start(l) + f.em[0][l];
            }
        }
        for t in 1..n {
            for l in 0..L {
                let s = log_sum_exp(
                    (0..L)
                        .filter(|&p| allowed(Some(p), l))
                        .map(|p| alpha[t - 1][p] + self.trans(p, l)),
                );
                alpha[t][l] = s + f.em[t][l];
            }
        }
        let log_z = log_sum_exp(alpha[n - 1].iter().copied());
        let mut beta = vec![[0.0f32; L]; n];
        for t in (0..n - 1).rev() {
            for p in 0..L {
                beta[t][p] = log_sum_exp(
                    (0..L)
                        .filter(|&l| allowed(Some(p), l))
                        .map(|l| self.trans(p, l) + f.em[t + 1][l] + beta[t + 1][l]),
                );
            }
        }
        let mut gold_score = self.start(gold[0]) + f.em[0][gold[0]];
        for t in 1..n {
            gold_score += self.trans(gold[t - 1], gold[t]) + f.em[t][gold[t]];
        }
        let lay = self.layout;
        // d loss / d emissions = marginals - gold.
        let mut de = vec![[0.0f32; L]; n];
        for t in 0..n {
            for l in 0..L {
                let m = (alpha[t][l] + beta[t][l] - log_z).exp();
                de[t][l] = weight * (m - (gold[t] == l) as u8 as f32);
            }
        }
        for l in 0..L {
            grad[lay.start + l] += de[0][l];
        }
        for t in 1..n {
            for p in 0..L {
                if alpha[t - 1][p] == f32::NEG_INFINITY {
                    continue;
                }
                for l in 0..L {
                    if !allowed(Some(p), l) {
                        continue;
                    }
                    let m = (alpha[t - 1][p] + self.trans(p, l) + f.em[t][l] + beta[t][l] - log_z)
                        .exp();
                    grad[lay.trans + p * L + l] += weight * m;
                }
            }
            grad[lay.trans + gold[t - 1] * L + gold[t]] -= weight;
        }
        // Output layer.
        let p = &self.params;
        let wo = &p[lay.wo..lay.wo + 2 * h * L];
        let mut dh_out = vec![0.0f32; n * 2 * h];
        for t in 0..n {
            for l in 0..L {
                grad[lay.bo + l] += de[t][l];
            }
            for j in 0..2 * h {
                let v = f.hd[t * 2 * h + j];
                if v != 0.0 {
                    axpy(&mut grad[lay.wo + j * L..lay.wo + (j + 1) * L], v, &de[t]);
                }
                dh_out[t * 2 * h + j] = dot(&wo[j * L..(j + 1) * L], &de[t]);
            }
        }
        if !f.hmask.is_empty() {
            for (v, m) in dh_out.iter_mut().zip(&f.hmask) {
                *v *= m;
            }
        }
        // Backward through time, each direction.
        let mut dz = vec![0.0f32; g];
        let mut dh_next = vec![0.0f32; h];
        let mut dc_next = vec![0.0f32; h];
        // Gradient of the embedding inputs (n × slots·emb), both directions.
        let mut dxe = vec![0.0f32; n * SLOTS * emb];
        for dir in 0..2 {
            let cache = &f.dirs[dir];
            let wh = &p[lay.wh[dir]..lay.wh[dir] + h * g];
            let wx = &p[lay.wx[dir]..lay.wx[dir] + d * g];
            dh_next.iter_mut().for_each(|v| *v = 0.0);
            dc_next.iter_mut().for_each(|v| *v = 0.0);
            for s in (0..n).rev() {
                let t = if dir == 0 { s } else { n - 1 - s };
                let prev = (s > 0).then(|| if dir == 0 { s - 1 } else { n - s });
                let gates = &cache.gates[t * g..(t + 1) * g];
                for j in 0..h {
                    let dh = dh_out[t * 2 * h + dir * h + j] + dh_next[j];
                    let (i, fg, gg, o) =
                        (gates[j], gates[h + j], gates[2 * h + j], gates[3 * h + j]);
                    let tc = cache.c[t * h + j].tanh();
                    let dc = dc_next[j] + dh * o * (1.0 - tc * tc);
                    let c_prev = prev.map_or(0.0, |tp| cache.c[tp * h + j]);
                    dz[j] = dc * gg * i * (1.0 - i);
                    dz[h + j] = dc * c_prev * fg * (1.0 - fg);
                    dz[2 * h + j] = dc * i * (1.0 - gg * gg);
                    dz[3 * h + j] = dh * tc * o * (1.0 - o);
                    dc_next[j] = dc * fg;
                }
                axpy(&mut grad[lay.b[dir]..lay.b[dir] + g], 1.0, &dz);
                for (k, &xk) in f.x[t * d..(t + 1) * d].iter().enumerate() {
                    if xk != 0.0 {
                        let at = lay.wx[dir] + k * g;
                        axpy(&mut grad[at..at + g], xk, &dz);
                    }
                }
                for k in r..d {
                    dxe[t * SLOTS * emb + k - r] += dot(&wx[k * g..(k + 1) * g], &dz);
                }
                if let Some(tp) = prev {
                    for k in 0..h {
                        let hk = cache.h[tp * h + k];
                        let at = lay.wh[dir] + k * g;
                        axpy(&mut grad[at..at + g], hk, &dz);
                        dh_next[k] = dot(&wh[k * g..(k + 1) * g], &dz);
                    }
                } else {
                    dh_next.iter_mut().for_each(|v| *v = 0.0);
                }
            }
        }
        if emb > 0 {
            for t in 0..n {
                for s in 0..SLOTS {
                    let at = lay.table + ids[t * SLOTS + s] as usize * emb;
                    for e in 0..emb {
                        let k = r + s * emb + e;
                        let m = if f.xmask.is_empty() {
                            1.0
                        } else {
                            f.xmask[t * d + k]
                        };
                        grad[at + e] += m * dxe[t * SLOTS * emb + s * emb + e];
                    }
                }
            }
        }
        weight * (log_z - gold_score)
    }

    /// Writes the model: magic line, raw inputs, embedding size, hidden units (u32), then mean, inv_std and the parameters as f32.
    pub fn write(&self) -> Vec<u8> {
        let mut out = b"HADATH-REFINER-2\n".to_vec();
        out.extend_from_slice(&(self.layout.raw as u32).to_le_bytes());
        out.extend_from_slice(&(self.layout.emb as u32).to_le_bytes());
        out.extend_from_slice(&(self.layout.h as u32).to_le_bytes());
        for v in self.mean.iter().chain(&self.inv_std).chain(&self.params) {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out
    }

    /// Reads a model written by [`Refiner::write`].
    pub fn read(bytes: &[u8]) -> Result<Refiner, NerError> {
        let bad = |why: &str| NerError::Model(format!("refiner: {why}"));
        let head = b"HADATH-REFINER-2\n";
        if bytes.len() < head.len() + 12 || &bytes[..head.len()] != head {
            return Err(bad("not a hadath refiner file"));
        }
        let r = &bytes[head.len()..];
        let u = |o: usize| u32::from_le_bytes([r[o], r[o + 1], r[o + 2], r[o + 3]]) as usize;
        let (d, emb, h) = (u(0), u(4), u(8));
        if d != INPUT_DIM || h == 0 || h > 1024 || emb > 256 {
            return Err(bad(&format!("shape {d} + {emb} × {h}")));
        }
        let layout = Layout::new(d, emb, h);
        let floats: Vec<f32> = r[12..]
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        if floats.len() != 2 * d + layout.total {
            return Err(bad("truncated or wrong size"));
        }
        Ok(Refiner {
            layout,
            mean: floats[..d].to_vec(),
            inv_std: floats[d..2 * d].to_vec(),
            params: floats[2 * d..].to_vec(),
        })
    }
}

/// Settings of a refiner run.
#[derive(Debug, Clone, Copy)]
pub struct RefinerOptions {
    pub hidden: usize,
    pub epochs: usize,
    /// Sentences per Adam step.
    pub batch: usize,
    pub learning_rate: f32,
    pub input_dropout: f32,
    pub hidden_dropout: f32,
    pub seed: u64,
    pub threads: usize,
    /// Trainable embedding size per slot ([`SLOTS`] per token; 0 = none).
    pub embedding: usize,
    /// Decay of the exponential moving average of the weights that is returned (and shown to
    /// `after_epoch`); 0 = the raw weights. Averaging damps the epoch-to-epoch swings.
    pub ema: f32,
}

impl Default for RefinerOptions {
    fn default() -> RefinerOptions {
        RefinerOptions {
            hidden: 48,
            epochs: 15,
            batch: 16,
            learning_rate: 0.002,
            input_dropout: 0.2,
            hidden_dropout: 0.3,
            seed: 1,
            threads: 2,
            embedding: 0,
            ema: 0.0,
        }
    }
}

/// One training sentence: raw inputs (n × [`INPUT_DIM`]), embedding ids (n × [`SLOTS`], see
/// [`sentence_ids`]), gold labels, loss weight.
pub struct Example {
    pub inputs: Vec<f32>,
    pub ids: Vec<u32>,
    pub gold: Vec<usize>,
    pub weight: f32,
}

/// Turns gold tags into valid BIO label indices (an `I-X` that cannot follow becomes `B-X`).
pub fn repair_bio(labels: &mut [usize]) {
    for t in 0..labels.len() {
        let prev = (t > 0).then(|| labels[t - 1]);
        if !allowed(prev, labels[t]) {
            labels[t] -= 1;
        }
    }
}

/// Trains a refiner with Adam. `after_epoch` sees the model after each epoch (dev scores for
/// the log; it never steers training).
pub fn fit_refiner(
    examples: &[Example],
    opts: RefinerOptions,
    after_epoch: &mut dyn FnMut(usize, &Refiner, f32),
) -> Refiner {
    let d = INPUT_DIM;
    let mut rng = Rng::new(opts.seed);
    let mut model = Refiner::new(d, opts.embedding, opts.hidden, &mut rng);
    // Standardise inputs with the training statistics (vector flags and one-hots included).
    let mut sum = vec![0.0f64; d];
    let mut sq = vec![0.0f64; d];
    let mut count = 0usize;
    for e in examples {
        for row in e.inputs.chunks(d) {
            for k in 0..d {
                sum[k] += row[k] as f64;
                sq[k] += (row[k] as f64).powi(2);
            }
            count += 1;
        }
    }
    for k in 0..d {
        let m = sum[k] / count.max(1) as f64;
        let var = (sq[k] / count.max(1) as f64 - m * m).max(0.0);
        model.mean[k] = m as f32;
        model.inv_std[k] = if var > 1e-12 {
            (1.0 / var.sqrt()) as f32
        } else {
            1.0
        };
    }
    let total = model.layout.total;
    let (mut m1, mut m2) = (vec![0.0f32; total], vec![0.0f32; total]);
    let (b1, b2, eps) = (0.9f32, 0.999f32, 1e-8f32);
    let mut step = 0i32;
    let mut averaged = model.clone();
    let mut order: Vec<usize> = (0..examples.len())
        .filter(|&i| !examples[i].gold.is_empty())
        .collect();
    let threads = opts.threads.max(1);
    for epoch in 0..opts.epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let mut epoch_loss = 0.0f32;
        for batch in order.chunks(opts.batch.max(1)) {
            // Each thread's share of the batch with its own dropout stream: deterministic for
            // a given seed and thread count.
            let part = batch.len().div_ceil(threads);
            let seeds: Vec<u64> = (0..threads).map(|_| rng.next_u64()).collect();
            let model_ref = &model;
            let results: Vec<(Vec<f32>, f32)> = std::thread::scope(|scope| {
                let handles: Vec<_> = batch
                    .chunks(part)
                    .zip(&seeds)
                    .map(|(items, &seed)| {
                        scope.spawn(move || {
                            let mut grad = vec![0.0f32; total];
                            let mut r = Rng::new(seed);
                            let mut loss = 0.0;
                            for &i in items {
                                let e = &examples[i];
                                loss += model_ref.loss_and_gradient(
                                    &e.inputs,
                                    &e.ids,
                                    &e.gold,
                                    e.weight,
                                    (opts.input_dropout, opts.hidden_dropout),
                                    &mut r,
                                    &mut grad,
                                );
                            }
                            (grad, loss)
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().expect("refiner thread"))
                    .collect()
            });
            let mut grad = vec![0.0f32; total];
            for (g, loss) in &results {
                axpy(&mut grad, 1.0, g);
                epoch_loss += loss;
            }
            // Clip the global norm at 5: early CRF gradients on long sentences are large.
            let norm = grad.iter().map(|g| g * g).sum::<f32>().sqrt();
            if norm > 5.0 {
                let s = 5.0 / norm;
                grad.iter_mut().for_each(|g| *g *= s);
            }
            step += 1;
            let (c1, c2) = (1.0 - b1.powi(step), 1.0 - b2.powi(step));
            let lr = opts.learning_rate;
            for k in 0..total {
                let g = grad[k];
                m1[k] = b1 * m1[k] + (1.0 - b1) * g;
                m2[k] = b2 * m2[k] + (1.0 - b2) * g * g;
                model.params[k] -= lr * (m1[k] / c1) / ((m2[k] / c2).sqrt() + eps);
            }
            if opts.ema > 0.0 {
                // Bias-corrected start: early on the average follows the weights closely.
                let decay = opts.ema.min((1.0 + step as f32) / (10.0 + step as f32));
                for (a, w) in averaged.params.iter_mut().zip(&model.params) {
                    *a = decay * *a + (1.0 - decay) * w;
                }
            }
        }
        if opts.ema > 0.0 {
            after_epoch(epoch + 1, &averaged, epoch_loss);
        } else {
            after_epoch(epoch + 1, &model, epoch_loss);
        }
    }
    if opts.ema > 0.0 {
        averaged
    } else {
        model
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy_example(rng: &mut Rng, n: usize) -> Example {
        let mut inputs = vec![0.0f32; n * INPUT_DIM];
        let mut gold = vec![0usize; n];
        for t in 0..n {
            // Two informative dimensions and a few of noise; the rest stay 0.
            for k in 2 * L..2 * L + 5 {
                inputs[t * INPUT_DIM + k] = rng.unit() - 0.5;
            }
            // The label is read off the first two vector dimensions, with context: B-PERS when the first is
            // high, I-PERS when the previous token was a name and the second is high.
            let v = inputs[t * INPUT_DIM + 2 * L];
            let w = inputs[t * INPUT_DIM + 2 * L + 1];
            gold[t] = if v > 0.2 {
                1
            } else if t > 0 && gold[t - 1] != 0 && w > 0.0 {
                2
            } else {
                0
            };
        }
        // Embedding rows that also carry the label (a token's row 7 marks a name).
        let ids = (0..n * SLOTS)
            .map(|k| {
                if k % SLOTS == 0 && gold[k / SLOTS] == 1 {
                    7
                } else {
                    rng.below(40) as u32 + 8
                }
            })
            .collect();
        Example {
            inputs,
            ids,
            gold,
            weight: 1.0,
        }
    }

    #[test]
    fn gradients_match_finite_differences() {
        let mut rng = Rng::new(3);
        let mut model = Refiner::new(INPUT_DIM, 3, 4, &mut rng);
        let e = toy_example(&mut rng, 5);
        let mut grad = vec![0.0f32; model.layout.total];
        let mut r = Rng::new(9);
        model.loss_and_gradient(
            &e.inputs,
            &e.ids,
            &e.gold,
            1.0,
            (0.0, 0.0),
            &mut r,
            &mut grad,
        );
        let lay = model.layout;
        // A few parameters from every block.
        let probes = [
            lay.wx[0] + 2 * L * 16 + 3,
            lay.wh[0] + 5,
            lay.b[0] + 9,
            lay.wx[1] + 2 * L * 16 + 1,
            lay.wh[1] + 7,
            lay.b[1] + 2,
            lay.wo + 4,
            lay.bo + 1,
            lay.trans + L + 2,
            lay.start + 1,
            lay.table + e.ids[0] as usize * 3 + 1,
            lay.table + e.ids[SLOTS + 2] as usize * 3,
        ];
        for &k in &probes {
            let eps = 1e-2f32;
            let orig = model.params[k];
            let mut loss_at = |v: f32| {
                model.params[k] = v;
                let mut scratch = vec![0.0f32; lay.total];
                let l = model.loss_and_gradient(
                    &e.inputs,
                    &e.ids,
                    &e.gold,
                    1.0,
                    (0.0, 0.0),
                    &mut Rng::new(9),
                    &mut scratch,
                );
                l as f64
            };
            let numeric = (loss_at(orig + eps) - loss_at(orig - eps)) / (2.0 * eps as f64);
            model.params[k] = orig;
            let analytic = grad[k] as f64;
            assert!(
                (numeric - analytic).abs() < 2e-2 * (1.0 + numeric.abs()),
                "parameter {k}: numeric {numeric}, analytic {analytic}"
            );
        }
    }

    #[test]
    fn learns_a_toy_sequence_task_and_round_trips() {
        let mut rng = Rng::new(5);
        let train: Vec<Example> = (0..300).map(|_| toy_example(&mut rng, 8)).collect();
        let test: Vec<Example> = (0..50).map(|_| toy_example(&mut rng, 8)).collect();
        let opts = RefinerOptions {
            hidden: 8,
            epochs: 10,
            learning_rate: 0.01,
            input_dropout: 0.0,
            hidden_dropout: 0.0,
            threads: 2,
            embedding: 2,
            ..RefinerOptions::default()
        };
        let model = fit_refiner(&train, opts, &mut |_, _, _| {});
        let accuracy = |m: &Refiner| {
            let (mut right, mut all) = (0, 0);
            for e in &test {
                for (p, g) in m.decode(&e.inputs, &e.ids).iter().zip(&e.gold) {
                    right += (p == g) as usize;
                    all += 1;
                }
            }
            right as f64 / all as f64
        };
        let acc = accuracy(&model);
        // Always-O scores about 0.6 here.
        assert!(acc > 0.9, "toy accuracy {acc}");
        let back = Refiner::read(&model.write()).unwrap();
        assert_eq!(accuracy(&back), acc);
        assert!(Refiner::read(&model.write()[..100]).is_err());
    }

    #[test]
    fn repaired_gold_is_valid_bio() {
        let mut labels = vec![2, 2, 0, 4, 3, 4, 6];
        repair_bio(&mut labels);
        assert_eq!(labels, vec![1, 2, 0, 3, 3, 4, 5]);
    }
}
