//! Assessments: interpretation, evaluation, argument. The lexicon cues with
//! `claim=assessment` carry most of the signal; beyond them, an English
//! sentence that is a direct quotation with no figure reads as the speaker's
//! view (news quotes opinions and paraphrases facts).

use super::{ClaimKind, Doc, Evidence, Lang, Lexicon, Sentence, Signal, Signals};

/// Assessment signals beyond the lexicon cues.
pub fn signals(doc: &Doc<'_>, _lex: Lexicon<'_>, s: &Sentence<'_>, out: &mut Signals) {
    if s.lang == Lang::En && s.figures.is_empty() {
        let body = doc.text[s.body..s.span.end].trim_start();
        // A direct quotation: the quote opened at the start runs through most
        // of the sentence (not a quoted term: `"Mineral" means ...`).
        let quoted = body.starts_with('"')
            && body[1..]
                .find('"')
                .is_none_or(|close| close + 1 >= body.len() * 3 / 5);
        if quoted {
            out.push(Signal {
                kind: ClaimKind::Assessment,
                weight: 2,
                evidence: Evidence {
                    rule: "assessment/en/quotation".into(),
                    entry: None,
                    cue: Some(crate::Span::new(s.body, s.body + 1)),
                },
                at: s.body,
            });
        }
    }
}
