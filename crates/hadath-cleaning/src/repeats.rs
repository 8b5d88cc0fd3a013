//! Repeated paragraphs and sentences inside one document.
//!
//! Paragraphs and sentences are compared on their normalised words (hadath-language's
//! matching normalisation, punctuation dropped), so a repeat that differs only in diacritics,
//! hamza forms, punctuation or spacing is exact. Near repeats (a word changed, a clause dropped)
//! are found with Jaccard similarity over word shingles. Paragraph repeats are found first; the
//! sentences inside a repeated paragraph point at their counterparts in the original paragraph.
//! Sentence repeats are then looked for among what remains (a lead sentence quoted again).

use hadath_core::{Analysis, Repeat, RepeatKind, Sentence, Span, TokenKind};
use hadath_language::normalize::fold_char;
use std::collections::HashMap;

/// Thresholds for what counts as a repeat.
#[derive(Debug, Clone)]
pub struct RepeatOptions {
    /// Shingle Jaccard similarity at or above which two pieces of text are near repeats.
    pub near_similarity: f32,
    /// Pieces with fewer words are only repeats when exact: short lines ("الرياض", "واس")
    /// legitimately recur and say nothing new.
    pub min_words: usize,
    /// Words per shingle for near-repeat similarity.
    pub shingle: usize,
    /// Documents with more paragraphs than this are only checked for exact repeats
    /// (near-repeat search is quadratic).
    pub max_near_candidates: usize,
}

impl Default for RepeatOptions {
    fn default() -> Self {
        RepeatOptions {
            near_similarity: 0.8,
            min_words: 6,
            shingle: 2,
            max_near_candidates: 2_000,
        }
    }
}

/// A paragraph or sentence prepared for comparison: its normalised words, hashed.
struct Piece {
    span: Span,
    words: Vec<u64>,
    /// Sorted, deduplicated hashes of word shingles.
    shingles: Vec<u64>,
}

impl Piece {
    fn new(span: Span, words: Vec<u64>, shingle: usize) -> Piece {
        let shingles = shingles(&words, shingle);
        Piece {
            span,
            words,
            shingles,
        }
    }
}

/// FNV-1a: fast, and stable across runs and Rust versions (unlike `DefaultHasher`'s seeds).
fn fnv(hash: u64, value: u64) -> u64 {
    let mut h = hash;
    for byte in value.to_le_bytes() {
        h ^= byte as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

const FNV_OFFSET: u64 = 0xcbf29ce484222325;

/// The hash of a token's normalised form (diacritics, hamza forms, case folded away).
fn word_hash(word: &str) -> u64 {
    word.chars()
        .filter_map(fold_char)
        .fold(FNV_OFFSET, |h, c| fnv(h, c as u64))
}

fn shingles(words: &[u64], size: usize) -> Vec<u64> {
    let size = size.max(1).min(words.len().max(1));
    let mut out: Vec<u64> = words
        .windows(size)
        .map(|w| w.iter().fold(FNV_OFFSET, |h, &x| fnv(h, x)))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Jaccard similarity of two sorted, deduplicated sets.
fn jaccard(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared as f32 / (a.len() + b.len() - shared) as f32
}

/// Finds, for each piece, an earlier piece it repeats: `(index, earlier index, similarity)`.
fn find_repeats(
    pieces: &[Piece],
    options: &RepeatOptions,
    eligible: impl Fn(usize) -> bool,
) -> Vec<(usize, usize, f32)> {
    let mut first_by_key: HashMap<&[u64], usize> = HashMap::new();
    let mut out = Vec::new();
    let near_allowed = pieces.len() <= options.max_near_candidates;
    let mut originals: Vec<usize> = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        if piece.words.is_empty() || !eligible(i) {
            continue;
        }
        let key = piece.words.as_slice();
        if let Some(&earlier) = first_by_key.get(key) {
            // Exact repeats of very short pieces are still repeats (the same text twice), but
            // only when the piece is not trivially short: a lone "واس" line is a signature.
            if piece.words.len() >= 3 {
                out.push((i, earlier, 1.0));
            }
            continue;
        }
        first_by_key.insert(key, i);
        if near_allowed && piece.words.len() >= options.min_words {
            let best = originals
                .iter()
                .map(|&j| (j, jaccard(&piece.shingles, &pieces[j].shingles)))
                .filter(|(_, s)| *s >= options.near_similarity)
                .max_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((j, similarity)) = best {
                out.push((i, j, similarity));
                continue;
            }
        }
        if piece.words.len() >= options.min_words {
            originals.push(i);
        }
    }
    out
}

/// Detects repeats in an analysis whose `sentences` are already set, records them in
/// `analysis.repeats`, and sets `repeat_of` on every repeated sentence.
pub fn mark_repeats(analysis: &mut Analysis, options: &RepeatOptions) {
    let text = analysis.document.text.as_str();
    // Words of each sentence from the tokens the language stage made (punctuation dropped).
    let mut sentence_words: Vec<Vec<u64>> = vec![Vec::new(); analysis.sentences.len()];
    for token in &analysis.tokens {
        if matches!(token.kind, TokenKind::Word | TokenKind::Number) {
            sentence_words[token.sentence].push(word_hash(token.span.slice(text)));
        }
    }
    // A paragraph's words are its sentences' words (sentences tile each paragraph).
    let paragraphs = hadath_language::segment::paragraphs(text);
    let mut paragraph_words: Vec<Vec<u64>> = vec![Vec::new(); paragraphs.len()];
    let mut sentences_in: Vec<Vec<usize>> = vec![Vec::new(); paragraphs.len()];
    for (i, sentence) in analysis.sentences.iter().enumerate() {
        if let Some(p) = paragraph_words.get_mut(sentence.paragraph) {
            p.extend_from_slice(&sentence_words[i]);
            sentences_in[sentence.paragraph].push(i);
        }
    }
    let paragraph_pieces: Vec<Piece> = paragraphs
        .iter()
        .zip(paragraph_words)
        .map(|(span, words)| Piece::new(*span, words, options.shingle))
        .collect();
    let sentence_pieces: Vec<Piece> = analysis
        .sentences
        .iter()
        .zip(sentence_words)
        .map(|(s, words)| Piece::new(s.span, words, options.shingle))
        .collect();
    let mut repeats = Vec::new();
    let sentences = &mut analysis.sentences;

    for (i, j, similarity) in find_repeats(&paragraph_pieces, options, |_| true) {
        let (repeat, original) = (paragraph_pieces[i].span, paragraph_pieces[j].span);
        repeats.push(Repeat {
            span: repeat,
            of: original,
            kind: RepeatKind::Paragraph,
            similarity,
        });
        for &copy in &sentences_in[i] {
            let piece = &sentence_pieces[copy];
            // The counterpart is the original sentence with the same words, else the most similar.
            let best = sentences_in[j]
                .iter()
                .map(|&s| {
                    let p = &sentence_pieces[s];
                    (
                        s,
                        if p.words == piece.words {
                            1.0
                        } else {
                            jaccard(&p.shingles, &piece.shingles)
                        },
                    )
                })
                .max_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((source, _)) = best {
                sentences[copy].repeat_of = Some(sources_root(sentences, source));
            }
        }
    }

    // Sentence repeats among sentences not already covered by a repeated paragraph.
    let already: Vec<bool> = sentences.iter().map(|s| s.repeat_of.is_some()).collect();
    for (i, j, similarity) in find_repeats(&sentence_pieces, options, |i| !already[i]) {
        if sentence_pieces[i].words.len() < options.min_words && similarity < 1.0 {
            continue;
        }
        sentences[i].repeat_of = Some(sources_root(sentences, j));
        repeats.push(Repeat {
            span: sentences[i].span,
            of: sentences[j].span,
            kind: RepeatKind::Sentence,
            similarity,
        });
    }
    repeats.sort_by_key(|r| r.span.start);
    analysis.repeats = repeats;
}

/// Follows `repeat_of` links to the first occurrence, so every copy points at the original.
fn sources_root(sentences: &[Sentence], mut index: usize) -> usize {
    while let Some(earlier) = sentences[index].repeat_of {
        if earlier >= index {
            break;
        }
        index = earlier;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;
    use hadath_core::Document;

    fn analyse(text: &str) -> Analysis {
        let mut analysis = Analysis::new(Document {
            id: "t".into(),
            text: text.into(),
            ..Default::default()
        });
        hadath_language::annotate(&mut analysis);
        mark_repeats(&mut analysis, &RepeatOptions::default());
        analysis
    }

    const FOUNDING: &str = include_str!("../../../examples/daraa-2018-07-04.ar.txt");

    #[test]
    fn founding_example_paragraphs_two_to_five_repeat() {
        let analysis = analyse(FOUNDING);
        let paragraphs: Vec<_> = analysis
            .repeats
            .iter()
            .filter(|r| r.kind == RepeatKind::Paragraph)
            .collect();
        assert_eq!(paragraphs.len(), 4, "{:?}", analysis.repeats);
        let lines: Vec<&str> = FOUNDING.lines().collect();
        for (k, repeat) in paragraphs.iter().enumerate() {
            assert_eq!(repeat.of.slice(FOUNDING), lines[k + 1].trim());
            assert_eq!(repeat.span.slice(FOUNDING), lines[k + 5].trim());
            assert_eq!(repeat.similarity, 1.0);
        }
        // Every sentence of paragraphs 6-9 (0-based 5-8) points at its twin, and nothing else repeats.
        for (i, sentence) in analysis.sentences.iter().enumerate() {
            match sentence.repeat_of {
                Some(j) => {
                    assert!(sentence.paragraph >= 5);
                    assert_eq!(
                        analysis.sentences[j].span.slice(FOUNDING),
                        sentence.span.slice(FOUNDING),
                        "sentence {i}"
                    );
                    assert_eq!(analysis.sentences[j].paragraph + 4, sentence.paragraph);
                }
                None => assert!(sentence.paragraph <= 4),
            }
        }
    }

    #[test]
    fn near_repeat_with_changed_diacritics_and_one_word() {
        let text = "قصفت الطائرات الحربية مواقع للفصائل المسلحة في ريف درعا الشرقي صباح اليوم.\n\
                    خبر آخر لا علاقة له بما سبق على الإطلاق في هذا التقرير.\n\
                    قَصفتْ الطائرات الحربية مواقعَ للفصائل المسلحة في ريف درعا الشرقي صباح أمس.";
        let analysis = analyse(text);
        assert_eq!(analysis.repeats.len(), 1, "{:?}", analysis.repeats);
        let repeat = &analysis.repeats[0];
        assert_eq!(repeat.kind, RepeatKind::Paragraph);
        assert!(repeat.similarity < 1.0 && repeat.similarity >= 0.8);
        assert_eq!(analysis.sentences[2].repeat_of, Some(0));
    }

    #[test]
    fn repeated_sentence_inside_a_new_paragraph() {
        let text = "أعلن المتحدث باسم الأمم المتحدة توقف المساعدات الإنسانية في الجنوب السوري.\n\
                   وقال شهود إن القصف استمر طوال الليل. أعلن المتحدث باسم الأمم المتحدة توقف المساعدات الإنسانية في الجنوب السوري.";
        let analysis = analyse(text);
        assert_eq!(analysis.repeats.len(), 1);
        assert_eq!(analysis.repeats[0].kind, RepeatKind::Sentence);
        assert_eq!(analysis.sentences[2].repeat_of, Some(0));
        assert_eq!(analysis.sentences[1].repeat_of, None);
    }

    #[test]
    fn short_recurring_lines_and_distinct_paragraphs_are_not_repeats() {
        let text = "واس\nقتل ثلاثة مدنيين في قصف على مدينة حلب شمال سوريا.\nواس\nأصيب خمسة أشخاص في انفجار سيارة مفخخة في بغداد.";
        let analysis = analyse(text);
        assert!(analysis.repeats.is_empty(), "{:?}", analysis.repeats);
    }
}
