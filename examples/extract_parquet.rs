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
#[path = "common/run.rs"]
mod run;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use parquet::ParquetSink;

#[derive(Parser)]
#[command(about = "Extract claim records from English and Chinese articles into Parquet tables")]
struct Args {
    #[command(flatten)]
    corpus: run::CorpusArgs,
    /// Folder for documents.parquet, claims.parquet and figures.parquet.
    #[arg(long)]
    out: PathBuf,
    /// Articles per row group.
    #[arg(long = "row-group", default_value_t = parquet::DOCS_PER_GROUP)]
    row_group: usize,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match extract(&args) {
        Ok(code) | Err(code) => code,
    }
}

fn extract(args: &Args) -> Result<ExitCode, ExitCode> {
    let (extractor, pool) = args.corpus.start()?;
    let fail = |e: String| {
        eprintln!("{e}");
        ExitCode::from(2)
    };
    let mut sink = ParquetSink::create(&args.out)
        .map_err(|e| fail(e.to_string()))?
        .with_docs_per_group(args.row_group);
    let counts = run::run_batches(
        &args.corpus.paths,
        args.corpus.lossy,
        &extractor,
        &pool,
        |_, rec| Ok(rec.clone().into_owned()),
        |rec, counts| {
            counts.claims += rec.claims.len();
            sink.push(&rec).map_err(|e| fail(e.to_string()))
        },
    )?;
    let written = sink.finish().map_err(|e| fail(e.to_string()))?;
    eprintln!("wrote {}: {written}", args.out.display());
    eprintln!("{}", counts.summary());
    Ok(counts.exit_code())
}
