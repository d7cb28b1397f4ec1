//! Arbitrary bytes as a user's lexicon file: parsing and building never
//! panic, and every fault names the file and a line of it
//! (`check::lexicon`).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use ree_claims::lexicon::{self, Entry};

#[path = "check.rs"]
mod check;

fuzz_target!(|data: &[u8]| {
    static EMBEDDED: OnceLock<Vec<Entry>> = OnceLock::new();
    let embedded = EMBEDDED.get_or_init(|| {
        lexicon::EMBEDDED
            .iter()
            .flat_map(|(name, text)| {
                lexicon::parse(&format!("lexicons/{name}"), text).expect("embedded")
            })
            .collect()
    });
    let text = String::from_utf8_lossy(data);
    if let Err(e) = check::lexicon("user.tsv", &text, embedded) {
        panic!("{e}\ninput: {text:?}");
    }
});
