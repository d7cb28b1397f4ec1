//! Organisations the lexicon does not know, found by their shape: capitalised
//! English names ending in an organisation word (Group, Corp, Ministry of ...)
//! and Chinese names ending in an organisation suffix (有限公司, 集团, 研究院).

use crate::lexicon::Entry;
use crate::matcher::Hit;
use crate::segment::Segment;
use crate::span::Span;

/// Finds organisation names not covered by lexicon hits, in text order.
pub fn find(_text: &str, _segments: &[Segment], _hits: &[Hit], _entries: &[Entry]) -> Vec<Span> {
    Vec::new()
}
