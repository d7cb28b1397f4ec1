//! Bilingual lexicons: TSV files → concept entries.
//!
//! The format is described in `lexicons/README.md`: one concept per line,
//! `id <TAB> type <TAB> en aliases <TAB> zh aliases [<TAB> attrs]`. Every file
//! under `lexicons/` is embedded (see [`EMBEDDED`]) and parsed once when an
//! [`crate::Extractor`] is built; users add their own files in the same format.
//!
//! Parsing reports every fault of every file at once, each with its file and
//! line, before anything runs.

use std::fmt;

use crate::normalize::alias_key;

/// The lexicon files compiled into the library, as `(file name, contents)`.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("orgs.tsv", include_str!("../lexicons/orgs.tsv")),
    ("materials.tsv", include_str!("../lexicons/materials.tsv")),
    ("policy.tsv", include_str!("../lexicons/policy.tsv")),
    ("places.tsv", include_str!("../lexicons/places.tsv")),
    ("roles.tsv", include_str!("../lexicons/roles.tsv")),
    ("cues.tsv", include_str!("../lexicons/cues.tsv")),
    ("suffixes.tsv", include_str!("../lexicons/suffixes.tsv")),
];

/// What a concept is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntryType {
    /// An organisation: company, state body, institute, exchange, media.
    Org,
    /// A chemical element.
    Element,
    /// A compound, product or material category.
    Material,
    /// A policy or planning term.
    Policy,
    /// A country, province, city, site or market.
    Place,
    /// A speaker's role (factory director, 研究员).
    Role,
    /// A word that signals a claim kind (`claim=` attribute).
    Cue,
    /// A hedge (may, 可能).
    Hedge,
    /// A negation (not, 未).
    Negation,
    /// A phrase saying figures were withheld (did not disclose, 未披露).
    Nondisclosure,
    /// An amount, scale or measurable target named without a figure (capacity, 产能).
    Measure,
    /// A verb of saying (said, 表示).
    Speech,
    /// A phrase that refers back to an organisation (the company, 该公司).
    Anaphor,
    /// A longer word that hides a cue inside it (模拟 over 拟); matched and ignored.
    Block,
    /// A word that ends (or, with `head=1`, opens) an organisation's name
    /// (Group, Ministry of, 有限公司).
    Suffix,
}

impl EntryType {
    /// Every type, in the order of [`EntryType::name`].
    pub const ALL: [EntryType; 15] = [
        EntryType::Org,
        EntryType::Element,
        EntryType::Material,
        EntryType::Policy,
        EntryType::Place,
        EntryType::Role,
        EntryType::Cue,
        EntryType::Hedge,
        EntryType::Negation,
        EntryType::Nondisclosure,
        EntryType::Measure,
        EntryType::Speech,
        EntryType::Anaphor,
        EntryType::Block,
        EntryType::Suffix,
    ];

    /// The name used in lexicon files and records.
    pub fn name(self) -> &'static str {
        match self {
            EntryType::Org => "org",
            EntryType::Element => "element",
            EntryType::Material => "material",
            EntryType::Policy => "policy",
            EntryType::Place => "place",
            EntryType::Role => "role",
            EntryType::Cue => "cue",
            EntryType::Hedge => "hedge",
            EntryType::Negation => "negation",
            EntryType::Nondisclosure => "nondisclosure",
            EntryType::Measure => "measure",
            EntryType::Speech => "speech",
            EntryType::Anaphor => "anaphor",
            EntryType::Block => "block",
            EntryType::Suffix => "suffix",
        }
    }

    /// Parses a type name.
    pub fn from_name(name: &str) -> Option<EntryType> {
        EntryType::ALL.iter().copied().find(|t| t.name() == name)
    }

    /// True for the types reported as entities (organisations, elements,
    /// materials, policy terms, places); false for roles and cue words.
    pub fn is_entity(self) -> bool {
        matches!(
            self,
            EntryType::Org
                | EntryType::Element
                | EntryType::Material
                | EntryType::Policy
                | EntryType::Place
        )
    }
}

/// Script of an alias.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// From the `en` column: Latin script, matched on word boundaries.
    En,
    /// From the `zh` column: matched anywhere.
    Zh,
}

/// One name of a concept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    /// The alias as written (without a leading `=`).
    pub text: String,
    /// Which column it came from.
    pub lang: Lang,
    /// Match the exact case only (acronyms, and aliases written `=Name`).
    pub exact_case: bool,
}

/// Where a lexicon line came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// File name (as given to the parser).
    pub file: String,
    /// 1-based line number.
    pub line: usize,
}

impl fmt::Display for Source {
    /// `file:line`, or the file alone for a fault of the whole file (line 0:
    /// it cannot be read, or the automaton cannot be built).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.file)
        } else {
            write!(f, "{}:{}", self.file, self.line)
        }
    }
}

/// One concept of a lexicon.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Stable concept id (`org.baogang`).
    pub id: String,
    /// What the concept is.
    pub ty: EntryType,
    /// English aliases, canonical first.
    pub en: Vec<Alias>,
    /// Chinese aliases, canonical first.
    pub zh: Vec<Alias>,
    /// `key=value` attributes.
    pub attrs: Vec<(String, String)>,
    /// File and line.
    pub source: Source,
}

impl Entry {
    /// Canonical label: the first English alias, else the first Chinese one.
    pub fn label(&self) -> &str {
        self.en
            .first()
            .or_else(|| self.zh.first())
            .map_or(self.id.as_str(), |a| a.text.as_str())
    }

    /// Canonical Chinese name, if any.
    pub fn zh_label(&self) -> Option<&str> {
        self.zh.first().map(|a| a.text.as_str())
    }

    /// Every alias, English first.
    pub fn aliases(&self) -> impl Iterator<Item = &Alias> {
        self.en.iter().chain(self.zh.iter())
    }

    /// The value of attribute `key`.
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// What is wrong with a lexicon line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LexiconErrorKind {
    /// Not 4 or 5 tab-separated columns.
    Columns(usize),
    /// The id is not lowercase dotted words.
    BadId(String),
    /// The type is not one of [`EntryType::name`].
    UnknownType(String),
    /// An `attrs` item is not `key=value`.
    BadAttr(String),
    /// A concept with no alias at all.
    NoAlias,
    /// An empty alias between `|` separators.
    EmptyAlias,
    /// An id defined before, at the given place.
    DuplicateId(String, Source),
    /// An alias claimed before (by the given concept, at the given place).
    DuplicateAlias {
        /// The alias as written here.
        alias: String,
        /// The concept that claimed it first.
        first_id: String,
        /// Where that concept is defined.
        first: Source,
    },
    /// A `cue` entry without a valid `claim=` attribute.
    BadClaim(String),
    /// The file could not be read.
    Io(String),
}

/// A fault in a lexicon file, with its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexiconError {
    /// Where.
    pub source: Source,
    /// What.
    pub kind: LexiconErrorKind,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.source)?;
        match &self.kind {
            LexiconErrorKind::Columns(n) => {
                write!(
                    f,
                    "expected 4 or 5 tab-separated columns (id, type, en, zh, attrs), found {n}"
                )
            }
            LexiconErrorKind::BadId(id) => {
                write!(
                    f,
                    "bad id {id:?}: use lowercase ASCII words joined by dots, like org.baogang"
                )
            }
            LexiconErrorKind::UnknownType(t) => {
                let names: Vec<&str> = EntryType::ALL.iter().map(|t| t.name()).collect();
                write!(
                    f,
                    "unknown type {t:?}; expected one of {}",
                    names.join(", ")
                )
            }
            LexiconErrorKind::BadAttr(a) => write!(f, "bad attribute {a:?}: expected key=value"),
            LexiconErrorKind::NoAlias => {
                write!(f, "no alias: give at least one English or Chinese name")
            }
            LexiconErrorKind::EmptyAlias => write!(f, "empty alias between '|' separators"),
            LexiconErrorKind::DuplicateId(id, first) => {
                write!(f, "id {id:?} is already defined at {first}")
            }
            LexiconErrorKind::DuplicateAlias {
                alias,
                first_id,
                first,
            } => {
                write!(
                    f,
                    "alias {alias:?} is already claimed by {first_id} ({first})"
                )
            }
            LexiconErrorKind::BadClaim(v) => write!(
                f,
                "cue needs claim=commitment|plan|forecast|fact|assessment|disclaimer, found {v:?}"
            ),
            LexiconErrorKind::Io(msg) => write!(f, "cannot read: {msg}"),
        }
    }
}

impl std::error::Error for LexiconError {}

/// Every fault found in a set of lexicon files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexiconErrors(pub Vec<LexiconError>);

impl fmt::Display for LexiconErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        writeln!(f, "{n} lexicon error{}:", if n == 1 { "" } else { "s" })?;
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "  {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LexiconErrors {}

/// Claim kinds a `cue` entry may name.
pub const CLAIM_NAMES: [&str; 6] = [
    "commitment",
    "plan",
    "forecast",
    "fact",
    "assessment",
    "disclaimer",
];

fn valid_id(id: &str) -> bool {
    let mut parts = 0;
    for part in id.split('.') {
        if part.is_empty()
            || !part
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

fn parse_aliases(
    col: &str,
    lang: Lang,
    source: &Source,
    errors: &mut Vec<LexiconError>,
) -> Vec<Alias> {
    let col = col.trim();
    if col.is_empty() || col == "-" {
        return Vec::new();
    }
    let mut out = Vec::new();
    for raw in col.split('|') {
        let raw = raw.trim();
        if raw.is_empty() {
            errors.push(LexiconError {
                source: source.clone(),
                kind: LexiconErrorKind::EmptyAlias,
            });
            continue;
        }
        let (text, marked) = match raw.strip_prefix('=') {
            Some(rest) => (rest.trim(), true),
            None => (raw, false),
        };
        if text.is_empty() {
            errors.push(LexiconError {
                source: source.clone(),
                kind: LexiconErrorKind::EmptyAlias,
            });
            continue;
        }
        let acronym = lang == Lang::En
            && text.chars().any(|c| c.is_ascii_uppercase())
            && !text.chars().any(|c| c.is_lowercase());
        out.push(Alias {
            text: text.to_string(),
            lang,
            exact_case: marked || acronym,
        });
    }
    out
}

/// Parses one lexicon file. `file` names it in errors. Returns the entries, or
/// every fault of the file.
pub fn parse(file: &str, text: &str) -> Result<Vec<Entry>, LexiconErrors> {
    let (entries, errors) = parse_lenient(file, text);
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(LexiconErrors(errors))
    }
}

/// Parses one lexicon file and returns both the entries of its good lines and
/// the faults of the others, so that a caller can check the good entries for
/// clashes too and report every fault in one round. A byte-order mark at the
/// start is skipped (editors on Windows write one).
pub fn parse_lenient(file: &str, text: &str) -> (Vec<Entry>, Vec<LexiconError>) {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let source = Source {
            file: file.to_string(),
            line: n + 1,
        };
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 4 && cols.len() != 5 {
            errors.push(LexiconError {
                source,
                kind: LexiconErrorKind::Columns(cols.len()),
            });
            continue;
        }
        let before = errors.len();
        let id = cols[0].trim();
        if !valid_id(id) {
            errors.push(LexiconError {
                source: source.clone(),
                kind: LexiconErrorKind::BadId(id.to_string()),
            });
        }
        let ty = EntryType::from_name(cols[1].trim());
        if ty.is_none() {
            errors.push(LexiconError {
                source: source.clone(),
                kind: LexiconErrorKind::UnknownType(cols[1].trim().to_string()),
            });
        }
        let en = parse_aliases(cols[2], Lang::En, &source, &mut errors);
        let zh = parse_aliases(cols[3], Lang::Zh, &source, &mut errors);
        if en.is_empty() && zh.is_empty() && errors.len() == before {
            errors.push(LexiconError {
                source: source.clone(),
                kind: LexiconErrorKind::NoAlias,
            });
        }
        let mut attrs = Vec::new();
        if let Some(col) = cols.get(4).filter(|c| c.trim() != "-") {
            for item in col.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                match item.split_once('=') {
                    Some((k, v)) if !k.trim().is_empty() && !v.trim().is_empty() => {
                        attrs.push((k.trim().to_string(), v.trim().to_string()))
                    }
                    _ => errors.push(LexiconError {
                        source: source.clone(),
                        kind: LexiconErrorKind::BadAttr(item.to_string()),
                    }),
                }
            }
        }
        if ty == Some(EntryType::Cue) {
            let claim = attrs
                .iter()
                .find(|(k, _)| k == "claim")
                .map(|(_, v)| v.as_str());
            if !claim.is_some_and(|c| CLAIM_NAMES.contains(&c)) {
                errors.push(LexiconError {
                    source: source.clone(),
                    kind: LexiconErrorKind::BadClaim(claim.unwrap_or("").to_string()),
                });
            }
        }
        if errors.len() == before {
            if let Some(ty) = ty {
                entries.push(Entry {
                    id: id.to_string(),
                    ty,
                    en,
                    zh,
                    attrs,
                    source,
                });
            }
        }
    }
    (entries, errors)
}

/// Checks a set of entries from several files: ids must be unique, and no
/// alias (after normalisation, see [`alias_key`]) may belong to two concepts.
/// Returns every clash.
pub fn check_unique(entries: &[Entry]) -> Result<(), LexiconErrors> {
    use std::collections::HashMap;
    let mut errors = Vec::new();
    let mut ids: HashMap<&str, &Source> = HashMap::new();
    let mut aliases: HashMap<String, (&str, &Source)> = HashMap::new();
    for e in entries {
        if let Some(first) = ids.insert(e.id.as_str(), &e.source) {
            errors.push(LexiconError {
                source: e.source.clone(),
                kind: LexiconErrorKind::DuplicateId(e.id.clone(), first.clone()),
            });
            ids.insert(e.id.as_str(), first);
        }
        for a in e.aliases() {
            let key = alias_key(&a.text);
            if key.is_empty() {
                errors.push(LexiconError {
                    source: e.source.clone(),
                    kind: LexiconErrorKind::EmptyAlias,
                });
                continue;
            }
            match aliases.get(&key) {
                // Spelling variants of one concept ("rare earth", "rare-earth")
                // are one pattern; only a second concept is a clash.
                Some(&(first_id, _)) if first_id == e.id => {}
                Some(&(first_id, first)) => errors.push(LexiconError {
                    source: e.source.clone(),
                    kind: LexiconErrorKind::DuplicateAlias {
                        alias: a.text.clone(),
                        first_id: first_id.to_string(),
                        first: first.clone(),
                    },
                }),
                None => {
                    aliases.insert(key, (e.id.as_str(), &e.source));
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(LexiconErrors(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_line() {
        let text = "# comment\n\norg.baogang\torg\tBaogang Group|Baotou Steel|=Baogang\t包钢集团|包钢\tkind=soe;country=CN\n";
        let entries = parse("t.tsv", text).unwrap();
        assert_eq!(entries.len(), 1);
        let e = &entries[0];
        assert_eq!(e.label(), "Baogang Group");
        assert_eq!(e.zh_label(), Some("包钢集团"));
        assert_eq!(e.attr("country"), Some("CN"));
        assert!(e.en[2].exact_case && !e.en[0].exact_case);
        assert_eq!(e.source.line, 3);
    }

    #[test]
    fn acronyms_match_exact_case() {
        let e = &parse("t.tsv", "org.miit\torg\tMIIT|U.S. Department\t-\n").unwrap()[0];
        assert!(e.en[0].exact_case);
        assert!(!e.en[1].exact_case);
    }

    #[test]
    fn every_fault_is_reported_with_file_and_line() {
        let text = "org.a\torg\tA\n\
                    Bad Id\torg\tB\t-\n\
                    org.c\tcompany\tC\t-\n\
                    org.d\torg\t-\t-\n\
                    org.e\torg\tE||F\t-\n\
                    org.f\torg\tF\t-\tcountry\n\
                    cue.x\tcue\twill\t将\tclaim=maybe\n";
        let err = parse("user.tsv", text).unwrap_err();
        let lines: Vec<usize> = err.0.iter().map(|e| e.source.line).collect();
        assert_eq!(lines, vec![1, 2, 3, 4, 5, 6, 7]);
        let msg = err.to_string();
        assert!(msg.contains("user.tsv:1: expected 4 or 5"), "{msg}");
        assert!(msg.contains("user.tsv:2: bad id \"Bad Id\""), "{msg}");
        assert!(
            msg.contains("user.tsv:3: unknown type \"company\""),
            "{msg}"
        );
        assert!(msg.contains("user.tsv:4: no alias"), "{msg}");
        assert!(msg.contains("user.tsv:5: empty alias"), "{msg}");
        assert!(
            msg.contains("user.tsv:6: bad attribute \"country\""),
            "{msg}"
        );
        assert!(msg.contains("user.tsv:7: cue needs claim="), "{msg}");
    }

    #[test]
    fn duplicate_aliases_and_ids_are_errors() {
        let mut entries = parse("a.tsv", "org.a\torg\tLynas|Lynas Rare Earths\t-\n").unwrap();
        entries.extend(
            parse(
                "b.tsv",
                "org.b\torg\tLYNAS RARE  EARTHS\t-\norg.a\torg\tZ\t-\n",
            )
            .unwrap(),
        );
        let err = check_unique(&entries).unwrap_err().to_string();
        assert!(
            err.contains(
                "b.tsv:1: alias \"LYNAS RARE  EARTHS\" is already claimed by org.a (a.tsv:1)"
            ),
            "{err}"
        );
        assert!(
            err.contains("b.tsv:2: id \"org.a\" is already defined at a.tsv:1"),
            "{err}"
        );
    }

    #[test]
    fn traditional_alias_clashes_with_simplified() {
        let mut entries = parse("a.tsv", "material.re_steel\tmaterial\t-\t稀土钢\n").unwrap();
        entries.extend(parse("b.tsv", "material.x\tmaterial\t-\t稀土鋼\n").unwrap());
        assert!(check_unique(&entries).is_err());
    }

    #[test]
    fn embedded_lexicons_are_clean() {
        let mut all = Vec::new();
        let mut errors = Vec::new();
        for (file, text) in EMBEDDED {
            match parse(file, text) {
                Ok(entries) => all.extend(entries),
                Err(e) => errors.extend(e.0),
            }
        }
        if let Err(e) = check_unique(&all) {
            errors.extend(e.0);
        }
        assert!(errors.is_empty(), "{}", LexiconErrors(errors));
        let orgs = all.iter().filter(|e| e.ty == EntryType::Org).count();
        assert!(orgs >= 120, "only {orgs} organisations");
    }
}
