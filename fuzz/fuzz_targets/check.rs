//! Invariants checked on every fuzz input, shared by the fuzz targets and by
//! `tests/robust_regressions.rs`, which replays the inputs the fuzzers kept
//! (`tests/data/bad_input/regressions/`). Each check returns what is wrong.

#![allow(dead_code)]

use std::path::Path;

use ree_claims::input::{read_paths, ReadOptions, Utf8Policy};
use ree_claims::lexicon::{self, Entry};
use ree_claims::record::{ArticleRecord, SpanRecord};
use ree_claims::Extractor;

fn span(text: &str, s: SpanRecord, what: &str) -> Result<(), String> {
    if s.start > s.end || s.end > text.len() {
        return Err(format!(
            "{what} {s:?} outside the text ({} bytes)",
            text.len()
        ));
    }
    if !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) {
        return Err(format!("{what} {s:?} not on char boundaries"));
    }
    Ok(())
}

fn inside(outer: SpanRecord, inner: SpanRecord) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Every span on char boundaries inside `text`; sentences in order and apart;
/// claims on their sentence with figures inside it; figure and claim texts
/// equal to their spans; the record survives a serde round trip.
pub fn record(text: &str, rec: &ArticleRecord) -> Result<(), String> {
    if rec.bytes != text.len() {
        return Err(format!("bytes {} for a text of {}", rec.bytes, text.len()));
    }
    for s in &rec.sentences {
        span(
            text,
            SpanRecord {
                start: s.start,
                end: s.end,
            },
            "sentence",
        )?;
    }
    for w in rec.sentences.windows(2) {
        if w[0].end > w[1].start {
            return Err(format!("sentences {w:?} overlap or are out of order"));
        }
    }
    for c in &rec.claims {
        span(text, c.span, "claim")?;
        let sent = rec.sentences.get(c.sentence).ok_or_else(|| {
            format!(
                "claim on sentence {} of {}",
                c.sentence,
                rec.sentences.len()
            )
        })?;
        let s = SpanRecord {
            start: sent.start,
            end: sent.end,
        };
        if c.span != s {
            return Err(format!(
                "claim span {:?} is not its sentence's {s:?}",
                c.span
            ));
        }
        if text[s.start..s.end] != c.text {
            return Err(format!("claim text {:?} is not its span's", c.text));
        }
        for e in &c.evidence {
            if let Some(cue) = e.cue {
                span(text, cue, &format!("evidence {} cue", e.rule))?;
                if e.text.as_deref() != Some(&text[cue.start..cue.end]) {
                    return Err(format!(
                        "evidence {} text {:?} is not its cue's",
                        e.rule, e.text
                    ));
                }
            }
        }
        for &f in &c.figures {
            let fig = rec
                .figures
                .get(f)
                .ok_or_else(|| format!("claim figure {f} missing"))?;
            if !inside(s, fig.span) {
                return Err(format!("figure {:?} outside its claim {s:?}", fig.span));
            }
        }
        if let Some(a) = &c.actor {
            if let Some(x) = a.span {
                span(text, x, "actor")?;
            }
        }
        if let Some(sp) = &c.speaker {
            span(text, sp.span, "speaker")?;
            if !inside(s, sp.span) {
                return Err(format!("speaker {:?} outside its claim {s:?}", sp.span));
            }
        }
    }
    for f in &rec.figures {
        span(text, f.span, "figure")?;
        if text[f.span.start..f.span.end] != f.text {
            return Err(format!("figure text {:?} is not its span's", f.text));
        }
    }
    for t in &rec.times {
        span(text, t.span, "time")?;
    }
    for e in &rec.entities {
        for m in &e.mentions {
            span(text, *m, "mention")?;
        }
    }
    let json = serde_json::to_string(rec).map_err(|e| format!("cannot serialise: {e}"))?;
    if rec.to_json() != json {
        return Err("to_json differs from serde_json".into());
    }
    let back: ArticleRecord =
        serde_json::from_str(&json).map_err(|e| format!("cannot read back: {e}"))?;
    // NaN never equals itself: compare the JSON.
    let again = serde_json::to_string(&back).map_err(|e| format!("cannot serialise: {e}"))?;
    if again != json {
        return Err("the record changes through serde".into());
    }
    Ok(())
}

/// Extracts `bytes` read lossily (and, when they are UTF-8, as they are) and
/// checks the records.
pub fn extract(ex: &Extractor, bytes: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(bytes);
    record(&text, &ex.extract("fuzz", &text))
}

/// Parses `text` as a lexicon file named `name`, alone and after the
/// embedded lexicons: every error names `name` (or an embedded file for a
/// clash) and a line of the file; a lexicon that parses builds an extractor
/// that runs.
pub fn lexicon(name: &str, text: &str, embedded: &[Entry]) -> Result<(), String> {
    let lines = text.lines().count();
    let place = |e: &lexicon::LexiconError| -> Result<(), String> {
        let msg = e.to_string();
        if e.source.file == name {
            if e.source.line == 0 || e.source.line > lines {
                return Err(format!(
                    "error on line {} of a {lines}-line file: {msg}",
                    e.source.line
                ));
            }
        } else if !e.source.file.starts_with("lexicons/") {
            return Err(format!(
                "error names neither the file nor an embedded one: {msg}"
            ));
        }
        if !msg.starts_with(&format!("{}:{}: ", e.source.file, e.source.line)) {
            return Err(format!("error does not start with file:line: {msg}"));
        }
        Ok(())
    };
    let entries = match lexicon::parse(name, text) {
        Ok(entries) => entries,
        Err(errors) => {
            if errors.0.is_empty() {
                return Err("an error list with no error".into());
            }
            for e in &errors.0 {
                place(e)?;
            }
            return Ok(());
        }
    };
    let mut all = embedded.to_vec();
    all.extend(entries.iter().cloned());
    if let Err(errors) = lexicon::check_unique(&all) {
        for e in &errors.0 {
            place(e)?;
        }
    }
    match Extractor::builder()
        .defaults(false)
        .lexicon_text(name, text)
        .build()
    {
        Ok(ex) => {
            for sample in [
                text,
                "Baogang Group plans to build a plant by 2027.",
                "包钢集团计划到2027年将产能提高到50万吨。",
            ] {
                record(sample, &ex.extract("lexicon", sample))?;
            }
        }
        Err(errors) => {
            for e in &errors.0 {
                place(e)?;
            }
        }
    }
    Ok(())
}

/// Reads `bytes` as a text file and as a JSON Lines file, strictly and
/// lossily, from `dir`, and checks what comes out against the bytes.
pub fn input(dir: &Path, bytes: &[u8]) -> Result<(), String> {
    let txt = dir.join("fuzz.txt");
    let jsonl = dir.join("fuzz.jsonl");
    std::fs::write(&txt, bytes).map_err(|e| e.to_string())?;
    std::fs::write(&jsonl, bytes).map_err(|e| e.to_string())?;
    let blank_lines = |s: &[u8]| {
        s.split(|&b| b == b'\n')
            .filter(|l| !l.trim_ascii().is_empty())
            .count()
    };
    for utf8 in [Utf8Policy::Strict, Utf8Policy::Lossy] {
        let options = ReadOptions { utf8 };
        // A text file: one article or one error.
        let mut items = read_paths(std::slice::from_ref(&txt), options);
        let first = items.next_decoded().ok_or("a text file gave nothing")?;
        if items.next_decoded().is_some() {
            return Err("a text file gave two items".into());
        }
        let lossy_text = String::from_utf8_lossy(bytes);
        match (first, std::str::from_utf8(bytes)) {
            (Ok(d), Ok(s)) => {
                if d.article.text != s || d.lossy.is_some() || s.trim().is_empty() {
                    return Err("valid text read wrong".into());
                }
            }
            (Ok(d), Err(_)) => {
                if utf8 == Utf8Policy::Strict {
                    return Err("invalid UTF-8 read strictly without an error".into());
                }
                if d.article.text != lossy_text {
                    return Err("lossy text differs from from_utf8_lossy".into());
                }
                let lossy = d.lossy.ok_or("lossy article without replacements")?;
                let count = bytes
                    .utf8_chunks()
                    .filter(|c| !c.invalid().is_empty())
                    .count();
                if lossy.count != count || lossy.replaced.len() != count.min(100) {
                    return Err(format!("{} replacements listed, {count} made", lossy.count));
                }
                for r in &lossy.replaced {
                    replacement_ok(&d.article.text, bytes, r.text_offset, r.file_offset, r.len)?;
                }
            }
            (Err(e), Ok(s)) => {
                if !s.trim().is_empty() {
                    return Err(format!("valid text is an error: {e}"));
                }
            }
            (Err(e), Err(u)) => {
                if utf8 == Utf8Policy::Strict && e.offset != Some(u.valid_up_to() as u64) {
                    return Err(format!(
                        "error at {:?}, first invalid byte {}",
                        e.offset,
                        u.valid_up_to()
                    ));
                }
                if utf8 == Utf8Policy::Lossy && !lossy_text.trim().is_empty() {
                    return Err(format!("lossy text is an error: {e}"));
                }
            }
        }
        // JSON Lines: one item per non-blank line, or one error for none.
        let mut n = 0;
        let mut last_line = 0;
        let mut items = read_paths(std::slice::from_ref(&jsonl), options);
        while let Some(item) = items.next_decoded() {
            n += 1;
            match item {
                Ok(d) => {
                    let line = d.article.line.ok_or("a JSON record without a line")?;
                    if line <= last_line {
                        return Err("JSON records out of order".into());
                    }
                    last_line = line;
                    if let Some(lossy) = &d.lossy {
                        if utf8 == Utf8Policy::Strict {
                            return Err("lossy JSON record in strict mode".into());
                        }
                        for r in &lossy.replaced {
                            replacement_ok(
                                &d.article.text,
                                bytes,
                                r.text_offset,
                                r.file_offset,
                                r.len,
                            )?;
                        }
                    }
                }
                Err(e) => {
                    if e.offset.is_some_and(|o| o > bytes.len() as u64) {
                        return Err(format!("error past the end: {e}"));
                    }
                }
            }
        }
        let want = blank_lines(bytes).max(1);
        if n != want {
            return Err(format!(
                "{n} items from a JSON Lines file of {want} records"
            ));
        }
    }
    Ok(())
}

fn replacement_ok(
    text: &str,
    bytes: &[u8],
    at: usize,
    file_offset: u64,
    len: usize,
) -> Result<(), String> {
    if text.get(at..at + 3) != Some("\u{FFFD}") {
        return Err(format!("replacement at {at} is no U+FFFD"));
    }
    let from = file_offset as usize;
    let bad = bytes
        .get(from..from + len)
        .ok_or("replacement past the end of the file")?;
    if len == 0 || len > 3 || std::str::from_utf8(bad).is_ok() {
        return Err(format!(
            "replacement at file byte {from} ({len} bytes) is not invalid UTF-8"
        ));
    }
    Ok(())
}
