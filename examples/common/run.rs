//! What the examples that run the extractor over a corpus share: building
//! the extractor from the command line's lexicons, the thread pool, reading
//! in batches and extracting each batch on all threads, in input order, with
//! a panic in one article turned into that article's error.
//!
//! Each binary uses only part of this, hence the `dead_code` allowance.
#![allow(dead_code)]

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use ree_claims::input::{read_paths, Decoded, InputError, Pending, ReadOptions, Utf8Policy};
use ree_claims::record::ArticleRecord;
use ree_claims::Extractor;

#[path = "stream.rs"]
pub mod stream;

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
    caught(decoded, || {
        extractor.extract_article_with(&decoded.article, decoded.lossy.as_ref(), finish)
    })
}

/// The record of one article as a JSON line (written straight from the
/// analysis: [`Extractor::extract_article_json`]) and its number of claims;
/// a panic is that article's error, as in [`extract_caught`].
pub fn extract_json_caught(
    extractor: &Extractor,
    decoded: &Decoded,
) -> Result<(String, usize), InputError> {
    caught(decoded, || {
        let mut line = String::new();
        let n = extractor.extract_article_json(&decoded.article, decoded.lossy.as_ref(), &mut line);
        Ok((line, n.claims))
    })
}

/// `f`, with a panic in it turned into the error of the article `decoded`.
fn caught<T>(
    decoded: &Decoded,
    f: impl FnOnce() -> Result<T, InputError>,
) -> Result<T, InputError> {
    PANIC.with(|p| p.replace(Some(String::new())));
    let extracted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
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
    emit: impl FnMut(T, &mut Counts) -> Result<(), ExitCode> + Send,
) -> Result<Counts, ExitCode> {
    run_articles(
        paths,
        lossy,
        pool,
        |decoded| extract_caught(extractor, decoded, |rec| finish(decoded, rec)),
        emit,
    )
}

/// Reads `paths` as a stream of batches (memory stays flat), makes `T` of
/// each article with `work` on the pool's threads and hands every result to
/// `emit` in input order. Reading (JSON lines are parsed by `work`'s
/// threads), the work and `emit` overlap, each on its own thread
/// (`stream.rs`). Errors are counted and printed as error lines; `emit` stops
/// the run by returning an exit code.
pub fn run_articles<T: Send>(
    paths: &[PathBuf],
    lossy: bool,
    pool: &rayon::ThreadPool,
    work: impl Fn(&Decoded) -> Result<T, InputError> + Sync,
    mut emit: impl FnMut(T, &mut Counts) -> Result<(), ExitCode> + Send,
) -> Result<Counts, ExitCode> {
    let options = ReadOptions {
        utf8: if lossy {
            Utf8Policy::Lossy
        } else {
            Utf8Policy::Strict
        },
    };
    let mut counts = Counts::default();
    let mut stopped = None;
    let mut reader = read_paths(paths, options);
    let written = stream::run(
        pool,
        stream::Mode::Pipelined,
        stream::Batching::default(),
        std::iter::from_fn(move || reader.next_pending()),
        Pending::bytes,
        |item: Pending| item.decode().and_then(|decoded| work(&decoded)),
        |result| {
            counts.articles += 1;
            match result {
                Ok(t) => {
                    counts.records += 1;
                    emit(t, &mut counts).map_err(|code| {
                        stopped = Some(code);
                        io::Error::other("stopped by the output")
                    })
                }
                Err(e) => {
                    counts.errors += 1;
                    eprintln!("{}", error_line(&e));
                    Ok(())
                }
            }
        },
    );
    if let Some(code) = stopped {
        return Err(code);
    }
    written.map_err(|e| {
        eprintln!("{e}");
        ExitCode::FAILURE
    })?;
    Ok(counts)
}
