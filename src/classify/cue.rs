//! What each lexicon entry means to the classifier, decided once when the
//! extractor is built (no attribute parsing per document).

use super::ClaimKind;
use crate::lexicon::{Entry, EntryType};

/// The classifier's view of one lexicon entry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CueInfo {
    /// Kind signalled (with an actor subject, when `needs_actor`).
    pub claim: Option<ClaimKind>,
    /// Kind signalled without an actor subject.
    pub else_claim: Option<ClaimKind>,
    /// Kind signalled when nothing tells what the subject is (`open=`).
    pub open_claim: Option<ClaimKind>,
    /// `subject=actor`.
    pub needs_actor: bool,
    /// `at=start`: only at the start of a sentence or task line.
    pub at_start: bool,
    /// Priority among the cues of a sentence (1 weak, 2 normal, 3 strong).
    pub weight: u8,
    /// Hedges the claim.
    pub hedge: bool,
    /// Names an amount or scale.
    pub measure: bool,
    /// A verb of saying or opinion.
    pub speech: bool,
    /// Points to the future.
    pub future: bool,
    /// Marks a past or completed event.
    pub past: bool,
    /// Negates.
    pub negation: bool,
    /// Says figures were withheld.
    pub nondisclosure: bool,
    /// Withholds something: non-disclosure only where the sentence names an
    /// amount, price, value or terms (`object=amount`).
    pub needs_amount: bool,
    /// Refers back to an organisation.
    pub anaphor: bool,
    /// Stands for the speaker's own side ("we", 我们, 我区).
    pub first_person: bool,
    /// Refers back to a company ("the company", 该公司: `refers=company`).
    pub company_anaphor: bool,
    /// An organisation that is a business (`kind=` company, soe or bank),
    /// what "the company" can stand for.
    pub company: bool,
    /// A news organisation (`kind=media`): cited as a source, never the
    /// actor that later anaphors point to.
    pub media: bool,
    /// Hides a shorter cue; ignored.
    pub block: bool,
    /// An organisation, place or role: may be an actor.
    pub actor: bool,
    /// A Chinese word that is a noun as often as a verb (计划, 目标): it
    /// counts only where it reads as a verb.
    pub noun: bool,
    /// A perfect-aspect or past-time marker (了, 已经, had been, 去年).
    pub perfect: bool,
    /// Evaluative wording (显著, very, vulnerable): an assessment signal in
    /// news, but the wording of targets in a plan's task lines.
    pub style: bool,
    /// Ends an organisation's name (Group, 有限公司).
    pub suffix: bool,
    /// Opens an organisation's name (Ministry of).
    pub head: bool,
}

fn flag(e: &Entry, key: &str) -> bool {
    matches!(e.attr(key), Some("1") | Some("true") | Some("yes"))
}

impl CueInfo {
    /// Derives the classifier's view of `e`.
    pub fn of(e: &Entry) -> CueInfo {
        let mut c = CueInfo {
            weight: 2,
            ..CueInfo::default()
        };
        match e.ty {
            EntryType::Cue => {
                c.claim = e.attr("claim").and_then(ClaimKind::from_name);
                c.else_claim = e.attr("else").and_then(ClaimKind::from_name);
                c.needs_actor = e.attr("subject") == Some("actor");
                c.open_claim = e.attr("open").and_then(ClaimKind::from_name);
                c.at_start = e.attr("at") == Some("start");
                c.weight = e.attr("weight").and_then(|w| w.parse().ok()).unwrap_or(2);
            }
            EntryType::Hedge => c.hedge = true,
            EntryType::Negation => c.negation = true,
            EntryType::Nondisclosure => c.nondisclosure = true,
            EntryType::Measure => c.measure = true,
            EntryType::Speech => c.speech = true,
            EntryType::Anaphor => {
                c.anaphor = true;
                c.first_person = e.attr("person") == Some("first");
                c.company_anaphor = e.attr("refers") == Some("company");
            }
            EntryType::Block => c.block = true,
            EntryType::Suffix => {
                c.head = flag(e, "head");
                c.suffix = !c.head;
            }
            EntryType::Org => {
                c.actor = true;
                c.company = matches!(e.attr("kind"), Some("company" | "soe" | "bank"));
                c.media = e.attr("kind") == Some("media");
            }
            EntryType::Place | EntryType::Role => c.actor = true,
            EntryType::Element | EntryType::Material | EntryType::Policy => {}
        }
        c.hedge |= flag(e, "hedge");
        c.measure |= flag(e, "measure");
        c.speech |= flag(e, "speech");
        c.future = flag(e, "future");
        c.past = flag(e, "past");
        c.noun = flag(e, "noun");
        c.negation |= flag(e, "negation");
        c.perfect = flag(e, "perfect");
        c.needs_amount = e.attr("object") == Some("amount");
        c.style = flag(e, "style");
        c
    }
}
