//! Shared code of the analyst views (`explain`, `ledger`), kept out of the
//! binaries so that `tests/views.rs` can call it directly:
//!
//! ```ignore
//! #[path = "../examples/common/views.rs"]
//! mod views;
//! ```
//!
//! - [`layers`]: spans that may overlap (claims cover sentences; figures,
//!   times, entities and cues lie inside them and may cross each other)
//!   turned into one properly nested sequence of open, text and close events;
//! - [`html`]: escaping and the page skeleton shared by both views;
//! - [`explain`]: one article as an HTML page or as annotated plain text;
//! - [`meta`]: dates, titles and sources of articles (JSON Lines index files);
//! - [`ledger`]: a corpus aggregated by actor, written as Markdown, JSON or
//!   HTML.
//!
//! Each binary uses only part of this, hence the `dead_code` allowance.
#![allow(dead_code)]

#[path = "explain.rs"]
pub mod explain;
#[path = "html.rs"]
pub mod html;
#[path = "layers.rs"]
pub mod layers;
#[path = "ledger.rs"]
pub mod ledger;
#[path = "meta.rs"]
pub mod meta;
