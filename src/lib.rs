//! ree-claims: structured, checkable claims from English and Chinese news on
//! rare earths, critical minerals and China's state-owned industry.
#![deny(missing_docs)]

pub mod figure;
pub mod normalize;
pub mod segment;
pub mod span;

pub use span::Span;
