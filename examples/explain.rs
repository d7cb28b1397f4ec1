//! One article, explained: a self-contained HTML page (or annotated plain
//! text) showing every claim highlighted by kind, figures, times and
//! entities marked, and for each claim its kind, modality, actor, speaker,
//! disclosure, figures and the rules and cues that fired.
//!
//!     cargo run --release --example explain -- ARTICLE [-o page.html] [--format html|text]
//!         [--id ID] [--index FILE]
//!     cargo run --release --example explain -- FOLDER|FILE.jsonl --out-dir DIR
//!
//! ARTICLE is a `.txt` file, a `.jsonl` file of `{"id", "text"}` articles or
//! a folder (pick one with `--id`; the first by default), or `-` for
//! standard input. `--index` attaches a date, title and source from a JSON
//! Lines index (`{"id", "date", "title", "source"}`); a folder's own
//! `index.jsonl` is used when none is named. The page goes to `-o FILE`, or
//! to standard output; `--format text` prints the same as annotated text (in
//! colour on a terminal unless `NO_COLOR`). `--out-dir` writes one page per
//! article and an `index.html` listing them.

#[path = "common/views.rs"]
mod views;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use ree_claims::input::{read_paths, Article, ReadOptions};
use ree_claims::Extractor;
use views::explain::PageRow;
use views::meta::{default_index_files, is_index_file, Index, Meta};

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Html,
    Text,
}

#[derive(Parser)]
#[command(about = "Explain one article's claims: an HTML page or annotated text")]
struct Args {
    /// The article: a .txt file, a .jsonl file (with --id), or - for standard input.
    article: PathBuf,
    /// Which article of a .jsonl file (default: the first).
    #[arg(long)]
    id: Option<String>,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// html (a self-contained page) or text (annotated, for a terminal).
    #[arg(long, value_enum, default_value = "html")]
    format: Format,
    /// JSON Lines index of {"id", "date", "title", "source"} (repeatable);
    /// default: the index.jsonl of ARTICLE when it is a folder.
    #[arg(long)]
    index: Vec<PathBuf>,
    /// Write one page per article of ARTICLE (a folder or .jsonl) into this
    /// folder, with an index.html listing them.
    #[arg(long, conflicts_with_all = ["output", "id", "format"])]
    out_dir: Option<PathBuf>,
}

fn meta_of(article: &Article, index: &Index) -> Meta {
    Meta {
        date: article.date.clone(),
        title: article.title.clone(),
        source: article.source.clone(),
    }
    .or(index.get(&article.id))
}

/// One page per article of ARTICLE (a folder or JSON Lines file) into `dir`,
/// with an `index.html` listing them.
fn write_all(
    args: &Args,
    dir: &Path,
    index: &Index,
    index_files: &[PathBuf],
) -> Result<usize, String> {
    let extractor = Extractor::new().map_err(|e| e.to_string())?;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut rows = Vec::new();
    let mut errors = 0;
    let mut names = std::collections::HashSet::new();
    for item in read_paths(std::slice::from_ref(&args.article), ReadOptions::default()) {
        let article = match item {
            Ok(a) => a,
            Err(e) if is_index_file(index_files, &e.file) => continue,
            Err(e) => {
                eprintln!("{e}");
                errors += 1;
                continue;
            }
        };
        let record = extractor.extract_article(&article);
        let meta = meta_of(&article, index);
        let mut name = views::explain::page_file_name(&article.id);
        let mut n = 1;
        while !names.insert(name.clone()) {
            n += 1;
            name = views::explain::page_file_name(&format!("{}-{n}", article.id));
        }
        let page = views::explain::html_page(&record, &article.text, &meta);
        std::fs::write(dir.join(&name), page).map_err(|e| format!("{name}: {e}"))?;
        rows.push(PageRow::new(&record, &article.text, &meta, name));
    }
    rows.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
    let index_html = dir.join("index.html");
    std::fs::write(&index_html, views::explain::index_page(&rows))
        .map_err(|e| format!("{}: {e}", index_html.display()))?;
    eprintln!(
        "{} pages and {} in {}; errors={errors}",
        rows.len(),
        index_html.display(),
        dir.display()
    );
    if errors > 0 {
        return Err(format!("{errors} articles could not be read"));
    }
    Ok(rows.len())
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut index_files = args.index.clone();
    if index_files.is_empty() {
        index_files = default_index_files(std::slice::from_ref(&args.article));
    }
    let mut index = Index::new();
    for path in &index_files {
        if let Err(e) = index.load(path) {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    }
    if let Some(dir) = &args.out_dir {
        return match write_all(&args, dir, &index, &index_files) {
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }
    let mut found = None;
    for item in read_paths(std::slice::from_ref(&args.article), ReadOptions::default()) {
        match item {
            Ok(a) if args.id.as_deref().is_none_or(|id| id == a.id) => {
                found = Some(a);
                break;
            }
            Ok(_) => {}
            Err(e) if is_index_file(&index_files, &e.file) => {}
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let Some(article) = found else {
        match &args.id {
            Some(id) => eprintln!("{}: no article with id {id}", args.article.display()),
            None => eprintln!("{}: no article", args.article.display()),
        }
        return ExitCode::FAILURE;
    };
    let extractor = match Extractor::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let record = extractor.extract_article(&article);
    let meta = meta_of(&article, &index);
    let out = match args.format {
        Format::Html => views::explain::html_page(&record, &article.text, &meta),
        Format::Text => {
            let colour = args.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none();
            views::explain::text_view(&record, &article.text, &meta, colour)
        }
    };
    let written = match &args.output {
        Some(path) => std::fs::write(path, out.as_bytes()),
        None => std::io::stdout().lock().write_all(out.as_bytes()),
    };
    if let Err(e) = written {
        eprintln!("cannot write: {e}");
        return ExitCode::FAILURE;
    }
    if let Some(path) = &args.output {
        eprintln!(
            "{}: {} claims, {} figures -> {}",
            record.id,
            record.claims.len(),
            record.figures.len(),
            path.display()
        );
    }
    ExitCode::SUCCESS
}
