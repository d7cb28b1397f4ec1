//! The analyst views (issue 5): the explain page and the commitments ledger.
//!
//! The views' code lives in `examples/common/` and is compiled in here, so
//! these tests call it directly. HTML is checked by a small strict parser
//! below (balanced tags, quoted attributes, escaped text, known entities, no
//! block inside `<p>`, unique ids) rather than an HTML library; it builds a
//! tree so that the tests can read the article text back from the page and
//! compare every highlight with the record's byte offsets.
//!
//! Texts: the repo's samples and `tests/data/views_*` (written for these
//! tests).

#[path = "../examples/common/views.rs"]
mod views;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use ree_claims::input::{read_paths, Article, ReadOptions};
use ree_claims::record::{ActorRecord, ArticleRecord};
use ree_claims::Extractor;
use views::explain::{self, Target};
use views::layers::{layer, Event, Mark};
use views::ledger::{self, LedgerBuilder, NO_ACTOR};
use views::meta::{Index, Meta};

// ---------------------------------------------------------------------------
// A strict little HTML parser.

#[derive(Debug)]
enum Node {
    Elem(Elem),
    Text(String),
}

#[derive(Debug, Default)]
struct Elem {
    tag: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

impl Elem {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_ascii_whitespace().any(|x| x == class))
    }

    /// All text below, unescaped.
    fn text(&self) -> String {
        let mut s = String::new();
        for c in &self.children {
            match c {
                Node::Text(t) => s.push_str(t),
                Node::Elem(e) => s.push_str(&e.text()),
            }
        }
        s
    }

    fn find<'a>(&'a self, pred: &dyn Fn(&Elem) -> bool, out: &mut Vec<&'a Elem>) {
        if pred(self) {
            out.push(self);
        }
        for c in &self.children {
            if let Node::Elem(e) = c {
                e.find(pred, out);
            }
        }
    }

    fn all<'a>(&'a self, pred: &dyn Fn(&Elem) -> bool) -> Vec<&'a Elem> {
        let mut v = Vec::new();
        self.find(pred, &mut v);
        v
    }

    fn by_id(&self, id: &str) -> Option<&Elem> {
        self.all(&|e| e.attr("id") == Some(id)).into_iter().next()
    }
}

const VOID: &[&str] = &["meta", "br", "hr", "img", "input", "link", "wbr", "col"];
const RAW: &[&str] = &["style", "script"];
const BLOCK: &[&str] = &[
    "div", "p", "ul", "ol", "table", "section", "article", "aside", "main", "header", "h1", "h2",
    "h3", "dl", "details", "pre",
];

fn unescape(s: &str, at: usize) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail
            .find(';')
            .filter(|&e| e <= 8)
            .ok_or_else(|| format!("bare & near byte {at}: {:?}", &tail[..tail.len().min(12)]))?;
        let ent = &tail[1..end];
        let ch = match ent {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "#39" | "apos" => '\'',
            _ => {
                let n = ent
                    .strip_prefix("#x")
                    .map(|h| u32::from_str_radix(h, 16))
                    .or_else(|| ent.strip_prefix('#').map(|d| d.parse::<u32>()))
                    .and_then(Result::ok)
                    .and_then(char::from_u32);
                n.ok_or_else(|| format!("unknown entity &{ent}; near byte {at}"))?
            }
        };
        out.push(ch);
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Parses a whole document; the root is a nameless element holding `<html>`.
fn parse_html(doc: &str) -> Result<Elem, String> {
    let mut stack: Vec<Elem> = vec![Elem::default()];
    let mut ids: HashMap<String, usize> = HashMap::new();
    let b = doc.as_bytes();
    let mut i = match doc.strip_prefix("<!DOCTYPE html>") {
        Some(rest) => doc.len() - rest.len(),
        None => return Err("no <!DOCTYPE html>".into()),
    };
    while i < b.len() {
        if b[i] != b'<' {
            let end = doc[i..].find('<').map_or(doc.len(), |e| i + e);
            let raw = &doc[i..end];
            if let Some(p) = raw.find('>') {
                return Err(format!("unescaped > in text at byte {}", i + p));
            }
            let text = unescape(raw, i)?;
            let top = stack.last_mut().unwrap();
            if top.tag.is_empty() && !text.trim().is_empty() {
                return Err(format!("text outside <html> at byte {i}"));
            }
            top.children.push(Node::Text(text));
            i = end;
            continue;
        }
        let close = doc[i..]
            .find('>')
            .map(|e| i + e)
            .ok_or_else(|| format!("unclosed tag at byte {i}"))?;
        let tag_src = &doc[i + 1..close];
        if let Some(name) = tag_src.strip_prefix('/') {
            let el = stack
                .pop()
                .filter(|e| !e.tag.is_empty())
                .ok_or_else(|| format!("stray </{name}> at byte {i}"))?;
            if el.tag != name {
                return Err(format!("</{name}> closes <{}> at byte {i}", el.tag));
            }
            stack.last_mut().unwrap().children.push(Node::Elem(el));
            i = close + 1;
            continue;
        }
        if tag_src.contains('<') {
            return Err(format!("< inside a tag at byte {i}"));
        }
        // Name, then attributes name="value" (values may hold '>': re-scan).
        let name_end = tag_src
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(tag_src.len());
        let tag = &tag_src[..name_end];
        if tag.is_empty()
            || !tag
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        {
            return Err(format!("bad tag name {tag:?} at byte {i}"));
        }
        let mut el = Elem {
            tag: tag.to_string(),
            ..Elem::default()
        };
        let mut j = i + 1 + name_end;
        loop {
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j >= b.len() {
                return Err(format!("unclosed <{tag}> at byte {i}"));
            }
            if b[j] == b'>' {
                j += 1;
                break;
            }
            let an_end = doc[j..]
                .find(|c: char| c == '=' || c == '>' || c.is_ascii_whitespace())
                .map_or(doc.len(), |e| j + e);
            let an = &doc[j..an_end];
            if an.is_empty()
                || !an
                    .bytes()
                    .all(|c| c.is_ascii_lowercase() || c == b'-' || c.is_ascii_digit())
            {
                return Err(format!("bad attribute name {an:?} in <{tag}> at byte {j}"));
            }
            let value = if b.get(an_end) == Some(&b'=') {
                if b.get(an_end + 1) != Some(&b'"') {
                    return Err(format!("unquoted value of {an} at byte {an_end}"));
                }
                let vs = an_end + 2;
                let ve = doc[vs..]
                    .find('"')
                    .map(|e| vs + e)
                    .ok_or_else(|| format!("unterminated value of {an} at byte {vs}"))?;
                let raw = &doc[vs..ve];
                if raw.contains('<') || raw.contains('>') {
                    return Err(format!("unescaped < or > in {an} at byte {vs}"));
                }
                j = ve + 1;
                unescape(raw, vs)?
            } else {
                j = an_end;
                String::new()
            };
            if el.attrs.iter().any(|(k, _)| k == an) {
                return Err(format!("duplicate attribute {an} in <{tag}> at byte {i}"));
            }
            if an == "id" {
                if let Some(prev) = ids.insert(value.clone(), i) {
                    return Err(format!("duplicate id {value:?} at bytes {prev} and {i}"));
                }
            }
            el.attrs.push((an.to_string(), value));
        }
        if BLOCK.contains(&tag) && stack.iter().any(|e| e.tag == "p") {
            return Err(format!("<{tag}> inside <p> at byte {i}"));
        }
        if VOID.contains(&tag) {
            stack.last_mut().unwrap().children.push(Node::Elem(el));
            i = j;
        } else if RAW.contains(&tag) {
            let end_tag = format!("</{tag}>");
            let e = doc[j..]
                .find(&end_tag)
                .map(|e| j + e)
                .ok_or_else(|| format!("unclosed <{tag}> at byte {i}"))?;
            el.children.push(Node::Text(doc[j..e].to_string()));
            stack.last_mut().unwrap().children.push(Node::Elem(el));
            i = e + end_tag.len();
        } else {
            stack.push(el);
            i = j;
        }
    }
    if stack.len() != 1 {
        let open: Vec<&str> = stack[1..].iter().map(|e| e.tag.as_str()).collect();
        return Err(format!("unclosed at the end: {open:?}"));
    }
    let root = stack.pop().unwrap();
    let htmls = root
        .children
        .iter()
        .filter(|c| matches!(c, Node::Elem(e) if e.tag == "html"))
        .count();
    if htmls != 1 {
        return Err(format!("{htmls} <html> elements"));
    }
    Ok(root)
}

#[test]
fn checker_rejects_broken_html() {
    let ok = "<!DOCTYPE html>\n<html lang=\"en\"><body><p title=\"a &amp; b\">x &lt; y</p></body></html>";
    assert!(parse_html(ok).is_ok(), "{:?}", parse_html(ok).err());
    for bad in [
        "<!DOCTYPE html><html><body><p>x</b></p></body></html>",
        "<!DOCTYPE html><html><body><p>a & b</p></body></html>",
        "<!DOCTYPE html><html><body><p>a > b</p></body></html>",
        "<!DOCTYPE html><html><body><span title=a>x</span></body></html>",
        "<!DOCTYPE html><html><body><p><div>x</div></p></body></html>",
        "<!DOCTYPE html><html><body><i id=\"x\"></i><b id=\"x\"></b></body></html>",
        "<!DOCTYPE html><html><body><span>",
    ] {
        assert!(parse_html(bad).is_err(), "accepted: {bad}");
    }
}

// ---------------------------------------------------------------------------
// Overlapping spans.

/// Checks the events of `layer`: properly nested, every byte once and in
/// order, and the text inside each mark's fragments exactly its span.
fn check_layers(text: &str, marks: &[Mark]) {
    let events = layer(text, marks);
    let mut stack: Vec<usize> = Vec::new();
    let mut pos = 0;
    let mut covered: Vec<Vec<(usize, usize)>> = vec![Vec::new(); marks.len()];
    let mut opened = vec![false; marks.len()];
    for ev in &events {
        match *ev {
            Event::Open { mark, first } => {
                assert_eq!(
                    first, !opened[mark],
                    "first flag of mark {mark}: {events:?}"
                );
                opened[mark] = true;
                stack.push(mark);
            }
            Event::Close { mark } => assert_eq!(stack.pop(), Some(mark), "{events:?}"),
            Event::Text { start, end } => {
                assert_eq!(start, pos, "text out of order: {events:?}");
                assert!(start < end && text.is_char_boundary(end));
                pos = end;
                for &m in &stack {
                    covered[m].push((start, end));
                }
            }
        }
    }
    assert!(stack.is_empty(), "left open: {stack:?}");
    assert_eq!(pos, text.len(), "text not covered");
    for (i, m) in marks.iter().enumerate() {
        let valid = m.start < m.end
            && m.end <= text.len()
            && text.is_char_boundary(m.start)
            && text.is_char_boundary(m.end);
        if !valid {
            assert!(
                covered[i].is_empty() && !opened[i],
                "invalid mark {m:?} shown"
            );
            continue;
        }
        let c = &covered[i];
        assert!(!c.is_empty(), "mark {m:?} not shown");
        assert_eq!(c[0].0, m.start, "mark {m:?} starts at {}", c[0].0);
        assert_eq!(
            c[c.len() - 1].1,
            m.end,
            "mark {m:?} ends at {}",
            c[c.len() - 1].1
        );
        for w in c.windows(2) {
            assert_eq!(w[0].1, w[1].0, "mark {m:?} has a gap: {c:?}");
        }
    }
}

fn mk(start: usize, end: usize, rank: u8) -> Mark {
    Mark { start, end, rank }
}

#[test]
fn layers_table() {
    let text = "包钢集团计划到2027年将产能提高到50万吨。";
    let cases: &[(&str, Vec<Mark>)] = &[
        ("none", vec![]),
        ("sentence", vec![mk(0, text.len(), 0)]),
        (
            "nested",
            vec![mk(0, text.len(), 0), mk(0, 12, 3), mk(21, 28, 5)],
        ),
        ("crossing", vec![mk(0, 15, 3), mk(12, 27, 4)]),
        (
            "crossing three",
            vec![mk(0, 15, 3), mk(12, 27, 4), mk(6, 21, 5)],
        ),
        ("equal spans", vec![mk(3, 9, 6), mk(3, 9, 0), mk(3, 9, 3)]),
        ("touching", vec![mk(0, 3, 0), mk(3, 6, 0), mk(6, 9, 0)]),
        ("empty and reversed", vec![mk(3, 3, 0), mk(9, 6, 0)]),
        ("not on a char boundary", vec![mk(1, 6, 0), mk(0, 4, 0)]),
        ("past the end", vec![mk(0, text.len() + 1, 0)]),
        (
            "whole crossing sentence",
            vec![mk(0, 12, 0), mk(12, text.len(), 0), mk(9, 15, 3)],
        ),
    ];
    for (name, marks) in cases {
        let r = std::panic::catch_unwind(|| check_layers(text, marks));
        assert!(r.is_ok(), "case {name:?}");
    }
    // Equal spans nest by rank: rank 0 outside.
    let ev = layer(text, &[mk(3, 9, 6), mk(3, 9, 0)]);
    assert_eq!(
        ev[1],
        Event::Open {
            mark: 1,
            first: true
        }
    );
    assert_eq!(
        ev[2],
        Event::Open {
            mark: 0,
            first: true
        }
    );
}

#[test]
fn layers_random() {
    // Deterministic xorshift: many small random span sets over mixed text.
    let text = "Baogang 包钢 plans 5万吨 by 2027, é.";
    let bounds: Vec<usize> = (0..=text.len()).collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for _ in 0..3000 {
        let k = next(7);
        let marks: Vec<Mark> = (0..k)
            .map(|_| {
                let a = bounds[next(bounds.len())];
                let b = bounds[next(bounds.len())];
                mk(a.min(b), a.max(b), next(4) as u8)
            })
            .collect();
        check_layers(text, &marks);
    }
}

// ---------------------------------------------------------------------------
// The explain page.

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn articles(paths: &[PathBuf]) -> Vec<Article> {
    read_paths(paths, ReadOptions::default())
        .map(|a| a.unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

/// The samples, the views corpus and the markup text.
fn explain_inputs() -> Vec<Article> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("samples"))
        .expect("samples/")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths.push(data("views_corpus.jsonl"));
    paths.push(data("views_markup.txt"));
    let all = articles(&paths);
    assert!(all.len() >= 7, "inputs missing: {}", all.len());
    all
}

/// Text positions of every mark fragment inside `el`: key → [start, end)
/// ranges, in the order met. `pos` counts bytes of text read so far.
fn collect_marks(el: &Elem, pos: &mut usize, out: &mut BTreeMap<String, Vec<(usize, usize)>>) {
    let start = *pos;
    for c in &el.children {
        match c {
            Node::Text(t) => *pos += t.len(),
            Node::Elem(e) => collect_marks(e, pos, out),
        }
    }
    if let Some(k) = el.attr("data-k") {
        out.entry(k.to_string()).or_default().push((start, *pos));
    }
}

fn check_page(rec: &ArticleRecord, text: &str, page: &str) {
    let id = &rec.id;
    let doc = parse_html(page).unwrap_or_else(|e| panic!("{id}: page not well-formed: {e}"));
    let html = doc.all(&|e| e.tag == "html")[0];
    assert_eq!(html.attr("lang"), Some(rec.lang.as_ref()), "{id}: lang");
    assert!(
        !doc.all(&|e| e.tag == "meta" && e.attr("charset") == Some("utf-8"))
            .is_empty(),
        "{id}: no <meta charset=\"utf-8\">"
    );
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "{id}: external reference"
    );
    assert!(
        !page.contains("<script") && !page.contains("<link"),
        "{id}: not self-contained"
    );

    // The text block is exactly the article, and every mark covers exactly
    // its bytes.
    let block = doc
        .by_id("text")
        .unwrap_or_else(|| panic!("{id}: no #text"));
    assert_eq!(block.text(), text, "{id}: #text is not the article");
    let mut pos = 0;
    let mut found = BTreeMap::new();
    for c in &block.children {
        match c {
            Node::Text(t) => pos += t.len(),
            Node::Elem(e) => collect_marks(e, &mut pos, &mut found),
        }
    }
    let (marks, targets) = explain::marks(rec);
    let shown: Vec<_> = marks
        .iter()
        .zip(&targets)
        .filter(|(m, _)| m.start < m.end) // an empty span has nothing to show
        .collect();
    for &(m, t) in &shown {
        let key = t.key();
        let frags = found
            .get(&key)
            .unwrap_or_else(|| panic!("{id}: {key} ({}..{}) not marked", m.start, m.end));
        assert_eq!(frags[0].0, m.start, "{id}: {key} starts at {}", frags[0].0);
        assert_eq!(frags.last().unwrap().1, m.end, "{id}: {key} ends wrong");
        for w in frags.windows(2) {
            assert_eq!(w[0].1, w[1].0, "{id}: {key} fragments leave a gap");
        }
    }
    assert_eq!(found.len(), shown.len(), "{id}: marks without a target");

    // Every claim: highlighted with its kind and number, its tooltip and its
    // card naming kind, disclosure and every rule and cue.
    let spans = block.all(&|e| e.has_class("claim"));
    for (i, c) in rec.claims.iter().enumerate() {
        let key = Target::Claim(i).key();
        let frags: Vec<&&Elem> = spans
            .iter()
            .filter(|e| e.attr("data-k") == Some(key.as_str()))
            .collect();
        assert!(!frags.is_empty(), "{id}: claim {i} not highlighted");
        let n = (i + 1).to_string();
        assert_eq!(
            frags[0].attr("data-n"),
            Some(n.as_str()),
            "{id}: claim {i} number"
        );
        for f in &frags {
            assert_eq!(
                f.attr("data-kind"),
                Some(c.kind.as_ref()),
                "{id}: claim {i} kind"
            );
            assert!(
                f.has_class(&format!("k-{}", c.kind)),
                "{id}: claim {i} colour"
            );
            let tip = f.attr("title").unwrap_or("");
            for e in &c.evidence {
                assert!(
                    tip.contains(&*e.rule),
                    "{id}: claim {i} tooltip lacks {}",
                    e.rule
                );
            }
        }
        let card = doc
            .by_id(&format!("claim-{n}"))
            .unwrap_or_else(|| panic!("{id}: no card for claim {i}"));
        assert_eq!(card.attr("data-kind"), Some(c.kind.as_ref()));
        let body = card.text();
        assert!(
            body.contains(&*c.kind) && body.contains(&*c.modality),
            "{id}: card {n}"
        );
        assert!(
            body.contains(c.text.trim()),
            "{id}: card {n} lacks the sentence"
        );
        if let Some(d) = &c.disclosure {
            assert!(
                body.contains(d.as_ref()),
                "{id}: card {n} lacks disclosure {d}"
            );
        }
        if let Some(a) = &c.actor {
            assert!(
                body.contains(&*a.label) && body.contains(&*a.resolved_by),
                "{id}: card {n} actor"
            );
        }
        if let Some(s) = c.speaker.as_ref().and_then(|s| s.name.as_ref()) {
            assert!(body.contains(s.as_ref()), "{id}: card {n} speaker");
        }
        for &f in &c.figures {
            let f = &rec.figures[f];
            assert!(
                body.contains(&views::html::figure_value(f)),
                "{id}: card {n} figure"
            );
        }
        let rules = card.all(&|e| e.has_class("rule"));
        let got: Vec<String> = rules.iter().map(|e| e.text()).collect();
        let want: Vec<&str> = c.evidence.iter().map(|e| e.rule.as_ref()).collect();
        assert_eq!(got, want, "{id}: card {n} rules");
        for e in c.evidence.iter().filter_map(|e| e.text.as_ref()) {
            assert!(body.contains(e.as_ref()), "{id}: card {n} lacks cue {e}");
        }
    }
    assert_eq!(
        doc.all(&|e| e.tag == "article" && e.has_class("card"))
            .len(),
        rec.claims.len(),
        "{id}: one card per claim"
    );

    // The summary counts the record's claims per kind.
    let summary = doc.by_id("summary").expect("summary");
    for (k, n) in explain::summary(rec).kinds {
        let want = rec.claims.iter().filter(|c| c.kind == k).count();
        assert_eq!(n, want);
        let shown =
            summary.all(&|e| e.has_class("count") && e.attr("data-kind") == Some(k.as_str()));
        assert_eq!(shown.len(), 1, "{id}: summary count of {k}");
        assert_eq!(
            shown[0].text(),
            format!("{k} {want}"),
            "{id}: summary count of {k}"
        );
    }
    let nd = if rec.explicit_nondisclosure {
        "yes"
    } else {
        "no"
    };
    assert!(
        !summary
            .all(&|e| e.has_class("nd") && e.has_class(nd))
            .is_empty(),
        "{id}: explicit non-disclosure"
    );
    assert!(doc.by_id("legend").is_some(), "{id}: legend");
}

#[test]
fn explain_page_shows_every_claim_exactly() {
    let ex = Extractor::new().unwrap();
    let mut claims = 0;
    let mut langs = std::collections::BTreeSet::new();
    let mut rows = Vec::new();
    for a in explain_inputs() {
        let rec = ex.extract(&a.id, &a.text);
        claims += rec.claims.len();
        langs.insert(rec.lang.clone());
        let meta = Meta {
            date: a.date.clone(),
            title: a.title.clone(),
            source: a.source.clone(),
        };
        let page = explain::html_page(&rec, &a.text, &meta);
        check_page(&rec, &a.text, &page);
        let href = explain::page_file_name(&rec.id);
        rows.push(explain::PageRow::new(&rec, &a.text, &meta, href));
    }
    // The index page of a folder of pages links every article once.
    let doc = parse_html(&explain::index_page(&rows)).unwrap();
    let links = doc.all(&|e| e.tag == "a");
    assert_eq!(links.len(), rows.len());
    for (l, r) in links.iter().zip(&rows) {
        assert_eq!(l.attr("href"), Some(r.href.as_str()));
        assert_eq!(l.text(), r.id);
    }
    assert_eq!(explain::page_file_name("zh/0001 <x>"), "zh_0001__x_.html");
    assert_eq!(explain::page_file_name("包钢"), "包钢.html");
    assert_eq!(explain::page_file_name(".."), "_...html");
    assert!(claims > 30, "too few claims to test: {claims}");
    assert_eq!(langs.len(), 2, "English and Chinese: {langs:?}");
}

#[test]
fn explain_escapes_markup() {
    let ex = Extractor::new().unwrap();
    let text = std::fs::read_to_string(data("views_markup.txt")).unwrap();
    let rec = ex.extract("markup", &text);
    let page = explain::html_page(&rec, &text, &Meta::default());
    assert!(!page.contains("<earth>") && !page.contains("<magnet>"));
    assert!(page.contains("Rare &lt;earth&gt; &amp; &quot;magnets&quot;: O&#39;Brien"));
    check_page(&rec, &text, &page);
    // Hostile metadata and ids are escaped too.
    let meta = Meta {
        date: Some("<2025>".into()),
        title: Some("\"><b>".into()),
        source: Some("a & b".into()),
    };
    let rec = ex.extract("<id>", "x < y & z\nThe company plans to build a plant.");
    let page = explain::html_page(
        &rec,
        "x < y & z\nThe company plans to build a plant.",
        &meta,
    );
    parse_html(&page).unwrap();
    assert!(page.contains("&lt;id&gt;") && page.contains("&lt;2025&gt;"));
}

#[test]
fn explain_text_view() {
    let ex = Extractor::new().unwrap();
    for a in explain_inputs().iter().take(4) {
        let rec = ex.extract(&a.id, &a.text);
        let out = explain::text_view(&rec, &a.text, &Meta::default(), false);
        assert!(!out.contains('\x1b'), "{}: colour without asking", a.id);
        assert!(out.contains("undated"));
        for (i, c) in rec.claims.iter().enumerate() {
            let head = format!("[{}] {} ({})", i + 1, c.kind, c.modality);
            assert!(out.contains(&head), "{}: no {head}", a.id);
            for e in &c.evidence {
                assert!(
                    out.contains(&format!("rule: {}", e.rule)),
                    "{}: {}",
                    a.id,
                    e.rule
                );
            }
        }
        // With the marks taken out, every sentence is there as written.
        let strip = |s: &str| -> String {
            s.chars()
                .filter(|c| !"[]{}⟨⟩".contains(*c) && !c.is_whitespace())
                .collect()
        };
        let plain = strip(&out);
        for s in &rec.sentences {
            let sentence = strip(&a.text[s.start..s.end]);
            assert!(plain.contains(&sentence), "{}: sentence {sentence}", a.id);
        }
        assert_eq!(out.matches('[').count(), out.matches(']').count());
        let coloured = explain::text_view(&rec, &a.text, &Meta::default(), true);
        assert!(coloured.contains("\x1b["));
    }
}

// ---------------------------------------------------------------------------
// The ledger.

fn ledger_of(paths: &[PathBuf], index: &Index) -> (Vec<ArticleRecord<'static>>, ledger::Ledger) {
    let ex = Extractor::new().unwrap();
    let mut b = LedgerBuilder::new();
    let mut recs = Vec::new();
    for a in articles(paths) {
        let rec = ex.extract(&a.id, &a.text);
        let meta = Meta {
            date: a.date.clone(),
            title: a.title.clone(),
            source: a.source.clone(),
        }
        .or(index.get(&a.id));
        b.add(&rec, &meta);
        recs.push(rec);
    }
    (recs, b.finish(5))
}

#[test]
fn ledger_one_row_per_actor_across_languages() {
    let (recs, l) = ledger_of(&[data("views_corpus.jsonl")], &Index::new());
    // Preconditions on the extractor: both articles attribute claims to
    // Baogang, one naming it in English, the other in Chinese.
    for (id, name) in [
        ("views-en-baogang", "Baogang Group"),
        ("views-zh-baogang", "包钢集团"),
    ] {
        let r = recs.iter().find(|r| r.id == id).unwrap();
        assert!(
            r.claims.iter().any(|c| c
                .actor
                .as_ref()
                .is_some_and(|a| a.id.as_deref() == Some("org.baogang")
                    && a.span.is_some_and(|s| r_text(r, c, s) == name))),
            "{id}: no claim whose actor is org.baogang named {name} in the sentence"
        );
    }
    let rows: Vec<_> = l
        .actors
        .iter()
        .filter(|r| r.label == "Baogang Group")
        .collect();
    assert_eq!(rows.len(), 1, "one row for Baogang: {:?}", l.actors);
    let row = rows[0];
    assert_eq!(row.key, "org.baogang");
    assert_eq!(row.zh.as_deref(), Some("包钢集团"));
    assert!(
        row.names.iter().any(|n| n == "Baogang Group"),
        "{:?}",
        row.names
    );
    assert!(row.names.iter().any(|n| n == "包钢集团"), "{:?}", row.names);
    assert_eq!(row.articles, 2);
    assert_eq!(row.first_date.as_deref(), Some("2024-03-18"));
    assert_eq!(row.last_date.as_deref(), Some("2025-01-09"));
    assert_eq!(row.undated_articles, 0);
    assert!(row.concepts.iter().all(|c| c.id != "org.baogang"));

    // Counts equal the records'.
    let count = |kind: &str, who: Option<&str>| {
        recs.iter()
            .flat_map(|r| &r.claims)
            .filter(|c| c.kind == kind)
            .filter(|c| match who {
                Some(w) => c.actor.as_ref().and_then(|a| a.id.as_deref()) == Some(w),
                None => true,
            })
            .count()
    };
    assert_eq!(row.commitments, count("commitment", Some("org.baogang")));
    assert_eq!(row.plans, count("plan", Some("org.baogang")));
    assert_eq!(row.forecasts, count("forecast", Some("org.baogang")));
    assert!(row.commitments >= 2 && row.plans >= 2, "{row:?}");
    for kind in ["commitment", "plan", "forecast"] {
        let sum: usize = l
            .actors
            .iter()
            .map(|r| match kind {
                "commitment" => r.commitments,
                "plan" => r.plans,
                _ => r.forecasts,
            })
            .sum();
        assert_eq!(sum, count(kind, None), "rows' {kind}s");
        assert_eq!(l.claims.get(kind).copied().unwrap_or(0), count(kind, None));
    }
    let total: usize = l.claims.values().sum();
    assert_eq!(total, recs.iter().map(|r| r.claims.len()).sum::<usize>());
    assert_eq!(l.articles, 3);
    assert_eq!(l.dated_articles, 2);

    // Figures, deadlines and the watch list, from the records.
    let mine: Vec<_> = recs
        .iter()
        .flat_map(|r| r.claims.iter().map(move |c| (r, c)))
        .filter(|(_, c)| c.actor.as_ref().and_then(|a| a.id.as_deref()) == Some("org.baogang"))
        .collect();
    let intents = |c: &&ree_claims::record::ClaimRecord| {
        matches!(c.kind.as_ref(), "commitment" | "plan" | "forecast")
    };
    assert_eq!(
        row.with_figure,
        mine.iter()
            .filter(|(_, c)| intents(c) && !c.figures.is_empty())
            .count()
    );
    assert_eq!(
        row.with_deadline,
        mine.iter()
            .filter(|(r, c)| intents(c) && ledger::has_deadline(r, c))
            .count()
    );
    let watch: Vec<_> = mine
        .iter()
        .filter(|(_, c)| {
            (c.kind == "commitment" || c.kind == "plan")
                && matches!(c.disclosure.as_deref(), Some("undisclosed" | "na"))
        })
        .collect();
    assert_eq!(row.watch.len(), watch.len());
    assert!(!row.watch.is_empty());
    for w in &row.watch {
        let (r, c) = watch
            .iter()
            .find(|(r, c)| r.id == w.article && c.sentence == w.sentence)
            .expect("watch item from the records");
        assert_eq!(w.text, c.text.trim());
        assert_eq!(w.kind, c.kind);
        assert_eq!(Some(w.disclosure.as_str()), c.disclosure.as_deref());
        let date = if r.id == "views-en-baogang" {
            "2024-03-18"
        } else {
            "2025-01-09"
        };
        assert_eq!(w.date.as_deref(), Some(date));
    }
    let dates: Vec<_> = row.watch.iter().map(|w| w.date.clone()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "watch list by date");
    assert_eq!(
        row.ever_quantified,
        mine.iter()
            .any(|(r, c)| !c.figures.is_empty() || ledger::has_deadline(r, c))
    );

    // The undated article's actor.
    let lynas = l
        .actors
        .iter()
        .find(|r| r.key == "org.lynas")
        .expect("Lynas row");
    assert_eq!(
        (lynas.first_date.as_deref(), lynas.undated_articles),
        (None, 1)
    );
    // Unattributed claims have their row, last.
    if let Some(none) = l.actors.iter().position(|r| r.key == NO_ACTOR) {
        assert_eq!(none, l.actors.len() - 1);
    }
}

fn r_text<'a>(
    _r: &ArticleRecord,
    c: &'a ree_claims::record::ClaimRecord,
    s: ree_claims::record::SpanRecord,
) -> &'a str {
    c.text
        .get(s.start - c.span.start..s.end - c.span.start)
        .unwrap_or("")
}

#[test]
fn ledger_index_fills_missing_metadata() {
    let mut index = Index::new();
    assert_eq!(index.load(&data("views_index.jsonl")), Ok(2));
    let (_, l) = ledger_of(&[data("views_corpus.jsonl")], &index);
    // The article's own date wins; the index dates the undated one.
    let b = l.actors.iter().find(|r| r.key == "org.baogang").unwrap();
    assert_eq!(b.first_date.as_deref(), Some("2024-03-18"));
    let lynas = l.actors.iter().find(|r| r.key == "org.lynas").unwrap();
    assert_eq!(lynas.first_date.as_deref(), Some("2023-11-02"));
    assert_eq!(l.dated_articles, 3);
    let m = Meta {
        date: None,
        title: Some("own".into()),
        source: None,
    }
    .or(index.get("views-en-baogang"));
    assert_eq!(m.title.as_deref(), Some("own"));
    assert_eq!(m.date.as_deref(), Some("1999-01-01"));
    assert_eq!(m.source.as_deref(), Some("index source"));
    let lm = index.get("views-lynas-undated").unwrap();
    assert_eq!(lm.source.as_deref(), Some("index publisher"));
    // Faults name the file and line.
    let err = Index::new()
        .parse("{\"id\": \"a\"}\nnot json\n", "idx.jsonl")
        .unwrap_err();
    assert!(err.starts_with("idx.jsonl:2:"), "{err}");
}

#[test]
fn ledger_keys() {
    let actor = |id: Option<&str>, label: &str| ActorRecord {
        id: id.map(|s| s.to_string().into()),
        label: label.to_string().into(),
        aliases: vec![],
        span: None,
        resolved_by: "subject".into(),
    };
    assert_eq!(
        ledger::actor_key(&actor(Some("org.baogang"), "Baogang Group")),
        "org.baogang"
    );
    // Organisations found by shape are numbered per article: keyed by name.
    let a = ledger::actor_key(&actor(
        Some("found.org.1"),
        "Highveld Steel and Vanadium Corp",
    ));
    let c = ledger::actor_key(&actor(Some("found.org.1"), "江苏卓群纳米稀土股份有限公司"));
    assert_ne!(a, c);
    assert_eq!(a, "name:highveldsteelandvanadiumcorp");
    let b = ledger::actor_key(&actor(
        Some("found.org.4"),
        "Highveld Steel and Vanadium Corp.",
    ));
    assert_eq!(a, b, "case and punctuation ignored");
    assert_eq!(
        ledger::actor_key(&actor(None, "The Ministry")),
        "name:theministry"
    );
}

#[test]
fn ledger_renders_md_json_html() {
    let mut index = Index::new();
    index.load(&data("views_index.jsonl")).unwrap();
    let (_, l) = ledger_of(&[data("views_corpus.jsonl")], &index);
    let md = ledger::markdown(&l, 0);
    assert!(
        md.contains("| Baogang Group · 包钢集团 `org.baogang` |"),
        "{md}"
    );
    assert!(md.contains("## Watch list"));
    assert!(md.contains("| 2025-01-09 | views-zh-baogang |"), "{md}");
    let limited = ledger::markdown(&l, 1);
    assert!(limited.contains("more."), "{limited}");

    let json: serde_json::Value = serde_json::from_str(&ledger::json(&l)).unwrap();
    assert_eq!(json["schema"], ledger::SCHEMA);
    let rows = json["actors"].as_array().unwrap();
    assert_eq!(rows.len(), l.actors.len());
    let b = rows.iter().find(|r| r["key"] == "org.baogang").unwrap();
    assert_eq!(b["articles"], 2);
    assert!(!b["watch"].as_array().unwrap().is_empty());

    let page = ledger::html(&l, 0);
    let doc = parse_html(&page).unwrap_or_else(|e| panic!("ledger page: {e}"));
    let rows = doc.all(&|e| e.tag == "tr" && e.attr("data-key").is_some());
    assert_eq!(rows.len(), l.actors.len());
    let b = rows
        .iter()
        .find(|e| e.attr("data-key") == Some("org.baogang"))
        .unwrap();
    assert!(b.text().contains("包钢集团") && b.text().contains("Baogang Group"));
    let watch = doc.all(&|e| e.tag == "details" && e.attr("data-key") == Some("org.baogang"));
    assert_eq!(watch.len(), 1);
    let items = watch[0].all(&|e| e.tag == "tr").len() - 1;
    assert_eq!(
        items,
        l.actors
            .iter()
            .find(|r| r.key == "org.baogang")
            .unwrap()
            .watch
            .len()
    );
}

/// The same checks over a whole corpus, outside CI's time budget:
/// `VIEWS_CORPUS=../shared/corpus/rare-earth cargo test --release --test views -- --ignored`
#[test]
#[ignore = "set VIEWS_CORPUS to a folder of articles"]
fn corpus_pages_and_ledger() {
    let dir = PathBuf::from(std::env::var("VIEWS_CORPUS").expect("VIEWS_CORPUS=<folder>"));
    let index_files = views::meta::default_index_files(std::slice::from_ref(&dir));
    let mut index = Index::new();
    for f in &index_files {
        index.load(f).unwrap();
    }
    let ex = Extractor::new().unwrap();
    let mut b = LedgerBuilder::new();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut n = 0;
    for item in read_paths(&[dir], ReadOptions::default()) {
        let a = match item {
            Ok(a) => a,
            Err(e) if views::meta::is_index_file(&index_files, &e.file) => continue,
            Err(e) => panic!("{e}"),
        };
        let rec = ex.extract(&a.id, &a.text);
        let meta = Meta::default().or(index.get(&a.id));
        check_page(&rec, &a.text, &explain::html_page(&rec, &a.text, &meta));
        for c in &rec.claims {
            *kinds.entry(c.kind.to_string()).or_default() += 1;
        }
        b.add(&rec, &meta);
        n += 1;
    }
    let l = b.finish(5);
    assert_eq!(l.articles, n);
    assert_eq!(l.claims, kinds);
    let sum = |f: fn(&ledger::ActorRow) -> usize| l.actors.iter().map(f).sum::<usize>();
    assert_eq!(
        sum(|r| r.commitments),
        kinds.get("commitment").copied().unwrap_or(0)
    );
    assert_eq!(sum(|r| r.plans), kinds.get("plan").copied().unwrap_or(0));
    assert_eq!(
        sum(|r| r.forecasts),
        kinds.get("forecast").copied().unwrap_or(0)
    );
    parse_html(&ledger::html(&l, 0)).unwrap();
    eprintln!(
        "{n} articles, {} actors: pages and ledger checked",
        l.actors.len()
    );
}
