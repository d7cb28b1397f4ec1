//! Actors: who commits or plans, resolved across sentences.
//!
//! In order: the organisation (or place standing for its government) named
//! as the subject of the deciding cue; an anaphor there ("the company", "it",
//! 该公司, 我们) resolved to the organisation last in focus; an organisation
//! named elsewhere in the sentence; the actor of the previous claim; the
//! organisation the article is about.

use std::collections::HashMap;

use super::{is_cjk, Actor, ActorSource, ClaimKind, Claim, Doc, Lang, Lexicon, Sentence, Speaker};
use crate::lexicon::EntryType;
use crate::matcher::{EntryId, Hit};
use crate::span::Span;

/// An actor candidate: a lexicon concept or a name found by pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Entry(EntryId),
    Found(Span),
}

impl Who {
    fn actor(self, span: Option<Span>, source: ActorSource) -> Actor {
        match self {
            Who::Entry(e) => Actor { entry: Some(e), span, source },
            Who::Found(s) => Actor { entry: None, span: Some(s), source },
        }
    }
}

/// What the article has put in focus so far.
pub struct State {
    /// The organisation the article is about.
    document: Option<Who>,
    /// The actor of the last intent claim.
    last_actor: Option<Who>,
    /// The last organisation named.
    last_org: Option<Who>,
}

fn is_org(lex: Lexicon<'_>, h: &Hit) -> bool {
    lex.entries[h.entry as usize].ty == EntryType::Org
}

fn is_place(lex: Lexicon<'_>, h: &Hit) -> bool {
    lex.entries[h.entry as usize].ty == EntryType::Place
}

impl State {
    /// Finds the organisation the article is about: the first one named in
    /// the title, else the one named most often (the first of equals).
    pub fn new(doc: &Doc<'_>, lex: Lexicon<'_>) -> State {
        let title_end = doc
            .segments
            .first()
            .filter(|s| s.kind == crate::segment::SegmentKind::Title)
            .map_or(0, |s| s.span.end);
        let mut document = doc
            .hits
            .iter()
            .take_while(|h| h.span.end <= title_end)
            .find(|h| is_org(lex, h))
            .map(|h| Who::Entry(h.entry));
        if document.is_none() {
            let mut counts: HashMap<EntryId, (usize, usize)> = HashMap::new();
            for (i, h) in doc.hits.iter().enumerate() {
                if is_org(lex, h) {
                    let e = counts.entry(h.entry).or_insert((0, i));
                    e.0 += 1;
                }
            }
            document = counts
                .into_iter()
                .max_by_key(|&(_, (n, first))| (n, std::cmp::Reverse(first)))
                .map(|(e, _)| Who::Entry(e));
        }
        if document.is_none() {
            document = doc.found_orgs.first().map(|&s| Who::Found(s));
        }
        State { document, last_actor: None, last_org: None }
    }

    /// Updates the focus after a sentence.
    pub fn after_sentence(
        &mut self,
        _doc: &Doc<'_>,
        lex: Lexicon<'_>,
        s: &Sentence<'_>,
        claim: Option<&Claim>,
    ) {
        let last_hit = s.hits.iter().rev().find(|h| is_org(lex, h));
        let last_found = s.found_orgs.last();
        self.last_org = match (last_hit, last_found) {
            (Some(h), Some(f)) if f.start > h.span.start => Some(Who::Found(*f)),
            (Some(h), _) => Some(Who::Entry(h.entry)),
            (None, Some(f)) => Some(Who::Found(*f)),
            (None, None) => self.last_org,
        };
        if let Some(a) = claim.and_then(|c| c.actor.as_ref()) {
            if claim.is_some_and(|c| c.kind.is_intent()) {
                self.last_actor = match (a.entry, a.span) {
                    (Some(e), _) => Some(Who::Entry(e)),
                    (None, Some(sp)) => Some(Who::Found(sp)),
                    (None, None) => self.last_actor,
                };
            }
        }
    }

    fn focus(&self) -> Option<Who> {
        self.last_actor.or(self.last_org).or(self.document)
    }
}

/// What stands right before a cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// An organisation, place, person or anaphor.
    Actor,
    /// An amount, market or material ("demand", 产量, "prices").
    Thing,
    /// Nothing known.
    Unknown,
}

const EN_SKIP: &[&str] = &[
    "also", "now", "then", "still", "further", "soon", "itself", "themselves", "jointly", "first",
    "eventually", "therefore", "thus", "already", "reportedly", "in", "turn", "meanwhile", "instead",
    "too", "both", "all", "alone", "separately", "additionally", "ultimately", "later", "likewise",
];

const ZH_SKIP: &[&str] = &[
    "也", "还", "则", "亦", "都", "仍", "正", "已", "再", "即", "并", "就", "均", "又", "更", "将",
    "今年", "明年", "年内", "下半年", "上半年", "今后", "未来", "近期", "日前", "目前", "随后", "届时",
    "同时", "此前", "已经", "正在", "计划", "一定", "坚决", "必须", "首次", "率先", "积极", "继续",
];

/// Classifies what stands right before `cue` in the sentence.
pub fn subject_of(doc: &Doc<'_>, lex: Lexicon<'_>, s: &Sentence<'_>, cue: &Hit) -> Subject {
    let start = s.span.start;
    let mut end = cue.span.start;
    // Skip adverbs and time words between the subject and the cue.
    loop {
        let before = doc.text[start..end].trim_end_matches([' ', ',']);
        let mut stripped = None;
        if s.lang == Lang::Zh {
            for w in ZH_SKIP {
                if let Some(b) = before.strip_suffix(w) {
                    stripped = Some(b);
                    break;
                }
            }
        } else {
            let word_start = before
                .rfind(|c: char| !c.is_ascii_alphabetic())
                .map_or(0, |i| i + 1);
            let word = &before[word_start..];
            if !word.is_empty() && EN_SKIP.iter().any(|w| w.eq_ignore_ascii_case(word)) {
                stripped = Some(&before[..word_start]);
            }
        }
        match stripped {
            Some(b) => end = start + b.len(),
            None => {
                end = start + before.len();
                break;
            }
        }
    }
    // A hit ending exactly there.
    if let Some(h) = s.hits.iter().rev().find(|h| h.span.end <= end) {
        let near = doc.text[h.span.end..end].trim_end_matches(['\'', 's', ')']).trim().is_empty();
        if near {
            let c = lex.cue(h);
            if c.actor || c.anaphor {
                return Subject::Actor;
            }
            let ty = lex.entries[h.entry as usize].ty;
            if c.measure
                || matches!(ty, EntryType::Element | EntryType::Material | EntryType::Policy)
            {
                return Subject::Thing;
            }
        }
    }
    if s.found_orgs.iter().any(|f| f.end == end) {
        return Subject::Actor;
    }
    if s.lang == Lang::En {
        // A capitalised word right before: a name.
        let before = &doc.text[start..end];
        let word_start = before.rfind(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\'' || c == '-')).map_or(0, |i| i + 1);
        let word = &before[word_start..];
        if word.starts_with(|c: char| c.is_ascii_uppercase())
            && !matches!(word, "The" | "This" | "That" | "These" | "Those" | "A" | "An" | "It" | "There")
        {
            return Subject::Actor;
        }
    } else if let Some(c) = doc.text[start..end].chars().next_back() {
        if !is_cjk(c) && !c.is_alphanumeric() {
            return Subject::Unknown;
        }
    }
    Subject::Unknown
}

/// Finds the actor of a claim whose deciding cue sits at `at`.
pub fn find(
    doc: &Doc<'_>,
    lex: Lexicon<'_>,
    s: &Sentence<'_>,
    kind: ClaimKind,
    at: usize,
    _speaker: Option<&Speaker>,
    state: &State,
) -> Option<Actor> {
    if !kind.is_intent() {
        return None;
    }
    // The nearest organisation or anaphor before the cue; a place only as the
    // subject right before it ("China will ...", 内蒙古拟 ...).
    let subject_place = s
        .hits
        .iter()
        .rev()
        .filter(|h| h.span.end <= at)
        .find(|h| is_place(lex, h))
        .filter(|h| doc.text[h.span.end..at].trim().chars().count() <= 4);
    let before = s
        .hits
        .iter()
        .rev()
        .filter(|h| h.span.end <= at)
        .find(|h| is_org(lex, h) || lex.cue(h).anaphor || subject_place.is_some_and(|p| p == *h));
    let found_before = s.found_orgs.iter().rev().find(|f| f.end <= at);
    let pick = match (before, found_before) {
        (Some(h), Some(f)) if f.start > h.span.start => Err(*f),
        (Some(h), _) => Ok(*h),
        (None, Some(f)) => Err(*f),
        (None, None) => {
            // English passive: "... will be funded by the Department of Defense".
            if s.lang == Lang::En {
                let by = s.hits.iter().filter(|h| h.span.start >= at).find(|h| {
                    is_org(lex, h) && doc.text[s.span.start..h.span.start].trim_end().ends_with(" by")
                        || is_org(lex, h) && doc.text[s.span.start..h.span.start].trim_end().ends_with(" by the")
                });
                if let Some(h) = by {
                    return Some(Who::Entry(h.entry).actor(Some(h.span), ActorSource::Sentence));
                }
            }
            return match (state.last_actor, state.document) {
                (Some(w), _) => Some(w.actor(None, ActorSource::Previous)),
                (None, Some(w)) => Some(w.actor(None, ActorSource::Document)),
                (None, None) => None,
            };
        }
    };
    match pick {
        Err(f) => Some(Who::Found(f).actor(Some(f), ActorSource::Subject)),
        Ok(h) if lex.cue(&h).anaphor => {
            let cue = lex.cue(&h);
            // An organisation named earlier in the same sentence comes first.
            if !cue.first_person {
                if let Some(o) = s.hits.iter().filter(|o| o.span.end <= h.span.start).find(|o| is_org(lex, o)) {
                    let _ = doc;
                    return Some(Who::Entry(o.entry).actor(Some(o.span), ActorSource::Anaphor));
                }
            }
            let who = if cue.first_person { state.document.or(state.focus()) } else { state.focus() };
            who.map(|w| w.actor(None, ActorSource::Anaphor))
        }
        Ok(h) => Some(Who::Entry(h.entry).actor(Some(h.span), ActorSource::Subject)),
    }
}
