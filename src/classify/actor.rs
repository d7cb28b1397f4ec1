//! Actors: who commits or plans, resolved across sentences.
//!
//! In order: the organisation (or place standing for its government) named
//! as the subject of the deciding cue; an anaphor there ("the company", "it",
//! 该公司, 我们) resolved to the organisation last in focus; an organisation
//! named elsewhere in the sentence; the actor of the previous claim; the
//! organisation the article is about.

use super::{
    is_cjk, Actor, ActorSource, Claim, ClaimKind, Doc, Lang, Lexicon, Sentence, Speaker, WordSet,
};
use crate::lexicon::EntryType;
use crate::matcher::{EntryId, Hit};
use crate::span::Span;
use crate::swar::{gather, in_range, HIGH};
use std::cell::RefCell;

/// An actor candidate: a lexicon concept or a name found by pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Entry(EntryId),
    Found(Span),
}

impl Who {
    fn actor(self, span: Option<Span>, source: ActorSource) -> Actor {
        match self {
            Who::Entry(e) => Actor {
                entry: Some(e),
                span,
                source,
            },
            Who::Found(s) => Actor {
                entry: None,
                span: Some(s),
                source,
            },
        }
    }
}

/// What the article has put in focus so far.
pub struct State {
    /// The organisation the article is about.
    document: Option<Who>,
    /// The actor of the last intent claim.
    last_actor: Option<Who>,
    /// The first organisation named in the last sentence that named one:
    /// most often its subject, the one a later "it" or "the company" means
    /// ("Baogang, owner of Northern Rare Earth, ... The company ..."). News
    /// organisations are left out: they are cited, not followed.
    last_org: Option<Who>,
    /// The same among businesses, what "the company" stands for.
    last_company: Option<Who>,
    /// Sentence of the last intent claim's actor.
    last_actor_at: usize,
    /// The article is a report delivered by the document actor (政府工作报告,
    /// 我代表……): its subjectless task lines are that body's.
    report: bool,
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
    pub fn new(doc: &Doc<'_>, lex: Lexicon<'_>, report: bool) -> State {
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
            let mut counts: crate::matcher::EntryMap<(usize, usize)> = Default::default();
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
        State {
            document,
            last_actor: None,
            last_org: None,
            last_company: None,
            last_actor_at: 0,
            report,
        }
    }

    /// The actor of a claim whose sentence names none.
    fn fallback(&self, sentence: usize) -> Option<Actor> {
        let recent = sentence.saturating_sub(self.last_actor_at) <= 3;
        match (self.last_actor, self.document) {
            (_, Some(d)) if self.report => Some(d.actor(None, ActorSource::Document)),
            (Some(w), _) if recent => Some(w.actor(None, ActorSource::Previous)),
            (_, Some(d)) => Some(d.actor(None, ActorSource::Document)),
            (Some(w), None) => Some(w.actor(None, ActorSource::Previous)),
            (None, None) => None,
        }
    }

    /// Updates the focus after a sentence.
    pub fn after_sentence(
        &mut self,
        _doc: &Doc<'_>,
        lex: Lexicon<'_>,
        s: &Sentence<'_>,
        claim: Option<&Claim>,
    ) {
        let first_found = s.found_orgs.first();
        let first = |hit: Option<&Hit>| match (hit, first_found) {
            (Some(h), Some(f)) if f.start < h.span.start => Some(Who::Found(*f)),
            (Some(h), _) => Some(Who::Entry(h.entry)),
            (None, Some(f)) => Some(Who::Found(*f)),
            (None, None) => None,
        };
        // The first organisation, then the first business from there on
        // (a business is an organisation): one pass over the hits.
        let followed = |h: &Hit| is_org(lex, h) && !lex.cue(h).media;
        let org = s.hits.iter().position(followed);
        let company = org.and_then(|i| {
            s.hits[i..]
                .iter()
                .find(|h| followed(h) && lex.cue(h).company)
        });
        self.last_org = first(org.map(|i| &s.hits[i])).or(self.last_org);
        self.last_company = first(company).or(self.last_company);
        if let Some(a) = claim.and_then(|c| c.actor.as_ref()) {
            if claim.is_some_and(|c| c.kind.is_intent()) {
                self.last_actor_at = s.index;
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

    /// What "the company" stands for: the focus when it is a business (an
    /// organisation found by its shape counts as one), else the last
    /// business named, else the document's organisation when it is one.
    fn company(&self, lex: Lexicon<'_>) -> Option<Who> {
        let is_company = |w: &Who| match *w {
            Who::Entry(e) => lex.cues[e as usize].company,
            Who::Found(_) => true,
        };
        self.focus()
            .filter(is_company)
            .or(self.last_company)
            .or(self.document.filter(is_company))
            .or(self.focus())
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
    "also",
    "now",
    "then",
    "still",
    "further",
    "soon",
    "itself",
    "themselves",
    "jointly",
    "first",
    "eventually",
    "therefore",
    "thus",
    "already",
    "reportedly",
    "in",
    "turn",
    "meanwhile",
    "instead",
    "too",
    "both",
    "all",
    "alone",
    "separately",
    "additionally",
    "ultimately",
    "later",
    "likewise",
    // Auxiliaries: the subject stands before them ("It is also going to").
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "be",
    "been",
];

const ZH_SKIP: &[&str] = &[
    "也",
    "还",
    "则",
    "亦",
    "都",
    "仍",
    "正",
    "已",
    "再",
    "即",
    "并",
    "就",
    "均",
    "又",
    "更",
    "将",
    "今年",
    "明年",
    "年内",
    "下半年",
    "上半年",
    "今后",
    "未来",
    "近期",
    "日前",
    "目前",
    "随后",
    "届时",
    "同时",
    "此前",
    "已经",
    "正在",
    "计划",
    "一定",
    "坚决",
    "必须",
    "首次",
    "率先",
    "积极",
    "继续",
];
/// [`ZH_SKIP`] with the byte pairs its words end with.
static ZH_SKIP_SET: WordSet = WordSet::new(ZH_SKIP);

/// How far back (bytes) subjects and clauses are looked for before a cue.
const WINDOW: usize = 240;

/// The largest char boundary of `text` at or before `i`.
pub fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Byte offset just after the last char of `s` that matches `pred` (0 if none).
fn after_last(s: &str, pred: impl Fn(char) -> bool) -> usize {
    s.char_indices()
        .rev()
        .find(|&(_, c)| pred(c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// Classifies what stands right before `cue` in the sentence.
pub fn subject_of(doc: &Doc<'_>, lex: Lexicon<'_>, s: &Sentence<'_>, cue: &Hit) -> Subject {
    // A subject stands close to its verb: look at most this far back, so the
    // cost per cue stays bounded on sentences of any length.
    let start = floor_char(
        doc.text,
        s.span.start.max(cue.span.start.saturating_sub(WINDOW)),
    );
    let mut end = cue.span.start;
    // Skip adverbs and time words between the subject and the cue.
    loop {
        // English subjects may stand before a comma ("Iluka, however, will");
        // a Chinese comma right before the cue leaves it without a subject.
        let before = match s.lang {
            Lang::En => doc.text[start..end].trim_end_matches([' ', ',']),
            Lang::Zh => doc.text[start..end].trim_end_matches(' '),
        };
        let mut stripped = None;
        if s.lang == Lang::Zh {
            if let Some(w) = ZH_SKIP_SET.suffix_in(before) {
                stripped = Some(&before[..before.len() - w.len()]);
            }
        } else {
            let word_start = after_last(before, |c| !c.is_ascii_alphabetic());
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
    // A hit ending exactly there (hits are sorted and do not overlap).
    let k = s.hits.partition_point(|h| h.span.end <= end);
    if let Some(h) = k
        .checked_sub(1)
        .map(|k| &s.hits[k])
        .filter(|h| h.span.end + 16 >= end)
    {
        let near = doc.text[h.span.end..end]
            .trim_end_matches(['\'', 's', ')'])
            .trim()
            .is_empty();
        if near {
            let c = lex.cue(h);
            if c.actor || c.anaphor {
                return Subject::Actor;
            }
            let ty = lex.entries[h.entry as usize].ty;
            if c.measure
                || matches!(
                    ty,
                    EntryType::Element | EntryType::Material | EntryType::Policy
                )
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
        let word_start = after_last(before, |c| {
            !(c.is_alphanumeric() || c == '.' || c == '\'' || c == '-')
        });
        let word = &before[word_start..];
        if word.starts_with(|c: char| c.is_ascii_uppercase())
            && !matches!(
                word,
                "The" | "This" | "That" | "These" | "Those" | "A" | "An" | "It" | "There"
            )
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

/// A subject candidate: a lexicon hit or a name found by shape.
#[derive(Clone, Copy)]
enum Cand {
    Hit(Hit),
    Found(Span),
}

impl Cand {
    fn span(&self) -> Span {
        match self {
            Cand::Hit(h) => h.span,
            Cand::Found(s) => *s,
        }
    }
}

/// Words that may open a Chinese clause before its subject (据悉，目前，今后).
const ZH_CLAUSE_LEAD: &[&str] = &[
    "据悉",
    "据了解",
    "据介绍",
    "据报道",
    "据称",
    "目前",
    "此前",
    "今年",
    "去年",
    "明年",
    "今后",
    "未来",
    "同时",
    "另外",
    "此外",
    "其中",
    "而",
    "但",
    "并",
    "且",
    "近日",
    "日前",
    "随后",
    "届时",
    "当前",
    "与此同时",
    "对此",
    "为此",
    "因此",
    "所以",
    "如今",
    "眼下",
    "按照",
    "根据",
    "上述",
    "此次",
];
/// [`ZH_CLAUSE_LEAD`] with the byte pairs its words start with.
static ZH_CLAUSE_LEAD_SET: WordSet = WordSet::new(ZH_CLAUSE_LEAD);

const EN_PREPOSITIONS: &[&str] = &[
    "of", "with", "for", "to", "from", "in", "by", "against", "on", "at", "into", "between",
    "among", "under", "over", "about", "like", "than", "via", "through", "toward", "towards",
    "across", "versus",
];

/// True when `from..to` (Chinese) holds only clause-opening words, time
/// expressions and at most two other characters.
fn zh_clause_lead(text: &str, from: usize, to: usize) -> bool {
    let mut rest = text[from..to].trim_matches([' ', ',', ':', '"', '\'']);
    'outer: loop {
        if let Some(w) = ZH_CLAUSE_LEAD_SET.prefix_in(rest) {
            rest = rest[w.len()..].trim_start_matches([' ', ',']);
            continue 'outer;
        }
        // Dates and years: 2011年5月9日, 5月19日
        let digits: usize = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || "年月日份底初中旬号".contains(*c))
            .map(char::len_utf8)
            .sum();
        if digits > 0 {
            rest = rest[digits..].trim_start_matches([' ', ',']);
            continue;
        }
        break;
    }
    rest.chars().count() <= 2
}

/// True for the bytes that may open a clause: `,` `;` `:` `(` `"`, and
/// `-` before a space (`after` is the byte after `c`).
#[inline(always)]
fn is_separator(c: u8, after: Option<&u8>) -> bool {
    matches!(c, b',' | b';' | b':' | b'(' | b'"') || (c == b'-' && after == Some(&b' '))
}

/// Pushes the offset after every separator ([`is_separator`]) in
/// `bytes[from..at]`, in order. The separators are ASCII: bytes, which
/// never stand inside a longer char, are read instead of decoded chars,
/// eight at a time: a mask of the bytes in `"`..=`-` or `:`..=`;` (SWAR,
/// on the low seven bits, bytes beyond ASCII left out) leaves few to test.
fn separators_after(bytes: &[u8], from: usize, at: usize, out: &mut Vec<usize>) {
    let mut base = from;
    while base < at {
        let n = (at - base).min(8);
        let word = match bytes[base..].first_chunk::<8>() {
            Some(&word) if n == 8 => word,
            // The last word padded with zero bytes, which are no separators.
            _ => {
                let mut word = [0u8; 8];
                word[..n].copy_from_slice(&bytes[base..base + n]);
                word
            }
        };
        let w = u64::from_le_bytes(word);
        let low = w & !HIGH;
        let near = (in_range(low, b'"', b'-') | in_range(low, b':', b';')) & !(w & HIGH);
        let mut m = gather(near);
        while m != 0 {
            let i = base + m.trailing_zeros() as usize;
            if is_separator(bytes[i], bytes.get(i + 1)) {
                out.push(i + 1);
            }
            m &= m - 1;
        }
        base += n;
    }
}

/// Separators that open a clause between `from` (the window's start, the
/// first clause start) and `at`, into `starts` (cleared first).
fn clause_starts(
    doc: &Doc<'_>,
    lex: Lexicon<'_>,
    s: &Sentence<'_>,
    from: usize,
    at: usize,
    starts: &mut Vec<usize>,
) {
    starts.clear();
    starts.push(from);
    separators_after(doc.text.as_bytes(), from, at, starts);
    // After a verb of saying ("said", 表示).
    let lo = s.hits.partition_point(|h| h.span.start < from);
    for h in s.hits[lo..]
        .iter()
        .filter(|h| h.span.end <= at && lex.cue(h).speech)
    {
        starts.push(h.span.end);
    }
    starts.sort_unstable();
    starts.dedup();
}

thread_local! {
    /// The candidate and clause-start lists of [`clause_subject`], kept from
    /// call to call so that a call allocates nothing once they have grown.
    static CLAUSE_BUFFERS: RefCell<(Vec<Cand>, Vec<usize>)> =
        const { RefCell::new((Vec::new(), Vec::new())) };
}

/// The subject of the clause holding `at`, or of the clauses before it.
/// (Its lists live in [`CLAUSE_BUFFERS`]; a nested call, which does not
/// happen, would get lists of its own.)
fn clause_subject(doc: &Doc<'_>, lex: Lexicon<'_>, s: &Sentence<'_>, at: usize) -> Option<Cand> {
    CLAUSE_BUFFERS.with(|bufs| match bufs.try_borrow_mut() {
        Ok(mut bufs) => {
            let (cands, starts) = &mut *bufs;
            clause_subject_with(doc, lex, s, at, cands, starts)
        }
        Err(_) => clause_subject_with(doc, lex, s, at, &mut Vec::new(), &mut Vec::new()),
    })
}

/// [`clause_subject`] with the lists to fill (cleared first).
fn clause_subject_with(
    doc: &Doc<'_>,
    lex: Lexicon<'_>,
    s: &Sentence<'_>,
    at: usize,
    cands: &mut Vec<Cand>,
    starts: &mut Vec<usize>,
) -> Option<Cand> {
    let from = floor_char(doc.text, s.body.max(at.saturating_sub(WINDOW)));
    let lo = s.hits.partition_point(|h| h.span.start < from);
    cands.clear();
    cands.extend(
        s.hits[lo..]
            .iter()
            .filter(|h| {
                h.span.end <= at && (is_org(lex, h) || is_place(lex, h) || lex.cue(h).anaphor)
            })
            .map(|h| Cand::Hit(*h))
            .chain(
                s.found_orgs
                    .iter()
                    .filter(|f| f.start >= from && f.end <= at)
                    .map(|f| Cand::Found(*f)),
            ),
    );
    cands.sort_by_key(|c| c.span().start);
    clause_starts(doc, lex, s, from, at, starts);
    let starts = &starts[..];
    let cands = &cands[..];
    // Clauses from the one holding the cue back to the first.
    for (k, &cs) in starts.iter().enumerate().rev() {
        let ce = starts.get(k + 1).copied().unwrap_or(at).min(at);
        let in_clause = cands
            .iter()
            .filter(|c| c.span().start >= cs && c.span().end <= ce);
        let pick = match s.lang {
            Lang::Zh => in_clause
                .into_iter()
                .find(|c| zh_clause_lead(doc.text, cs, c.span().start)),
            Lang::En => in_clause.into_iter().rev().find(|c| {
                let before = doc.text[cs..c.span().start].trim_end();
                let word = before
                    .rsplit(|ch: char| !ch.is_ascii_alphabetic())
                    .next()
                    .unwrap_or("");
                let word = if word.eq_ignore_ascii_case("the") {
                    let b = before[..before.len() - 3].trim_end();
                    b.rsplit(|ch: char| !ch.is_ascii_alphabetic())
                        .next()
                        .unwrap_or("")
                } else {
                    word
                };
                !EN_PREPOSITIONS.iter().any(|p| p.eq_ignore_ascii_case(word))
            }),
        };
        if let Some(c) = pick {
            // A place counts only right before the cue.
            if let Cand::Hit(h) = *c {
                if is_place(lex, &h) && doc.text[h.span.end..at].trim().chars().count() > 4 {
                    continue;
                }
            }
            return Some(*c);
        }
    }
    None
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
    if !kind.is_intent() && kind != ClaimKind::Forecast {
        return None;
    }
    // A forecast is someone's only when its clause names them; it is never
    // carried over from other sentences.
    let subject = clause_subject(doc, lex, s, at);
    if kind == ClaimKind::Forecast && subject.is_none() {
        return None;
    }
    match subject {
        Some(Cand::Found(f)) => Some(Who::Found(f).actor(Some(f), ActorSource::Subject)),
        Some(Cand::Hit(h)) if lex.cue(&h).anaphor => {
            let cue = lex.cue(&h);
            // An organisation named earlier in the same sentence comes first
            // (a business, for "the company").
            if !cue.first_person {
                if let Some(o) = s
                    .hits
                    .iter()
                    .filter(|o| o.span.end <= h.span.start)
                    .find(|o| is_org(lex, o) && (!cue.company_anaphor || lex.cue(o).company))
                {
                    return Some(Who::Entry(o.entry).actor(Some(o.span), ActorSource::Anaphor));
                }
            }
            let who = if cue.first_person {
                state.document.or(state.focus())
            } else if cue.company_anaphor {
                state.company(lex)
            } else {
                state.focus()
            };
            who.map(|w| w.actor(None, ActorSource::Anaphor))
        }
        Some(Cand::Hit(h)) => Some(Who::Entry(h.entry).actor(Some(h.span), ActorSource::Subject)),
        None => {
            // English passive: "... will be funded by the Department of Defense".
            if s.lang == Lang::En {
                let by = s
                    .hits
                    .iter()
                    .filter(|h| h.span.start >= at && is_org(lex, h))
                    .find(|h| {
                        let before = doc.text[s.span.start..h.span.start].trim_end();
                        before.ends_with(" by") || before.ends_with(" by the")
                    });
                if let Some(h) = by {
                    return Some(Who::Entry(h.entry).actor(Some(h.span), ActorSource::Sentence));
                }
            }
            state.fallback(s.index)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{prefix_in, suffix_in};
    use super::*;

    #[test]
    fn separators_are_found_as_byte_by_byte() {
        let pool = [
            "a", " ", ",", ";", ":", "(", "\"", "-", "- ", "--", "!", "#", "'", "0", "9", ".", "/",
            "<", "中", "，", "é", "😀", "\u{2d}", "\u{a2}", "\u{ac}", "\u{ba}", "\u{bb}",
        ];
        let mut seed = 0x5eed_1234_u32;
        for round in 0..2000 {
            let mut t = String::new();
            for _ in 0..round % 50 {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                t.push_str(pool[seed as usize % pool.len()]);
            }
            let b = t.as_bytes();
            for from in (0..=b.len()).step_by(3) {
                for at in [
                    from,
                    (from + 5).min(b.len()),
                    (from + 17).min(b.len()),
                    b.len(),
                ] {
                    let expected: Vec<usize> = (from..at)
                        .filter(|&i| {
                            matches!(b[i], b',' | b';' | b':' | b'(' | b'"')
                                || (b[i] == b'-' && b[i..].starts_with(b"- "))
                        })
                        .map(|i| i + 1)
                        .collect();
                    let mut found = Vec::new();
                    separators_after(b, from, at, &mut found);
                    assert_eq!(found, expected, "{t:?} {from} {at}");
                }
            }
        }
    }

    #[test]
    fn clause_buffers_kept_between_calls_change_no_answer() {
        // Articles with subjects in several clauses, read with the lists
        // left over from each other in every order and with new lists.
        let texts = [
            "据悉,北方稀土将加快建设新项目。公司表示,明年将扩大产能,并将在包头新建工厂。",
            "中国稀土集团、北方稀土和厦门钨业将联合投资,工业和信息化部表示将加强管理。",
            "Lynas said on Monday it will build a plant in Texas, and the company will expand.",
            "该公司将继续推进,而国家发展改革委将出台配套政策。",
        ];
        let ex = crate::Extractor::new().expect("default lexicon");
        let fresh: Vec<String> = texts
            .iter()
            .map(|t| {
                CLAUSE_BUFFERS.with(|b| *b.borrow_mut() = (Vec::new(), Vec::new()));
                format!("{:?}", ex.extract("a", t))
            })
            .collect();
        for order in [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]] {
            for k in order {
                assert_eq!(format!("{:?}", ex.extract("a", texts[k])), fresh[k]);
            }
        }
    }

    #[test]
    fn word_sets_agree_with_their_lists() {
        let mut texts = vec![String::new(), "据悉,公司将".to_string()];
        for w in ZH_CLAUSE_LEAD {
            texts.push(format!("{w}公司"));
            let cut = w.char_indices().last().map_or(0, |(i, _)| i);
            texts.push(format!("{}公司", &w[..cut]));
        }
        for w in ZH_SKIP {
            texts.push(format!("公司{w}"));
            let cut = w.char_indices().nth(1).map_or(w.len(), |(i, _)| i);
            texts.push(format!("公司{}", &w[cut..]));
        }
        for t in &texts {
            for (i, _) in t.char_indices() {
                let head = &t[..i];
                assert_eq!(
                    ZH_SKIP_SET.suffix_in(head),
                    suffix_in(head, ZH_SKIP),
                    "{head:?}"
                );
                assert_eq!(ZH_SKIP_SET.suffix_in(t), suffix_in(t, ZH_SKIP), "{t:?}");
                let text = &t[i..];
                assert_eq!(
                    ZH_CLAUSE_LEAD_SET.prefix_in(text),
                    prefix_in(text, ZH_CLAUSE_LEAD),
                    "{text:?}"
                );
            }
        }
    }
}
