//! ree-claims: structured, checkable claims from English and Chinese news on
//! rare earths, critical minerals and China's state-owned industry.
//!
//! ```
//! let extractor = ree_claims::Extractor::new().unwrap();
//! let record = extractor.extract("demo", "Baogang Group\nBaogang Group plans to build a 3.5万吨 rare-earth steel line by 2027.");
//! let claim = &record.claims[0];
//! assert_eq!(claim.kind, "plan");
//! assert_eq!(claim.disclosure.as_deref(), Some("disclosed"));
//! ```
#![deny(missing_docs)]

pub mod classify;
pub mod extractor;
pub mod figure;
pub mod input;
pub mod lexicon;
pub mod matcher;
pub mod normalize;
pub mod orgs;
mod pages;
pub mod record;
pub mod segment;
pub mod span;
mod swar;

pub use extractor::{Extractor, ExtractorBuilder};

/// The README's examples, compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
pub use record::ArticleRecord;
pub use span::Span;
