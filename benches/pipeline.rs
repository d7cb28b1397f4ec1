//! Where the time goes: building the extractor, then each stage of the
//! pipeline alone, on English and on Chinese news.
//!
//! ```sh
//! cargo bench --bench pipeline                 # everything, three to four minutes
//! cargo bench --bench pipeline -- build        # lexicon parse, automaton, full builder
//! cargo bench --bench pipeline -- stages_zh    # one language
//! cargo bench --bench pipeline -- 'stages_en/(raw_scan|matcher)'
//! REE_BENCH_CLOCK=cpu cargo bench --bench pipeline   # thread CPU time: steadier on a busy machine
//! ```
//!
//! Text: a slice of about `REE_BENCH_MB` megabytes (default 1.5) of articles
//! taken evenly across the bulk corpora in `../shared/corpus/bulk/` (or
//! `$REE_CORPUS/bulk/`), read when the bench starts: Reuters, BBC and Lexis
//! for English, the 2011 business news for Chinese. Without the corpus the
//! bench says so and runs on a small built-in text instead, whose numbers are
//! not representative.
//!
//! Every stage runs over every article of the slice, one article at a time as
//! the extractor does, and reports the throughput in bytes of the *original*
//! articles (`Throughput::BytesDecimal`: MB = 10^6 bytes, as the peer
//! benchmark counts), so the MB/s of all stages compare directly and the time
//! of a stage is its share of the cost. Stages after `normalize` read inputs
//! prepared outside the timed loop (normalised text, sentences, hits, ...):
//!
//! | bench | what runs |
//! | --- | --- |
//! | `normalize` | `normalize::normalize` |
//! | `segment` | `segment::split_into` |
//! | `raw_scan` | the extractor's own automaton and search loop (`Matcher::count_matches`) over the matcher's key of the text: the floor |
//! | `raw_scan_crate` | the same automaton through the aho-corasick crate's `try_find_iter(..).count()` |
//! | `matcher` | `Matcher::find_into` (automaton + word boundaries + exact case) |
//! | `currency` | `figure::context_for` |
//! | `figures` | `figure::find_into` |
//! | `orgs` | `orgs::find` (organisations by shape) |
//! | `classify` | `classify::classify` |
//! | `analyze` | `Extractor::analyze`: every stage above, in one pass |
//! | `record` | `Extractor::record`: analysis → record types (borrowing the text) |
//! | `serialize` | `ArticleRecord::write_json` of the records (what the examples write) |
//! | `serialize_serde` | `serde_json::to_writer` of the same records: the same bytes, for comparison |
//! | `extract` | `Extractor::extract` (an owned record) |
//! | `extract_json` | `Extractor::extract_with` + `write_json`: the full job, as the examples do it |

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{Criterion, SamplingMode, Throughput};
use ree_claims::classify::{self, CueInfo};
use ree_claims::figure::{self, FigureContext};
use ree_claims::lexicon::{self, Entry};
use ree_claims::matcher::{Hit, Matcher};
use ree_claims::normalize::normalize;
use ree_claims::segment::{self, Segment};
use ree_claims::{orgs, Extractor};

/// Bulk collections per language, under `<corpus>/bulk/`.
const EN_SOURCES: &[&str] = &[
    "reuters21578",
    "bbc-news-2004-2005",
    "lexis-au-business-2022-2025",
];
const ZH_SOURCES: &[&str] = &["zh-business-news-2011"];

/// Fallback text, written for this bench (not taken from any corpus).
const EN_FALLBACK: &str = "Rare earth output rises at northern mine\n\n\
The operator of the Mount Weld mine said on Tuesday it plans to lift output of \
neodymium and praseodymium oxide by 20 per cent to 12,000 tonnes a year by 2026. \
The company did not disclose the cost of the expansion. Analysts said prices could \
fall if Chinese producers raise their quotas again. \"We expect the new kiln to be \
running before the end of the year,\" the chief executive told reporters. The \
Ministry of Industry and Information Technology has set a total quota of 240,000 \
tonnes for 2024, up about 14% from a year earlier.\n";
const ZH_FALLBACK: &str = "稀土企业加快技术改造\n\n\
某稀土集团表示，公司计划到2026年将冶炼分离产能提高到5万吨，预计总投资约12亿元。\
该公司未披露具体的融资安排。业内人士认为，稀土价格今年可能继续波动。\
工业和信息化部要求各地严格执行开采总量控制指标，确保行业健康发展。\
去年该集团实现营业收入320亿元，同比增长15%。\n";

/// One language's slice of articles.
struct Slice {
    lang: &'static str,
    articles: Vec<String>,
    bytes: u64,
    from_corpus: bool,
}

fn corpus_dir() -> PathBuf {
    match std::env::var_os("REE_CORPUS") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
    }
}

fn slice_mb() -> f64 {
    std::env::var("REE_BENCH_MB")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|&mb: &f64| mb > 0.0)
        .unwrap_or(1.5)
}

/// Texts of every `.jsonl` record under `dir`, in path order.
fn read_jsonl_dir(dir: &Path, out: &mut Vec<String>) -> std::io::Result<()> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    for f in files {
        for line in std::fs::read_to_string(&f)?.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            if let Some(text) = v.get("text").and_then(|t| t.as_str()) {
                out.push(text.to_string());
            }
        }
    }
    Ok(())
}

/// About `slice_mb()` megabytes of articles taken evenly (every k-th) across
/// the language's bulk collections, or the built-in text when they are absent.
fn load(lang: &'static str) -> Slice {
    let (sources, fallback) = match lang {
        "en" => (EN_SOURCES, EN_FALLBACK),
        _ => (ZH_SOURCES, ZH_FALLBACK),
    };
    let bulk = corpus_dir().join("bulk");
    let mut all = Vec::new();
    for s in sources {
        if let Err(e) = read_jsonl_dir(&bulk.join(s), &mut all) {
            eprintln!(
                "pipeline bench: cannot read {} ({e}); skipping it",
                bulk.join(s).display()
            );
        }
    }
    let target = (slice_mb() * 1e6) as u64;
    let total: u64 = all.iter().map(|t| t.len() as u64).sum();
    if all.is_empty() {
        eprintln!(
            "pipeline bench: no {lang} corpus under {} (set REE_CORPUS); using the built-in \
             {lang} text, numbers NOT representative",
            bulk.display()
        );
        let articles = vec![fallback.to_string(); 200];
        let bytes = articles.iter().map(|t| t.len() as u64).sum();
        return Slice {
            lang,
            articles,
            bytes,
            from_corpus: false,
        };
    }
    let stride = (total / target.max(1)).max(1) as usize;
    let mut articles = Vec::new();
    let mut bytes = 0u64;
    for t in all.into_iter().step_by(stride) {
        if bytes >= target {
            break;
        }
        bytes += t.len() as u64;
        articles.push(t);
    }
    eprintln!(
        "pipeline bench: {lang}: {} articles, {:.2} MB (every {stride}th of {:.1} MB in {})",
        articles.len(),
        bytes as f64 / 1e6,
        total as f64 / 1e6,
        bulk.display()
    );
    Slice {
        lang,
        articles,
        bytes,
        from_corpus: true,
    }
}

fn extractor() -> Extractor {
    Extractor::new().expect("the embedded lexicons parse")
}

fn parse_embedded() -> Vec<Entry> {
    let mut entries = Vec::new();
    for (name, text) in lexicon::EMBEDDED {
        entries.extend(lexicon::parse(name, text).expect("embedded lexicon parses"));
    }
    lexicon::check_unique(&entries).expect("embedded lexicons are unique");
    entries
}

/// Building the extractor, in parts and whole.
fn build<M: Measurement>(c: &mut Criterion<M>) {
    let mut g = c.benchmark_group("build");
    g.sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .sampling_mode(SamplingMode::Flat);
    let entries = parse_embedded();
    let patterns: usize = entries.iter().map(|e| e.aliases().count()).sum();
    eprintln!(
        "pipeline bench: {} entries, {patterns} aliases in the embedded lexicons",
        entries.len()
    );
    g.bench_function("lexicon_parse", |b| b.iter(parse_embedded));
    g.bench_function("automaton", |b| {
        b.iter(|| Matcher::new(black_box(&entries)).expect("automaton builds"))
    });
    g.bench_function("extractor_new", |b| b.iter(extractor));
    g.finish();
}

/// Everything each stage needs, prepared once outside the timed loops.
struct Prepared {
    norm: Vec<String>,
    segments: Vec<Vec<Segment>>,
    hits: Vec<Vec<Hit>>,
    currency: Vec<FigureContext>,
    figures: Vec<(Vec<figure::Figure>, Vec<figure::TimeMention>)>,
    orgs: Vec<Vec<ree_claims::Span>>,
}

fn prepare(x: &Extractor, cues: &[CueInfo], articles: &[String]) -> Prepared {
    let norm: Vec<String> = articles
        .iter()
        .map(|t| normalize(t).as_str().to_string())
        .collect();
    let segments: Vec<Vec<Segment>> = norm.iter().map(|t| segment::split(t)).collect();
    let hits: Vec<Vec<Hit>> = norm
        .iter()
        .map(|t| {
            let mut h = x.matcher().find(t);
            h.retain(|h| !cues[h.entry as usize].block);
            h
        })
        .collect();
    // The extractor's own currency reading also looks at the hits; the bench
    // takes the text's reading, which costs the same for the stages after.
    let currency: Vec<FigureContext> = norm.iter().map(|t| figure::context_for(t)).collect();
    let figures = norm
        .iter()
        .zip(&currency)
        .map(|(t, ctx)| {
            let (mut f, mut tm) = (Vec::new(), Vec::new());
            figure::find_into(t, ctx, &mut f, &mut tm);
            (f, tm)
        })
        .collect();
    let orgs = norm
        .iter()
        .zip(&segments)
        .zip(&hits)
        .map(|((t, s), h)| orgs::find(t, s, h, x.entries(), cues))
        .collect();
    Prepared {
        norm,
        segments,
        hits,
        currency,
        figures,
        orgs,
    }
}

/// Each stage alone, then the whole, on one language's slice.
fn stages<M: Measurement>(c: &mut Criterion<M>, slice: &Slice) {
    let x = extractor();
    let cues: Vec<CueInfo> = x.entries().iter().map(CueInfo::of).collect();
    let lex = || classify::Lexicon {
        entries: x.entries(),
        cues: &cues,
    };
    let arts = &slice.articles;
    let p = prepare(&x, &cues, arts);

    let name = if slice.from_corpus {
        format!("stages_{}", slice.lang)
    } else {
        format!("stages_{}_builtin", slice.lang)
    };
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::BytesDecimal(slice.bytes))
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .sampling_mode(SamplingMode::Flat);

    g.bench_function("normalize", |b| {
        b.iter(|| {
            arts.iter()
                .map(|t| normalize(black_box(t)).as_str().len())
                .sum::<usize>()
        })
    });
    g.bench_function("segment", |b| {
        let mut out = Vec::new();
        b.iter(|| {
            let mut n = 0;
            for t in &p.norm {
                out.clear();
                segment::split_into(black_box(t), &mut out);
                n += out.len();
            }
            n
        })
    });
    // The automaton runs over the matcher's key of the text (ASCII
    // lowercased, punctuation as spaces); the keys are made outside the
    // timed loop, so this is the scan alone.
    let keys: Vec<Vec<u8>> = p
        .norm
        .iter()
        .map(|t| ree_claims::matcher::Matcher::key(t))
        .collect();
    g.bench_function("raw_scan", |b| {
        // The matcher's own search (the automaton's transitions on ASCII
        // bytes from its table), as the extractor runs it.
        b.iter(|| {
            keys.iter()
                .map(|k| x.matcher().count_matches(black_box(k.as_slice())))
                .sum::<usize>()
        })
    });
    g.bench_function("raw_scan_crate", |b| {
        // The same automaton through the aho-corasick crate's own search.
        let ac = x.matcher().automaton();
        b.iter(|| {
            keys.iter()
                .map(|k| {
                    aho_corasick::automaton::Automaton::try_find_iter(
                        ac,
                        aho_corasick::Input::new(black_box(k.as_slice())),
                    )
                    .expect("an NFA search cannot fail")
                    .count()
                })
                .sum::<usize>()
        })
    });
    g.bench_function("matcher", |b| {
        let mut out = Vec::new();
        b.iter(|| {
            let mut n = 0;
            for t in &p.norm {
                out.clear();
                x.matcher().find_into(black_box(t), &mut out);
                n += out.len();
            }
            n
        })
    });
    g.bench_function("currency", |b| {
        b.iter(|| {
            p.norm
                .iter()
                .map(|t| figure::context_for(black_box(t)).dollar.len())
                .sum::<usize>()
        })
    });
    g.bench_function("figures", |b| {
        let (mut f, mut tm) = (Vec::new(), Vec::new());
        b.iter(|| {
            let mut n = 0;
            for (t, ctx) in p.norm.iter().zip(&p.currency) {
                f.clear();
                tm.clear();
                figure::find_into(black_box(t), ctx, &mut f, &mut tm);
                n += f.len() + tm.len();
            }
            n
        })
    });
    g.bench_function("orgs", |b| {
        b.iter(|| {
            let mut n = 0;
            for ((t, s), h) in p.norm.iter().zip(&p.segments).zip(&p.hits) {
                n += orgs::find(black_box(t), s, h, x.entries(), &cues).len();
            }
            n
        })
    });
    g.bench_function("classify", |b| {
        b.iter(|| {
            let mut n = 0;
            for i in 0..p.norm.len() {
                let doc = classify::Doc {
                    text: black_box(&p.norm[i]),
                    segments: &p.segments[i],
                    hits: &p.hits[i],
                    figures: &p.figures[i].0,
                    times: &p.figures[i].1,
                    found_orgs: &p.orgs[i],
                };
                n += classify::classify(&doc, lex()).len();
            }
            n
        })
    });
    g.bench_function("analyze", |b| {
        b.iter(|| {
            arts.iter()
                .map(|t| x.analyze(black_box(t)).claims.len())
                .sum::<usize>()
        })
    });
    let analyses: Vec<_> = arts.iter().map(|t| x.analyze(t)).collect();
    g.bench_function("record", |b| {
        b.iter(|| {
            analyses
                .iter()
                .map(|a| x.record(black_box("id"), a).claims.len())
                .sum::<usize>()
        })
    });
    drop(analyses);
    let records: Vec<_> = arts.iter().map(|t| x.extract("id", t)).collect();
    g.bench_function("serialize", |b| {
        let mut buf = String::with_capacity(1 << 20);
        b.iter(|| {
            let mut n = 0;
            for r in &records {
                buf.clear();
                black_box(r).write_json(&mut buf);
                n += buf.len();
            }
            n
        })
    });
    // The same bytes through serde_json, for comparison.
    g.bench_function("serialize_serde", |b| {
        let mut buf = Vec::with_capacity(1 << 20);
        b.iter(|| {
            let mut n = 0;
            for r in &records {
                buf.clear();
                serde_json::to_writer(&mut buf, black_box(r)).expect("records serialise");
                n += buf.len();
            }
            n
        })
    });
    drop(records);
    g.bench_function("extract", |b| {
        b.iter(|| {
            arts.iter()
                .map(|t| x.extract("id", black_box(t)).claims.len())
                .sum::<usize>()
        })
    });
    // What the corpus runs do: each claim written as it is made.
    let articles: Vec<ree_claims::input::Article> = arts
        .iter()
        .map(|t| ree_claims::input::Article {
            id: "id".to_string(),
            text: t.clone(),
            file: String::new(),
            line: None,
            title: None,
            date: None,
            source: None,
            lossy: false,
        })
        .collect();
    g.bench_function("extract_json", |b| {
        let mut buf = String::with_capacity(1 << 20);
        b.iter(|| {
            let mut n = 0;
            for a in &articles {
                buf.clear();
                x.extract_article_json(black_box(a), None, &mut buf);
                n += buf.len();
            }
            n
        })
    });
    g.finish();
}

/// CPU time of the calling thread (`CLOCK_THREAD_CPUTIME_ID`): on a shared,
/// busy machine it counts only this thread's work, not the time other
/// processes held the core, so it is much steadier than wall time.
struct ThreadCpu {
    wall: WallTime,
}

#[cfg(unix)]
fn thread_cpu_ns() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant
    // every Unix we build on supports.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

#[cfg(not(unix))]
fn thread_cpu_ns() -> u64 {
    // No per-thread CPU clock here: fall back to a monotonic wall clock.
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_nanos() as u64
}

impl Measurement for ThreadCpu {
    type Intermediate = u64;
    type Value = Duration;

    fn start(&self) -> u64 {
        thread_cpu_ns()
    }
    fn end(&self, start: u64) -> Duration {
        Duration::from_nanos(thread_cpu_ns().saturating_sub(start))
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, v: &Duration) -> f64 {
        v.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        // Nanoseconds, like wall time: the same units and throughput output.
        self.wall.formatter()
    }
}

fn run<M: Measurement>(c: Criterion<M>) {
    let mut c = c.configure_from_args();
    build(&mut c);
    stages(&mut c, &load("en"));
    stages(&mut c, &load("zh"));
    c.final_summary();
}

/// `REE_BENCH_CLOCK=cpu` measures the bench thread's CPU time instead of wall
/// time (see [`ThreadCpu`]).
fn main() {
    match std::env::var("REE_BENCH_CLOCK").as_deref() {
        Ok("cpu") => {
            eprintln!("pipeline bench: clock = thread CPU time");
            run(Criterion::default().with_measurement(ThreadCpu { wall: WallTime }))
        }
        Ok("wall") | Err(_) => run(Criterion::default()),
        Ok(other) => {
            eprintln!(
                "pipeline bench: REE_BENCH_CLOCK={other:?} unknown (cpu or wall); using wall"
            );
            run(Criterion::default())
        }
    }
}
