//! Plain data types that flow between hadath's pipeline stages.
//!
//! Every stage reads and writes these types and nothing else: a [`Document`] keeps the original
//! text byte-exact, and every annotation is a half-open [`Span`] of **byte offsets** over that
//! text. Only the output contract ([`output`]) converts spans to Unicode code points, because
//! that is what JSON consumers (Python's `str`, JavaScript after `Array.from`) index by.
//!
//! This crate depends on serde, chrono and schemars only, and does no I/O.

pub mod analysis;
pub mod diagnostic;
pub mod document;
pub mod metrics;
pub mod output;
pub mod plover;
pub mod span;

pub use analysis::*;
pub use diagnostic::{Diagnostic, Severity};
pub use document::{Document, Origin};
pub use span::{CharIndex, Span};
