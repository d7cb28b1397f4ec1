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

#[path = "common/huge_pages.rs"]
mod huge_pages;
#[path = "common/parquet.rs"]
mod parquet;
#[path = "common/run.rs"]
mod run;

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use ree_claims::record::ArticleRecord;

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

/// A record ready to write.
enum Out {
    Json { line: String, claims: usize },
    Row(Box<ArticleRecord<'static>>),
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
    let mut sink = match (args.format, &args.out) {
        (Format::Parquet, Some(dir)) => Some(parquet::ParquetSink::create(dir).map_err(|e| {
            eprintln!("{e}");
            ExitCode::from(2)
        })?),
        _ => None,
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let cannot_write = || {
        eprintln!("cannot write to standard output");
        ExitCode::FAILURE
    };
    let format = args.format;
    let counts = run::run_batches(
        &args.corpus.paths,
        args.corpus.lossy,
        &extractor,
        &pool,
        // Serialised on the worker threads.
        |_, rec| match format {
            Format::Parquet => Ok(Out::Row(Box::new(rec.clone().into_owned()))),
            Format::Jsonl => Ok(Out::Json {
                line: rec.to_json(),
                claims: rec.claims.len(),
            }),
        },
        |o, counts| match o {
            Out::Json { line, claims } => {
                counts.claims += claims;
                out.write_all(line.as_bytes())
                    .and_then(|_| out.write_all(b"\n"))
                    .map_err(|_| cannot_write())
            }
            Out::Row(rec) => {
                counts.claims += rec.claims.len();
                match sink.as_mut().map(|s| s.push(&rec)) {
                    Some(Err(e)) => {
                        eprintln!("{e}");
                        Err(ExitCode::from(2))
                    }
                    _ => Ok(()),
                }
            }
        },
    )?;
    if let Some(Err(e)) = sink.map(|s| s.finish()) {
        eprintln!("{e}");
        return Err(ExitCode::from(2));
    }
    out.flush().map_err(|_| cannot_write())?;
    eprintln!("{}", counts.summary());
    Ok(counts.exit_code())
}
