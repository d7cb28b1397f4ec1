//! Dirty text through the whole extraction (issue 4): control, zero-width and
//! bidi characters, markup, mixed scripts, nested quotes, lossy decoding, a
//! byte-order mark, CRLF and a long line. Each case asserts what the record
//! says, with offsets into the text as given.

use ree_claims::input::{read_paths, ReadOptions, Utf8Policy};
use ree_claims::record::{ArticleRecord, SpanRecord};
use ree_claims::Extractor;

fn extractor() -> &'static Extractor {
    use std::sync::OnceLock;
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new().expect("embedded lexicons"))
}

fn slice(text: &str, s: SpanRecord) -> &str {
    &text[s.start..s.end]
}

fn sentences<'t>(text: &'t str, rec: &ArticleRecord) -> Vec<(&'t str, String)> {
    rec.sentences
        .iter()
        .map(|s| (&text[s.start..s.end], s.kind.to_string()))
        .collect()
}

fn org_mentions<'t>(text: &'t str, rec: &ArticleRecord, id: &str) -> Vec<&'t str> {
    rec.entities
        .iter()
        .filter(|e| e.id == id)
        .flat_map(|e| e.mentions.iter().map(|m| slice(text, *m)))
        .collect()
}

#[test]
fn zero_width_characters_inside_a_name_and_a_cue() {
    let text = "Lynas\u{200B} Rare Earths pl\u{200D}ans to build a plant by 2027.";
    let rec = extractor().extract("zw", text);
    assert_eq!(
        org_mentions(text, &rec, "org.lynas"),
        ["Lynas\u{200B} Rare Earths"]
    );
    let c = &rec.claims[0];
    assert_eq!(c.kind, "plan");
    assert_eq!(c.text, text);
    assert_eq!(c.actor.as_ref().unwrap().id.as_deref(), Some("org.lynas"));
    assert_eq!(slice(text, rec.times[0].span), "2027");
    assert!(rec.times[0].deadline);
}

#[test]
fn bidi_controls_around_a_chinese_sentence() {
    let text = "标题\n\u{202B}包钢集团计划到2027年将稀土钢产能提高到50万吨。\u{202C}";
    let rec = extractor().extract("bidi", text);
    let c = &rec.claims[0];
    assert_eq!(c.kind, "plan");
    assert_eq!(c.actor.as_ref().unwrap().id.as_deref(), Some("org.baogang"));
    // The normaliser drops bidi controls, so the claim starts at the name.
    assert!(c.text.starts_with("包钢集团"), "{:?}", c.text);
    let f = &rec.figures[0];
    assert_eq!(
        (f.text.as_ref(), f.value, f.unit.as_ref()),
        ("50万吨", 500_000.0, "t")
    );
    assert_eq!(slice(text, f.span), "50万吨");
    assert_eq!(org_mentions(text, &rec, "org.baogang"), ["包钢集团"]);
}

#[test]
fn control_characters_and_line_breaks_of_every_kind() {
    // NUL and bell are text; vertical tab, form feed, NEL, U+2028 and U+2029
    // end lines.
    let text = "Title\nThe mine\u{0} will reopen.\u{7}\u{B}Output rose.\u{C}Prices fell.\u{85}Costs rose.\u{2028}Jobs grew.\u{2029}End.";
    let rec = extractor().extract("ctl", text);
    let got: Vec<&str> = sentences(text, &rec).into_iter().map(|(s, _)| s).collect();
    assert_eq!(
        got,
        [
            "Title",
            "The mine\u{0} will reopen.\u{7}",
            "Output rose.",
            "Prices fell.",
            "Costs rose.",
            "Jobs grew.",
            "End."
        ]
    );
}

#[test]
fn crlf_line_ends_stay_out_of_sentences() {
    let text =
        "Lynas update\r\nLynas Rare Earths plans to build a plant.\r\nIt said output rose.\r\n";
    let rec = extractor().extract("crlf", text);
    assert_eq!(
        sentences(text, &rec),
        [
            ("Lynas update", "title".to_string()),
            (
                "Lynas Rare Earths plans to build a plant.",
                "sentence".to_string()
            ),
            ("It said output rose.", "sentence".to_string()),
        ]
    );
}

#[test]
fn a_byte_order_mark_keeps_offsets_those_of_the_file() {
    let text = "\u{FEFF}Lynas update\nLynas Rare Earths plans to build a plant by 2027.\n";
    let rec = extractor().extract("bom", text);
    assert_eq!(rec.sentences[0].kind, "title");
    assert_eq!(rec.sentences[0].end, 3 + "Lynas update".len());
    assert_eq!(rec.claims[0].kind, "plan");
    assert_eq!(
        org_mentions(text, &rec, "org.lynas"),
        ["Lynas", "Lynas Rare Earths"]
    );
}

#[test]
fn an_html_fragment_yields_its_claim() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/bad_input/html.txt"
    ))
    .unwrap();
    let rec = extractor().extract("html", &text);
    let plan = rec
        .claims
        .iter()
        .find(|c| c.kind == "plan")
        .expect("a plan");
    // Markup stays in the sentence; offsets are those of the file.
    assert_eq!(
        plan.text,
        "<body><p>Lynas Rare Earths plans to build a plant by <b>2027</b>.</p>"
    );
    assert_eq!(plan.span.start, text.find("<body>").unwrap());
    assert_eq!(
        plan.actor.as_ref().unwrap().id.as_deref(),
        Some("org.lynas")
    );
    assert_eq!(plan.disclosure.as_deref(), Some("disclosed"));
}

#[test]
fn mixed_scripts_in_one_sentence() {
    let text =
        "标题\nMP Materials и Lynas Rare Earths (لیناس) 计划 to build a plant 🙂 by 2027, नया.";
    let rec = extractor().extract("mixed", text);
    assert_eq!(
        org_mentions(text, &rec, "org.mp.materials"),
        ["MP Materials"]
    );
    assert_eq!(org_mentions(text, &rec, "org.lynas"), ["Lynas Rare Earths"]);
    assert_eq!(rec.claims.len(), 1);
    assert_eq!(rec.claims[0].text, &text["标题\n".len()..]);
}

#[test]
fn deeply_nested_quotes() {
    let depth = 20_000;
    let text = format!(
        "Title\n{}Lynas Rare Earths plans to build a plant.{}\nIt said output rose.",
        "“‘«\"".repeat(depth),
        "\"»’”".repeat(depth)
    );
    let rec = extractor().extract("quotes", &text);
    let last = rec.sentences.last().unwrap();
    assert_eq!(&text[last.start..last.end], "It said output rose.");
    assert!(rec.claims.iter().any(|c| c.kind == "plan"));
}

/// A long line with no break: every sentence found, the last one ending at
/// the end of the text, and the figures' offsets right to the end.
#[test]
fn a_long_line_without_a_break() {
    let unit = "该公司表示将扩大工厂规模。The firm said it will hire 5 people. ";
    let n = (2 << 20) / unit.len();
    let text = unit.repeat(n);
    let rec = extractor().extract("long", &text);
    assert_eq!(rec.sentences.len(), 2 * n);
    assert_eq!(rec.sentences.last().unwrap().end, text.trim_end().len());
    let last = rec.figures.last().unwrap();
    assert_eq!(slice(&text, last.span), "5");
    assert_eq!(last.span.end, text.len() - " people. ".len());
}

/// Lossy decoding: the record's offsets index the decoded text, and every
/// replacement the reader reports is a U+FFFD there, also inside a claim.
#[test]
fn lossy_text_keeps_offsets_and_claims() {
    let path = std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/bad_input/invalid_utf8.jsonl"
    ));
    let mut items = read_paths(
        &[path],
        ReadOptions {
            utf8: Utf8Policy::Lossy,
        },
    );
    let mut seen = 0;
    while let Some(item) = items.next_decoded() {
        let d = item.expect("lossy reading reads every line");
        let rec = extractor().extract(&d.article.id, &d.article.text);
        assert_eq!(rec.bytes, d.article.text.len());
        if d.article.id == "bad" {
            let lossy = d.lossy.as_ref().unwrap();
            for r in &lossy.replaced {
                assert_eq!(
                    &d.article.text[r.text_offset..r.text_offset + 3],
                    "\u{FFFD}"
                );
            }
            let claim = rec
                .claims
                .iter()
                .find(|c| c.text.contains("will reopen"))
                .expect("a claim");
            assert_eq!(claim.text, "The mine\u{FFFD}\u{FFFD} will reopen.");
            assert_eq!(
                claim.span.start,
                lossy.replaced[1].text_offset - "The mine".len()
            );
        }
        seen += 1;
    }
    assert_eq!(seen, 4);
}

/// An article that is only invisible or odd characters yields a record with
/// nothing in it, not a panic.
#[test]
fn nothing_but_odd_characters() {
    for text in [
        "\u{200B}\u{200B}",
        "\u{FEFF}",
        "\u{202E}\u{202C}",
        "\u{0}\u{0}\u{0}",
        "\u{FFFD}",
        "\u{301}\u{301}",
    ] {
        let rec = extractor().extract("odd", text);
        assert!(
            rec.claims.is_empty() && rec.figures.is_empty(),
            "{text:?}: {rec:?}"
        );
        assert_eq!(rec.bytes, text.len());
    }
}
