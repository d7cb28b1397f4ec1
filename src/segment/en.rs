//! English word classes for the period rule: abbreviations, initials,
//! numbers, and the words that typically start a sentence.
//!
//! A period after an abbreviation ("Co.", "U.S.", "E.") ends the sentence
//! only when the next word is one that starts sentences ("It", "The", "How"):
//! "Pitt & Co. It closed" splits, "the U.S. Government" does not. This is
//! the Pragmatic Segmenter's rule, with a longer list of starters.

/// What the word before a period is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum WordKind {
    /// A plain word or number: the period ends the sentence when a capital,
    /// digit, quote or bracket follows.
    Plain,
    /// An abbreviation or an initial ("Co", "Dr", "U.S", "E"): the period ends
    /// the sentence only before a sentence starter.
    Abbrev,
    /// An abbreviation that comes before a number ("No", "p", "Jan", "Sec"):
    /// never ends the sentence before a digit, else as [`WordKind::Abbrev`].
    NumberPrefix,
    /// An abbreviation that never ends a sentence ("e.g", "i.e", "vs").
    Never,
}

/// Longest abbreviation (in bytes) the tables hold.
const MAX_ABBREV: usize = 8;

/// Classifies the word before a period (without the period). Leading
/// punctuation (`(`, quotes) is ignored.
pub(super) fn classify(word: &str) -> WordKind {
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if word.is_empty() {
        return WordKind::Plain;
    }
    if word.len() <= MAX_ABBREV {
        let mut buf = [0u8; MAX_ABBREV];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        // Lowercasing ASCII bytes keeps UTF-8 valid.
        if let Ok(lower) = std::str::from_utf8(lower) {
            if let Some(kind) = table(lower) {
                return kind;
            }
        }
    }
    let bytes = word.as_bytes();
    if bytes.len() == 1 && bytes[0].is_ascii_uppercase() {
        return WordKind::Abbrev; // an initial: "Jonas E. Smith"
    }
    if is_dotted(word) {
        return WordKind::Abbrev; // "U.S", "E.U", "a.m", "Ph.D"
    }
    WordKind::Plain
}

/// Abbreviations, lowercased, without their final period.
fn table(lower: &str) -> Option<WordKind> {
    use WordKind::*;
    Some(match lower {
        "e.g" | "i.e" | "vs" | "v" | "viz" | "cf" | "incl" | "esp" | "resp" | "ibid" => Never,
        // Before a number: "No. 5", "p. 55", "Jan. 5", "Sec. 3", "N°. 12".
        "no" | "nos" | "n\u{b0}" | "n\u{ba}" | "nr" | "p" | "pp" | "para" | "paras" | "vol"
        | "vols" | "ch" | "chap" | "fig" | "figs" | "sec" | "secs" | "stat" | "pub" | "tel"
        | "rs" | "approx" | "ca" | "c" | "jan" | "feb" | "mar" | "apr" | "jun" | "jul" | "aug"
        | "sep" | "sept" | "oct" | "nov" | "dec" => NumberPrefix,
        // Titles before a name, company and place words, and others that
        // may also end a sentence ("& Co.").
        "mr" | "mrs" | "ms" | "messrs" | "mme" | "mlle" | "dr" | "prof" | "mt" | "mtn" | "st"
        | "ste" | "gen" | "sen" | "sens" | "rep" | "reps" | "gov" | "govt" | "lt" | "col"
        | "capt" | "cmdr" | "cdr" | "sgt" | "cpl" | "pvt" | "maj" | "adm" | "brig" | "rev"
        | "hon" | "fr" | "pres" | "supt" | "insp" | "amb" | "atty" | "jr" | "sr" | "esq" | "co"
        | "cos" | "corp" | "inc" | "ltd" | "plc" | "pty" | "bros" | "llc" | "mfg" | "intl"
        | "assn" | "dept" | "div" | "univ" | "inst" | "ave" | "blvd" | "rd" | "hwy" | "sq"
        | "ft" | "al" | "mon" | "tue" | "tues" | "thu" | "thur" | "thurs" | "fri" | "hr"
        | "hrs" | "yr" | "yrs" => Abbrev,
        _ => return None,
    })
}

/// True for letters joined by periods, each run one or two letters long:
/// "U.S", "U.S.A", "a.m", "Ph.D".
fn is_dotted(word: &str) -> bool {
    let mut parts = 0;
    for part in word.split('.') {
        if part.is_empty() || part.len() > 2 || !part.bytes().all(|b| b.is_ascii_alphabetic()) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

/// True for capitalised words that typically open a sentence: pronouns,
/// determiners, conjunctions, prepositions and sentence adverbs. A
/// capitalised word of this kind after an abbreviation marks a new sentence;
/// a name ("Smith", "Government") does not.
pub(super) fn is_starter(word: &str) -> bool {
    matches!(
        word,
        "A" | "About"
            | "According"
            | "After"
            | "Again"
            | "Against"
            | "All"
            | "Also"
            | "Although"
            | "Among"
            | "An"
            | "And"
            | "Another"
            | "Any"
            | "Are"
            | "As"
            | "At"
            | "Because"
            | "Before"
            | "Being"
            | "Both"
            | "But"
            | "By"
            | "Can"
            | "Could"
            | "Despite"
            | "Did"
            | "Do"
            | "Does"
            | "During"
            | "Each"
            | "Earlier"
            | "Even"
            | "Every"
            | "For"
            | "From"
            | "Further"
            | "Furthermore"
            | "Had"
            | "Has"
            | "Have"
            | "He"
            | "Her"
            | "Here"
            | "His"
            | "How"
            | "However"
            | "I"
            | "If"
            | "In"
            | "Indeed"
            | "Instead"
            | "Is"
            | "It"
            | "Its"
            | "Last"
            | "Later"
            | "Many"
            | "Meanwhile"
            | "Millions"
            | "More"
            | "Moreover"
            | "Most"
            | "My"
            | "Neither"
            | "Never"
            | "Nevertheless"
            | "No"
            | "Nobody"
            | "Nor"
            | "Not"
            | "Now"
            | "On"
            | "Once"
            | "One"
            | "Only"
            | "Other"
            | "Others"
            | "Our"
            | "Please"
            | "Since"
            | "So"
            | "Some"
            | "Still"
            | "Such"
            | "That"
            | "The"
            | "Their"
            | "Then"
            | "There"
            | "These"
            | "They"
            | "This"
            | "Those"
            | "Though"
            | "Thus"
            | "To"
            | "Under"
            | "Until"
            | "Was"
            | "We"
            | "Were"
            | "What"
            | "When"
            | "Where"
            | "Whether"
            | "Which"
            | "While"
            | "Who"
            | "Why"
            | "With"
            | "Without"
            | "Yes"
            | "Yet"
            | "You"
            | "Your"
    )
}

/// True for verbs that attribute a quotation ("said", "wrote").
pub(super) fn is_reporting_verb(word: &str) -> bool {
    matches!(
        word,
        "said"
            | "says"
            | "wrote"
            | "writes"
            | "asked"
            | "asks"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "stated"
            | "noted"
            | "explained"
            | "replied"
            | "continued"
            | "tweeted"
            | "posted"
            | "declared"
            | "insisted"
            | "argued"
            | "warned"
            | "recalled"
            | "remarked"
            | "exclaimed"
            | "wondered"
            | "quipped"
            | "admitted"
            | "acknowledged"
            | "commented"
            | "concluded"
            | "claimed"
            | "shouted"
            | "answered"
            | "responded"
            | "observed"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(classify("Co"), WordKind::Abbrev);
        assert_eq!(classify("co"), WordKind::Abbrev);
        assert_eq!(classify("U.S"), WordKind::Abbrev);
        assert_eq!(classify("U.S.A"), WordKind::Abbrev);
        assert_eq!(classify("E"), WordKind::Abbrev);
        assert_eq!(classify("(Dr"), WordKind::Abbrev);
        assert_eq!(classify("p"), WordKind::NumberPrefix);
        assert_eq!(classify("N\u{b0}"), WordKind::NumberPrefix);
        assert_eq!(classify("e.g"), WordKind::Never);
        assert_eq!(classify("world"), WordKind::Plain);
        assert_eq!(classify("$100.00"), WordKind::Plain);
        assert_eq!(classify("example.com"), WordKind::Plain);
        assert_eq!(classify("Jane.Doe@example.com"), WordKind::Plain);
        assert_eq!(classify(""), WordKind::Plain);
        assert_eq!(classify("稀土"), WordKind::Plain);
    }

    #[test]
    fn starters() {
        assert!(is_starter("How"));
        assert!(is_starter("It"));
        assert!(!is_starter("Government"));
        assert!(!is_starter("how"));
    }
}
