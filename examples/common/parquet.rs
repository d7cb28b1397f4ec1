//! Parquet output: claim records as three flat tables, one row per article
//! (`documents.parquet`), per claim (`claims.parquet`) and per figure
//! (`figures.parquet`); claims and figures carry their article's id as
//! `doc_id`.
//!
//! ```ignore
//! #[path = "common/parquet.rs"]
//! mod parquet;
//!
//! let extractor = ree_claims::Extractor::new().unwrap();
//! let mut sink = parquet::ParquetSink::create("out").unwrap();
//! sink.push(&extractor.extract("a1", "Baogang Group plans to build a line by 2027."))
//!     .unwrap();
//! let written = sink.finish().unwrap();
//! eprintln!("{written}");
//! ```
//!
//! Records are buffered as Arrow columns and written as one row group per
//! [`ParquetSink::with_docs_per_group`] articles (default 1,024), so memory
//! stays flat however long the corpus is. Files are written as
//! `NAME.parquet.partial` and renamed by [`ParquetSink::finish`], so a reader
//! never sees half a file.
//!
//! The columns are those of `to_arrow` in the Python package, listed in
//! `python/ree_claims/tables.json` and documented in `python/README.md`;
//! `tests/parquet_schema.rs` checks that they agree. Everything not flattened
//! here (times, entities with their mentions, evidence cues) stays in the
//! JSON records.

// Each example that includes this module uses a different part of it.
#![allow(dead_code)]

use std::fmt;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Float64Builder, Int64Builder, ListBuilder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use ree_claims::record::ArticleRecord;

/// Articles per row group unless told otherwise.
pub const DOCS_PER_GROUP: usize = 1024;

/// The three tables, in the order they are written.
pub const TABLES: [&str; 3] = ["documents", "claims", "figures"];

fn list_of(item: DataType) -> DataType {
    // Same item field as pyarrow's `pa.list_(...)` and Arrow builders: "item",
    // nullable.
    DataType::List(Arc::new(Field::new("item", item, true)))
}

fn schema(cols: &[(&str, DataType, bool)]) -> SchemaRef {
    Arc::new(Schema::new(
        cols.iter()
            .map(|(n, t, null)| Field::new(*n, t.clone(), *null))
            .collect::<Vec<_>>(),
    ))
}

/// Schema of `documents.parquet`: one row per article.
pub fn documents_schema() -> SchemaRef {
    use DataType::*;
    schema(&[
        ("id", Utf8, false),
        ("lang", Utf8, false),
        ("title", Utf8, true),
        ("date", Utf8, true),
        ("source", Utf8, true),
        ("bytes", Int64, false),
        ("n_sentences", Int64, false),
        ("n_claims", Int64, false),
        ("n_figures", Int64, false),
        ("n_times", Int64, false),
        ("n_entities", Int64, false),
        ("explicit_nondisclosure", Boolean, false),
        ("nondisclosure_sentences", list_of(Int64), false),
        ("entity_ids", list_of(Utf8), false),
        ("dollar", Utf8, false),
        ("dollar_source", Utf8, false),
        ("dollar_reason", Utf8, true),
        ("schema", Utf8, false),
    ])
}

/// Schema of `claims.parquet`: one row per claim.
pub fn claims_schema() -> SchemaRef {
    use DataType::*;
    schema(&[
        ("doc_id", Utf8, false),
        ("index", Int64, false),
        ("sentence", Int64, false),
        ("kind", Utf8, false),
        ("modality", Utf8, false),
        ("negated", Boolean, false),
        ("actor_id", Utf8, true),
        ("actor_label", Utf8, true),
        ("actor_resolved_by", Utf8, true),
        ("speaker_name", Utf8, true),
        ("speaker_role", Utf8, true),
        ("speaker_role_id", Utf8, true),
        ("disclosure", Utf8, true),
        ("start", Int64, false),
        ("end", Int64, false),
        ("text", Utf8, false),
        ("rule", Utf8, true),
        ("rules", list_of(Utf8), false),
        ("concepts", list_of(Utf8), false),
        ("figures", list_of(Int64), false),
    ])
}

/// Schema of `figures.parquet`: one row per figure.
pub fn figures_schema() -> SchemaRef {
    use DataType::*;
    schema(&[
        ("doc_id", Utf8, false),
        ("index", Int64, false),
        ("text", Utf8, false),
        ("value", Float64, false),
        ("upper", Float64, true),
        ("unit", Utf8, false),
        ("kind", Utf8, false),
        ("precision", Utf8, false),
        ("currency_source", Utf8, true),
        ("start", Int64, false),
        ("end", Int64, false),
        ("sentence", Int64, true),
    ])
}

/// The schema of each of [`TABLES`], in that order.
pub fn schemas() -> [(&'static str, SchemaRef); 3] {
    [
        ("documents", documents_schema()),
        ("claims", claims_schema()),
        ("figures", figures_schema()),
    ]
}

fn int(n: usize) -> i64 {
    // Offsets and counts of an in-memory text always fit.
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn push_ints(b: &mut ListBuilder<Int64Builder>, values: &[usize]) {
    for &v in values {
        b.values().append_value(int(v));
    }
    b.append(true);
}

fn push_strs<'a>(b: &mut ListBuilder<StringBuilder>, values: impl IntoIterator<Item = &'a str>) {
    for v in values {
        b.values().append_value(v);
    }
    b.append(true);
}

/// Column builders of `documents`, in schema order.
#[derive(Default)]
struct Documents {
    id: StringBuilder,
    lang: StringBuilder,
    title: StringBuilder,
    date: StringBuilder,
    source: StringBuilder,
    bytes: Int64Builder,
    n_sentences: Int64Builder,
    n_claims: Int64Builder,
    n_figures: Int64Builder,
    n_times: Int64Builder,
    n_entities: Int64Builder,
    explicit_nondisclosure: BooleanBuilder,
    nondisclosure_sentences: ListBuilder<Int64Builder>,
    entity_ids: ListBuilder<StringBuilder>,
    dollar: StringBuilder,
    dollar_source: StringBuilder,
    dollar_reason: StringBuilder,
    schema: StringBuilder,
}

impl Documents {
    fn push(&mut self, r: &ArticleRecord) {
        self.id.append_value(&r.id);
        self.lang.append_value(&r.lang);
        self.title.append_option(r.title.as_deref());
        self.date.append_option(r.date.as_deref());
        self.source.append_option(r.source.as_deref());
        self.bytes.append_value(int(r.bytes));
        self.n_sentences.append_value(int(r.sentences.len()));
        self.n_claims.append_value(int(r.claims.len()));
        self.n_figures.append_value(int(r.figures.len()));
        self.n_times.append_value(int(r.times.len()));
        self.n_entities.append_value(int(r.entities.len()));
        self.explicit_nondisclosure
            .append_value(r.explicit_nondisclosure);
        push_ints(
            &mut self.nondisclosure_sentences,
            &r.nondisclosure_sentences,
        );
        push_strs(
            &mut self.entity_ids,
            r.entities.iter().map(|e| e.id.as_ref()),
        );
        self.dollar.append_value(&r.currency.dollar);
        self.dollar_source.append_value(&r.currency.source);
        self.dollar_reason
            .append_option(r.currency.reason.as_deref());
        self.schema.append_value(&r.schema);
    }

    fn finish(&mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.id.finish()),
            Arc::new(self.lang.finish()),
            Arc::new(self.title.finish()),
            Arc::new(self.date.finish()),
            Arc::new(self.source.finish()),
            Arc::new(self.bytes.finish()),
            Arc::new(self.n_sentences.finish()),
            Arc::new(self.n_claims.finish()),
            Arc::new(self.n_figures.finish()),
            Arc::new(self.n_times.finish()),
            Arc::new(self.n_entities.finish()),
            Arc::new(self.explicit_nondisclosure.finish()),
            Arc::new(self.nondisclosure_sentences.finish()),
            Arc::new(self.entity_ids.finish()),
            Arc::new(self.dollar.finish()),
            Arc::new(self.dollar_source.finish()),
            Arc::new(self.dollar_reason.finish()),
            Arc::new(self.schema.finish()),
        ]
    }
}

/// Column builders of `claims`, in schema order.
#[derive(Default)]
struct Claims {
    doc_id: StringBuilder,
    index: Int64Builder,
    sentence: Int64Builder,
    kind: StringBuilder,
    modality: StringBuilder,
    negated: BooleanBuilder,
    actor_id: StringBuilder,
    actor_label: StringBuilder,
    actor_resolved_by: StringBuilder,
    speaker_name: StringBuilder,
    speaker_role: StringBuilder,
    speaker_role_id: StringBuilder,
    disclosure: StringBuilder,
    start: Int64Builder,
    end: Int64Builder,
    text: StringBuilder,
    rule: StringBuilder,
    rules: ListBuilder<StringBuilder>,
    concepts: ListBuilder<StringBuilder>,
    figures: ListBuilder<Int64Builder>,
}

impl Claims {
    fn push(&mut self, r: &ArticleRecord) {
        for (i, c) in r.claims.iter().enumerate() {
            let actor = c.actor.as_ref();
            let speaker = c.speaker.as_ref();
            self.doc_id.append_value(&r.id);
            self.index.append_value(int(i));
            self.sentence.append_value(int(c.sentence));
            self.kind.append_value(&c.kind);
            self.modality.append_value(&c.modality);
            self.negated.append_value(c.negated);
            self.actor_id
                .append_option(actor.and_then(|a| a.id.as_deref()));
            self.actor_label.append_option(actor.map(|a| &a.label));
            self.actor_resolved_by
                .append_option(actor.map(|a| &a.resolved_by));
            self.speaker_name
                .append_option(speaker.and_then(|s| s.name.as_deref()));
            self.speaker_role
                .append_option(speaker.and_then(|s| s.role.as_deref()));
            self.speaker_role_id
                .append_option(speaker.and_then(|s| s.role_id.as_deref()));
            self.disclosure.append_option(c.disclosure.as_deref());
            self.start.append_value(int(c.span.start));
            self.end.append_value(int(c.span.end));
            self.text.append_value(&c.text);
            self.rule
                .append_option(c.evidence.first().map(|e| e.rule.as_ref()));
            push_strs(&mut self.rules, c.evidence.iter().map(|e| e.rule.as_ref()));
            push_strs(&mut self.concepts, c.concepts.iter().map(|s| &**s));
            push_ints(&mut self.figures, &c.figures);
        }
    }

    fn finish(&mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.doc_id.finish()),
            Arc::new(self.index.finish()),
            Arc::new(self.sentence.finish()),
            Arc::new(self.kind.finish()),
            Arc::new(self.modality.finish()),
            Arc::new(self.negated.finish()),
            Arc::new(self.actor_id.finish()),
            Arc::new(self.actor_label.finish()),
            Arc::new(self.actor_resolved_by.finish()),
            Arc::new(self.speaker_name.finish()),
            Arc::new(self.speaker_role.finish()),
            Arc::new(self.speaker_role_id.finish()),
            Arc::new(self.disclosure.finish()),
            Arc::new(self.start.finish()),
            Arc::new(self.end.finish()),
            Arc::new(self.text.finish()),
            Arc::new(self.rule.finish()),
            Arc::new(self.rules.finish()),
            Arc::new(self.concepts.finish()),
            Arc::new(self.figures.finish()),
        ]
    }
}

/// Column builders of `figures`, in schema order.
#[derive(Default)]
struct Figures {
    doc_id: StringBuilder,
    index: Int64Builder,
    text: StringBuilder,
    value: Float64Builder,
    upper: Float64Builder,
    unit: StringBuilder,
    kind: StringBuilder,
    precision: StringBuilder,
    currency_source: StringBuilder,
    start: Int64Builder,
    end: Int64Builder,
    sentence: Int64Builder,
}

impl Figures {
    fn push(&mut self, r: &ArticleRecord) {
        for (i, f) in r.figures.iter().enumerate() {
            self.doc_id.append_value(&r.id);
            self.index.append_value(int(i));
            self.text.append_value(&f.text);
            self.value.append_value(f.value);
            self.upper.append_option(f.upper);
            self.unit.append_value(&f.unit);
            self.kind.append_value(&f.kind);
            self.precision.append_value(&f.precision);
            self.currency_source
                .append_option(f.currency_source.as_deref());
            self.start.append_value(int(f.span.start));
            self.end.append_value(int(f.span.end));
            self.sentence.append_option(f.sentence.map(int));
        }
    }

    fn finish(&mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.doc_id.finish()),
            Arc::new(self.index.finish()),
            Arc::new(self.text.finish()),
            Arc::new(self.value.finish()),
            Arc::new(self.upper.finish()),
            Arc::new(self.unit.finish()),
            Arc::new(self.kind.finish()),
            Arc::new(self.precision.finish()),
            Arc::new(self.currency_source.finish()),
            Arc::new(self.start.finish()),
            Arc::new(self.end.finish()),
            Arc::new(self.sentence.finish()),
        ]
    }
}

/// A failure to write, with the file at fault.
#[derive(Debug)]
pub struct ParquetSinkError {
    file: PathBuf,
    message: String,
}

impl ParquetSinkError {
    fn new(file: &Path, message: impl fmt::Display) -> ParquetSinkError {
        ParquetSinkError {
            file: file.to_path_buf(),
            message: message.to_string(),
        }
    }

    /// The file (or folder) that could not be written.
    pub fn file(&self) -> &Path {
        &self.file
    }
}

impl fmt::Display for ParquetSinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.message)
    }
}

impl std::error::Error for ParquetSinkError {}

/// What [`ParquetSink::finish`] wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Rows of `documents.parquet`.
    pub documents: usize,
    /// Rows of `claims.parquet`.
    pub claims: usize,
    /// Rows of `figures.parquet`.
    pub figures: usize,
    /// Row groups in each file.
    pub row_groups: usize,
}

impl fmt::Display for Written {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "documents={} claims={} figures={} row_groups={}",
            self.documents, self.claims, self.figures, self.row_groups
        )
    }
}

struct Table {
    partial: PathBuf,
    path: PathBuf,
    schema: SchemaRef,
    writer: ArrowWriter<File>,
}

impl Table {
    fn create(dir: &Path, name: &str, schema: SchemaRef) -> Result<Table, ParquetSinkError> {
        let path = dir.join(format!("{name}.parquet"));
        let partial = dir.join(format!("{name}.parquet.partial"));
        let file = File::create(&partial).map_err(|e| ParquetSinkError::new(&partial, e))?;
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("ree-claims {}", env!("CARGO_PKG_VERSION")))
            .build();
        let writer = ArrowWriter::try_new(file, schema.clone(), Some(props))
            .map_err(|e| ParquetSinkError::new(&partial, e))?;
        Ok(Table {
            partial,
            path,
            schema,
            writer,
        })
    }

    /// Writes `columns` as one row group.
    fn write(&mut self, columns: Vec<ArrayRef>) -> Result<(), ParquetSinkError> {
        let batch = RecordBatch::try_new(self.schema.clone(), columns)
            .map_err(|e| ParquetSinkError::new(&self.partial, e))?;
        self.writer
            .write(&batch)
            .and_then(|_| self.writer.flush())
            .map_err(|e| ParquetSinkError::new(&self.partial, e))
    }

    fn close(self) -> Result<(), ParquetSinkError> {
        self.writer
            .close()
            .map_err(|e| ParquetSinkError::new(&self.partial, e))?;
        std::fs::rename(&self.partial, &self.path).map_err(|e| ParquetSinkError::new(&self.path, e))
    }
}

/// Writes records to `documents.parquet`, `claims.parquet` and
/// `figures.parquet` in a folder, a row group every N articles.
pub struct ParquetSink {
    tables: [Table; 3],
    documents: Documents,
    claims: Claims,
    figures: Figures,
    docs_per_group: usize,
    pending: usize,
    written: Written,
}

impl ParquetSink {
    /// Creates `dir` (and its parents) if needed and opens the three files
    /// there, replacing any earlier ones.
    pub fn create(dir: impl AsRef<Path>) -> Result<ParquetSink, ParquetSinkError> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|e| ParquetSinkError::new(dir, e))?;
        let [(d, ds), (c, cs), (f, fs)] = schemas();
        Ok(ParquetSink {
            tables: [
                Table::create(dir, d, ds)?,
                Table::create(dir, c, cs)?,
                Table::create(dir, f, fs)?,
            ],
            documents: Documents::default(),
            claims: Claims::default(),
            figures: Figures::default(),
            docs_per_group: DOCS_PER_GROUP,
            pending: 0,
            written: Written::default(),
        })
    }

    /// Articles per row group (at least 1): fewer keeps less in memory, more
    /// reads faster.
    pub fn with_docs_per_group(mut self, n: usize) -> ParquetSink {
        self.docs_per_group = n.max(1);
        self
    }

    /// Adds one article's record; writes a row group when enough are
    /// buffered.
    pub fn push(&mut self, record: &ArticleRecord) -> Result<(), ParquetSinkError> {
        self.documents.push(record);
        self.claims.push(record);
        self.figures.push(record);
        self.pending += 1;
        self.written.documents += 1;
        self.written.claims += record.claims.len();
        self.written.figures += record.figures.len();
        if self.pending >= self.docs_per_group {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes what is buffered as one row group of each file.
    pub fn flush(&mut self) -> Result<(), ParquetSinkError> {
        if self.pending == 0 {
            return Ok(());
        }
        let [d, c, f] = &mut self.tables;
        d.write(self.documents.finish())?;
        c.write(self.claims.finish())?;
        f.write(self.figures.finish())?;
        self.pending = 0;
        self.written.row_groups += 1;
        Ok(())
    }

    /// Writes the last row group, closes the files and gives them their
    /// final names.
    pub fn finish(mut self) -> Result<Written, ParquetSinkError> {
        self.flush()?;
        for t in self.tables {
            t.close()?;
        }
        Ok(self.written)
    }
}
