//! Writes the extractor's alias list in the pattern format of the peer
//! benchmark (`../shared/bench/patterns.tsv`), so that spaCy, flashtext,
//! pyahocorasick, hyperscan and the raw aho-corasick scan match exactly the
//! terms the extractor's automaton matches.
//!
//! ```sh
//! cargo run --release --example export_patterns -- --out /tmp/ree-bench/ree-patterns.tsv
//! cargo run --release --example export_patterns -- --entities-only > entities.tsv
//! ```
//!
//! One line per alias: `surface<TAB>lang<TAB>concept id`, where `surface` is
//! the alias folded as the matcher folds it (`ree_claims::normalize::fold_str`:
//! full-width forms, quotes, dashes, traditional → simplified; case kept),
//! `lang` is `en` or `zh` (the lexicon column it came from) and the id is the
//! lexicon entry's (`org.baogang`). Lines starting with `#` are comments.
//!
//! By default every alias of every loaded entry is written, whatever its type
//! (organisations, materials, places, roles, claim cues, hedges, suffixes,
//! ...), because the extractor's one automaton matches all of them: that is
//! the work to compare. `--entities-only` keeps organisations, elements,
//! materials, policy terms and places. `--lexicon` and `--no-defaults` load
//! the same lexicons as the `extract` example.

#[path = "common/run.rs"]
mod run;

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use ree_claims::lexicon::Lang;
use ree_claims::normalize::fold_str;
use ree_claims::Extractor;

#[derive(Parser)]
#[command(about = "Export the extractor's aliases as a peer-benchmark patterns.tsv")]
struct Args {
    /// Output file (default: standard output).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Only entities (org, element, material, policy, place), no cue words.
    #[arg(long)]
    entities_only: bool,
    /// Extra lexicon file (repeatable), same format as lexicons/*.tsv.
    #[arg(long = "lexicon")]
    lexicons: Vec<PathBuf>,
    /// Do not load the embedded lexicons.
    #[arg(long)]
    no_defaults: bool,
}

fn write(extractor: &Extractor, args: &Args, out: &mut dyn Write) -> io::Result<(usize, usize)> {
    let entries: Vec<_> = extractor
        .entries()
        .iter()
        .filter(|e| !args.entities_only || e.ty.is_entity())
        .collect();
    let (mut en, mut zh) = (0, 0);
    let mut lines = String::new();
    for e in &entries {
        for a in e.aliases() {
            let surface = fold_str(&a.text);
            if surface.is_empty() {
                continue;
            }
            let lang = match a.lang {
                Lang::En => {
                    en += 1;
                    "en"
                }
                Lang::Zh => {
                    zh += 1;
                    "zh"
                }
            };
            lines.push_str(&format!("{surface}\t{lang}\t{}\n", e.id));
        }
    }
    writeln!(
        out,
        "# ree-claims {} aliases ({}), folded as the matcher folds them: surface<TAB>lang<TAB>concept id",
        env!("CARGO_PKG_VERSION"),
        if args.entities_only {
            "entities only"
        } else {
            "every loaded entry"
        }
    )?;
    writeln!(
        out,
        "# {} entries, {} patterns ({en} en, {zh} zh); the automaton has {}",
        entries.len(),
        en + zh,
        extractor.matcher().pattern_count()
    )?;
    out.write_all(lines.as_bytes())?;
    out.flush()?;
    Ok((entries.len(), en + zh))
}

fn main() -> ExitCode {
    let args = Args::parse();
    let extractor = match run::build_extractor(args.no_defaults, &args.lexicons) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let result = match &args.out {
        Some(path) => std::fs::File::create(path)
            .and_then(|f| write(&extractor, &args, &mut BufWriter::new(f))),
        None => write(&extractor, &args, &mut BufWriter::new(io::stdout().lock())),
    };
    match result {
        Ok((entries, patterns)) => {
            eprintln!("exported {patterns} patterns of {entries} entries");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot write the patterns: {e}");
            ExitCode::FAILURE
        }
    }
}
