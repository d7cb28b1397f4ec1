//! Extracts claim records from articles, one JSON line per article.
//!
//!     cargo run --release --example extract -- PATH... [--threads N] [--lexicon FILE]... [--no-defaults] [--lossy]
//!
//! PATH is a `.txt` file (one article, id = file name without extension), a
//! folder (every `.txt` below it), a `.jsonl` file of `{"id", "text"}`
//! objects, or `-` for standard input. Records go to standard output in input
//! order whatever the thread count; an article that cannot be read gives one
//! error line on standard error and the run goes on; a last summary line on
//! standard error counts articles, records, claims and errors (articles =
//! records + errors). An article whose extraction panics is an error line
//! too ("internal error, please report this article: ..."), and the run goes
//! on. Exit status 1 when any error happened, 2 when the lexicons are faulty.
//!
//! Articles are read, extracted and written in batches of a few megabytes, so
//! memory stays flat however long the corpus is.
//!
//! `--format parquet --out DIR` writes `documents.parquet`, `claims.parquet`
//! and `figures.parquet` to DIR instead (columns in `python/README.md`), a
//! row group per 1,024 articles.

#[path = "common/parquet.rs"]
mod parquet;

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use rayon::prelude::*;
use ree_claims::input::{read_paths, Decoded, InputError, ReadOptions, Utf8Policy};
use ree_claims::record::ArticleRecord;
use ree_claims::Extractor;

#[derive(Parser)]
#[command(about = "Extract claim records (JSON Lines) from English and Chinese articles")]
struct Args {
    /// Articles: .txt files, folders, .jsonl files, or - for standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Extra lexicon file (repeatable), same format as lexicons/*.tsv.
    #[arg(long = "lexicon")]
    lexicons: Vec<PathBuf>,
    /// Do not load the embedded lexicons.
    #[arg(long)]
    no_defaults: bool,
    /// Replace invalid UTF-8 instead of reporting the article as an error.
    #[arg(long)]
    lossy: bool,
    /// Output: JSON Lines on standard output, or Parquet tables in --out.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// Folder for the Parquet tables (with --format parquet).
    #[arg(long, required_if_eq("format", "parquet"))]
    out: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Jsonl,
    Parquet,
}

/// Bytes of article text per batch.
const BATCH_BYTES: usize = 4 << 20;
/// Articles per batch.
const BATCH_ARTICLES: usize = 1024;

enum Out {
    Record { json: String, claims: usize },
    Row(Box<ArticleRecord>),
    Error(String),
}

fn process(extractor: &Extractor, format: Format, item: Result<Decoded, InputError>) -> Out {
    let error = |e: &InputError| {
        Out::Error(serde_json::to_string(&e.to_record()).unwrap_or_else(|_| e.to_string()))
    };
    match item {
        Ok(decoded) => {
            let article = &decoded.article;
            // A panic in one article is that article's error, not the run's end.
            PANIC.with(|p| p.replace(Some(String::new())));
            let extracted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                extractor.extract_decoded(&decoded)
            }));
            let panic = PANIC.with(|p| p.take()).unwrap_or_default();
            let failed = |reason: String| InputError {
                id: Some(article.id.clone()),
                file: article.file.clone(),
                line: article.line,
                offset: None,
                reason,
            };
            let extracted = match (format, extracted) {
                (Format::Parquet, Ok(rec)) => return Out::Row(Box::new(rec)),
                (_, other) => other,
            };
            match extracted.map(|rec| (serde_json::to_string(&rec), rec.claims.len())) {
                Ok((Ok(json), claims)) => Out::Record { json, claims },
                Ok((Err(e), _)) => error(&failed(format!("cannot serialise: {e}"))),
                Err(_) => error(&failed(format!(
                    "internal error, please report this article: {panic}"
                ))),
            }
        }
        Err(e) => error(&e),
    }
}

thread_local! {
    /// While this thread extracts an article, the message of its panic, if any.
    static PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

fn main() -> ExitCode {
    let args = Args::parse();
    // A panic while extracting an article goes into its error record (see
    // `process`) instead of standard error; any other panic is printed.
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string().replace('\n', " ");
        PANIC.with(|p| match p.borrow_mut().as_mut() {
            Some(caught) => *caught = msg,
            None => eprintln!("{msg}"),
        });
    }));
    let mut builder = Extractor::builder();
    builder.defaults(!args.no_defaults);
    for l in &args.lexicons {
        builder.lexicon_file(l);
    }
    let extractor = match builder.build() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cannot start threads: {e}");
            return ExitCode::from(2);
        }
    };
    let options = ReadOptions {
        utf8: if args.lossy {
            Utf8Policy::Lossy
        } else {
            Utf8Policy::Strict
        },
    };
    let mut sink = match (args.format, &args.out) {
        (Format::Parquet, Some(dir)) => match parquet::ParquetSink::create(dir) {
            Ok(s) => Some(s),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        },
        _ => None,
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let (mut articles, mut records, mut claims, mut errors) = (0usize, 0usize, 0usize, 0usize);
    let mut reader = read_paths(&args.paths, options);
    let mut inputs = std::iter::from_fn(|| reader.next_decoded()).peekable();
    let mut batch: Vec<Result<Decoded, InputError>> = Vec::with_capacity(BATCH_ARTICLES);
    while inputs.peek().is_some() {
        batch.clear();
        let mut bytes = 0;
        while bytes < BATCH_BYTES && batch.len() < BATCH_ARTICLES {
            let Some(item) = inputs.next() else { break };
            bytes += item.as_ref().map_or(0, |d| d.article.text.len());
            batch.push(item);
        }
        articles += batch.len();
        let results: Vec<Out> = pool.install(|| {
            batch
                .par_drain(..)
                .map(|item| process(&extractor, args.format, item))
                .collect()
        });
        for r in results {
            match r {
                Out::Record { json, claims: n } => {
                    records += 1;
                    claims += n;
                    if out
                        .write_all(json.as_bytes())
                        .and_then(|_| out.write_all(b"\n"))
                        .is_err()
                    {
                        eprintln!("cannot write to standard output");
                        return ExitCode::FAILURE;
                    }
                }
                Out::Row(rec) => {
                    records += 1;
                    claims += rec.claims.len();
                    if let Some(Err(e)) = sink.as_mut().map(|s| s.push(&rec)) {
                        eprintln!("{e}");
                        return ExitCode::from(2);
                    }
                }
                Out::Error(line) => {
                    errors += 1;
                    eprintln!("{line}");
                }
            }
        }
    }
    if let Some(Err(e)) = sink.map(|s| s.finish()) {
        eprintln!("{e}");
        return ExitCode::from(2);
    }
    if out.flush().is_err() {
        eprintln!("cannot write to standard output");
        return ExitCode::FAILURE;
    }
    eprintln!("summary: articles={articles} records={records} claims={claims} errors={errors}");
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
