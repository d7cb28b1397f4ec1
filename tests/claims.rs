//! Claim cases as data: `tests/data/claims_*.toml` give a text and, for some
//! of its sentences, what the claim must be; `tests/data/negatives.toml` gives
//! texts whose sentences must yield no claim at all. One harness runs them
//! all and reports every mismatch with the case name, the sentence and the
//! claim the extractor gave.

use ree_claims::record::{ArticleRecord, ClaimRecord};
use ree_claims::Extractor;
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    #[serde(default)]
    expect: Vec<Expect>,
    /// Whole-article expectations.
    #[serde(default)]
    explicit_nondisclosure: Option<bool>,
}

#[derive(Deserialize)]
struct Expect {
    /// A substring that identifies the sentence.
    sentence: String,
    /// `commitment` ... `disclaimer`, or `none` for no claim.
    kind: String,
    /// Substring of the actor's label or one of its aliases.
    actor: Option<String>,
    disclosure: Option<String>,
    modality: Option<String>,
    negated: Option<bool>,
    /// Substring of the first evidence rule.
    rule: Option<String>,
    /// Substring of the speaker's name or role.
    speaker: Option<String>,
    /// Concept ids that must be among the claim's concepts.
    #[serde(default)]
    concepts: Vec<String>,
}

fn claim_for<'r>(
    rec: &'r ArticleRecord<'static>,
    text: &str,
    needle: &str,
) -> Result<Option<&'r ClaimRecord<'static>>, String> {
    let at = text
        .find(needle)
        .ok_or_else(|| format!("sentence {needle:?} not in the text"))?;
    let idx = rec
        .sentences
        .iter()
        .position(|s| s.start <= at && at < s.end)
        .ok_or_else(|| format!("no sentence covers {needle:?}"))?;
    Ok(rec.claims.iter().find(|c| c.sentence == idx))
}

fn check_case(ex: &Extractor, case: &Case, failures: &mut Vec<String>) {
    let rec = ex.extract(&case.name, &case.text);
    if let Some(want) = case.explicit_nondisclosure {
        if rec.explicit_nondisclosure != want {
            failures.push(format!(
                "[{}] explicit_nondisclosure: want {want}, got {}",
                case.name, rec.explicit_nondisclosure
            ));
        }
    }
    for e in &case.expect {
        let claim = match claim_for(&rec, &case.text, &e.sentence) {
            Ok(c) => c,
            Err(msg) => {
                failures.push(format!("[{}] {msg}", case.name));
                continue;
            }
        };
        let mut bad = Vec::new();
        match claim {
            None if e.kind != "none" => bad.push(format!("kind: want {}, got none", e.kind)),
            None => {}
            Some(c) => {
                if c.kind != e.kind {
                    bad.push(format!(
                        "kind: want {}, got {} ({})",
                        e.kind, c.kind, c.evidence[0].rule
                    ));
                }
                if let Some(a) = &e.actor {
                    let names: Vec<&str> = c
                        .actor
                        .iter()
                        .flat_map(|x| {
                            std::iter::once(x.label.as_ref()).chain(x.aliases.iter().map(|a| &**a))
                        })
                        .collect();
                    if !names.iter().any(|n| n.contains(a.as_str())) {
                        bad.push(format!("actor: want {a:?}, got {names:?}"));
                    }
                }
                if let Some(d) = &e.disclosure {
                    if c.disclosure.as_deref() != Some(d.as_str()) {
                        bad.push(format!("disclosure: want {d}, got {:?}", c.disclosure));
                    }
                }
                if let Some(m) = &e.modality {
                    if &c.modality != m {
                        bad.push(format!("modality: want {m}, got {}", c.modality));
                    }
                }
                if let Some(n) = e.negated {
                    if c.negated != n {
                        bad.push(format!("negated: want {n}, got {}", c.negated));
                    }
                }
                if let Some(r) = &e.rule {
                    if !c.evidence[0].rule.contains(r.as_str()) {
                        bad.push(format!("rule: want {r:?} in {:?}", c.evidence[0].rule));
                    }
                }
                if let Some(sp) = &e.speaker {
                    let got = c.speaker.as_ref().map(|s| {
                        format!(
                            "{} {}",
                            s.role.clone().unwrap_or_default(),
                            s.name.clone().unwrap_or_default()
                        )
                    });
                    if !got.as_deref().is_some_and(|g| g.contains(sp.as_str())) {
                        bad.push(format!("speaker: want {sp:?}, got {got:?}"));
                    }
                }
                for id in &e.concepts {
                    if !c.concepts.iter().any(|c| c == id) {
                        bad.push(format!("concept {id} missing from {:?}", c.concepts));
                    }
                }
            }
        }
        if !bad.is_empty() {
            failures.push(format!(
                "[{}] {:?}: {}",
                case.name,
                e.sentence,
                bad.join("; ")
            ));
        }
    }
}

fn run(file: &str) {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let data: File = toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let ex = Extractor::new().expect("embedded lexicons");
    let mut failures = Vec::new();
    let mut checks = 0;
    for case in &data.case {
        checks += case.expect.len().max(1);
        check_case(&ex, case, &mut failures);
    }
    assert!(
        failures.is_empty(),
        "{} of {checks} checks failed in {file}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn english_claims() {
    run("claims_en.toml");
}

#[test]
fn chinese_claims() {
    run("claims_zh.toml");
}

/// Texts whose every sentence must yield no claim.
#[test]
fn negatives_yield_no_claim() {
    #[derive(Deserialize)]
    struct Neg {
        text: Vec<String>,
    }
    let path = format!("{}/tests/data/negatives.toml", env!("CARGO_MANIFEST_DIR"));
    let neg: Neg = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let ex = Extractor::new().unwrap();
    let mut bad = Vec::new();
    for t in &neg.text {
        let rec = ex.extract("neg", t);
        for c in &rec.claims {
            bad.push(format!(
                "{t:?} gave {} ({}) on {:?}",
                c.kind, c.evidence[0].rule, c.text
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "{} negatives gave claims:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
