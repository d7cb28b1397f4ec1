//! Arbitrary bytes as a text file and as a JSON Lines file, read strictly
//! and lossily: one item per article, errors in place, replacements where
//! the invalid bytes are (`check::input`).
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

#[path = "check.rs"]
mod check;

fuzz_target!(|data: &[u8]| {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("ree-fuzz-input-{}", std::process::id()));
        std::fs::create_dir_all(&d).expect("temp dir");
        d
    });
    if let Err(e) = check::input(dir, data) {
        panic!("{e}\ninput: {:?}", String::from_utf8_lossy(data));
    }
});
