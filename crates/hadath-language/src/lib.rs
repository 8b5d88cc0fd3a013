//! The language stage: what language a document is in, and its sentences and tokens.
//!
//! - [`identify`]: Arabic, English or other, per document.
//! - [`normalize`]: Arabic (and Latin) normalisation *for matching*, with a map from every
//!   normalised position back to the original text, which is never changed.
//! - [`segment`]: paragraphs and sentences.
//! - [`tokenize`]: words, numbers and punctuation, with the clitic analysis of Arabic words in
//!   [`clitics`], so later stages can look up "وبالفصائل" as الفصائل.

pub mod clitics;
pub mod identify;
pub mod normalize;
pub mod segment;
pub mod tokenize;

use hadath_core::Analysis;

/// Runs the whole language stage on an analysis: language, sentences, tokens.
pub fn annotate(analysis: &mut Analysis) {
    analysis.language = identify::identify(
        analysis.text(),
        analysis.document.declared_language.as_deref(),
    );
    analysis.sentences = segment::sentences(analysis.text());
    analysis.tokens = tokenize::tokenize(analysis.text(), &analysis.sentences);
}
