//! The `extract` example on dirty corpora (issue 4): the same bytes whatever
//! the thread count, counts that add up, an error line for every article
//! that could not be read, and an exit status that says whether any did.
//!
//! The example binary is the one `cargo test` builds next to this test
//! (`target/<profile>/examples/extract`); `cargo test --test robust_cli`
//! alone does not rebuild it, so run the whole suite after changing it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn extract_bin() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let bin = exe
        .parent()?
        .parent()?
        .join("examples")
        .join(format!("extract{}", std::env::consts::EXE_SUFFIX));
    bin.exists().then_some(bin)
}

/// The example, or `None` (and a note) when it has not been built.
fn bin() -> Option<PathBuf> {
    let bin = extract_bin();
    if bin.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "examples/extract was not built: run `cargo test` without --test"
        );
        eprintln!("skipped: examples/extract was not built (run `cargo test` without --test)");
    }
    bin
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(bin: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(bin)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run examples/extract");
    let input = stdin.unwrap_or_default().to_vec();
    let mut pipe = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().expect("examples/extract output");
    writer.join().unwrap();
    out
}

/// The counts of the summary line: articles, records, claims, errors.
fn summary(out: &Output) -> (usize, usize, usize, usize) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let last = stderr.lines().last().unwrap_or_default();
    let rest = last
        .strip_prefix("summary: ")
        .unwrap_or_else(|| panic!("no summary line: {stderr}"));
    let mut n = [0usize; 4];
    for (i, key) in ["articles", "records", "claims", "errors"]
        .iter()
        .enumerate()
    {
        n[i] = rest
            .split_whitespace()
            .find_map(|kv| kv.strip_prefix(&format!("{key}=")))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{key} in {last}"));
    }
    (n[0], n[1], n[2], n[3])
}

/// A dirty corpus made on the spot: the samples cut and joined many ways
/// (several batches' worth), with broken records and invalid UTF-8 between.
fn dirty_corpus(dir: &Path) -> Vec<String> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("txt")).unwrap();
    let mut samples: Vec<String> = std::fs::read_dir(root().join("samples"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    samples.sort();
    let mut jsonl = Vec::new();
    for i in 0..1500 {
        let s = &samples[i % samples.len()];
        let cut = s
            .char_indices()
            .map(|(k, _)| k)
            .nth((i * 37) % s.chars().count())
            .unwrap_or(0);
        let other = &samples[(i / 3) % samples.len()];
        let head: String = other.chars().take(cut.min(200) / 3).collect();
        let text = format!("{}\n{head}", &s[cut..]);
        jsonl.extend_from_slice(
            serde_json::json!({"id": format!("d{i}"), "text": text})
                .to_string()
                .as_bytes(),
        );
        jsonl.push(b'\n');
        match i % 250 {
            7 => jsonl.extend_from_slice(b"{\"id\": \"broken\", \"text\": \n"),
            8 => jsonl.extend_from_slice(b"{\"id\": \"latin\", \"text\": \"caf\xe9\"}\n"),
            9 => jsonl.extend_from_slice(b"{\"id\": 5, \"text\": \"numeric id\"}\n"),
            _ => {}
        }
    }
    std::fs::write(dir.join("dirty.jsonl"), &jsonl).unwrap();
    std::fs::write(
        dir.join("txt/latin1.txt"),
        b"Caf\xe9\nThe mine will reopen.\n",
    )
    .unwrap();
    std::fs::write(dir.join("txt/empty.txt"), b"").unwrap();
    std::fs::write(
        dir.join("txt/ok.txt"),
        "Title\nLynas Rare Earths plans to build a plant by 2027.\n",
    )
    .unwrap();
    vec![
        root().join("samples").display().to_string(),
        dir.join("dirty.jsonl").display().to_string(),
        dir.join("txt").display().to_string(),
        root()
            .join("tests/data/bad_input/corpus.jsonl")
            .display()
            .to_string(),
    ]
}

#[test]
fn one_and_four_threads_give_the_same_bytes_and_counts_add_up() {
    let Some(bin) = bin() else { return };
    let dir = std::env::temp_dir().join(format!("ree-robust-cli-{}", std::process::id()));
    let paths = dirty_corpus(&dir);
    let args = |threads: &'static str| {
        let mut a: Vec<&str> = paths.iter().map(String::as_str).collect();
        a.extend(["--threads", threads]);
        a
    };
    let one = run(&bin, &args("1"), None);
    let four = run(&bin, &args("4"), None);
    let again = run(&bin, &args("4"), None);
    assert!(
        one.stdout == four.stdout,
        "records differ between 1 and 4 threads"
    );
    assert!(
        one.stderr == four.stderr,
        "errors differ between 1 and 4 threads"
    );
    assert!(
        four.stdout == again.stdout && four.stderr == again.stderr,
        "two runs differ"
    );

    let (articles, records, claims, errors) = summary(&one);
    let stdout = String::from_utf8(one.stdout.clone()).expect("records are UTF-8");
    let stderr = String::from_utf8(one.stderr.clone()).expect("errors are UTF-8");
    assert_eq!(articles, records + errors);
    assert_eq!(records, stdout.lines().count());
    assert_eq!(records, 4 + 1500 + 1 + 6);
    let mut claimed = 0;
    for line in stdout.lines() {
        let rec: serde_json::Value = serde_json::from_str(line).expect("a JSON record");
        claimed += rec["claims"].as_array().unwrap().len();
    }
    assert_eq!(claims, claimed);
    // One error record per article that could not be read, then the summary.
    let error_lines: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.starts_with("summary: "))
        .collect();
    assert_eq!(errors, error_lines.len());
    assert_eq!(errors, 6 * 3 + 2 + 14);
    for line in &error_lines {
        let e: serde_json::Value = serde_json::from_str(line).expect("a JSON error record");
        assert_eq!(e["schema"], "ree-claims/1");
        assert!(e["file"].is_string() && e["error"].is_string(), "{line}");
    }
    let latin = error_lines
        .iter()
        .find(|l| l.contains("latin1.txt"))
        .unwrap();
    assert!(
        latin.contains("\"offset\":3")
            && latin.contains("invalid UTF-8 at byte 3 (line 1, column 4): 0xE9"),
        "{latin}"
    );
    assert_eq!(one.status.code(), Some(1), "errors give exit status 1");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_clean_corpus_exits_zero() {
    let Some(bin) = bin() else { return };
    let out = run(&bin, &[&root().join("samples").display().to_string()], None);
    let (articles, records, _, errors) = summary(&out);
    assert_eq!((articles, records, errors), (4, 4, 0));
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn lossy_reading_gives_records_not_errors() {
    let Some(bin) = bin() else { return };
    let file = root()
        .join("tests/data/bad_input/invalid_utf8.jsonl")
        .display()
        .to_string();
    let strict = run(&bin, &[&file], None);
    let (articles, records, _, errors) = summary(&strict);
    assert_eq!((articles, records, errors), (4, 2, 2));
    assert_eq!(strict.status.code(), Some(1));
    let lossy = run(&bin, &[&file, "--lossy"], None);
    let (articles, records, _, errors) = summary(&lossy);
    assert_eq!((articles, records, errors), (4, 4, 0));
    assert_eq!(lossy.status.code(), Some(0));
    let recs: Vec<serde_json::Value> = String::from_utf8(lossy.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(recs[1]["id"], "bad");
    assert_eq!(
        recs[1]["lossy"], true,
        "the record says it was read lossily"
    );
    assert!(recs[0].get("lossy").is_none_or(|v| v == false));
    // Where: each U+FFFD in the text and the byte of the file it replaced.
    assert_eq!(
        recs[1]["replaced"],
        serde_json::json!({"count": 3, "at": [
            {"start": 3, "file_offset": 69, "file_len": 1},
            {"start": 20, "file_offset": 85, "file_len": 1},
            {"start": 23, "file_offset": 86, "file_len": 1},
        ]})
    );
    let text = "Caf\u{FFFD} news\nThe mine\u{FFFD}\u{FFFD} will reopen.";
    assert_eq!(&text[20..23], "\u{FFFD}");
    assert!(recs[0].get("replaced").is_none());
}

#[test]
fn standard_input_as_json_lines_and_as_text() {
    let Some(bin) = bin() else { return };
    let jsonl =
        b"{\"id\": \"a\", \"text\": \"T\\nLynas Rare Earths plans to build a plant.\"}\nnot json\n";
    let out = run(&bin, &["-"], Some(jsonl));
    let (articles, records, _, errors) = summary(&out);
    assert_eq!((articles, records, errors), (2, 1, 1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("\"file\":\"-\",\"line\":2"), "{stderr}");
    let out = run(
        &bin,
        &["-"],
        Some(b"Title\nLynas Rare Earths plans to build a plant.\n"),
    );
    let (articles, records, _, errors) = summary(&out);
    assert_eq!((articles, records, errors), (1, 1, 0));
    let rec: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rec["id"], "-");
    let out = run(&bin, &["-"], Some(b"\xff\xfe"));
    assert_eq!(summary(&out), (1, 0, 0, 1));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_faulty_lexicon_stops_the_run_with_every_fault() {
    let Some(bin) = bin() else { return };
    let dir = std::env::temp_dir().join(format!("ree-robust-cli-lex-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let lex = dir.join("mine.tsv");
    std::fs::write(&lex, "org.a\torg\tA Metals\nBad Id\torg\tB Metals\t-\n").unwrap();
    let out = run(
        &bin,
        &[
            &root().join("samples").display().to_string(),
            "--lexicon",
            &lex.display().to_string(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lex = lex.display().to_string();
    assert!(stderr.contains("2 lexicon errors"), "{stderr}");
    assert!(
        stderr.contains(&format!("{lex}:1: expected 4 or 5 tab-separated columns")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{lex}:2: bad id \"Bad Id\"")),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// An article on which the extractor panics is that article's error record
/// ("internal error, ...") and the run goes on; this one hits the speaker bug
/// of tests/robust_regressions.rs until it is fixed, and is a record after.
#[test]
fn a_panic_loses_one_article_not_the_run() {
    let Some(bin) = bin() else { return };
    let panicky =
        std::fs::read(root().join("tests/data/bad_input/regressions/extract-speaker-window-2"))
            .unwrap();
    let mut jsonl = Vec::new();
    for (id, text) in [
        ("before", "T\nThe mine will reopen."),
        ("panicky", &*String::from_utf8(panicky).unwrap()),
        ("after", "T\nOutput rose."),
    ] {
        jsonl.extend_from_slice(
            serde_json::json!({"id": id, "text": text})
                .to_string()
                .as_bytes(),
        );
        jsonl.push(b'\n');
    }
    let out = run(&bin, &["-", "--threads", "2"], Some(&jsonl));
    let (articles, records, _, errors) = summary(&out);
    assert_eq!((articles, records + errors), (3, 3));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("\"id\":\"before\"") && stdout.contains("\"id\":\"after\""),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    if errors == 1 {
        let line = stderr.lines().next().unwrap();
        let e: serde_json::Value =
            serde_json::from_str(line).expect("an error record, nothing else");
        assert_eq!(e["id"], "panicky");
        assert_eq!(e["line"], 2);
        let reason = e["error"].as_str().unwrap();
        assert!(
            reason.starts_with("internal error, please report this article: panicked at src/"),
            "{reason}"
        );
        assert_eq!(out.status.code(), Some(1));
    } else {
        assert_eq!(out.status.code(), Some(0), "{stderr}");
    }
}
