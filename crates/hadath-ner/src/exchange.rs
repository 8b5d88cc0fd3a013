//! Word classes by the exchange algorithm: Brown-style clusters from word bigrams.
//!
//! The skip-gram clusters of [`crate::embed`] group words that share a window of context.
//! Brown clusters, the classic NER feature (Miller et al. 2004, Ratinov & Roth 2009), group
//! words that predict and are predicted by the same *adjacent* words, which is closer to
//! what a sequence tagger needs ("words that come after وزير", "words before بن"). Brown's
//! own agglomerative algorithm is cubic in the number of classes; the exchange algorithm
//! (Kneser & Ney 1993; Uszkoreit & Brants 2008) optimises the same kind of class bigram
//! likelihood by moving one word at a time to the class that raises it most, and runs in
//! minutes over SaudiNewsNet.
//!
//! The objective is bidirectional and predictive (as in Dehdari et al. 2016): the class of
//! the previous word predicts a word, and the class of the next word predicts it too:
//!
//! ```text
//! J = Σ_{c,w} f(L(c,w)) − Σ_c f(TL(c))  +  Σ_{c,w} f(R(c,w)) − Σ_c f(TR(c)),   f(x) = x ln x
//! ```
//!
//! where `L(c,w)` counts bigrams `(u, w)` with `u` in class `c`, `R(c,w)` bigrams `(w, x)` with
//! `x` in class `c`, and `TL`, `TR` are their class totals. Moving a word changes only the
//! columns of its neighbours, so the gain of every candidate class is found in one pass over
//! its neighbours' class counts.

use std::thread;

/// Bigram counts between vocabulary words, as adjacency lists sorted by neighbour id.
pub struct Bigrams {
    /// `succ[v]`: `(w, n)` for each word `w` seen right after `v`, `n` times.
    pub succ: Vec<Vec<(u32, u32)>>,
    /// `pred[w]`: `(v, n)` for each word `v` seen right before `w`.
    pub pred: Vec<Vec<(u32, u32)>>,
}

/// Counts the bigrams of `ids` (word ids; `u32::MAX` ends an article) between words whose id
/// is below `vocab`. A rarer word breaks the chain: no bigram spans it.
pub fn bigrams(ids: &[u32], vocab: usize) -> Bigrams {
    let v = vocab as u64;
    let mut pairs: Vec<u64> = ids
        .windows(2)
        .filter(|p| (p[0] as u64) < v && (p[1] as u64) < v)
        .map(|p| (p[0] as u64) << 32 | p[1] as u64)
        .collect();
    pairs.sort_unstable();
    let mut succ = vec![Vec::new(); vocab];
    let mut pred = vec![Vec::new(); vocab];
    let mut i = 0;
    while i < pairs.len() {
        let mut j = i;
        while j < pairs.len() && pairs[j] == pairs[i] {
            j += 1;
        }
        let (a, b) = ((pairs[i] >> 32) as u32, pairs[i] as u32);
        let n = (j - i) as u32;
        succ[a as usize].push((b, n));
        pred[b as usize].push((a, n));
        i = j;
    }
    // `succ` lists come out sorted by neighbour; `pred` lists too, since `a` grows with `i`.
    Bigrams { succ, pred }
}

/// `x ln x` for counts, from a table for the small counts that dominate.
struct XLogX(Vec<f64>);

impl XLogX {
    fn new(size: usize) -> XLogX {
        XLogX(
            (0..size)
                .map(|x| {
                    if x == 0 {
                        0.0
                    } else {
                        x as f64 * (x as f64).ln()
                    }
                })
                .collect(),
        )
    }
    #[inline]
    fn f(&self, x: u64) -> f64 {
        match self.0.get(x as usize) {
            Some(&v) => v,
            None => x as f64 * (x as f64).ln(),
        }
    }
}

/// Per word, its neighbours' counts by class, as a list sorted by class.
type ClassCounts = Vec<Vec<(u32, u32)>>;

fn add_count(list: &mut Vec<(u32, u32)>, class: u32, n: u32) {
    match list.binary_search_by_key(&class, |&(c, _)| c) {
        Ok(i) => list[i].1 += n,
        Err(i) => list.insert(i, (class, n)),
    }
}

fn sub_count(list: &mut Vec<(u32, u32)>, class: u32, n: u32) {
    if let Ok(i) = list.binary_search_by_key(&class, |&(c, _)| c) {
        if list[i].1 <= n {
            list.remove(i);
        } else {
            list[i].1 -= n;
        }
    }
}

/// Settings of one clustering run.
#[derive(Debug, Clone)]
pub struct ExchangeConfig {
    pub classes: usize,
    pub iterations: usize,
    pub threads: usize,
    /// Words whose best class is computed against the same counts before the moves are
    /// applied (parallel batches). Measured on SaudiNewsNet: even batches of 16 on 2 threads
    /// make the objective *fall* after the first pass (neighbouring words move together and
    /// undo each other), so the default is sequential: 1 thread, batch 1.
    pub batch: usize,
}

/// Assigns each vocabulary word (ids sorted by descending frequency) one of `classes`
/// classes. Starts from frequency rank modulo the class count (the most frequent words each
/// open a class), then visits words in frequency order for `iterations` passes, moving each
/// to its best class. Deterministic for a given input and configuration.
pub fn exchange(bg: &Bigrams, cfg: &ExchangeConfig, log: &mut dyn FnMut(&str)) -> Vec<u32> {
    let vocab = bg.succ.len();
    let classes = cfg.classes.max(2);
    let mut class: Vec<u32> = (0..vocab).map(|v| (v % classes) as u32).collect();
    let xlx = XLogX::new(1 << 20);
    let total = |l: &[(u32, u32)]| l.iter().map(|&(_, n)| n as u64).sum::<u64>();
    let left_total: Vec<u64> = bg.succ.iter().map(|l| total(l)).collect();
    let right_total: Vec<u64> = bg.pred.iter().map(|l| total(l)).collect();

    // left[w]: classes of the words before w; right[u]: classes of the words after u.
    let mut left: ClassCounts = vec![Vec::new(); vocab];
    let mut right: ClassCounts = vec![Vec::new(); vocab];
    let mut tl = vec![0u64; classes];
    let mut tr = vec![0u64; classes];
    for v in 0..vocab {
        for &(w, n) in &bg.succ[v] {
            add_count(&mut left[w as usize], class[v], n);
        }
        for &(u, n) in &bg.pred[v] {
            add_count(&mut right[u as usize], class[v], n);
        }
        tl[class[v] as usize] += left_total[v];
        tr[class[v] as usize] += right_total[v];
    }

    let objective = |left: &ClassCounts, right: &ClassCounts, tl: &[u64], tr: &[u64]| -> f64 {
        let cells: f64 = left
            .iter()
            .chain(right.iter())
            .flat_map(|l| l.iter())
            .map(|&(_, n)| xlx.f(n as u64))
            .sum();
        cells - tl.iter().chain(tr.iter()).map(|&t| xlx.f(t)).sum::<f64>()
    };

    // Gain of putting v into each class, as if v had first been taken out of its own class
    // (the counts still hold it; its own class's entries are corrected on the fly, so the
    // threads can share the counts read-only).
    let best_class = |v: usize,
                      class_v: u32,
                      left: &ClassCounts,
                      right: &ClassCounts,
                      tl: &[u64],
                      tr: &[u64],
                      acc: &mut Vec<f64>|
     -> u32 {
        acc.clear();
        acc.resize(classes, 0.0);
        let mut base = 0.0;
        for (neighbours, counts) in [(&bg.succ[v], left), (&bg.pred[v], right)] {
            for &(w, n) in neighbours {
                let n = n as u64;
                let fn_ = xlx.f(n);
                base += fn_;
                for &(c, cnt) in &counts[w as usize] {
                    // v's own class still holds v: take its bigrams out first.
                    let cnt = if c == class_v {
                        cnt as u64 - n
                    } else {
                        cnt as u64
                    };
                    acc[c as usize] += xlx.f(cnt + n) - xlx.f(cnt) - fn_;
                }
            }
        }
        let (lt, rt) = (left_total[v], right_total[v]);
        let mut best = (f64::NEG_INFINITY, class_v);
        for c in 0..classes {
            let (a, b) = if c as u32 == class_v {
                (tl[c] - lt, tr[c] - rt)
            } else {
                (tl[c], tr[c])
            };
            let gain = base + acc[c] - (xlx.f(a + lt) - xlx.f(a)) - (xlx.f(b + rt) - xlx.f(b));
            // Stay unless another class is strictly better (no drifting on ties).
            let better = gain > best.0 + 1e-9 || (c as u32 == class_v && gain >= best.0 - 1e-9);
            if better {
                best = (gain, c as u32);
            }
        }
        best.1
    };

    log(&format!(
        "exchange: {vocab} words, {classes} classes, objective {:.6e}",
        objective(&left, &right, &tl, &tr)
    ));
    let threads = cfg.threads.max(1);
    let batch = cfg.batch.max(threads);
    for it in 0..cfg.iterations {
        let started = std::time::Instant::now();
        let mut moved = 0usize;
        let mut start = 0;
        while start < vocab {
            let end = (start + batch).min(vocab);
            // The words of a batch choose against the same counts (read-only, shared by the
            // threads); the moves are applied after, in frequency order.
            let ids: Vec<usize> = (start..end).collect();
            let chunk = ids.len().div_ceil(threads);
            let (left_ref, right_ref, tl_ref, tr_ref, class_ref) =
                (&left, &right, &tl, &tr, &class);
            let choices: Vec<(usize, u32)> = if threads == 1 {
                let mut acc = Vec::new();
                ids.iter()
                    .map(|&v| {
                        (
                            v,
                            best_class(
                                v,
                                class_ref[v],
                                left_ref,
                                right_ref,
                                tl_ref,
                                tr_ref,
                                &mut acc,
                            ),
                        )
                    })
                    .collect()
            } else {
                thread::scope(|s| {
                    let handles: Vec<_> = ids
                        .chunks(chunk)
                        .map(|part| {
                            s.spawn(move || {
                                let mut acc = Vec::new();
                                part.iter()
                                    .map(|&v| {
                                        let a = class_ref[v];
                                        (
                                            v,
                                            best_class(
                                                v, a, left_ref, right_ref, tl_ref, tr_ref, &mut acc,
                                            ),
                                        )
                                    })
                                    .collect::<Vec<_>>()
                            })
                        })
                        .collect();
                    handles
                        .into_iter()
                        .flat_map(|h| h.join().unwrap())
                        .collect()
                })
            };
            for (v, b) in choices {
                let a = class[v];
                if a == b {
                    continue;
                }
                moved += 1;
                for &(w, n) in &bg.succ[v] {
                    sub_count(&mut left[w as usize], a, n);
                    add_count(&mut left[w as usize], b, n);
                }
                for &(u, n) in &bg.pred[v] {
                    sub_count(&mut right[u as usize], a, n);
                    add_count(&mut right[u as usize], b, n);
                }
                tl[a as usize] -= left_total[v];
                tl[b as usize] += left_total[v];
                tr[a as usize] -= right_total[v];
                tr[b as usize] += right_total[v];
                class[v] = b;
            }
            start = end;
        }
        log(&format!(
            "exchange: iteration {} moved {moved} words in {:.1}s, objective {:.6e}",
            it + 1,
            started.elapsed().as_secs_f64(),
            objective(&left, &right, &tl, &tr)
        ));
        if moved == 0 {
            break;
        }
    }
    class
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ids of a toy corpus of four-word sentences: a determiner, a noun, a preposition and a
    /// place, each slot filled from its own 20 words (slot k holds ids 20k..20k+20, so the
    /// initial classes, rank modulo 4, mix the slots).
    fn corpus() -> (Vec<u32>, usize) {
        let mut ids = Vec::new();
        let mut x: u64 = 12345;
        for i in 0..4000u32 {
            for slot in 0..4u32 {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ids.push(slot * 20 + (x >> 33) as u32 % 20);
            }
            if i % 7 == 6 {
                ids.push(u32::MAX);
            }
        }
        (ids, 80)
    }

    #[test]
    fn bigrams_count_adjacent_pairs_within_articles() {
        let bg = bigrams(&[0, 1, 0, 1, u32::MAX, 1, 0, 9, 0], 2);
        assert_eq!(bg.succ[0], vec![(1, 2)]);
        // 1→0 once; the pair across the article end is not counted, nor pairs with word 9.
        assert_eq!(bg.succ[1], vec![(0, 2)]);
        assert_eq!(bg.pred[0], vec![(1, 2)]);
    }

    #[test]
    fn words_in_the_same_slots_share_a_class() {
        let (ids, vocab) = corpus();
        let bg = bigrams(&ids, vocab);
        let cfg = ExchangeConfig {
            classes: 4,
            iterations: 20,
            threads: 2,
            batch: 2,
        };
        let class = exchange(&bg, &cfg, &mut |_| {});
        for slot in 0..4 {
            let members = &class[slot * 20..slot * 20 + 20];
            assert!(members.iter().all(|&c| c == members[0]), "{class:?}");
        }
        let distinct: std::collections::HashSet<u32> = class.iter().copied().collect();
        assert_eq!(distinct.len(), 4, "{class:?}");
    }

    #[test]
    fn the_objective_never_falls() {
        let (ids, vocab) = corpus();
        let bg = bigrams(&ids, vocab);
        let mut seen = Vec::new();
        let cfg = ExchangeConfig {
            classes: 3,
            iterations: 10,
            threads: 1,
            batch: 1,
        };
        exchange(&bg, &cfg, &mut |line| {
            if let Some(x) = line.rsplit("objective ").next() {
                seen.push(x.parse::<f64>().unwrap());
            }
        });
        assert!(seen.len() >= 2);
        assert!(seen.windows(2).all(|w| w[1] >= w[0] - 1e-6), "{seen:?}");
    }
}
