//! Half-open byte spans over a document's original text, and their conversion to code points.

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of byte offsets into a document's original text.
///
/// Both ends always fall on UTF-8 character boundaries of the text the span was made for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// This span moved right by `offset` bytes (for spans found inside a slice of the text).
    pub fn shift(&self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }
}

/// Maps byte offsets of one text to Unicode code point offsets.
///
/// Built once per document; lookups are a binary search over the positions of multi-byte
/// characters, so ASCII-heavy text costs almost nothing.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of every character that starts at a byte offset different from its code point
    /// offset, paired with its code point offset. Sorted by byte offset.
    byte_starts: Vec<usize>,
    len_bytes: usize,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        CharIndex {
            byte_starts: text.char_indices().map(|(b, _)| b).collect(),
            len_bytes: text.len(),
        }
    }

    /// The code point offset of byte offset `byte`. A byte offset inside a character maps to that
    /// character; the end of the text maps to the number of characters.
    pub fn char_offset(&self, byte: usize) -> usize {
        if byte >= self.len_bytes {
            return self.byte_starts.len();
        }
        match self.byte_starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// The byte offset of code point offset `chars`.
    pub fn byte_offset(&self, chars: usize) -> usize {
        self.byte_starts
            .get(chars)
            .copied()
            .unwrap_or(self.len_bytes)
    }

    pub fn to_chars(&self, span: Span) -> (usize, usize) {
        (self.char_offset(span.start), self.char_offset(span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_counts_code_points_not_bytes() {
        let text = "أمس (الثلاثاء) ok";
        let index = CharIndex::new(text);
        let start = text.find("(").unwrap();
        let end = text.find(")").unwrap() + 1;
        assert_eq!(index.to_chars(Span::new(start, end)), (4, 14));
        assert_eq!(index.char_offset(text.len()), text.chars().count());
        assert_eq!(index.byte_offset(4), start);
        let python_like: String = text.chars().skip(4).take(10).collect();
        assert_eq!(python_like, "(الثلاثاء)");
    }

    #[test]
    fn span_relations() {
        let a = Span::new(0, 10);
        let b = Span::new(5, 12);
        assert!(a.overlaps(b));
        assert!(!a.contains(b));
        assert_eq!(a.cover(b), Span::new(0, 12));
        assert!(!Span::new(0, 5).overlaps(Span::new(5, 6)));
    }
}
