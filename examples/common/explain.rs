//! One article and its record, for a reader: an HTML page ([`html_page`])
//! or annotated plain text ([`text_view`]).
//!
//! The page shows the article text with every claim highlighted in the
//! colour of its kind and numbered, and figures, times, entity mentions,
//! actors, speakers and the cues that fired marked inside; each mark carries
//! a tooltip, and a side panel gives every claim's kind, modality, actor,
//! speaker, disclosure, figures and evidence. A summary box on top counts
//! the claims per kind and by disclosure and says whether the article
//! withholds figures in so many words.
//!
//! Every mark is a `<span>` with a `data-k` key naming what it stands for
//! (see [`Target::key`]); the text inside all fragments of a mark is exactly
//! the bytes of its span, and the text of the `#text` block is exactly the
//! article.

use std::collections::HashMap;
use std::fmt::Write as _;

use ree_claims::record::{ArticleRecord, ClaimRecord};

use super::html::{escape, escape_into, figure_value, page, KINDS};
use super::layers::{layer, Event, Mark};
use super::meta::Meta;

/// What a mark in the article text stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Claim `i` (its sentence).
    Claim(usize),
    /// The speaker of claim `i`.
    Speaker(usize),
    /// The actor of claim `i`, where named in the sentence.
    Actor(usize),
    /// Mention `j` of entity `i`.
    Entity(usize, usize),
    /// Figure `i`.
    Figure(usize),
    /// Time expression `i`.
    Time(usize),
    /// The cue of evidence `j` of claim `i`.
    Cue(usize, usize),
}

impl Target {
    /// The `data-k` key: `c3` claim, `s3` speaker, `a3` actor, `e2.0`
    /// entity mention, `f1` figure, `t0` time, `q3.1` cue.
    pub fn key(&self) -> String {
        match *self {
            Target::Claim(i) => format!("c{i}"),
            Target::Speaker(i) => format!("s{i}"),
            Target::Actor(i) => format!("a{i}"),
            Target::Entity(i, j) => format!("e{i}.{j}"),
            Target::Figure(i) => format!("f{i}"),
            Target::Time(i) => format!("t{i}"),
            Target::Cue(i, j) => format!("q{i}.{j}"),
        }
    }

    fn rank(&self) -> u8 {
        match self {
            Target::Claim(_) => 0,
            Target::Speaker(_) => 1,
            Target::Actor(_) => 2,
            Target::Entity(..) => 3,
            Target::Figure(_) => 4,
            Target::Time(_) => 5,
            Target::Cue(..) => 6,
        }
    }
}

/// Every span of the record worth marking, with what it stands for.
pub fn marks(rec: &ArticleRecord) -> (Vec<Mark>, Vec<Target>) {
    let mut spans = Vec::new();
    let mut push = |start: usize, end: usize, t: Target| spans.push((start, end, t));
    for (i, c) in rec.claims.iter().enumerate() {
        push(c.span.start, c.span.end, Target::Claim(i));
        if let Some(s) = &c.speaker {
            push(s.span.start, s.span.end, Target::Speaker(i));
        }
        if let Some(sp) = c.actor.as_ref().and_then(|a| a.span) {
            push(sp.start, sp.end, Target::Actor(i));
        }
        for (j, e) in c.evidence.iter().enumerate() {
            if let Some(cue) = e.cue {
                push(cue.start, cue.end, Target::Cue(i, j));
            }
        }
    }
    for (i, e) in rec.entities.iter().enumerate() {
        for (j, m) in e.mentions.iter().enumerate() {
            push(m.start, m.end, Target::Entity(i, j));
        }
    }
    for (i, f) in rec.figures.iter().enumerate() {
        push(f.span.start, f.span.end, Target::Figure(i));
    }
    for (i, t) in rec.times.iter().enumerate() {
        push(t.span.start, t.span.end, Target::Time(i));
    }
    spans
        .into_iter()
        .map(|(start, end, t)| {
            (
                Mark {
                    start,
                    end,
                    rank: t.rank(),
                },
                t,
            )
        })
        .unzip()
}

/// Counts for the summary box.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Claims per kind, in [`KINDS`] order, then any other kind.
    pub kinds: Vec<(String, usize)>,
    /// Claims with disclosure `disclosed`.
    pub disclosed: usize,
    /// Claims with disclosure `undisclosed`.
    pub undisclosed: usize,
    /// Claims with disclosure `na`.
    pub na: usize,
    /// Claims with no disclosure (assessments, disclaimers).
    pub unrated: usize,
    /// Commitments and plans.
    pub intents: usize,
    /// Commitments and plans with disclosure `disclosed`.
    pub intents_disclosed: usize,
    /// The article says in so many words that figures were withheld.
    pub explicit_nondisclosure: bool,
    /// The sentences that say so.
    pub nondisclosure_sentences: Vec<usize>,
}

/// The summary of a record.
pub fn summary(rec: &ArticleRecord) -> Summary {
    let mut s = Summary::default();
    let mut per: HashMap<&str, usize> = HashMap::new();
    for c in &rec.claims {
        *per.entry(c.kind.as_ref()).or_default() += 1;
        match c.disclosure.as_deref() {
            Some("disclosed") => s.disclosed += 1,
            Some("undisclosed") => s.undisclosed += 1,
            Some(_) => s.na += 1,
            None => s.unrated += 1,
        }
        if is_intent(c) {
            s.intents += 1;
            if c.disclosure.as_deref() == Some("disclosed") {
                s.intents_disclosed += 1;
            }
        }
    }
    for (k, ..) in KINDS {
        s.kinds.push((k.to_string(), per.remove(k).unwrap_or(0)));
    }
    let mut rest: Vec<_> = per.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
    rest.sort();
    s.kinds.extend(rest);
    s.explicit_nondisclosure = rec.explicit_nondisclosure;
    s.nondisclosure_sentences = rec.nondisclosure_sentences.clone();
    s
}

fn is_intent(c: &ClaimRecord) -> bool {
    c.kind == "commitment" || c.kind == "plan"
}

/// Text of `[start, end)` if it is a valid slice.
fn slice(text: &str, start: usize, end: usize) -> &str {
    text.get(start..end).unwrap_or("")
}

fn sentence_text<'t>(rec: &ArticleRecord, text: &'t str, i: usize) -> &'t str {
    rec.sentences
        .get(i)
        .map_or("", |s| slice(text, s.start, s.end))
}

/// `claim N` when sentence `i` carries a claim (numbered as on the page),
/// else `sentence N` (1-based, the title counting).
fn sentence_ref(rec: &ArticleRecord, i: usize) -> String {
    match rec.claims.iter().position(|c| c.sentence == i) {
        Some(c) => format!("claim {}", c + 1),
        None => format!("sentence {}", i + 1),
    }
}

/// The article's title: the metadata's, else its title sentence, else the id.
pub fn title(rec: &ArticleRecord, text: &str, meta: &Meta) -> String {
    meta.title
        .clone()
        .or_else(|| {
            rec.sentences
                .iter()
                .find(|s| s.kind == "title")
                .map(|s| slice(text, s.start, s.end).trim().to_string())
                .filter(|t| !t.is_empty())
        })
        .unwrap_or_else(|| rec.id.to_string())
}

fn concept_label<'r>(rec: &'r ArticleRecord, id: &'r str) -> &'r str {
    rec.entities
        .iter()
        .find(|e| e.id == id)
        .map_or(id, |e| e.label.as_ref())
}

/// One claim in one line per field, as the tooltip and the text view give it.
pub fn claim_lines(rec: &ArticleRecord, i: usize) -> Vec<(String, String)> {
    let c = &rec.claims[i];
    let mut lines = Vec::new();
    let mut kind = format!("{} ({})", c.kind, c.modality);
    if c.negated {
        kind.push_str(", negated");
    }
    lines.push(("kind".to_string(), kind));
    lines.push((
        "actor".into(),
        match &c.actor {
            Some(a) => {
                let mut s = a.label.to_string();
                if let Some(id) = &a.id {
                    let _ = write!(s, " [{id}]");
                }
                let _ = write!(s, " by {}", a.resolved_by);
                s
            }
            None => "none".into(),
        },
    ));
    if let Some(sp) = &c.speaker {
        let who: Vec<&str> = [sp.name.as_deref(), sp.role.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        lines.push(("speaker".into(), who.join(", ")));
    }
    lines.push((
        "disclosure".into(),
        c.disclosure.as_deref().unwrap_or("not rated").to_string(),
    ));
    if !c.figures.is_empty() {
        let figs: Vec<String> = c
            .figures
            .iter()
            .filter_map(|&f| rec.figures.get(f))
            .map(|f| format!("{} = {}", f.text, figure_value(f)))
            .collect();
        lines.push(("figures".into(), figs.join("; ")));
    }
    for e in &c.evidence {
        let mut s = e.rule.to_string();
        if let Some(t) = &e.text {
            let _ = write!(s, " \u{201c}{t}\u{201d}");
        }
        if let Some(en) = &e.entry {
            let _ = write!(s, " ({en})");
        }
        lines.push(("rule".into(), s));
    }
    lines
}

fn tooltip(rec: &ArticleRecord, i: usize) -> String {
    let mut s = format!("claim {}", i + 1);
    for (k, v) in claim_lines(rec, i) {
        let _ = write!(s, "\n{k}: {v}");
    }
    s
}

/// Opening tag of one fragment of a mark in the article text.
fn open_tag(out: &mut String, rec: &ArticleRecord, t: Target, first: bool) {
    let (class, title): (String, String) = match t {
        Target::Claim(i) => {
            let c = &rec.claims[i];
            out.push_str("<span class=\"claim k-");
            escape_into(out, &c.kind);
            out.push_str("\" data-kind=\"");
            escape_into(out, &c.kind);
            out.push('"');
            if first {
                let _ = write!(out, " data-n=\"{}\"", i + 1);
            }
            let lang = rec.sentences.get(c.sentence).map(|s| s.lang.as_ref());
            if let Some(l) = lang.filter(|&l| l != rec.lang) {
                out.push_str(" lang=\"");
                escape_into(out, l);
                out.push('"');
            }
            let _ = write!(out, " data-k=\"{}\" title=\"", t.key());
            escape_into(out, &tooltip(rec, i));
            out.push_str("\">");
            return;
        }
        Target::Speaker(i) => ("speaker".into(), format!("speaker of claim {}", i + 1)),
        Target::Actor(i) => (
            "actor".into(),
            format!(
                "actor of claim {}: {}",
                i + 1,
                rec.claims[i]
                    .actor
                    .as_ref()
                    .map_or("", |a| a.label.as_ref())
            ),
        ),
        Target::Entity(i, _) => {
            let e = &rec.entities[i];
            let mut title = e.label.to_string();
            if let Some(zh) = e.zh.as_deref().filter(|zh| *zh != e.label) {
                let _ = write!(title, " · {zh}");
            }
            let _ = write!(title, " · {} ({})", e.id, e.ty);
            (format!("ent ent-{}", e.ty), title)
        }
        Target::Figure(i) => {
            let f = &rec.figures[i];
            (
                "fig".into(),
                format!("figure: {} · {}, {}", figure_value(f), f.kind, f.precision),
            )
        }
        Target::Time(i) => {
            let tm = &rec.times[i];
            let class = if tm.deadline { "time dl" } else { "time" };
            let dl = if tm.deadline { ", deadline" } else { "" };
            (class.into(), format!("time: {}{dl}", tm.kind))
        }
        Target::Cue(i, j) => {
            let e = &rec.claims[i].evidence[j];
            let mut title = format!("claim {}: {}", i + 1, e.rule);
            if let Some(en) = &e.entry {
                let _ = write!(title, " · {en}");
            }
            ("cue".into(), title)
        }
    };
    out.push_str("<span class=\"");
    escape_into(out, &class);
    let _ = write!(out, "\" data-k=\"{}\" title=\"", t.key());
    escape_into(out, &title);
    out.push_str("\">");
}

/// The article text with every mark, as HTML (the inside of `#text`).
pub fn marked_text(rec: &ArticleRecord, text: &str) -> String {
    let (marks, targets) = marks(rec);
    let mut out = String::with_capacity(text.len() * 3);
    for ev in layer(text, &marks) {
        match ev {
            Event::Open { mark, first } => open_tag(&mut out, rec, targets[mark], first),
            Event::Text { start, end } => escape_into(&mut out, &text[start..end]),
            Event::Close { .. } => out.push_str("</span>"),
        }
    }
    out
}

/// `n thing` or `n things`.
fn plural(n: usize, thing: &str) -> String {
    match (n, thing.strip_suffix('y')) {
        (1, _) => format!("1 {thing}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {thing}s"),
    }
}

fn chip(out: &mut String, kind: &str, label: &str) {
    out.push_str("<span class=\"chip k-");
    escape_into(out, kind);
    out.push_str("\">");
    escape_into(out, label);
    out.push_str("</span>");
}

fn summary_html(rec: &ArticleRecord, text: &str) -> String {
    let s = summary(rec);
    let mut out = String::from("<section class=\"summary\" id=\"summary\">\n");
    let _ = write!(
        out,
        "<div><h2>Claims</h2><p class=\"big\">{} claims in {} sentences</p><p>",
        rec.claims.len(),
        rec.sentences.len()
    );
    for (k, n) in &s.kinds {
        out.push_str("<span class=\"count\" data-kind=\"");
        escape_into(&mut out, k);
        out.push_str("\">");
        chip(&mut out, k, &format!("{k} {n}"));
        out.push_str("</span> ");
    }
    out.push_str("</p></div>\n");
    let _ = write!(
        out,
        "<div><h2>Disclosure</h2><p><span class=\"d-disclosed\">disclosed {}</span> · \
         <span class=\"d-undisclosed\">undisclosed {}</span> · <span class=\"d-na\">qualitative (na) {}</span> \
         <span class=\"muted\">· not rated {}</span></p>\
         <p>commitments and plans: {}, with a figure or deadline: {}, without: <b>{}</b></p></div>",
        s.disclosed,
        s.undisclosed,
        s.na,
        s.unrated,
        s.intents,
        s.intents_disclosed,
        s.intents - s.intents_disclosed
    );
    out.push_str("<div><h2>Explicit non-disclosure</h2>");
    if s.explicit_nondisclosure {
        out.push_str(
            "<p class=\"nd yes\">yes: the article says figures were withheld</p><ul class=\"nds\">",
        );
        for &i in &s.nondisclosure_sentences {
            let _ = write!(out, "<li>{}: ", sentence_ref(rec, i));
            escape_into(&mut out, sentence_text(rec, text, i).trim());
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    } else {
        out.push_str("<p class=\"nd no\">no</p>");
    }
    out.push_str("</div>\n");
    let orgs = rec.entities.iter().filter(|e| e.ty == "org").count();
    let deadlines = rec.times.iter().filter(|t| t.deadline).count();
    let _ = write!(
        out,
        "<div><h2>Marked</h2><p>{} · {} (deadlines: {}) · {} (organisations: {})</p>\
         <p class=\"muted\">a bare $ is read as {} ({})</p></div>",
        plural(rec.figures.len(), "figure"),
        plural(rec.times.len(), "time"),
        deadlines,
        plural(rec.entities.len(), "entity"),
        orgs,
        escape(&rec.currency.dollar),
        escape(
            rec.currency
                .reason
                .as_deref()
                .unwrap_or(&rec.currency.source)
        ),
    );
    out.push_str("</section>\n");
    out
}

fn legend_html() -> String {
    let mut out = String::from("<section class=\"legend\" id=\"legend\"><b>Legend</b> ");
    for (k, ..) in KINDS {
        chip(&mut out, k, k);
        out.push(' ');
    }
    out.push_str(
        "<span class=\"sep\"></span>\
         <span class=\"fig\">figure</span> \
         <span class=\"time\">time</span> \
         <span class=\"time dl\">deadline</span> \
         <span class=\"ent ent-org\">organisation</span> \
         <span class=\"ent ent-element\">element / material</span> \
         <span class=\"ent ent-policy\">policy term</span> \
         <span class=\"ent ent-place\">place</span> \
         <span class=\"actor\">actor</span> \
         <span class=\"speaker\">speaker</span> \
         <span class=\"cue\">cue that fired</span> \
         <span class=\"muted\">hover any mark for details; the number on a claim is its card on the right</span>\
         </section>\n",
    );
    out
}

fn card_html(out: &mut String, rec: &ArticleRecord, i: usize) {
    let c = &rec.claims[i];
    out.push_str("<article class=\"card k-");
    escape_into(out, &c.kind);
    let _ = write!(out, "\" id=\"claim-{}\" data-kind=\"", i + 1);
    escape_into(out, &c.kind);
    let _ = write!(out, "\">\n<header><span class=\"n\">{}</span> ", i + 1);
    chip(out, &c.kind, &c.kind);
    let _ = write!(out, " <span class=\"muted\">{}", escape(&c.modality));
    if c.negated {
        out.push_str(", negated");
    }
    out.push_str("</span>");
    if let Some(d) = &c.disclosure {
        out.push_str(" <span class=\"disc d-");
        escape_into(out, d);
        out.push_str("\">");
        escape_into(out, d);
        out.push_str("</span>");
    }
    out.push_str("</header>\n<p class=\"quote\">");
    escape_into(out, c.text.trim());
    out.push_str("</p>\n<dl>");
    out.push_str("<dt>actor</dt><dd>");
    match &c.actor {
        Some(a) => {
            out.push_str("<b>");
            escape_into(out, &a.label);
            out.push_str("</b>");
            if let Some(id) = &a.id {
                out.push_str(" <code>");
                escape_into(out, id);
                out.push_str("</code>");
            }
            out.push_str(" <span class=\"muted\">by ");
            escape_into(out, &a.resolved_by);
            out.push_str("</span>");
        }
        None => out.push_str("<span class=\"muted\">none</span>"),
    }
    out.push_str("</dd>");
    if let Some(sp) = &c.speaker {
        out.push_str("<dt>speaker</dt><dd>");
        let who: Vec<&str> = [sp.name.as_deref(), sp.role.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        escape_into(out, &who.join(", "));
        out.push_str("</dd>");
    }
    if !c.figures.is_empty() {
        out.push_str("<dt>figures</dt><dd>");
        for (n, f) in c
            .figures
            .iter()
            .filter_map(|&f| rec.figures.get(f))
            .enumerate()
        {
            if n > 0 {
                out.push_str("<br>");
            }
            escape_into(out, &f.text);
            out.push_str(" → <b>");
            escape_into(out, &figure_value(f));
            out.push_str("</b> <span class=\"muted\">");
            escape_into(out, &format!("{}, {}", f.kind, f.precision));
            out.push_str("</span>");
        }
        out.push_str("</dd>");
    }
    if !c.concepts.is_empty() {
        out.push_str("<dt>concepts</dt><dd>");
        let labels: Vec<&str> = c.concepts.iter().map(|id| concept_label(rec, id)).collect();
        escape_into(out, &labels.join(" · "));
        out.push_str("</dd>");
    }
    out.push_str("<dt>evidence</dt><dd><table class=\"ev\">");
    for e in &c.evidence {
        out.push_str("<tr><td><code class=\"rule\">");
        escape_into(out, &e.rule);
        out.push_str("</code></td><td>");
        if let Some(t) = &e.text {
            out.push_str("<span class=\"cue\">");
            escape_into(out, t);
            out.push_str("</span>");
        }
        out.push_str("</td><td class=\"muted\">");
        escape_into(out, e.entry.as_deref().unwrap_or(""));
        out.push_str("</td></tr>");
    }
    out.push_str("</table></dd></dl>\n</article>\n");
}

fn tables_html(rec: &ArticleRecord) -> String {
    let mut out = String::new();
    if !rec.figures.is_empty() {
        out.push_str("<details class=\"card\" id=\"figures\"><summary>Figures</summary><table><tr><th>as written</th><th>value</th><th>kind</th><th>precision</th></tr>");
        for f in &rec.figures {
            out.push_str("<tr><td>");
            escape_into(&mut out, &f.text);
            out.push_str("</td><td>");
            escape_into(&mut out, &figure_value(f));
            out.push_str("</td><td>");
            escape_into(&mut out, &f.kind);
            out.push_str("</td><td>");
            escape_into(&mut out, &f.precision);
            out.push_str("</td></tr>");
        }
        out.push_str("</table></details>\n");
    }
    if !rec.entities.is_empty() {
        out.push_str("<details class=\"card\" id=\"entities\"><summary>Entities</summary><table><tr><th>name</th><th>中文</th><th>type</th><th>id</th><th>mentions</th></tr>");
        for e in &rec.entities {
            out.push_str("<tr><td>");
            escape_into(&mut out, &e.label);
            out.push_str("</td><td>");
            escape_into(&mut out, e.zh.as_deref().unwrap_or(""));
            out.push_str("</td><td>");
            escape_into(&mut out, &e.ty);
            out.push_str("</td><td><code>");
            escape_into(&mut out, &e.id);
            let _ = write!(out, "</code></td><td>{}</td></tr>", e.mentions.len());
        }
        out.push_str("</table></details>\n");
    }
    out
}

const EXPLAIN_CSS: &str = r#"
h2{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#666;margin:0 0 4px}
.summary{display:flex;flex-wrap:wrap;gap:8px 36px;padding:10px 24px;background:#fff;border-bottom:1px solid #ddd;font-size:14px}
.summary p{margin:2px 0}
.summary .big{font-size:16px;font-weight:600}
.summary .count{margin-right:2px}
.nd.yes{color:#c0392b;font-weight:600}
.nds{margin:2px 0;padding-left:18px;font-size:13px}
.d-disclosed{color:#2f855a;font-weight:600}
.d-undisclosed{color:#c0392b;font-weight:600}
.d-na{color:#777;font-weight:600}
.legend{padding:6px 24px;font-size:13px;background:#fafaf8;border-bottom:1px solid #ddd;line-height:2}
.legend .sep{display:inline-block;width:12px}
.wrap{display:grid;grid-template-columns:minmax(0,1.3fr) minmax(0,1fr);gap:18px;padding:16px 24px;align-items:start}
#text{white-space:pre-wrap;background:#fff;padding:16px 22px;border:1px solid #ddd;border-radius:6px;font-size:16px;line-height:2;margin:0}
.claim{border-bottom-width:2px;border-bottom-style:solid;border-radius:2px;padding:2px 0}
.claim[data-n]::before{content:attr(data-n);font:600 10px/1 system-ui,sans-serif;color:#fff;background:#444;border-radius:7px;padding:1px 4px;margin-right:3px;vertical-align:2px}
.fig{font-weight:700;text-decoration:underline solid 2px #222;text-underline-offset:3px}
.time{text-decoration:underline dashed 2px #666;text-underline-offset:3px}
.time.dl{text-decoration-color:#c0392b}
.ent{text-decoration:underline dotted 2px;text-underline-offset:5px}
.ent-org{color:#0b4f3a;text-decoration-color:#0b6e4f}
.ent-element,.ent-material{text-decoration-color:#8e44ad}
.ent-policy{text-decoration-color:#2b6cb0}
.ent-place{text-decoration-color:#a0522d}
.actor{font-weight:700}
.speaker{font-style:italic}
.cue{outline:1px solid #444;border-radius:2px}
.panel{position:sticky;top:8px;max-height:calc(100vh - 16px);overflow:auto;padding-right:4px}
.card{display:block;background:#fff;border:1px solid #ddd;border-radius:6px;padding:6px 12px 8px;margin:0 0 10px;font-size:13px}
.card:target{box-shadow:0 0 0 3px #333}
.card header .n{display:inline-block;min-width:18px;text-align:center;font-weight:700;color:#fff;background:#444;border-radius:8px;font-size:11px}
.card .quote{margin:4px 0 6px;font-size:14px}
.card dl{display:grid;grid-template-columns:max-content 1fr;gap:1px 10px;margin:0}
.card dt{color:#777}
.card dd{margin:0}
.card table.ev td{border:0;padding:0 8px 0 0}
details.card summary{cursor:pointer;font-weight:600}
@media (max-width:900px){.wrap{grid-template-columns:1fr}.panel{position:static;max-height:none}}
"#;

/// The explain page of one article: self-contained HTML.
pub fn html_page(rec: &ArticleRecord, text: &str, meta: &Meta) -> String {
    let title = title(rec, text, meta);
    let mut body = String::new();
    body.push_str("<header class=\"top\"><h1>");
    escape_into(&mut body, &title);
    body.push_str("</h1><div class=\"meta\"><code>");
    escape_into(&mut body, &rec.id);
    body.push_str("</code> · ");
    escape_into(&mut body, &rec.lang);
    let _ = write!(body, " · {} bytes · ", rec.bytes);
    escape_into(&mut body, meta.date.as_deref().unwrap_or("undated"));
    if let Some(src) = &meta.source {
        body.push_str(" · ");
        escape_into(&mut body, src);
    }
    body.push_str(" · <span class=\"muted\">");
    escape_into(&mut body, &rec.schema);
    body.push_str("</span></div></header>\n");
    body.push_str(&summary_html(rec, text));
    body.push_str(&legend_html());
    body.push_str("<main class=\"wrap\">\n<div class=\"text\" id=\"text\" lang=\"");
    escape_into(&mut body, &rec.lang);
    body.push_str("\">");
    body.push_str(&marked_text(rec, text));
    body.push_str("</div>\n<aside class=\"panel\" id=\"claims\">\n");
    for i in 0..rec.claims.len() {
        card_html(&mut body, rec, i);
    }
    body.push_str(&tables_html(rec));
    body.push_str("</aside>\n</main>\n");
    page(
        &rec.lang,
        &format!("{title} · ree-claims explain"),
        EXPLAIN_CSS,
        &body,
    )
}

/// ANSI styles per kind for the text view.
fn ansi_kind(kind: &str) -> &'static str {
    match kind {
        "commitment" => "1;31",
        "plan" => "1;33",
        "forecast" => "1;35",
        "fact" => "1;32",
        "assessment" => "1;34",
        _ => "2",
    }
}

/// One sentence with figures `[...]`, times `⟨...⟩` and entity mentions
/// `{...}` marked (and styled when `colour`).
fn annotate(rec: &ArticleRecord, text: &str, start: usize, end: usize, colour: bool) -> String {
    let sentence = slice(text, start, end);
    let mut marks = Vec::new();
    let mut kinds = Vec::new();
    let mut add = |s: usize, e: usize, k: u8| {
        let (s, e) = (s.max(start), e.min(end));
        if s < e {
            marks.push(Mark {
                start: s - start,
                end: e - start,
                rank: k,
            });
            kinds.push(k);
        }
    };
    for e in &rec.entities {
        for m in &e.mentions {
            add(m.start, m.end, 0);
        }
    }
    for f in &rec.figures {
        add(f.span.start, f.span.end, 1);
    }
    for t in &rec.times {
        add(t.span.start, t.span.end, 2);
    }
    let (open, close, style) = (["{", "[", "⟨"], ["}", "]", "⟩"], ["4", "1", "3"]);
    let mut out = String::new();
    let mut stack: Vec<u8> = Vec::new();
    let restyle = |out: &mut String, stack: &[u8]| {
        if colour {
            out.push_str("\x1b[0m");
            for &k in stack {
                let _ = write!(out, "\x1b[{}m", style[k as usize]);
            }
        }
    };
    for ev in layer(sentence, &marks) {
        match ev {
            Event::Open { mark, .. } => {
                let k = kinds[mark];
                out.push_str(open[k as usize]);
                stack.push(k);
                restyle(&mut out, &stack);
            }
            Event::Close { mark } => {
                stack.pop();
                restyle(&mut out, &stack);
                out.push_str(close[kinds[mark] as usize]);
            }
            Event::Text { start: s, end: e } => out.push_str(&sentence[s..e]),
        }
    }
    out.trim().replace('\n', "\n      ")
}

/// The same as the page, as plain text for a terminal: a summary, then
/// every sentence with its claim (numbered as on the page), figures `[...]`,
/// times `⟨...⟩` and entities `{...}` marked, and the claim's fields and
/// rules below it. `colour` adds ANSI styles.
pub fn text_view(rec: &ArticleRecord, text: &str, meta: &Meta, colour: bool) -> String {
    let s = summary(rec);
    let paint = |code: &str, t: &str| {
        if colour {
            format!("\x1b[{code}m{t}\x1b[0m")
        } else {
            t.to_string()
        }
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}", paint("1", &title(rec, text, meta)));
    let _ = writeln!(
        out,
        "{} · {} · {} bytes · {}{}",
        rec.id,
        rec.lang,
        rec.bytes,
        meta.date.as_deref().unwrap_or("undated"),
        meta.source
            .as_deref()
            .map(|s| format!(" · {s}"))
            .unwrap_or_default()
    );
    let kinds: Vec<String> = s.kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
    let _ = writeln!(
        out,
        "claims: {} in {} sentences: {}",
        rec.claims.len(),
        rec.sentences.len(),
        kinds.join(", ")
    );
    let _ = writeln!(
        out,
        "disclosure: disclosed {}, undisclosed {}, na {}, not rated {}; commitments and plans {}, without a figure or deadline {}",
        s.disclosed,
        s.undisclosed,
        s.na,
        s.unrated,
        s.intents,
        s.intents - s.intents_disclosed
    );
    if s.explicit_nondisclosure {
        let which: Vec<String> = s
            .nondisclosure_sentences
            .iter()
            .map(|&i| {
                format!(
                    "{}: {}",
                    sentence_ref(rec, i),
                    sentence_text(rec, text, i).trim()
                )
            })
            .collect();
        let _ = writeln!(out, "explicit non-disclosure: yes ({})", which.join(" | "));
    } else {
        let _ = writeln!(out, "explicit non-disclosure: no");
    }
    let _ = writeln!(
        out,
        "marks: [figure] ⟨time⟩ {{entity}}; claims numbered as on the page\n"
    );
    let by_sentence: HashMap<usize, usize> = rec
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| (c.sentence, i))
        .collect();
    for (si, sent) in rec.sentences.iter().enumerate() {
        let body = annotate(rec, text, sent.start, sent.end, colour);
        match by_sentence.get(&si) {
            None => {
                let _ = writeln!(
                    out,
                    "{}",
                    paint("2", &format!("  --  {:<11} {body}", sent.kind))
                );
            }
            Some(&i) => {
                let c = &rec.claims[i];
                let mut lines = claim_lines(rec, i).into_iter();
                let kind = lines.next().map(|(_, v)| v).unwrap_or_default();
                let head = format!("[{}] {kind}", i + 1);
                let _ = writeln!(out, "{}", paint(ansi_kind(&c.kind), &head));
                let _ = writeln!(out, "      {body}");
                for (k, v) in lines {
                    let _ = writeln!(out, "      {}", paint("2", &format!("{k}: {v}")));
                }
            }
        }
    }
    out
}

/// One article in the index page of a folder of explain pages.
#[derive(Clone, Debug)]
pub struct PageRow {
    /// Article id.
    pub id: String,
    /// File name of its page, relative to the index page.
    pub href: String,
    /// Title shown.
    pub title: String,
    /// `en` or `zh`.
    pub lang: String,
    /// Date, if known.
    pub date: Option<String>,
    /// The counts of its summary box.
    pub summary: Summary,
}

impl PageRow {
    /// The row of one article.
    pub fn new(rec: &ArticleRecord, text: &str, meta: &Meta, href: String) -> PageRow {
        PageRow {
            id: rec.id.to_string(),
            href,
            title: title(rec, text, meta),
            lang: rec.lang.to_string(),
            date: meta.date.clone(),
            summary: summary(rec),
        }
    }
}

/// A file name for the page of article `id`: letters, digits, `.`, `-` and
/// `_` kept, anything else `_`, and `.html`.
pub fn page_file_name(id: &str) -> String {
    let mut s: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() || s.starts_with('.') {
        s.insert(0, '_');
    }
    s.push_str(".html");
    s
}

/// The index page of a folder of explain pages: one row per article with
/// its claims per kind, its commitments and plans without a figure, and
/// whether it withholds figures in so many words.
pub fn index_page(rows: &[PageRow]) -> String {
    let mut b =
        String::from("<header class=\"top\"><h1>Explained articles</h1><div class=\"meta\">");
    let _ = write!(b, "{} articles · ree-claims explain", rows.len());
    b.push_str("</div></header>\n<main class=\"list\">\n<table id=\"articles\"><thead><tr><th>date</th><th>article</th><th>title</th>");
    for (k, ..) in KINDS {
        b.push_str("<th>");
        chip(&mut b, k, k);
        b.push_str("</th>");
    }
    b.push_str("<th>commitments and plans without a figure</th><th>explicit non-disclosure</th></tr></thead><tbody>\n");
    for r in rows {
        b.push_str("<tr><td class=\"date\">");
        escape_into(&mut b, r.date.as_deref().unwrap_or("undated"));
        b.push_str("</td><td><a href=\"");
        escape_into(&mut b, &r.href);
        b.push_str("\"><code>");
        escape_into(&mut b, &r.id);
        b.push_str("</code></a></td><td lang=\"");
        escape_into(&mut b, &r.lang);
        b.push_str("\">");
        escape_into(&mut b, &r.title);
        b.push_str("</td>");
        for (k, ..) in KINDS {
            let n = r
                .summary
                .kinds
                .iter()
                .find(|(kind, _)| kind == k)
                .map_or(0, |(_, n)| *n);
            let _ = write!(b, "<td class=\"num\">{n}</td>");
        }
        let _ = writeln!(
            b,
            "<td class=\"num\">{} of {}</td><td>{}</td></tr>",
            r.summary.intents - r.summary.intents_disclosed,
            r.summary.intents,
            if r.summary.explicit_nondisclosure {
                "yes"
            } else {
                ""
            }
        );
    }
    b.push_str("</tbody></table>\n</main>\n");
    page(
        "en",
        "Explained articles · ree-claims",
        "main.list{padding:12px 24px}main.list table{background:#fff;border:1px solid #ddd;font-size:13px}\
         td.num{text-align:right}td.date{white-space:nowrap}thead th{position:sticky;top:0;background:#fafaf8}",
        &b,
    )
}
