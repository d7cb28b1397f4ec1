//! Time words: month names, reference words, and the cues that make a time
//! expression a deadline.

/// Month number for an English month name or abbreviation.
pub(crate) fn month(w: &str) -> Option<u8> {
    let w = w.trim_end_matches('.');
    let mut buf = [0u8; 10];
    if w.len() > buf.len() || w.len() < 3 {
        return None;
    }
    for (k, c) in w.bytes().enumerate() {
        buf[k] = c.to_ascii_lowercase();
    }
    let lw = core::str::from_utf8(&buf[..w.len()]).ok()?;
    Some(match lw {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// English time units after a number: durations.
pub(crate) fn en_duration(w: &str) -> bool {
    const UNITS: &[&str] = &[
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
    UNITS.iter().any(|u| u.eq_ignore_ascii_case(w))
}

/// Words before a number that make it a reference, not an amount.
pub(crate) fn en_reference(w: &str) -> bool {
    const REFS: &[&str] = &[
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
    let w = w.trim_end_matches('.');
    REFS.iter().any(|r| r.eq_ignore_ascii_case(w))
}

/// English words before a time expression that make it a deadline.
pub(crate) fn en_deadline_cue(w: &str) -> bool {
    const CUES: &[&str] = &["by", "before", "until", "till", "through", "ahead"];
    CUES.iter().any(|c| c.eq_ignore_ascii_case(w))
}

/// Chinese words after a time expression that make it a deadline.
pub(crate) const ZH_DEADLINE_AFTER: &[&str] =
    &["底前", "前", "之前", "以前", "年底前", "末前", "内"];
