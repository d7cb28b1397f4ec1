//! Disclosure: does a figure back the claim?
//!
//! For commitments, plans, forecasts and facts: `disclosed` when the sentence
//! carries a figure, or (for all but facts) a deadline or target date;
//! `undisclosed` when it speaks of an amount, scale or measurable target
//! (capacity, output, 产能) without one; `na` otherwise.

use super::{ClaimKind, Disclosure, Evidence, Lexicon, Sentence};
use crate::figure::TimeKind;

/// Decides the disclosure of a claim of `kind`, adding the evidence.
pub fn decide(
    lex: Lexicon<'_>,
    s: &Sentence<'_>,
    kind: ClaimKind,
    evidence: &mut Vec<Evidence>,
) -> Option<Disclosure> {
    if matches!(kind, ClaimKind::Assessment | ClaimKind::Disclaimer) {
        return None;
    }
    if let Some(f) = s.figures.first() {
        evidence.push(Evidence { rule: "disclosure/figure".into(), entry: None, cue: Some(f.span) });
        return Some(Disclosure::Disclosed);
    }
    if kind != ClaimKind::Fact {
        let deadline = s.times.iter().find(|t| {
            t.deadline || matches!(t.kind, TimeKind::Year | TimeKind::Quarter | TimeKind::Month | TimeKind::Date)
        });
        if let Some(t) = deadline {
            evidence.push(Evidence { rule: "disclosure/deadline".into(), entry: None, cue: Some(t.span) });
            return Some(Disclosure::Disclosed);
        }
    }
    if let Some(h) = s.hits.iter().find(|h| lex.cue(h).measure) {
        evidence.push(Evidence::hit("disclosure/measure", h));
        return Some(Disclosure::Undisclosed);
    }
    Some(Disclosure::Na)
}
