//! Disclaimers: see `GUIDELINES.md`. The lexicon cues with `claim=disclaimer` carry
//! most of the signal; this file holds the rules beyond them.

use super::{Doc, Lexicon, Sentence, Signals};

/// Disclaimer signals beyond the lexicon cues.
pub fn signals(_doc: &Doc<'_>, _lex: Lexicon<'_>, _s: &Sentence<'_>, _out: &mut Signals) {}
