//! Time words: month names, reference words, and the cues that make a time
//! expression a deadline.

use super::class::{PrefixSet, WordSet};

/// English month names and abbreviations, with [`MONTH_NUMBERS`].
const MONTH_NAMES: &[&str] = &[
    "january",
    "jan",
    "february",
    "feb",
    "march",
    "mar",
    "april",
    "apr",
    "may",
    "june",
    "jun",
    "july",
    "jul",
    "august",
    "aug",
    "september",
    "sep",
    "sept",
    "october",
    "oct",
    "november",
    "nov",
    "december",
    "dec",
];

const MONTH_NUMBERS: [u8; MONTH_NAMES.len()] = [
    1, 1, 2, 2, 3, 3, 4, 4, 5, 6, 6, 7, 7, 8, 8, 9, 9, 9, 10, 10, 11, 11, 12, 12,
];

static MONTHS: WordSet<64> = WordSet::new(MONTH_NAMES, true);

/// Month number for an English month name or abbreviation.
pub(crate) fn month(w: &str) -> Option<u8> {
    let w = w.trim_end_matches('.');
    MONTHS.find(w.as_bytes()).map(|k| MONTH_NUMBERS[k])
}

/// English time units after a number: durations.
pub(crate) fn en_duration(w: &str) -> bool {
    DURATIONS.contains(w.as_bytes())
}

static DURATIONS: WordSet<64> = WordSet::new(DURATION_WORDS, true);

const DURATION_WORDS: &[&str] = &[
    "year",
    "years",
    "yr",
    "yrs",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "hrs",
    "minute",
    "minutes",
    "mins",
    "second",
    "seconds",
    "decade",
    "decades",
    "century",
    "centuries",
    "fortnight",
    "fortnights",
];

/// Words before a number that make it a reference, not an amount.
pub(crate) fn en_reference(w: &str) -> bool {
    REFERENCES.contains(w.trim_end_matches('.').as_bytes())
}

static REFERENCES: WordSet<256> = WordSet::new(REFERENCE_WORDS, true);

const REFERENCE_WORDS: &[&str] = &[
    "section",
    "sec",
    "sections",
    "title",
    "chapter",
    "article",
    "art",
    "law",
    "rule",
    "item",
    "page",
    "pages",
    "p",
    "pp",
    "paragraph",
    "para",
    "clause",
    "part",
    "annex",
    "appendix",
    "figure",
    "fig",
    "table",
    "vol",
    "volume",
    "stat",
    "no",
    "nos",
    "nr",
    "nrs",
    "number",
    "order",
    "resolution",
    "version",
    "v",
    "model",
    "phase",
    "stage",
    "round",
    "level",
    "tier",
    "grade",
    "class",
    "type",
    "route",
    "highway",
    "flight",
    "room",
    "gate",
    "platform",
    "line",
    "exercise",
    "exercises",
    "covid",
    "u.s.c",
    "usc",
    "cfr",
    "reg",
    "act",
    "bill",
    "amendment",
    "regulation",
    "code",
    "step",
    "unit",
    "block",
    "lot",
    "plot",
    "box",
    "suite",
    "apt",
    "floor",
];

/// English words before a time expression that make it a deadline.
pub(crate) fn en_deadline_cue(w: &str) -> bool {
    const CUES: &[&str] = &["by", "before", "until", "till", "through", "ahead"];
    CUES.iter().any(|c| c.eq_ignore_ascii_case(w))
}

/// Chinese words after a time expression that make it a deadline.
pub(crate) static ZH_DEADLINE_AFTER: PrefixSet<7> =
    PrefixSet::new(&["底前", "前", "之前", "以前", "年底前", "末前", "内"]);
