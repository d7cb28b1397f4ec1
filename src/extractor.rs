//! The extractor: lexicons → one automaton → sentences → figures → claims →
//! records. Built once, shared everywhere.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::classify::{self, Claim, CueInfo, Lang};
use crate::figure::{self, Figure, FigureContext, TimeMention};
use crate::lexicon::{
    self, Entry, EntryType, LexiconError, LexiconErrorKind, LexiconErrors, Source,
};
use crate::matcher::{EntryId, Hit, Matcher};
use crate::normalize::{normalize, OffsetMap};
use crate::orgs;
use crate::record::*;
use crate::segment::{self, Segment, SegmentKind};
use crate::span::Span;

/// Builds an [`Extractor`] from the embedded lexicons and/or the user's files.
#[derive(Clone, Debug)]
pub struct ExtractorBuilder {
    defaults: bool,
    files: Vec<PathBuf>,
    texts: Vec<(String, String)>,
}

impl Default for ExtractorBuilder {
    fn default() -> Self {
        ExtractorBuilder {
            defaults: true,
            files: Vec::new(),
            texts: Vec::new(),
        }
    }
}

impl ExtractorBuilder {
    /// A builder that starts from the embedded lexicons.
    pub fn new() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// Whether to load the embedded lexicons (default: yes).
    pub fn defaults(&mut self, yes: bool) -> &mut ExtractorBuilder {
        self.defaults = yes;
        self
    }

    /// Adds a lexicon file, read when [`ExtractorBuilder::build`] runs.
    pub fn lexicon_file(&mut self, path: impl AsRef<Path>) -> &mut ExtractorBuilder {
        self.files.push(path.as_ref().to_path_buf());
        self
    }

    /// Adds a lexicon given as text; `name` names it in errors.
    pub fn lexicon_text(&mut self, name: &str, text: &str) -> &mut ExtractorBuilder {
        self.texts.push((name.to_string(), text.to_string()));
        self
    }

    /// Parses every lexicon and builds the automaton. Reports every fault of
    /// every file, with file and line, at once.
    pub fn build(&self) -> Result<Extractor, LexiconErrors> {
        let mut entries = Vec::new();
        let mut errors = Vec::new();
        fn add(name: &str, text: &str, entries: &mut Vec<Entry>, errors: &mut Vec<LexiconError>) {
            // Good lines of a faulty file are still checked for clashes, so
            // that every fault shows in one round.
            let (good, faults) = lexicon::parse_lenient(name, text);
            entries.extend(good);
            errors.extend(faults);
        }
        if self.defaults {
            for (name, text) in lexicon::EMBEDDED {
                add(&format!("lexicons/{name}"), text, &mut entries, &mut errors);
            }
        }
        for path in &self.files {
            let name = path.display().to_string();
            match std::fs::read(path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => add(&name, &text, &mut entries, &mut errors),
                    Err(e) => {
                        let bytes = e.as_bytes();
                        let at = e.utf8_error().valid_up_to();
                        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                        errors.push(LexiconError {
                            source: Source { file: name, line },
                            kind: LexiconErrorKind::Io(format!("invalid UTF-8 at byte {at}")),
                        })
                    }
                },
                Err(e) => errors.push(LexiconError {
                    source: Source {
                        file: name,
                        line: 0,
                    },
                    kind: LexiconErrorKind::Io(e.to_string()),
                }),
            }
        }
        for (name, text) in &self.texts {
            add(name, text, &mut entries, &mut errors);
        }
        if let Err(e) = lexicon::check_unique(&entries) {
            errors.extend(e.0);
        }
        if !errors.is_empty() {
            return Err(LexiconErrors(errors));
        }
        let matcher = Matcher::new(&entries).map_err(|e| {
            LexiconErrors(vec![LexiconError {
                source: Source {
                    file: "(all lexicons)".into(),
                    line: 0,
                },
                kind: LexiconErrorKind::Io(format!("cannot build the automaton: {e}")),
            }])
        })?;
        let cues = entries.iter().map(CueInfo::of).collect();
        let by_country = by_country(&entries);
        Ok(Extractor {
            inner: Arc::new(Inner {
                entries,
                cues,
                matcher,
                by_country,
            }),
        })
    }
}

#[derive(Debug)]
struct Inner {
    entries: Vec<Entry>,
    cues: Vec<CueInfo>,
    matcher: Matcher,
    /// Entries whose meaning follows the article's country: (entry, index
    /// in [`COUNTRIES`], the entry it means there).
    by_country: Vec<(EntryId, usize, EntryId)>,
}

/// Country codes (`country=` attributes) counted among the organisations and
/// places an article names: all of them weigh on what a bare `$` means, the
/// first [`COUNTRIES`] also on what a name like "federal government" means.
const COUNTED: [&str; 6] = ["AU", "US", "CA", "HK", "SG", "NZ"];

/// For the first countries of [`COUNTED`], in that order: the attribute an
/// entry names its meaning there with (`au=`), and the currency of a bare `$`.
const COUNTRIES: [(&str, &str); 3] = [("au", "AUD"), ("us", "USD"), ("ca", "CAD")];

/// The `au=`, `us=` and `ca=` attributes of every entry whose target is
/// loaded, as (entry, country index, target): "federal government" is the
/// Australian Government in an article about Australia.
fn by_country(entries: &[Entry]) -> Vec<(EntryId, usize, EntryId)> {
    let index: std::collections::HashMap<&str, EntryId> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i as EntryId))
        .collect();
    let mut out = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        for (k, (key, _)) in COUNTRIES.iter().enumerate() {
            if let Some(&target) = e.attr(key).and_then(|id| index.get(id)) {
                out.push((i as EntryId, k, target));
            }
        }
    }
    out
}

/// Turns article text into an [`ArticleRecord`].
///
/// Cheap to clone (an `Arc` inside) and `Send + Sync`: build one and share it
/// between threads.
#[derive(Clone, Debug)]
pub struct Extractor {
    inner: Arc<Inner>,
}

/// Everything found in one article, in normalised-text offsets, before it is
/// turned into a record.
#[derive(Debug)]
pub struct Analysis<'t> {
    /// The original text.
    pub original: &'t str,
    /// The normalised text all spans below index.
    pub text: std::borrow::Cow<'t, str>,
    /// Back to original offsets.
    pub map: OffsetMap,
    /// Sentences.
    pub segments: Vec<Segment>,
    /// The language of each sentence.
    pub langs: Vec<Lang>,
    /// Lexicon hits.
    pub hits: Vec<Hit>,
    /// Figures.
    pub figures: Vec<Figure>,
    /// Time expressions.
    pub times: Vec<TimeMention>,
    /// Organisations found by pattern.
    pub found_orgs: Vec<Span>,
    /// Claims.
    pub claims: Vec<Claim>,
    /// How a bare `$` is read.
    pub currency: FigureContext,
    /// Why.
    pub currency_reason: Option<&'static str>,
}

impl Extractor {
    /// An extractor on the embedded lexicons.
    pub fn new() -> Result<Extractor, LexiconErrors> {
        ExtractorBuilder::new().build()
    }

    /// A builder.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }

    /// Every loaded lexicon entry.
    pub fn entries(&self) -> &[Entry] {
        &self.inner.entries
    }

    /// The matcher (one automaton over every alias).
    pub fn matcher(&self) -> &Matcher {
        &self.inner.matcher
    }

    fn lex(&self) -> classify::Lexicon<'_> {
        classify::Lexicon {
            entries: &self.inner.entries,
            cues: &self.inner.cues,
        }
    }

    /// Runs every stage over `text` and returns what they found.
    pub fn analyze<'t>(&self, text: &'t str) -> Analysis<'t> {
        let (ntext_cow, map) = normalize(text).into_parts();
        let ntext: &str = &ntext_cow;
        let segments = segment::split(ntext);
        // News runs to a hit every 20 to 40 bytes: room for that many up
        // front spares the vector most of its regrowth.
        let mut hits = Vec::with_capacity(ntext.len() / 16 + 8);
        self.inner.matcher.find_into(ntext, &mut hits);
        hits.retain(|h| !self.inner.cues[h.entry as usize].block);
        let countries = self.country_counts(&hits);
        let (currency, currency_reason) = self.currency_context(ntext, &countries);
        self.resolve_by_country(&currency, &countries, &mut hits);
        let mut figures = Vec::new();
        let mut times = Vec::new();
        figure::find_into(ntext, &currency, &mut figures, &mut times);
        let found_orgs = orgs::find(
            ntext,
            &segments,
            &hits,
            &self.inner.entries,
            &self.inner.cues,
        );
        let doc = classify::Doc {
            text: ntext,
            segments: &segments,
            hits: &hits,
            figures: &figures,
            times: &times,
            found_orgs: &found_orgs,
        };
        let (claims, langs) = classify::classify_with_langs(&doc, self.lex());
        Analysis {
            original: text,
            text: ntext_cow,
            map,
            segments,
            langs,
            hits,
            figures,
            times,
            found_orgs,
            claims,
            currency,
            currency_reason,
        }
    }

    /// How many of the organisations and places named belong to each
    /// country of [`COUNTED`].
    fn country_counts(&self, hits: &[Hit]) -> [usize; COUNTED.len()] {
        let mut counts = [0; COUNTED.len()];
        for h in hits {
            let e = &self.inner.entries[h.entry as usize];
            if matches!(e.ty, EntryType::Org | EntryType::Place) {
                if let Some(k) = e
                    .attr("country")
                    .and_then(|c| COUNTED.iter().position(|&x| x == c))
                {
                    counts[k] += 1;
                }
            }
        }
        counts
    }

    /// Names whose meaning follows the article's country ("federal
    /// government"): the entry they stand for in the country the article's
    /// organisations and places belong to (one of [`COUNTRIES`] named at
    /// least twice as often as any other of them), else the one its bare `$`
    /// was read as from currency words.
    fn resolve_by_country(
        &self,
        ctx: &FigureContext,
        counts: &[usize; COUNTED.len()],
        hits: &mut [Hit],
    ) {
        let inner = &self.inner;
        if inner.by_country.is_empty()
            || !hits
                .iter()
                .any(|h| inner.by_country.iter().any(|&(e, _, _)| e == h.entry))
        {
            return;
        }
        let n = COUNTRIES.len();
        let best = (0..n)
            .max_by_key(|&k| counts[k])
            .filter(|&k| counts[k] > 0 && (0..n).all(|o| o == k || counts[k] >= 2 * counts[o]));
        let country = best.or_else(|| {
            (ctx.dollar_source != figure::CurrencySource::Default)
                .then(|| COUNTRIES.iter().position(|&(_, cur)| cur == ctx.dollar))
                .flatten()
        });
        let Some(country) = country else { return };
        for h in hits {
            if let Some(&(_, _, target)) = inner
                .by_country
                .iter()
                .find(|&&(e, c, _)| e == h.entry && c == country)
            {
                h.entry = target;
                h.alias = 0;
            }
        }
    }

    /// What a bare `$` means in this article: the figure module's reading of
    /// the text, unless the organisations and places named settle it
    /// (Australian ones at least twice as many as those of the other dollar
    /// countries of [`COUNTED`]).
    fn currency_context(
        &self,
        text: &str,
        counts: &[usize; COUNTED.len()],
    ) -> (FigureContext, Option<&'static str>) {
        let au = counts[0];
        let other: usize = counts[1..].iter().sum();
        if au > 0 && au >= other * 2 {
            return (
                FigureContext {
                    dollar: "AUD",
                    dollar_source: figure::CurrencySource::Context,
                },
                Some("Australian organisations and places named"),
            );
        }
        let ctx = figure::context_for(text);
        let reason = match ctx.dollar_source {
            figure::CurrencySource::Default => None,
            _ => Some("currency words in the text (A$, ASX, Australian ...)"),
        };
        (ctx, reason)
    }

    /// Extracts the record of one article.
    pub fn extract(&self, id: &str, text: &str) -> ArticleRecord<'static> {
        self.record(id, &self.analyze(text)).into_owned()
    }

    /// Extracts the record of one article and hands it, borrowing from
    /// `text` and from the lexicons, to `f`: the way to write records
    /// without copying their strings (`serde_json::to_writer(out, rec)`).
    pub fn extract_with<R>(
        &self,
        id: &str,
        text: &str,
        f: impl FnOnce(&ArticleRecord<'_>) -> R,
    ) -> R {
        let a = self.analyze(text);
        f(&self.record(id, &a))
    }

    /// Extracts the record of an article read by [`crate::input`], carrying
    /// its title, date and source and whether it was read lossily.
    pub fn extract_article(&self, article: &crate::input::Article) -> ArticleRecord<'static> {
        self.article_record(article, None, &self.analyze(&article.text))
            .into_owned()
    }

    /// [`Extractor::extract_with`] for an article read by [`crate::input`]
    /// (title, date, source, lossy reading and, if given, where it replaced
    /// invalid UTF-8).
    pub fn extract_article_with<R>(
        &self,
        article: &crate::input::Article,
        lossy: Option<&crate::input::Lossy>,
        f: impl FnOnce(&ArticleRecord<'_>) -> R,
    ) -> R {
        f(&self.article_record(article, lossy, &self.analyze(&article.text)))
    }

    fn article_record<'a>(
        &'a self,
        article: &'a crate::input::Article,
        lossy: Option<&crate::input::Lossy>,
        a: &'a Analysis<'a>,
    ) -> ArticleRecord<'a> {
        let mut rec = self.record(&article.id, a);
        set_article_fields(&mut rec, article, lossy);
        rec
    }

    /// [`Extractor::extract_article`], with where lossy reading replaced
    /// invalid UTF-8 ([`crate::input::Articles::next_decoded`]).
    pub fn extract_decoded(&self, decoded: &crate::input::Decoded) -> ArticleRecord<'static> {
        let a = self.analyze(&decoded.article.text);
        self.article_record(&decoded.article, decoded.lossy.as_ref(), &a)
            .into_owned()
    }

    /// Extracts many articles on the current rayon thread pool (all cores
    /// by default; run inside `ThreadPool::install` to choose). Records come
    /// back in the order of `articles`, identical whatever the thread count.
    pub fn extract_many<S: AsRef<str> + Sync>(
        &self,
        articles: &[(S, S)],
    ) -> Vec<ArticleRecord<'static>> {
        use rayon::prelude::*;
        articles
            .par_iter()
            .map(|(id, text)| self.extract(id.as_ref(), text.as_ref()))
            .collect()
    }

    /// Turns an analysis into a record (original-text offsets).
    pub fn record<'a>(&'a self, id: &'a str, a: &'a Analysis<'a>) -> ArticleRecord<'a> {
        let (mut rec, ctx) = self.record_parts(id, a);
        let claims = a
            .claims
            .iter()
            .map(|c| {
                let mut r = ClaimRecord::default();
                self.claim_into(&ctx, &rec.entities, c, &mut r);
                r
            })
            .collect();
        rec.claims = claims;
        rec
    }

    /// Writes the record of an article read by [`crate::input`] as one line
    /// of JSON (no newline) at the end of `out`: byte for byte what
    /// [`Extractor::extract_article_with`] and [`ArticleRecord::to_json`]
    /// give, but each claim is written as soon as it is made, in one
    /// [`ClaimRecord`] whose lists are reused from claim to claim, instead
    /// of all claims being built, written and freed. What a corpus run
    /// writes; the counts it returns are those of the record.
    pub fn extract_article_json(
        &self,
        article: &crate::input::Article,
        lossy: Option<&crate::input::Lossy>,
        out: &mut String,
    ) -> RecordCounts {
        let a = self.analyze(&article.text);
        let (mut rec, ctx) = self.record_parts(&article.id, &a);
        set_article_fields(&mut rec, article, lossy);
        out.reserve(json_capacity(article.text.len()));
        rec.write_json_with_claims(out, a.claims.len(), |i, claim| {
            self.claim_into(&ctx, &rec.entities, &a.claims[i], claim)
        });
        RecordCounts {
            claims: a.claims.len(),
            figures: rec.figures.len(),
            mentions: rec.entities.iter().map(|e| e.mentions.len()).sum(),
        }
    }

    /// Everything of the record but its claims, and what the claims need
    /// from it ([`Extractor::claim_into`]).
    fn record_parts<'a>(
        &'a self,
        id: &'a str,
        a: &'a Analysis<'a>,
    ) -> (ArticleRecord<'a>, RecordContext<'a>) {
        let mut ctx = RecordContext {
            entries: &self.inner.entries,
            a,
            hint: std::cell::Cell::new(0),
            figure_index: Vec::with_capacity(a.figures.len()),
            entity_index: Default::default(),
        };
        let entries = ctx.entries;
        let orig = a.original;

        let mut zh_chars = 0usize;
        let mut en_chars = 0usize;
        let sentences: Vec<SentenceRecord> = a
            .segments
            .iter()
            .zip(&a.langs)
            .map(|(seg, &lang)| {
                match lang {
                    Lang::Zh => zh_chars += seg.span.len(),
                    Lang::En => en_chars += seg.span.len(),
                }
                let o = ctx.original(seg.span);
                SentenceRecord {
                    start: o.start,
                    end: o.end,
                    kind: match seg.kind {
                        SegmentKind::Title => "title",
                        SegmentKind::Heading => "heading",
                        SegmentKind::Bullet => "bullet",
                        SegmentKind::Sentence => "sentence",
                    }
                    .into(),
                    lang: lang.name().into(),
                }
            })
            .collect();

        // A range gives two figures, its low and its high end, on one span.
        let mut figures: Vec<FigureRecord> = Vec::with_capacity(a.figures.len());
        for f in &a.figures {
            let first = figures.len();
            let (fspan, ftext) = ctx.both(f.span);
            let base = FigureRecord {
                text: ftext,
                value: f.value,
                upper: f.upper,
                unit: Cow::Borrowed(&f.unit),
                kind: figure_kind_name(f.kind).into(),
                precision: precision_name(f.precision).into(),
                currency_source: f.currency_source.map(|c| currency_source_name(c).into()),
                span: fspan,
                sentence: ctx.sentence_of(f.span),
            };
            match f.upper {
                Some(high) if f.precision == figure::Precision::Range => {
                    figures.push(FigureRecord {
                        precision: "range_low".into(),
                        ..base.clone()
                    });
                    figures.push(FigureRecord {
                        value: high,
                        upper: None,
                        precision: "range_high".into(),
                        ..base
                    });
                }
                _ => figures.push(base),
            }
            ctx.figure_index.push((first, figures.len()));
        }
        let times: Vec<TimeRecord> = a
            .times
            .iter()
            .map(|t| {
                let (span, text) = ctx.both(t.span);
                TimeRecord {
                    text,
                    kind: time_kind_name(t.kind).into(),
                    deadline: t.deadline,
                    span,
                }
            })
            .collect();

        // Entities: one per concept, in order of first mention.
        let mut entities: Vec<EntityRecord> = Vec::new();
        for h in &a.hits {
            let e = &entries[h.entry as usize];
            if !e.ty.is_entity() {
                continue;
            }
            let (mention, form) = ctx.both(h.span);
            let i = *ctx.entity_index.entry(h.entry).or_insert_with(|| {
                entities.push(EntityRecord {
                    id: Cow::Borrowed(e.id.as_str()),
                    ty: e.ty.name().into(),
                    label: e.label().into(),
                    zh: e.zh_label().map(Cow::Borrowed),
                    aliases: zh_alias(e).into_iter().collect(),
                    mentions: Vec::new(),
                });
                entities.len() - 1
            });
            let ent = &mut entities[i];
            ent.mentions.push(mention);
            if !ent.aliases.contains(&form) && form != ent.label {
                ent.aliases.push(form);
            }
        }
        let mut found: Vec<(Cow<'a, str>, EntityRecord<'a>)> = Vec::new();
        for &s in &a.found_orgs {
            let name = ctx.slice(s);
            match found.iter_mut().find(|(n, _)| *n == name) {
                Some((_, e)) => e.mentions.push(ctx.span(s)),
                None => {
                    let id = format!("found:{}", crate::normalize::alias_key(&name));
                    found.push((
                        name.clone(),
                        EntityRecord {
                            id: id.into(),
                            ty: "org".into(),
                            label: name,
                            zh: None,
                            aliases: Vec::new(),
                            mentions: vec![ctx.span(s)],
                        },
                    ));
                }
            }
        }
        entities.extend(found.into_iter().map(|(_, e)| e));

        let nondisclosure_sentences: Vec<usize> = {
            let cues = &self.inner.cues;
            let mut v: Vec<usize> = a
                .hits
                .iter()
                .filter(|h| cues[h.entry as usize].nondisclosure)
                .filter_map(|h| {
                    let i = ctx.sentence_of(h.span)?;
                    if cues[h.entry as usize].needs_amount {
                        let seg = a.segments[i].span;
                        let amount = classify::within(&a.hits, seg, |x| x.span)
                            .iter()
                            .any(|x| cues[x.entry as usize].measure);
                        if !amount {
                            return None;
                        }
                    }
                    Some(i)
                })
                .collect();
            v.dedup();
            v
        };

        let rec = ArticleRecord {
            schema: SCHEMA.into(),
            id: id.into(),
            lang: if zh_chars > en_chars { "zh" } else { "en" }.into(),
            title: None,
            date: None,
            source: None,
            lossy: false,
            replaced: None,
            bytes: orig.len(),
            sentences,
            claims: Vec::new(),
            figures,
            times,
            entities,
            currency: CurrencyRecord {
                dollar: a.currency.dollar.into(),
                source: currency_source_name(a.currency.dollar_source).into(),
                reason: a.currency_reason.map(Cow::Borrowed),
            },
            explicit_nondisclosure: !nondisclosure_sentences.is_empty(),
            nondisclosure_sentences,
        };
        (rec, ctx)
    }

    /// Fills `out` with the record of claim `c`, reusing the lists `out`
    /// already holds. `entities` are the record's.
    fn claim_into<'a>(
        &'a self,
        ctx: &RecordContext<'a>,
        entities: &[EntityRecord<'a>],
        c: &'a Claim,
        out: &mut ClaimRecord<'a>,
    ) {
        let entries = ctx.entries;
        let a = ctx.a;
        let seg = a.segments[c.sentence];
        let in_sentence = |s: Span| seg.span.contains(s);
        out.concepts.clear();
        for h in classify::within(&a.hits, seg.span, |h| h.span) {
            let e = &entries[h.entry as usize];
            if e.ty.is_entity() && !out.concepts.iter().any(|c| *c == e.id.as_str()) {
                out.concepts.push(Cow::Borrowed(e.id.as_str()));
            }
        }
        let (cspan, ctext) = ctx.both(seg.span);
        out.kind = c.kind.name().into();
        out.span = cspan;
        out.sentence = c.sentence;
        out.text = ctext;
        out.modality = if c.hedged { "hedged" } else { "firm" }.into();
        out.negated = c.negated;
        // The actor's list of names is reused too.
        let mut aliases = out.actor.take().map(|a| a.aliases).unwrap_or_default();
        out.actor = c.actor.as_ref().map(|actor| {
            aliases.clear();
            match actor.entry {
                Some(id) => {
                    let e = &entries[id as usize];
                    // The names it goes by in this article: its Chinese name and
                    // the forms the text uses.
                    match ctx.entity_index.get(&id) {
                        Some(&i) => aliases.extend(entities[i].aliases.iter().cloned()),
                        None => aliases.extend(zh_alias(e)),
                    }
                    ActorRecord {
                        id: Some(Cow::Borrowed(e.id.as_str())),
                        label: e.label().into(),
                        aliases,
                        span: actor.span.map(|s| ctx.span(s)),
                        resolved_by: actor.source.name().into(),
                    }
                }
                None => ActorRecord {
                    id: None,
                    label: actor.span.map(|s| ctx.slice(s)).unwrap_or_default(),
                    aliases,
                    span: actor.span.map(|s| ctx.span(s)),
                    resolved_by: actor.source.name().into(),
                },
            }
        });
        out.speaker = c.speaker.as_ref().map(|s| SpeakerRecord {
            name: s.name.map(|n| ctx.slice(n)),
            role: s.role.map(|r| ctx.slice(r.span)),
            role_id: s
                .role
                .map(|r| Cow::Borrowed(entries[r.entry as usize].id.as_str())),
            span: ctx.span(s.span),
        });
        out.figures.clear();
        let lo = a.figures.partition_point(|f| f.span.start < seg.span.start);
        out.figures.extend(
            a.figures[lo..]
                .iter()
                .zip(&ctx.figure_index[lo..])
                .take_while(|(f, _)| f.span.start < seg.span.end)
                .filter(|(f, _)| in_sentence(f.span))
                .flat_map(|(_, &(lo, hi))| lo..hi),
        );
        out.disclosure = c.disclosure.map(|d| d.name().into());
        out.deadline = c
            .evidence
            .iter()
            .find(|ev| ev.rule == "disclosure/deadline")
            .and_then(|ev| ev.cue)
            .and_then(|cue| {
                let i = a.times.partition_point(|t| t.span.start < cue.start);
                a.times.get(i).filter(|t| t.span == cue).map(|_| i)
            });
        out.evidence.clear();
        out.evidence.extend(c.evidence.iter().map(|ev| {
            let (cue, text) = ev.cue.map(|s| ctx.both(s)).unzip();
            EvidenceRecord {
                rule: Cow::Borrowed(&ev.rule),
                entry: ev
                    .entry
                    .map(|e| Cow::Borrowed(entries[e as usize].id.as_str())),
                cue,
                text,
            }
        }));
    }
}

/// What the claims of a record need from the rest of it, and the mapping of
/// spans back to the original text.
struct RecordContext<'a> {
    entries: &'a [Entry],
    a: &'a Analysis<'a>,
    /// Spans are mapped back mostly in text order (sentences, figures,
    /// mentions, claims): the last checkpoint found is tried first.
    hint: std::cell::Cell<usize>,
    /// For each figure of the analysis, its records (two for a range).
    figure_index: Vec<(usize, usize)>,
    /// For each entity entry, its place in the record's entities.
    entity_index: crate::matcher::EntryMap<usize>,
}

impl<'a> RecordContext<'a> {
    fn original(&self, s: Span) -> Span {
        let mut h = self.hint.get();
        let o = self.a.map.span_near(s, &mut h);
        self.hint.set(h);
        o
    }

    fn span(&self, s: Span) -> SpanRecord {
        self.original(s).into()
    }

    fn slice(&self, s: Span) -> Cow<'a, str> {
        Cow::Borrowed(self.original(s).of(self.a.original))
    }

    /// A span and its text, mapped back once.
    fn both(&self, s: Span) -> (SpanRecord, Cow<'a, str>) {
        let o = self.original(s);
        (o.into(), Cow::Borrowed(o.of(self.a.original)))
    }

    /// The index of the sentence that holds `s`.
    fn sentence_of(&self, s: Span) -> Option<usize> {
        let segs = &self.a.segments;
        let i = segs.partition_point(|g| g.span.end <= s.start);
        segs.get(i).filter(|g| g.span.start <= s.start).map(|_| i)
    }
}

/// An entry's Chinese name when it is not its label: the first of the
/// names a record gives for it.
fn zh_alias(e: &Entry) -> Option<Cow<'_, str>> {
    e.zh_label().filter(|z| *z != e.label()).map(Cow::Borrowed)
}

/// The fields of a record that come from the article as read, not from the
/// text.
fn set_article_fields<'a>(
    rec: &mut ArticleRecord<'a>,
    article: &'a crate::input::Article,
    lossy: Option<&crate::input::Lossy>,
) {
    rec.title = article.title.as_deref().map(Cow::Borrowed);
    rec.date = article.date.as_deref().map(Cow::Borrowed);
    rec.source = article.source.as_deref().map(Cow::Borrowed);
    rec.lossy = article.lossy;
    rec.replaced = lossy.map(ReplacedRecord::from);
}

fn figure_kind_name(k: figure::FigureKind) -> &'static str {
    use figure::FigureKind::*;
    match k {
        Quantity => "quantity",
        Money => "money",
        Percent => "percent",
        PercentagePoints => "percentage_points",
        Count => "count",
        Multiple => "multiple",
    }
}

fn precision_name(p: figure::Precision) -> &'static str {
    use figure::Precision::*;
    match p {
        Exact => "exact",
        Approximate => "approximate",
        AtLeast => "at_least",
        AtMost => "at_most",
        Range => "range_low",
    }
}

fn currency_source_name(c: figure::CurrencySource) -> &'static str {
    use figure::CurrencySource::*;
    match c {
        Explicit => "explicit",
        Context => "context",
        Default => "default",
    }
}

fn time_kind_name(k: figure::TimeKind) -> &'static str {
    use figure::TimeKind::*;
    match k {
        Year => "year",
        Quarter => "quarter",
        Month => "month",
        Date => "date",
        Period => "period",
        Duration => "duration",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extractor_is_send_sync_clone() {
        fn check<T: Send + Sync + Clone>() {}
        check::<Extractor>();
    }
}
