//! JSON records: the output schema, kept apart from the internal types so that
//! it stays stable while they change.
//!
//! One [`ArticleRecord`] per article; an article that cannot be read gives an
//! [`ErrorRecord`] instead. Every offset is a byte offset into the article's
//! original UTF-8 text, on a char boundary. [`SCHEMA`] names the version.

use serde::{Deserialize, Serialize};

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
pub struct ArticleRecord {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// The article id (file name without `.txt`, or the JSON Lines `id`).
    pub id: String,
    /// Main language of the article: `en` or `zh`.
    pub lang: String,
    /// Title, when the input gave one (JSON Lines `title`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Date, when the input gave one (JSON Lines `date`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Source or publisher, when the input gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
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
    pub sentences: Vec<SentenceRecord>,
    /// One claim per sentence that carries one.
    pub claims: Vec<ClaimRecord>,
    /// Every figure of the article, title and headings included.
    pub figures: Vec<FigureRecord>,
    /// Years, dates, quarters, planning periods and durations.
    pub times: Vec<TimeRecord>,
    /// Organisations, elements, materials, policy terms and places named.
    pub entities: Vec<EntityRecord>,
    /// What a bare `$` was read as, and why.
    pub currency: CurrencyRecord,
    /// True when the article says in so many words that figures were withheld.
    pub explicit_nondisclosure: bool,
    /// Indexes (into `sentences`) of the sentences that say so.
    pub nondisclosure_sentences: Vec<usize>,
}

/// A sentence as a byte span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentenceRecord {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// `title`, `heading`, `bullet` or `sentence`.
    pub kind: String,
    /// `en` or `zh`: the script most of the sentence is in.
    pub lang: String,
}

/// A claim: what one sentence asserts, with its evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimRecord {
    /// `commitment`, `plan`, `forecast`, `fact`, `assessment` or `disclaimer`.
    pub kind: String,
    /// The sentence's span.
    pub span: SpanRecord,
    /// Index of the sentence in `sentences`.
    pub sentence: usize,
    /// The sentence text.
    pub text: String,
    /// `firm` or `hedged`.
    pub modality: String,
    /// True when the claim is negated ("has no plans to", 未).
    pub negated: bool,
    /// Who commits, plans, forecasts or acts.
    pub actor: Option<ActorRecord>,
    /// Who is quoted.
    pub speaker: Option<SpeakerRecord>,
    /// Ids of the concepts named in the sentence.
    pub concepts: Vec<String>,
    /// Indexes (into `figures`) of the figures in the sentence.
    pub figures: Vec<usize>,
    /// `disclosed`, `undisclosed` or `na` (for commitments, plans, forecasts
    /// and facts); absent for assessments and disclaimers.
    pub disclosure: Option<String>,
    /// Index (into `times`) of the deadline that discloses the claim, if one does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<usize>,
    /// Why: the rules that fired and the cues they fired on.
    pub evidence: Vec<EvidenceRecord>,
}

/// The organisation (or body, or person) behind a claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRecord {
    /// Concept id when the actor is a lexicon concept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Canonical name.
    pub label: String,
    /// Other names: the canonical Chinese name and the aliases of the concept.
    pub aliases: Vec<String>,
    /// Where the actor is named, when in the sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<SpanRecord>,
    /// How it was found: `subject`, `anaphor`, `previous`, `document`.
    pub resolved_by: String,
}

/// A quoted person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerRecord {
    /// Name as written, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Role as written ("factory director", 研究员), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Role concept id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_id: Option<String>,
    /// Span of the name and role.
    pub span: SpanRecord,
}

/// One reason behind a tag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceRecord {
    /// Hierarchical rule id: `plan/en/cue`, `disclosure/figure`, `actor/anaphor`.
    pub rule: String,
    /// The lexicon entry that fired, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    /// The cue span, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<SpanRecord>,
    /// The cue text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A figure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FigureRecord {
    /// The expression as written.
    pub text: String,
    /// Normalised value.
    pub value: f64,
    /// High end of a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper: Option<f64>,
    /// Normalised unit (`t`, `CNY`, `%`, `x`, `` for counts, `CNY/t`).
    pub unit: String,
    /// `quantity`, `money`, `percent`, `percentage_points`, `count`, `multiple`.
    pub kind: String,
    /// `exact`, `approximate`, `at_least`, `at_most`; a range gives two
    /// figures on one span, `range_low` (with `upper`) and `range_high`.
    pub precision: String,
    /// For money: `explicit`, `context` or `default`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency_source: Option<String>,
    /// Where.
    pub span: SpanRecord,
    /// Index of the sentence it is in.
    pub sentence: Option<usize>,
}

/// A time expression.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeRecord {
    /// As written.
    pub text: String,
    /// `year`, `quarter`, `month`, `date`, `period`, `duration`.
    pub kind: String,
    /// True for a deadline or target date.
    pub deadline: bool,
    /// Where.
    pub span: SpanRecord,
}

/// A concept named in the article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRecord {
    /// Concept id (`org.baogang`), or `found:<name>` (the name folded and
    /// lowercased) for organisations found by shape rather than lexicon.
    pub id: String,
    /// `org`, `element`, `material`, `policy`, `place`.
    #[serde(rename = "type")]
    pub ty: String,
    /// Canonical name (English where one exists).
    pub label: String,
    /// Canonical Chinese name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh: Option<String>,
    /// Every name of the concept, including the forms found in the text.
    pub aliases: Vec<String>,
    /// Where it is named.
    pub mentions: Vec<SpanRecord>,
}

/// How the article's bare `$` was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrencyRecord {
    /// ISO code of a bare `$`.
    pub dollar: String,
    /// `context` (with the reason) or `default`.
    pub source: String,
    /// What decided it.
    pub reason: Option<String>,
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
