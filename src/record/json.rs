//! The JSON writer behind [`ArticleRecord::to_json`]: the bytes
//! `serde_json::to_string` gives for the same record, written without
//! serde's per-field machinery.
//!
//! A record runs to about six bytes of JSON per byte of article, most of it
//! keys and short strings; through serde every key and string was escaped
//! byte by byte behind a call, which made serialising cost as much as
//! matching. Here keys are literals and a string is copied whole unless it
//! holds a byte that JSON escapes, in which case it is escaped as serde_json
//! escapes it. Numbers are written by `itoa` (integers) and by serde_json
//! itself (floats, so that they round-trip exactly as before).
//!
//! Each writer lists the fields of its struct in declaration order, with the
//! same `skip_serializing_if` rules as the serde derive. The tests below and
//! `tests/robust_properties.rs` compare the two writers byte for byte.

use std::borrow::Cow;

use super::*;

/// A value that writes itself as JSON.
trait WriteJson {
    fn write_json(&self, out: &mut String);
}

/// Writes `record` as one line of JSON (no newline) at the end of `out`.
pub(super) fn write_record(record: &ArticleRecord<'_>, out: &mut String) {
    // The trait's method, not `ArticleRecord::write_json` (which calls this).
    WriteJson::write_json(record, out);
}

/// A field name as written before its value: `"name":`.
macro_rules! key {
    ($name:literal) => {
        concat!("\"", $name, "\":")
    };
}

/// An object being written: its fields, comma-separated.
struct Object<'o> {
    out: &'o mut String,
    first: bool,
}

impl<'o> Object<'o> {
    #[inline(always)]
    fn start(out: &'o mut String) -> Object<'o> {
        out.push('{');
        Object { out, first: true }
    }

    /// One field; `key` is its name quoted and followed by the colon
    /// ([`key!`]). Names are the struct's field names: plain ASCII that JSON
    /// never escapes.
    #[inline(always)]
    fn field<T: WriteJson + ?Sized>(&mut self, key: &str, value: &T) -> &mut Self {
        self.raw(key, |out| value.write_json(out))
    }

    /// A field whose value `write` writes.
    #[inline(always)]
    fn raw(&mut self, key: &str, write: impl FnOnce(&mut String)) -> &mut Self {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        self.out.push_str(key);
        write(self.out);
        self
    }

    /// A field that serde skips when it is `None`.
    #[inline(always)]
    fn some<T: WriteJson>(&mut self, key: &str, value: &Option<T>) -> &mut Self {
        match value {
            Some(v) => self.field(key, v),
            None => self,
        }
    }

    #[inline(always)]
    fn end(&mut self) {
        self.out.push('}');
    }
}

/// True when `bytes` holds a byte that JSON escapes: `"`, `\\` or a control
/// character. The bytes are tested in 16-byte blocks without branching,
/// which the compiler turns into vector compares, and a tail as the last 16
/// bytes of the string. A string shorter than a block (most field values:
/// ids, names, units) is tested as two overlapping eight-byte words, or
/// byte by byte below eight bytes.
#[inline]
fn needs_escape(bytes: &[u8]) -> bool {
    #[inline(always)]
    fn special(block: &[u8; 16]) -> bool {
        let mut any = 0u8;
        for &b in block {
            any |= u8::from(b < 0x20 || b == b'"' || b == b'\\');
        }
        any != 0
    }
    /// Any byte of `w` below 0x20, `"` or `\\` (each test is exact as a
    /// test for any byte).
    #[inline(always)]
    fn special_word(w: u64) -> bool {
        use crate::swar::{below, eq_byte};
        (below(w, 0x20) | eq_byte(w, b'"') | eq_byte(w, b'\\')) != 0
    }
    if bytes.len() < 16 {
        return match (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
            (Some(first), Some(last)) => {
                special_word(u64::from_le_bytes(*first)) || special_word(u64::from_le_bytes(*last))
            }
            _ => bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\'),
        };
    }
    let mut blocks = bytes.chunks_exact(16);
    if blocks
        .by_ref()
        .any(|b| b.try_into().is_ok_and(|b: &[u8; 16]| special(b)))
    {
        return true;
    }
    match bytes.last_chunk::<16>() {
        Some(last) if !blocks.remainder().is_empty() => special(last),
        _ => false,
    }
}

/// A string's contents escaped as serde_json escapes them: `\"`, `\\`, the
/// short forms `\b \t \n \f \r`, and `\u00XX` (lowercase hex) for the other
/// control characters; everything else, non-ASCII included, as it is.
fn escape_into(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut start = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            b'\t' => b't',
            b'\n' => b'n',
            0x0C => b'f',
            b'\r' => b'r',
            0x00..=0x1F => b'u',
            _ => continue,
        };
        // Escaped bytes are ASCII: `start` and `i` are char boundaries.
        out.push_str(&s[start..i]);
        out.push('\\');
        out.push(short as char);
        if short == b'u' {
            out.push_str("00");
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 0xF) as usize] as char);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

impl WriteJson for str {
    #[inline]
    fn write_json(&self, out: &mut String) {
        out.reserve(self.len() + 2);
        out.push('"');
        if needs_escape(self.as_bytes()) {
            escape_into(self, out);
        } else {
            out.push_str(self);
        }
        out.push('"');
    }
}

impl WriteJson for Cow<'_, str> {
    #[inline]
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl WriteJson for usize {
    #[inline]
    fn write_json(&self, out: &mut String) {
        out.push_str(itoa::Buffer::new().format(*self));
    }
}

impl WriteJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

/// Appends what serde_json's formatter writes to a `String`.
struct StringWriter<'s>(&'s mut String);

impl std::io::Write for StringWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let s = std::str::from_utf8(buf)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        self.0.push_str(s);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl WriteJson for f64 {
    /// serde_json's own float formatting (its `CompactFormatter`, written in
    /// place: no `String` per number), and `null` for NaN and infinity as
    /// serde_json writes them.
    fn write_json(&self, out: &mut String) {
        use serde_json::ser::Formatter;
        if !self.is_finite() {
            out.push_str("null");
            return;
        }
        let before = out.len();
        let mut w = StringWriter(out);
        if serde_json::ser::CompactFormatter
            .write_f64(&mut w, *self)
            .is_err()
        {
            // Cannot fail (the formatter writes ASCII); keep the JSON valid.
            out.truncate(before);
            out.push_str("null");
        }
    }
}

impl<T: WriteJson> WriteJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(v) => v.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        write_array(out, self.len(), |i, out| self[i].write_json(out));
    }
}

/// A JSON array of `n` items, the `i`-th written by `item(i, out)`.
#[inline(always)]
fn write_array(out: &mut String, n: usize, mut item: impl FnMut(usize, &mut String)) {
    out.push('[');
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        item(i, out);
    }
    out.push(']');
}

impl WriteJson for ReplacedRecord {
    /// Rare (lossy reading only): through serde.
    fn write_json(&self, out: &mut String) {
        match serde_json::to_string(self) {
            Ok(s) => out.push_str(&s),
            Err(_) => out.push_str("null"),
        }
    }
}

impl WriteJson for SpanRecord {
    #[inline]
    fn write_json(&self, out: &mut String) {
        Object::start(out)
            .field(key!("start"), &self.start)
            .field(key!("end"), &self.end)
            .end();
    }
}

/// [`write_record`] with `claims` claims, each made by `fill` into one
/// reused record just before it is written, in place of `record.claims`.
pub(super) fn write_record_with_claims<'a>(
    record: &ArticleRecord<'a>,
    out: &mut String,
    claims: usize,
    mut fill: impl FnMut(usize, &mut ClaimRecord<'a>),
) {
    write_article(record, out, |out| {
        let mut claim = ClaimRecord::default();
        write_array(out, claims, |i, out| {
            fill(i, &mut claim);
            claim.write_json(out);
        });
    });
}

/// An article record with its claims written by `claims`.
fn write_article(record: &ArticleRecord<'_>, out: &mut String, claims: impl FnOnce(&mut String)) {
    let r = record;
    let mut o = Object::start(out);
    o.field(key!("schema"), &r.schema)
        .field(key!("id"), &r.id)
        .field(key!("lang"), &r.lang)
        .some(key!("title"), &r.title)
        .some(key!("date"), &r.date)
        .some(key!("source"), &r.source);
    if r.lossy {
        o.field(key!("lossy"), &true);
    }
    o.some(key!("replaced"), &r.replaced)
        .field(key!("bytes"), &r.bytes)
        .field(key!("sentences"), &r.sentences)
        .raw(key!("claims"), claims)
        .field(key!("figures"), &r.figures)
        .field(key!("times"), &r.times)
        .field(key!("entities"), &r.entities)
        .field(key!("currency"), &r.currency)
        .field(key!("explicit_nondisclosure"), &r.explicit_nondisclosure)
        .field(key!("nondisclosure_sentences"), &r.nondisclosure_sentences)
        .end();
}

impl WriteJson for ArticleRecord<'_> {
    fn write_json(&self, out: &mut String) {
        write_article(self, out, |out| self.claims.write_json(out));
    }
}

impl WriteJson for SentenceRecord<'_> {
    fn write_json(&self, out: &mut String) {
        Object::start(out)
            .field(key!("start"), &self.start)
            .field(key!("end"), &self.end)
            .field(key!("kind"), &self.kind)
            .field(key!("lang"), &self.lang)
            .end();
    }
}

impl WriteJson for ClaimRecord<'_> {
    fn write_json(&self, out: &mut String) {
        Object::start(out)
            .field(key!("kind"), &self.kind)
            .field(key!("span"), &self.span)
            .field(key!("sentence"), &self.sentence)
            .field(key!("text"), &self.text)
            .field(key!("modality"), &self.modality)
            .field(key!("negated"), &self.negated)
            .field(key!("actor"), &self.actor)
            .field(key!("speaker"), &self.speaker)
            .field(key!("concepts"), &self.concepts)
            .field(key!("figures"), &self.figures)
            .field(key!("disclosure"), &self.disclosure)
            .some(key!("deadline"), &self.deadline)
            .field(key!("evidence"), &self.evidence)
            .end();
    }
}

impl WriteJson for ActorRecord<'_> {
    fn write_json(&self, out: &mut String) {
        Object::start(out)
            .some(key!("id"), &self.id)
            .field(key!("label"), &self.label)
            .field(key!("aliases"), &self.aliases)
            .some(key!("span"), &self.span)
            .field(key!("resolved_by"), &self.resolved_by)
            .end();
    }
}

impl WriteJson for SpeakerRecord<'_> {
    fn write_json(&self, out: &mut String) {
        Object::start(out)
            .some(key!("name"), &self.name)
            .some(key!("role"), &self.role)
            .some(key!("role_id"), &self.role_id)
            .field(key!("span"), &self.span)
            .end();
    }
}

impl WriteJson for EvidenceRecord<'_> {
    fn write_json(&self, out: &mut String) {
        Object::start(out)
            .field(key!("rule"), &self.rule)
            .some(key!("entry"), &self.entry)
            .some(key!("cue"), &self.cue)
            .some(key!("text"), &self.text)
            .end();
    }
}

impl WriteJson for FigureRecord<'_> {
    fn write_json(&self, out: &mut String) {
        Object::start(out)
            .field(key!("text"), &self.text)
            .field(key!("value"), &self.value)
            .some(key!("upper"), &self.upper)
            .field(key!("unit"), &self.unit)
            .field(key!("kind"), &self.kind)
            .field(key!("precision"), &self.precision)
            .some(key!("currency_source"), &self.currency_source)
            .field(key!("span"), &self.span)
            .field(key!("sentence"), &self.sentence)
            .end();
    }
}

impl WriteJson for TimeRecord<'_> {
    fn write_json(&self, out: &mut String) {
        Object::start(out)
            .field(key!("text"), &self.text)
            .field(key!("kind"), &self.kind)
            .field(key!("deadline"), &self.deadline)
            .field(key!("span"), &self.span)
            .end();
    }
}

impl WriteJson for EntityRecord<'_> {
    fn write_json(&self, out: &mut String) {
        Object::start(out)
            .field(key!("id"), &self.id)
            .field(key!("type"), &self.ty)
            .field(key!("label"), &self.label)
            .some(key!("zh"), &self.zh)
            .field(key!("aliases"), &self.aliases)
            .field(key!("mentions"), &self.mentions)
            .end();
    }
}

impl WriteJson for CurrencyRecord<'_> {
    fn write_json(&self, out: &mut String) {
        Object::start(out)
            .field(key!("dollar"), &self.dollar)
            .field(key!("source"), &self.source)
            .field(key!("reason"), &self.reason)
            .end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(rec: &ArticleRecord<'_>) -> String {
        let mut out = String::new();
        write_record(rec, &mut out);
        out
    }

    /// Every ASCII byte, quotes and backslashes, non-ASCII and a 16-byte
    /// block boundary on either side of a control character.
    fn nasty() -> String {
        let mut s: String = (0u8..0x80).map(char::from).collect();
        s.push_str("包钢\u{2028}\u{FFFD}é\"\\");
        s.push_str("abcdefghijklmno\u{1}pqrstuvwxyzabcde\u{1f}");
        s
    }

    fn span(start: usize, end: usize) -> SpanRecord {
        SpanRecord { start, end }
    }

    /// A record with every optional field set (`full`) or unset, and `text`
    /// in every string.
    fn record(text: &str, full: bool) -> ArticleRecord<'_> {
        let s = |x: &'static str| -> Cow<'_, str> {
            if full {
                Cow::Borrowed(text)
            } else {
                Cow::Borrowed(x)
            }
        };
        let opt = |x: &'static str| full.then(|| s(x));
        ArticleRecord {
            schema: SCHEMA.into(),
            id: s("id"),
            lang: "en".into(),
            title: opt("t"),
            date: opt("d"),
            source: opt("s"),
            lossy: full,
            replaced: full.then(|| ReplacedRecord {
                count: 2,
                at: vec![ReplacementRecord {
                    start: 3,
                    file_offset: 7,
                    file_len: 1,
                }],
            }),
            bytes: usize::MAX,
            sentences: vec![SentenceRecord {
                start: 0,
                end: 10,
                kind: s("sentence"),
                lang: "zh".into(),
            }],
            claims: vec![
                ClaimRecord {
                    kind: s("plan"),
                    span: span(0, 10),
                    sentence: 0,
                    text: s("x"),
                    modality: "firm".into(),
                    negated: full,
                    actor: full.then(|| ActorRecord {
                        id: opt("org.x"),
                        label: s("X"),
                        aliases: vec![s("a"), s("b")],
                        span: full.then(|| span(1, 2)),
                        resolved_by: "subject".into(),
                    }),
                    speaker: Some(SpeakerRecord {
                        name: opt("n"),
                        role: opt("r"),
                        role_id: opt("role.x"),
                        span: span(4, 5),
                    }),
                    concepts: vec![s("c")],
                    figures: vec![0, 1],
                    disclosure: opt("disclosed"),
                    deadline: full.then_some(0),
                    evidence: vec![EvidenceRecord {
                        rule: s("plan/en/cue"),
                        entry: opt("cue.x"),
                        cue: full.then(|| span(0, 1)),
                        text: opt("e"),
                    }],
                },
                ClaimRecord {
                    kind: "fact".into(),
                    span: span(0, 0),
                    sentence: 0,
                    text: "".into(),
                    modality: "hedged".into(),
                    negated: false,
                    actor: None,
                    speaker: None,
                    concepts: vec![],
                    figures: vec![],
                    disclosure: None,
                    deadline: None,
                    evidence: vec![],
                },
            ],
            figures: [0.1, -0.0, 1e300, 5e-324, 35000.0, f64::NAN, f64::INFINITY]
                .into_iter()
                .map(|value| FigureRecord {
                    text: s("3.5万吨"),
                    value,
                    upper: full.then_some(value * 2.0),
                    unit: s("t"),
                    kind: "quantity".into(),
                    precision: "range_low".into(),
                    currency_source: opt("explicit"),
                    span: span(2, 9),
                    sentence: full.then_some(0),
                })
                .collect(),
            times: vec![TimeRecord {
                text: s("2027"),
                kind: "year".into(),
                deadline: full,
                span: span(1, 5),
            }],
            entities: vec![EntityRecord {
                id: s("org.baogang"),
                ty: "org".into(),
                label: s("Baogang"),
                zh: opt("包钢"),
                aliases: vec![s("a")],
                mentions: vec![span(0, 1), span(5, 6)],
            }],
            currency: CurrencyRecord {
                dollar: "USD".into(),
                source: "default".into(),
                reason: opt("why"),
            },
            explicit_nondisclosure: full,
            nondisclosure_sentences: vec![0, 3],
        }
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let text = nasty();
        for full in [false, true] {
            let rec = record(&text, full);
            assert_eq!(
                ours(&rec),
                serde_json::to_string(&rec).expect("serialises"),
                "full = {full}"
            );
        }
    }

    #[test]
    fn strings_escape_as_serde_json_escapes_them() {
        let mut cases: Vec<String> = (0u8..0x80)
            .map(|b| format!("{}{}", "a".repeat(b as usize % 20), char::from(b)))
            .collect();
        cases.extend(["", "plain", "包钢集团", "\"", "\\\\", "\u{7f}\u{80}"].map(String::from));
        cases.push(nasty());
        for s in cases {
            let mut out = String::new();
            s.as_str().write_json(&mut out);
            assert_eq!(out, serde_json::to_string(&s).expect("serialises"), "{s:?}");
        }
    }

    #[test]
    fn escape_check_sees_every_position() {
        // Backgrounds next to the special bytes (and UTF-8 bytes), every
        // length through the short and the block paths.
        for fill in [b'a', 0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xE5, 0xFF] {
            for len in 0..40 {
                for at in 0..len {
                    for special in [b'"', b'\\', 0x00, 0x1F] {
                        let mut v = vec![fill; len];
                        v[at] = special;
                        assert!(needs_escape(&v), "len {len} at {at} byte {special:#x}");
                    }
                }
                assert!(!needs_escape(&vec![fill; len]), "len {len} of {fill:#x}");
            }
        }
        assert!(!needs_escape("包钢\u{7f} ~".as_bytes()));
    }

    #[test]
    fn floats_are_written_as_serde_json_writes_them() {
        let values = [
            0.0,
            -0.0,
            1.0,
            0.1,
            35_000.0,
            2.4e9,
            227_000.0,
            0.97,
            2.0 / 3.0,
            1e21,
            1e-7,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for v in values {
            let mut out = String::from("x");
            v.write_json(&mut out);
            assert_eq!(
                out[1..],
                serde_json::to_string(&v).expect("serialises"),
                "{v}"
            );
        }
    }
}
