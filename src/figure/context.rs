//! What a bare `$` (and a bare cent) means in an article.

use super::{CurrencySource, FigureContext};

/// Words that put an article in Australia.
const AU_WORDS: &[&str] = &[
    "Australia",
    "Australian",
    "Australians",
    "ASX",
    "Albanese",
    "Canberra",
    "Perth",
    "Sydney",
    "Melbourne",
    "Brisbane",
    "Adelaide",
    "Queensland",
    "NSW",
    "Geraldton",
    "Kalgoorlie",
    "Labor",
    "Morrison",
    "Chalmers",
    "Dutton",
    "Iluka",
    "Lynas",
    "Arafura",
    "Eneabba",
    "franked",
    "Rinehart",
];

/// Words that put an article in the United States (or another dollar).
const US_WORDS: &[&str] = &[
    "Pentagon",
    "Washington",
    "Trump",
    "Biden",
    "Congress",
    "Nasdaq",
    "NYSE",
    "Senate",
    "Treasury",
    "American",
    "Americans",
    "Canada",
    "Canadian",
    "Singapore",
    "Zealand",
    "Hong",
];

/// Decides what a bare `$` means for an article: AUD when the article is
/// about Australian companies, budgets, the ASX or the Albanese government,
/// USD otherwise. Explicit forms in the text (A$, US$, $US, AUD) always win
/// over this, figure by figure.
pub fn context_for(text: &str) -> FigureContext {
    let (mut au, mut us) = (0usize, 0usize);
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_alphabetic() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            let s = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            let w = &text[s..i];
            if AU_WORDS.contains(&w) {
                au += 1;
            } else if US_WORDS.contains(&w) {
                us += 1;
            } else if w == "A" && b.get(i) == Some(&b'$') || w == "AUD" {
                au += 3;
            } else if (w == "US" || w == "USD") && b.get(i) == Some(&b'$') {
                us += 2;
            }
            // "$US48" is how Australian papers write US dollars.
            if w == "US" && s > 0 && b[s - 1] == b'$' {
                au += 1;
            }
            continue;
        }
        i += 1;
    }
    if au >= 2 && au > us * 2 {
        FigureContext {
            dollar: "AUD",
            dollar_source: CurrencySource::Context,
        }
    } else {
        FigureContext::default()
    }
}

/// The currency of a bare cent amount (`4c`, `85 cts`): the article's dollar,
/// or the rand in South African news.
pub(crate) fn cents_currency(text: &str, ctx: &FigureContext) -> &'static str {
    if ctx.dollar != "USD" {
        return ctx.dollar;
    }
    let head = match text.char_indices().nth(2000) {
        Some((k, _)) => &text[..k],
        None => text,
    };
    if head.contains("JOHANNESBURG")
        || head.contains("South Africa")
        || head.contains("Johannesburg")
        || head.contains(" rand")
    {
        return "ZAR";
    }
    "USD"
}
