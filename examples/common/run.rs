//! What the examples that run the extractor over a corpus share: building
//! the extractor from the command line's lexicons, the thread pool, reading
//! in batches and extracting each batch on all threads, in input order, with
//! a panic in one article turned into that article's error.
//!
//! Each binary uses only part of this, hence the `dead_code` allowance.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::ExitCode;

use rayon::prelude::*;
use ree_claims::input::{read_paths, Decoded, InputError, Pending, ReadOptions, Utf8Policy};
use ree_claims::record::ArticleRecord;
use ree_claims::Extractor;

/// Bytes of article text per batch.
const BATCH_BYTES: usize = 4 << 20;
/// Articles per batch.
const BATCH_ARTICLES: usize = 1024;

/// The command-line arguments of a run over a corpus.
#[derive(clap::Args)]
pub struct CorpusArgs {
    /// Articles: .txt files, folders, .jsonl files, or - for standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Extra lexicon file (repeatable), same format as lexicons/*.tsv.
    #[arg(long = "lexicon")]
    pub lexicons: Vec<PathBuf>,
    /// Do not load the embedded lexicons.
    #[arg(long)]
    pub no_defaults: bool,
    /// Replace invalid UTF-8 instead of reporting the article as an error.
    #[arg(long)]
    pub lossy: bool,
}

impl CorpusArgs {
    /// Sends article panics to their error lines ([`catch_article_panics`]),
    /// then builds the extractor and the pool the run needs.
    pub fn start(&self) -> Result<(Extractor, rayon::ThreadPool), ExitCode> {
        catch_article_panics();
        let extractor = build_extractor(self.no_defaults, &self.lexicons)?;
        Ok((extractor, thread_pool(self.threads)?))
    }
}

/// The extractor on the embedded lexicons (unless `no_defaults`) and the
/// user's files; every fault of every file goes to standard error and the
/// run stops with status 2.
pub fn build_extractor(no_defaults: bool, lexicons: &[PathBuf]) -> Result<Extractor, ExitCode> {
    let mut builder = Extractor::builder();
    builder.defaults(!no_defaults);
    for l in lexicons {
        builder.lexicon_file(l);
    }
    builder.build().map_err(|e| {
        eprintln!("{e}");
        ExitCode::from(2)
    })
}

/// A pool of `threads` workers (all cores when none).
pub fn thread_pool(threads: Option<usize>) -> Result<rayon::ThreadPool, ExitCode> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .map_err(|e| {
            eprintln!("cannot start threads: {e}");
            ExitCode::from(2)
        })
}

thread_local! {
    /// While this thread extracts an article, the message of its panic, if any.
    static PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Sends the message of a panic inside [`extract_caught`] to that article's
/// error instead of standard error; any other panic is printed.
pub fn catch_article_panics() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string().replace('\n', " ");
        PANIC.with(|p| match p.borrow_mut().as_mut() {
            Some(caught) => *caught = msg,
            None => eprintln!("{msg}"),
        });
    }));
}

/// The error of an article that was read but not extracted.
pub fn article_error(decoded: &Decoded, reason: String) -> InputError {
    let a = &decoded.article;
    InputError {
        id: Some(a.id.clone()),
        file: a.file.clone(),
        line: a.line,
        offset: None,
        reason,
    }
}

/// What `finish` makes of the record of one article (which borrows the
/// article's text); a panic in the extractor is that article's error (with
/// the panic's message), not the run's end.
pub fn extract_caught<T>(
    extractor: &Extractor,
    decoded: &Decoded,
    finish: impl FnOnce(&ArticleRecord<'_>) -> Result<T, InputError>,
) -> Result<T, InputError> {
    PANIC.with(|p| p.replace(Some(String::new())));
    let extracted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        extractor.extract_article_with(&decoded.article, decoded.lossy.as_ref(), finish)
    }));
    let panic = PANIC.with(|p| p.take()).unwrap_or_default();
    extracted.unwrap_or_else(|_| {
        Err(article_error(
            decoded,
            format!("internal error, please report this article: {panic}"),
        ))
    })
}

/// The error as one JSON line (its `Display` form should serde fail).
pub fn error_line(e: &InputError) -> String {
    serde_json::to_string(&e.to_record()).unwrap_or_else(|_| e.to_string())
}

/// Articles read, records and errors of a run: articles = records + errors.
#[derive(Default)]
pub struct Counts {
    pub articles: usize,
    pub records: usize,
    pub claims: usize,
    pub errors: usize,
}

impl Counts {
    /// The summary line the examples end with on standard error.
    pub fn summary(&self) -> String {
        format!(
            "summary: articles={} records={} claims={} errors={}",
            self.articles, self.records, self.claims, self.errors
        )
    }

    /// 1 when any article gave an error, else 0.
    pub fn exit_code(&self) -> ExitCode {
        if self.errors > 0 {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// Reads `paths` in batches of a few megabytes (memory stays flat), turns
/// each article into a record on the pool's threads and then into `T` with
/// `finish` (serialising, say), and hands every result to `emit` in input
/// order. Errors are counted and printed as error lines; `emit` stops the run
/// by returning an exit code.
pub fn run_batches<T: Send>(
    paths: &[PathBuf],
    lossy: bool,
    extractor: &Extractor,
    pool: &rayon::ThreadPool,
    finish: impl Fn(&Decoded, &ArticleRecord<'_>) -> Result<T, InputError> + Sync,
    mut emit: impl FnMut(T, &mut Counts) -> Result<(), ExitCode>,
) -> Result<Counts, ExitCode> {
    let options = ReadOptions {
        utf8: if lossy {
            Utf8Policy::Lossy
        } else {
            Utf8Policy::Strict
        },
    };
    let mut counts = Counts::default();
    let mut reader = read_paths(paths, options);
    // JSON lines are parsed on the pool's threads, with the extraction.
    let mut inputs = std::iter::from_fn(|| reader.next_pending()).peekable();
    let mut batch: Vec<Pending> = Vec::with_capacity(BATCH_ARTICLES);
    while inputs.peek().is_some() {
        batch.clear();
        let mut bytes = 0;
        while bytes < BATCH_BYTES && batch.len() < BATCH_ARTICLES {
            let Some(item) = inputs.next() else { break };
            bytes += item.bytes();
            batch.push(item);
        }
        counts.articles += batch.len();
        let results: Vec<Result<T, InputError>> = pool.install(|| {
            batch
                .par_drain(..)
                .map(|item| {
                    let decoded = item.decode()?;
                    extract_caught(extractor, &decoded, |rec| finish(&decoded, rec))
                })
                .collect()
        });
        for r in results {
            match r {
                Ok(t) => {
                    counts.records += 1;
                    emit(t, &mut counts)?;
                }
                Err(e) => {
                    counts.errors += 1;
                    eprintln!("{}", error_line(&e));
                }
            }
        }
    }
    Ok(counts)
}
