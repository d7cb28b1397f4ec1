//! Claims: one per sentence that asserts something, with its kind, modality,
//! negation, actor, speaker, disclosure and the evidence for each.
//!
//! The kinds and their meaning are those of `GUIDELINES.md`. Every sentence's
//! lexicon hits are read once; each claim kind has its own file with the rules
//! that decide it:
//!
//! - `commitment`, `plan`, `forecast`, `fact`, `assessment`,
//!   `disclaimer`: the signals of each kind;
//! - `actor`: who commits or plans, resolved across sentences;
//! - `speaker`: who is quoted;
//! - `disclosure`: whether a figure or deadline backs the claim.
//!
//! The strongest signal wins; between equally strong signals the kind an
//! analyst tracks first wins (commitment > plan > forecast > fact >
//! assessment > disclaimer).

mod actor;
mod assessment;
mod commitment;
mod cue;
mod disclaimer;
mod disclosure;
mod fact;
mod forecast;
mod plan;
mod speaker;

use std::borrow::Cow;

use aho_corasick::{AhoCorasick, MatchKind};
use once_cell::sync::Lazy;

use crate::figure::{Figure, TimeMention};
use crate::lexicon::Entry;
use crate::matcher::{EntryId, Hit};
use crate::segment::{Segment, SegmentKind};
use crate::span::Span;

pub use actor::floor_char;
pub use cue::CueInfo;

/// What a claim asserts (see `GUIDELINES.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClaimKind {
    /// Binds itself publicly to a course of action or principle.
    Commitment,
    /// Intends, prepares or carries out a specific future-oriented action.
    Plan,
    /// Predicts or projects a future state.
    Forecast,
    /// Reports a past or present event, figure or state.
    Fact,
    /// Interprets, evaluates or argues.
    Assessment,
    /// Qualifies the source or reliability of the text.
    Disclaimer,
}

impl ClaimKind {
    /// Every kind, in order of priority.
    pub const ALL: [ClaimKind; 6] = [
        ClaimKind::Commitment,
        ClaimKind::Plan,
        ClaimKind::Forecast,
        ClaimKind::Fact,
        ClaimKind::Assessment,
        ClaimKind::Disclaimer,
    ];

    /// Name used in records and lexicons.
    pub fn name(self) -> &'static str {
        match self {
            ClaimKind::Commitment => "commitment",
            ClaimKind::Plan => "plan",
            ClaimKind::Forecast => "forecast",
            ClaimKind::Fact => "fact",
            ClaimKind::Assessment => "assessment",
            ClaimKind::Disclaimer => "disclaimer",
        }
    }

    /// Parses a name.
    pub fn from_name(s: &str) -> Option<ClaimKind> {
        ClaimKind::ALL.iter().copied().find(|k| k.name() == s)
    }

    /// True for commitments and plans, the claims the ledger tracks.
    pub fn is_intent(self) -> bool {
        matches!(self, ClaimKind::Commitment | ClaimKind::Plan)
    }

    /// Tie-break rank: higher wins.
    fn rank(self) -> u8 {
        6 - self as u8
    }
}

/// Whether a claim comes with a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Disclosure {
    /// A figure, or (for intents and forecasts) a deadline, backs it.
    Disclosed,
    /// It speaks of an amount or measurable target without a figure.
    Undisclosed,
    /// It is qualitative.
    Na,
}

impl Disclosure {
    /// Name used in records.
    pub fn name(self) -> &'static str {
        match self {
            Disclosure::Disclosed => "disclosed",
            Disclosure::Undisclosed => "undisclosed",
            Disclosure::Na => "na",
        }
    }
}

/// Language of a sentence, by script.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Mostly Latin script.
    En,
    /// Mostly Chinese characters.
    Zh,
}

impl Lang {
    /// `en` or `zh`.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The script most of `s` is in.
    pub fn of(s: &str) -> Lang {
        Lang::with_body_cjk(s, 0).0
    }

    /// [`Lang::of`] `s`, with the number of ideographs from byte `body` (a
    /// char boundary) on: both from one count, of the part before `body`
    /// and of the rest.
    fn with_body_cjk(s: &str, body: usize) -> (Lang, usize) {
        // No ideograph without a byte beyond ASCII (a check of whole words
        // at a time).
        if s.is_ascii() {
            return (Lang::En, 0);
        }
        let (head, rest) = s.as_bytes().split_at(body);
        // Most sentences have no marker: no head to count.
        let (head_cjk, head_latin) = if head.is_empty() {
            (0, 0)
        } else {
            script_counts(head)
        };
        let (body_cjk, body_latin) = script_counts(rest);
        let (cjk, latin) = (head_cjk + body_cjk, head_latin + body_latin);
        // A Chinese character carries about as much as a short word.
        let lang = if cjk * 3 >= latin && cjk > 0 {
            Lang::Zh
        } else {
            Lang::En
        };
        (lang, body_cjk)
    }
}

/// True for CJK ideographs.
#[inline]
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Lead bytes read at once by [`script_counts`]: one vector register.
const LANES: usize = 16;

/// Chunks of [`LANES`] lead bytes counted into byte-wide lane counters
/// before they are added up: few enough that no counter overflows (with the
/// last, padded chunk), and a power of two.
const CHUNKS: usize = 128;

/// Counts the ideographs and ASCII letters that the lead bytes `x` start
/// (each with the byte after it, `y`) into the lane counters, and keeps the
/// highest lead byte of each lane. Every lane is read alike, so the
/// compiler turns the whole call into a few vector instructions.
#[inline(always)]
fn count_lanes(x: &[u8], y: &[u8], lanes: &mut Lanes) {
    let (x, y) = (&x[..LANES], &y[..LANES]);
    for k in 0..LANES {
        let (x, y) = (x[k], y[k]);
        lanes.latin[k] += u8::from((x | 0x20).wrapping_sub(b'a') < 26);
        let common = x.wrapping_sub(0xE5) < 5; // U+5000..U+9FFF
        let e4 = (x == 0xE4) & (y != 0xB7); // U+4000..U+4FFF but U+4DC0..U+4DFF
        let e3 = (x == 0xE3) & (y >= 0x90); // U+3400..U+3FFF
        let ef = (x == 0xEF) & (y.wrapping_sub(0xA4) < 8); // U+F900..U+FAFF
        lanes.cjk[k] += u8::from(common | e4 | e3 | ef);
        lanes.top[k] = lanes.top[k].max(x); // one vector max, not a compare and an OR
    }
}

/// Byte-wide counters of [`script_counts`], one per lane.
#[derive(Default)]
struct Lanes {
    cjk: [u8; LANES],
    latin: [u8; LANES],
    top: [u8; LANES],
}

/// The sum of the bytes of `v`, eight at a time.
#[inline]
fn lane_sum(v: &[u8; LANES]) -> usize {
    const PAIRS: u64 = 0x00FF_00FF_00FF_00FF;
    let word = |i: usize| u64::from_le_bytes(v[i..i + 8].try_into().unwrap_or([0; 8]));
    // Four sums of two bytes in each word, then one multiply adds them up
    // (in the top 16 bits: the sum is at most 16 * 255).
    let pairs = |x: u64| (x & PAIRS) + ((x >> 8) & PAIRS);
    let s = pairs(word(0)) + pairs(word(8));
    (s.wrapping_mul(0x0001_0001_0001_0001) >> 48) as usize
}

/// True when a byte of `v` is 0xF0 or above (its top four bits set).
#[inline]
fn any_four_byte_lead(v: &[u8; LANES]) -> bool {
    use crate::swar::HIGH;
    let word = |i: usize| u64::from_le_bytes(v[i..i + 8].try_into().unwrap_or([0; 8]));
    let top4 = |x: u64| x & (x << 1) & (x << 2) & (x << 3) & HIGH;
    top4(word(0)) | top4(word(8)) != 0
}

/// CJK ideographs ([`is_cjk`]) and ASCII letters in the valid UTF-8 `b`,
/// counted [`LANES`] bytes at a time.
///
/// No char is decoded: ASCII bytes and lead bytes never occur inside another
/// char, and below U+10000 the ideograph ranges start and end on multiples
/// of 64 code points, so a lead byte and the byte after it decide. Every
/// byte is read alike, which lets the compiler count a chunk with vector
/// instructions; the last chunk is read from a copy padded with zero bytes
/// (which count as nothing), so no byte is read one by one. Chars of four
/// bytes are decoded (rarely) one by one.
fn script_counts(b: &[u8]) -> (usize, usize) {
    let Some(last) = b.len().checked_sub(1) else {
        return (0, 0);
    };
    let (mut cjk, mut latin, mut four) = (0usize, 0usize, false);
    let mut lanes = Lanes::default();
    let mut flush = |lanes: &mut Lanes| {
        cjk += lane_sum(&lanes.cjk);
        latin += lane_sum(&lanes.latin);
        four |= any_four_byte_lead(&lanes.top);
        *lanes = Lanes::default();
    };
    // Lead bytes with a byte after them: all but the last byte (a string
    // cannot end on a lead byte, so the last byte needs no successor), in
    // whole chunks.
    let full = last / LANES * LANES;
    let leads = b[..full].chunks_exact(LANES);
    let next = b[1..=full].chunks_exact(LANES);
    for (n, (x, y)) in leads.zip(next).enumerate() {
        count_lanes(x, y, &mut lanes);
        if n % CHUNKS == CHUNKS - 1 {
            flush(&mut lanes);
        }
    }
    // The rest, the last byte included (its successor a zero byte).
    let mut pad = [0u8; LANES + 1];
    pad[..b.len() - full].copy_from_slice(&b[full..]);
    count_lanes(&pad[..LANES], &pad[1..], &mut lanes);
    flush(&mut lanes);
    if four {
        for i in (0..last).filter(|&i| b[i] >= 0xF0) {
            let c = (u32::from(b[i] & 0x07) << 18)
                | (u32::from(b[i + 1] & 0x3F) << 12)
                | (u32::from(b[i + 2] & 0x3F) << 6)
                | u32::from(b[i + 3] & 0x3F);
            cjk += usize::from((0x20000..=0x2FA1F).contains(&c));
        }
    }
    (cjk, latin)
}

/// The first of `words` that `text` starts with. Bytes are compared one by
/// one, so most words are set aside on their first byte without a call to
/// `memcmp`.
#[inline]
pub(crate) fn prefix_in<'w>(text: &str, words: &[&'w str]) -> Option<&'w str> {
    let b = text.as_bytes();
    words.iter().copied().find(|w| {
        let w = w.as_bytes();
        w.len() <= b.len() && w.iter().zip(b).all(|(x, y)| x == y)
    })
}

/// True when `text` contains one of `words` (none of them empty), trying
/// every word at every char: the plain definition [`WordSet::contains_any`]
/// is tested against.
#[cfg(test)]
pub(crate) fn contains_any(text: &str, words: &[&str]) -> bool {
    (0..text.len())
        .filter(|&i| text.is_char_boundary(i))
        .any(|i| prefix_in(&text[i..], words).is_some())
}

/// A word list with a table of the pairs of bytes its words start with:
/// [`WordSet::prefix_in`] and [`WordSet::suffix_in`] answer as [`prefix_in`]
/// and [`suffix_in`] on the list, and
/// [`WordSet::contains_any`] whether one of the words occurs in a text (for
/// short texts, where setting up a substring search per word costs more
/// than trying words at every char); both set most texts and positions
/// aside on their first two bytes without trying any word (most Chinese
/// chars share a first byte with some word; few share two).
pub(crate) struct WordSet {
    words: &'static [&'static str],
    /// Bit `256 * a + b` set when a word starts with the bytes `a`, `b` (for
    /// a word of one byte `a`, every `b`).
    pairs: [u64; 1024],
    /// Bit `256 * a + b` set when a word ends with the bytes `a`, `b` (for a
    /// word of one byte `b`, every `a`).
    ends: [u64; 1024],
}

impl WordSet {
    /// The table of `words` (none of them empty), built at compile time.
    pub const fn new(words: &'static [&'static str]) -> WordSet {
        let mut pairs = [0u64; 1024];
        let mut ends = [0u64; 1024];
        let mut k = 0;
        while k < words.len() {
            let w = words[k].as_bytes();
            assert!(!w.is_empty(), "a WordSet word is empty");
            let n = w.len();
            let mut b = 0;
            while b < 256 {
                // A word of one byte fits any byte after or before it.
                if n == 1 || b == w[1] as usize {
                    let key = ((w[0] as usize) << 8) | b;
                    pairs[key / 64] |= 1 << (key % 64);
                }
                if n == 1 || b == w[n - 2] as usize {
                    let key = (b << 8) | w[n - 1] as usize;
                    ends[key / 64] |= 1 << (key % 64);
                }
                b += 1;
            }
            k += 1;
        }
        WordSet { words, pairs, ends }
    }

    /// False when no word starts with the bytes `x`, `y` (true for every
    /// `y` when a word is the one byte `x`).
    #[inline]
    pub(crate) fn may_start_with(&self, x: u8, y: u8) -> bool {
        let key = (usize::from(x) << 8) | usize::from(y);
        self.pairs[key / 64] & (1 << (key % 64)) != 0
    }

    /// False when no word can start at the start of `b` (non-empty).
    #[inline]
    fn may_start(&self, b: &[u8]) -> bool {
        match b {
            [x, y, ..] => self.may_start_with(*x, *y),
            // One byte: the words decide.
            _ => true,
        }
    }

    /// [`suffix_in`] of the list.
    #[inline]
    pub fn suffix_in(&self, text: &str) -> Option<&'static str> {
        if let [.., x, y] = text.as_bytes() {
            let key = (usize::from(*x) << 8) | usize::from(*y);
            if self.ends[key / 64] & (1 << (key % 64)) == 0 {
                return None;
            }
        }
        suffix_in(text, self.words)
    }

    /// [`prefix_in`] of the list.
    #[inline]
    pub fn prefix_in(&self, text: &str) -> Option<&'static str> {
        if text.is_empty() || !self.may_start(text.as_bytes()) {
            return None;
        }
        prefix_in(text, self.words)
    }

    /// True when `text` contains one of the words: they are tried only at
    /// the chars whose first two bytes one of them starts with.
    pub fn contains_any(&self, text: &str) -> bool {
        let b = text.as_bytes();
        // A char starts at every byte but continuation bytes.
        (0..b.len()).any(|i| {
            b[i] & 0xC0 != 0x80
                && self.may_start(&b[i..])
                && prefix_in(&text[i..], self.words).is_some()
        })
    }
}

/// The first of `words` that `text` ends with (see [`prefix_in`]).
#[inline]
pub(crate) fn suffix_in<'w>(text: &str, words: &[&'w str]) -> Option<&'w str> {
    let b = text.as_bytes();
    words.iter().copied().find(|w| {
        let w = w.as_bytes();
        w.len() <= b.len() && w.iter().rev().zip(b.iter().rev()).all(|(x, y)| x == y)
    })
}

/// One reason behind a tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    /// Hierarchical rule id (`plan/zh/task-line`).
    pub rule: Cow<'static, str>,
    /// The lexicon entry that fired.
    pub entry: Option<EntryId>,
    /// The cue span (normalised text).
    pub cue: Option<Span>,
}

impl Evidence {
    fn rule(rule: impl Into<Cow<'static, str>>) -> Evidence {
        Evidence {
            rule: rule.into(),
            entry: None,
            cue: None,
        }
    }

    fn hit(rule: impl Into<Cow<'static, str>>, hit: &Hit) -> Evidence {
        Evidence {
            rule: rule.into(),
            entry: Some(hit.entry),
            cue: Some(hit.span),
        }
    }
}

/// How an actor was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActorSource {
    /// Named as the subject of the cue.
    Subject,
    /// Named elsewhere in the sentence.
    Sentence,
    /// An anaphor ("the company", 该公司) resolved to an earlier mention.
    Anaphor,
    /// Carried from the previous claim.
    Previous,
    /// The organisation the article is about (or that delivers the report).
    Document,
}

impl ActorSource {
    /// Name used in records.
    pub fn name(self) -> &'static str {
        match self {
            ActorSource::Subject => "subject",
            ActorSource::Sentence => "sentence",
            ActorSource::Anaphor => "anaphor",
            ActorSource::Previous => "previous",
            ActorSource::Document => "document",
        }
    }

    /// The evidence rule id `actor/{name}`.
    fn rule(self) -> &'static str {
        match self {
            ActorSource::Subject => "actor/subject",
            ActorSource::Sentence => "actor/sentence",
            ActorSource::Anaphor => "actor/anaphor",
            ActorSource::Previous => "actor/previous",
            ActorSource::Document => "actor/document",
        }
    }
}

/// Who is behind a claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// The lexicon concept, if the actor is one.
    pub entry: Option<EntryId>,
    /// Where it is named (normalised text): the mention, for pattern-found names.
    pub span: Option<Span>,
    /// How it was found.
    pub source: ActorSource,
}

/// A quoted person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The name (normalised text span).
    pub name: Option<Span>,
    /// The role hit.
    pub role: Option<Hit>,
    /// Span of name and role together.
    pub span: Span,
}

/// One claim, with spans in the normalised text.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// Index of the sentence.
    pub sentence: usize,
    /// What it asserts.
    pub kind: ClaimKind,
    /// Hedged (may, 可能) rather than firm.
    pub hedged: bool,
    /// Negated.
    pub negated: bool,
    /// Who commits, plans or acts.
    pub actor: Option<Actor>,
    /// Who is quoted.
    pub speaker: Option<Speaker>,
    /// Disclosure, for commitments, plans, forecasts and facts.
    pub disclosure: Option<Disclosure>,
    /// Why.
    pub evidence: Vec<Evidence>,
}

/// The lexicon as the classifier sees it.
#[derive(Clone, Copy)]
pub struct Lexicon<'a> {
    /// Entries, indexed by [`EntryId`].
    pub entries: &'a [Entry],
    /// Cue view of each entry.
    pub cues: &'a [CueInfo],
}

impl Lexicon<'_> {
    #[inline]
    fn cue(&self, hit: &Hit) -> &CueInfo {
        &self.cues[hit.entry as usize]
    }
}

/// Everything the classifier reads about one article (normalised text).
pub struct Doc<'a> {
    /// Normalised text.
    pub text: &'a str,
    /// Sentences.
    pub segments: &'a [Segment],
    /// Lexicon hits, in text order.
    pub hits: &'a [Hit],
    /// Figures, in text order.
    pub figures: &'a [Figure],
    /// Time expressions, in text order.
    pub times: &'a [TimeMention],
    /// Organisations found by pattern (not in the lexicon), in text order.
    pub found_orgs: &'a [Span],
}

/// Items of a sorted-by-span list that lie inside `span`.
pub(crate) fn within<T>(items: &[T], span: Span, key: impl Fn(&T) -> Span) -> &[T] {
    let lo = items.partition_point(|x| key(x).start < span.start);
    let hi = lo + items[lo..].partition_point(|x| key(x).start < span.end);
    &items[lo..hi]
}

/// [`within`] for spans taken in text order: the search starts at `*from`,
/// where the items of the previous span ended, and steps over the items one
/// by one (a sentence holds few); `*from` moves to the end of the items
/// found. When a span starts before an item already passed, a binary
/// search finds the start again.
fn within_next<'a, T>(
    items: &'a [T],
    from: &mut usize,
    span: Span,
    key: impl Fn(&T) -> Span,
) -> &'a [T] {
    if *from > 0 && key(&items[*from - 1]).start >= span.start {
        *from = items.partition_point(|x| key(x).start < span.start);
    }
    let lo = *from
        + items[*from..]
            .iter()
            .take_while(|x| key(x).start < span.start)
            .count();
    let hi = lo
        + items[lo..]
            .iter()
            .take_while(|x| key(x).start < span.end)
            .count();
    *from = hi;
    &items[lo..hi]
}

/// How a kind's rule fired: the last part of its id (`plan/zh/task-line`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum How {
    TaskLine,
    ActorSubjectState,
    ActorSubject,
    ThingSubject,
    OpenSubject,
    Cue,
    ListItem,
    Default,
    Figure,
    TaskSection,
}

/// The ids `kind/lang/how` of one `how`, indexed by kind then language.
macro_rules! rule_ids {
    ($how:literal) => {
        [
            [
                concat!("commitment/en/", $how),
                concat!("commitment/zh/", $how),
            ],
            [concat!("plan/en/", $how), concat!("plan/zh/", $how)],
            [concat!("forecast/en/", $how), concat!("forecast/zh/", $how)],
            [concat!("fact/en/", $how), concat!("fact/zh/", $how)],
            [
                concat!("assessment/en/", $how),
                concat!("assessment/zh/", $how),
            ],
            [
                concat!("disclaimer/en/", $how),
                concat!("disclaimer/zh/", $how),
            ],
        ]
    };
}

/// Every rule id `kind/lang/how`, indexed by [`How`], [`ClaimKind`] and
/// [`Lang`] in declaration order.
static RULE_IDS: [[[&str; 2]; 6]; 10] = [
    rule_ids!("task-line"),
    rule_ids!("actor-subject-state"),
    rule_ids!("actor-subject"),
    rule_ids!("thing-subject"),
    rule_ids!("open-subject"),
    rule_ids!("cue"),
    rule_ids!("list-item"),
    rule_ids!("default"),
    rule_ids!("figure"),
    rule_ids!("task-section"),
];

/// The rule id `kind/lang/how`, without building a string per sentence.
#[inline]
pub(crate) fn rule_id(kind: ClaimKind, lang: Lang, how: How) -> &'static str {
    RULE_IDS[how as usize][kind as usize][lang as usize]
}

/// A signal for one kind from one rule.
#[derive(Clone, Debug)]
pub(crate) struct Signal {
    pub kind: ClaimKind,
    pub weight: u8,
    pub evidence: Evidence,
    /// Where the signal sits (the cue start), for the actor search.
    pub at: usize,
}

/// One sentence with what the rules read.
pub(crate) struct Sentence<'a> {
    pub index: usize,
    pub span: Span,
    pub text: &'a str,
    pub lang: Lang,
    pub kind: SegmentKind,
    /// Start of the body, after bullet and task-line markers.
    pub body: usize,
    /// CJK ideographs in the body.
    pub body_cjk: usize,
    pub hits: &'a [Hit],
    pub figures: &'a [Figure],
    pub times: &'a [TimeMention],
    pub found_orgs: &'a [Span],
    /// The section of a report the sentence stands in.
    pub section: Section,
}

/// Where a sentence stands in a report (a government work report, a plan
/// outline, an executive order): its section heading says whether the section
/// reviews results or sets out tasks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Section {
    /// Not a report, or a section that says neither.
    Other,
    /// Results of past years (回顾, 成就): subjectless lines are facts.
    Review,
    /// Targets and tasks (目标, 重点工作): subjectless lines are plans.
    Tasks,
}

/// Heading words of a report's review sections.
const REVIEW_WORDS: &[&str] = &[
    "回顾",
    "成就",
    "成绩",
    "进展情况",
    "工作总结",
    "过去一年",
    "过去五年",
    "一年来",
    "五年来",
];
/// Heading words of a report's task sections.
const TASK_WORDS: &[&str] = &[
    "目标",
    "任务",
    "重点工作",
    "工作安排",
    "主要考虑",
    "总体要求",
    "部署",
    "举措",
    "措施",
    "建议",
    "政策取向",
    "重点抓好",
    "重点做好",
    "工作要求",
];

/// Phrases that mark a report delivered by one body (its work report, plan
/// or outline), whose subjectless task lines are that body's.
pub const REPORT_MARKERS: &[&str] = &[
    "工作报告",
    "规划纲要",
    "规划建议",
    "我代表",
    "行动方案",
    "实施方案",
    "Executive Order",
    "Fact Sheet",
    "FACT SHEET",
    "Joint Statement",
    "Framework",
];

/// [`REPORT_MARKERS`] in one automaton, built once: a single scan of an
/// article's head (with the automaton's vector prefilter) instead of a
/// substring search per marker.
/// (Leftmost-first matching: the kind the vector prefilter serves; whether
/// a marker occurs does not depend on it.)
static REPORT_MARKER_SCAN: Lazy<AhoCorasick> = Lazy::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(REPORT_MARKERS)
        .expect("report markers build an automaton")
});

/// True when the head of the article marks it as a report.
pub(crate) fn is_report(doc: &Doc<'_>) -> bool {
    let head_end = doc.segments.get(3).map_or(doc.text.len(), |s| s.span.end);
    let head = &doc.text[..head_end.min(doc.text.len())];
    REPORT_MARKER_SCAN.is_match(head)
}

/// The section a heading opens, if it says.
fn section_of(heading: &str) -> Option<Section> {
    let review = REVIEW_WORDS.iter().filter_map(|w| heading.rfind(w)).max();
    let tasks = TASK_WORDS.iter().filter_map(|w| heading.rfind(w)).max();
    match (review, tasks) {
        (Some(_), None) => Some(Section::Review),
        (None, Some(_)) => Some(Section::Tasks),
        (Some(_), Some(_)) => Some(Section::Other),
        (None, None) => None,
    }
}

/// Classifies every sentence of `doc`.
pub fn classify(doc: &Doc<'_>, lex: Lexicon<'_>) -> Vec<Claim> {
    classify_with_langs(doc, lex).0
}

/// [`classify`], and the language of each segment ([`Lang::of`] of its
/// text), which the classifier finds anyway: the records reuse it rather
/// than count the scripts of every sentence again.
pub fn classify_with_langs(doc: &Doc<'_>, lex: Lexicon<'_>) -> (Vec<Claim>, Vec<Lang>) {
    // At most one claim per sentence: one allocation, no regrowth.
    let mut claims = Vec::with_capacity(doc.segments.len());
    let mut langs = Vec::with_capacity(doc.segments.len());
    let report = is_report(doc);
    let mut state = actor::State::new(doc, lex, report);
    let mut section = Section::Other;
    let mut list: Option<ListIntro> = None;
    // Where the items of the last sentence ended, in each list.
    let (mut hits, mut figures, mut times, mut found_orgs) = (0, 0, 0, 0);
    for (i, seg) in doc.segments.iter().enumerate() {
        let text = seg.span.of(doc.text);
        let marker = plan::marker_len(text);
        let (lang, body_cjk) = Lang::with_body_cjk(text, marker);
        langs.push(lang);
        let s = Sentence {
            index: i,
            span: seg.span,
            text,
            lang,
            kind: seg.kind,
            body: seg.span.start + marker,
            body_cjk,
            hits: within_next(doc.hits, &mut hits, seg.span, |h| h.span),
            figures: within_next(doc.figures, &mut figures, seg.span, |f| f.span),
            times: within_next(doc.times, &mut times, seg.span, |t| t.span),
            found_orgs: within_next(doc.found_orgs, &mut found_orgs, seg.span, |s| *s),
            section,
        };
        let claim = classify_sentence(doc, lex, &s, &mut state, list.as_ref());
        if report && claim.is_none() {
            if let Some(next) = section_of(s.text) {
                section = next;
            }
        }
        // A list goes on while its items say nothing stronger; a new
        // colon line opens another.
        match list_intro(doc, lex, &s, claim.as_ref(), &state) {
            Some(intro) => list = Some(intro),
            None => {
                let item = claim.as_ref().is_some_and(|c| {
                    c.evidence
                        .first()
                        .is_some_and(|e| e.rule.ends_with("/list-item"))
                });
                if !item {
                    list = None;
                }
            }
        }
        state.after_sentence(doc, lex, &s, claim.as_ref());
        if let Some(c) = claim {
            claims.push(c);
        }
    }
    (claims, langs)
}

/// A line that opens a list of commitments or plans ("China commits to:",
/// "主要任务如下："): the items after it that say nothing stronger of their
/// own are claims of the same kind by the same actor.
#[derive(Clone)]
struct ListIntro {
    kind: ClaimKind,
    actor: Option<Actor>,
}

/// The strongest of the signals offered so far: heaviest, then the kind an
/// analyst tracks first, then the earliest; the last offered of equals.
#[derive(Default)]
pub(crate) struct Signals {
    best: Option<Signal>,
}

impl Signals {
    /// Offers a signal.
    pub fn push(&mut self, g: Signal) {
        let key = |g: &Signal| (g.weight, g.kind.rank(), std::cmp::Reverse(g.at));
        if self.best.as_ref().is_none_or(|b| key(&g) >= key(b)) {
            self.best = Some(g);
        }
    }
}

/// The strongest signal of a sentence (`None` when no rule fired).
fn best_signal(doc: &Doc<'_>, lex: Lexicon<'_>, s: &Sentence<'_>) -> Option<Signal> {
    let mut signals = Signals::default();
    cue_signals(doc, lex, s, &mut signals);
    commitment::signals(doc, lex, s, &mut signals);
    plan::signals(doc, lex, s, &mut signals);
    forecast::signals(doc, lex, s, &mut signals);
    fact::signals(doc, lex, s, &mut signals);
    assessment::signals(doc, lex, s, &mut signals);
    disclaimer::signals(doc, lex, s, &mut signals);
    signals.best
}

/// The list a line opens, if it ends with a colon and commits or plans.
fn list_intro(
    doc: &Doc<'_>,
    lex: Lexicon<'_>,
    s: &Sentence<'_>,
    claim: Option<&Claim>,
    state: &actor::State,
) -> Option<ListIntro> {
    if !s.text.trim_end().ends_with(':') {
        return None;
    }
    match claim {
        Some(c) if c.kind.is_intent() => Some(ListIntro {
            kind: c.kind,
            actor: c.actor.clone(),
        }),
        Some(_) => None,
        None => {
            let best = best_signal(doc, lex, s).filter(|g| g.kind.is_intent() && g.weight >= 2)?;
            let actor = actor::find(doc, lex, s, best.kind, best.at, None, state);
            Some(ListIntro {
                kind: best.kind,
                actor,
            })
        }
    }
}

fn classify_sentence(
    doc: &Doc<'_>,
    lex: Lexicon<'_>,
    s: &Sentence<'_>,
    state: &mut actor::State,
    list: Option<&ListIntro>,
) -> Option<Claim> {
    if fact::is_not_a_claim(doc, lex, s) {
        return None;
    }
    let own = best_signal(doc, lex, s);
    // An item of a list of commitments or plans, with nothing stronger to say.
    let item = list.filter(|_| own.as_ref().is_none_or(|g| g.weight <= 1));
    let best = match (item, own) {
        (Some(l), _) => Signal {
            kind: l.kind,
            weight: 1,
            evidence: Evidence::rule(rule_id(l.kind, s.lang, How::ListItem)),
            at: s.body,
        },
        (None, Some(g)) => g,
        (None, None) => Signal {
            kind: ClaimKind::Fact,
            weight: 0,
            evidence: Evidence::rule(rule_id(ClaimKind::Fact, s.lang, How::Default)),
            at: s.body,
        },
    };
    let kind = best.kind;
    // Room for the deciding signal, hedge, negation, actor and disclosure.
    let mut evidence = Vec::with_capacity(5);
    evidence.push(best.evidence.clone());
    let (hedged, negated) = first_hedge_and_negation(lex, s.hits);
    if let Some(h) = hedged {
        evidence.push(Evidence::hit("modality/hedge", h));
    }
    if let Some(h) = negated {
        evidence.push(Evidence::hit("negation", h));
    }
    let speaker = speaker::find(doc, lex, s);
    let actor = match item {
        Some(l) if l.actor.is_some() => l.actor.clone().map(|a| Actor {
            source: ActorSource::Previous,
            span: None,
            ..a
        }),
        _ => actor::find(doc, lex, s, kind, best.at, speaker.as_ref(), state),
    };
    if let Some(a) = &actor {
        evidence.push(Evidence {
            rule: a.source.rule().into(),
            entry: a.entry,
            cue: a.span,
        });
    }
    let disclosure = disclosure::decide(doc, lex, s, kind, &mut evidence);
    Some(Claim {
        sentence: s.index,
        kind,
        hedged: hedged.is_some()
            || (kind == ClaimKind::Forecast
                && best
                    .evidence
                    .entry
                    .is_some_and(|e| lex.cues[e as usize].hedge)),
        negated: negated.is_some(),
        actor,
        speaker,
        disclosure,
        evidence,
    })
}

/// The first hedge and the first negation among `hits`, in one pass that
/// ends once both are found.
fn first_hedge_and_negation<'h>(
    lex: Lexicon<'_>,
    hits: &'h [Hit],
) -> (Option<&'h Hit>, Option<&'h Hit>) {
    let (mut hedge, mut negation) = (None, None);
    for h in hits {
        let c = lex.cue(h);
        if c.hedge && hedge.is_none() {
            hedge = Some(h);
        }
        if c.negation && negation.is_none() {
            negation = Some(h);
        }
        if hedge.is_some() && negation.is_some() {
            break;
        }
    }
    (hedge, negation)
}

/// Signals from the cue hits of a sentence (lexicon entries with `claim=`).
fn cue_signals(doc: &Doc<'_>, lex: Lexicon<'_>, s: &Sentence<'_>, out: &mut Signals) {
    for h in s.hits.iter().filter(|h| h.span.start >= s.body) {
        let c = lex.cue(h);
        let Some(claim) = c.claim else { continue };
        // In a report's task section, results wording and evaluative wording
        // describe targets ("取得显著成效"): only a perfect marker makes a fact.
        if s.section == Section::Tasks
            && ((claim == ClaimKind::Fact && !c.perfect)
                || (claim == ClaimKind::Assessment && c.style))
        {
            continue;
        }
        // In a report's review section, task-line verbs report what was done
        // ("一是保持经济平稳运行" looking back on last year): no plan.
        if s.section == Section::Review && claim == ClaimKind::Plan && (c.at_start || c.weight <= 1)
        {
            continue;
        }
        if c.at_start && !plan::at_start(doc, s, h) {
            continue;
        }
        if c.noun && plan::reads_as_noun(doc.text, h.span) {
            continue;
        }
        if plan::disposal_jiang(doc, lex, s, h) {
            continue;
        }
        let (kind, how) = if c.needs_actor {
            match actor::subject_of(doc, lex, s, h) {
                // A modal that leans to prediction (would, 会) before a verb of
                // state or change ("would have", "would be") predicts, even
                // after an actor.
                actor::Subject::Actor
                    if c.open_claim.is_some() && plan::state_verb_follows(doc, s, h) =>
                {
                    (c.else_claim, How::ActorSubjectState)
                }
                actor::Subject::Actor => (Some(claim), How::ActorSubject),
                actor::Subject::Thing => (c.else_claim, How::ThingSubject),
                actor::Subject::Unknown => match c.open_claim {
                    Some(k) => (Some(k), How::OpenSubject),
                    None => (
                        plan::unknown_subject(doc, s, h, claim, c.else_claim),
                        How::OpenSubject,
                    ),
                },
            }
        } else {
            (Some(claim), How::Cue)
        };
        let Some(kind) = kind else { continue };
        let rule = rule_id(kind, s.lang, if c.at_start { How::TaskLine } else { how });
        out.push(Signal {
            kind,
            weight: c.weight,
            evidence: Evidence::hit(rule, h),
            at: h.span.start,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_spell_kind_lang_how() {
        let hows = [
            (How::TaskLine, "task-line"),
            (How::ActorSubjectState, "actor-subject-state"),
            (How::ActorSubject, "actor-subject"),
            (How::ThingSubject, "thing-subject"),
            (How::OpenSubject, "open-subject"),
            (How::Cue, "cue"),
            (How::ListItem, "list-item"),
            (How::Default, "default"),
            (How::Figure, "figure"),
            (How::TaskSection, "task-section"),
        ];
        for (how, name) in hows {
            for kind in ClaimKind::ALL {
                for lang in [Lang::En, Lang::Zh] {
                    assert_eq!(
                        rule_id(kind, lang, how),
                        format!("{}/{}/{}", kind.name(), lang.name(), name)
                    );
                }
            }
        }
        for source in [
            ActorSource::Subject,
            ActorSource::Sentence,
            ActorSource::Anaphor,
            ActorSource::Previous,
            ActorSource::Document,
        ] {
            assert_eq!(source.rule(), format!("actor/{}", source.name()));
        }
    }

    /// Ideographs and ASCII letters, char by char.
    fn reference_counts(s: &str) -> (usize, usize) {
        let cjk = s.chars().filter(|&c| is_cjk(c)).count();
        let latin = s.chars().filter(|c| c.is_ascii_alphabetic()).count();
        (cjk, latin)
    }

    #[test]
    fn script_counts_agree_with_chars_on_every_char() {
        let chars: Vec<char> = (0..=0x10FFFF).filter_map(char::from_u32).collect();
        // Every char alone, and runs of chars straddling block ends.
        for &c in &chars {
            let s = c.to_string();
            assert_eq!(script_counts(s.as_bytes()), reference_counts(&s));
        }
        for run in chars.chunks(97) {
            let s: String = run.iter().collect();
            assert_eq!(script_counts(s.as_bytes()), reference_counts(&s));
        }
    }

    #[test]
    fn lane_sum_and_four_byte_lead_agree_with_plain_folds() {
        let mut seed = 0x9e37_79b9_u32;
        for round in 0..2000 {
            let mut v = [0u8; LANES];
            for x in &mut v {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                // Every byte value, and runs of the extremes.
                *x = match round % 3 {
                    0 => seed as u8,
                    1 => [0, 0xEF, 0xF0, 0xFF][seed as usize % 4],
                    _ => 255,
                };
            }
            let sum: usize = v.iter().map(|&x| usize::from(x)).sum();
            assert_eq!(lane_sum(&v), sum, "{v:?}");
            assert_eq!(
                any_four_byte_lead(&v),
                v.iter().any(|&x| x >= 0xF0),
                "{v:?}"
            );
        }
    }

    #[test]
    fn script_counts_agree_with_chars_on_long_text() {
        // Long enough that the lane counters are added up several times
        // (every CHUNKS chunks), all letters or all ideographs.
        for unit in ["a", "中", "中a", "Ab。", "\u{4e00}", "\u{20000}x"] {
            let chunk_bytes = CHUNKS * LANES;
            let s = unit.repeat(3 * chunk_bytes / unit.len() + 7);
            assert_eq!(script_counts(s.as_bytes()), reference_counts(&s));
            for cut in [chunk_bytes - 1, chunk_bytes, chunk_bytes + 1] {
                let mut t = "x".repeat(cut);
                t.push_str(&s);
                assert_eq!(script_counts(t.as_bytes()), reference_counts(&t));
            }
        }
    }

    #[test]
    fn script_counts_agree_with_chars_on_mixed_text() {
        // A fixed pseudo-random mix of ASCII, Latin-1, ideographs and the
        // edges of their ranges, at every length up to a few blocks.
        let pool = [
            'a',
            'Z',
            ' ',
            '1',
            '.',
            'é',
            '\u{a0}',
            '中',
            '一',
            '\u{3400}',
            '\u{33ff}',
            '\u{4dbf}',
            '\u{4dc0}',
            '\u{4e00}',
            '\u{9fff}',
            '\u{a000}',
            '\u{f8ff}',
            '\u{f900}',
            '\u{faff}',
            '\u{fb00}',
            '。',
            '，',
            '\u{1ffff}',
            '\u{20000}',
            '\u{2fa1f}',
            '\u{2fa20}',
            '😀',
        ];
        let mut seed = 0x2545_f491_u32;
        let mut s = String::new();
        for _ in 0..400 {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            s.push(pool[seed as usize % pool.len()]);
            assert_eq!(script_counts(s.as_bytes()), reference_counts(&s));
            // Split at every char boundary, as for a marker and a body (of
            // every tenth text).
            for (at, _) in s.char_indices().filter(|_| s.chars().count() % 10 == 0) {
                let (lang, body_cjk) = Lang::with_body_cjk(&s, at);
                assert_eq!(lang, Lang::of(&s));
                assert_eq!(body_cjk, reference_counts(&s[at..]).0);
            }
        }
    }

    #[test]
    fn report_marker_scan_finds_what_contains_finds() {
        let mut heads = vec![
            String::new(),
            "x".to_string(),
            "2024年政府工作报".to_string(),
            "Executive Orde".to_string(),
            "Fact sheet: the framework".to_string(),
        ];
        for m in REPORT_MARKERS {
            heads.push(m.to_string());
            heads.push(format!("政府{m}全文"));
            heads.push(format!("The {m}: text"));
            let cut = m.char_indices().last().map_or(0, |(i, _)| i);
            heads.push(format!("ab {} cd", &m[..cut]));
        }
        for h in &heads {
            let expected = REPORT_MARKERS.iter().any(|m| h.contains(m));
            assert_eq!(REPORT_MARKER_SCAN.is_match(h.as_str()), expected, "{h:?}");
        }
    }

    #[test]
    fn within_next_finds_what_within_finds() {
        // Spans with gaps, nested, touching, empty and out of order; the
        // items sorted by start.
        let items: Vec<Span> = [
            (0, 2),
            (1, 3),
            (3, 4),
            (5, 9),
            (6, 7),
            (9, 9),
            (12, 15),
            (20, 22),
            (21, 30),
        ]
        .iter()
        .map(|&(a, b)| Span::new(a, b))
        .collect();
        let orders: [&[(usize, usize)]; 4] = [
            &[(0, 3), (3, 9), (9, 20), (20, 31)],
            &[(1, 2), (4, 5), (5, 6), (6, 13), (25, 40)],
            &[(10, 12), (0, 4), (3, 3), (3, 6), (2, 30), (22, 23)],
            &[(0, 40), (40, 50), (0, 0)],
        ];
        for order in orders {
            for n in 0..=items.len() {
                let items = &items[..n];
                let mut from = 0;
                for &(a, b) in order {
                    let span = Span::new(a, b);
                    assert_eq!(
                        within_next(items, &mut from, span, |s| *s),
                        within(items, span, |s| *s),
                        "{span:?} of {items:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn prefix_and_suffix_in_agree_with_strip() {
        let words = ["也", "还", "今年", "今", "a", "", "年内"];
        for text in ["", "也", "今年也", "年内还", "今年", "a", "ab", "ba", "也a"] {
            for list in [&words[..], &words[..5], &words[..1]] {
                let pre = list
                    .iter()
                    .copied()
                    .find(|w| text.strip_prefix(w).is_some());
                let suf = list
                    .iter()
                    .copied()
                    .find(|w| text.strip_suffix(w).is_some());
                assert_eq!(prefix_in(text, list), pre, "{text:?}");
                assert_eq!(suffix_in(text, list), suf, "{text:?}");
            }
        }
    }

    #[test]
    fn word_set_agrees_with_the_plain_list() {
        static LISTS: [&[&str]; 4] = [
            &["为", "成", "下来", "出来"],
            &["a", "ab", "将", "超过", "超"],
            &["继续上涨", "继续", "x"],
            &["é", "\u{e9}x", "中"],
        ];
        static SETS: [WordSet; 4] = [
            WordSet::new(LISTS[0]),
            WordSet::new(LISTS[1]),
            WordSet::new(LISTS[2]),
            WordSet::new(LISTS[3]),
        ];
        let base = [
            "",
            "a",
            "b",
            "ab",
            "ba",
            "中",
            "中国",
            "为了",
            "成为",
            "下",
            "下来",
            "将来",
            "超过了",
            "超",
            "继续上",
            "继续上涨",
            "éx",
            "x",
            "价格将继续上涨出来",
        ];
        let mut texts: Vec<String> = Vec::new();
        for a in base {
            for b in base {
                texts.push(format!("{a}{b}"));
            }
        }
        for (list, set) in LISTS.iter().zip(&SETS) {
            for t in &texts {
                for (i, _) in t.char_indices().chain([(t.len(), ' ')]) {
                    let text = &t[i..];
                    assert_eq!(set.prefix_in(text), prefix_in(text, list), "{text:?}");
                    assert_eq!(set.suffix_in(text), suffix_in(text, list), "{text:?}");
                    let head = &t[..i];
                    assert_eq!(set.suffix_in(head), suffix_in(head, list), "{head:?}");
                    assert_eq!(set.contains_any(text), contains_any(text, list), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn contains_any_agrees_with_contains() {
        let words = ["为", "成", "下来", "a", "ab"];
        for text in [
            "",
            "a",
            "b",
            "ba",
            "将价格降下来",
            "将价格降下",
            "来下",
            "成为",
            "xyz",
        ] {
            for list in [&words[..], &words[..2], &words[2..3]] {
                let expected = list.iter().any(|w| text.contains(w));
                assert_eq!(contains_any(text, list), expected, "{text:?} {list:?}");
            }
        }
    }

    #[test]
    fn strongest_signal_is_the_last_of_equals() {
        let g = |kind, weight, at, rule: &'static str| Signal {
            kind,
            weight,
            evidence: Evidence::rule(rule),
            at,
        };
        let offered = [
            g(ClaimKind::Fact, 1, 5, "a"),
            g(ClaimKind::Plan, 2, 9, "b"),
            g(ClaimKind::Plan, 2, 7, "c"),
            g(ClaimKind::Forecast, 2, 3, "d"),
            g(ClaimKind::Plan, 2, 7, "e"),
            g(ClaimKind::Assessment, 2, 0, "f"),
        ];
        let mut signals = Signals::default();
        for x in offered.iter().cloned() {
            signals.push(x);
        }
        let expected = offered
            .iter()
            .cloned()
            .max_by_key(|g| (g.weight, g.kind.rank(), std::cmp::Reverse(g.at)))
            .unwrap();
        assert_eq!(signals.best.unwrap().evidence.rule, expected.evidence.rule);
        assert_eq!(expected.evidence.rule, "e");
    }
}
