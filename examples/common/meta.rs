//! What the records do not carry: an article's date, title and source.
//!
//! JSON Lines articles may carry them (`date`, `title`, `source` or
//! `publisher`); `.txt` articles get them from an index file, JSON Lines of
//! `{"id", "date", "title", "source"}` objects (the corpus's `index.jsonl`).
//! The article's own fields win over the index's.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// Date, title and source of one article; each may be missing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Meta {
    /// As given (`2025-07-10`, `2025-10`); ISO forms sort by date.
    pub date: Option<String>,
    /// The article's title.
    pub title: Option<String>,
    /// Source or publisher.
    pub source: Option<String>,
}

impl Meta {
    /// `self`, with the fields it lacks taken from `other`.
    pub fn or(mut self, other: Option<&Meta>) -> Meta {
        if let Some(o) = other {
            self.date = self.date.or_else(|| o.date.clone());
            self.title = self.title.or_else(|| o.title.clone());
            self.source = self.source.or_else(|| o.source.clone());
        }
        self
    }
}

/// Article id → metadata, from one or more index files.
#[derive(Clone, Debug, Default)]
pub struct Index {
    map: HashMap<String, Meta>,
}

fn non_empty(v: Option<&serde_json::Value>) -> Option<String> {
    let s = v?.as_str()?.trim();
    (!s.is_empty()).then(|| s.to_string())
}

impl Index {
    /// An empty index.
    pub fn new() -> Index {
        Index::default()
    }

    /// Adds the lines of an index file; the error names the file and line.
    pub fn load(&mut self, path: &Path) -> Result<usize, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read index: {e}", path.display()))?;
        self.parse(&text, &path.display().to_string())
    }

    /// Adds the lines of index text; returns how many entries it held.
    pub fn parse(&mut self, text: &str, file: &str) -> Result<usize, String> {
        let mut n = 0;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let at = |why: String| format!("{file}:{}: {why}", i + 1);
            let v: serde_json::Value =
                serde_json::from_str(line).map_err(|e| at(format!("not JSON: {e}")))?;
            let obj = v
                .as_object()
                .ok_or_else(|| at("not a JSON object".into()))?;
            let id = match obj.get("id") {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(serde_json::Value::Number(n)) => n.to_string(),
                _ => return Err(at("missing string \"id\"".into())),
            };
            let meta = Meta {
                date: non_empty(obj.get("date")),
                title: non_empty(obj.get("title")),
                source: non_empty(obj.get("source")).or_else(|| non_empty(obj.get("publisher"))),
            };
            self.map.insert(id, meta);
            n += 1;
        }
        Ok(n)
    }

    /// The metadata of `id`, if listed.
    pub fn get(&self, id: &str) -> Option<&Meta> {
        self.map.get(id)
    }

    /// Number of articles listed.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when nothing is listed.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// The index files to use when none is named: `index.jsonl` at the top of
/// each folder among `paths`.
pub fn default_index_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    paths
        .iter()
        .filter(|p| p.is_dir())
        .map(|p| p.join("index.jsonl"))
        .filter(|p| p.is_file())
        .collect()
}

/// True when `file` (as an input error names it) is one of the index files:
/// read as articles, an index gives "missing text" errors that are not.
pub fn is_index_file(index_files: &[PathBuf], file: &str) -> bool {
    let file = Path::new(file);
    index_files.iter().any(|p| {
        p == file || matches!((p.canonicalize(), file.canonicalize()), (Ok(x), Ok(y)) if x == y)
    })
}
