//! The commitments ledger of a corpus: claims aggregated by actor (one row per
//! canonical concept, whatever language names it), with counts of
//! commitments, plans and forecasts, how many carry a figure or deadline,
//! first and last article date, the concepts they concern most, and a watch
//! list of the commitments and plans that never came with a figure.
//!
//!     cargo run --release --example ledger -- PATH... [--format md|json|html] [-o FILE]
//!         [--index FILE]... [--top N] [--watch N] [--threads N] [--records]
//!
//! PATH is read as by `extract` (`.txt` files, folders, `.jsonl` articles
//! with optional `date`, `title` and `source`, `-`). `--index` attaches
//! dates, titles and sources to articles by id (JSON Lines of `{"id",
//! "date", "title", "source"}`); without it, a folder's own `index.jsonl`
//! is used. With `--records`, the PATHs are JSON Lines records written by
//! `extract` and nothing is extracted again. The ledger goes to `-o FILE` or
//! standard output; a summary line goes to standard error.

#[path = "common/views.rs"]
mod views;

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use rayon::prelude::*;
use ree_claims::input::{read_paths, Article, ReadOptions};
use ree_claims::record::ArticleRecord;
use ree_claims::Extractor;
use views::ledger::LedgerBuilder;
use views::meta::{default_index_files, is_index_file, Index, Meta};

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Md,
    Json,
    Html,
}

#[derive(Parser)]
#[command(about = "Aggregate a corpus's claims by actor: the commitments ledger")]
struct Args {
    /// Articles: .txt files, folders, .jsonl files, or - (records with --records).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// md, json or html.
    #[arg(long, value_enum, default_value = "md")]
    format: Format,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// JSON Lines index of {"id", "date", "title", "source"} (repeatable);
    /// default: index.jsonl of each folder given.
    #[arg(long)]
    index: Vec<PathBuf>,
    /// Concepts listed per actor.
    #[arg(long, default_value_t = 5)]
    top: usize,
    /// Watch items shown per actor in md and html (0: all; json has all).
    #[arg(long, default_value_t = 0)]
    watch: usize,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// The PATHs are records written by `extract`, not articles.
    #[arg(long)]
    records: bool,
}

/// Articles per parallel batch.
const BATCH: usize = 256;

struct Counts {
    articles: usize,
    errors: usize,
}

fn meta_of(article: &Article, index: &Index) -> Meta {
    Meta {
        date: article.date.clone(),
        title: article.title.clone(),
        source: article.source.clone(),
    }
    .or(index.get(&article.id))
}

fn from_articles(
    args: &Args,
    index: &Index,
    index_files: &[PathBuf],
    ledger: &mut LedgerBuilder,
) -> Result<Counts, String> {
    let extractor = Extractor::new().map_err(|e| e.to_string())?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .map_err(|e| format!("cannot start threads: {e}"))?;
    let mut counts = Counts {
        articles: 0,
        errors: 0,
    };
    // An index file met while reading (a folder's index.jsonl) is metadata,
    // not articles: its lines are not errors.
    let is_index = |file: &str| is_index_file(index_files, file);
    let mut inputs = read_paths(&args.paths, ReadOptions::default()).peekable();
    while inputs.peek().is_some() {
        let mut batch = Vec::with_capacity(BATCH);
        for item in inputs.by_ref() {
            match item {
                Ok(a) => batch.push(a),
                Err(e) if is_index(&e.file) => {}
                Err(e) => {
                    counts.errors += 1;
                    eprintln!("{e}");
                }
            }
            if batch.len() == BATCH {
                break;
            }
        }
        let records: Vec<ArticleRecord> = pool.install(|| {
            batch
                .par_iter()
                .map(|a| extractor.extract_article(a))
                .collect()
        });
        for (a, r) in batch.iter().zip(&records) {
            ledger.add(r, &meta_of(a, index));
        }
        counts.articles += batch.len();
    }
    Ok(counts)
}

fn from_records(args: &Args, index: &Index, ledger: &mut LedgerBuilder) -> Counts {
    let mut counts = Counts {
        articles: 0,
        errors: 0,
    };
    for path in &args.paths {
        let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
            Box::new(BufReader::new(std::io::stdin()))
        } else {
            match std::fs::File::open(path) {
                Ok(f) => Box::new(BufReader::new(f)),
                Err(e) => {
                    eprintln!("{}: cannot open: {e}", path.display());
                    counts.errors += 1;
                    continue;
                }
            }
        };
        for (n, line) in reader.lines().enumerate() {
            let line = match line {
                Ok(l) => l,
                Err(e) => {
                    eprintln!("{}:{}: cannot read: {e}", path.display(), n + 1);
                    counts.errors += 1;
                    break;
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            let value: Result<serde_json::Value, _> = serde_json::from_str(&line);
            let is_error = value.as_ref().is_ok_and(|v| {
                v.get("error").is_some() && v.get("claims").is_none() // an error line of extract
            });
            if is_error {
                continue;
            }
            match value.and_then(serde_json::from_value::<ArticleRecord>) {
                Ok(r) => {
                    let meta = Meta::default().or(index.get(&r.id));
                    ledger.add(&r, &meta);
                    counts.articles += 1;
                }
                Err(e) => {
                    eprintln!("{}:{}: not a record: {e}", path.display(), n + 1);
                    counts.errors += 1;
                }
            }
        }
    }
    counts
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut index_files = args.index.clone();
    if index_files.is_empty() {
        index_files = default_index_files(&args.paths);
        for f in &index_files {
            eprintln!("dates from {}", f.display());
        }
    }
    let mut index = Index::new();
    for path in &index_files {
        if let Err(e) = index.load(path) {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    }
    let mut builder = LedgerBuilder::new();
    let counts = if args.records {
        from_records(&args, &index, &mut builder)
    } else {
        match from_articles(&args, &index, &index_files, &mut builder) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
    };
    let ledger = builder.finish(args.top);
    let text = match args.format {
        Format::Md => views::ledger::markdown(&ledger, args.watch),
        Format::Json => views::ledger::json(&ledger),
        Format::Html => views::ledger::html(&ledger, args.watch),
    };
    let written = match &args.output {
        Some(path) => std::fs::write(path, text.as_bytes()),
        None => std::io::stdout().lock().write_all(text.as_bytes()),
    };
    if let Err(e) = written {
        eprintln!("cannot write: {e}");
        return ExitCode::FAILURE;
    }
    let watch: usize = ledger.actors.iter().map(|r| r.watch.len()).sum();
    eprintln!(
        "summary: articles={} dated={} actors={} watch={} errors={}",
        counts.articles,
        ledger.dated_articles,
        ledger.actors.len(),
        watch,
        counts.errors
    );
    if counts.errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
