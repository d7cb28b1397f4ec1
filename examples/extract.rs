//! Extracts claim records from articles, one JSON line per article.
//!
//!     cargo run --release --example extract -- PATH... [--lexicon FILE]... [--no-defaults] [--lossy]
//!
//! PATH is a `.txt` file (one article, id = file name without extension), a
//! folder (every `.txt` below it), a `.jsonl` file of `{"id", "text"}`
//! objects, or `-` for standard input. Records go to standard output; an
//! article that cannot be read gives one error line on standard error and the
//! run goes on; a last summary line on standard error counts articles,
//! records, claims and errors. Exit status 1 when any error happened, 2 when
//! the lexicons are faulty.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use ree_claims::input::{read_paths, ReadOptions, Utf8Policy};
use ree_claims::Extractor;

#[derive(Parser)]
#[command(about = "Extract claim records (JSON Lines) from English and Chinese articles")]
struct Args {
    /// Articles: .txt files, folders, .jsonl files, or - for standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Extra lexicon file (repeatable), same format as lexicons/*.tsv.
    #[arg(long = "lexicon")]
    lexicons: Vec<PathBuf>,
    /// Do not load the embedded lexicons.
    #[arg(long)]
    no_defaults: bool,
    /// Replace invalid UTF-8 instead of reporting the article as an error.
    #[arg(long)]
    lossy: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
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
    let options = ReadOptions { utf8: if args.lossy { Utf8Policy::Lossy } else { Utf8Policy::Strict } };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let (mut articles, mut records, mut claims, mut errors) = (0usize, 0usize, 0usize, 0usize);
    for item in read_paths(&args.paths, options) {
        articles += 1;
        match item {
            Ok(article) => {
                let rec = extractor.extract(&article.id, &article.text);
                claims += rec.claims.len();
                records += 1;
                let written = serde_json::to_writer(&mut out, &rec).map_err(std::io::Error::from).and_then(|_| out.write_all(b"\n"));
                if written.is_err() {
                    eprintln!("cannot write to standard output");
                    return ExitCode::FAILURE;
                }
            }
            Err(e) => {
                errors += 1;
                eprintln!("{}", serde_json::to_string(&e.to_record()).unwrap_or_else(|_| e.to_string()));
            }
        }
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
