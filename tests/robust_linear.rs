//! Extraction time grows linearly with the size of the article (issue 4).
//!
//! Each shape of text is generated at 1 MB and 8 MB (128 KB and 1 MB in a
//! debug build), with no line break unless the shape is made of lines, and
//! `Extractor::extract` is timed on both. The test asserts the ratio, not a
//! wall-clock limit: linear time gives about 8, and anything below 24 (three
//! times off linear) passes; a quadratic stage gives 64. Time is the thread's CPU
//! time (`CLOCK_THREAD_CPUTIME_ID`), so other processes on the machine do
//! not skew it, each time spans at least 20 ms of repeated runs, and the
//! least of a few is kept.
//!
//! A shape found super-linear is listed with the place (`known`) and left
//! out of the test until it is fixed. The shapes found on the way (Latin
//! words glued to Chinese in the matcher, 将 with no punctuation after it,
//! the word before a material name in orgs) are fixed and checked here.

use std::time::Instant;

use ree_claims::Extractor;

/// A shape: a name, the unit repeated to the size (given its index), and the
/// reason it is still super-linear, if it is.
struct Shape {
    name: &'static str,
    unit: fn(usize) -> String,
    known: Option<&'static str>,
}

const SHAPES: &[Shape] = &[
    Shape {
        name: "one line of digits",
        unit: |i| format!("{}", 1_000_000_007u64.wrapping_mul(i as u64 + 1)),
        known: None,
    },
    Shape {
        name: "many bullets",
        unit: |i| format!("- item {i} of the list\n"),
        known: None,
    },
    Shape {
        name: "one long word",
        unit: |_| "abcdefghij".to_string(),
        known: None,
    },
    Shape {
        name: "deeply nested quotes",
        unit: |_| "“‘«\"「".to_string(),
        known: None,
    },
    Shape {
        name: "control, zero-width and bidi characters in mixed scripts",
        unit: |_| "a\u{200B}\u{202E}稀\u{0}\u{7}Ж\u{2066}ع\u{FEFF}\t\u{2028}".to_string(),
        known: None,
    },
    Shape {
        name: "control and bidi characters, no Latin after Chinese",
        unit: |_| "\u{200B}\u{202E}稀\u{0}\u{7} Ж\u{2066}ع\u{FEFF}\t\u{2028}".to_string(),
        known: None,
    },
    Shape {
        name: "Latin letters glued to Chinese",
        unit: |_| "中x".to_string(),
        known: None,
    },
    Shape {
        name: "English prose with figures, one line",
        unit: |i| {
            format!(
                "The miner said it will raise output by {} percent to {} tonnes in 2027. ",
                i % 90,
                i
            )
        },
        known: None,
    },
    Shape {
        name: "Chinese prose with figures, one line",
        unit: |i| {
            format!(
                "该公司表示将在{}年前把产能提高到{}万吨，同比增长{}%。",
                2025 + i % 10,
                i % 100,
                i % 50
            )
        },
        known: None,
    },
    Shape {
        name: "many quotes with verbs of saying",
        unit: |i| format!("\"He said 'she said “we will {i}” and ‘more’' today\" "),
        known: None,
    },
    Shape {
        name: "Chinese without punctuation",
        unit: |_| "包钢集团计划将稀土".to_string(),
        known: None,
    },
    Shape {
        name: "one organisation name repeated",
        unit: |_| "Zeta Mining Corp ".to_string(),
        known: None,
    },
    Shape {
        name: "many sentences naming organisations",
        unit: |_| "Ab Corp. Cd Corp said it will. ".to_string(),
        known: None,
    },
    Shape {
        name: "material names glued to Chinese",
        unit: |_| "稀土Neodymium".to_string(),
        known: None,
    },
];

/// Bytes of the small and the large input.
const SMALL: usize = if cfg!(debug_assertions) {
    128 << 10
} else {
    1 << 20
};
const LARGE: usize = 8 * SMALL;
/// Largest ratio that passes: three times off linear. Linear time gives about
/// 8, a little more where 1 MB still fits in the cache and 8 MB does not
/// (up to about 18 on the fastest shapes); a quadratic stage gives 64.
const MAX_RATIO: f64 = 24.0;
/// Longest time for the small input (a fifth of a second per 64 KB, 3 s per
/// megabyte, about 30 times what any linear shape takes in a release build):
/// past it the shape fails at once, before a quadratic large input hangs
/// the test for hours.
const MAX_SECONDS_PER_MB: f64 = 3.0;

fn generate(shape: &Shape, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 256);
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&(shape.unit)(i));
        i += 1;
    }
    s
}

/// CPU time of this thread in seconds (`CLOCK_THREAD_CPUTIME_ID`, to the
/// nanosecond), or wall-clock time where the system does not tell. Other
/// processes on the machine do not skew it. (`/proc/thread-self/schedstat`,
/// used before, moves only at the scheduler's tick, 4 ms here: 1 MB of a fast
/// shape read as no time at all, and a ratio of 360 failed a CI run.)
#[cfg(unix)]
fn now() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the call's duration.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc == 0 {
        ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
    } else {
        wall()
    }
}

#[cfg(not(unix))]
fn now() -> f64 {
    wall()
}

fn wall() -> f64 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}

/// Shortest span measured at once: an input faster than this is extracted
/// again until the runs add up to it, and the time is their mean, so that a
/// coarse clock cannot turn a fast input into zero.
const MIN_SPAN: f64 = 0.02;

/// Time of one extraction of `text`: the mean of as many runs as fill
/// `MIN_SPAN`.
fn time(ex: &Extractor, text: &str) -> f64 {
    let t = now();
    let mut runs = 0u32;
    loop {
        let rec = ex.extract("linear", text);
        assert_eq!(rec.bytes, text.len());
        runs += 1;
        let elapsed = now() - t;
        if elapsed >= MIN_SPAN {
            return elapsed / f64::from(runs);
        }
    }
}

/// The least time of `runs` runs.
fn least(ex: &Extractor, text: &str, runs: usize) -> f64 {
    (0..runs)
        .map(|_| time(ex, text))
        .fold(f64::INFINITY, f64::min)
}

/// Times `shape` at both sizes; returns (small, large, ratio). The large
/// input runs again only when the first ratio fails, to keep the test short,
/// and not at all when the small one is already far too slow (ratio
/// infinite).
fn measure(ex: &Extractor, shape: &Shape, small: usize, large: usize) -> (f64, f64, f64) {
    let small_text = generate(shape, small);
    let first = time(ex, &small_text);
    let limit = MAX_SECONDS_PER_MB * (small as f64 / (1 << 20) as f64) * debug_factor();
    if first > limit {
        return (first, f64::INFINITY, f64::INFINITY);
    }
    let t_small = first.min(least(ex, &small_text, 2));
    let big = generate(shape, large);
    let mut t_large = time(ex, &big);
    if t_large / t_small >= MAX_RATIO * (large / small) as f64 / 8.0 {
        t_large = t_large.min(time(ex, &big));
    }
    (t_small, t_large, t_large / t_small)
}

/// How much slower a debug build is, roughly.
fn debug_factor() -> f64 {
    if cfg!(debug_assertions) {
        30.0
    } else {
        1.0
    }
}

fn check(shapes: &[&Shape], small: usize, large: usize) {
    let ex = Extractor::new().expect("embedded lexicons");
    let mut failed = Vec::new();
    for shape in shapes {
        let (a, b, ratio) = measure(&ex, shape, small, large);
        println!(
            "{:60} {:>5} KB {a:.3}s  {:>5} KB {b:.3}s  ratio {ratio:.1}",
            shape.name,
            small >> 10,
            large >> 10
        );
        if ratio >= MAX_RATIO {
            failed.push(format!(
                "{}: {b:.3}s for {} KB / {a:.3}s for {} KB = {ratio:.1} (linear is 8, the bar {MAX_RATIO}){}",
                shape.name,
                large >> 10,
                small >> 10,
                shape.known.map(|k| format!("; known: {k}")).unwrap_or_default()
            ));
        }
    }
    assert!(failed.is_empty(), "super-linear:\n{}", failed.join("\n"));
}

#[test]
fn extraction_time_is_linear_in_the_size() {
    let shapes: Vec<&Shape> = SHAPES.iter().filter(|s| s.known.is_none()).collect();
    check(&shapes, SMALL, LARGE);
}

/// The 100 MB article with no line break, in each linear shape: no
/// panic, and time still linear from 12.5 MB to 100 MB (the same bar of 16
/// for 8 times the size; against 1 MB, allocation and cache misses in the
/// millions of records add a factor of about 2, so the step is kept at 8).
#[test]
#[ignore = "100 MB inputs take minutes and gigabytes; run by hand with --ignored"]
fn hundred_megabytes_without_a_line_break() {
    let ex = Extractor::new().expect("embedded lexicons");
    for shape in SHAPES.iter().filter(|s| s.known.is_none()) {
        let (a, b, ratio) = measure(&ex, shape, 100 << 17, 100 << 20);
        println!(
            "{:60} 12.5 MB {a:.3}s  100 MB {b:.3}s  ratio {ratio:.1}",
            shape.name
        );
        assert!(
            ratio < MAX_RATIO,
            "{}: ratio {ratio:.1} for 8 times the size",
            shape.name
        );
    }
}
