//! Streams corpora through the extractor on N threads and says how fast it
//! went: articles, MB, MB/s, articles/s, claims, figures, CPU time and peak
//! memory.
//!
//! ```sh
//! cargo run --release --example throughput -- ../shared/corpus/bulk --out none
//! cargo run --release --example throughput -- ../shared/corpus/bulk --threads 2 --out records.jsonl
//! cargo run --release --example throughput -- en.txt --blank-line-articles --threads 1 \
//!     --sequential --out none --warm-up --repeat 5 --result ree-claims
//! ```
//!
//! `PATH` is a `.jsonl` file of `{"id", "text"}` objects, a `.txt` file (one
//! article, or with `--blank-line-articles` many articles separated by blank
//! lines, the format of `../shared/bench/make_corpus.py`), a folder (every
//! `.jsonl` and `.txt` below it, in path order, so `../shared/corpus/bulk`
//! works as it is), or `-` for standard input. Give a path several times to
//! run it several times.
//!
//! Full extraction: every record is built and serialised to JSON. `--out`
//! writes the records (one JSON line per article, in input order whatever the
//! thread count) to a file, to standard output (`-`, the default), or
//! nowhere (`none`: serialised, counted, dropped). A progress bar (bytes,
//! articles, rate, ETA) is drawn on standard error when it is a terminal,
//! unless `--quiet`. The last line on standard error is the summary:
//!
//! ```text
//! summary: articles=… records=… errors=… MB=… seconds=… MB/s=… articles/s=… claims=… figures=… out_MB=… cpu_s=… peak_MB=… threads=… mode=… build_ms=…
//! ```
//!
//! `MB` counts article text (10^6 bytes); `cpu_s` is user + system time of
//! the whole process; `peak_MB` is the resident high-water mark (`VmHWM`,
//! Linux). With `--repeat N` the corpus is run N times (after one untimed run
//! with `--warm-up`) and a `median:` line follows; `--result NAME` prints the
//! median in the peer benchmark's `RESULT` format (`../shared/bench/`) on
//! standard output, or standard error when the records go there.
//!
//! Reading, extracting and writing stream in batches of about a megabyte
//! (`examples/common/stream.rs`): memory stays flat however long the corpus.
//! By default reading and writing run on their own threads, overlapping the
//! `--threads` extraction workers; `--sequential` does one thing at a time,
//! so `--threads 1 --sequential` keeps exactly one core busy.
//!
//! `--in-memory` reads every article first, untimed, and times only the
//! extraction and the JSON records: the footing on which the peer benchmark
//! times its tools. Memory then holds the whole corpus; it is a way to
//! measure, not to run over years of news.

#[path = "common/huge_pages.rs"]
mod huge_pages;
#[path = "common/lines.rs"]
mod lines;
#[path = "common/run.rs"]
mod run;

use run::stream;

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use ree_claims::input::{
    read_paths, Article, Decoded, InputError, Pending, ReadOptions, Utf8Policy,
};
use ree_claims::Extractor;

#[derive(Parser)]
#[command(about = "Stream corpora through the extractor and measure throughput")]
struct Args {
    /// Corpora: .jsonl files, .txt files, folders, or - for standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Extraction threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Where records go: a file, - (standard output) or none.
    #[arg(long, default_value = "-")]
    out: String,
    /// Read .txt files as many articles separated by blank lines.
    #[arg(long)]
    blank_line_articles: bool,
    /// Read, extract and write one batch after the other (no overlap).
    #[arg(long)]
    sequential: bool,
    /// Megabytes of article text per batch.
    #[arg(long, default_value_t = 1.0)]
    batch_mb: f64,
    /// Timed runs over the corpus.
    #[arg(long, default_value_t = 1)]
    repeat: usize,
    /// One untimed run first.
    #[arg(long)]
    warm_up: bool,
    /// Print the median as a RESULT line of the peer benchmark, named NAME.
    #[arg(long, value_name = "NAME")]
    result: Option<String>,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
    /// Read every article into memory first (untimed) and time only the
    /// extraction and the records, as the peer benchmark times its tools.
    #[arg(long)]
    in_memory: bool,
    /// Only the extractor's automaton, counting matches over each article's
    /// key (no normalising, no checks, no records, nothing written): the
    /// raw-scan floor the full extraction is compared with, on the same
    /// corpus and in the same program.
    #[arg(long)]
    raw_scan: bool,
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

/// One input file (or standard input) and its size, for the progress bar.
struct Input {
    path: PathBuf,
    bytes: u64,
}

/// The files behind `paths`, in order: folders give every `.jsonl` and
/// `.txt` below them, sorted by path.
fn expand(paths: &[PathBuf]) -> io::Result<Vec<Input>> {
    fn walk(dir: &Path, out: &mut Vec<Input>) -> io::Result<()> {
        let mut items: Vec<PathBuf> = std::fs::read_dir(dir)?
            .map(|e| e.map(|e| e.path()))
            .collect::<io::Result<_>>()?;
        items.sort();
        for p in items {
            if p.is_dir() {
                walk(&p, out)?;
            } else if matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("jsonl" | "txt")
            ) {
                let bytes = p.metadata()?.len();
                out.push(Input { path: p, bytes });
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input {
                path: p.clone(),
                bytes: 0,
            });
        } else if p.is_dir() {
            walk(p, &mut out)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", p.display())))?;
        } else {
            let bytes = p
                .metadata()
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", p.display())))?
                .len();
            out.push(Input {
                path: p.clone(),
                bytes,
            });
        }
    }
    Ok(out)
}

/// Articles of a `.txt` file separated by blank lines; ids `STEM:N` (1-based).
struct BlankLineArticles {
    reader: Box<dyn BufRead + Send>,
    file: String,
    stem: String,
    line: usize,
    count: usize,
    policy: Utf8Policy,
    buf: Vec<u8>,
}

impl BlankLineArticles {
    fn open(path: &Path, policy: Utf8Policy) -> Result<Self, InputError> {
        let file = path.display().to_string();
        let reader: Box<dyn BufRead + Send> = if path.as_os_str() == "-" {
            Box::new(BufReader::new(io::stdin()))
        } else {
            let f = File::open(path).map_err(|e| InputError {
                id: None,
                file: file.clone(),
                line: None,
                offset: None,
                reason: format!("cannot open: {e}"),
            })?;
            Box::new(BufReader::with_capacity(1 << 16, f))
        };
        let stem = path
            .file_stem()
            .map_or_else(|| "-".into(), |s| s.to_string_lossy().into_owned());
        Ok(BlankLineArticles {
            reader,
            file,
            stem,
            line: 0,
            count: 0,
            policy,
            buf: Vec::new(),
        })
    }
}

impl Iterator for BlankLineArticles {
    type Item = Result<Article, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut text: Vec<u8> = Vec::new();
        let mut first_line = None;
        loop {
            self.buf.clear();
            let n = match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(n) => n,
                Err(e) => {
                    return Some(Err(InputError {
                        id: None,
                        file: self.file.clone(),
                        line: Some(self.line + 1),
                        offset: None,
                        reason: format!("cannot read: {e}"),
                    }))
                }
            };
            if n == 0 {
                break;
            }
            self.line += 1;
            if self.buf.trim_ascii().is_empty() {
                if text.is_empty() {
                    continue;
                }
                break;
            }
            first_line.get_or_insert(self.line);
            text.extend_from_slice(&self.buf);
        }
        if text.is_empty() {
            return None;
        }
        self.count += 1;
        let id = format!("{}:{}", self.stem, self.count);
        let (text, lossy) = match String::from_utf8(text) {
            Ok(s) => (s, false),
            Err(e) if self.policy == Utf8Policy::Lossy => {
                (String::from_utf8_lossy(e.as_bytes()).into_owned(), true)
            }
            Err(e) => {
                return Some(Err(InputError {
                    id: Some(id),
                    file: self.file.clone(),
                    line: first_line,
                    offset: Some(e.utf8_error().valid_up_to() as u64),
                    reason: format!(
                        "invalid UTF-8 at byte {} of the article",
                        e.utf8_error().valid_up_to()
                    ),
                }))
            }
        };
        Some(Ok(Article {
            id,
            text,
            file: self.file.clone(),
            line: first_line,
            title: None,
            date: None,
            source: None,
            lossy,
        }))
    }
}

/// An article (or the reason it could not be read) and the index of its input.
struct Item {
    /// JSON lines are parsed by the worker that extracts them, not by the
    /// reader thread: parsing is most of reading's work.
    pending: Pending,
    input: usize,
}

impl Item {
    /// Bytes of article text (what a batch is filled by).
    fn text_bytes(&self) -> usize {
        self.pending.bytes()
    }
}

/// Every article of `inputs`, in order, one at a time.
fn articles(
    inputs: &[Input],
    options: ReadOptions,
    blank_lines: bool,
) -> impl Iterator<Item = Item> + Send + '_ {
    inputs.iter().enumerate().flat_map(move |(i, input)| {
        let is_txt = input.path.extension().is_some_and(|e| e == "txt")
            || (input.path.as_os_str() == "-" && blank_lines);
        let ready = |r: Result<Article, InputError>| {
            Pending::Ready(r.map(|article| Decoded {
                article,
                lossy: None,
            }))
        };
        let it: Box<dyn Iterator<Item = Pending> + Send> = if blank_lines && is_txt {
            match BlankLineArticles::open(&input.path, options.utf8) {
                Ok(r) => Box::new(r.map(ready)),
                Err(e) => Box::new(std::iter::once(ready(Err(e)))),
            }
        } else {
            let mut files = read_paths(std::slice::from_ref(&input.path), options);
            Box::new(std::iter::from_fn(move || files.next_pending()))
        };
        it.map(move |pending| Item { pending, input: i })
    })
}

/// Every article of `inputs`, read and parsed (`--in-memory`).
fn preload(inputs: &[Input], args: &Args) -> Vec<Item> {
    articles(inputs, read_options(args), args.blank_line_articles)
        .map(|item| Item {
            pending: Pending::Ready(item.pending.decode()),
            input: item.input,
        })
        .collect()
}

/// What the workers hand to the writer.
struct Done {
    input: usize,
    text_bytes: usize,
    what: Outcome,
}

enum Outcome {
    Record {
        /// The record's JSON; empty when it goes nowhere (`--out none`), in
        /// which case the worker drops it.
        json: String,
        /// Bytes of the JSON.
        json_bytes: usize,
        claims: usize,
        figures: usize,
        mentions: usize,
    },
    Error(String),
}

/// Extracts one article; `work.keep` says whether the JSON goes on to the
/// sink or is only counted (`--out none`: it is then freed by the worker
/// that made it, not by the writer thread).
fn process(extractor: &Extractor, item: &Item, work: Work) -> Done {
    let keep = work.keep;
    let parsed;
    let article = match &item.pending {
        Pending::Ready(r) => r.as_ref(),
        Pending::Line(line) => {
            parsed = line.decode();
            parsed.as_ref()
        }
    }
    .map(|d| &d.article);
    let (text_bytes, what) = match article {
        Ok(article) if work.raw => (article.text.len(), raw_scan(extractor, &article.text)),
        Ok(article) => {
            // A bug that panics on one article must not end a run over
            // millions: the article becomes an error line (the panic message
            // itself is printed by the panic hook) and the run goes on.
            let extracted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let mut json = String::new();
                let n = extractor.extract_article_json(article, None, &mut json);
                Outcome::Record {
                    json_bytes: json.len(),
                    json: if keep { json } else { String::new() },
                    claims: n.claims,
                    figures: n.figures,
                    mentions: n.mentions,
                }
            }));
            let what = match extracted {
                Ok(what) => what,
                Err(panic) => {
                    let why = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_default();
                    let why = why.lines().next().unwrap_or("").to_string();
                    let error = ree_claims::record::ErrorRecord {
                        schema: ree_claims::record::SCHEMA.to_string(),
                        id: Some(article.id.clone()),
                        file: article.file.clone(),
                        line: article.line,
                        offset: None,
                        error: format!("the extractor panicked: {why}"),
                    };
                    let line = serde_json::to_string(&error).unwrap_or(error.error);
                    Outcome::Error(line)
                }
            };
            (article.text.len(), what)
        }
        Err(e) => (
            0,
            Outcome::Error(serde_json::to_string(&e.to_record()).unwrap_or_else(|_| e.to_string())),
        ),
    };
    Done {
        input: item.input,
        text_bytes,
        what,
    }
}

/// What the workers do with each article.
#[derive(Clone, Copy)]
struct Work {
    /// The JSON goes on to the sink (else it is only counted).
    keep: bool,
    /// `--raw-scan`: only the automaton.
    raw: bool,
}

/// The raw scan of one article: the matcher's key of the text (ASCII
/// lowercased, other ASCII as spaces) and the automaton's leftmost-longest
/// matches over it, found by the matcher's own search loop and counted. No
/// record is made.
fn raw_scan(extractor: &Extractor, text: &str) -> Outcome {
    let key = ree_claims::matcher::Matcher::key(text);
    let matches = extractor.matcher().count_matches(&key);
    Outcome::Record {
        json: String::new(),
        json_bytes: 0,
        claims: 0,
        figures: 0,
        mentions: matches,
    }
}

/// Counts of one run.
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    articles: usize,
    records: usize,
    errors: usize,
    text_bytes: u64,
    out_bytes: u64,
    claims: usize,
    figures: usize,
    mentions: usize,
}

/// Where records go.
enum Sink {
    Write(lines::Gather),
    Count,
}

impl Sink {
    fn open(out: &str) -> io::Result<Sink> {
        Ok(match out {
            "none" => Sink::Count,
            "-" => Sink::Write(lines::Gather::new(Box::new(io::stdout()))),
            path => Sink::Write(lines::Gather::new(Box::new(
                File::create(path).map_err(|e| io::Error::new(e.kind(), format!("{path}: {e}")))?,
            ))),
        })
    }

    fn line(&mut self, json: String) -> io::Result<()> {
        match self {
            Sink::Write(g) => g.push(json),
            Sink::Count => Ok(()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Write(g) => g.flush(),
            Sink::Count => Ok(()),
        }
    }
}

/// The progress bar: position in input-file bytes, exact at file ends and
/// advanced by article text within a file.
struct Progress {
    bar: ProgressBar,
    /// Bytes of the inputs before input `i`.
    starts: Vec<u64>,
    sizes: Vec<u64>,
    current: usize,
    in_current: u64,
}

impl Progress {
    fn new(inputs: &[Input], hidden: bool) -> Progress {
        let total: u64 = inputs.iter().map(|i| i.bytes).sum();
        let bar = if hidden {
            ProgressBar::hidden()
        } else {
            ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
        };
        bar.set_style(
            ProgressStyle::with_template(
                "{elapsed_precise} [{wide_bar}] {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec} {msg} ETA {eta}",
            )
            .expect("the template is valid")
            .progress_chars("=> "),
        );
        let mut starts = Vec::with_capacity(inputs.len());
        let mut at = 0;
        for i in inputs {
            starts.push(at);
            at += i.bytes;
        }
        Progress {
            bar,
            starts,
            sizes: inputs.iter().map(|i| i.bytes).collect(),
            current: 0,
            in_current: 0,
        }
    }

    fn advance(&mut self, done: &Done, counts: &Counts, started: Instant) {
        if done.input != self.current {
            self.current = done.input;
            self.in_current = 0;
        }
        self.in_current += done.text_bytes as u64;
        let pos = self.starts.get(self.current).copied().unwrap_or(0)
            + self
                .in_current
                .min(self.sizes.get(self.current).copied().unwrap_or(0));
        self.bar.set_position(pos);
        if counts.articles % 256 == 1 {
            let secs = started.elapsed().as_secs_f64().max(1e-9);
            self.bar.set_message(format!(
                "{} articles ({:.0}/s)",
                counts.articles,
                counts.articles as f64 / secs
            ));
        }
    }
}

/// User + system CPU time of this process (Linux `/proc`, 100 ticks a second).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// Peak resident memory in bytes (`VmHWM` of `/proc/self/status`, Linux).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

struct Run {
    counts: Counts,
    elapsed: Duration,
}

fn run_once(
    args: &Args,
    extractor: &Extractor,
    pool: &rayon::ThreadPool,
    inputs: &[Input],
    preloaded: Option<&[Item]>,
    hidden: bool,
) -> io::Result<Run> {
    // A raw scan makes no records: nothing to write.
    let mut sink = if args.raw_scan {
        Sink::Count
    } else {
        Sink::open(&args.out)?
    };
    let work = Work {
        keep: !matches!(sink, Sink::Count),
        raw: args.raw_scan,
    };
    let mut progress = Progress::new(inputs, hidden);
    let mut counts = Counts::default();
    let started = Instant::now();
    let limits = stream::Batching {
        bytes: ((args.batch_mb.max(0.001)) * 1e6) as usize,
        ..stream::Batching::default()
    };
    let mode = if args.sequential {
        stream::Mode::Sequential
    } else {
        stream::Mode::Pipelined
    };
    let mut record = |done: Done| {
        counts.articles += 1;
        counts.text_bytes += done.text_bytes as u64;
        progress.advance(&done, &counts, started);
        match done.what {
            Outcome::Record {
                json,
                json_bytes,
                claims,
                figures,
                mentions,
            } => {
                counts.records += 1;
                counts.claims += claims;
                counts.figures += figures;
                counts.mentions += mentions;
                if !work.raw {
                    counts.out_bytes += json_bytes as u64 + 1;
                }
                sink.line(json)?;
            }
            Outcome::Error(line) => {
                counts.errors += 1;
                progress.bar.suspend(|| eprintln!("{line}"));
            }
        }
        Ok(())
    };
    match preloaded {
        Some(items) => stream::run(
            pool,
            mode,
            limits,
            items.iter(),
            |item: &&Item| item.text_bytes(),
            |item| process(extractor, item, work),
            &mut record,
        )?,
        None => stream::run(
            pool,
            mode,
            limits,
            articles(inputs, read_options(args), args.blank_line_articles),
            Item::text_bytes,
            |item| process(extractor, &item, work),
            &mut record,
        )?,
    }
    sink.flush()?;
    let elapsed = started.elapsed();
    progress.bar.finish_and_clear();
    Ok(Run { counts, elapsed })
}

fn read_options(args: &Args) -> ReadOptions {
    ReadOptions {
        utf8: if args.lossy {
            Utf8Policy::Lossy
        } else {
            Utf8Policy::Strict
        },
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    huge_pages::restart_with_huge_pages();
    let inputs = match expand(&args.paths) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let built = Instant::now();
    let extractor = match run::build_extractor(args.no_defaults, &args.lexicons) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let build_s = built.elapsed().as_secs_f64();
    let threads = args.threads.unwrap_or(0);
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cannot start threads: {e}");
            return ExitCode::from(2);
        }
    };
    let threads = pool.current_num_threads();
    let mode = match (args.sequential, args.in_memory) {
        (true, false) => "sequential",
        (false, false) => "pipelined",
        (true, true) => "sequential,in-memory",
        (false, true) => "pipelined,in-memory",
    };
    let hidden = args.quiet || !io::stderr().is_terminal();
    let huge = huge_pages::malloc_in_huge_pages();
    let file_bytes: u64 = inputs.iter().map(|i| i.bytes).sum();

    // With --in-memory the articles are read once, before any timing.
    let preloaded: Option<Vec<Item>> = args.in_memory.then(|| {
        let read = Instant::now();
        let items = preload(&inputs, &args);
        let bytes: usize = items.iter().map(Item::text_bytes).sum();
        eprintln!(
            "in memory: {} articles, {:.2} MB read in {:.3} s (not timed)",
            items.len(),
            bytes as f64 / 1e6,
            read.elapsed().as_secs_f64()
        );
        items
    });
    let preloaded = preloaded.as_deref();
    if args.warm_up {
        if let Err(e) = run_once(&args, &extractor, &pool, &inputs, preloaded, hidden) {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    }
    let mut runs = Vec::new();
    for _ in 0..args.repeat.max(1) {
        let cpu0 = cpu_seconds();
        let run = match run_once(&args, &extractor, &pool, &inputs, preloaded, hidden) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        };
        let c = &run.counts;
        let secs = run.elapsed.as_secs_f64().max(1e-9);
        let cpu = match (cpu0, cpu_seconds()) {
            (Some(a), Some(b)) => format!("{:.2}", b - a),
            _ => "?".into(),
        };
        let peak = peak_memory().map_or_else(|| "?".into(), |b| format!("{:.1}", b as f64 / 1e6));
        eprintln!(
            "summary: articles={} records={} errors={} MB={:.2} seconds={:.3} MB/s={:.2} articles/s={:.0} \
             claims={} figures={} out_MB={:.2} cpu_s={cpu} peak_MB={peak} threads={threads} mode={mode} build_ms={:.1} \
             malloc_huge_pages={huge}",
            c.articles,
            c.records,
            c.errors,
            c.text_bytes as f64 / 1e6,
            secs,
            c.text_bytes as f64 / 1e6 / secs,
            c.articles as f64 / secs,
            c.claims,
            c.figures,
            c.out_bytes as f64 / 1e6,
            build_s * 1e3,
        );
        runs.push(run);
    }
    let last = runs.last().expect("at least one run").counts;
    if runs.len() > 1 || args.result.is_some() {
        let mut secs: Vec<f64> = runs.iter().map(|r| r.elapsed.as_secs_f64()).collect();
        let (min, max) = (
            secs.iter().copied().fold(f64::INFINITY, f64::min),
            secs.iter().copied().fold(0.0, f64::max),
        );
        let med = median(&mut secs).max(1e-9);
        eprintln!(
            "median: runs={} seconds={med:.3} MB/s={:.2} articles/s={:.0} (min {min:.3} s, max {max:.3} s)",
            runs.len(),
            last.text_bytes as f64 / 1e6 / med,
            last.articles as f64 / med,
        );
        if let Some(name) = &args.result {
            // The peers' bytes are those of the corpus file; so are these.
            let bytes = if file_bytes > 0 {
                file_bytes
            } else {
                last.text_bytes
            };
            let what = if args.raw_scan {
                "raw scan (the extractor's automaton counting matches over each article's key, no further work); \
                 matches = automaton matches"
            } else {
                "full extraction (normalise, sentences, lexicon match, figures, orgs, claims, JSON records); \
                 matches = entity mentions in the records"
            };
            let line = format!(
                "RESULT\t{name}\t{bytes}\t{med:.4}\t{:.2}\t{}\t{build_s:.4}\t{min:.4}\t{max:.4}\t\tree-claims {}\t\
                 {what}, threads={threads} {mode}; compile = Extractor build; \
                 {} articles, {} claims, {} figures",
                bytes as f64 / med / 1e6,
                last.mentions,
                env!("CARGO_PKG_VERSION"),
                last.articles,
                last.claims,
                last.figures,
            );
            if args.out == "-" {
                eprintln!("{line}");
            } else {
                println!("{line}");
            }
        }
    }
    if last.errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs the repo's samples through `run_once` with `extra` options and
    /// returns the counts and the records written.
    fn run(extra: &[&str]) -> (Counts, Vec<u8>) {
        // One file per call: the tests run at once in one process, and two of
        // them make the same run.
        static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let out = std::env::temp_dir().join(format!(
            "ree-throughput-test-{}-{call}.jsonl",
            std::process::id()
        ));
        let out_arg = out.to_string_lossy().into_owned();
        let mut argv = vec!["throughput", "samples", "--quiet", "--out", &out_arg];
        argv.extend_from_slice(extra);
        let args = Args::parse_from(argv);
        let inputs = expand(&args.paths).expect("the samples are there");
        let extractor = Extractor::new().expect("the embedded lexicons build");
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .expect("a pool");
        let preloaded: Option<Vec<Item>> = args.in_memory.then(|| preload(&inputs, &args));
        let run = run_once(
            &args,
            &extractor,
            &pool,
            &inputs,
            preloaded.as_deref(),
            true,
        )
        .expect("the run ends");
        let written = std::fs::read(&out).unwrap_or_default();
        let _ = std::fs::remove_file(&out);
        (run.counts, written)
    }

    #[test]
    fn in_memory_writes_what_streaming_writes() {
        let samples = std::fs::read_dir("samples").expect("samples").count();
        let (streamed, a) = run(&[]);
        let (in_memory, b) = run(&["--in-memory"]);
        let (sequential, c) = run(&["--in-memory", "--sequential"]);
        assert_eq!(streamed.records, samples);
        assert_eq!(streamed.errors, 0);
        assert!(streamed.claims > 0 && streamed.figures > 0);
        assert_eq!(a.iter().filter(|&&b| b == b'\n').count(), samples);
        assert_eq!(a, b);
        assert_eq!(a, c);
        for other in [in_memory, sequential] {
            assert_eq!(
                (other.records, other.claims, other.figures, other.out_bytes),
                (
                    streamed.records,
                    streamed.claims,
                    streamed.figures,
                    streamed.out_bytes
                )
            );
        }
    }

    #[test]
    fn raw_scan_counts_matches_and_writes_nothing() {
        let (full, _) = run(&["--in-memory"]);
        let (raw, written) = run(&["--in-memory", "--raw-scan"]);
        assert!(written.is_empty());
        assert_eq!(raw.records, full.records);
        assert_eq!((raw.claims, raw.figures, raw.out_bytes), (0, 0, 0));
        // Every automaton match, cue words and refused matches included, is
        // more than the entity mentions the records keep.
        assert!(
            raw.mentions > full.mentions,
            "{} <= {}",
            raw.mentions,
            full.mentions
        );
    }
}
