//! The cleaning stage: what in a document has already been said.
//!
//! Scraped news often repeats itself: a CMS glitch pastes paragraphs twice, a wire story quotes
//! its own lead again. [`repeats`] finds exact and near-exact repeated paragraphs and sentences
//! inside one document and marks each repeated sentence with `repeat_of`, so later stages code
//! every happening once.

pub mod near_duplicates;
pub mod repeats;

pub use repeats::{mark_repeats, RepeatOptions};
