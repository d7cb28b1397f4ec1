//! Reading articles: `.txt` files (one article each, id = file stem), folders
//! (every `.txt` below, in path order), JSON Lines files of `{"id", "text"}`
//! objects, and standard input (`-`, JSON Lines or one plain article).
//!
//! Reading streams: one article is in memory at a time. Every input yields an
//! [`Article`] or an [`InputError`] naming the file, line and byte offset, and
//! the iteration goes on after an error: a broken JSON line is reported and
//! the lines after it are read.
//!
//! # What is an error
//!
//! | input | error |
//! | --- | --- |
//! | a file or folder that cannot be read | `cannot read: ...`, `cannot read folder: ...` |
//! | a folder with no `.txt` file below it | `no .txt file in the folder` |
//! | invalid UTF-8 ([`Utf8Policy::Strict`]) | `invalid UTF-8 at byte N (line L, column C): 0xE9 ...`, at the first bad byte |
//! | an empty or blank article | `empty file`, `no text: only whitespace`, `"text" is empty` |
//! | a JSON line that does not parse | `not JSON at column C: ...` |
//! | a JSON value that is not an object | `not a JSON object: found an array` |
//! | a record without a string `id` or `text` | `missing "id"`, `"id" must be a string, found a number (17)`, `"text" must be a string, found null` |
//! | a `.jsonl` file with no record | `no JSON record in the file` |
//! | an article of 4 GiB or more | `article too large: ...` (offsets are 32-bit) |
//!
//! With [`Utf8Policy::Lossy`], invalid UTF-8 is no error: every invalid
//! sequence becomes U+FFFD, [`Article::lossy`] is set, and
//! [`Articles::next_decoded`] tells where each replacement is, in the text
//! and in the file.
//!
//! ```
//! use ree_claims::input::{read_paths, ReadOptions};
//!
//! let dir = std::env::temp_dir().join(format!("ree-input-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let file = dir.join("corpus.jsonl");
//! std::fs::write(&file, "{\"id\": \"a\", \"text\": \"Title\\nBody.\"}\n{\"id\": \"b\", \"text\": \n{\"id\": \"c\", \"text\": \"More.\"}\n").unwrap();
//! let items: Vec<_> = read_paths(&[file], ReadOptions::default()).collect();
//! assert_eq!(items.len(), 3);
//! assert_eq!(items[0].as_ref().unwrap().id, "a");
//! let err = items[1].as_ref().unwrap_err();
//! assert_eq!(err.line, Some(2));
//! assert!(err.reason.starts_with("not JSON"), "{err}");
//! assert_eq!(items[2].as_ref().unwrap().id, "c");
//! std::fs::remove_dir_all(&dir).unwrap();
//! ```

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// One article to extract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// Article id.
    pub id: String,
    /// Full text (first line the title, by convention).
    pub text: String,
    /// Where it came from.
    pub file: String,
    /// 1-based line in a JSON Lines file.
    pub line: Option<usize>,
    /// Optional metadata carried by JSON Lines records.
    pub title: Option<String>,
    /// Optional date (`YYYY-MM-DD` or as given).
    pub date: Option<String>,
    /// Optional source or publisher.
    pub source: Option<String>,
    /// True when invalid UTF-8 was replaced (lossy mode).
    pub lossy: bool,
}

/// An input that could not be read as an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// Article id, when known.
    pub id: Option<String>,
    /// File (`-` for standard input).
    pub file: String,
    /// 1-based line: of the record in a JSON Lines file, of the first
    /// invalid byte in a text file.
    pub line: Option<usize>,
    /// Byte offset in the file of the fault when it has a place (an invalid
    /// byte, a JSON syntax error), else of the start of the record's line.
    pub offset: Option<u64>,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        if let Some(id) = &self.id {
            write!(f, " ({id})")?;
        }
        if let Some(o) = self.offset {
            write!(f, " at byte {o}")?;
        }
        write!(f, ": {}", self.reason)
    }
}

impl std::error::Error for InputError {}

impl InputError {
    /// The error as a record for JSON Lines output.
    pub fn to_record(&self) -> crate::record::ErrorRecord {
        crate::record::ErrorRecord {
            schema: crate::record::SCHEMA.to_string(),
            id: self.id.clone(),
            file: self.file.clone(),
            line: self.line,
            offset: self.offset,
            error: self.reason.clone(),
        }
    }
}

/// How to read text that is not valid UTF-8.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Utf8Policy {
    /// The article is an error naming the first invalid byte.
    #[default]
    Strict,
    /// Invalid sequences become U+FFFD and the article says so (`lossy`).
    Lossy,
}

/// Options for reading inputs.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReadOptions {
    /// What to do with invalid UTF-8.
    pub utf8: Utf8Policy,
}

/// Largest article, in bytes: spans past 4 GiB could not be mapped back to
/// the original text (the normaliser's offset map is 32-bit).
pub const MAX_ARTICLE_BYTES: u64 = u32::MAX as u64;

/// How many replacements [`Lossy::replaced`] lists at most; [`Lossy::count`]
/// counts them all.
pub const MAX_REPLACEMENTS: usize = 100;

/// One invalid UTF-8 sequence that lossy reading replaced by U+FFFD.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Replacement {
    /// Byte offset of the U+FFFD in [`Article::text`] (it is 3 bytes long).
    pub text_offset: usize,
    /// Byte offset of the invalid sequence in the file (or standard input).
    pub file_offset: u64,
    /// Length of the invalid sequence: 1 to 3 bytes.
    pub len: usize,
}

/// What lossy reading replaced in one article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lossy {
    /// How many invalid sequences were replaced in the text.
    pub count: usize,
    /// The first [`MAX_REPLACEMENTS`] of them, in text order. Empty, with a
    /// non-zero count, only for a JSON line that itself holds the Unicode
    /// noncharacters U+FDD0..U+FDEF, which the reader uses to place them.
    pub replaced: Vec<Replacement>,
}

/// An article and, when lossy reading replaced invalid UTF-8 in it, where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The article (with [`Article::lossy`] set when `lossy` is some).
    pub article: Article,
    /// The replacements, for [`Utf8Policy::Lossy`] reading of invalid UTF-8.
    pub lossy: Option<Lossy>,
}

enum Source {
    Text(PathBuf),
    Lines(Lines),
}

/// Bytes read from a JSON Lines file at a time (and the least a block
/// holds room for).
const READ_BYTES: usize = 1 << 16;

/// Whole lines of a JSON Lines file, read together and shared by the
/// [`JsonLine`]s cut from them: one allocation per block, not per line,
/// and when lines go to other threads, one free there per block.
#[derive(Debug)]
struct Block {
    file: String,
    bytes: Vec<u8>,
}

/// A JSON Lines file being read.
struct Lines {
    reader: Box<dyn Read + Send>,
    /// The block lines are being cut from (its file name is the file's).
    block: std::sync::Arc<Block>,
    /// Where the next line of `block` starts.
    at: usize,
    /// The end of its whole lines; the bytes after it are the start of a
    /// line that the next block carries.
    whole: usize,
    /// The reader is at its end: `whole` is the end of the block.
    eof: bool,
    /// Lines handed out so far (blank ones too), for 1-based line numbers.
    line: usize,
    /// File offset of `block[at]`.
    offset: u64,
    /// Non-blank lines so far.
    records: usize,
}

impl Lines {
    fn new(file: String, reader: Box<dyn Read + Send>) -> Lines {
        Lines {
            block: std::sync::Arc::new(Block {
                file,
                bytes: Vec::new(),
            }),
            reader,
            at: 0,
            whole: 0,
            eof: false,
            line: 0,
            offset: 0,
            records: 0,
        }
    }

    /// Reads the next block: the part of a line the last one ended with,
    /// then what the reader gives until a line ends in it or the reader is
    /// at its end. False at the end. After an error the lines before it
    /// have all been handed out; the part line is dropped.
    fn refill(&mut self) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        let carried = &self.block.bytes[self.whole..];
        let mut bytes = vec![0; READ_BYTES.max(2 * carried.len())];
        bytes[..carried.len()].copy_from_slice(carried);
        let mut filled = carried.len();
        let whole = loop {
            if filled == bytes.len() {
                bytes.resize(2 * filled, 0);
            }
            match self.reader.read(&mut bytes[filled..]) {
                Ok(0) => {
                    self.eof = true;
                    break filled;
                }
                Ok(n) => {
                    let new = filled;
                    filled += n;
                    if let Some(i) = memchr::memrchr(b'\n', &bytes[new..filled]) {
                        break new + i + 1;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        };
        bytes.truncate(filled);
        self.block = std::sync::Arc::new(Block {
            file: self.block.file.clone(),
            bytes,
        });
        self.at = 0;
        self.whole = whole;
        Ok(whole > 0)
    }
}

/// Streams the articles of several paths, in order.
pub struct Articles {
    pending: VecDeque<PathBuf>,
    current: Option<Source>,
    queue: VecDeque<Result<Decoded, InputError>>,
    options: ReadOptions,
}

/// Streams the articles of `paths` (files, folders, `-`).
pub fn read_paths(paths: &[PathBuf], options: ReadOptions) -> Articles {
    Articles {
        pending: paths.iter().cloned().collect(),
        current: None,
        queue: VecDeque::new(),
        options,
    }
}

fn is_jsonl(p: &Path) -> bool {
    matches!(
        p.extension().and_then(|e| e.to_str()),
        Some("jsonl") | Some("ndjson") | Some("json")
    )
}

fn folder_error(dir: &Path, reason: String) -> InputError {
    InputError {
        id: None,
        file: dir.display().to_string(),
        line: None,
        offset: None,
        reason,
    }
}

/// Every `.txt` file below `dir`, in path order. Unreadable entries are
/// errors; a symbolic link to a folder already on the way down is skipped, so
/// link loops end.
fn walk(
    dir: &Path,
    seen: &mut HashSet<PathBuf>,
    out: &mut Vec<PathBuf>,
    errors: &mut Vec<InputError>,
) {
    if let Ok(real) = std::fs::canonicalize(dir) {
        if !seen.insert(real) {
            return;
        }
    }
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            errors.push(folder_error(dir, format!("cannot read folder: {e}")));
            return;
        }
    };
    let mut items = Vec::new();
    for entry in rd {
        match entry {
            Ok(e) => items.push(e.path()),
            Err(e) => errors.push(folder_error(dir, format!("cannot read folder entry: {e}"))),
        }
    }
    items.sort();
    for p in items {
        // Follows links: a link to a folder is walked (once), to a file read.
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk(&p, seen, out, errors),
            Ok(_) if p.extension().and_then(|e| e.to_str()) == Some("txt") => out.push(p),
            Ok(_) => {}
            Err(e) if p.extension().and_then(|e| e.to_str()) == Some("txt") => {
                errors.push(folder_error(&p, format!("cannot read: {e}")))
            }
            Err(_) => {}
        }
    }
}

/// The invalid sequence starting at `bytes[0]`, as `0xE9` or `0xE6 0x96`,
/// and how long it is.
fn describe_invalid(bytes: &[u8]) -> (String, usize) {
    let len = match std::str::from_utf8(bytes) {
        Err(e) if e.valid_up_to() == 0 => e.error_len().unwrap_or(bytes.len()),
        _ => 1,
    };
    let hex: Vec<String> = bytes[..len.min(bytes.len())]
        .iter()
        .map(|b| format!("0x{b:02X}"))
        .collect();
    let mut s = hex.join(" ");
    if std::str::from_utf8(bytes).is_err_and(|e| e.error_len().is_none()) {
        s.push_str(" (a character cut off at the end)");
    }
    (s, len)
}

/// 1-based line and column (in bytes) of byte `at` of `bytes`.
fn line_col(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = at
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
        + 1;
    (line, col)
}

/// The reason for invalid UTF-8 at `at` (a byte offset of `bytes`, whose
/// first byte is at `base` in the file): place, bytes, how many more.
fn invalid_reason(bytes: &[u8], at: usize, base: u64, line_base: usize) -> (usize, String) {
    let (line, col) = line_col(bytes, at);
    let line = line_base + line - 1;
    let (shown, _) = describe_invalid(&bytes[at..]);
    let count = bytes[at..]
        .utf8_chunks()
        .filter(|c| !c.invalid().is_empty())
        .count();
    let mut reason = format!(
        "invalid UTF-8 at byte {} (line {line}, column {col}): {shown}",
        base + at as u64
    );
    if count > 1 {
        reason.push_str(&format!(", the first of {count} invalid sequences"));
    }
    if at == 0 && matches!(bytes, [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..]) {
        reason.push_str("; the file starts with a UTF-16 byte-order mark: convert it to UTF-8");
    }
    (line, reason)
}

/// Decodes `bytes` lossily: every invalid sequence becomes U+FFFD (as
/// `String::from_utf8_lossy` does) and is recorded; `base` is the file offset
/// of `bytes[0]`.
fn decode_lossy(bytes: &[u8], base: u64) -> (String, Lossy) {
    let mut text = String::with_capacity(bytes.len());
    let mut lossy = Lossy::default();
    let mut at = 0usize;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        at += chunk.valid().len();
        let bad = chunk.invalid();
        if !bad.is_empty() {
            lossy.count += 1;
            if lossy.replaced.len() < MAX_REPLACEMENTS {
                lossy.replaced.push(Replacement {
                    text_offset: text.len(),
                    file_offset: base + at as u64,
                    len: bad.len(),
                });
            }
            text.push(char::REPLACEMENT_CHARACTER);
            at += bad.len();
        }
    }
    (text, lossy)
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn text_error(
    id: &str,
    file: &str,
    line: Option<usize>,
    offset: Option<u64>,
    reason: String,
) -> InputError {
    InputError {
        id: Some(id.to_string()),
        file: file.to_string(),
        line,
        offset,
        reason,
    }
}

/// One plain-text article from its bytes.
fn text_article(
    id: String,
    file: String,
    bytes: Vec<u8>,
    policy: Utf8Policy,
) -> Result<Decoded, InputError> {
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(too_large(&id, &file, None, bytes.len() as u64));
    }
    if bytes.is_empty() {
        return Err(text_error(&id, &file, None, None, "empty file".into()));
    }
    let (text, lossy) = match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            match policy {
                Utf8Policy::Strict => {
                    let (line, reason) = invalid_reason(e.as_bytes(), at, 0, 1);
                    return Err(text_error(&id, &file, Some(line), Some(at as u64), reason));
                }
                Utf8Policy::Lossy => {
                    let (text, lossy) = decode_lossy(e.as_bytes(), 0);
                    (text, Some(lossy))
                }
            }
        }
    };
    if text.trim().is_empty() {
        return Err(text_error(
            &id,
            &file,
            None,
            None,
            "no text: only whitespace".into(),
        ));
    }
    Ok(Decoded {
        article: Article {
            id,
            text,
            file,
            line: None,
            title: None,
            date: None,
            source: None,
            lossy: lossy.is_some(),
        },
        lossy,
    })
}

fn too_large(id: &str, file: &str, line: Option<usize>, len: u64) -> InputError {
    InputError {
        id: (!id.is_empty()).then(|| id.to_string()),
        file: file.to_string(),
        line,
        offset: None,
        reason: format!("article too large: {len} bytes; at most {MAX_ARTICLE_BYTES} are read"),
    }
}

impl Articles {
    fn open(&mut self, path: PathBuf) {
        let file = path.display().to_string();
        if path.as_os_str() == "-" {
            let mut stdin = BufReader::new(io::stdin());
            let starts_json = match stdin.fill_buf() {
                Ok(buf) => buf.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'),
                Err(_) => false,
            };
            if starts_json {
                self.current = Some(Source::Lines(Lines::new("-".into(), Box::new(stdin))));
            } else {
                let mut bytes = Vec::new();
                let item = match stdin.read_to_end(&mut bytes) {
                    Ok(_) => text_article("-".into(), "-".into(), bytes, self.options.utf8),
                    Err(e) => Err(text_error(
                        "-",
                        "-",
                        None,
                        None,
                        format!("cannot read: {e}"),
                    )),
                };
                self.queue.push_back(item);
            }
            return;
        }
        if path.is_dir() {
            let mut files = Vec::new();
            let mut errors = Vec::new();
            walk(&path, &mut HashSet::new(), &mut files, &mut errors);
            if files.is_empty() && errors.is_empty() {
                errors.push(folder_error(&path, "no .txt file in the folder".into()));
            }
            self.queue.extend(errors.into_iter().map(Err));
            for f in files.into_iter().rev() {
                self.pending.push_front(f);
            }
            return;
        }
        if is_jsonl(&path) {
            match File::open(&path) {
                Ok(f) => self.current = Some(Source::Lines(Lines::new(file, Box::new(f)))),
                Err(e) => self.queue.push_back(Err(InputError {
                    id: None,
                    file,
                    line: None,
                    offset: None,
                    reason: format!("cannot open: {e}"),
                })),
            }
            return;
        }
        self.current = Some(Source::Text(path));
    }

    fn read_text_file(&self, path: &Path) -> Result<Decoded, InputError> {
        let file = path.display().to_string();
        let id = stem(path);
        if let Ok(m) = std::fs::metadata(path) {
            if m.len() > MAX_ARTICLE_BYTES {
                return Err(too_large(&id, &file, None, m.len()));
            }
        }
        match std::fs::read(path) {
            Ok(bytes) => text_article(id, file, bytes, self.options.utf8),
            Err(e) => Err(text_error(
                &id,
                &file,
                None,
                None,
                format!("cannot read: {e}"),
            )),
        }
    }

    fn next_line(&mut self) -> Option<Result<JsonLine, InputError>> {
        let policy = self.options.utf8;
        let Some(Source::Lines(lines)) = self.current.as_mut() else {
            return None;
        };
        loop {
            if lines.at == lines.whole {
                match lines.refill() {
                    Ok(true) => {}
                    Ok(false) => {
                        let err = (lines.records == 0).then(|| InputError {
                            id: None,
                            file: lines.block.file.clone(),
                            line: None,
                            offset: None,
                            reason: "no JSON record in the file".into(),
                        });
                        self.current = None;
                        return err.map(Err);
                    }
                    Err(e) => {
                        let err = InputError {
                            id: None,
                            file: lines.block.file.clone(),
                            line: Some(lines.line + 1),
                            offset: Some(lines.offset),
                            reason: format!("cannot read: {e}; the rest of the file is skipped"),
                        };
                        self.current = None;
                        return Some(Err(err));
                    }
                }
            }
            let rest = &lines.block.bytes[lines.at..lines.whole];
            let n = memchr::memchr(b'\n', rest).map_or(rest.len(), |i| i + 1);
            let text = &rest[..n];
            let start = lines.at;
            lines.at += n;
            lines.line += 1;
            let at = lines.offset;
            lines.offset += n as u64;
            let lead = text.len() - text.trim_ascii_start().len();
            let len = text.trim_ascii().len();
            if len == 0 {
                continue;
            }
            lines.records += 1;
            return Some(Ok(JsonLine {
                block: std::sync::Arc::clone(&lines.block),
                start: start + lead,
                len,
                line: lines.line,
                offset: at,
                body: at + lead as u64,
                policy,
            }));
        }
    }
}

/// A line of a JSON Lines file, read but not parsed yet
/// ([`Articles::next_pending`]). Parsing is most of reading's work; a
/// reader thread that hands lines to workers leaves it to them.
#[derive(Clone, Debug)]
pub struct JsonLine {
    /// The block the line was read in, and where the line is in it
    /// (without its surrounding blanks).
    block: std::sync::Arc<Block>,
    start: usize,
    len: usize,
    line: usize,
    offset: u64,
    body: u64,
    policy: Utf8Policy,
}

impl JsonLine {
    /// Bytes of the line (without its surrounding blanks).
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the line is empty (never, for a line [`Articles`] gives).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The article of the line, or why there is none: what
    /// [`Articles::next_decoded`] gives for it.
    pub fn decode(&self) -> Result<Decoded, InputError> {
        let place = Place {
            file: &self.block.file,
            line: self.line,
            offset: self.offset,
            body: self.body,
        };
        let bytes = &self.block.bytes[self.start..self.start + self.len];
        parse_json_line(bytes, &place, self.policy)
    }
}

/// The next input of [`Articles::next_pending`]: an article (or error)
/// already read, or a JSON line to parse.
#[derive(Debug)]
pub enum Pending {
    /// A text file's article, or an error found while reading.
    Ready(Result<Decoded, InputError>),
    /// A JSON line, to be parsed with [`JsonLine::decode`].
    Line(JsonLine),
}

impl Pending {
    /// The article, or why there is none.
    pub fn decode(self) -> Result<Decoded, InputError> {
        match self {
            Pending::Ready(r) => r,
            Pending::Line(l) => l.decode(),
        }
    }

    /// Bytes of input it stands for: the article's text, or the JSON line
    /// (0 for an error). What batches of work are filled by.
    pub fn bytes(&self) -> usize {
        match self {
            Pending::Ready(Ok(d)) => d.article.text.len(),
            Pending::Ready(Err(_)) => 0,
            Pending::Line(l) => l.len(),
        }
    }
}

/// Where a JSON line is: its file, 1-based line, the offset of the line and
/// of its first non-blank byte.
struct Place<'a> {
    file: &'a str,
    line: usize,
    offset: u64,
    body: u64,
}

impl Place<'_> {
    fn err(&self, id: Option<String>, offset: u64, reason: String) -> InputError {
        InputError {
            id,
            file: self.file.to_string(),
            line: Some(self.line),
            offset: Some(offset),
            reason,
        }
    }
}

/// Lossy JSON lines: each invalid sequence becomes a mark that JSON parsing
/// keeps as it is, `MARK_OPEN`, its index in hex digits (`MARK_DIGITS` + d)
/// and `MARK_CLOSE`, so that after parsing every replacement in `text` is
/// found again, in place. The marks are Unicode noncharacters, which no text
/// should hold; a line that holds them (or escapes of them) is read without
/// positions.
const MARK_OPEN: char = '\u{FDD0}';
const MARK_CLOSE: char = '\u{FDD1}';
const MARK_DIGITS: u32 = 0xFDE0;

/// The line with invalid sequences marked, and their offsets and lengths in
/// the line; `None` when the line holds the marks itself.
fn mark_invalid(bytes: &[u8]) -> Option<(String, Vec<(usize, usize)>)> {
    let mut out = String::with_capacity(bytes.len() + 16);
    let mut bad = Vec::new();
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        if valid.contains(|c: char| ('\u{FDD0}'..='\u{FDEF}').contains(&c)) {
            return None;
        }
        out.push_str(valid);
        at += valid.len();
        let invalid = chunk.invalid();
        if !invalid.is_empty() {
            out.push(MARK_OPEN);
            for d in format!("{:x}", bad.len()).chars() {
                let d = d.to_digit(16).unwrap_or(0);
                out.push(char::from_u32(MARK_DIGITS + d).unwrap_or(MARK_CLOSE));
            }
            out.push(MARK_CLOSE);
            bad.push((at, invalid.len()));
            at += invalid.len();
        }
    }
    let lower = out.to_ascii_lowercase();
    if lower.contains("\\ufdd") || lower.contains("\\ufde") {
        return None;
    }
    Some((out, bad))
}

/// `s` with every mark turned into U+FFFD, and the offset in the result and
/// the index of each mark.
fn unmark(s: &str) -> (String, Vec<(usize, usize)>) {
    if !s.contains(MARK_OPEN) {
        return (s.to_string(), Vec::new());
    }
    let mut out = String::with_capacity(s.len());
    let mut found = Vec::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != MARK_OPEN {
            out.push(c);
            continue;
        }
        let mut index = 0usize;
        for d in chars.by_ref() {
            if d == MARK_CLOSE {
                break;
            }
            index = index * 16 + (d as u32).saturating_sub(MARK_DIGITS) as usize;
        }
        found.push((out.len(), index));
        out.push(char::REPLACEMENT_CHARACTER);
    }
    (out, found)
}

/// How a lossy JSON line was decoded.
enum Marks {
    /// Valid UTF-8: nothing replaced, nothing marked.
    Valid,
    /// Invalid sequences marked (see [`mark_invalid`]): their offset and
    /// length in the line, by mark index.
    Placed(Vec<(usize, usize)>),
    /// Invalid sequences replaced without marks: how many.
    Unplaced(usize),
}

/// Parses one JSON Lines record `{"id", "text", ...}` (the line without
/// surrounding blanks).
fn parse_json_line(
    bytes: &[u8],
    place: &Place<'_>,
    policy: Utf8Policy,
) -> Result<Decoded, InputError> {
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(too_large(
            "",
            place.file,
            Some(place.line),
            bytes.len() as u64,
        ));
    }
    let (line, marks): (std::borrow::Cow<'_, str>, Marks) = match std::str::from_utf8(bytes) {
        Ok(s) => (s.into(), Marks::Valid),
        Err(e) => match policy {
            Utf8Policy::Strict => {
                let at = e.valid_up_to();
                let (_, reason) = invalid_reason(bytes, at, place.body, place.line);
                // The id, when the line parses once decoded lossily.
                let id = serde_json::from_str::<serde_json::Value>(&String::from_utf8_lossy(bytes))
                    .ok()
                    .and_then(|v| v.get("id")?.as_str().map(str::to_string));
                return Err(place.err(id, place.body + at as u64, reason));
            }
            Utf8Policy::Lossy => match mark_invalid(bytes) {
                Some((s, bad)) => (s.into(), Marks::Placed(bad)),
                None => {
                    let (s, lossy) = decode_lossy(bytes, place.body);
                    (s.into(), Marks::Unplaced(lossy.count))
                }
            },
        },
    };
    if matches!(marks, Marks::Valid) {
        if let Some(decoded) = parse_plain_record(&line, place) {
            return Ok(decoded);
        }
    }
    parse_json_tree(&line, marks, bytes.len(), place)
}

/// The article of a JSON line (`line`, decoded from `len` bytes, with the
/// invalid bytes `marks` found) read as a tree of values, or the error:
/// the general path, for any line.
fn parse_json_tree(
    line: &str,
    marks: Marks,
    len: usize,
    place: &Place<'_>,
) -> Result<Decoded, InputError> {
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| {
        // serde_json counts columns in bytes (of the marked line, in lossy
        // mode: past a mark the column is approximate).
        let col = e.column().max(1);
        let msg = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let msg = msg.strip_suffix(&suffix).unwrap_or(&msg);
        let lead = (place.body - place.offset) as usize;
        place.err(
            None,
            place.body + (col - 1).min(len) as u64,
            format!("not JSON at column {}: {msg}", lead + col),
        )
    })?;
    let whole = place.body;
    let obj = value.as_object().ok_or_else(|| {
        place.err(
            None,
            whole,
            format!("not a JSON object: found {}", json_type(&value)),
        )
    })?;
    let placed = matches!(marks, Marks::Placed(_));
    let plain = |v: &str| -> (String, Vec<(usize, usize)>) {
        match placed {
            true => unmark(v),
            false => (v.to_string(), Vec::new()),
        }
    };
    let id = match obj.get("id") {
        Some(serde_json::Value::String(s)) if s.trim().is_empty() => {
            return Err(place.err(None, whole, "\"id\" is empty".into()))
        }
        Some(serde_json::Value::String(s)) => plain(s).0,
        Some(other) => {
            return Err(place.err(
                None,
                whole,
                format!("\"id\" must be a string, found {}", json_type_shown(other)),
            ))
        }
        None => return Err(place.err(None, whole, "missing \"id\"".into())),
    };
    let (text, found) = match obj.get("text") {
        Some(serde_json::Value::String(s)) if s.trim().is_empty() => {
            let reason = match s.is_empty() {
                true => "\"text\" is empty",
                false => "no text: only whitespace",
            };
            return Err(place.err(Some(id), whole, reason.into()));
        }
        Some(serde_json::Value::String(s)) => plain(s),
        Some(other) => {
            return Err(place.err(
                Some(id),
                whole,
                format!(
                    "\"text\" must be a string, found {}",
                    json_type_shown(other)
                ),
            ))
        }
        None => return Err(place.err(Some(id), whole, "missing \"text\"".into())),
    };
    let lossy = match marks {
        Marks::Valid => None,
        Marks::Unplaced(count) => Some(Lossy {
            count,
            replaced: Vec::new(),
        }),
        Marks::Placed(bad) => Some(Lossy {
            count: found.len(),
            replaced: found
                .iter()
                .filter_map(|&(text_offset, i)| {
                    let &(at, len) = bad.get(i)?;
                    Some(Replacement {
                        text_offset,
                        file_offset: place.body + at as u64,
                        len,
                    })
                })
                .take(MAX_REPLACEMENTS)
                .collect(),
        }),
    };
    let get = |k: &str| obj.get(k).and_then(|v| v.as_str()).map(|v| plain(v).0);
    Ok(Decoded {
        article: Article {
            id,
            text,
            file: place.file.to_string(),
            line: Some(place.line),
            title: get("title"),
            date: get("date"),
            source: get("source").or_else(|| get("publisher")),
            lossy: lossy.is_some(),
        },
        lossy,
    })
}

/// A JSON value that is not an array or an object: a string (borrowed
/// from the line when it has no escapes) or another scalar.
enum Scalar<'a> {
    Str(std::borrow::Cow<'a, str>),
    Other,
}

impl<'de> serde::Deserialize<'de> for Scalar<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Scalar<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, number, boolean or null")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Scalar<'de>, E> {
                Ok(Scalar::Str(v.into()))
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar<'de>, E> {
                Ok(Scalar::Str(v.to_string().into()))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Scalar<'de>, E> {
                Ok(Scalar::Other)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Scalar<'de>, E> {
                Ok(Scalar::Other)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Scalar<'de>, E> {
                Ok(Scalar::Other)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Scalar<'de>, E> {
                Ok(Scalar::Other)
            }
            fn visit_unit<E>(self) -> Result<Scalar<'de>, E> {
                Ok(Scalar::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// The keys [`Article`] reads, in the order of [`Fields`]' slots.
const KEYS: [&str; 6] = ["id", "text", "title", "date", "source", "publisher"];

/// An object of scalars, each key given once, with the values of [`KEYS`].
struct Fields<'a>([Option<Scalar<'a>>; 6]);

impl<'de> serde::Deserialize<'de> for Fields<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Fields<'de>, A::Error> {
                let mut slots: [Option<Scalar<'de>>; 6] = Default::default();
                // A key with escapes cannot be borrowed: an error here, and
                // the general path reads the line.
                while let Some(key) = map.next_key::<&'de str>()? {
                    let value = map.next_value::<Scalar<'de>>()?;
                    if let Some(i) = KEYS.iter().position(|k| *k == key) {
                        if slots[i].replace(value).is_some() {
                            return Err(serde::de::Error::custom("a key given twice"));
                        }
                    }
                }
                Ok(Fields(slots))
            }
        }
        d.deserialize_map(V)
    }
}

/// The article of a plain line (valid UTF-8, an object of scalars, keys
/// without escapes, each given once, a non-blank string id and text),
/// read straight into its fields: no tree of values, and the text copied
/// once, not twice. `None` for any other line, which the general path
/// reads (with its error message, if any); for a plain line both give the
/// same article.
fn parse_plain_record(line: &str, place: &Place<'_>) -> Option<Decoded> {
    let Fields([id, text, title, date, source, publisher]) = serde_json::from_str(line).ok()?;
    let string = |v: Option<Scalar<'_>>| match v {
        Some(Scalar::Str(s)) => Some(s.into_owned()),
        _ => None,
    };
    let (Some(Scalar::Str(id)), Some(Scalar::Str(text))) = (id, text) else {
        return None;
    };
    if id.trim().is_empty() || text.trim().is_empty() {
        return None;
    }
    Some(Decoded {
        article: Article {
            id: id.into_owned(),
            text: text.into_owned(),
            file: place.file.to_string(),
            line: Some(place.line),
            title: string(title),
            date: string(date),
            source: string(source).or_else(|| string(publisher)),
            lossy: false,
        },
        lossy: None,
    })
}

fn json_type(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// The type of `v`, with the value when it is short (`a number (17)`).
fn json_type_shown(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Number(_) | serde_json::Value::Bool(_) => {
            format!("{} ({v})", json_type(v))
        }
        _ => json_type(v).to_string(),
    }
}

impl Articles {
    /// The next article with what lossy reading replaced in it, or the next
    /// error. [`Iterator::next`] is this without the replacements.
    pub fn next_decoded(&mut self) -> Option<Result<Decoded, InputError>> {
        self.next_pending().map(Pending::decode)
    }

    /// The next article, error or JSON line, in the order of
    /// [`Articles::next_decoded`], with JSON lines not parsed yet:
    /// [`Pending::decode`] gives what `next_decoded` would have.
    pub fn next_pending(&mut self) -> Option<Pending> {
        loop {
            if let Some(item) = self.queue.pop_front() {
                return Some(Pending::Ready(item));
            }
            match self.current.take() {
                Some(Source::Text(path)) => {
                    return Some(Pending::Ready(self.read_text_file(&path)))
                }
                Some(lines @ Source::Lines(_)) => {
                    self.current = Some(lines);
                    if let Some(item) = self.next_line() {
                        return Some(match item {
                            Ok(line) => Pending::Line(line),
                            Err(e) => Pending::Ready(Err(e)),
                        });
                    }
                }
                None => {
                    let path = self.pending.pop_front()?;
                    self.open(path);
                }
            }
        }
    }
}

impl Iterator for Articles {
    type Item = Result<Article, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_decoded().map(|r| r.map(|d| d.article))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_round_trip() {
        let bytes = b"{\"id\": \"a\xff\", \"text\": \"x\xe9y\xe6\x96z\"}";
        let (line, bad) = mark_invalid(bytes).unwrap();
        assert_eq!(bad, vec![(9, 1), (23, 1), (25, 2)]);
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        let (text, found) = unmark(v["text"].as_str().unwrap());
        assert_eq!(text, "x\u{FFFD}y\u{FFFD}z");
        assert_eq!(found, vec![(1, 1), (5, 2)]);
    }

    #[test]
    fn many_marks_keep_their_index() {
        let mut bytes = b"{\"id\":\"a\",\"text\":\"".to_vec();
        for _ in 0..300 {
            bytes.extend_from_slice(b"a\xff");
        }
        bytes.extend_from_slice(b"\"}");
        let (line, bad) = mark_invalid(&bytes).unwrap();
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        let (text, found) = unmark(v["text"].as_str().unwrap());
        assert_eq!(text, "a\u{FFFD}".repeat(300));
        assert_eq!(found.len(), 300);
        for (k, &(off, i)) in found.iter().enumerate() {
            assert_eq!((off, i), (k * 4 + 1, k));
            assert_eq!(bad[i], (18 + 2 * k + 1, 1));
        }
    }

    /// Gives its chunks one `read` at a time, with an `Interrupted` before
    /// each, then the end or an error.
    struct Chunks {
        chunks: VecDeque<Vec<u8>>,
        interrupt: bool,
        fail: bool,
    }

    impl Read for Chunks {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.interrupt = !self.interrupt;
            if self.interrupt {
                return Err(io::ErrorKind::Interrupted.into());
            }
            let Some(chunk) = self.chunks.front_mut() else {
                return match self.fail {
                    true => Err(io::Error::other("the disk is gone")),
                    false => Ok(0),
                };
            };
            let n = chunk.len().min(buf.len());
            buf[..n].copy_from_slice(&chunk[..n]);
            chunk.drain(..n);
            if chunk.is_empty() {
                self.chunks.pop_front();
            }
            Ok(n)
        }
    }

    /// (id or error, line, offset) of every item read from `bytes` given in
    /// chunks of `size`.
    fn read_chunked(bytes: &[u8], size: usize, fail: bool) -> Vec<(String, Option<usize>, u64)> {
        let mut articles = read_paths(&[], ReadOptions::default());
        let reader = Chunks {
            chunks: bytes.chunks(size).map(<[u8]>::to_vec).collect(),
            interrupt: false,
            fail,
        };
        articles.current = Some(Source::Lines(Lines::new(
            "f.jsonl".into(),
            Box::new(reader),
        )));
        std::iter::from_fn(|| articles.next_pending())
            .map(|p| match p {
                Pending::Line(l) => {
                    let d = l.decode().unwrap();
                    (d.article.id, d.article.line, l.body)
                }
                Pending::Ready(Err(e)) => (e.reason, e.line, e.offset.unwrap()),
                Pending::Ready(Ok(_)) => unreachable!("JSON lines only"),
            })
            .collect()
    }

    #[test]
    fn json_lines_in_any_chunks() {
        let long = "长".repeat(READ_BYTES);
        let mut bytes =
            b"{\"id\":\"a\",\"text\":\"x\"}\n\n  {\"id\":\"b\",\"text\":\"y\"} \r\n".to_vec();
        let at_c = bytes.len() as u64;
        bytes.extend_from_slice(format!("{{\"id\":\"c\",\"text\":\"{long}\"}}\n").as_bytes());
        let at_d = bytes.len() as u64;
        bytes.extend_from_slice(b"{\"id\":\"d\",\"text\":\"z\"}");
        let want = vec![
            ("a".to_string(), Some(1), 0),
            ("b".to_string(), Some(3), 25),
            ("c".to_string(), Some(4), at_c),
            ("d".to_string(), Some(5), at_d),
        ];
        for size in [
            1,
            2,
            3,
            7,
            29,
            30,
            64,
            1000,
            READ_BYTES - 1,
            READ_BYTES + 5,
            bytes.len(),
        ] {
            assert_eq!(read_chunked(&bytes, size, false), want, "chunks of {size}");
        }
        // An error after the start of the last line: the lines before it,
        // then the error at that line, and nothing after.
        for size in [1, 5, 64, 1000, bytes.len()] {
            let got = read_chunked(&bytes, size, true);
            assert_eq!(got[..3], want[..3], "chunks of {size}");
            assert_eq!(
                got[3],
                (
                    "cannot read: the disk is gone; the rest of the file is skipped".to_string(),
                    Some(5),
                    at_d
                ),
                "chunks of {size}"
            );
            assert_eq!(got.len(), 4);
        }
    }

    /// A plain line read straight into its fields gives what the tree of
    /// values gives; any other line is left to the tree.
    #[test]
    fn plain_lines_read_as_the_tree_reads_them() {
        let place = Place {
            file: "f.jsonl",
            line: 7,
            offset: 100,
            body: 102,
        };
        let plain = [
            r#"{"id":"a","text":"Baotou said."}"#,
            r#"{"text":"x\ny \"q\" \u00e9","id":"a\u0031","n":5,"ok":true,"z":null}"#,
            r#"{"id":"a","text":"x","title":"T","date":"2024-01-02","publisher":"P"}"#,
            r#"{"id":"a","text":"x","source":"S","publisher":"P","title":7}"#,
            r#"{"id":"a","text":"x","source":null,"publisher":"P","date":1.5e3}"#,
            r#" { "id" : "稀土" , "text" : "包钢 said 3.5万吨" } "#,
            r#"{"id":"a","text":"x","other":"x","other":"y"}"#,
        ];
        for line in plain {
            let fast = parse_plain_record(line, &place).expect(line);
            let tree = parse_json_tree(line, Marks::Valid, line.len(), &place).unwrap();
            assert_eq!(fast.article, tree.article, "{line}");
        }
        let general = [
            r#"{"id":"a","text":"x","tags":["a"]}"#,
            r#"{"id":"a","text":"x","meta":{"k":1}}"#,
            r#"{"id":"a","text":"x","id":"b"}"#,
            r#"{"id":"a","te\u0078t":"x"}"#,
            r#"{"id":"a","text":"x","n":1e400}"#,
            r#"{"id":"a","text":"x","s":"\ud800"}"#,
            r#"{"id":5,"text":"x"}"#,
            r#"{"id":" ","text":"x"}"#,
            r#"{"id":"a","text":" \n "}"#,
            r#"{"id":"a"}"#,
            r#"["a"]"#,
            r#"{"id":"a","text":"x"} x"#,
        ];
        for line in general {
            assert!(parse_plain_record(line, &place).is_none(), "{line}");
        }
        // Some of those are articles all the same, read by the tree.
        let tree = parse_json_tree(general[2], Marks::Valid, general[2].len(), &place).unwrap();
        assert_eq!(tree.article.id, "b");
        let tree = parse_json_tree(general[3], Marks::Valid, general[3].len(), &place).unwrap();
        assert_eq!(tree.article.text, "x");
        assert!(parse_json_tree(general[4], Marks::Valid, general[4].len(), &place).is_err());
    }

    #[test]
    fn line_and_column() {
        assert_eq!(line_col(b"ab\ncd\nef", 0), (1, 1));
        assert_eq!(line_col(b"ab\ncd\nef", 4), (2, 2));
        assert_eq!(line_col(b"ab\ncd\nef", 6), (3, 1));
    }
}
