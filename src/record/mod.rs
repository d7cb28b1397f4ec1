//! JSON records: the output schema, kept apart from the internal types so that
//! it stays stable while they change.
//!
//! One [`ArticleRecord`] per article; an article that cannot be read gives an
//! [`ErrorRecord`] instead. Every offset is a byte offset into the article's
//! original UTF-8 text, on a char boundary. [`SCHEMA`] names the version.
//!
//! Records borrow: their strings are [`Cow`]s that point into the article
//! text and the extractor's lexicons wherever they can, so that writing a
//! record as JSON copies nothing twice ([`crate::Extractor::extract_with`]).
//! `into_owned` turns one into an `ArticleRecord<'static>` that outlives
//! both ([`crate::Extractor::extract`] returns that).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

mod json;

/// Schema name and version carried by every record.
pub const SCHEMA: &str = "ree-claims/1";

/// A byte span in the article text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct SpanRecord {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl From<crate::Span> for SpanRecord {
    fn from(s: crate::Span) -> Self {
        SpanRecord {
            start: s.start,
            end: s.end,
        }
    }
}

impl From<SpanRecord> for crate::Span {
    fn from(s: SpanRecord) -> Self {
        crate::Span::new(s.start, s.end)
    }
}

/// Everything extracted from one article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord<'a> {
    /// Always [`SCHEMA`].
    pub schema: Cow<'a, str>,
    /// The article id (file name without `.txt`, or the JSON Lines `id`).
    pub id: Cow<'a, str>,
    /// Main language of the article: `en` or `zh`.
    pub lang: Cow<'a, str>,
    /// Title, when the input gave one (JSON Lines `title`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Cow<'a, str>>,
    /// Date, when the input gave one (JSON Lines `date`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Cow<'a, str>>,
    /// Source or publisher, when the input gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Cow<'a, str>>,
    /// True when invalid UTF-8 in the input was replaced (lossy reading).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub lossy: bool,
    /// Where lossy reading put U+FFFD in the text, and which bytes of the
    /// file it stands for (set by [`crate::Extractor::extract_decoded`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced: Option<ReplacedRecord>,
    /// Length of the article text in bytes.
    pub bytes: usize,
    /// Every sentence, heading, bullet and the title, in text order.
    pub sentences: Vec<SentenceRecord<'a>>,
    /// One claim per sentence that carries one.
    pub claims: Vec<ClaimRecord<'a>>,
    /// Every figure of the article, title and headings included.
    pub figures: Vec<FigureRecord<'a>>,
    /// Years, dates, quarters, planning periods and durations.
    pub times: Vec<TimeRecord<'a>>,
    /// Organisations, elements, materials, policy terms and places named.
    pub entities: Vec<EntityRecord<'a>>,
    /// What a bare `$` was read as, and why.
    pub currency: CurrencyRecord<'a>,
    /// True when the article says in so many words that figures were withheld.
    pub explicit_nondisclosure: bool,
    /// Indexes (into `sentences`) of the sentences that say so.
    pub nondisclosure_sentences: Vec<usize>,
}

/// A sentence as a byte span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentenceRecord<'a> {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// `title`, `heading`, `bullet` or `sentence`.
    pub kind: Cow<'a, str>,
    /// `en` or `zh`: the script most of the sentence is in.
    pub lang: Cow<'a, str>,
}

/// A claim: what one sentence asserts, with its evidence.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClaimRecord<'a> {
    /// `commitment`, `plan`, `forecast`, `fact`, `assessment` or `disclaimer`.
    pub kind: Cow<'a, str>,
    /// The sentence's span.
    pub span: SpanRecord,
    /// Index of the sentence in `sentences`.
    pub sentence: usize,
    /// The sentence text.
    pub text: Cow<'a, str>,
    /// `firm` or `hedged`.
    pub modality: Cow<'a, str>,
    /// True when the claim is negated ("has no plans to", 未).
    pub negated: bool,
    /// Who commits, plans, forecasts or acts.
    pub actor: Option<ActorRecord<'a>>,
    /// Who is quoted.
    pub speaker: Option<SpeakerRecord<'a>>,
    /// Ids of the concepts named in the sentence.
    pub concepts: Vec<Cow<'a, str>>,
    /// Indexes (into `figures`) of the figures in the sentence.
    pub figures: Vec<usize>,
    /// `disclosed`, `undisclosed` or `na` (for commitments, plans, forecasts
    /// and facts); absent for assessments and disclaimers.
    pub disclosure: Option<Cow<'a, str>>,
    /// Index (into `times`) of the deadline that discloses the claim, if one does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<usize>,
    /// Why: the rules that fired and the cues they fired on.
    pub evidence: Vec<EvidenceRecord<'a>>,
}

/// The organisation (or body, or person) behind a claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRecord<'a> {
    /// Concept id when the actor is a lexicon concept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Cow<'a, str>>,
    /// Canonical name.
    pub label: Cow<'a, str>,
    /// Other names: the canonical Chinese name and the aliases of the concept.
    pub aliases: Vec<Cow<'a, str>>,
    /// Where the actor is named, when in the sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<SpanRecord>,
    /// How it was found: `subject`, `anaphor`, `previous`, `document`.
    pub resolved_by: Cow<'a, str>,
}

/// A quoted person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerRecord<'a> {
    /// Name as written, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Cow<'a, str>>,
    /// Role as written ("factory director", 研究员), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Cow<'a, str>>,
    /// Role concept id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_id: Option<Cow<'a, str>>,
    /// Span of the name and role.
    pub span: SpanRecord,
}

/// One reason behind a tag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceRecord<'a> {
    /// Hierarchical rule id: `plan/en/cue`, `disclosure/figure`, `actor/anaphor`.
    pub rule: Cow<'a, str>,
    /// The lexicon entry that fired, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<Cow<'a, str>>,
    /// The cue span, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<SpanRecord>,
    /// The cue text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Cow<'a, str>>,
}

/// A figure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FigureRecord<'a> {
    /// The expression as written.
    pub text: Cow<'a, str>,
    /// Normalised value.
    pub value: f64,
    /// High end of a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper: Option<f64>,
    /// Normalised unit (`t`, `CNY`, `%`, `x`, `` for counts, `CNY/t`).
    pub unit: Cow<'a, str>,
    /// `quantity`, `money`, `percent`, `percentage_points`, `count`, `multiple`.
    pub kind: Cow<'a, str>,
    /// `exact`, `approximate`, `at_least`, `at_most`; a range gives two
    /// figures on one span, `range_low` (with `upper`) and `range_high`.
    pub precision: Cow<'a, str>,
    /// For money: `explicit`, `context` or `default`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency_source: Option<Cow<'a, str>>,
    /// Where.
    pub span: SpanRecord,
    /// Index of the sentence it is in.
    pub sentence: Option<usize>,
}

/// A time expression.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeRecord<'a> {
    /// As written.
    pub text: Cow<'a, str>,
    /// `year`, `quarter`, `month`, `date`, `period`, `duration`.
    pub kind: Cow<'a, str>,
    /// True for a deadline or target date.
    pub deadline: bool,
    /// Where.
    pub span: SpanRecord,
}

/// A concept named in the article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRecord<'a> {
    /// Concept id (`org.baogang`), or `found:<name>` (the name folded and
    /// lowercased) for organisations found by shape rather than lexicon.
    pub id: Cow<'a, str>,
    /// `org`, `element`, `material`, `policy`, `place`.
    #[serde(rename = "type")]
    pub ty: Cow<'a, str>,
    /// Canonical name (English where one exists).
    pub label: Cow<'a, str>,
    /// Canonical Chinese name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh: Option<Cow<'a, str>>,
    /// Every name of the concept, including the forms found in the text.
    pub aliases: Vec<Cow<'a, str>>,
    /// Where it is named.
    pub mentions: Vec<SpanRecord>,
}

/// How the article's bare `$` was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrencyRecord<'a> {
    /// ISO code of a bare `$`.
    pub dollar: Cow<'a, str>,
    /// `context` (with the reason) or `default`.
    pub source: Cow<'a, str>,
    /// What decided it.
    pub reason: Option<Cow<'a, str>>,
}

/// What lossy reading replaced in an article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplacedRecord {
    /// How many invalid UTF-8 sequences were replaced.
    pub count: usize,
    /// The first [`crate::input::MAX_REPLACEMENTS`] of them, in text order.
    pub at: Vec<ReplacementRecord>,
}

/// One invalid UTF-8 sequence replaced by U+FFFD.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplacementRecord {
    /// Byte offset of the U+FFFD in the text (it is 3 bytes long).
    pub start: usize,
    /// Byte offset of the invalid sequence in the file.
    pub file_offset: u64,
    /// Length of the invalid sequence in the file, 1 to 3 bytes.
    pub file_len: usize,
}

impl From<&crate::input::Lossy> for ReplacedRecord {
    fn from(l: &crate::input::Lossy) -> ReplacedRecord {
        ReplacedRecord {
            count: l.count,
            at: l
                .replaced
                .iter()
                .map(|r| ReplacementRecord {
                    start: r.text_offset,
                    file_offset: r.file_offset,
                    file_len: r.len,
                })
                .collect(),
        }
    }
}

/// An input that could not be turned into a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorRecord {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Article id, when known.
    pub id: Option<String>,
    /// File the input came from (`-` for standard input).
    pub file: String,
    /// 1-based line: of the record in a JSON Lines file, of the first
    /// invalid byte in a text file; none for a fault of a whole file.
    pub line: Option<usize>,
    /// Byte offset of the line or of the fault in the file.
    pub offset: Option<u64>,
    /// What went wrong.
    pub error: String,
}

/// A string that no longer borrows.
fn own(s: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(s.into_owned())
}

fn own_opt(s: Option<Cow<'_, str>>) -> Option<Cow<'static, str>> {
    s.map(own)
}

fn own_all(v: Vec<Cow<'_, str>>) -> Vec<Cow<'static, str>> {
    v.into_iter().map(own).collect()
}

/// Room for the JSON record of an article of `bytes` bytes: records run to
/// about six bytes of JSON per byte of text; at most 8 MiB up front.
pub(crate) fn json_capacity(bytes: usize) -> usize {
    bytes.min(1 << 20) * 8 + 1024
}

/// How much a record holds, for a run's summary
/// ([`crate::Extractor::extract_article_json`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RecordCounts {
    /// Claims.
    pub claims: usize,
    /// Figures (a range counts twice, as its two records).
    pub figures: usize,
    /// Mentions of entities.
    pub mentions: usize,
}

impl<'a> ArticleRecord<'a> {
    /// The record as one line of JSON, without the newline: what the
    /// `extract` example writes, and byte for byte what
    /// `serde_json::to_string` gives, about twice as fast (`record/json.rs`). The
    /// buffer is sized from the article up front (records run to about six
    /// bytes of JSON per byte of text), up to 8 MiB.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(json_capacity(self.bytes));
        self.write_json(&mut out);
        out
    }

    /// Appends the record as one line of JSON (no newline) to `out`.
    pub fn write_json(&self, out: &mut String) {
        json::write_record(self, out);
    }

    /// [`ArticleRecord::write_json`] with `claims` claims in place of
    /// `self.claims`: `fill(i, claim)` makes the `i`-th into `claim`, one
    /// record reused for all ([`crate::Extractor::extract_article_json`]).
    pub(crate) fn write_json_with_claims(
        &self,
        out: &mut String,
        claims: usize,
        fill: impl FnMut(usize, &mut ClaimRecord<'a>),
    ) {
        json::write_record_with_claims(self, out, claims, fill);
    }

    /// The same record, owning all its strings.
    pub fn into_owned(self) -> ArticleRecord<'static> {
        ArticleRecord {
            schema: own(self.schema),
            id: own(self.id),
            lang: own(self.lang),
            title: own_opt(self.title),
            date: own_opt(self.date),
            source: own_opt(self.source),
            lossy: self.lossy,
            replaced: self.replaced,
            bytes: self.bytes,
            sentences: self
                .sentences
                .into_iter()
                .map(SentenceRecord::into_owned)
                .collect(),
            claims: self
                .claims
                .into_iter()
                .map(ClaimRecord::into_owned)
                .collect(),
            figures: self
                .figures
                .into_iter()
                .map(FigureRecord::into_owned)
                .collect(),
            times: self.times.into_iter().map(TimeRecord::into_owned).collect(),
            entities: self
                .entities
                .into_iter()
                .map(EntityRecord::into_owned)
                .collect(),
            currency: self.currency.into_owned(),
            explicit_nondisclosure: self.explicit_nondisclosure,
            nondisclosure_sentences: self.nondisclosure_sentences,
        }
    }
}

impl SentenceRecord<'_> {
    /// The same sentence, owning its strings.
    pub fn into_owned(self) -> SentenceRecord<'static> {
        SentenceRecord {
            start: self.start,
            end: self.end,
            kind: own(self.kind),
            lang: own(self.lang),
        }
    }
}

impl ClaimRecord<'_> {
    /// The same claim, owning its strings.
    pub fn into_owned(self) -> ClaimRecord<'static> {
        ClaimRecord {
            kind: own(self.kind),
            span: self.span,
            sentence: self.sentence,
            text: own(self.text),
            modality: own(self.modality),
            negated: self.negated,
            actor: self.actor.map(ActorRecord::into_owned),
            speaker: self.speaker.map(SpeakerRecord::into_owned),
            concepts: own_all(self.concepts),
            figures: self.figures,
            disclosure: own_opt(self.disclosure),
            deadline: self.deadline,
            evidence: self
                .evidence
                .into_iter()
                .map(EvidenceRecord::into_owned)
                .collect(),
        }
    }
}

impl ActorRecord<'_> {
    /// The same actor, owning its strings.
    pub fn into_owned(self) -> ActorRecord<'static> {
        ActorRecord {
            id: own_opt(self.id),
            label: own(self.label),
            aliases: own_all(self.aliases),
            span: self.span,
            resolved_by: own(self.resolved_by),
        }
    }
}

impl SpeakerRecord<'_> {
    /// The same speaker, owning its strings.
    pub fn into_owned(self) -> SpeakerRecord<'static> {
        SpeakerRecord {
            name: own_opt(self.name),
            role: own_opt(self.role),
            role_id: own_opt(self.role_id),
            span: self.span,
        }
    }
}

impl EvidenceRecord<'_> {
    /// The same evidence, owning its strings.
    pub fn into_owned(self) -> EvidenceRecord<'static> {
        EvidenceRecord {
            rule: own(self.rule),
            entry: own_opt(self.entry),
            cue: self.cue,
            text: own_opt(self.text),
        }
    }
}

impl FigureRecord<'_> {
    /// The same figure, owning its strings.
    pub fn into_owned(self) -> FigureRecord<'static> {
        FigureRecord {
            text: own(self.text),
            value: self.value,
            upper: self.upper,
            unit: own(self.unit),
            kind: own(self.kind),
            precision: own(self.precision),
            currency_source: own_opt(self.currency_source),
            span: self.span,
            sentence: self.sentence,
        }
    }
}

impl TimeRecord<'_> {
    /// The same time expression, owning its strings.
    pub fn into_owned(self) -> TimeRecord<'static> {
        TimeRecord {
            text: own(self.text),
            kind: own(self.kind),
            deadline: self.deadline,
            span: self.span,
        }
    }
}

impl EntityRecord<'_> {
    /// The same entity, owning its strings.
    pub fn into_owned(self) -> EntityRecord<'static> {
        EntityRecord {
            id: own(self.id),
            ty: own(self.ty),
            label: own(self.label),
            zh: own_opt(self.zh),
            aliases: own_all(self.aliases),
            mentions: self.mentions,
        }
    }
}

impl CurrencyRecord<'_> {
    /// The same reading, owning its strings.
    pub fn into_owned(self) -> CurrencyRecord<'static> {
        CurrencyRecord {
            dollar: own(self.dollar),
            source: own(self.source),
            reason: own_opt(self.reason),
        }
    }
}
