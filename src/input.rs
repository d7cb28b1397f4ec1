//! Reading articles: `.txt` files (one article each, id = file stem), folders
//! (every `.txt` below, in path order), JSON Lines files of `{"id", "text"}`
//! objects, and standard input (`-`, JSON Lines or one plain article).
//!
//! Reading streams: one article is in memory at a time. Every input yields an
//! [`Article`] or an [`InputError`] naming the file, line and byte offset, and
//! the iteration goes on after an error.

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
    /// 1-based line, for JSON Lines.
    pub line: Option<usize>,
    /// Byte offset of the line (JSON Lines) or of the fault (text files).
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

enum Source {
    Text(PathBuf),
    Lines {
        file: String,
        reader: Box<dyn BufRead + Send>,
        line: usize,
        offset: u64,
    },
}

/// Streams the articles of several paths, in order.
pub struct Articles {
    pending: std::collections::VecDeque<PathBuf>,
    current: Option<Source>,
    queue: std::collections::VecDeque<Result<Article, InputError>>,
    options: ReadOptions,
}

/// Streams the articles of `paths` (files, folders, `-`).
pub fn read_paths(paths: &[PathBuf], options: ReadOptions) -> Articles {
    Articles {
        pending: paths.iter().cloned().collect(),
        current: None,
        queue: Default::default(),
        options,
    }
}

fn is_jsonl(p: &Path) -> bool {
    matches!(
        p.extension().and_then(|e| e.to_str()),
        Some("jsonl") | Some("ndjson") | Some("json")
    )
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            errors.push(InputError {
                id: None,
                file: dir.display().to_string(),
                line: None,
                offset: None,
                reason: format!("cannot read folder: {e}"),
            });
            return;
        }
    };
    let mut items: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    items.sort();
    for p in items {
        if p.is_dir() {
            walk(&p, out, errors);
        } else if p.extension().and_then(|e| e.to_str()) == Some("txt") {
            out.push(p);
        }
    }
}

fn decode(bytes: Vec<u8>, policy: Utf8Policy) -> Result<(String, bool), (u64, String)> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok((s, false)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to() as u64;
            match policy {
                Utf8Policy::Strict => Err((at, format!("invalid UTF-8 at byte {at}"))),
                Utf8Policy::Lossy => Ok((String::from_utf8_lossy(e.as_bytes()).into_owned(), true)),
            }
        }
    }
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
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
                self.current = Some(Source::Lines {
                    file: "-".into(),
                    reader: Box::new(stdin),
                    line: 0,
                    offset: 0,
                });
            } else {
                let mut bytes = Vec::new();
                let item = match stdin.read_to_end(&mut bytes) {
                    Ok(_) => self.text_article("-".into(), "-".into(), bytes),
                    Err(e) => Err(self.err(None, "-", None, None, format!("cannot read: {e}"))),
                };
                self.queue.push_back(item);
            }
            return;
        }
        if path.is_dir() {
            let mut files = Vec::new();
            let mut errors = Vec::new();
            walk(&path, &mut files, &mut errors);
            self.queue.extend(errors.into_iter().map(Err));
            for f in files.into_iter().rev() {
                self.pending.push_front(f);
            }
            return;
        }
        if is_jsonl(&path) {
            match File::open(&path) {
                Ok(f) => {
                    self.current = Some(Source::Lines {
                        file,
                        reader: Box::new(BufReader::with_capacity(1 << 16, f)),
                        line: 0,
                        offset: 0,
                    })
                }
                Err(e) => self.queue.push_back(Err(self.err(
                    None,
                    &file,
                    None,
                    None,
                    format!("cannot open: {e}"),
                ))),
            }
            return;
        }
        self.current = Some(Source::Text(path));
    }

    fn err(
        &self,
        id: Option<String>,
        file: &str,
        line: Option<usize>,
        offset: Option<u64>,
        reason: String,
    ) -> InputError {
        InputError {
            id,
            file: file.to_string(),
            line,
            offset,
            reason,
        }
    }

    fn text_article(
        &self,
        id: String,
        file: String,
        bytes: Vec<u8>,
    ) -> Result<Article, InputError> {
        match decode(bytes, self.options.utf8) {
            Ok((text, lossy)) => Ok(Article {
                id,
                text,
                file,
                line: None,
                title: None,
                date: None,
                source: None,
                lossy,
            }),
            Err((at, reason)) => Err(self.err(Some(id), &file, None, Some(at), reason)),
        }
    }

    fn next_line(&mut self) -> Option<Result<Article, InputError>> {
        let policy = self.options.utf8;
        let Some(Source::Lines {
            file,
            reader,
            line,
            offset,
        }) = self.current.as_mut()
        else {
            return None;
        };
        loop {
            let mut buf = Vec::new();
            let n = match reader.read_until(b'\n', &mut buf) {
                Ok(n) => n,
                Err(e) => {
                    let f = file.clone();
                    let l = *line + 1;
                    self.current = None;
                    return Some(Err(InputError {
                        id: None,
                        file: f,
                        line: Some(l),
                        offset: None,
                        reason: format!("cannot read: {e}"),
                    }));
                }
            };
            if n == 0 {
                self.current = None;
                return None;
            }
            *line += 1;
            let at = *offset;
            *offset += n as u64;
            let (l, f) = (*line, file.clone());
            let trimmed = buf.trim_ascii();
            if trimmed.is_empty() {
                continue;
            }
            return Some(parse_json_line(trimmed, &f, l, at, policy));
        }
    }
}

/// Parses one JSON Lines record `{"id", "text", ...}`.
fn parse_json_line(
    bytes: &[u8],
    file: &str,
    line: usize,
    offset: u64,
    policy: Utf8Policy,
) -> Result<Article, InputError> {
    let err = |id: Option<String>, reason: String| InputError {
        id,
        file: file.to_string(),
        line: Some(line),
        offset: Some(offset),
        reason,
    };
    let (text, lossy) = match decode(bytes.to_vec(), policy) {
        Ok(t) => t,
        Err((at, _)) => {
            return Err(err(
                None,
                format!("invalid UTF-8 at byte {} of the line", at),
            ))
        }
    };
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| err(None, format!("not JSON: {e}")))?;
    let obj = value
        .as_object()
        .ok_or_else(|| err(None, "not a JSON object".into()))?;
    let id = match obj.get("id") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(other) => {
            return Err(err(
                None,
                format!("\"id\" must be a string, found {}", json_type(other)),
            ))
        }
        None => return Err(err(None, "missing \"id\"".into())),
    };
    let text = match obj.get("text") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => {
            return Err(err(
                Some(id),
                format!("\"text\" must be a string, found {}", json_type(other)),
            ))
        }
        None => return Err(err(Some(id), "missing \"text\"".into())),
    };
    let get = |k: &str| obj.get(k).and_then(|v| v.as_str()).map(str::to_string);
    Ok(Article {
        id,
        text,
        file: file.to_string(),
        line: Some(line),
        title: get("title"),
        date: get("date"),
        source: get("source").or_else(|| get("publisher")),
        lossy,
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

impl Iterator for Articles {
    type Item = Result<Article, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.queue.pop_front() {
                return Some(item);
            }
            match self.current.take() {
                Some(Source::Text(path)) => {
                    let file = path.display().to_string();
                    let id = stem(&path);
                    return Some(match std::fs::read(&path) {
                        Ok(bytes) => self.text_article(id, file, bytes),
                        Err(e) => {
                            Err(self.err(Some(id), &file, None, None, format!("cannot read: {e}")))
                        }
                    });
                }
                Some(lines @ Source::Lines { .. }) => {
                    self.current = Some(lines);
                    if let Some(item) = self.next_line() {
                        return Some(item);
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
