//! Bad input never loses an article (issue 4): the reader's cases in
//! `tests/data/bad_input/cases.toml`, run by one harness, and the cases that
//! need a folder or a large file made on the spot.

use std::path::{Path, PathBuf};

use ree_claims::input::{read_paths, Decoded, InputError, Pending, ReadOptions, Utf8Policy};
use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    file: String,
    utf8: String,
    items: Vec<Item>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Item {
    id: Option<String>,
    line: Option<usize>,
    offset: Option<u64>,
    error: Option<String>,
    text: Option<String>,
    text_has: Option<String>,
    title: Option<String>,
    date: Option<String>,
    source: Option<String>,
    count: Option<usize>,
    replaced: Option<Vec<(usize, u64, usize)>>,
}

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad_input")
}

fn options(utf8: &str) -> ReadOptions {
    ReadOptions {
        utf8: match utf8 {
            "strict" => Utf8Policy::Strict,
            "lossy" => Utf8Policy::Lossy,
            other => panic!("utf8 = {other:?}: use strict or lossy"),
        },
    }
}

fn read_all(paths: &[PathBuf], options: ReadOptions) -> Vec<Result<Decoded, InputError>> {
    let mut items = read_paths(paths, options);
    std::iter::from_fn(|| items.next_decoded()).collect()
}

fn check_item(what: &str, path: &Path, got: &Result<Decoded, InputError>, want: &Item) {
    match (got, &want.error) {
        (Err(e), Some(reason)) => {
            assert_eq!(&e.reason, reason, "{what}: reason");
            assert_eq!(e.id, want.id, "{what}: id");
            assert_eq!(e.line, want.line, "{what}: line");
            assert_eq!(e.offset, want.offset, "{what}: offset");
            assert_eq!(e.file, path.display().to_string(), "{what}: file");
            // The message a person reads names the place first.
            let shown = e.to_string();
            let place = match e.line {
                Some(l) => format!("{}:{l}", e.file),
                None => e.file.clone(),
            };
            assert!(shown.starts_with(&place), "{what}: {shown}");
            assert!(shown.ends_with(reason.as_str()), "{what}: {shown}");
            // And the error record carries the same.
            let rec = serde_json::to_value(e.to_record()).expect("error record");
            assert_eq!(rec["error"], reason.as_str(), "{what}: record");
            assert_eq!(rec["file"], e.file.as_str(), "{what}: record");
            assert_eq!(rec["schema"], "ree-claims/1", "{what}: record");
        }
        (Ok(d), None) => {
            let a = &d.article;
            assert_eq!(Some(&a.id), want.id.as_ref(), "{what}: id");
            assert_eq!(a.line, want.line, "{what}: line");
            assert_eq!(a.file, path.display().to_string(), "{what}: file");
            if let Some(t) = &want.text {
                assert_eq!(&a.text, t, "{what}: text");
            }
            if let Some(t) = &want.text_has {
                assert!(
                    a.text.contains(t.as_str()),
                    "{what}: {:?} in {:?}",
                    t,
                    a.text
                );
            }
            assert_eq!(a.title, want.title, "{what}: title");
            assert_eq!(a.date, want.date, "{what}: date");
            assert_eq!(a.source, want.source, "{what}: source");
            assert_eq!(a.lossy, d.lossy.is_some(), "{what}: lossy flag");
            match (&d.lossy, want.count) {
                (None, None) => {}
                (Some(l), Some(n)) => {
                    assert_eq!(l.count, n, "{what}: replacements");
                    for r in &l.replaced {
                        assert_eq!(
                            &a.text[r.text_offset..r.text_offset + 3],
                            "\u{FFFD}",
                            "{what}"
                        );
                    }
                    if let Some(want) = &want.replaced {
                        let got: Vec<(usize, u64, usize)> = l
                            .replaced
                            .iter()
                            .map(|r| (r.text_offset, r.file_offset, r.len))
                            .collect();
                        assert_eq!(&got, want, "{what}: replacements");
                    }
                }
                (got, want) => panic!("{what}: replacements {got:?}, expected count {want:?}"),
            }
        }
        (got, _) => panic!("{what}: got {got:?}, expected {want:?}"),
    }
}

#[test]
fn reader_cases() {
    let text = std::fs::read_to_string(data().join("cases.toml")).expect("cases.toml");
    let cases: Cases = toml::from_str(&text).expect("cases.toml parses");
    assert!(cases.case.len() >= 15);
    for case in &cases.case {
        let path = data().join(&case.file);
        let got = read_all(std::slice::from_ref(&path), options(&case.utf8));
        assert_eq!(
            got.len(),
            case.items.len(),
            "{}: {} items, expected {}: {got:#?}",
            case.name,
            got.len(),
            case.items.len()
        );
        for (k, (g, w)) in got.iter().zip(&case.items).enumerate() {
            check_item(&format!("{} (item {})", case.name, k + 1), &path, g, w);
        }
        // Read first and parsed afterwards, as the throughput example's
        // workers do: the same items.
        let (pending, lines) = read_pending(&path, options(&case.utf8));
        assert_eq!(pending, got, "{}", case.name);
        if case.file.ends_with(".jsonl") && got.iter().any(|g| g.is_ok()) {
            assert!(lines > 0, "{}: JSON lines left to parse", case.name);
        }
    }
}

/// Every item of `path`, JSON lines parsed only once all are read, and how
/// many JSON lines were left to parse.
fn read_pending(path: &Path, options: ReadOptions) -> (Vec<Result<Decoded, InputError>>, usize) {
    let mut items = read_paths(&[path.to_path_buf()], options);
    let pending: Vec<Pending> = std::iter::from_fn(|| items.next_pending()).collect();
    let lines = pending
        .iter()
        .filter(|p| matches!(p, Pending::Line(_)))
        .count();
    (pending.into_iter().map(Pending::decode).collect(), lines)
}

/// Every file of the folder, read in one go: one item per article, whatever
/// the policy, and errors are errors only where the policy says.
#[test]
fn nothing_is_lost_over_a_dirty_folder() {
    let files: Vec<PathBuf> = ["corpus.jsonl", "invalid_utf8.jsonl", "empty.jsonl"]
        .iter()
        .map(|f| data().join(f))
        .chain([data()])
        .collect();
    let strict = read_all(&files, options("strict"));
    let lossy = read_all(&files, options("lossy"));
    // 21 + 4 + 1 items from the JSON Lines files, one per .txt of the folder.
    let txt = std::fs::read_dir(data())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "txt")
        })
        .count();
    assert_eq!(strict.len(), 20 + 4 + 1 + txt);
    assert_eq!(lossy.len(), strict.len());
    let errors = |v: &[Result<Decoded, InputError>]| v.iter().filter(|r| r.is_err()).count();
    // Lossy reading turns exactly the invalid-UTF-8 errors into articles.
    let utf8_errors = strict
        .iter()
        .filter(|r| {
            r.as_ref()
                .is_err_and(|e| e.reason.starts_with("invalid UTF-8"))
        })
        .count();
    assert_eq!(utf8_errors, 6);
    assert_eq!(errors(&lossy), errors(&strict) - utf8_errors);
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ree-bad-input-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn folders_missing_files_and_link_loops() {
    let dir = temp_dir("folders");
    std::fs::create_dir_all(dir.join("a/b")).unwrap();
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    std::fs::write(dir.join("a/one.txt"), "One\nThe mine will reopen.").unwrap();
    std::fs::write(dir.join("a/b/two.txt"), "Two\nOutput rose.").unwrap();
    std::fs::write(dir.join("a/skip.md"), "not read").unwrap();
    #[cfg(unix)]
    {
        // A link back up the tree is walked once, not for ever.
        std::os::unix::fs::symlink(dir.join("a"), dir.join("a/b/up")).unwrap();
        // A dangling link named .txt is an error, not a silent skip.
        std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("a/gone.txt")).unwrap();
    }
    let paths = [dir.join("a"), dir.join("empty"), dir.join("missing.txt")];
    let got = read_all(&paths, ReadOptions::default());
    let shown: Vec<String> = got
        .iter()
        .map(|r| match r {
            Ok(d) => format!("ok {}", d.article.id),
            Err(e) => format!(
                "error {}: {}",
                Path::new(&e.file).file_name().unwrap().to_string_lossy(),
                e.reason
            ),
        })
        .collect();
    let mut want = vec![];
    if cfg!(unix) {
        want.push(
            "error gone.txt: cannot read: No such file or directory (os error 2)".to_string(),
        );
    }
    want.extend([
        "ok two".to_string(),
        "ok one".to_string(),
        "error empty: no .txt file in the folder".to_string(),
        "error missing.txt: cannot read: No such file or directory (os error 2)".to_string(),
    ]);
    assert_eq!(shown, want);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A long article with no line break, as a text file and as one JSON line.
#[test]
fn a_long_line_is_read_whole() {
    let dir = temp_dir("long");
    let unit = "The plant will raise output of 稀土 by 5 percent. ";
    let body = unit.repeat((8 << 20) / unit.len());
    std::fs::write(dir.join("long.txt"), &body).unwrap();
    let line = serde_json::json!({"id": "long", "text": body}).to_string();
    std::fs::write(dir.join("long.jsonl"), format!("{line}\n{line}")).unwrap();
    let got = read_all(
        &[dir.join("long.txt"), dir.join("long.jsonl")],
        ReadOptions::default(),
    );
    assert_eq!(got.len(), 3);
    for (k, g) in got.iter().enumerate() {
        let a = &g.as_ref().unwrap_or_else(|e| panic!("{e}")).article;
        assert_eq!(a.text, body, "item {k}");
    }
    assert_eq!(got[2].as_ref().unwrap().article.line, Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Lossy replacements are counted in full but listed up to a bound, so a
/// binary file read lossily does not blow up memory.
#[test]
fn lossy_replacements_are_bounded() {
    let dir = temp_dir("binary");
    let bytes: Vec<u8> = (0..100_000u32)
        .map(|i| if i % 2 == 0 { b'a' } else { 0xFF })
        .collect();
    std::fs::write(dir.join("binary.txt"), &bytes).unwrap();
    let got = read_all(&[dir.join("binary.txt")], options("lossy"));
    let d = got[0].as_ref().unwrap();
    let lossy = d.lossy.as_ref().unwrap();
    assert_eq!(lossy.count, 50_000);
    assert_eq!(lossy.replaced.len(), ree_claims::input::MAX_REPLACEMENTS);
    assert_eq!(lossy.replaced[99].file_offset, 199);
    assert_eq!(lossy.replaced[99].text_offset, 99 * 4 + 1);
    let strict = read_all(&[dir.join("binary.txt")], options("strict"));
    assert_eq!(
        strict[0].as_ref().unwrap_err().reason,
        "invalid UTF-8 at byte 1 (line 1, column 2): 0xFF, the first of 50000 invalid sequences"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
