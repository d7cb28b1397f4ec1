//! Unit tests of the segmenter, and the table-driven cases in
//! `tests/data/segment_cases.toml`.

use super::*;
use crate::normalize::normalize;

/// Kind and text of every segment of `text` (already normalised).
fn segments(text: &str) -> Vec<(SegmentKind, &str)> {
    split(text)
        .into_iter()
        .map(|s| (s.kind, s.span.of(text)))
        .collect()
}

/// The texts of the segments of `text`.
fn texts(text: &str) -> Vec<&str> {
    segments(text).into_iter().map(|(_, t)| t).collect()
}

/// Asserts the segment texts of a one-line text, with the input in the
/// failure message.
#[track_caller]
fn check(text: &str, want: &[&str]) {
    assert_eq!(texts(text), want, "segmenting {text:?}");
}

/// Asserts the invariants every output keeps: spans in order, not
/// overlapping, on char boundaries, non-empty and trimmed.
#[track_caller]
fn check_spans(text: &str) {
    let mut last = 0;
    for seg in split(text) {
        let Span { start, end } = seg.span;
        assert!(
            last <= start && start < end && end <= text.len(),
            "{seg:?} in {text:?}"
        );
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "{seg:?} in {text:?}"
        );
        let s = seg.span.of(text);
        assert_eq!(s, s.trim(), "{seg:?} in {text:?}");
        last = end;
    }
}

#[test]
fn empty_and_blank_texts() {
    assert!(split("").is_empty());
    assert!(split("   \n\t \r\n \u{3000}").is_empty());
    let mut out = vec![Segment {
        span: Span::new(0, 1),
        kind: SegmentKind::Title,
    }];
    split_into("", &mut out);
    assert_eq!(out.len(), 1, "split_into appends");
}

#[test]
fn lone_punctuation() {
    for text in [
        ".", "!", "?", "。", "…", "\"", "《", "》", "...", ". . .", "1.", "-", "•", "(", "。\"",
        "?\"",
    ] {
        check_spans(text);
        assert_eq!(texts(text).concat(), text, "{text:?}");
    }
}

#[test]
fn no_final_punctuation() {
    check(
        "Prices rose sharply this year and output followed",
        &["Prices rose sharply this year and output followed"],
    );
    check(
        "Prices rose. Output followed",
        &["Prices rose.", "Output followed"],
    );
    check(
        "稀土价格上涨。产量随之增加",
        &["稀土价格上涨。", "产量随之增加"],
    );
}

#[test]
fn english_end_marks() {
    check(
        "Prices rose. Output fell! Why? Nobody knows.",
        &["Prices rose.", "Output fell!", "Why?", "Nobody knows."],
    );
    check("Really?! Yes.", &["Really?!", "Yes."]);
    check(
        "She works at Yahoo! in Sydney.",
        &["She works at Yahoo! in Sydney."],
    );
    check(
        "Exports fell.Imports rose.",
        &["Exports fell.", "Imports rose."],
    );
    check(
        "Quotas were cut in 2023. 2024 was worse.",
        &["Quotas were cut in 2023.", "2024 was worse."],
    );
}

#[test]
fn english_abbreviations() {
    check(
        "Dr. Chen met Mr. Li at Baotou Steel Co. Ltd. on Jan. 5. They signed a deal.",
        &[
            "Dr. Chen met Mr. Li at Baotou Steel Co. Ltd. on Jan. 5.",
            "They signed a deal.",
        ],
    );
    check(
        "The U.S. Commerce Department agreed. The E.U. did not.",
        &["The U.S. Commerce Department agreed.", "The E.U. did not."],
    );
    check(
        "Cargoes went to the U.S. It was the first this year.",
        &["Cargoes went to the U.S.", "It was the first this year."],
    );
    check(
        "Ore was sold to Smith & Co. at a discount.",
        &["Ore was sold to Smith & Co. at a discount."],
    );
    check(
        "See p. 12 and No. 3 of vol. 2, e.g. the table vs. the chart.",
        &["See p. 12 and No. 3 of vol. 2, e.g. the table vs. the chart."],
    );
    check("That is Ford Jr.'s plant.", &["That is Ford Jr.'s plant."]);
}

#[test]
fn english_initials() {
    check(
        "Analyst Jonas E. Smith said so. He left.",
        &["Analyst Jonas E. Smith said so.", "He left."],
    );
    check(
        "It was you and I. Did you see Albert I. Jones?",
        &["It was you and I.", "Did you see Albert I. Jones?"],
    );
}

#[test]
fn decimals_and_money() {
    check(
        "Output rose 1.7% to 4.5 million tonnes, worth $4.5bn. Prices fell 0.3 percent.",
        &[
            "Output rose 1.7% to 4.5 million tonnes, worth $4.5bn.",
            "Prices fell 0.3 percent.",
        ],
    );
    check(
        "It cost $100.00. Then it rose.",
        &["It cost $100.00.", "Then it rose."],
    );
}

#[test]
fn emails_and_urls() {
    check(
        "Write to press.office@example.cn. The office replies.",
        &["Write to press.office@example.cn.", "The office replies."],
    );
    check(
        "See https://example.org/Rare.Earths.html today. Then call.",
        &[
            "See https://example.org/Rare.Earths.html today.",
            "Then call.",
        ],
    );
}

#[test]
fn english_quotes_and_brackets() {
    check(
        "He said \"the quota is final.\" Then he left.",
        &["He said \"the quota is final.\"", "Then he left."],
    );
    check(
        "He said, \"It is final.\" he added.",
        &["He said, \"It is final.\" he added."],
    );
    check(
        "\"Is it final?\" he asked.",
        &["\"Is it final?\" he asked."],
    );
    check(
        "\"Was it planned?\" Smith wrote on Monday.",
        &["\"Was it planned?\" Smith wrote on Monday."],
    );
    check(
        "\"Why not?\" Donald J. Trump wrote.",
        &["\"Why not?\" Donald J. Trump wrote."],
    );
    check(
        "\"Was it planned?\" Smith held the report up.",
        &["\"Was it planned?\"", "Smith held the report up."],
    );
    check(
        "Output rose (it was a record.) in May.",
        &["Output rose (it was a record.) in May."],
    );
}

#[test]
fn ellipses() {
    check(
        "Prices kept rising... Buyers worried.",
        &["Prices kept rising...", "Buyers worried."],
    );
    check(
        "He paused ... and went on.",
        &["He paused ... and went on."],
    );
    check("I think . . . I know.", &["I think . . . I know."]);
    check(
        "It ended.... Then came more.",
        &["It ended....", "Then came more."],
    );
    check(
        "It ended. . . . Then came more.",
        &["It ended.", ". . . Then came more."],
    );
    check(
        "稀土、钨、锑……等资源受到管控。",
        &["稀土、钨、锑……等资源受到管控。"],
    );
    check("他沉默了……", &["他沉默了……"]);
}

#[test]
fn inline_lists() {
    check(
        "1. Cut quotas 2. Raise prices",
        &["1. Cut quotas", "2. Raise prices"],
    );
    check(
        "a) Cut quotas b) Raise prices c) Wait",
        &["a) Cut quotas", "b) Raise prices", "c) Wait"],
    );
    check(
        "• 9. Cut quotas • 10. Raise prices",
        &["• 9. Cut quotas", "• 10. Raise prices"],
    );
    // A list that does not open the segment is not split.
    check(
        "The plan has 1) cuts and 2) reviews.",
        &["The plan has 1) cuts and 2) reviews."],
    );
    // Numbers out of sequence are not markers.
    check(
        "1. Cut quotas by 3. Raise prices",
        &["1. Cut quotas by 3.", "Raise prices"],
    );
}

#[test]
fn chinese_end_marks() {
    check(
        "稀土价格上涨。企业扩大产能!市场会降温吗?分析人士表示谨慎。",
        &[
            "稀土价格上涨。",
            "企业扩大产能!",
            "市场会降温吗?",
            "分析人士表示谨慎。",
        ],
    );
    // `;` and `:` do not end a sentence.
    check(
        "产量增长5%;利润增长8%:均创新高。",
        &["产量增长5%;利润增长8%:均创新高。"],
    );
    check("增长30.15%。", &["增长30.15%。"]);
}

#[test]
fn chinese_quotes() {
    // A closing quote stays with its sentence; an opening one starts the next.
    check(
        "他说:\"我们会扩产。\"公司随后发布公告。",
        &["他说:\"我们会扩产。\"", "公司随后发布公告。"],
    );
    check(
        "价格回落。\"明年会更好,\"他说。",
        &["价格回落。", "\"明年会更好,\"他说。"],
    );
    check(
        "价格回落。\"明年会更好。\"他说。",
        &["价格回落。", "\"明年会更好。\"", "他说。"],
    );
    // Sentences inside a quotation split at `。`.
    check(
        "他说:\"产量下降。价格上涨。\"",
        &["他说:\"产量下降。", "价格上涨。\""],
    );
    // A question inside a quotation, and the attribution after it, run on.
    check(
        "\"凭什么关停?谁来补偿?\"厂长质问道。",
        &["\"凭什么关停?谁来补偿?\"厂长质问道。"],
    );
    check(
        "他说:「产量下降。」随后离开。",
        &["他说:「产量下降。」", "随后离开。"],
    );
}

#[test]
fn chinese_quotes_across_lines() {
    // The first line leaves a quotation open; the second closes it.
    let text = "标题\n他表示:\"市场仍在调整。\n我们会观察。\"他补充说。随后离开。";
    assert_eq!(
        texts(text),
        [
            "标题",
            "他表示:\"市场仍在调整。",
            "我们会观察。\"",
            "他补充说。",
            "随后离开。",
        ]
    );
}

#[test]
fn chinese_book_titles() {
    check(
        "我们去看《摔跤吧!爸爸》好吗?好!",
        &["我们去看《摔跤吧!爸爸》好吗?", "好!"],
    );
    check(
        "国务院发布《稀土管理条例。》随后召开会议。",
        &["国务院发布《稀土管理条例。》随后召开会议。"],
    );
    // A `《` that never closes stops holding end marks after a while.
    let long = format!("《{}。{}。", "稀".repeat(200), "土".repeat(10));
    assert_eq!(texts(&long).len(), 2);
}

#[test]
fn mixed_chinese_and_english() {
    check(
        "MP Materials公司(MP Materials Corp.)表示将扩产。美国国防部(DoD)提供资金。",
        &[
            "MP Materials公司(MP Materials Corp.)表示将扩产。",
            "美国国防部(DoD)提供资金。",
        ],
    );
    check("公司称OK!然后离开。", &["公司称OK!", "然后离开。"]);
}

#[test]
fn titles_and_headings() {
    let text =
        "Rare earth quotas raised\n\nHighlights\nQuotas rose 10%. Prices fell.\nWhat comes next?\n";
    assert_eq!(
        segments(text),
        [
            (SegmentKind::Title, "Rare earth quotas raised"),
            (SegmentKind::Heading, "Highlights"),
            (SegmentKind::Sentence, "Quotas rose 10%."),
            (SegmentKind::Sentence, "Prices fell."),
            (SegmentKind::Heading, "What comes next?"),
        ]
    );
    let text = "包钢稀土扩产\n产量超标\n今年产量增长30%。\n今年严格执法?\n";
    assert_eq!(
        segments(text),
        [
            (SegmentKind::Title, "包钢稀土扩产"),
            (SegmentKind::Heading, "产量超标"),
            (SegmentKind::Sentence, "今年产量增长30%。"),
            (SegmentKind::Heading, "今年严格执法?"),
        ]
    );
    // One line alone is no title, and a title is never split.
    assert_eq!(
        segments("Prices rose"),
        [(SegmentKind::Heading, "Prices rose")]
    );
    assert_eq!(
        texts("A. Title. With dots.\nBody."),
        ["A. Title. With dots.", "Body."]
    );
    // A long line without final punctuation is a sentence.
    let long = "word ".repeat(20);
    assert_eq!(segments(&format!("T\n{long}"))[1].0, SegmentKind::Sentence);
}

#[test]
fn bullets() {
    let text = "Title\n- Prices rose. Output fell.\n• Quotas cut\n1) First item\n(3) Third item\n一、总体要求\n(一)加快整合。\n一是加强监管。二是推动整合。\n";
    assert_eq!(
        segments(text),
        [
            (SegmentKind::Title, "Title"),
            (SegmentKind::Bullet, "- Prices rose."),
            (SegmentKind::Sentence, "Output fell."),
            (SegmentKind::Bullet, "• Quotas cut"),
            (SegmentKind::Bullet, "1) First item"),
            (SegmentKind::Bullet, "(3) Third item"),
            (SegmentKind::Bullet, "一、总体要求"),
            (SegmentKind::Bullet, "(一)加快整合。"),
            (SegmentKind::Bullet, "一是加强监管。"),
            (SegmentKind::Bullet, "二是推动整合。"),
        ]
    );
}

#[test]
fn datelines_and_sections() {
    let text = "Tungsten\nPEKING, June 18 - China will cut exports. Officials confirmed it.\nSec. 3. Priority Projects.* (a) Agencies shall act.";
    assert_eq!(
        segments(text),
        [
            (SegmentKind::Title, "Tungsten"),
            (SegmentKind::Heading, "PEKING, June 18 -"),
            (SegmentKind::Sentence, "China will cut exports."),
            (SegmentKind::Sentence, "Officials confirmed it."),
            (SegmentKind::Sentence, "Sec. 3. Priority Projects.*"),
            (SegmentKind::Bullet, "(a) Agencies shall act."),
        ]
    );
    // Capitals and a dash alone do not make a dateline.
    check(
        "BHP, for example - said no.",
        &["BHP, for example - said no."],
    );
    check(
        "CEDAR RAPIDS, IOWA GLUTEN FEED 21 PCT - 100.00",
        &["CEDAR RAPIDS, IOWA GLUTEN FEED 21 PCT - 100.00"],
    );
    check(
        "ESM, the bank that failed in 1985 -- took it down.",
        &["ESM, the bank that failed in 1985 -- took it down."],
    );
    check(
        "ESM collapsed in 1985, taking Home State -- its investor -- down.",
        &["ESM collapsed in 1985, taking Home State -- its investor -- down."],
    );
}

#[test]
fn line_breaks() {
    let text = "Title\r\nFirst sentence. Second sentence\r\nThird one.\rFourth.\u{2028}Fifth.";
    assert_eq!(
        texts(text),
        [
            "Title",
            "First sentence.",
            "Second sentence",
            "Third one.",
            "Fourth.",
            "Fifth."
        ]
    );
    check_spans(text);
}

#[test]
fn spans_index_the_normalised_text() {
    let original = "稀土價格上漲！企業擴產。“明年會更好。”";
    let norm = normalize(original);
    let got: Vec<&str> = split(norm.as_str())
        .iter()
        .map(|s| norm.map().span(s.span).of(original))
        .collect();
    assert_eq!(got, ["稀土價格上漲！", "企業擴產。", "“明年會更好。”"]);
}

#[test]
fn long_inputs_stay_linear() {
    // Pathological lines: every period examined, no quadratic rescans.
    for unit in [
        "a.B", "x.Y@", "Mr. ", "《", "\"。", ". ", "……", "1. ", "a) ", "?\" A ",
    ] {
        let text = unit.repeat(200_000 / unit.len());
        let started = std::time::Instant::now();
        check_spans(&text);
        assert!(
            started.elapsed().as_secs() < 5,
            "{unit:?} took {:?}",
            started.elapsed()
        );
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_text(text in "\\PC{0,200}") {
            check_spans(&text);
        }

        #[test]
        fn punctuation_soup(text in "[a-zA-Z0-9 .!?\"'()《》。…、,:;\\-•\n\r稀土一是]{0,120}") {
            check_spans(&text);
            check_spans(normalize(&text).as_str());
        }

        #[test]
        fn deterministic(text in "[a-zA-Z .!?\"。稀]{0,80}") {
            prop_assert_eq!(split(&text), split(&text));
        }
    }
}

/// One case of `tests/data/segment_cases.toml`.
#[derive(serde::Deserialize)]
struct Case {
    name: String,
    text: String,
    /// `[kind, text]` for every segment.
    segments: Vec<(String, String)>,
}

#[derive(serde::Deserialize)]
struct Cases {
    case: Vec<Case>,
}

/// The table-driven cases: each text is normalised like an article, split,
/// and the segments mapped back to the original text.
#[test]
fn data_cases() {
    let data = include_str!("../../tests/data/segment_cases.toml");
    let cases: Cases = toml::from_str(data).expect("tests/data/segment_cases.toml parses");
    let mut failures = Vec::new();
    for case in &cases.case {
        let text = case.text.as_str();
        let norm = normalize(text);
        let got: Vec<(String, &str)> = split(norm.as_str())
            .iter()
            .map(|s| {
                (
                    format!("{:?}", s.kind).to_lowercase(),
                    norm.map().span(s.span).of(text),
                )
            })
            .collect();
        let want: Vec<(String, &str)> = case
            .segments
            .iter()
            .map(|(k, t)| (k.clone(), t.as_str()))
            .collect();
        if got != want {
            failures.push(format!(
                "case {}:\n  text: {text:?}\n  want: {want:?}\n  got:  {got:?}",
                case.name
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases in tests/data/segment_cases.toml failed:\n{}",
        failures.len(),
        cases.case.len(),
        failures.join("\n")
    );
}

/// The fast paths of the scanner agree with the plain definitions they
/// replace.
mod fast_paths {
    use super::super::{
        ends_as_heading, is_heading, line_end, line_end_bytewise, may_start_break, plain_stops,
        skip_wide, skip_ws, solid_at, starts_break, trim, wide_stops, zh, BREAK_LANES,
        HEADING_MAX_EN, HEADING_MAX_ZH, STEP,
    };
    use proptest::prelude::*;

    /// `line_end` as a plain byte loop.
    fn line_end_plain(text: &str, pos: usize) -> (usize, usize) {
        line_end_bytewise(text.as_bytes(), pos)
    }

    /// `skip_ws` decoding every char.
    fn skip_ws_plain(text: &str, mut i: usize, end: usize) -> usize {
        while let Some(c) = (i < end)
            .then(|| text.get(i..end).and_then(|s| s.chars().next()))
            .flatten()
        {
            if !c.is_whitespace() {
                break;
            }
            i += c.len_utf8();
        }
        i.min(end)
    }

    /// Every line end of `text`, from every start offset.
    fn all_line_ends(text: &str) {
        for pos in 0..=text.len() {
            assert_eq!(
                line_end(text, pos),
                line_end_plain(text, pos),
                "{text:?} at {pos}"
            );
        }
    }

    /// `trim` without its early return.
    fn trim_plain(text: &str, start: usize, end: usize) -> (usize, usize) {
        let Some(s) = text.get(start..end) else {
            return (start, start);
        };
        let lead = s.len() - s.trim_start().len();
        (start + lead, start + lead + s.trim().len())
    }

    /// Every `trim` of `text`.
    fn all_trims(text: &str) {
        for start in 0..=text.len() + 1 {
            for end in 0..=text.len() + 1 {
                assert_eq!(
                    trim(text, start, end),
                    trim_plain(text, start, end),
                    "{text:?} {start}..{end}"
                );
            }
        }
    }

    /// Every `skip_ws` of `text`, for every start and end.
    fn all_skips(text: &str) {
        for end in 0..=text.len() + 1 {
            for i in 0..=text.len() + 1 {
                assert_eq!(
                    skip_ws(text, i, end),
                    skip_ws_plain(text, i, end),
                    "{text:?} from {i} to {end}"
                );
            }
        }
    }

    /// `is_heading` counting every char.
    fn is_heading_plain(seg: &str) -> bool {
        let chars = seg.chars().count();
        let chinese = seg.chars().any(zh::is_cjk);
        if chars > HEADING_MAX_EN || (chinese && chars > HEADING_MAX_ZH) {
            return false;
        }
        ends_as_heading(seg)
    }

    #[test]
    fn is_heading_agrees_with_counting_every_char() {
        let units = ["a", "稀", " ", "😀", "é", "\u{3000}", "。", "》", "\"", "."];
        for (i, a) in units.iter().enumerate() {
            for b in &units[i..] {
                for n in 0..=4 * HEADING_MAX_EN + 2 {
                    let mut seg = a.repeat(n / 2);
                    seg.push_str(&b.repeat(n - n / 2));
                    for s in [seg.clone(), format!("{seg}。"), format!("稀{seg}")] {
                        assert_eq!(is_heading(&s), is_heading_plain(&s), "{s:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn solid_at_agrees_with_is_whitespace() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("{c}x");
            if let Some(solid) = solid_at(s.as_bytes(), 0) {
                assert_eq!(solid, !c.is_whitespace(), "{c:?}");
            }
            for text in [c.to_string(), format!("x{c}"), s, format!("{c}{c}")] {
                let end = text.len();
                assert_eq!(trim(&text, 0, end), trim_plain(&text, 0, end), "{text:?}");
            }
        }
    }

    #[test]
    fn step_table_skips_only_chars_run_ignores() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let lead = c.encode_utf8(&mut buf).as_bytes()[0];
            let step = STEP[0][usize::from(lead)];
            if step != 0 {
                assert_eq!(usize::from(step), c.len_utf8(), "{c:?}");
                assert!(!c.is_whitespace(), "{c:?}");
                assert!(
                    !matches!(c, '"' | '《' | '》' | '.' | '!' | '?' | '。' | '…'),
                    "{c:?}"
                );
            }
            // Without a marker, only ASCII whitespace steps too.
            let plain = STEP[1][usize::from(lead)];
            if c.is_ascii_whitespace() || c == '\u{b}' {
                assert_eq!(plain, 1, "{c:?}");
            } else {
                assert_eq!(plain, step, "{c:?}");
            }
        }
    }

    #[test]
    fn plain_stops_stop_at_once_beyond_ascii() {
        // What lets `Line::run` skip the block scan at a byte beyond ASCII.
        for first in 0x80..=0xFFu8 {
            for fill in [b'a', b' ', b'.', 0x80, 0xE4] {
                let mut block = [fill; 8];
                block[0] = first;
                let stops = plain_stops(u64::from_le_bytes(block));
                assert!(stops != 0 && stops.trailing_zeros() / 8 == 0, "{block:?}");
            }
        }
    }

    #[test]
    fn starts_break_agrees_with_line_end_plain() {
        // Every byte at every lane, and every break at every lane (the
        // last ones running into the two bytes past the chunk), amid fill.
        let breaks: [&[u8]; 8] = [
            b"\n",
            b"\r",
            &[0x0B],
            &[0x0C],
            &[0xC2, 0x85],
            &[0xE2, 0x80, 0xA8],
            &[0xE2, 0x80, 0xA9],
            &[0xE2, 0x80, 0xAA],
        ];
        for fill in [b'a', 0x00, 0x09, 0x0E, 0x80, 0xA8, 0xC2, 0xE2] {
            for at in 0..BREAK_LANES + 2 {
                let mut pieces: Vec<Vec<u8>> = breaks.iter().map(|b| b.to_vec()).collect();
                pieces.extend((0..=255u8).map(|b| vec![b]));
                pieces.push(vec![0xC2, 0x84]);
                pieces.push(vec![0xE2, 0x81, 0xA8]);
                for piece in pieces {
                    let mut window = vec![fill; BREAK_LANES + 2];
                    for (k, &b) in piece.iter().enumerate() {
                        if let Some(w) = window.get_mut(at + k) {
                            *w = b;
                        }
                    }
                    // The plain rule, on the bytes as they stand.
                    let expected = (0..BREAK_LANES).any(|i| match window[i] {
                        b'\n' | b'\r' | 0x0B | 0x0C => true,
                        0xC2 => window[i + 1] == 0x85,
                        0xE2 => window[i + 1] == 0x80 && matches!(window[i + 2], 0xA8 | 0xA9),
                        _ => false,
                    });
                    assert_eq!(starts_break(&window), expected, "{window:?}");
                    // The quick test passes every chunk with a break.
                    assert!(!expected || may_start_break(&window), "{window:?}");
                }
            }
        }
    }

    /// Whether byte `b` stops the plain scan ([`plain_stops`]).
    fn plain_stop(b: u8) -> bool {
        b >= 0x80 || matches!(b, b'"' | b'.' | b'!' | b'?')
    }

    /// Whether [`wide_stops`] is to flag byte `b`.
    fn wide_stop(b: u8) -> bool {
        matches!(b, b'"' | b'.' | b'!' | b'?' | 0xC2 | 0xE0..=0xE3)
    }

    /// The first byte `stops` flags in `block` is the first that
    /// `is_stop` holds for.
    #[track_caller]
    fn first_agrees(stops: fn(u64) -> u64, is_stop: fn(u8) -> bool, block: [u8; 8]) {
        let flagged = stops(u64::from_le_bytes(block));
        let first = (flagged != 0).then(|| (flagged.trailing_zeros() / 8) as usize);
        assert_eq!(first, block.iter().position(|&b| is_stop(b)), "{block:?}");
    }

    #[track_caller]
    fn stops_agree(block: [u8; 8]) {
        first_agrees(plain_stops, plain_stop, block);
    }

    #[track_caller]
    fn wide_stops_agree(block: [u8; 8]) {
        first_agrees(wide_stops, wide_stop, block);
    }

    /// Every block of two of `bytes` over a filler of a third, at every
    /// two positions.
    fn pair_blocks(bytes: &[u8], mut f: impl FnMut([u8; 8])) {
        for &fill in bytes {
            for &x in bytes {
                for &y in bytes {
                    for at in 0..8 {
                        for at2 in at..8 {
                            let mut block = [fill; 8];
                            block[at] = x;
                            block[at2] = y;
                            f(block);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn plain_stops_finds_the_first_stop() {
        let bytes = [
            0x00, 0x01, b' ', b'!', b'"', b'#', b'-', b'.', b'/', b'>', b'?', b'@', b'a', 0x7F,
            0x80, 0xC2, 0xE3, 0xFF,
        ];
        pair_blocks(&bytes, stops_agree);
    }

    #[test]
    fn wide_stops_finds_the_first_stop() {
        let bytes = [
            0x00, b' ', b'!', b'"', b'.', b'/', b'?', b'a', 0x7F, 0x80, 0xBF, 0xC1, 0xC2, 0xC3,
            0xDF, 0xE0, 0xE1, 0xE2, 0xE3, 0xE4, 0xE9, 0xEF, 0xF0, 0xFF,
        ];
        pair_blocks(&bytes, wide_stops_agree);
    }

    #[test]
    fn wide_stops_stop_at_every_char_the_plain_steps_stop_at() {
        // Every char whose first byte the plain scan does not step over is
        // flagged by `wide_stops`, and no continuation byte is.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let mut block = [b'a'; 8];
            block[..bytes.len()].copy_from_slice(bytes);
            let stops = wide_stops(u64::from_le_bytes(block));
            if STEP[1][usize::from(bytes[0])] == 0 {
                assert_eq!(stops.trailing_zeros() / 8, 0, "{c:?}");
            }
            assert!(stops == 0 || stops.trailing_zeros() / 8 == 0, "{c:?}");
        }
    }

    /// Where the plain char steps of `Line::run` from `i` stop.
    fn plain_steps(text: &str, mut i: usize, end: usize) -> usize {
        while let Some(&b) = text.as_bytes()[..end].get(i) {
            match STEP[1][usize::from(b)] {
                0 => break,
                step => i += usize::from(step),
            }
        }
        i
    }

    #[track_caller]
    fn skips_agree(text: &str) {
        for end in (0..=text.len()).filter(|&e| text.is_char_boundary(e)) {
            for i in (0..=end).filter(|&i| text.is_char_boundary(i)) {
                let stop = plain_steps(text, i, end);
                let j = skip_wide(text, i, end);
                assert!(
                    text.is_char_boundary(j) && i <= j && j <= stop,
                    "{text:?} {i}..{end}"
                );
                assert_eq!(plain_steps(text, j, end), stop, "{text:?} {i}..{end}");
            }
        }
    }

    #[test]
    fn wide_skips_stop_where_char_steps_stop() {
        for n in 0..12 {
            for stop in [
                "。", ".", "!", "\"", "\u{3000}", "…", "\u{a0}", "《", "a", "é", "𝄞", "\u{800}",
            ] {
                for lead in ["", "a", "ab", "abc"] {
                    skips_agree(&format!("{lead}{}{stop}稀土，价格", "稀".repeat(n)));
                }
            }
        }
    }

    #[test]
    fn tricky_lines() {
        for text in [
            "",
            "a",
            "abcdefgh\nijklmnop",
            "abcdefghijklmnopq\r\nrs",
            "稀土价格\u{2028}回落\u{2029}。",
            "abc\u{85}def\u{a0}ghi\u{2027}\u{2030}\u{20ac}",
            "\u{b}\u{c}\t \u{3000}x\u{1680}y\u{2000}\u{200a}\u{202f}\u{205f}z",
            "0123456\u{e2}",
            "01234567890123456789012345678901234567890123\u{2028}",
        ] {
            all_line_ends(text);
            all_skips(text);
            all_trims(text);
        }
    }

    proptest! {
        #[test]
        fn line_end_agrees(text in "[a-z \t\n\r\u{b}\u{c}\u{85}\u{a0}\u{2026}\u{2028}\u{2029}\u{2030}稀。]{0,80}") {
            all_line_ends(&text);
        }

        #[test]
        fn plain_stops_agree(block in proptest::array::uniform8(any::<u8>())) {
            stops_agree(block);
        }

        #[test]
        fn wide_stops_agree_with_bytes(block in proptest::array::uniform8(any::<u8>())) {
            wide_stops_agree(block);
        }

        #[test]
        fn wide_skips_agree(text in "[a. \u{a0}\u{800}\u{3000}é。，…《稀土价格𝄞]{0,24}") {
            skips_agree(&text);
        }

        #[test]
        fn trim_agrees(text in "[a \t\u{b}\u{a0}\u{3000}\u{3001}\u{2028}\u{2026}\u{1680}\u{85}é稀。]{0,12}") {
            all_trims(&text);
        }

        #[test]
        fn skip_ws_agrees(text in "[a-z \t\n\r\u{b}\u{c}\u{85}\u{a0}\u{1680}\u{2000}\u{200b}\u{3000}稀。]{0,24}") {
            all_skips(&text);
        }
    }
}
