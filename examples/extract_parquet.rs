//! Extracts claim records from articles into three Parquet tables.
//!
//!     cargo run --release --example extract_parquet -- PATH... --out DIR [--threads N] [--lexicon FILE]... [--no-defaults] [--lossy] [--row-group N]
//!
//! PATH is read as by the `extract` example (`.txt` files, folders, `.jsonl`
//! files of `{"id", "text"}` objects, `-` for standard input). DIR gets
//! `documents.parquet`, `claims.parquet` and `figures.parquet` (columns in
//! `python/README.md`), rows in input order whatever the thread count, one
//! row group per `--row-group` articles, so memory stays flat. An article
//! that cannot be read gives one error line on standard error and the run
//! goes on; the last line on standard error counts articles, records, claims
//! and errors, as the `extract` example's does. Exit status 1 when any error
//! happened, 2 when the lexicons are faulty or the output cannot be written.

#[path = "common/parquet.rs"]
mod parquet;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use rayon::prelude::*;
use ree_claims::input::{read_paths, Article, InputError, ReadOptions, Utf8Policy};
use ree_claims::record::ArticleRecord;
use ree_claims::Extractor;

use parquet::ParquetSink;

#[derive(Parser)]
#[command(about = "Extract claim records from English and Chinese articles into Parquet tables")]
struct Args {
    /// Articles: .txt files, folders, .jsonl files, or - for standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Folder for documents.parquet, claims.parquet and figures.parquet.
    #[arg(long)]
    out: PathBuf,
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
    /// Articles per row group.
    #[arg(long = "row-group", default_value_t = parquet::DOCS_PER_GROUP)]
    row_group: usize,
}

/// The record of one article; a panic in the extractor is that article's
/// error (with the panic's message), not the run's end, as in `extract`.
fn extract(extractor: &Extractor, article: Article) -> Result<ArticleRecord, InputError> {
    PANIC.with(|p| p.replace(Some(String::new())));
    let extracted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        extractor.extract_article(&article)
    }));
    let panic = PANIC.with(|p| p.take()).unwrap_or_default();
    extracted.map_err(|_| InputError {
        id: Some(article.id.clone()),
        file: article.file.clone(),
        line: article.line,
        offset: None,
        reason: format!("internal error, please report this article: {panic}"),
    })
}

thread_local! {
    /// While this thread extracts an article, the message of its panic, if any.
    static PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Bytes of article text per batch.
const BATCH_BYTES: usize = 4 << 20;
/// Articles per batch.
const BATCH_ARTICLES: usize = 1024;

fn main() -> ExitCode {
    let args = Args::parse();
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
    let mut sink = match ParquetSink::create(&args.out) {
        Ok(s) => s.with_docs_per_group(args.row_group),
        Err(e) => {
            eprintln!("{e}");
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
    let (mut articles, mut records, mut claims, mut errors) = (0usize, 0usize, 0usize, 0usize);
    let mut inputs = read_paths(&args.paths, options).peekable();
    let mut batch: Vec<Result<Article, InputError>> = Vec::with_capacity(BATCH_ARTICLES);
    while inputs.peek().is_some() {
        batch.clear();
        let mut bytes = 0;
        while bytes < BATCH_BYTES && batch.len() < BATCH_ARTICLES {
            let Some(item) = inputs.next() else { break };
            bytes += item.as_ref().map_or(0, |a| a.text.len());
            batch.push(item);
        }
        articles += batch.len();
        let results: Vec<Result<ArticleRecord, InputError>> = pool.install(|| {
            batch
                .par_drain(..)
                .map(|item| item.and_then(|a| extract(&extractor, a)))
                .collect()
        });
        for r in results {
            match r {
                Ok(rec) => {
                    records += 1;
                    claims += rec.claims.len();
                    if let Err(e) = sink.push(&rec) {
                        eprintln!("{e}");
                        return ExitCode::from(2);
                    }
                }
                Err(e) => {
                    errors += 1;
                    eprintln!(
                        "{}",
                        serde_json::to_string(&e.to_record()).unwrap_or_else(|_| e.to_string())
                    );
                }
            }
        }
    }
    match sink.finish() {
        Ok(written) => eprintln!("wrote {}: {written}", args.out.display()),
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    }
    eprintln!("summary: articles={articles} records={records} claims={claims} errors={errors}");
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
