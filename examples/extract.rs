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
//! Articles are read, extracted and written in batches of about a megabyte,
//! so memory stays flat however long the corpus is; reading, extracting (on
//! all threads) and writing overlap. JSON records are written straight from
//! the analysis (`Extractor::extract_article_json`), the same bytes as
//! serialising the record types.
//!
//! `--format parquet --out DIR` writes `documents.parquet`, `claims.parquet`
//! and `figures.parquet` to DIR instead (columns in `python/README.md`), a
//! row group per 1,024 articles.

#[path = "common/huge_pages.rs"]
mod huge_pages;
#[path = "common/lines.rs"]
mod lines;
#[path = "common/parquet.rs"]
mod parquet;
#[path = "common/run.rs"]
mod run;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

#[derive(Parser)]
#[command(about = "Extract claim records (JSON Lines) from English and Chinese articles")]
struct Args {
    #[command(flatten)]
    corpus: run::CorpusArgs,
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

fn main() -> ExitCode {
    let args = Args::parse();
    huge_pages::restart_with_huge_pages();
    match extract(&args) {
        Ok(code) | Err(code) => code,
    }
}

fn extract(args: &Args) -> Result<ExitCode, ExitCode> {
    let (extractor, pool) = args.corpus.start()?;
    let corpus = &args.corpus;
    let counts = match (args.format, &args.out) {
        (Format::Parquet, Some(dir)) => {
            let mut sink = parquet::ParquetSink::create(dir).map_err(|e| {
                eprintln!("{e}");
                ExitCode::from(2)
            })?;
            let counts = run::run_batches(
                &corpus.paths,
                corpus.lossy,
                &extractor,
                &pool,
                |_, rec| Ok(rec.clone().into_owned()),
                |rec, counts| {
                    counts.claims += rec.claims.len();
                    sink.push(&rec).map_err(|e| {
                        eprintln!("{e}");
                        ExitCode::from(2)
                    })
                },
            )?;
            sink.finish().map_err(|e| {
                eprintln!("{e}");
                ExitCode::from(2)
            })?;
            counts
        }
        _ => {
            let cannot_write = || {
                eprintln!("cannot write to standard output");
                ExitCode::FAILURE
            };
            let mut out = lines::Gather::new(Box::new(std::io::stdout()));
            let counts = run::run_articles(
                &corpus.paths,
                corpus.lossy,
                &pool,
                // Serialised on the worker threads.
                |decoded| run::extract_json_caught(&extractor, decoded),
                |(line, claims), counts| {
                    counts.claims += claims;
                    out.push(line).map_err(|_| cannot_write())
                },
            )?;
            out.flush().map_err(|_| cannot_write())?;
            counts
        }
    };
    eprintln!("{}", counts.summary());
    Ok(counts.exit_code())
}
