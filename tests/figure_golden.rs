//! Golden dump of the figure extractor: every figure and time mention found in
//! the shared corpora, the peer-suite case texts and a deterministic set of
//! synthetic texts, written one per line so that two runs can be compared
//! byte for byte (`cmp`). It guards refactorings and speed work on
//! `src/figure/`: the dump before and after must be identical unless a change
//! is a deliberate fix.
//!
//! The corpora live in `../shared/` beside the crate, so the test is ignored
//! by default:
//!
//! ```sh
//! python3 ../shared/eval/peer_figures.py cases ../shared /tmp/cases.jsonl
//! FIGURE_GOLDEN_OUT=/tmp/figure_golden_before.txt \
//!     cargo test --release --test figure_golden -- --ignored
//! # ... change src/figure/ ...
//! FIGURE_GOLDEN_OUT=/tmp/figure_golden_after.txt \
//! FIGURE_GOLDEN_BEFORE=/tmp/figure_golden_before.txt \
//!     cargo test --release --test figure_golden -- --ignored
//! ```
//!
//! `FIGURE_GOLDEN_CASES` names the peer cases file (default
//! `/tmp/cases.jsonl`, skipped when absent); with `FIGURE_GOLDEN_BEFORE` set
//! the test fails at the first line that differs and prints the text it came
//! from. Each record line is
//! `F start end value-bits upper-bits unit kind precision currency-source` or
//! `T start end kind deadline`, under a `# source id` header per text.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use ree_claims::figure::{context_for, find_into, Figure, TimeMention};
use ree_claims::normalize::normalize;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// (source, id, text) of every text in the golden set, in a fixed order.
fn texts() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let bulk = shared().join("corpus/bulk");
    let mut files = Vec::new();
    if let Ok(dirs) = std::fs::read_dir(&bulk) {
        for d in dirs.flatten() {
            if let Ok(fs) = std::fs::read_dir(d.path()) {
                for f in fs.flatten() {
                    if f.path().extension().is_some_and(|e| e == "jsonl") {
                        files.push(f.path());
                    }
                }
            }
        }
    }
    files.sort();
    let cases = std::env::var("FIGURE_GOLDEN_CASES").unwrap_or("/tmp/cases.jsonl".into());
    files.push(PathBuf::from(cases));
    for f in &files {
        let Ok(s) = std::fs::read_to_string(f) else {
            eprintln!("figure_golden: {} not found, skipped", f.display());
            continue;
        };
        let src = f
            .strip_prefix(&bulk)
            .unwrap_or(f)
            .to_string_lossy()
            .into_owned();
        for (n, line) in s.lines().enumerate() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let Some(t) = v["text"].as_str() else {
                continue;
            };
            let id = v["id"].as_str().map_or(n.to_string(), str::to_string);
            out.push((src.clone(), id, t.to_string()));
        }
    }
    let mut txt = Vec::new();
    let rare_earth = shared().join("corpus/rare-earth");
    collect_txt(&rare_earth, &mut txt);
    txt.sort();
    for p in txt {
        if let Ok(t) = std::fs::read_to_string(&p) {
            let id = p
                .strip_prefix(&rare_earth)
                .unwrap_or(&p)
                .display()
                .to_string();
            out.push(("rare-earth".into(), id, t));
        }
    }
    for (k, t) in synthetic(30_000).into_iter().enumerate() {
        out.push(("synthetic".into(), k.to_string(), t));
    }
    out
}

fn collect_txt(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_txt(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
}

/// Fragments the synthetic texts are built from: numbers in every form the
/// extractor reads, the words around them, and noise.
const FRAGMENTS: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "7",
    "12",
    "19",
    "45",
    "100",
    "365",
    "2025",
    "1990",
    "2100",
    "1,234",
    "12,345,678",
    "1.5",
    "0.25",
    ".08",
    "3/4",
    "1 4/5",
    "192.168.1.2",
    "1e10",
    "2^5",
    "1.3x10^6",
    "1 234 567",
    "1.111,11",
    "12,34,567",
    "007",
    "10-15",
    "5%",
    "5.5%",
    "3.5万",
    "1.2亿",
    "40多亿",
    "4个多亿",
    "5万4千",
    "2026-02-12",
    "5/17/2018",
    "10:30",
    "600111.SH",
    "1+N",
    "$",
    "US$",
    "A$",
    "$US",
    "$A",
    "HK$",
    "C$",
    "€",
    "£",
    "¥",
    "₹",
    "USD",
    "usd",
    "RMB",
    "AUD",
    "MUSD",
    "Rs",
    "RM",
    "ringgit",
    "人民币",
    "美元",
    "欧元",
    "元",
    "万元",
    "亿元",
    "吨",
    "万吨",
    "公斤",
    "倍",
    "个百分点",
    "百分点",
    "个",
    "家",
    "名",
    "年",
    "月",
    "日",
    "号",
    "季度",
    "个月",
    "年底",
    "年底前",
    "前",
    "第",
    "之",
    "其",
    "约",
    "近",
    "逾",
    "超过",
    "不超过",
    "左右",
    "以上",
    "以内",
    "多",
    "余",
    "至",
    "到",
    "—",
    "-",
    "~",
    "、",
    "，",
    "。",
    "和",
    "与",
    "成",
    "折",
    "半",
    "一半",
    "翻一番",
    "翻两番",
    "十四五",
    "今年",
    "明年",
    "上半年",
    "一",
    "二",
    "两",
    "三",
    "十",
    "百",
    "千",
    "万",
    "亿",
    "零",
    "〇",
    "点",
    "五",
    "九",
    "廿",
    "壹拾壹元壹角壹分",
    "三分之二",
    "百分之五",
    "数",
    "几",
    "投资",
    "营收",
    "到",
    "力争",
    "计划",
    "占",
    "“",
    "”",
    "\"",
    "《",
    "》",
    "(",
    ")",
    "（",
    "）",
    "one",
    "two",
    "three",
    "twelve",
    "twenty",
    "twenty-one",
    "hundred",
    "thousand",
    "million",
    "billion",
    "bn",
    "m",
    "k",
    "mln",
    "a",
    "an",
    "and",
    "half",
    "quarter",
    "third",
    "thirds",
    "dozen",
    "point",
    "of",
    "the",
    "per",
    "cent",
    "percent",
    "pct",
    "per cent",
    "percentage points",
    "basis points",
    "bps",
    "times",
    "fold",
    "doubled",
    "tripled",
    "twice",
    "double",
    "to",
    "will",
    "between",
    "from",
    "about",
    "around",
    "more than",
    "less than",
    "at least",
    "up to",
    "nearly",
    "over",
    "under",
    "or more",
    "tonnes",
    "tonne",
    "t",
    "kg",
    "Mt",
    "MMT",
    "GW",
    "MW",
    "kWh",
    "km",
    "sq km",
    "dollars",
    "dollar",
    "dlrs",
    "yuan",
    "euros",
    "cents",
    "c",
    "cts",
    "x",
    "a share",
    "per kg",
    "/t",
    "/吨",
    "a year",
    "years",
    "months",
    "year",
    "Q3",
    "H1",
    "FY2024",
    "G7",
    "5G",
    "COVID-19",
    "F-35",
    "A380",
    "section",
    "No.",
    "Article",
    "aged",
    "October",
    "March",
    "Oct.",
    "this",
    "next",
    "last",
    "first",
    "second",
    "by",
    "before",
    "until",
    "in",
    "for",
    "expected",
    "st",
    "th",
    "1990s",
    "minus",
    "negative",
    "dividend",
    "Australia",
    "ASX",
    "Sydney",
    "Washington",
    "Pentagon",
    "JOHANNESBURG",
    "rand",
    "http://x.com/1",
    "www.a1.com",
    "#5",
    "@7",
    "_3",
    "¾",
    "½",
    "⅔",
    "℃",
    "度",
    "周年",
    "岁",
    "次",
    "期",
    "级",
    "方面",
    "打",
    "打造",
    "是",
    "为",
    "每股",
    "每吨",
    "每年",
    "负",
    "零下",
    "摄氏度",
    "U.S.C.",
    "over",
    "in",
    "out of",
    "'",
    "s",
    "\n",
    " ",
    " ",
    " ",
    " ",
    "  ",
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    "の",
    "é",
    "😀",
];

/// Deterministic synthetic texts (xorshift from a fixed seed).
fn synthetic(n: usize) -> Vec<String> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let len = 2 + (next() % 24) as usize;
        let mut s = String::new();
        for _ in 0..len {
            let f = FRAGMENTS[(next() % FRAGMENTS.len() as u64) as usize];
            s.push_str(f);
            match next() % 4 {
                0 | 1 => s.push(' '),
                _ => {}
            }
        }
        out.push(s);
    }
    out
}

fn dump(out: &mut String, figures: &[Figure], times: &[TimeMention]) {
    for f in figures {
        let _ = writeln!(
            out,
            "F {} {} {:016x} {} {} {:?} {:?} {:?}",
            f.span.start,
            f.span.end,
            f.value.to_bits(),
            f.upper
                .map_or("-".to_string(), |u| format!("{:016x}", u.to_bits())),
            if f.unit.is_empty() { "-" } else { &f.unit },
            f.kind,
            f.precision,
            f.currency_source,
        );
    }
    for t in times {
        let _ = writeln!(
            out,
            "T {} {} {:?} {}",
            t.span.start, t.span.end, t.kind, t.deadline
        );
    }
}

#[test]
#[ignore = "needs ../shared; writes the golden dump to FIGURE_GOLDEN_OUT"]
fn figure_golden() {
    let path = std::env::var("FIGURE_GOLDEN_OUT").unwrap_or("/tmp/figure_golden.txt".into());
    let before = std::env::var("FIGURE_GOLDEN_BEFORE")
        .ok()
        .map(|p| std::fs::read_to_string(&p).expect("FIGURE_GOLDEN_BEFORE unreadable"));
    let mut before_lines = before.as_deref().map(str::lines);
    let (mut figures, mut times) = (Vec::new(), Vec::new());
    let mut all = String::new();
    let mut chunk = String::new();
    let mut first_diff: Option<String> = None;
    for (src, id, text) in texts() {
        let norm = normalize(&text);
        let t = norm.as_str();
        figures.clear();
        times.clear();
        find_into(t, &context_for(t), &mut figures, &mut times);
        for f in &figures {
            assert!(t.is_char_boundary(f.span.start) && t.is_char_boundary(f.span.end));
        }
        chunk.clear();
        let _ = writeln!(chunk, "# {src} {id}");
        dump(&mut chunk, &figures, &times);
        if let (Some(lines), None) = (before_lines.as_mut(), &first_diff) {
            for l in chunk.lines() {
                if lines.next() != Some(l) {
                    first_diff = Some(format!("{src} {id}: {l}\ntext: {t:?}"));
                    break;
                }
            }
        }
        all.push_str(&chunk);
    }
    std::fs::write(&path, &all).expect("cannot write the golden dump");
    eprintln!("figure_golden: {} lines to {path}", all.lines().count());
    if let Some(d) = first_diff {
        panic!("golden dump differs at {d}");
    }
    if let Some(mut lines) = before_lines {
        assert!(lines.next().is_none(), "golden dump is shorter than before");
    }
}
