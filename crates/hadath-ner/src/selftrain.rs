//! Self-training (an experiment, see the README's ablations; not used by `train`): taggers
//! trained on the labelled corpora tag unlabelled SaudiNewsNet articles, and the sentences
//! they are confident about become extra training sentences with their predicted tags.
//!
//! "Confident" is agreement: several taggers (different shuffle seeds) must tag the sentence
//! identically, and it must contain a name (an all-`O` sentence teaches little but `O`, which
//! the labelled data already has plenty of).

use crate::corpus::Sentence;
use crate::model::Tagger;
use crate::train::tokenize_plain;
use crate::{embed, NerError};
use std::path::Path;

/// The first SaudiNewsNet articles (zip files in name order, as the clusters read them), each
/// split into tagger-ready sentences by [`tokenize_plain`], until `max_sentences` sentences.
/// Articles are kept apart so a two-pass tagger sees each sentence's real document context.
pub fn unlabelled_articles(
    data_dir: &Path,
    max_sentences: usize,
) -> Result<Vec<Vec<Vec<String>>>, NerError> {
    let mut out = Vec::new();
    let mut n = 0;
    for a in embed::read_saudinewsnet(&data_dir.join("saudinewsnet"))? {
        if n >= max_sentences {
            break;
        }
        let s = tokenize_plain(&a);
        n += s.len();
        out.push(s);
    }
    Ok(out)
}

/// Tags every article with every tagger (whole articles, so the second pass has its
/// document window) and keeps, per article, the sentences all taggers agree on that have
/// `min_len..=max_len` tokens and at least one name. Work is split by article over
/// `threads` threads; the output keeps the article order.
pub fn pseudo_label(
    taggers: &[&Tagger],
    articles: &[Vec<Vec<String>>],
    min_len: usize,
    max_len: usize,
    threads: usize,
) -> Vec<Vec<Sentence>> {
    let chunk = articles.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = articles
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|a| agreed(taggers, a, min_len, max_len))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("pseudo-label thread"))
            .collect()
    })
}

/// One article's confidently tagged sentences (see [`pseudo_label`]).
fn agreed(
    taggers: &[&Tagger],
    article: &[Vec<String>],
    min_len: usize,
    max_len: usize,
) -> Vec<Sentence> {
    let toks: Vec<Vec<&str>> = article
        .iter()
        .map(|s| s.iter().map(String::as_str).collect())
        .collect();
    let tagged: Vec<Vec<Vec<String>>> = taggers.iter().map(|t| t.tag_sentences(&toks)).collect();
    let Some((first, rest)) = tagged.split_first() else {
        return Vec::new();
    };
    article
        .iter()
        .enumerate()
        .filter(|&(i, s)| {
            (min_len..=max_len).contains(&s.len())
                && first[i].iter().any(|t| t != "O")
                && rest.iter().all(|o| o[i] == first[i])
        })
        .map(|(i, s)| Sentence {
            tokens: s.clone(),
            tags: first[i].clone(),
        })
        .collect()
}

/// Pseudo-labelled articles as text, one sentence a line: `article \t tokens \t tags` (tokens
/// and tags space-separated; [`tokenize_plain`] tokens never contain whitespace). Lets an
/// experiment reuse one tagging run for several update weights.
pub fn to_text(articles: &[Vec<Sentence>]) -> String {
    let mut out = String::new();
    for (a, sents) in articles.iter().enumerate() {
        for s in sents {
            out.push_str(&format!(
                "{a}\t{}\t{}\n",
                s.tokens.join(" "),
                s.tags.join(" ")
            ));
        }
    }
    out
}

/// Reads [`to_text`] back (articles without a kept sentence are not restored: they add nothing).
pub fn from_text(text: &str) -> Vec<Vec<Sentence>> {
    let mut out: Vec<Vec<Sentence>> = Vec::new();
    let mut last = None;
    for line in text.lines() {
        let mut f = line.split('\t');
        let (Some(a), Some(toks), Some(tags)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        if last != Some(a) {
            out.push(Vec::new());
            last = Some(a);
        }
        out.last_mut().expect("pushed").push(Sentence {
            tokens: toks.split(' ').map(str::to_string).collect(),
            tags: tags.split(' ').map(str::to_string).collect(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trip_keeps_articles_apart() {
        let s = |t: &[&str], g: &[&str]| Sentence {
            tokens: t.iter().map(|x| x.to_string()).collect(),
            tags: g.iter().map(|x| x.to_string()).collect(),
        };
        let arts = vec![
            vec![s(&["زار", "باريس"], &["O", "B-LOC"])],
            vec![],
            vec![
                s(&["قال", "محمد"], &["O", "B-PERS"]),
                s(&["في", "الرياض", "."], &["O", "B-LOC", "O"]),
            ],
        ];
        let back = from_text(&to_text(&arts));
        assert_eq!(back.len(), 2, "the empty article is dropped");
        assert_eq!(back[0], arts[0]);
        assert_eq!(back[1], arts[2]);
    }
}
