//! Table-driven tests: text in, figures out; texts that must yield nothing;
//! time mentions; adversarial input; properties.

use super::*;

fn figs(text: &str) -> Vec<Figure> {
    let ctx = context_for(text);
    let (mut f, mut t) = (Vec::new(), Vec::new());
    find_into(text, &ctx, &mut f, &mut t);
    f
}

fn times(text: &str) -> Vec<TimeMention> {
    let (mut f, mut t) = (Vec::new(), Vec::new());
    find_into(text, &FigureContext::default(), &mut f, &mut t);
    t
}

use Precision::{Approximate as A, AtLeast as L, AtMost as M, Exact as E, Range as R};

/// (text, value, unit, precision): the text must yield exactly this figure.
const ONE_FIGURE: &[(&str, f64, &str, Precision)] = &[
    // Arabic numerals, separators, scale words.
    (
        "Around 227,000 tonnes of rare earths were traded.",
        227000.0,
        "t",
        A,
    ),
    ("The plant cost 1.7 billion yuan.", 1.7e9, "CNY", E),
    ("It raised US$277 million.", 2.77e8, "USD", E),
    (
        "Iluka's $1.25bn loan was approved by the ASX-listed firm's Australian lenders in Perth.",
        1.25e9,
        "AUD",
        E,
    ),
    ("A 0.3 billion dollar deal.", 3e8, "USD", E),
    (
        "They sold 12 million metric tons of soybeans.",
        1.2e7,
        "t",
        E,
    ),
    ("at least 25 MMT of soybeans", 2.5e7, "t", L),
    ("A 5 GW solar farm.", 5.0, "GW", E),
    ("A 2,000 km pipeline.", 2000.0, "km", E),
    ("Prices hit $110 per kg.", 110.0, "USD/kg", E),
    ("The stake was sold for €2 million.", 2e6, "EUR", E),
    ("Revenue of £16.7bn.", 1.67e10, "GBP", E),
    ("It cost 700 million dlrs.", 7e8, "USD", E),
    ("A $US48 a kilogram price.", 48.0, "USD/kg", E),
    ("Some 45 pct of exports come from China.", 45.0, "%", A),
    ("Output rose 42 per cent.", 42.0, "%", E),
    ("Rates rose 10 percentage points.", 10.0, "%", E),
    ("Shipments tripled last month.", 3.0, "x", E),
    ("doubling shipments to the US", 2.0, "x", E),
    ("Demand is three times higher.", 3.0, "x", E),
    ("Mittal has operations in 14 countries.", 14.0, "", E),
    ("It named three key focus areas.", 3.0, "", E),
    ("more than 100 enterprises joined", 100.0, "", L),
    ("nearly half a billion dollars in finance", 5e8, "USD", A),
    ("about two-thirds of the world's output", 66.67, "%", A),
    ("up to 45,000 jobs", 45000.0, "", M),
    ("10-15% of supply", 10.0, "%", R),
    ("between 2,000 and 3,000 tonnes", 2000.0, "t", R),
    ("one hundred and five", 105.0, "", E),
    ("a dozen", 12.0, "", E),
    ("twelve", 12.0, "", E),
    // Chinese.
    ("产能达到3.5万吨。", 35000.0, "t", E),
    ("投资24亿元。", 2.4e9, "CNY", E),
    ("营收1.2亿元。", 1.2e8, "CNY", E),
    ("一千二百万吨", 1.2e7, "t", E),
    ("两亿美元", 2e8, "USD", E),
    ("同比增长百分之五。", 5.0, "%", E),
    ("占全球的三分之二。", 66.67, "%", E),
    ("共有31家企业。", 31.0, "", E),
    ("稀土的三个环节。", 3.0, "", E),
    ("增长1.6倍。", 1.6, "x", E),
    ("进出口总值翻番。", 2.0, "x", E),
    ("规模3.1亿千瓦。", 3.1e8, "kW", E),
    ("占地3800亩。", 3800.0, "mu", E),
    ("价格118.45万元/吨。", 1184500.0, "CNY/t", E),
    ("涨至7690元/公斤。", 7690.0, "CNY/kg", E),
    ("每股0.4澳元。", 0.4, "AUD/share", E),
    ("3至5万吨", 30000.0, "t", R),
    ("总储备量超20万吨。", 200000.0, "t", L),
    ("约有1/3企业。", 33.33, "%", E),
    ("粮食产量1.3万亿斤以上。", 6.5e8, "t", L),
    ("经济增长5%左右。", 5.0, "%", A),
    ("不低于200亿元。", 2e10, "CNY", L),
    ("低于全国0.3个百分点。", 0.3, "%", E),
    ("被关停的企业仅有十余家。", 10.0, "", L),
    ("40多亿元", 4e9, "CNY", L),
    ("计划投入4个多亿。", 4e8, "CNY", L),
    ("河北钢铁也将收购两成股权。", 20.0, "%", E),
    ("廿", 20.0, "", E),
    ("卅三", 33.0, "", E),
    ("〇", 0.0, "", E),
    ("零", 0.0, "", E),
    ("数亿元", 1e8, "CNY", A),
];

/// Texts that must yield no figure at all.
const NO_FIGURE: &[&str] = &[
    "In 2025 the firm grew.",
    "From October 20-23, 2025, the workforce studied.",
    "It will be completed by 2027.",
    "The 5G network covers G7 members.",
    "COVID-19 slowed trade.",
    "The 4th Plenary Session of the 20th CPC Central Committee.",
    "He is one of the founders.",
    "Under section 301 of title 3, United States Code.",
    "The world's two biggest economies met.",
    "Over the next five years the firm will grow.",
    "A five-year low.",
    "内蒙古拥有三大矿山。",
    "2011年稀土产量增长。",
    "5月27日价格上涨。",
    "“十四五”时期发展成就。",
    "连续21年居全国首位。",
    "居全国第9位。",
    "第二批配额。",
    "一是加强上游资源扩张。",
    "包钢稀土(600111.SH)股价。",
    "习近平总书记。",
    "千万不要忘记。",
    "推动零部件产业。",
    "请访问 https://example.com/a/2024/05/100%25 获取。",
];

fn approx_eq(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

#[test]
fn one_figure_per_text() {
    let mut bad = Vec::new();
    for &(text, value, unit, precision) in ONE_FIGURE {
        let f = figs(text);
        let ok = f.len() == 1
            && approx_eq(f[0].value, value)
            && f[0].unit == unit
            && f[0].precision == precision;
        if !ok {
            let got: Vec<_> = f
                .iter()
                .map(|x| (x.span.of(text), x.value, x.unit.to_string(), x.precision))
                .collect();
            bad.push(format!(
                "{text:?}: want ({value}, {unit:?}, {precision:?}), got {got:?}"
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "check the unit tables and context rules:\n{}",
        bad.join("\n")
    );
}

#[test]
fn no_figure_texts() {
    let mut bad = Vec::new();
    for &text in NO_FIGURE {
        let f = figs(text);
        if !f.is_empty() {
            let got: Vec<_> = f
                .iter()
                .map(|x| (x.span.of(text), x.value, x.unit.to_string()))
                .collect();
            bad.push(format!("{text:?}: got {got:?}"));
        }
    }
    assert!(
        bad.is_empty(),
        "these must yield no figure:\n{}",
        bad.join("\n")
    );
}

#[test]
fn ranges_have_both_ends() {
    let f = figs("The refinery will cost $1.7bn-$1.8bn, Iluka told the ASX in Perth, Australia.");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].values().collect::<Vec<_>>(), vec![1.7e9, 1.8e9]);
    assert_eq!(f[0].unit, "AUD");
    let f = figs("年内将新确定4至5个对接项目");
    assert_eq!(f[0].values().collect::<Vec<_>>(), vec![4.0, 5.0]);
}

#[test]
fn currency_context() {
    assert_eq!(
        context_for("Iluka, the ASX-listed Australian miner, said in Perth.").dollar,
        "AUD"
    );
    assert_eq!(
        context_for("The Pentagon and MP Materials in Washington.").dollar,
        "USD"
    );
    // Explicit forms win over the context.
    let f = figs("Lynas, the Australian ASX miner in Perth, paid US$5 million and A$3 million.");
    assert_eq!(
        f.iter().map(|x| x.unit.as_ref()).collect::<Vec<_>>(),
        vec!["USD", "AUD"]
    );
    assert!(f
        .iter()
        .all(|x| x.currency_source == Some(CurrencySource::Explicit)));
    let f = figs("Iluka, the Australian ASX miner in Perth, declared a dividend of 4c a share.");
    assert_eq!((f[0].value, f[0].unit.as_ref()), (0.04, "AUD/share"));
}

#[test]
fn time_mentions() {
    let cases: &[(&str, TimeKind, bool)] = &[
        ("It will be completed by 2027.", TimeKind::Year, true),
        ("到2025年产能翻番。", TimeKind::Year, true),
        ("2025年底前完成。", TimeKind::Year, true),
        ("Output rose in 2024.", TimeKind::Year, false),
        ("5月27日", TimeKind::Date, false),
        ("On October 20, 2025 it began.", TimeKind::Date, false),
        ("“十五五”时期", TimeKind::Period, false),
        ("建设周期约3年", TimeKind::Duration, false),
        ("预计三季度投产", TimeKind::Quarter, true),
        ("over the next 10 years", TimeKind::Duration, false),
    ];
    for &(text, kind, deadline) in cases {
        let t = times(text);
        assert!(!t.is_empty(), "{text:?}: no time mention");
        assert_eq!(
            (t[0].kind, t[0].deadline),
            (kind, deadline),
            "{text:?}: {:?}",
            t[0]
        );
    }
}

#[test]
fn values_are_exact() {
    for (text, v) in [
        ("1.2亿", 120_000_000.0),
        ("0.3 billion tonnes", 300_000_000.0),
        ("3.5万吨", 35_000.0),
        ("19.99 per cent", 19.99),
    ] {
        let f = figs(text);
        assert_eq!(f[0].value, v, "{text}");
    }
}

fn check_spans(text: &str) {
    let (mut f, mut t) = (Vec::new(), Vec::new());
    find_into(text, &context_for(text), &mut f, &mut t);
    for x in &f {
        assert!(
            x.span.start <= x.span.end && x.span.end <= text.len(),
            "{text:?}: {:?}",
            x.span
        );
        assert!(
            text.is_char_boundary(x.span.start) && text.is_char_boundary(x.span.end),
            "{text:?}"
        );
        assert!(!x.value.is_nan());
    }
    for x in &t {
        assert!(
            text.is_char_boundary(x.span.start)
                && text.is_char_boundary(x.span.end)
                && x.span.end <= text.len()
        );
    }
}

#[test]
fn adversarial_inputs_do_not_panic() {
    let long_digits = "9".repeat(400);
    let long_zh = "九".repeat(300);
    let mixed = format!("{long_digits}亿{long_zh}万吨");
    let cases = [
        "",
        ".",
        "$",
        "亿",
        "万",
        "百分之",
        "分之",
        "$$$",
        "-",
        "--1",
        "1-",
        "1.",
        "1..2",
        "1,",
        ",1",
        "1e",
        "1e999999",
        "1^999",
        "9^99999",
        "₿",
        "¥",
        "US$",
        "$US",
        "A$",
        "½",
        "⅔的",
        "负",
        "负负负",
        "第",
        "十五五",
        "十",
        "翻",
        "半",
        "数",
        "几",
        "零点",
        "点五",
        "一又",
        "又二分之一",
        "1/0",
        "0/0",
        "3/",
        "/3",
        "1 /",
        "1e-99999",
        "a",
        "an",
        "a half",
        "half",
        "one and",
        "and one",
        "point",
        "minus",
        "per cent of",
        "percent of x",
        "😀1😀亿😀",
        "１２３４５",
        "壹贰叁",
        "ரூ100",
        "x10^",
        "1.3x10^",
        "2^",
        "2^-",
        "1,234,",
        "12,34,5",
        "1 2 3 4 5 6 7 8 9 0",
        "百万万分之",
        "一万万分之七",
        "“一”",
        "《》",
        "\u{0}1\u{0}",
    ];
    for c in cases {
        check_spans(c);
    }
    check_spans(&long_digits);
    check_spans(&long_zh);
    check_spans(&mixed);
    check_spans(&format!("${long_digits} billion"));
}

/// Chinese numeral for a whole number (for the property below).
fn to_chinese(mut n: u64) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    fn section(n: u64, out: &mut String, need_zero: bool) {
        let units = [(1000, "千"), (100, "百"), (10, "十"), (1, "")];
        let mut zero = need_zero;
        let mut started = false;
        for (u, name) in units {
            let d = (n / u) % 10;
            if d == 0 {
                if started || need_zero {
                    zero = true;
                }
                continue;
            }
            if zero && (started || need_zero) {
                out.push('零');
            }
            zero = false;
            out.push_str(D[d as usize]);
            out.push_str(name);
            started = true;
        }
    }
    if n == 0 {
        return "零".into();
    }
    let mut groups = Vec::new();
    while n > 0 {
        groups.push(n % 10_000);
        n /= 10_000;
    }
    let names = ["", "万", "亿", "万亿"];
    let mut out = String::new();
    let top = groups.len() - 1;
    for (i, &g) in groups.iter().enumerate().rev() {
        if g == 0 {
            continue;
        }
        section(g, &mut out, i != top && g < 1000);
        out.push_str(names[i]);
    }
    out
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn with_commas(n: u64) -> String {
        let s = n.to_string();
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    }

    proptest! {
        #[test]
        fn arabic_with_separators(n in 10_000u64..1_000_000_000_000, frac in 0u32..100, dec in any::<bool>()) {
            let (text, want) = if dec {
                (format!("It shipped {}.{:02} tonnes.", with_commas(n), frac), format!("{n}.{frac:02}"))
            } else {
                (format!("It shipped {} tonnes.", with_commas(n)), n.to_string())
            };
            let f = figs(&text);
            prop_assert_eq!(f.len(), 1, "{}", text);
            prop_assert_eq!(f[0].value, want.parse::<f64>().unwrap());
        }

        #[test]
        fn scale_words(m in 1u32..1000, frac in 0u32..100, scale in 0usize..6) {
            let (word, exp) = [("million", 6), ("billion", 9), ("bn", 9), ("mln", 6), ("万", 4), ("亿", 8)][scale];
            let num = format!("{m}.{frac:02}");
            let text = if exp == 4 || exp == 8 { format!("投资{num}{word}元。") } else { format!("It paid US${num} {word}.") };
            let f = figs(&text);
            prop_assert_eq!(f.len(), 1, "{}", text);
            let want: f64 = format!("{m}{frac:02}e{}", exp - 2).parse().unwrap();
            prop_assert_eq!(f[0].value, want, "{}", text);
        }

        #[test]
        fn chinese_numerals(n in 1u64..1_000_000_000_000) {
            let text = format!("产量{}吨。", to_chinese(n));
            let f = figs(&text);
            prop_assert_eq!(f.len(), 1, "{}", text);
            prop_assert_eq!(f[0].value, n as f64, "{}", text);
        }

        #[test]
        fn never_panics_and_spans_hold(s in "\\PC{0,40}") {
            check_spans(&s);
        }

        #[test]
        fn never_panics_on_numeric_noise(s in "[0-9.,$%亿万千百十一二两三零点分之/ -]{0,30}") {
            check_spans(&s);
        }
    }
}
