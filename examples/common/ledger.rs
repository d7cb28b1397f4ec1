//! The commitments ledger: a corpus of records aggregated by actor.
//!
//! One row per actor, keyed by canonical concept id, so that an organisation
//! named 包钢集团 in one article and Baogang Group in another is one row
//! (organisations found by shape, `found.org.N`, are numbered per article and
//! are keyed by their folded name instead). Per row: commitments, plans and
//! forecasts; how many of them carry a figure or a deadline; first and last
//! article date; the concepts their claims concern most; and the watch list:
//! commitments and plans whose disclosure is `undisclosed` (an amount named
//! without a figure) or `na` (qualitative), each with article, date and
//! sentence. Claims with no actor have a row of their own ([`NO_ACTOR`]), so
//! the rows' counts add up to the records'.
//!
//! [`LedgerBuilder::add`] takes one record at a time and keeps only the
//! aggregates and watch items, so a corpus of any length streams through.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

use ree_claims::record::{ActorRecord, ArticleRecord, ClaimRecord};
use serde::Serialize;

use super::html::{escape, escape_into, page};
use super::meta::Meta;

/// Name and version of the ledger's JSON form.
pub const SCHEMA: &str = "ree-claims-ledger/1";

/// Key of the row of claims that name no actor.
pub const NO_ACTOR: &str = "";

/// Label of that row.
pub const NO_ACTOR_LABEL: &str = "(no actor named)";

/// Lowercase letters and digits of `s`, other characters dropped: the
/// name key of an actor or concept that has no lexicon id.
pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The row key of a concept id named in `rec`: the id itself, or for an
/// organisation found by shape (numbered per article) its folded label.
pub fn concept_key(rec: &ArticleRecord, id: &str) -> String {
    if id.starts_with("found.") {
        let label = rec
            .entities
            .iter()
            .find(|e| e.id == id)
            .map_or(id, |e| e.label.as_ref());
        format!("name:{}", fold(label))
    } else {
        id.to_string()
    }
}

/// The row key of an actor: its concept id, or its folded label when it has
/// none (or only a per-article `found.` id).
pub fn actor_key(a: &ActorRecord) -> String {
    match a.id.as_deref() {
        Some(id) if !id.starts_with("found.") => id.to_string(),
        _ => format!("name:{}", fold(&a.label)),
    }
}

/// True when the claim carries a figure.
pub fn has_figure(c: &ClaimRecord) -> bool {
    !c.figures.is_empty()
}

/// True when the claim carries a deadline: the `disclosure/deadline` rule
/// fired, or a time expression marked as a deadline lies in its sentence.
pub fn has_deadline(rec: &ArticleRecord, c: &ClaimRecord) -> bool {
    c.evidence.iter().any(|e| e.rule == "disclosure/deadline")
        || rec
            .times
            .iter()
            .any(|t| t.deadline && t.span.start >= c.span.start && t.span.end <= c.span.end)
}

fn is_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A commitment or plan that came with no figure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WatchItem {
    /// Article id.
    pub article: String,
    /// Article date, if known.
    pub date: Option<String>,
    /// Article title, if known.
    pub title: Option<String>,
    /// Index of the sentence in the article's record.
    pub sentence: usize,
    /// `commitment` or `plan`.
    pub kind: String,
    /// `undisclosed` (an amount named without a figure) or `na` (qualitative).
    pub disclosure: String,
    /// True when the claim carries a deadline all the same.
    pub deadline: bool,
    /// True when the claim is negated.
    pub negated: bool,
    /// The sentence.
    pub text: String,
}

/// A concept and how many of an actor's claims name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ConceptCount {
    /// Concept id (or `name:...` for organisations found by shape).
    pub id: String,
    /// Canonical name.
    pub label: String,
    /// Claims of the actor that name it.
    pub claims: usize,
}

/// One actor across the corpus.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorRow {
    /// Concept id, `name:<folded label>`, or [`NO_ACTOR`].
    pub key: String,
    /// Lexicon concept id, when the actor is one.
    pub id: Option<String>,
    /// Canonical name.
    pub label: String,
    /// Canonical Chinese name, when known.
    pub zh: Option<String>,
    /// The names the sentences use for it, as written.
    pub names: Vec<String>,
    /// Articles with a claim of this actor.
    pub articles: usize,
    /// Earliest dated article.
    pub first_date: Option<String>,
    /// Latest dated article.
    pub last_date: Option<String>,
    /// Articles without a date.
    pub undated_articles: usize,
    /// Commitments.
    pub commitments: usize,
    /// Plans.
    pub plans: usize,
    /// Forecasts.
    pub forecasts: usize,
    /// Claims of other kinds with this actor.
    pub other_claims: usize,
    /// Commitments, plans and forecasts with a figure.
    pub with_figure: usize,
    /// Commitments, plans and forecasts with a deadline.
    pub with_deadline: usize,
    /// Commitments, plans and forecasts with a figure or a deadline.
    pub quantified: usize,
    /// True when any claim of this actor, of any kind, came with a figure or
    /// a deadline.
    pub ever_quantified: bool,
    /// The concepts its claims name most (the actor itself left out).
    pub concepts: Vec<ConceptCount>,
    /// Commitments and plans with disclosure `undisclosed` or `na`, by date.
    pub watch: Vec<WatchItem>,
}

/// The whole ledger.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Ledger {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Records read.
    pub articles: usize,
    /// Of which dated.
    pub dated_articles: usize,
    /// Earliest article date.
    pub first_date: Option<String>,
    /// Latest article date.
    pub last_date: Option<String>,
    /// Claims per kind over the corpus.
    pub claims: BTreeMap<String, usize>,
    /// One row per actor: most commitments and plans first, the row of
    /// claims with no actor last.
    pub actors: Vec<ActorRow>,
}

#[derive(Default)]
struct Acc {
    id: Option<String>,
    label: String,
    zh: Option<String>,
    names: BTreeSet<String>,
    articles: usize,
    last_article: Option<usize>,
    first_date: Option<String>,
    last_date: Option<String>,
    undated_articles: usize,
    commitments: usize,
    plans: usize,
    forecasts: usize,
    other_claims: usize,
    with_figure: usize,
    with_deadline: usize,
    quantified: usize,
    ever_quantified: bool,
    concepts: HashMap<String, usize>,
    watch: Vec<WatchItem>,
}

fn widen(first: &mut Option<String>, last: &mut Option<String>, date: &str) {
    if first.as_deref().is_none_or(|f| date < f) {
        *first = Some(date.to_string());
    }
    if last.as_deref().is_none_or(|l| date > l) {
        *last = Some(date.to_string());
    }
}

/// Builds a [`Ledger`] one record at a time.
#[derive(Default)]
pub struct LedgerBuilder {
    rows: HashMap<String, Acc>,
    labels: HashMap<String, String>,
    articles: usize,
    dated: usize,
    first_date: Option<String>,
    last_date: Option<String>,
    claims: BTreeMap<String, usize>,
}

impl LedgerBuilder {
    /// An empty ledger.
    pub fn new() -> LedgerBuilder {
        LedgerBuilder::default()
    }

    /// Adds one article's record with its metadata.
    pub fn add(&mut self, rec: &ArticleRecord, meta: &Meta) {
        let article = self.articles;
        self.articles += 1;
        if let Some(d) = &meta.date {
            self.dated += 1;
            widen(&mut self.first_date, &mut self.last_date, d);
        }
        for e in &rec.entities {
            self.labels
                .entry(concept_key(rec, &e.id))
                .or_insert_with(|| e.label.to_string());
        }
        for c in &rec.claims {
            *self.claims.entry(c.kind.to_string()).or_default() += 1;
            let counted = matches!(c.kind.as_ref(), "commitment" | "plan" | "forecast");
            if c.actor.is_none() && !counted {
                continue;
            }
            let key = c.actor.as_ref().map_or(NO_ACTOR.to_string(), actor_key);
            let row = self.rows.entry(key.clone()).or_default();
            match &c.actor {
                Some(a) => {
                    if row.label.is_empty() {
                        row.label = a.label.to_string();
                        row.id =
                            a.id.as_deref()
                                .filter(|id| !id.starts_with("found."))
                                .map(str::to_string);
                    }
                    if row.zh.is_none() {
                        row.zh =
                            a.id.as_ref()
                                .and_then(|id| rec.entities.iter().find(|e| &e.id == id))
                                .and_then(|e| e.zh.clone())
                                .or_else(|| a.aliases.iter().find(|s| is_cjk(s)).cloned())
                                .filter(|zh| *zh != a.label)
                                .map(|zh| zh.into_owned());
                    }
                    if let Some(sp) = a.span {
                        let written = sp
                            .start
                            .checked_sub(c.span.start)
                            .and_then(|s| c.text.get(s..s + (sp.end - sp.start)));
                        if let Some(w) = written {
                            row.names.insert(w.to_string());
                        }
                    }
                }
                None => row.label = NO_ACTOR_LABEL.to_string(),
            }
            if row.last_article != Some(article) {
                row.last_article = Some(article);
                row.articles += 1;
                match &meta.date {
                    Some(d) => widen(&mut row.first_date, &mut row.last_date, d),
                    None => row.undated_articles += 1,
                }
            }
            let (figure, deadline) = (has_figure(c), has_deadline(rec, c));
            if figure || deadline {
                row.ever_quantified = true;
            }
            match c.kind.as_ref() {
                "commitment" => row.commitments += 1,
                "plan" => row.plans += 1,
                "forecast" => row.forecasts += 1,
                _ => row.other_claims += 1,
            }
            if counted {
                row.with_figure += figure as usize;
                row.with_deadline += deadline as usize;
                row.quantified += (figure || deadline) as usize;
            }
            let own = c.actor.as_ref().and_then(|a| a.id.as_deref());
            for id in &c.concepts {
                if Some(id.as_ref()) != own {
                    *row.concepts.entry(concept_key(rec, id)).or_default() += 1;
                }
            }
            let unquantified = matches!(c.disclosure.as_deref(), Some("undisclosed" | "na"));
            if (c.kind == "commitment" || c.kind == "plan") && unquantified {
                row.watch.push(WatchItem {
                    article: rec.id.to_string(),
                    date: meta.date.clone(),
                    title: meta.title.clone(),
                    sentence: c.sentence,
                    kind: c.kind.to_string(),
                    disclosure: c.disclosure.as_deref().unwrap_or_default().to_string(),
                    deadline,
                    negated: c.negated,
                    text: c.text.trim().to_string(),
                });
            }
        }
    }

    /// The ledger, with the `top` concepts per actor.
    pub fn finish(self, top: usize) -> Ledger {
        let labels = self.labels;
        let mut actors: Vec<ActorRow> = self
            .rows
            .into_iter()
            .map(|(key, a)| {
                let mut concepts: Vec<ConceptCount> = a
                    .concepts
                    .into_iter()
                    .map(|(id, claims)| ConceptCount {
                        label: labels.get(&id).cloned().unwrap_or_else(|| id.clone()),
                        id,
                        claims,
                    })
                    .collect();
                concepts.sort_by(|x, y| y.claims.cmp(&x.claims).then_with(|| x.id.cmp(&y.id)));
                concepts.truncate(top);
                let mut watch = a.watch;
                watch.sort_by(|x, y| {
                    (x.date.is_none(), &x.date, &x.article, x.sentence).cmp(&(
                        y.date.is_none(),
                        &y.date,
                        &y.article,
                        y.sentence,
                    ))
                });
                ActorRow {
                    key,
                    id: a.id,
                    label: a.label,
                    zh: a.zh,
                    names: a.names.into_iter().collect(),
                    articles: a.articles,
                    first_date: a.first_date,
                    last_date: a.last_date,
                    undated_articles: a.undated_articles,
                    commitments: a.commitments,
                    plans: a.plans,
                    forecasts: a.forecasts,
                    other_claims: a.other_claims,
                    with_figure: a.with_figure,
                    with_deadline: a.with_deadline,
                    quantified: a.quantified,
                    ever_quantified: a.ever_quantified,
                    concepts,
                    watch,
                }
            })
            .collect();
        actors.sort_by(|x, y| {
            (x.key == NO_ACTOR)
                .cmp(&(y.key == NO_ACTOR))
                .then_with(|| (y.commitments + y.plans).cmp(&(x.commitments + x.plans)))
                .then_with(|| y.forecasts.cmp(&x.forecasts))
                .then_with(|| y.articles.cmp(&x.articles))
                .then_with(|| x.label.cmp(&y.label))
                .then_with(|| x.key.cmp(&y.key))
        });
        Ledger {
            schema: SCHEMA.to_string(),
            articles: self.articles,
            dated_articles: self.dated,
            first_date: self.first_date,
            last_date: self.last_date,
            claims: self.claims,
            actors,
        }
    }
}

fn or_undated(d: &Option<String>) -> &str {
    d.as_deref().unwrap_or("undated")
}

fn concepts_text(r: &ActorRow) -> String {
    r.concepts
        .iter()
        .map(|c| format!("{} ×{}", c.label, c.claims))
        .collect::<Vec<_>>()
        .join(", ")
}

fn actor_title(r: &ActorRow) -> String {
    let mut s = r.label.clone();
    if let Some(zh) = &r.zh {
        let _ = write!(s, " · {zh}");
    }
    s
}

fn corpus_line(l: &Ledger) -> String {
    let kinds: Vec<String> = l.claims.iter().map(|(k, n)| format!("{k} {n}")).collect();
    let span = match (&l.first_date, &l.last_date) {
        (Some(f), Some(t)) => format!(", {f} to {t}"),
        _ => String::new(),
    };
    format!(
        "{} articles ({} dated{span}, {} undated); claims: {}; {} actors.",
        l.articles,
        l.dated_articles,
        l.articles - l.dated_articles,
        kinds.join(", "),
        l.actors.iter().filter(|r| r.key != NO_ACTOR).count()
    )
}

const HOW_TO_READ: &str = "One row per actor whatever language names it (canonical concept id). \
Commitments, plans and forecasts are the claims with that actor; *figure* and *deadline* count \
those that carry one; *watch* counts the commitments and plans with no figure (disclosure \
`undisclosed`: an amount named without a figure, or `na`: qualitative); *ever quantified* says \
whether any claim of theirs, of any kind, came with a figure or deadline.";

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// The ledger as Markdown; `watch_limit` caps each actor's watch list
/// (0: all).
pub fn markdown(l: &Ledger, watch_limit: usize) -> String {
    let mut out = String::from("# Commitments ledger\n\n");
    let _ = writeln!(out, "{}\n\n{}\n", corpus_line(l), HOW_TO_READ);
    out.push_str("| actor | names in the text | articles | first | last | commitments | plans | forecasts | figure | deadline | watch | ever quantified | concerns most |\n");
    out.push_str("|---|---|--:|---|---|--:|--:|--:|--:|--:|--:|---|---|\n");
    for r in &l.actors {
        let mut actor = md_cell(&actor_title(r));
        if let Some(id) = &r.id {
            let _ = write!(actor, " `{id}`");
        }
        let _ = writeln!(
            out,
            "| {actor} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            md_cell(&r.names.join(", ")),
            r.articles,
            or_undated(&r.first_date),
            or_undated(&r.last_date),
            r.commitments,
            r.plans,
            r.forecasts,
            r.with_figure,
            r.with_deadline,
            r.watch.len(),
            if r.ever_quantified { "yes" } else { "**no**" },
            md_cell(&concepts_text(r)),
        );
    }
    out.push_str("\n## Watch list: commitments and plans without a figure\n");
    for r in l.actors.iter().filter(|r| !r.watch.is_empty()) {
        let _ = writeln!(out, "\n### {}\n", md_cell(&actor_title(r)));
        let _ = writeln!(
            out,
            "{} of {} commitments and plans without a figure; any claim of theirs with a figure or deadline: {}.\n",
            r.watch.len(),
            r.commitments + r.plans,
            if r.ever_quantified { "yes" } else { "**no**" }
        );
        out.push_str("| date | article | kind | disclosure | sentence |\n|---|---|---|---|---|\n");
        let shown = if watch_limit == 0 {
            r.watch.len()
        } else {
            watch_limit.min(r.watch.len())
        };
        for w in &r.watch[..shown] {
            let mut disc = w.disclosure.clone();
            if w.deadline {
                disc.push_str(", deadline");
            }
            if w.negated {
                disc.push_str(", negated");
            }
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                or_undated(&w.date),
                md_cell(&w.article),
                w.kind,
                disc,
                md_cell(&w.text)
            );
        }
        if shown < r.watch.len() {
            let _ = writeln!(out, "\n… and {} more.", r.watch.len() - shown);
        }
    }
    out
}

/// The ledger as pretty JSON (every watch item).
pub fn json(l: &Ledger) -> String {
    serde_json::to_string_pretty(l).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

const LEDGER_CSS: &str = r#"
main{padding:12px 24px}
p.how{max-width:70em;color:#444;font-size:13px}
table.rows{background:#fff;border:1px solid #ddd;font-size:13px}
table.rows thead th{position:sticky;top:0;background:#fafaf8}
table.rows td.num{text-align:right;font-variant-numeric:tabular-nums}
td.date{white-space:nowrap}
td.concepts{min-width:24em}
.no{color:#c0392b;font-weight:700}
.yes{color:#2f855a}
details.actor{background:#fff;border:1px solid #ddd;border-radius:6px;margin:8px 0;padding:6px 12px}
details.actor summary{cursor:pointer}
details.actor table{font-size:13px;margin-top:6px}
.d-undisclosed{color:#c0392b}
.d-na{color:#777}
"#;

/// The ledger as one self-contained HTML page; `watch_limit` as for
/// [`markdown`].
pub fn html(l: &Ledger, watch_limit: usize) -> String {
    let mut b =
        String::from("<header class=\"top\"><h1>Commitments ledger</h1><div class=\"meta\">");
    escape_into(&mut b, &corpus_line(l));
    b.push_str("</div></header>\n<main>\n<p class=\"how\">");
    escape_into(&mut b, &HOW_TO_READ.replace(['*', '`'], ""));
    b.push_str("</p>\n<table class=\"rows\" id=\"actors\"><thead><tr><th>actor</th><th>names in the text</th><th>articles</th><th>first</th><th>last</th><th>commitments</th><th>plans</th><th>forecasts</th><th>figure</th><th>deadline</th><th>watch</th><th>ever quantified</th><th>concerns most</th></tr></thead><tbody>\n");
    for r in &l.actors {
        b.push_str("<tr data-key=\"");
        escape_into(&mut b, &r.key);
        b.push_str("\"><td><b>");
        escape_into(&mut b, &actor_title(r));
        b.push_str("</b>");
        if let Some(id) = &r.id {
            b.push_str(" <code>");
            escape_into(&mut b, id);
            b.push_str("</code>");
        }
        b.push_str("</td><td>");
        escape_into(&mut b, &r.names.join(", "));
        b.push_str("</td>");
        let _ = write!(
            b,
            "<td class=\"num\">{}</td><td class=\"date\">{}</td><td class=\"date\">{}</td>",
            r.articles,
            escape(or_undated(&r.first_date)),
            escape(or_undated(&r.last_date))
        );
        for n in [
            r.commitments,
            r.plans,
            r.forecasts,
            r.with_figure,
            r.with_deadline,
            r.watch.len(),
        ] {
            let _ = write!(b, "<td class=\"num\">{n}</td>");
        }
        b.push_str(if r.ever_quantified {
            "<td class=\"yes\">yes</td><td class=\"concepts\">"
        } else {
            "<td class=\"no\">no</td><td class=\"concepts\">"
        });
        escape_into(&mut b, &concepts_text(r));
        b.push_str("</td></tr>\n");
    }
    b.push_str("</tbody></table>\n<h2>Watch list: commitments and plans without a figure</h2>\n");
    for r in l.actors.iter().filter(|r| !r.watch.is_empty()) {
        b.push_str("<details class=\"actor\" data-key=\"");
        escape_into(&mut b, &r.key);
        b.push('"');
        if r.watch.len() <= 8 {
            b.push_str(" open");
        }
        b.push_str("><summary><b>");
        escape_into(&mut b, &actor_title(r));
        let _ = write!(
            b,
            "</b>: {} of {} commitments and plans without a figure; any claim with a figure or deadline: ",
            r.watch.len(),
            r.commitments + r.plans
        );
        b.push_str(if r.ever_quantified {
            "<span class=\"yes\">yes</span>"
        } else {
            "<span class=\"no\">no</span>"
        });
        b.push_str("</summary>\n<table><tr><th>date</th><th>article</th><th>kind</th><th>disclosure</th><th>sentence</th></tr>\n");
        let shown = if watch_limit == 0 {
            r.watch.len()
        } else {
            watch_limit.min(r.watch.len())
        };
        for w in &r.watch[..shown] {
            b.push_str("<tr><td class=\"date\">");
            escape_into(&mut b, or_undated(&w.date));
            b.push_str("</td><td><code title=\"");
            escape_into(&mut b, w.title.as_deref().unwrap_or(""));
            b.push_str("\">");
            escape_into(&mut b, &w.article);
            b.push_str("</code></td><td>");
            escape_into(&mut b, &w.kind);
            b.push_str("</td><td class=\"d-");
            escape_into(&mut b, &w.disclosure);
            b.push_str("\">");
            escape_into(&mut b, &w.disclosure);
            if w.deadline {
                b.push_str(", deadline");
            }
            if w.negated {
                b.push_str(", negated");
            }
            b.push_str("</td><td>");
            escape_into(&mut b, &w.text);
            b.push_str("</td></tr>\n");
        }
        b.push_str("</table>");
        if shown < r.watch.len() {
            let _ = write!(
                b,
                "<p class=\"muted\">… and {} more.</p>",
                r.watch.len() - shown
            );
        }
        b.push_str("</details>\n");
    }
    b.push_str("</main>\n");
    page("en", "Commitments ledger · ree-claims", LEDGER_CSS, &b)
}
