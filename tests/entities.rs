//! Entities whose meaning follows the article's country: "federal
//! government" is the Australian Government where a bare `$` is AUD, the US
//! government where it is USD, and itself where nothing tells.

use ree_claims::Extractor;

fn ids(text: &str) -> Vec<String> {
    let ex = Extractor::new().expect("embedded lexicons");
    ex.extract("t", text)
        .entities
        .into_iter()
        .map(|e| e.id.into_owned())
        .collect()
}

#[test]
fn federal_government_in_an_australian_article() {
    let got = ids(
        "Title\nLynas Rare Earths said the federal government would lend it $200 million.\nThe ASX-listed miner rose 3 per cent.",
    );
    assert!(got.contains(&"org.au.government".to_string()), "{got:?}");
    assert!(
        !got.contains(&"org.federal.government".to_string()),
        "{got:?}"
    );
}

#[test]
fn federal_government_in_a_us_article() {
    let got = ids(
        "Title\nMP Materials said the federal government would buy US$400 million of its shares.\nThe Pentagon and MP Materials signed the deal in Washington.",
    );
    assert!(got.contains(&"org.us.government".to_string()), "{got:?}");
}

#[test]
fn federal_government_with_nothing_to_tell() {
    let got = ids("Title\nThe federal government will review the plan.");
    assert_eq!(got, ["org.federal.government"]);
}
