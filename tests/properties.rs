//! Properties that hold for any input: no panic, every span on char
//! boundaries inside the text and nested where it should be, output
//! independent of thread count and of batch order, and matcher hits equal to
//! a naive leftmost-longest oracle.

use proptest::prelude::*;
use ree_claims::lexicon::parse;
use ree_claims::matcher::Matcher;
use ree_claims::normalize::fold_str;
use ree_claims::record::{ArticleRecord, SpanRecord};
use ree_claims::Extractor;

fn extractor() -> &'static Extractor {
    use std::sync::OnceLock;
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new().expect("embedded lexicons"))
}

/// Text made of the pieces news text is made of: words in both scripts,
/// numbers, units, quotes, punctuation of both widths, line breaks, odd
/// characters.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("包钢集团".to_string()),
        Just("將".to_string()),
        Just("计划".to_string()),
        Just("3.5万吨".to_string()),
        Just("24亿元".to_string()),
        Just("Baogang Group".to_string()),
        Just(" will ".to_string()),
        Just("US$277 million".to_string()),
        Just("97 percent".to_string()),
        Just("。".to_string()),
        Just("，".to_string()),
        Just(". ".to_string()),
        Just("\n".to_string()),
        Just("- ".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("《".to_string()),
        Just("？".to_string()),
        Just("５０００".to_string()),
        Just("\u{200B}".to_string()),
        Just("e\u{301}".to_string()),
        Just("🙂".to_string()),
        "[a-zA-Z ]{1,8}".prop_map(|s| s),
        "[0-9.,%$]{1,6}".prop_map(|s| s),
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check_span(text: &str, s: SpanRecord, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        s.start <= s.end && s.end <= text.len(),
        "{what} {s:?} outside text of {} bytes",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
        "{what} {s:?} not on char boundaries"
    );
    Ok(())
}

fn check_record(text: &str, rec: &ArticleRecord) -> Result<(), TestCaseError> {
    for s in &rec.sentences {
        check_span(
            text,
            SpanRecord {
                start: s.start,
                end: s.end,
            },
            "sentence",
        )?;
    }
    for w in rec.sentences.windows(2) {
        prop_assert!(
            w[0].end <= w[1].start,
            "sentences overlap or are out of order"
        );
    }
    for c in &rec.claims {
        check_span(text, c.span, "claim")?;
        let sent = &rec.sentences[c.sentence];
        prop_assert_eq!((c.span.start, c.span.end), (sent.start, sent.end));
        for e in &c.evidence {
            if let Some(cue) = e.cue {
                check_span(text, cue, "cue")?;
            }
        }
        for &f in &c.figures {
            let fs = rec.figures[f].span;
            prop_assert!(
                c.span.start <= fs.start && fs.end <= c.span.end,
                "figure outside its claim"
            );
        }
        if let Some(a) = &c.actor {
            if let Some(s) = a.span {
                check_span(text, s, "actor")?;
            }
        }
        if let Some(sp) = &c.speaker {
            check_span(text, sp.span, "speaker")?;
        }
    }
    for f in &rec.figures {
        check_span(text, f.span, "figure")?;
        prop_assert_eq!(&text[f.span.start..f.span.end], f.text.as_ref());
    }
    for t in &rec.times {
        check_span(text, t.span, "time")?;
    }
    for e in &rec.entities {
        for m in &e.mentions {
            check_span(text, *m, "mention")?;
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn any_string_never_panics_and_spans_hold(text in any::<String>()) {
        let rec = extractor().extract("p", &text);
        check_record(&text, &rec)?;
    }

    #[test]
    fn newsish_text_spans_hold(text in newsish()) {
        let rec = extractor().extract("p", &text);
        check_record(&text, &rec)?;
    }

    #[test]
    fn records_round_trip_through_serde(text in newsish()) {
        let rec = extractor().extract("p", &text);
        let json = serde_json::to_string(&rec).unwrap();
        let back: ArticleRecord = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, rec);
    }

    #[test]
    fn output_does_not_depend_on_threads_or_order(texts in prop::collection::vec(newsish(), 1..8)) {
        let items: Vec<(String, String)> = texts.iter().enumerate().map(|(i, t)| (format!("a{i}"), t.clone())).collect();
        let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap().install(|| extractor().extract_many(&items));
        let four = rayon::ThreadPoolBuilder::new().num_threads(4).build().unwrap().install(|| extractor().extract_many(&items));
        prop_assert_eq!(&one, &four);
        let mut reversed = items.clone();
        reversed.reverse();
        let mut back = extractor().extract_many(&reversed);
        back.reverse();
        prop_assert_eq!(&one, &back);
    }
}

/// What the matcher promises, checked against a naive scan of every alias at
/// every position (no automaton): an alias *occurs validly* at a position when
/// the text there equals it after key mapping (ASCII case folded, ASCII
/// punctuation as spaces), a Latin alias starts and ends on word boundaries,
/// and an acronym matches its exact case.
///
/// - every hit is a valid occurrence of its alias;
/// - hits are sorted and do not overlap;
/// - every valid occurrence of any alias overlaps some hit (nothing is lost
///   except where a longer or earlier alias took the text);
/// - no valid occurrence starting where a hit starts is longer than the hit.
fn valid_occurrence(hay: &str, at: usize, alias: &str, latin: bool, exact: bool) -> Option<usize> {
    let word = |c: char| c.is_ascii_alphanumeric() || (c.is_alphanumeric() && (c as u32) < 0x2E80);
    let key = |b: u8| {
        if b.is_ascii_alphanumeric() {
            b.to_ascii_lowercase()
        } else if b < 0x80 {
            b' '
        } else {
            b
        }
    };
    let end = at + alias.len();
    if !hay.is_char_boundary(at) || end > hay.len() || !hay.is_char_boundary(end) {
        return None;
    }
    let same = hay.as_bytes()[at..end]
        .iter()
        .zip(alias.bytes())
        .all(|(&t, a)| key(t) == key(a));
    if !same || (exact && &hay[at..end] != alias) {
        return None;
    }
    if latin {
        if alias.chars().next().is_some_and(word) && hay[..at].chars().next_back().is_some_and(word)
        {
            return None;
        }
        if alias.chars().next_back().is_some_and(word)
            && hay[end..].chars().next().is_some_and(word)
        {
            return None;
        }
    }
    Some(end)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn matcher_keeps_its_promises(
        en in prop::collection::btree_set("[abAB]{1,3}( [ab]{1,2})?", 1..5),
        zh in prop::collection::btree_set("[稀土钢]{1,3}", 0..3),
        hay in "[abAB稀土钢 .-]{0,30}",
    ) {
        // One concept per alias, distinct after case folding.
        let mut seen = std::collections::HashSet::new();
        let mut tsv = String::new();
        let mut pats: Vec<(String, bool, bool)> = Vec::new();
        for (i, a) in en.iter().enumerate() {
            if !seen.insert(a.to_ascii_lowercase()) { continue; }
            tsv.push_str(&format!("material.e{i}\tmaterial\t{a}\t-\n"));
            let acronym = a.chars().any(|c| c.is_ascii_uppercase()) && !a.chars().any(|c| c.is_lowercase());
            pats.push((a.clone(), true, acronym));
        }
        for (i, a) in zh.iter().enumerate() {
            tsv.push_str(&format!("material.z{i}\tmaterial\t-\t{a}\n"));
            pats.push((a.clone(), false, false));
        }
        let entries = parse("t.tsv", &tsv).unwrap();
        let m = Matcher::new(&entries).unwrap();
        let hits = m.find(&hay);
        for w in hits.windows(2) {
            prop_assert!(w[0].span.end <= w[1].span.start, "hits overlap or are unsorted");
        }
        for h in &hits {
            let e = &entries[h.entry as usize];
            let a = e.aliases().nth(h.alias as usize).unwrap();
            let (_, latin, exact) = pats.iter().find(|(p, _, _)| *p == a.text).unwrap();
            let alias = fold_str(&a.text);
            prop_assert_eq!(valid_occurrence(&hay, h.span.start, &alias, *latin, *exact), Some(h.span.end),
                "hit {:?} is not a valid occurrence of {:?}", h.span, alias);
        }
        for at in 0..hay.len() {
            for (p, latin, exact) in &pats {
                let Some(end) = valid_occurrence(&hay, at, p, *latin, *exact) else { continue };
                prop_assert!(hits.iter().any(|h| h.span.start < end && at < h.span.end),
                    "valid occurrence of {:?} at {}..{} in {:?} is lost", p, at, end, hay);
                if let Some(h) = hits.iter().find(|h| h.span.start == at) {
                    prop_assert!(end <= h.span.end, "a longer alias {:?} starts at the hit {:?}", p, h.span);
                }
            }
        }
    }
}

/// Regression (issue 3, found on the BBC bulk corpus): the speaker search
/// window started 60 bytes before "said" and could fall inside a multi-byte
/// character (a `£` sign), which panicked.
#[test]
fn regression_issue3_speaker_window_inside_a_character() {
    for k in 0..80 {
        let text = format!(
            "Profits rose to £{} million, chief executive Tom Smith said.",
            "4".repeat(k)
        );
        let rec = extractor().extract("r", &text);
        assert!(!rec.sentences.is_empty());
        let text = format!("{}£ after costs, Mr Smith said.", "x".repeat(k));
        extractor().extract("r", &text);
    }
}
