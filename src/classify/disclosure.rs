//! Disclosure: does a figure back the claim?
//!
//! For commitments, plans, forecasts and facts: `disclosed` when the sentence
//! carries a figure, or (for commitments and plans) a specific deadline or
//! date, or (for forecasts) a deadline ("by 2034", 到2025年, 十五五);
//! `undisclosed` when it speaks of an amount, scale or measurable target
//! (capacity, output, 产能) without one; `na` otherwise.
//!
//! A time is specific when it names a year, month, date, quarter or planning
//! period with a number (2027, 三季度, 十五五), not a relative one (this year,
//! 今年); a date that the sentence dates from ("since March 4", 以来) is not a
//! deadline.

use super::{ClaimKind, Disclosure, Doc, Evidence, Lexicon, Sentence};
use crate::figure::{TimeKind, TimeMention};

const CJK_DIGITS: &str = "〇零一二两三四五六七八九十百";

/// Words right before a time that make it a point of departure, not a deadline.
const SINCE: &[&str] = &[
    "since",
    "from",
    "announced on",
    "announced",
    "earlier",
    "last",
    "自",
    "从",
    "自从",
    "于",
];

fn specific(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_ascii_digit() || CJK_DIGITS.contains(c))
}

fn departure(doc: &Doc<'_>, t: &TimeMention) -> bool {
    let before = doc.text[..t.span.start].trim_end();
    let from = before.char_indices().rev().nth(12).map_or(0, |(i, _)| i);
    let window = before[from..].to_ascii_lowercase();
    let after = &doc.text[t.span.end..];
    SINCE.iter().any(|w| window.ends_with(w))
        || after.starts_with("以来")
        || after.starts_with("起")
        || after.trim_start().starts_with("ago")
}

/// True when `t` gives a claim of `kind` a deadline.
fn deadline(doc: &Doc<'_>, kind: ClaimKind, t: &TimeMention) -> bool {
    if t.deadline || t.kind == TimeKind::Period {
        return true;
    }
    if !kind.is_intent() {
        return false;
    }
    let text = &doc.text[t.span.start..t.span.end];
    specific(text)
        && matches!(
            t.kind,
            TimeKind::Year
                | TimeKind::Quarter
                | TimeKind::Month
                | TimeKind::Date
                | TimeKind::Duration
        )
        && !departure(doc, t)
}

/// Decides the disclosure of a claim of `kind`, adding the evidence.
pub fn decide(
    doc: &Doc<'_>,
    lex: Lexicon<'_>,
    s: &Sentence<'_>,
    kind: ClaimKind,
    evidence: &mut Vec<Evidence>,
) -> Option<Disclosure> {
    if matches!(kind, ClaimKind::Assessment | ClaimKind::Disclaimer) {
        return None;
    }
    if let Some(f) = s.figures.first() {
        evidence.push(Evidence {
            rule: "disclosure/figure".into(),
            entry: None,
            cue: Some(f.span),
        });
        return Some(Disclosure::Disclosed);
    }
    if kind != ClaimKind::Fact {
        if let Some(t) = s.times.iter().find(|t| deadline(doc, kind, t)) {
            evidence.push(Evidence {
                rule: "disclosure/deadline".into(),
                entry: None,
                cue: Some(t.span),
            });
            return Some(Disclosure::Disclosed);
        }
    }
    if let Some(h) = s.hits.iter().find(|h| lex.cue(h).measure) {
        evidence.push(Evidence::hit("disclosure/measure", h));
        return Some(Disclosure::Undisclosed);
    }
    Some(Disclosure::Na)
}
