//! Regressions of issue 4: the inputs the fuzz targets kept
//! (`tests/data/bad_input/regressions/`, replayed through the fuzzers' own
//! checks), and minimal reproducers of the bugs found in stages this issue
//! does not own, ignored with their place and reason until they are fixed.

use std::path::{Path, PathBuf};

use ree_claims::lexicon::{self, Entry};
use ree_claims::Extractor;

#[path = "../fuzz/fuzz_targets/check.rs"]
mod check;

fn extractor() -> &'static Extractor {
    use std::sync::OnceLock;
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new().expect("embedded lexicons"))
}

fn regressions() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad_input/regressions")
}

/// The regression files still failing, by name, with their reason.
fn known() -> Vec<(String, String)> {
    std::fs::read_to_string(regressions().join("KNOWN"))
        .expect("regressions/KNOWN")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (file, why) = l.split_once('\t').expect("file<TAB>reason");
            (file.to_string(), why.to_string())
        })
        .collect()
}

fn embedded() -> Vec<Entry> {
    lexicon::EMBEDDED
        .iter()
        .flat_map(|(name, text)| {
            lexicon::parse(&format!("lexicons/{name}"), text).expect("embedded")
        })
        .collect()
}

/// Runs the check of the fuzz target a file is named after.
fn replay(path: &Path) -> Result<(), String> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    match name.split('-').next() {
        Some("extract") => check::extract(extractor(), &bytes),
        Some("lexicon") => {
            check::lexicon("user.tsv", &String::from_utf8_lossy(&bytes), &embedded())
        }
        Some("input") => {
            let dir =
                std::env::temp_dir().join(format!("ree-regression-{}-{name}", std::process::id()));
            std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
            let r = check::input(&dir, &bytes);
            let _ = std::fs::remove_dir_all(&dir);
            r
        }
        _ => Err(format!("{name}: name it extract-*, lexicon-* or input-*")),
    }
}

fn files(known: bool) -> Vec<PathBuf> {
    let skip = self::known();
    let mut out: Vec<PathBuf> = std::fs::read_dir(regressions())
        .expect("regressions/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n != "KNOWN"))
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            skip.iter().any(|(k, _)| *k == name) == known
        })
        .collect();
    out.sort();
    out
}

#[test]
fn fuzz_regressions_replay() {
    for path in files(false) {
        if let Err(e) = replay(&path) {
            panic!("{}: {e}", path.display());
        }
    }
}

#[test]
#[ignore = "inputs of bugs reported and not fixed yet (regressions/KNOWN)"]
fn known_fuzz_regressions() {
    let known = known();
    if known.is_empty() {
        eprintln!("no known regressions left in regressions/KNOWN");
        return;
    }
    for path in files(true) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let why = &known.iter().find(|(k, _)| *k == name).unwrap().1;
        let r = std::panic::catch_unwind(|| replay(&path));
        assert!(matches!(r, Ok(Ok(()))), "{name} still fails: {why}");
    }
}

/// Speakers: the search for a name started 60 bytes before the verb of
/// saying, which could fall inside a character, and `text[start..end]`
/// panicked (src/classify/speaker.rs). Found by tests/robust_properties.rs
/// and by the extract fuzz target (regressions/extract-speaker-window-*);
/// fixed in e548909.
#[test]
fn speaker_window_inside_a_character() {
    for text in [
        "该公司「《 not disclose US$277 million\"力争到2027年 said。",
        "\u{202E}\u{202E}will 力争到2027年 did not disclose  plans to build 表示",
    ] {
        let rec = extractor().extract("speaker", text);
        check::record(text, &rec).unwrap();
    }
}

/// Organisations by shape: the word before a capitalised material is read
/// with `rsplit(' ')` over all the text before it, across the line break, so
/// the previous line decides whether "ALynas Rare Earths" is a name
/// (src/orgs.rs; the same scan was quadratic, see tests/robust_linear.rs).
/// Fixed: the word is read on the same line only, and at most one word.
#[test]
fn found_org_reads_the_previous_line() {
    let found = |text: &str| {
        let rec = extractor().extract("org", text);
        rec.entities
            .iter()
            .filter(|e| e.id.starts_with("found"))
            .map(|e| e.label.clone())
            .collect::<Vec<_>>()
    };
    let a = found("Qqqq\nALynas Rare Earths will 1. 包钢集团");
    let b = found("包钢集团\nALynas Rare Earths will 1. 包钢集团");
    assert_eq!(a, ["ALynas Rare Earths"]);
    assert_eq!(b, a, "the line before changed the organisations found");
}

/// Number words: each "and" parses the rest of the chain again, recursively
/// (src/figure/en.rs:619, parse_words), so a chain of a thousand "one and"
/// overflows a 2 MiB stack (a rayon worker's, a test thread's) and aborts the
/// process: no error record, the whole run lost. The extraction runs in a
/// child process, so that this test can report it. Fixed: a number continues
/// after "and" at most four times (`MAX_AND_NESTING`).
#[test]
fn number_word_chain_overflows_the_stack() {
    if std::env::var_os("REE_STACK_CHILD").is_some() {
        let text = format!("Title\n{}one.", "one and ".repeat(1_000));
        let rec = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || extractor().extract("words", &text))
            .unwrap()
            .join()
            .unwrap();
        println!("child: {} figures", rec.figures.len());
        return;
    }
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "number_word_chain_overflows_the_stack",
            "--exact",
            "--nocapture",
        ])
        .env("REE_STACK_CHILD", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the child died: {:?}\n{stderr}",
        out.status
    );
}

/// A bidi control after the last full stop (U+202C, POP DIRECTIONAL
/// FORMATTING) comes out as a sentence of its own, an invisible one
/// (src/segment: trimming keeps format characters). Fixed: the normaliser
/// drops bidirectional-format characters like zero-width ones.
#[test]
fn an_invisible_character_is_no_sentence() {
    let text = "标题\n\u{202B}包钢集团计划到2027年将稀土钢产能提高到50万吨。\u{202C}";
    let rec = extractor().extract("bidi", text);
    let last = rec.sentences.last().unwrap();
    assert_ne!(&text[last.start..last.end], "\u{202C}");
}

/// Records and serde: a figure of 17 significant digits or more is written
/// exactly but read back 1 ulp off, since serde_json parses floats fast but
/// not exactly without its `float_roundtrip` feature (Cargo.toml). Found by
/// the extract fuzz target. Fixed: `float_roundtrip` is on.
#[test]
fn figures_round_trip_exactly() {
    let text = "Title\nOutput was 33333333333333333333333333333333333333333333333333 tonnes.";
    let rec = extractor().extract("float", text);
    let back: ree_claims::ArticleRecord =
        serde_json::from_str(&serde_json::to_string(&rec).unwrap()).unwrap();
    assert_eq!(
        back.figures[0].value.to_bits(),
        rec.figures[0].value.to_bits(),
        "{} read back as {}",
        rec.figures[0].value,
        back.figures[0].value
    );
}
