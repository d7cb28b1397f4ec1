//! A user's lexicon with faults (issue 4): every fault is reported with its
//! file and line, several at once, before anything runs.

use std::path::PathBuf;

use ree_claims::Extractor;

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ree-robust-lexicon-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The faults of a build, one message per line, with the file's folder cut.
fn faults(build: Result<Extractor, ree_claims::lexicon::LexiconErrors>) -> Vec<String> {
    let errors = build.expect_err("a faulty lexicon must not build");
    let dir = std::env::temp_dir()
        .join(format!("ree-robust-lexicon-{}", std::process::id()))
        .display()
        .to_string();
    errors
        .0
        .iter()
        .map(|e| e.to_string().replace(&format!("{dir}/"), ""))
        .collect()
}

#[test]
fn every_fault_of_a_user_file_at_once() {
    let path = temp_file(
        "typos.tsv",
        "# my terms\n\
          org.acme\torg\tAcme Rare Metals\t-\tkind=company\n\
          org.acme2\torg\tAcme Two\n\
          Org Typo\torg\tTypo Corp\t-\n\
          org.beta\tcompnay\tBeta Mining\t-\n\
          org.gamma\torg\tGamma||Gamma Ltd\t-\n\
          cue.x\tcue\tpromises to\t-\tclaim=plann\n\
          org.delta\torg\tDelta\t-\tcountry\n"
            .as_bytes(),
    );
    let got = faults(Extractor::builder().lexicon_file(&path).build());
    assert_eq!(
        got,
        [
            "typos.tsv:3: expected 4 or 5 tab-separated columns (id, type, en, zh, attrs), found 3",
            "typos.tsv:4: bad id \"Org Typo\": use lowercase ASCII words joined by dots, like org.baogang",
            "typos.tsv:5: unknown type \"compnay\"; expected one of org, element, material, policy, place, role, cue, hedge, negation, nondisclosure, measure, speech, anaphor, block, suffix",
            "typos.tsv:6: empty alias between '|' separators",
            "typos.tsv:7: cue needs claim=commitment|plan|forecast|fact|assessment|disclaimer, found \"plann\"",
            "typos.tsv:8: bad attribute \"country\": expected key=value",
        ]
    );
}

#[test]
fn every_clash_with_the_embedded_lexicons_and_within_the_file() {
    let path = temp_file(
        "clashes.tsv",
        b"org.acme\torg\tAcme Rare Metals\t-\n\
          org.acme\torg\tAcme Again\t-\n\
          org.lynas.copy\torg\tLynas Rare Earths\t-\n\
          org.acme.copy\torg\tACME RARE  METALS\t-\n",
    );
    let got = faults(Extractor::builder().lexicon_file(&path).build());
    assert_eq!(got.len(), 3, "{got:#?}");
    assert_eq!(
        got[0],
        "clashes.tsv:2: id \"org.acme\" is already defined at clashes.tsv:1"
    );
    // The embedded file's line moves as the lexicons grow.
    assert!(
        got[1].starts_with(
            "clashes.tsv:3: alias \"Lynas Rare Earths\" is already claimed by org.lynas (lexicons/orgs.tsv:"
        ),
        "{}",
        got[1]
    );
    assert_eq!(
        got[2],
        "clashes.tsv:4: alias \"ACME RARE  METALS\" is already claimed by org.acme (clashes.tsv:1)"
    );
}

/// A file with a malformed line used to give no entries at all, so its
/// clashes (with itself, with the embedded lexicons, with other files)
/// showed only once the malformed line was fixed: a second round of faults.
/// Fixed: `lexicon::parse_lenient` returns the good lines with the faults and
/// `ExtractorBuilder::build` checks them for clashes.
#[test]
fn clashes_come_with_the_malformed_lines() {
    let path = temp_file(
        "both.tsv",
        b"org.acme\torg\tAcme Rare Metals\t-\norg.acme\torg\tAcme Again\t-\nbad line\norg.lynas.copy\torg\tLynas\t-\n",
    );
    let got = faults(Extractor::builder().lexicon_file(&path).build());
    assert_eq!(got.len(), 3, "{got:#?}");
    assert_eq!(
        got[0],
        "both.tsv:3: expected 4 or 5 tab-separated columns (id, type, en, zh, attrs), found 1"
    );
    assert_eq!(
        got[1],
        "both.tsv:2: id \"org.acme\" is already defined at both.tsv:1"
    );
    assert!(
        got[2].starts_with(
            "both.tsv:4: alias \"Lynas\" is already claimed by org.lynas (lexicons/orgs.tsv:"
        ),
        "{}",
        got[2]
    );
}

/// A byte-order mark at the start of a user's file (Windows editors write
/// one) is skipped: the first line is a good entry, not a bad id.
#[test]
fn a_byte_order_mark_is_skipped() {
    let path = temp_file(
        "bom.tsv",
        "\u{FEFF}org.acme\torg\tAcme Rare Metals\t-\n".as_bytes(),
    );
    let ex = Extractor::builder().lexicon_file(&path).build().unwrap();
    let rec = ex.extract("bom", "Title\nAcme Rare Metals will build a plant.");
    assert!(
        rec.entities.iter().any(|e| e.id == "org.acme"),
        "{:?}",
        rec.entities
    );
}

#[test]
fn faults_of_several_files_are_reported_together() {
    let a = temp_file("a.tsv", b"org.one\torg\tOne Metals\t-\n");
    let b = temp_file("b.tsv", b"org.two\torg\tTwo Metals\t-\nbad line\n");
    let c = temp_file(
        "c.tsv",
        b"org.one\torg\tOne Again\t-\norg.three\torg\tOne Metals\t-\n",
    );
    let missing = std::env::temp_dir().join("ree-robust-lexicon-no-such-file.tsv");
    let got = faults(
        Extractor::builder()
            .defaults(false)
            .lexicon_file(&a)
            .lexicon_file(&b)
            .lexicon_file(&c)
            .lexicon_file(&missing)
            .build(),
    );
    assert_eq!(got.len(), 4, "{got:#?}");
    assert_eq!(
        got[0],
        "b.tsv:2: expected 4 or 5 tab-separated columns (id, type, en, zh, attrs), found 1"
    );
    assert!(
        got[1].ends_with(
            "ree-robust-lexicon-no-such-file.tsv: cannot read: No such file or directory (os error 2)"
        ),
        "{}",
        got[1]
    );
    assert_eq!(
        got[2],
        "c.tsv:1: id \"org.one\" is already defined at a.tsv:1"
    );
    assert_eq!(
        got[3],
        "c.tsv:2: alias \"One Metals\" is already claimed by org.one (a.tsv:1)"
    );
}

#[test]
fn a_lexicon_that_is_not_utf8_names_its_line() {
    let path = temp_file(
        "latin1.tsv",
        b"org.one\torg\tOne\t-\norg.cafe\torg\tCaf\xe9 Metals\t-\n",
    );
    let got = faults(
        Extractor::builder()
            .defaults(false)
            .lexicon_file(&path)
            .build(),
    );
    assert_eq!(got, ["latin1.tsv:2: cannot read: invalid UTF-8 at byte 34"]);
}

#[test]
fn crlf_and_comments_are_fine() {
    let path = temp_file(
        "crlf.tsv",
        b"# comment\r\n\r\norg.acme\torg\tAcme Rare Metals\t-\tkind=company\r\n",
    );
    let ex = Extractor::builder()
        .lexicon_file(&path)
        .build()
        .expect("a CRLF lexicon builds");
    let rec = ex.extract("a", "Acme Rare Metals plans to build a plant by 2027.");
    assert_eq!(
        rec.claims[0].actor.as_ref().unwrap().id.as_deref(),
        Some("org.acme")
    );
}
