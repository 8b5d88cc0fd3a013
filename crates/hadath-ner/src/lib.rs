//! Arabic named-entity recognition: a tagger hadath trains itself, and the entity stage using it.
//!
//! - [`corpus`]: readers for ANERcorp, NewsFANE/WikiFANE, AQMAR and Wojood, and tag mappings.
//! - [`features`]: clitic-aware, cluster- and gazetteer-backed token features.
//! - [`model`]: the averaged structured perceptron ([`Tagger`]) and its weights file.
//! - [`neural`]: a BiLSTM-CRF over the perceptron's output (experiments; the tagger does not use it).
//! - [`embed`]: skip-gram embeddings and k-means word clusters learned from SaudiNewsNet.
//! - [`train`]: `hadath train ner` (config, data split, overlap check, artifacts, manifest).
//! - [`scores`]: conlleval-style exact-span P/R/F1.
//!
//! The committed model in `models/ner/` is compiled into the crate ([`Tagger::embedded`]), so
//! the binary works without the training data.

pub mod corpus;
pub mod embed;
pub mod exchange;
pub mod features;
pub mod gazetteer;
pub mod model;
pub mod neural;
pub mod scores;
pub mod selftrain;
pub mod train;

pub use corpus::{CorpusFormat, Sentence};
pub use model::{GeoKind, Scheme, Tagger, BILOU_LABELS, LABELS};
pub use scores::{Counts, Scores};
pub use train::{train, TrainReport};

use hadath_core::{Analysis, Entity, EntityType, Language, Span, TokenKind};
use std::io::{self, BufRead, Write};
use std::path::Path;
use std::sync::OnceLock;

/// Errors of loading, training and evaluating.
#[derive(Debug, thiserror::Error)]
pub enum NerError {
    #[error("i/o: {0}")]
    Io(String),
    #[error("model: {0}")]
    Model(String),
    #[error("config: {0}")]
    Config(String),
    #[error("data: {0}")]
    Data(String),
}

impl From<io::Error> for NerError {
    fn from(e: io::Error) -> NerError {
        NerError::Io(e.to_string())
    }
}

static EMBEDDED: OnceLock<Tagger> = OnceLock::new();

impl Tagger {
    /// The model committed in `models/ner/`, compiled in; loaded once. If the crate was built
    /// before any model existed, this is an untrained tagger that tags everything `O`.
    pub fn embedded() -> &'static Tagger {
        EMBEDDED.get_or_init(|| {
            let weights: &[u8] = include_bytes!(env!("HADATH_NER_WEIGHTS"));
            let clusters = include_str!(env!("HADATH_NER_CLUSTERS"));
            let gazetteer = include_str!(env!("HADATH_NER_GAZETTEER"));
            let geo = include_str!(env!("HADATH_NER_GEOKINDS"));
            let lexicon = include_str!(env!("HADATH_NER_LEXICON"));
            if weights.is_empty() {
                return Tagger::empty(8, features::Resources::default());
            }
            let mut t = Tagger::from_parts(weights, clusters, gazetteer, geo)
                .expect("the committed NER model in models/ner/ is readable");
            t.resources.lexicon = features::Resources::parse_lexicon(lexicon);
            t.resources.gold_lexicon = features::Resources::parse_lexicon(include_str!(env!(
                "HADATH_NER_WIKIFANE_LEXICON"
            )));
            let first: &[u8] = include_bytes!(env!("HADATH_NER_FIRST_PASS"));
            if !first.is_empty() {
                let window = include_str!(env!("HADATH_NER_DOC_WINDOW"));
                t.attach_first_pass(first, window)
                    .expect("the committed first-pass NER model in models/ner/ is readable");
            }
            t
        })
    }
}

/// Evaluates a tagger on a labelled corpus (tags mapped to the ANERcorp scheme first).
pub fn evaluate(tagger: &Tagger, corpus: &Path, format: CorpusFormat) -> Result<Scores, NerError> {
    let mut sentences = corpus::read_corpus(corpus, format)?;
    corpus::map_corpus(&mut sentences, format);
    Ok(evaluate_sentences(tagger, &sentences))
}

/// Scores a tagger on sentences already in the ANERcorp scheme.
pub fn evaluate_sentences(tagger: &Tagger, sentences: &[Sentence]) -> Scores {
    let mut scores = Scores::default();
    let toks: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.tokens.iter().map(String::as_str).collect())
        .collect();
    // In reading order, so a two-pass tagger sees each sentence's neighbours.
    for (s, pred) in sentences.iter().zip(tagger.tag_sentences(&toks)) {
        scores.add(&s.tags, &pred);
    }
    scores
}

/// Tags pre-tokenised CoNLL input: `token [TAG…]` per line, blank line = sentence break.
/// Writes `token PREDICTED_TAG` lines with the same tokens and the same blank lines; any
/// input tag column is ignored.
///
/// The input is one document in reading order: a two-pass tagger sees each sentence's
/// neighbours, exactly as when the whole file is tagged at once ([`evaluate`] does that), but
/// sentences are tagged in blocks with the document window of context on either side, so a
/// huge file needs only a block's worth of memory.
pub fn tag_conll(input: impl BufRead, output: impl Write, tagger: &Tagger) -> io::Result<()> {
    tag_conll_blocks(input, output, tagger, 256)
}

/// A line group of CoNLL input: a sentence's tokens, or one blank line.
enum ConllItem {
    Sentence(Vec<String>),
    Blank,
}

fn tag_conll_blocks(
    input: impl BufRead,
    mut output: impl Write,
    tagger: &Tagger,
    block: usize,
) -> io::Result<()> {
    let window = tagger.first_pass().map_or(0, |(_, w)| w);
    let block = block.max(1);
    // Items read but not yet written, and the last `window` written sentences (left context).
    let mut pending: std::collections::VecDeque<ConllItem> = std::collections::VecDeque::new();
    let mut pending_sentences = 0usize;
    let mut left: std::collections::VecDeque<Vec<String>> = std::collections::VecDeque::new();
    // Writes the items up to and including the `count`-th pending sentence.
    let emit = |pending: &mut std::collections::VecDeque<ConllItem>,
                pending_sentences: &mut usize,
                left: &mut std::collections::VecDeque<Vec<String>>,
                count: usize,
                output: &mut dyn Write|
     -> io::Result<()> {
        let sentences: Vec<&Vec<String>> = left
            .iter()
            .chain(pending.iter().filter_map(|i| match i {
                ConllItem::Sentence(t) => Some(t),
                ConllItem::Blank => None,
            }))
            .take(left.len() + count + window)
            .collect();
        // Within a blank-line sentence, sentence-final tokens (. ! ? ؟) end a tagging unit too,
        // as they end training sentences: ANERcorp itself comes without blank lines.
        let mut units: Vec<Vec<&str>> = Vec::new();
        let mut units_per_sentence: Vec<usize> = Vec::new();
        for tokens in &sentences {
            let before = units.len();
            let mut unit: Vec<&str> = Vec::new();
            for t in tokens.iter() {
                unit.push(t);
                if corpus::is_sentence_end(t) {
                    units.push(std::mem::take(&mut unit));
                }
            }
            if !unit.is_empty() {
                units.push(unit);
            }
            units_per_sentence.push(units.len() - before);
        }
        let mut unit_tags = tagger.tag_sentences(&units).into_iter();
        let mut tags = units_per_sentence
            .iter()
            .map(|&k| {
                unit_tags
                    .by_ref()
                    .take(k)
                    .flatten()
                    .collect::<Vec<String>>()
            })
            .collect::<Vec<_>>()
            .into_iter()
            .skip(left.len());
        let mut written = 0;
        while written < count || matches!(pending.front(), Some(ConllItem::Blank)) {
            let Some(item) = pending.pop_front() else {
                break;
            };
            match item {
                ConllItem::Blank => writeln!(output)?,
                ConllItem::Sentence(tokens) => {
                    let sentence_tags = tags.next().unwrap_or_default();
                    for (t, g) in tokens.iter().zip(&sentence_tags) {
                        writeln!(output, "{t} {g}")?;
                    }
                    written += 1;
                    left.push_back(tokens);
                    if left.len() > window {
                        left.pop_front();
                    }
                }
            }
        }
        *pending_sentences -= written;
        Ok(())
    };
    let mut tokens: Vec<String> = Vec::new();
    for line in input.lines() {
        let line = line?;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !tokens.is_empty() {
                pending.push_back(ConllItem::Sentence(std::mem::take(&mut tokens)));
                pending_sentences += 1;
            }
            pending.push_back(ConllItem::Blank);
            if pending_sentences >= block + window {
                emit(
                    &mut pending,
                    &mut pending_sentences,
                    &mut left,
                    block,
                    &mut output,
                )?;
            }
            continue;
        }
        // A trailing tag column is ignored; the token is the rest of the line (a few ANERcorp
        // tokens contain a space, and they must come back unchanged).
        let trimmed = line.trim();
        let token = match trimmed.rsplit_once(char::is_whitespace) {
            Some((tok, tag)) if is_tag_like(tag) && !tok.trim().is_empty() => tok.trim_end(),
            _ => trimmed,
        };
        tokens.push(token.to_string());
    }
    if !tokens.is_empty() {
        pending.push_back(ConllItem::Sentence(tokens));
        pending_sentences += 1;
    }
    let rest = pending_sentences;
    emit(
        &mut pending,
        &mut pending_sentences,
        &mut left,
        rest,
        &mut output,
    )?;
    // Blank lines after the last sentence.
    while let Some(ConllItem::Blank) = pending.pop_front() {
        writeln!(output)?;
    }
    output.flush()
}

fn is_tag_like(field: &str) -> bool {
    field == "O" || corpus::split_tag(field).is_some()
}

/// Words that make a location span a natural or built place (LOC) rather than a polity (GPE).
const LOC_HEADS: &[&str] = &[
    "بحر",
    "البحر",
    "نهر",
    "النهر",
    "جبل",
    "جبال",
    "الجبل",
    "خليج",
    "الخليج",
    "محيط",
    "المحيط",
    "صحراء",
    "الصحراء",
    "جزيره",
    "جزر",
    "الجزيره",
    "وادي",
    "الوادي",
    "بحيره",
    "مضيق",
    "قناه",
    "سهل",
    "هضبه",
    "شبه",
    "ساحل",
    "الساحل",
    "قاره",
    "مطار",
    "ميناء",
    "مسجد",
    "جسر",
    "شارع",
    "ساحه",
    "معبر",
    "سجن",
    "مخيم",
    "افريقيا",
    "اوروبا",
    "اسيا",
    "اسيا",
    "اوربا",
];

/// GPE or LOC for a tagged location span (normalised words, clitics of the first stripped).
fn geo_type(tagger: &Tagger, words: &[String]) -> EntityType {
    let key = words.join(" ");
    if let Some(kind) = tagger.geo_kind(&key) {
        return match kind {
            GeoKind::Gpe => EntityType::GPE,
            GeoKind::Loc => EntityType::LOC,
        };
    }
    let bits = tagger.gazetteer_bits(&key);
    if bits & (features::gaz::COUNTRY | features::gaz::CITY | features::gaz::REGION) != 0 {
        return EntityType::GPE;
    }
    if words
        .first()
        .is_some_and(|w| LOC_HEADS.contains(&w.as_str()))
    {
        return EntityType::LOC;
    }
    // ANERcorp's locations are overwhelmingly countries and cities.
    EntityType::GPE
}

/// Whether a name's first word keeps the letters the clitic analysis would take off it:
/// فيصل is not ف + يصل, nor وليد و + ليد, nor كاليفورنيا ك + اليفورنيا, nor فيفا ف + يفا. The
/// SaudiNewsNet frequencies behind the cluster table decide: the letters stay when the whole
/// word is at least as frequent as what is left without them (frequency bands are powers of
/// two), or when only the whole word is known. وروسيا → روسيا and والعراق → العراق still lose
/// their و, since the bare name is far more frequent.
fn is_whole_name(tagger: &Tagger, whole: &str, stripped: &str) -> bool {
    let band = |w: &str| {
        tagger
            .resources
            .clusters
            .get(&hadath_language::normalize::normalize_key(w))
            .map(|c| c[3])
    };
    match (band(whole), band(stripped)) {
        (Some(w), Some(s)) => w >= s,
        (Some(_), None) => true,
        _ => false,
    }
}

/// The entity stage: tags every fresh sentence of an Arabic document and returns its entities,
/// `source = "tagger"`. A clitic-prefixed first token starts its span at the article or stem
/// ("وروسيا" → روسيا, "والمملكة" → المملكة).
pub fn recognize(analysis: &Analysis, tagger: &Tagger) -> Vec<Entity> {
    let mut out = Vec::new();
    if analysis.language != Language::Arabic {
        return out;
    }
    let text = analysis.text();
    let sentences: Vec<_> = analysis
        .fresh_sentences()
        .map(|(index, _)| analysis.sentence_tokens(index))
        .filter(|toks| !toks.is_empty())
        .collect();
    let words: Vec<Vec<&str>> = sentences
        .iter()
        .map(|toks| toks.iter().map(|t| t.span.slice(text)).collect())
        .collect();
    // The whole document at once: a two-pass tagger reads how a word was tagged elsewhere.
    let all_tags = tagger.tag_sentences(&words);
    for (toks, tags) in sentences.iter().zip(all_tags) {
        for chunk in scores::chunks(&tags) {
            let first = &toks[chunk.start];
            let last = &toks[chunk.end - 1];
            if first.kind == TokenKind::Punctuation {
                continue;
            }
            let mut start = first.span.start;
            if let Some(c) = &first.clitics {
                // Drop the conjunction and preposition; keep the article (it is part of the name).
                let after = c.article.map_or(c.stem.start, |a| a.start);
                if !is_whole_name(tagger, first.span.slice(text), &text[after..first.span.end]) {
                    start = after;
                }
            }
            let span = Span::new(start, last.span.end.max(start));
            if span.is_empty() {
                continue;
            }
            let kind = match chunk.kind.as_str() {
                "PERS" => EntityType::PER,
                "ORG" => EntityType::ORG,
                "MISC" => EntityType::MISC,
                _ => {
                    let mut names: Vec<String> = vec![hadath_language::normalize::normalize_key(
                        &text[span.start..first.span.end],
                    )];
                    names.extend(
                        toks[chunk.start + 1..chunk.end]
                            .iter()
                            .map(|t| hadath_language::normalize::normalize_key(t.span.slice(text))),
                    );
                    geo_type(tagger, &names)
                }
            };
            out.push(Entity {
                span,
                kind,
                source: "tagger".to_string(),
                actor: None,
                place: None,
                date: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(pairs: &[(&str, &str)]) -> Sentence {
        Sentence {
            tokens: pairs.iter().map(|p| p.0.to_string()).collect(),
            tags: pairs.iter().map(|p| p.1.to_string()).collect(),
        }
    }

    #[test]
    fn two_passes_keep_empty_sentences_empty() {
        // The committed model is two-pass: both passes share one feature extraction.
        let tagger = Tagger::embedded();
        let tags = tagger.tag_sentences(&[vec![], vec!["زار", "لافروف", "روسيا"], vec![]]);
        assert_eq!(tags.iter().map(Vec::len).collect::<Vec<_>>(), vec![0, 3, 0]);
    }

    #[test]
    fn names_keep_letters_that_look_like_clitics() {
        let t = Tagger::embedded();
        for (whole, rest) in [
            ("فيصل", "يصل"),
            ("وليد", "ليد"),
            ("فلاديمير", "لاديمير"),
            ("كاليفورنيا", "اليفورنيا"),
        ] {
            assert!(is_whole_name(t, whole, rest), "{whole}");
        }
        for (whole, rest) in [("وروسيا", "روسيا"), ("والعراق", "العراق"), ("بجدة", "جدة")]
        {
            assert!(!is_whole_name(t, whole, rest), "{whole}");
        }
    }

    #[test]
    fn recognize_starts_spans_after_clitics_and_skips_repeats() {
        let train = vec![
            sentence(&[
                ("زار", "O"),
                ("الوفد", "O"),
                ("وروسيا", "B-LOC"),
                ("امس", "O"),
            ]),
            sentence(&[
                ("قال", "O"),
                ("سيرغي", "B-PERS"),
                ("لافروف", "I-PERS"),
                ("امس", "O"),
            ]),
            sentence(&[
                ("وصل", "O"),
                ("الى", "O"),
                ("والمملكة", "B-LOC"),
                ("امس", "O"),
            ]),
        ];
        let opts = train::FitOptions::plain(16, 30, 1);
        let tagger = train::fit(
            &train,
            features::Resources::default(),
            opts,
            None,
            &mut |_| {},
        );
        let text = "زار الوفد وروسيا امس. قال سيرغي لافروف امس.\nزار الوفد وروسيا امس.";
        let mut analysis = Analysis::new(hadath_core::Document {
            text: text.to_string(),
            declared_language: Some("ar".into()),
            ..Default::default()
        });
        hadath_language::annotate(&mut analysis);
        assert_eq!(analysis.language, Language::Arabic);
        let entities = recognize(&analysis, &tagger);
        let found: Vec<(&str, EntityType)> = entities
            .iter()
            .map(|e| (e.span.slice(text), e.kind))
            .collect();
        assert!(found.contains(&("روسيا", EntityType::GPE)), "{found:?}");
        assert!(
            found.contains(&("سيرغي لافروف", EntityType::PER)),
            "{found:?}"
        );
        assert!(entities.iter().all(|e| e.source == "tagger"));
        // The third sentence repeats the first: skipped when the language stage marks it.
        let repeats = analysis
            .sentences
            .iter()
            .filter(|s| s.repeat_of.is_some())
            .count();
        assert_eq!(entities.len(), 3 - repeats, "{found:?}");
    }

    /// A two-pass tagger on `train` as one document (window 2, 2 jackknife folds).
    fn fit_tiny_two_pass(train: &[Sentence], opts: train::FitOptions) -> Tagger {
        let segment = vec![0u32; train.len()];
        let doc = train::DocPass {
            window: 2,
            folds: 2,
            segment: &segment,
        };
        train::fit_two_pass(
            train,
            features::Resources::default(),
            opts,
            doc,
            &mut |_| {},
        )
    }

    #[test]
    fn two_pass_tagger_reads_neighbour_sentences_and_round_trips() {
        let s = |a: &str, b: &str, t: &str| sentence(&[("قال", "O"), (a, t), (b, "O")]);
        let train: Vec<Sentence> = (0..40)
            .map(|i| {
                if i % 2 == 0 {
                    s("لافروف", "امس", "B-PERS")
                } else {
                    s("روسيا", "اليوم", "B-LOC")
                }
            })
            .collect();
        let opts = train::FitOptions::plain(14, 5, 1);
        let tagger = fit_tiny_two_pass(&train, opts);
        assert_eq!(tagger.first_pass().map(|(_, w)| w), Some(2));
        let doc_sents = vec![vec!["قال", "لافروف", "امس"], vec!["قال", "روسيا", "اليوم"]];
        let tags = tagger.tag_sentences(&doc_sents);
        assert_eq!(tags[0], ["O", "B-PERS", "O"]);
        assert_eq!(tags[1], ["O", "B-LOC", "O"]);
        assert_eq!(tagger.tag(&doc_sents[0]), tags[0]);
        // weights.bin + weights_first.bin + doc_window.txt give the same tagger back.
        let (first, window) = tagger.first_pass().unwrap();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        tagger.write_weights(&mut a).unwrap();
        first.write_weights(&mut b).unwrap();
        let mut back = Tagger::read_weights(&a, features::Resources::default()).unwrap();
        back.attach_first_pass(&b, &format!("{window}\n")).unwrap();
        assert_eq!(back.tag_sentences(&doc_sents), tags);
    }

    #[test]
    fn bilou_two_pass_tagger_trains_and_emits_bio() {
        // BILOU internally (one-token names are U-, longer ones B- … L-), BIO at output, and
        // the weights files say which label set they hold.
        let train: Vec<Sentence> = (0..40)
            .map(|i| match i % 3 {
                0 => sentence(&[("قال", "O"), ("لافروف", "B-PERS"), ("امس", "O")]),
                1 => sentence(&[
                    ("قال", "O"),
                    ("سيرغي", "B-PERS"),
                    ("فيكتوروفيتش", "I-PERS"),
                    ("لافروف", "I-PERS"),
                ]),
                _ => sentence(&[("زار", "O"), ("روسيا", "B-LOC"), ("اليوم", "O")]),
            })
            .collect();
        let opts = train::FitOptions {
            scheme: Scheme::Bilou,
            ..train::FitOptions::plain(14, 5, 1)
        };
        let tagger = fit_tiny_two_pass(&train, opts);
        assert_eq!(tagger.scheme(), Scheme::Bilou);
        assert_eq!(tagger.first_pass().unwrap().0.scheme(), Scheme::Bilou);
        let doc_sents: Vec<Vec<&str>> = train[..3]
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        let tags = tagger.tag_sentences(&doc_sents);
        for (s, t) in train[..3].iter().zip(&tags) {
            assert_eq!(&s.tags, t);
        }
        let (first, window) = tagger.first_pass().unwrap();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        tagger.write_weights(&mut a).unwrap();
        first.write_weights(&mut b).unwrap();
        let mut back = Tagger::read_weights(&a, features::Resources::default()).unwrap();
        back.attach_first_pass(&b, &format!("{window}\n")).unwrap();
        assert_eq!(back.scheme(), Scheme::Bilou);
        assert_eq!(back.tag_sentences(&doc_sents), tags);
    }

    #[test]
    fn tokenize_plain_splits_punctuation_and_sentences() {
        let s = train::tokenize_plain("قال (الوزير): نعم. وغادر!");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0], vec!["قال", "(", "الوزير", ")", ":", "نعم", "."]);
        assert_eq!(s[1], vec!["وغادر", "!"]);
    }

    #[test]
    fn tag_conll_keeps_tokens_and_blank_lines() {
        let tagger = Tagger::empty(8, features::Resources::default());
        let input = "فرانكفورت B-LOC\n(د O\n\nأعلن\nاتحاد B-ORG\n\n\nفي O\n";
        let mut out = Vec::new();
        tag_conll(input.as_bytes(), &mut out, &tagger).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(out, "فرانكفورت O\n(د O\n\nأعلن O\nاتحاد O\n\n\nفي O\n");
    }

    #[test]
    fn tag_conll_tags_the_file_as_one_document_whatever_the_block_size() {
        // A two-pass tagger must see each sentence's neighbours in CoNLL input too (tagging
        // sentence by sentence cost 5.5 F1 on AQMAR dev), in blocks or not, with or without
        // blank lines between ANERcorp-style sentences.
        let tagger = Tagger::embedded();
        if !tagger.is_trained() {
            return;
        }
        let text = include_str!("../tests/fixtures/anercorp_doc.txt");
        let tokens: Vec<&str> = text
            .lines()
            .filter_map(|l| l.trim().rsplit_once(' ').map(|(t, _)| t))
            .collect();
        let mut sentences: Vec<Vec<&str>> = vec![Vec::new()];
        for t in &tokens {
            sentences.last_mut().unwrap().push(t);
            if corpus::is_sentence_end(t) {
                sentences.push(Vec::new());
            }
        }
        sentences.retain(|s| !s.is_empty());
        assert_eq!(sentences.len(), 2);
        let whole: Vec<String> = tagger
            .tag_sentences(&sentences)
            .into_iter()
            .map(|tags| tags.join(" "))
            .collect();
        // Two sentences where the neighbour matters: alone, the second sentence's
        // فولكسفاغن is tagged LOC; with the first one (… مقدمتها فولكسفاغن) it is ORG.
        let alone: Vec<String> = sentences.iter().map(|s| tagger.tag(s).join(" ")).collect();
        assert_ne!(alone, whole);
        let expected: String = sentences
            .iter()
            .zip(&whole)
            .map(|(s, tags)| {
                let lines: Vec<String> = s
                    .iter()
                    .zip(tags.split(' '))
                    .map(|(t, g)| format!("{t} {g}\n"))
                    .collect();
                lines.concat() + "\n"
            })
            .collect();
        let with_blanks: String = sentences
            .iter()
            .map(|s| s.iter().map(|t| format!("{t} O\n")).collect::<String>() + "\n")
            .collect();
        let flat: String = tokens.iter().map(|t| format!("{t}\n")).collect();
        for block in [1, 2, 3, 256] {
            let mut out = Vec::new();
            tag_conll_blocks(with_blanks.as_bytes(), &mut out, tagger, block).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), expected, "block {block}");
        }
        let mut out = Vec::new();
        tag_conll(flat.as_bytes(), &mut out, tagger).unwrap();
        let flat_expected: String = expected
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(String::from_utf8(out).unwrap(), flat_expected);
    }
}
