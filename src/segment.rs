//! Sentence segmentation for English and Chinese news text.
//!
//! Input is the *normalised* article text (see [`crate::normalize`]): full-width
//! ASCII is folded (so Chinese `，！？：；（）` arrive as `,!?:;()`), curly quotes
//! are `"` and `'`, dashes are `-`; `。`, `…`, `、`, `《》`, `「」` are unchanged.

use crate::span::Span;

/// What kind of unit a segment is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SegmentKind {
    /// The article's first line, when more lines follow.
    Title,
    /// A short line that introduces what follows ("Highlights", "产量超标").
    Heading,
    /// A list item ("- ", "• ", "1.", "一是"): one sentence.
    Bullet,
    /// An ordinary sentence.
    Sentence,
}

/// One sentence, heading or bullet of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Segment {
    /// Byte span, trimmed of surrounding whitespace.
    pub span: Span,
    /// What the segment is.
    pub kind: SegmentKind,
}

/// Splits `text` into segments, appending them to `out` in text order.
pub fn split_into(text: &str, out: &mut Vec<Segment>) {
    // Placeholder until the segmenter lands: one segment per non-empty line.
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let lead = line.len() - line.trim_start().len();
            out.push(Segment {
                span: Span::new(start + lead, start + lead + trimmed.len()),
                kind: SegmentKind::Sentence,
            });
        }
        start += line.len();
    }
}

/// Splits `text` into segments.
pub fn split(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    split_into(text, &mut out);
    out
}
