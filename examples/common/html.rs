//! HTML pieces shared by the views: escaping, the colour of each claim kind,
//! number formatting and the page skeleton (one self-contained file: styles
//! inline, no scripts, no external assets).

use std::fmt::Write as _;

/// Claim kinds in the order of the guidelines' priority, each with a
/// background and a border colour.
pub const KINDS: [(&str, &str, &str); 6] = [
    ("commitment", "#f7c9c4", "#c0392b"),
    ("plan", "#fde5a6", "#b7791f"),
    ("forecast", "#e0d4f5", "#6b46c1"),
    ("fact", "#cfe8d0", "#2f855a"),
    ("assessment", "#cfe3f7", "#2b6cb0"),
    ("disclaimer", "#e2e2e2", "#555555"),
];

/// Appends `s` with `& < > " '` escaped: safe in text and in quoted
/// attribute values.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// `s` escaped for text or a quoted attribute value.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s);
    out
}

/// A figure value for people: integers with thousands separators, other
/// numbers with at most four decimals.
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let digits = format!("{}", v.abs() as u64);
        let mut out = String::new();
        if v < 0.0 {
            out.push('-');
        }
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        return out;
    }
    let s = format!("{v:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A figure as value (and upper bound) with its unit; counts say so.
pub fn figure_value(f: &ree_claims::record::FigureRecord) -> String {
    let mut s = number(f.value);
    if let Some(u) = f.upper {
        let _ = write!(s, "–{}", number(u));
    }
    if f.unit.is_empty() {
        s.push_str(" (count)");
    } else {
        s.push(' ');
        s.push_str(&f.unit);
    }
    s
}

/// Styles common to both views.
pub const BASE_CSS: &str = r#"
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 system-ui,"Noto Sans","Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1d1d1f;background:#f4f4f1}
header.top{padding:14px 24px;background:#fff;border-bottom:1px solid #ddd}
header.top h1{font-size:20px;margin:0 0 4px}
header.top .meta{color:#666;font-size:13px}
code{font:12px/1.4 ui-monospace,"DejaVu Sans Mono",monospace;background:#f0f0ec;padding:0 3px;border-radius:3px}
.chip{display:inline-block;padding:0 7px;border-radius:9px;font-size:12px;border:1px solid transparent;white-space:nowrap}
table{border-collapse:collapse}
th,td{text-align:left;vertical-align:top;padding:3px 8px;border-bottom:1px solid #e4e4e0}
th{font-size:12px;color:#555;font-weight:600}
.muted{color:#777}
"#;

/// CSS classes `k-KIND` (background and border per claim kind).
pub fn kind_css() -> String {
    let mut css = String::new();
    for (kind, bg, border) in KINDS {
        let _ = writeln!(
            css,
            ".k-{kind}{{background:{bg};border-color:{border}}}\n.card.k-{kind}{{border-left:5px solid {border};background:#fff}}"
        );
    }
    css
}

/// A whole page: doctype, `lang`, UTF-8, title, inline styles, body.
pub fn page(lang: &str, title: &str, css: &str, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + css.len() + BASE_CSS.len() + 256);
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    escape_into(&mut out, lang);
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
    );
    escape_into(&mut out, title);
    out.push_str("</title>\n<style>");
    out.push_str(BASE_CSS);
    out.push_str(&kind_css());
    out.push_str(css);
    out.push_str("</style>\n</head>\n<body>\n");
    out.push_str(body);
    out.push_str("</body>\n</html>\n");
    out
}
