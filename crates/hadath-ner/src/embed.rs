//! Word clusters learned by hadath from unlabelled Arabic news (SaudiNewsNet).
//!
//! Skip-gram with negative sampling (word2vec's objective, written here from the paper's
//! description) over normalised tokens, trained lock-free on several threads ("Hogwild": the
//! rare overlapping updates do not hurt SGD), then spherical k-means at three granularities.
//! Cluster ids become tagger features: a name unseen in the labelled data still lands in the
//! cluster of names used in the same contexts, which is what closes most of the gap between a
//! feature-based tagger and a pretrained transformer.

use hadath_language::normalize::normalize_key;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// Embedding and clustering settings (the `[clusters]` table of `config/ner.toml`).
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct ClusterConfig {
    /// Rebuild the cluster table from SaudiNewsNet even if `clusters.tsv` exists.
    pub rebuild: bool,
    pub dim: usize,
    pub window: usize,
    pub negative: usize,
    pub epochs: usize,
    pub min_count: u64,
    pub threads: usize,
    pub learning_rate: f32,
    pub subsample: f64,
    /// Cluster counts, coarse to fine (exactly three).
    pub k: [usize; 3],
    pub kmeans_iterations: usize,
    pub seed: u64,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            rebuild: false,
            dim: 64,
            window: 5,
            negative: 5,
            epochs: 2,
            min_count: 5,
            threads: 2,
            learning_rate: 0.025,
            subsample: 1e-4,
            k: [32, 128, 512],
            kmeans_iterations: 12,
            seed: 7,
        }
    }
}

/// A small deterministic PRNG (xorshift64*), so that training is reproducible.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn unit(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }
}

/// Splits article text into word tokens: runs of letters, digits and Arabic marks.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || hadath_language::normalize::is_arabic_mark(c)))
        .filter(|w| !w.is_empty())
}

/// Reads every article's `content` from the SaudiNewsNet zips, in file-name order.
pub fn read_saudinewsnet(dir: &Path) -> Result<Vec<String>, crate::NerError> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "zip"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let file = std::fs::File::open(&path)?;
        let mut archive = zip::ZipArchive::new(file)
            .map_err(|e| crate::NerError::Data(format!("{}: {e}", path.display())))?;
        for i in 0..archive.len() {
            let mut entry = archive
                .by_index(i)
                .map_err(|e| crate::NerError::Data(e.to_string()))?;
            let mut text = String::new();
            entry.read_to_string(&mut text)?;
            let articles: Vec<serde_json::Value> = serde_json::from_str(&text)
                .map_err(|e| crate::NerError::Data(format!("{}: {e}", path.display())))?;
            for a in articles {
                if let Some(c) = a.get("content").and_then(|c| c.as_str()) {
                    out.push(c.to_string());
                }
            }
        }
    }
    Ok(out)
}

/// A corpus as word ids, with `u32::MAX` at article ends; and the vocabulary.
pub struct Encoded {
    pub ids: Vec<u32>,
    pub vocab: Vec<String>,
    pub counts: Vec<u64>,
}

/// Normalises and counts words; keeps those seen at least `min_count` times.
pub fn encode(articles: &[String], min_count: u64) -> Encoded {
    let mut norm_cache: HashMap<&str, u32> = HashMap::new();
    let mut keys: Vec<String> = Vec::new();
    let mut key_ids: HashMap<String, u32> = HashMap::new();
    let mut raw_ids: Vec<u32> = Vec::new();
    for a in articles {
        for w in words(a) {
            let id = *norm_cache.entry(w).or_insert_with(|| {
                let k = normalize_key(w);
                let next = keys.len() as u32;
                *key_ids.entry(k.clone()).or_insert_with(|| {
                    keys.push(k);
                    next
                })
            });
            raw_ids.push(id);
        }
        raw_ids.push(u32::MAX);
    }
    let mut counts = vec![0u64; keys.len()];
    for &i in &raw_ids {
        if i != u32::MAX {
            counts[i as usize] += 1;
        }
    }
    // Vocabulary by descending count (ties by key, for reproducibility).
    let mut order: Vec<usize> = (0..keys.len())
        .filter(|&i| counts[i] >= min_count)
        .collect();
    order.sort_by(|&a, &b| {
        counts[b]
            .cmp(&counts[a])
            .then_with(|| keys[a].cmp(&keys[b]))
    });
    let mut remap = vec![u32::MAX - 1; keys.len()];
    for (new, &old) in order.iter().enumerate() {
        remap[old] = new as u32;
    }
    let ids = raw_ids
        .into_iter()
        .filter_map(|i| {
            if i == u32::MAX {
                Some(u32::MAX)
            } else {
                let r = remap[i as usize];
                (r != u32::MAX - 1).then_some(r)
            }
        })
        .collect();
    Encoded {
        ids,
        vocab: order.iter().map(|&i| keys[i].clone()).collect(),
        counts: order.iter().map(|&i| counts[i]).collect(),
    }
}

/// Shared mutable pointer for lock-free SGD across threads.
#[derive(Clone, Copy)]
struct Shared(*mut f32);
unsafe impl Send for Shared {}
unsafe impl Sync for Shared {}

/// Trains skip-gram embeddings with negative sampling; returns `vocab × dim` row-major.
pub fn skipgram(enc: &Encoded, cfg: &ClusterConfig) -> Vec<f32> {
    let v = enc.vocab.len();
    let d = cfg.dim;
    if v == 0 {
        return Vec::new();
    }
    let mut rng = Rng::new(cfg.seed);
    let mut syn0: Vec<f32> = (0..v * d).map(|_| (rng.unit() - 0.5) / d as f32).collect();
    let mut syn1: Vec<f32> = vec![0.0; v * d];
    // Unigram^0.75 table for negative samples.
    let table_size = 10_000_000usize;
    let total_pow: f64 = enc.counts.iter().map(|&c| (c as f64).powf(0.75)).sum();
    let mut table = Vec::with_capacity(table_size);
    let mut w = 0usize;
    let mut cum = (enc.counts[0] as f64).powf(0.75) / total_pow;
    for i in 0..table_size {
        table.push(w as u32);
        if (i as f64 + 1.0) / table_size as f64 > cum && w + 1 < v {
            w += 1;
            cum += (enc.counts[w] as f64).powf(0.75) / total_pow;
        }
    }
    let total: u64 = enc.counts.iter().sum();
    let keep: Vec<f32> = enc
        .counts
        .iter()
        .map(|&c| {
            let f = c as f64 / total as f64;
            let t = cfg.subsample;
            (((f / t).sqrt() + 1.0) * t / f).min(1.0) as f32
        })
        .collect();
    let threads = cfg.threads.max(1);
    let n = enc.ids.len();
    let total_work = (n * cfg.epochs) as f64;
    let s0 = Shared(syn0.as_mut_ptr());
    let s1 = Shared(syn1.as_mut_ptr());
    let progress = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for t in 0..threads {
            let (table, keep, progress) = (&table, &keep, &progress);
            let ids = &enc.ids;
            scope.spawn(move || {
                let (s0, s1) = (s0, s1);
                let mut rng = Rng::new(cfg.seed + 1 + t as u64);
                let lo = n * t / threads;
                let hi = n * (t + 1) / threads;
                let mut grad = vec![0f32; d];
                let mut sent: Vec<u32> = Vec::new();
                for _epoch in 0..cfg.epochs {
                    let mut i = lo;
                    while i < hi {
                        // One article (or a 1,000-word stretch) at a time, subsampled.
                        sent.clear();
                        while i < hi && sent.len() < 1000 {
                            let id = ids[i];
                            i += 1;
                            if id == u32::MAX {
                                break;
                            }
                            if keep[id as usize] >= 1.0 || rng.unit() < keep[id as usize] {
                                sent.push(id);
                            }
                        }
                        let done = progress
                            .fetch_add(sent.len().max(1), std::sync::atomic::Ordering::Relaxed);
                        let lr = (cfg.learning_rate * (1.0 - done as f32 / total_work as f32))
                            .max(cfg.learning_rate * 1e-4);
                        for (pos, &center) in sent.iter().enumerate() {
                            let b = rng.below(cfg.window);
                            let win = cfg.window - b;
                            let from = pos.saturating_sub(win);
                            let to = (pos + win + 1).min(sent.len());
                            for (cpos, &ctx) in sent.iter().enumerate().take(to).skip(from) {
                                if cpos == pos {
                                    continue;
                                }
                                // SAFETY: rows are disjoint slices of live buffers; concurrent
                                // writes from the other thread are the accepted Hogwild races.
                                let in_row = unsafe {
                                    std::slice::from_raw_parts_mut(s0.0.add(ctx as usize * d), d)
                                };
                                grad.iter_mut().for_each(|g| *g = 0.0);
                                for k in 0..=cfg.negative {
                                    let (target, label) = if k == 0 {
                                        (center, 1.0f32)
                                    } else {
                                        let tgt = table[rng.below(table.len())];
                                        if tgt == center {
                                            continue;
                                        }
                                        (tgt, 0.0)
                                    };
                                    let out_row = unsafe {
                                        std::slice::from_raw_parts_mut(
                                            s1.0.add(target as usize * d),
                                            d,
                                        )
                                    };
                                    let dot: f32 =
                                        in_row.iter().zip(out_row.iter()).map(|(a, b)| a * b).sum();
                                    let sig = if dot > 6.0 {
                                        1.0
                                    } else if dot < -6.0 {
                                        0.0
                                    } else {
                                        1.0 / (1.0 + (-dot).exp())
                                    };
                                    let g = (label - sig) * lr;
                                    for j in 0..d {
                                        grad[j] += g * out_row[j];
                                        out_row[j] += g * in_row[j];
                                    }
                                }
                                for j in 0..d {
                                    in_row[j] += grad[j];
                                }
                            }
                        }
                    }
                }
            });
        }
    });
    drop(syn1);
    syn0
}

/// Spherical k-means (cosine) on unit-normalised rows; returns a cluster id per row.
/// Initial centres are `k` rows spread over the frequency-ranked vocabulary.
pub fn kmeans(
    vectors: &[f32],
    dim: usize,
    k: usize,
    iterations: usize,
    threads: usize,
) -> Vec<u16> {
    let n = vectors.len() / dim;
    let k = k.min(n.max(1));
    let mut centres: Vec<f32> = (0..k)
        .flat_map(|c| {
            let row = (c * n) / k;
            vectors[row * dim..row * dim + dim].to_vec()
        })
        .collect();
    let mut assign = vec![0u16; n];
    for _ in 0..iterations {
        // Assignment, split over threads.
        let chunk = n.div_ceil(threads.max(1));
        std::thread::scope(|scope| {
            for (t, part) in assign.chunks_mut(chunk.max(1)).enumerate() {
                let centres = &centres;
                scope.spawn(move || {
                    for (j, a) in part.iter_mut().enumerate() {
                        let row = t * chunk + j;
                        let x = &vectors[row * dim..row * dim + dim];
                        let mut best = f32::NEG_INFINITY;
                        for c in 0..k {
                            let cc = &centres[c * dim..c * dim + dim];
                            let s: f32 = x.iter().zip(cc).map(|(a, b)| a * b).sum();
                            if s > best {
                                best = s;
                                *a = c as u16;
                            }
                        }
                    }
                });
            }
        });
        let mut sums = vec![0f32; k * dim];
        for (row, &a) in assign.iter().enumerate() {
            let x = &vectors[row * dim..row * dim + dim];
            for j in 0..dim {
                sums[a as usize * dim + j] += x[j];
            }
        }
        for c in 0..k {
            let s = &mut sums[c * dim..c * dim + dim];
            let norm = s.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                s.iter_mut().for_each(|x| *x /= norm);
                centres[c * dim..c * dim + dim].copy_from_slice(s);
            }
        }
    }
    assign
}

/// Builds `clusters.tsv` text from SaudiNewsNet: `word, c_coarse, c_mid, c_fine, freq_band`.
pub fn build_clusters(
    saudinewsnet: &Path,
    cfg: &ClusterConfig,
    log: &mut dyn FnMut(&str),
) -> Result<(String, serde_json::Value), crate::NerError> {
    let t0 = std::time::Instant::now();
    let articles = read_saudinewsnet(saudinewsnet)?;
    let enc = encode(&articles, cfg.min_count);
    let tokens = enc.ids.iter().filter(|&&i| i != u32::MAX).count();
    log(&format!(
        "clusters: {} articles, {} in-vocabulary tokens, vocabulary {} (min count {}), read in {:.1}s",
        articles.len(),
        tokens,
        enc.vocab.len(),
        cfg.min_count,
        t0.elapsed().as_secs_f64()
    ));
    drop(articles);
    let t1 = std::time::Instant::now();
    let mut vecs = skipgram(&enc, cfg);
    log(&format!(
        "clusters: skip-gram {}d × {} epochs in {:.1}s",
        cfg.dim,
        cfg.epochs,
        t1.elapsed().as_secs_f64()
    ));
    for row in vecs.chunks_mut(cfg.dim) {
        let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-8);
        row.iter_mut().for_each(|x| *x /= norm);
    }
    let t2 = std::time::Instant::now();
    let levels: Vec<Vec<u16>> = cfg
        .k
        .iter()
        .map(|&k| kmeans(&vecs, cfg.dim, k, cfg.kmeans_iterations, cfg.threads))
        .collect();
    log(&format!(
        "clusters: k-means {:?} in {:.1}s",
        cfg.k,
        t2.elapsed().as_secs_f64()
    ));
    let mut out = String::new();
    for (i, w) in enc.vocab.iter().enumerate() {
        if w.contains(char::is_whitespace) {
            continue;
        }
        let band = (64 - enc.counts[i].leading_zeros()).min(20);
        out.push_str(&format!(
            "{w}\t{}\t{}\t{}\t{band}\n",
            levels[0][i], levels[1][i], levels[2][i]
        ));
    }
    let info = serde_json::json!({
        "articles_tokens": tokens,
        "vocabulary": enc.vocab.len(),
        "dim": cfg.dim, "epochs": cfg.epochs, "window": cfg.window, "negative": cfg.negative,
        "k": cfg.k, "seconds": t0.elapsed().as_secs_f64(),
    });
    Ok((out, info))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_separate_two_kinds_of_context() {
        // Two word families that never share contexts must not share a fine cluster.
        let mut articles = Vec::new();
        for i in 0..300 {
            let city = ["دمشق", "حلب", "درعا"][i % 3];
            let person = ["محمد", "احمد", "خالد"][i % 3];
            articles.push(format!("وصل الوفد الى {city} امس صباحا ثم غادر"));
            articles.push(format!("قال السيد {person} للصحفيين انه سعيد جدا"));
        }
        let enc = encode(&articles, 5);
        let cfg = ClusterConfig {
            dim: 16,
            epochs: 5,
            threads: 1,
            window: 2,
            subsample: 1.0,
            ..ClusterConfig::default()
        };
        let mut v = skipgram(&enc, &cfg);
        for row in v.chunks_mut(16) {
            let n = row.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-8);
            row.iter_mut().for_each(|x| *x /= n);
        }
        let a = kmeans(&v, 16, 2, 10, 1);
        let id = |w: &str| enc.vocab.iter().position(|x| x == w).unwrap();
        assert_eq!(a[id("دمشق")], a[id("حلب")]);
        assert_ne!(a[id("دمشق")], a[id("محمد")]);
    }
}
