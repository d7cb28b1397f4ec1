//! Arbitrary bytes, read lossily, through the whole extraction: no panic, no
//! stack overflow, no time-out, and the invariants of `check::record`.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use ree_claims::Extractor;

#[path = "check.rs"]
mod check;

fuzz_target!(|data: &[u8]| {
    static EX: OnceLock<Extractor> = OnceLock::new();
    let ex = EX.get_or_init(|| Extractor::new().expect("embedded lexicons"));
    if let Err(e) = check::extract(ex, data) {
        panic!("{e}\ninput: {:?}", String::from_utf8_lossy(data));
    }
});
