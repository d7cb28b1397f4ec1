//! Sentence segmentation for English and Chinese news text.
//!
//! Input is the *normalised* article text (see [`crate::normalize`]): full-width
//! ASCII is folded (so Chinese `，！？：；（）` arrive as `,!?:;()`), curly quotes
//! are `"` and `'`, dashes are `-`; `。`, `…`, `、`, `《》`, `「」` are unchanged.
//! Output spans index that text; map them back with the normaliser's
//! [`OffsetMap`](crate::normalize::OffsetMap).
//!
//! # Rules
//!
//! Lines first: a line break always ends a segment (articles hold one
//! paragraph a line). The first non-empty line is the [`SegmentKind::Title`]
//! when more lines follow, and is never split. A segment that opens with a
//! list marker (`- `, `• `, `1.`, `1)`, `(1)`, `a.`, `一、`, `(一)`, `一是`) is a
//! [`SegmentKind::Bullet`]. A short line (up to 60 characters, 30 when it
//! holds Chinese) that comes out as one segment and does not end in `.`, `!`,
//! `。` or `…` is a [`SegmentKind::Heading`] ("Highlights", "产量超标",
//! "今年严格执法?"); so is a news dateline ("PEKING, June 18 -") before the
//! first sentence of its line.
//!
//! Within a line, one pass over the text finds the end marks:
//!
//! - `。` always ends a sentence. `!` and `?` end one before Chinese, a
//!   capital, a digit, a quote or the end of the line ("Yahoo! in" does not
//!   end); runs (`?!`, `!!`) end together. Inside a quotation, `?` and `!`
//!   before Chinese do not end one, nor does a quoted question before its
//!   attribution (`"...关闭?"李伟说`, `"Was it?" Trump wrote`).
//! - Closing quotes and brackets after an end mark belong to the sentence
//!   (`。"`, `!)`, `."`). Since the normaliser folds `“` and `”` alike, a `"`
//!   between an end mark and a word closes when a quotation is open and
//!   otherwise opens the next sentence. Quotations are tracked through the
//!   line, and into the next line when a line leaves one open.
//! - No end mark counts inside `《...》`.
//! - A period ends a sentence before a space and a capital, digit, quote or
//!   bracket, unless the word before it is an abbreviation ("Dr.", "Co.",
//!   "U.S.", "p."), an initial ("Jonas E. Smith"), a list marker ("1.") or
//!   a section number ("Sec. 3."). After an abbreviation or initial it ends
//!   one only when the next word is one that starts sentences ("& Co. It
//!   closed", "in the U.S. How"). Decimals, e-mail addresses and URLs hold
//!   no boundary; "world.Today" without a space is one.
//! - Ellipses: `. . .` never ends a sentence, four dots (`....`, `. . . .`)
//!   do before a capital, `...` and `…` do before a capital other than "I",
//!   and `……` before Chinese other than `等`.
//! - Inline lists: in a segment opened by `1.`, `a)`, `•` and the like, the
//!   next marker of the same list ("2.", "b)", "•") starts a new segment.
//!
//! The pass is linear in the text, allocates nothing but the output, and
//! never panics; spans lie on char boundaries, trimmed of whitespace.
//!
//! ```
//! use ree_claims::normalize::normalize;
//! use ree_claims::segment::{split, SegmentKind};
//!
//! let text = "稀土出口\n价格回落。“明年会更好。”他说。Dr. Li agreed.";
//! let norm = normalize(text);
//! let segments = split(norm.as_str());
//! let found: Vec<(SegmentKind, &str)> = segments
//!     .iter()
//!     .map(|s| (s.kind, norm.map().span(s.span).of(text)))
//!     .collect();
//! assert_eq!(found, [
//!     (SegmentKind::Title, "稀土出口"),
//!     (SegmentKind::Sentence, "价格回落。"),
//!     (SegmentKind::Sentence, "“明年会更好。”"),
//!     (SegmentKind::Sentence, "他说。"),
//!     (SegmentKind::Sentence, "Dr. Li agreed."),
//! ]);
//! ```

mod en;
mod marker;
mod zh;

use crate::span::Span;

use self::en::WordKind;
use self::marker::Marker;

/// What kind of unit a segment is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SegmentKind {
    /// The article's first line, when more lines follow.
    Title,
    /// A short line that introduces what follows ("Highlights", "产量超标"),
    /// or a news dateline ("PEKING, June 18 -").
    Heading,
    /// A list item ("- ", "• ", "1.", "一是"): the segment a list marker opens.
    /// Further sentences of the same line are [`SegmentKind::Sentence`]s.
    Bullet,
    /// An ordinary sentence.
    Sentence,
}

/// One sentence, heading or bullet of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Segment {
    /// Byte span, trimmed of surrounding whitespace.
    pub span: Span,
    /// What the segment is.
    pub kind: SegmentKind,
}

/// Longest heading, in characters, for a line with no Chinese.
const HEADING_MAX_EN: usize = 60;
/// Longest heading, in characters, for a line with Chinese.
const HEADING_MAX_ZH: usize = 30;

/// Splits `text` into segments, appending them to `out` in text order.
pub fn split_into(text: &str, out: &mut Vec<Segment>) {
    let mut seen_line = false;
    let mut quote_open = false;
    let mut pos = 0;
    while pos < text.len() {
        let (end, next) = line_end(text, pos);
        let (ls, le) = trim(text, pos, end);
        if ls < le {
            if !seen_line {
                seen_line = true;
                if !text[next..].trim().is_empty() {
                    out.push(Segment {
                        span: Span::new(ls, le),
                        kind: SegmentKind::Title,
                    });
                    pos = next;
                    continue;
                }
            }
            quote_open = split_line(text, ls, le, quote_open, out);
        }
        pos = next;
    }
}

/// Splits `text` into segments.
pub fn split(text: &str) -> Vec<Segment> {
    // About one segment per hundred bytes of news text.
    let mut out = Vec::with_capacity(text.len() / 100 + 4);
    split_into(text, &mut out);
    out
}

/// The end of the line starting at `pos` and the start of the next one. Line
/// breaks are `\n`, `\r`, vertical tab, form feed, NEL, U+2028 and U+2029.
fn line_end(text: &str, pos: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut i = pos;
    // Skip whole chunks that start no line break (each read with the two
    // bytes after it), then look byte by byte from the chunk that does.
    while let Some(window) = bytes.get(i..i + BREAK_LANES + 2) {
        // The lead bytes alone set most chunks aside; the others are read
        // with the bytes after their leads.
        if may_start_break(window) && starts_break(window) {
            break;
        }
        i += BREAK_LANES;
    }
    line_end_bytewise(bytes, i)
}

/// [`line_end`] one byte at a time from `i`: the tail of the block scan,
/// and what the tests compare the block scan with.
fn line_end_bytewise(bytes: &[u8], mut i: usize) -> (usize, usize) {
    while i < bytes.len() {
        match bytes[i] {
            b'\n' | b'\r' | 0x0B | 0x0C => return (i, i + 1),
            0xC2 if bytes.get(i + 1) == Some(&0x85) => return (i, i + 2),
            0xE2 if bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
            {
                return (i, i + 3)
            }
            _ => i += 1,
        }
    }
    (bytes.len(), bytes.len())
}

/// Bytes [`starts_break`] looks at at once: one vector register.
const BREAK_LANES: usize = 16;

/// True when one of the first [`BREAK_LANES`] bytes of `window` is a control
/// byte of a line break or the lead byte of NEL, U+2028 or U+2029: always
/// when [`starts_break`] is, and with fewer vector instructions.
#[inline(always)]
fn may_start_break(window: &[u8]) -> bool {
    let x = &window[..BREAK_LANES];
    let mut any = 0u8;
    for &x in x {
        let control = x.wrapping_sub(b'\n') < 4; // \n, vertical tab, form feed, \r
        any |= u8::from(control | (x == 0xC2) | (x == 0xE2));
    }
    any != 0
}

/// True when a line break starts at one of the first [`BREAK_LANES`] bytes
/// of `window` (which holds two more, for the rest of NEL, U+2028 and
/// U+2029). Exact, and every lane is read alike, so the compiler tests the
/// whole chunk with a few vector instructions.
#[inline(always)]
fn starts_break(window: &[u8]) -> bool {
    let x = &window[..BREAK_LANES];
    let y = &window[1..=BREAK_LANES];
    let z = &window[2..BREAK_LANES + 2];
    let mut any = 0u8;
    for k in 0..BREAK_LANES {
        let control = x[k].wrapping_sub(b'\n') < 4; // \n, vertical tab, form feed, \r
        let nel = (x[k] == 0xC2) & (y[k] == 0x85);
        let separator = (x[k] == 0xE2) & (y[k] == 0x80) & ((z[k] | 1) == 0xA9);
        any |= u8::from(control | nel | separator);
    }
    any != 0
}

/// `start..end` without leading and trailing whitespace.
fn trim(text: &str, start: usize, end: usize) -> (usize, usize) {
    let Some(s) = text.get(start..end) else {
        return (start, start);
    };
    // Most segments start and end on a char that its bytes show is not
    // whitespace; the others are decoded.
    let b = s.as_bytes();
    if let Some(last) = b.iter().rposition(|&x| x & 0xC0 != 0x80) {
        if solid_at(b, 0) == Some(true) && solid_at(b, last) == Some(true) {
            return (start, end);
        }
    }
    let solid = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace());
    if solid(s.chars().next()) && solid(s.chars().next_back()) {
        return (start, end);
    }
    let body = s.trim_start();
    let lead = s.len() - body.len();
    (start + lead, start + lead + body.trim_end().len())
}

/// Whether the char starting at byte `i` of the valid UTF-8 `b` is not
/// whitespace, when its bytes tell at a glance: ASCII, and chars whose lead
/// byte no whitespace char has (every one beyond ASCII starts with 0xC2,
/// 0xE1, 0xE2 or, U+3000 alone, 0xE3 0x80 0x80). `None` for the others.
#[inline]
fn solid_at(b: &[u8], i: usize) -> Option<bool> {
    match b[i] {
        x if x < 0x80 => Some(!is_ascii_ws(x)),
        0xC2 | 0xE1 | 0xE2 => None,
        0xE3 => Some(b.get(i + 1..i + 3) != Some(&[0x80, 0x80])),
        _ => Some(true),
    }
}

/// True for the ASCII whitespace of `char::is_whitespace` (which, unlike
/// `u8::is_ascii_whitespace`, includes vertical tab).
#[inline]
fn is_ascii_ws(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// The char at byte `i`, if `i < end` and on a char boundary.
#[inline]
fn char_at(text: &str, i: usize, end: usize) -> Option<char> {
    if i >= end {
        return None;
    }
    text.get(i..end)?.chars().next()
}

/// The char just before byte `i`, if `i > start`.
#[inline]
fn char_before(text: &str, i: usize, start: usize) -> Option<char> {
    if i <= start {
        return None;
    }
    text.get(start..i)?.chars().next_back()
}

/// The first non-whitespace byte offset at or after `i` (at most `end`).
#[inline]
fn skip_ws(text: &str, mut i: usize, end: usize) -> usize {
    if !text.is_char_boundary(end) {
        // No char can be read before `end`.
        return i.min(end);
    }
    let bytes = text.as_bytes();
    while i < end {
        let b = bytes[i];
        if b < 0x80 {
            if !is_ascii_ws(b) {
                break;
            }
            i += 1;
            continue;
        }
        match char_at(text, i, end) {
            Some(c) if c.is_whitespace() => i += c.len_utf8(),
            _ => break,
        }
    }
    i.min(end)
}

/// Splits the trimmed line `ls..le` into sentences and bullets.
///
/// `quote_open` says whether the line opens inside a quotation that the
/// previous line left open (a quotation run across paragraphs, or a line
/// broken inside one). Returns whether this line leaves one open for the
/// next; a line that itself opened inside a quotation passes none on, so a
/// stray quote misleads one line at most.
fn split_line(text: &str, ls: usize, le: usize, quote_open: bool, out: &mut Vec<Segment>) -> bool {
    let mut ls = ls;
    if let Some(end) = dateline(text, ls, le) {
        out.push(Segment {
            span: Span::new(ls, end),
            kind: SegmentKind::Heading,
        });
        ls = skip_ws(text, end, le);
        if ls >= le {
            return false;
        }
    }
    let first = out.len();
    let mut line = Line::new(text, ls, le);
    line.quote_open = quote_open;
    line.run(out);
    let leaves_open = line.quote_open && !quote_open;
    // A short line that came out whole and does not end a sentence heads
    // what follows.
    if out.len() == first + 1 && out[first].kind == SegmentKind::Sentence {
        let seg = out[first].span.of(text);
        if is_heading(seg) {
            out[first].kind = SegmentKind::Heading;
        }
    }
    leaves_open
}

/// Longest dateline, in bytes.
const MAX_DATELINE: usize = 80;

/// The end (just past the dash) of a news dateline opening the line
/// `ls..le`: a place in capitals, a comma or bracket, capitalised words and
/// a date or an agency, and a dash between spaces ("PEKING, June 18 -",
/// "SOWETO, South Africa, March 2 -", "BEIJING (Reuters) -").
fn dateline(text: &str, ls: usize, le: usize) -> Option<usize> {
    let bytes = &text.as_bytes()[ls..le.min(ls + MAX_DATELINE)];
    let place = bytes
        .iter()
        .take_while(|b| b.is_ascii_uppercase() || matches!(b, b' ' | b'\'' | b'-'))
        .count();
    let letters = bytes[..place]
        .iter()
        .filter(|b| b.is_ascii_uppercase())
        .count();
    if letters < 3 || !matches!(bytes.get(place), Some(b',' | b'(')) {
        return None;
    }
    let dash = bytes
        .windows(3)
        .position(|w| w[0] == b' ' && w[1] == b'-' && matches!(w[2], b' ' | b'-'))?;
    let prefix = bytes.get(place..dash)?;
    let dated = prefix.contains(&b'(') || has_month_day(prefix);
    let plain = prefix
        .iter()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b' ' | b',' | b'(' | b')'));
    // Every word after the place is capitalised or a number: a date, a
    // region, an agency, not a clause ("ESM, the bank that ...").
    let capitalised = prefix
        .split(|b| !b.is_ascii_alphanumeric())
        .all(|w| w.first().is_none_or(|b| !b.is_ascii_lowercase()));
    if !dated || !plain || !capitalised {
        return None;
    }
    let end = dash + 1 + bytes[dash + 1..].iter().take_while(|b| **b == b'-').count();
    Some(ls + end)
}

/// True when `s` holds a month name (or its abbreviation) followed by a
/// day number: "June 18", "Sept 5".
fn has_month_day(s: &[u8]) -> bool {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let mut words = s
        .split(|b| *b == b' ' || *b == b',')
        .filter(|w| !w.is_empty())
        .peekable();
    while let Some(w) = words.next() {
        let month = w.len() >= 3
            && w.iter().all(u8::is_ascii_alphabetic)
            && MONTHS
                .iter()
                .any(|m| w[..3].eq_ignore_ascii_case(m.as_bytes()));
        if month
            && words
                .peek()
                .is_some_and(|d| d.len() <= 2 && d.iter().all(u8::is_ascii_digit))
        {
            return true;
        }
    }
    false
}

/// True for a short line without a final `.`, `!`, `。` or `…`.
fn is_heading(seg: &str) -> bool {
    // More than HEADING_MAX_EN ASCII chars: too long, whatever follows.
    if seg
        .as_bytes()
        .get(..=HEADING_MAX_EN)
        .is_some_and(|head| head.is_ascii())
    {
        return false;
    }
    // Chars counted by their first bytes (a char has at most four bytes, so
    // a longer text has too many); a text of more chars than a Chinese
    // heading may have is then looked at for Chinese.
    if seg.len() > 4 * HEADING_MAX_EN {
        return false;
    }
    let chars = seg.bytes().filter(|&b| b & 0xC0 != 0x80).count();
    if chars > HEADING_MAX_EN || (chars > HEADING_MAX_ZH && seg.chars().any(zh::is_cjk)) {
        return false;
    }
    ends_as_heading(seg)
}

/// True when `seg`, closing quotes and brackets aside, does not end as a
/// sentence does (`.`, `!`, `。`, `…`).
fn ends_as_heading(seg: &str) -> bool {
    let last = seg
        .trim_end_matches(|c: char| c == '"' || c == '\'' || zh::is_closer(c) || c == '》')
        .chars()
        .next_back();
    !matches!(last, Some('.' | '!' | '。' | '…'))
}

/// What follows an end mark (after any closing quotes and brackets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Next<'t> {
    /// The end of the line.
    End,
    /// A capital letter, with the ASCII word it starts.
    Upper(&'t str),
    /// A lower-case letter.
    Lower,
    /// A digit or a currency sign.
    Digit,
    /// A quote or an opening bracket.
    Open,
    /// A Chinese character or bracket.
    Chinese,
    /// A list glyph.
    Bullet,
    /// Anything else (`,`, `-`, `&` ...).
    Other,
}

impl Next<'_> {
    /// True when this can open a sentence after a plain word's period.
    fn opens(self) -> bool {
        !matches!(self, Next::Lower | Next::Other)
    }

    /// True for a capital that gives evidence of a new sentence: any capital
    /// but the pronoun "I".
    fn capital(self) -> bool {
        matches!(self, Next::Upper(w) if w != "I")
    }

    /// True for a word that typically starts a sentence ("The", "It").
    fn starter(self) -> bool {
        matches!(self, Next::Upper(w) if en::is_starter(w))
    }
}

/// What to do at an end mark.
enum Step {
    /// End the sentence at `end`, continue scanning at `next`.
    Cut { end: usize, next: usize },
    /// No boundary; continue scanning at the offset.
    Skip(usize),
}

fn cut(at: usize) -> Step {
    Step::Cut { end: at, next: at }
}

/// Farthest back, in bytes, the word before a period is read.
const MAX_WORD: usize = 48;
/// Farthest, in bytes, a `《` keeps end marks from counting (a lone `《`
/// must not swallow the rest of a long line).
const MAX_BOOK_TITLE: usize = 300;

/// The scanner over one line.
struct Line<'t> {
    text: &'t str,
    /// Start of the line (trimmed).
    ls: usize,
    /// End of the line (trimmed).
    le: usize,
    /// Start of the current segment.
    start: usize,
    /// The list marker that opens the current segment.
    marker: Option<Marker>,
    /// Whether a `"` quotation is open.
    quote_open: bool,
    /// Depth of `《` nesting and where the outermost one opened.
    book_depth: u32,
    book_open: usize,
    /// The whitespace-delimited token last checked for being a URL or an
    /// e-mail address: `(start, end, is_url)`.
    url_token: (usize, usize, bool),
}

impl<'t> Line<'t> {
    fn new(text: &'t str, ls: usize, le: usize) -> Line<'t> {
        Line {
            text,
            ls,
            le,
            start: ls,
            marker: Marker::at(text, ls, le, true),
            quote_open: false,
            book_depth: 0,
            book_open: 0,
            url_token: (0, 0, false),
        }
    }

    fn char_at(&self, i: usize) -> Option<char> {
        char_at(self.text, i, self.le)
    }

    fn char_before(&self, i: usize) -> Option<char> {
        char_before(self.text, i, self.ls)
    }

    /// Pushes the segment `start..end` (trimmed) and starts the next one at
    /// `next`.
    fn emit(&mut self, end: usize, next: usize, out: &mut Vec<Segment>) {
        let (s, e) = trim(self.text, self.start, end);
        if s < e {
            let kind = match self.marker {
                Some(m) if m.is_bullet() => SegmentKind::Bullet,
                _ => SegmentKind::Sentence,
            };
            out.push(Segment {
                span: Span::new(s, e),
                kind,
            });
        }
        self.start = skip_ws(self.text, next, self.le);
        self.marker = Marker::at(self.text, self.start, self.le, false);
    }

    fn in_book_title(&mut self, i: usize) -> bool {
        if self.book_depth > 0 && i - self.book_open > MAX_BOOK_TITLE {
            self.book_depth = 0; // unbalanced: stop waiting for the `》`
        }
        self.book_depth > 0
    }

    fn run(&mut self, out: &mut Vec<Segment>) {
        let bytes = &self.text.as_bytes()[..self.le];
        let mut i = self.ls;
        while i < self.le {
            // Step over the chars this scan ignores; whitespace matters only
            // in a segment a list marker opens. Outside one, first skip
            // eight bytes at a time up to the next byte that may stop the
            // scan (an end mark, a quote, or any non-ASCII byte), then
            // step char by char.
            let plain = self.marker.is_none();
            // (A block that starts beyond ASCII stops at once: Chinese text
            // after a stop is not read as a block.)
            if plain && bytes.get(i).is_some_and(u8::is_ascii) {
                while let Some(block) = bytes.get(i..i + 8) {
                    let stops =
                        plain_stops(u64::from_le_bytes(block.try_into().unwrap_or([b'.'; 8])));
                    if stops != 0 {
                        i += (stops.trailing_zeros() / 8) as usize;
                        break;
                    }
                    i += 8;
                }
            }
            // At a Chinese char (lead byte `E4`–`EF`, which never stops the
            // scan), eight bytes at a time too.
            if plain && bytes.get(i).is_some_and(|&b| b >= 0xE4) {
                i = skip_wide(self.text, i, self.le);
            }
            let table = &STEP[usize::from(plain)];
            while let Some(&b) = bytes.get(i) {
                let step = table[usize::from(b)];
                if step == 0 {
                    break;
                }
                i += usize::from(step);
            }
            let Some(&b) = bytes.get(i) else { break };
            let c = if b < 0x80 {
                b as char
            } else {
                match self.char_at(i) {
                    Some(c) => c,
                    None => break,
                }
            };
            match c {
                '"' => self.quote_open = !self.quote_open,
                '《' => {
                    if self.book_depth == 0 {
                        self.book_open = i;
                    }
                    self.book_depth += 1;
                }
                '》' => self.book_depth = self.book_depth.saturating_sub(1),
                '.' | '!' | '?' | '。' | '…' => {
                    let in_marker = self.marker.is_some_and(|m| i < m.end);
                    if !in_marker && !self.in_book_title(i) {
                        match self.end_mark(i, c) {
                            Step::Cut { end, next } => {
                                self.emit(end, next, out);
                                i = next.max(i + 1);
                            }
                            Step::Skip(next) => i = next.max(i + 1),
                        }
                        continue;
                    }
                }
                c if c.is_whitespace() => {
                    let j = skip_ws(self.text, i, self.le);
                    if let Some(m) = self.marker {
                        if i >= m.end && j > self.start {
                            if let Some(next) = Marker::at(self.text, j, self.le, false) {
                                if m.is_followed_by(&next) {
                                    self.emit(i, j, out);
                                }
                            }
                        }
                    }
                    i = j;
                    continue;
                }
                _ => {}
            }
            i += c.len_utf8();
        }
        self.emit(self.le, self.le, out);
    }

    /// Decides whether the end mark `c` at `i` ends the sentence.
    fn end_mark(&mut self, i: usize, c: char) -> Step {
        match c {
            '。' => {
                let j = self.run_of(i, |c| matches!(c, '。' | '!' | '?' | '…'));
                cut(self.closers(j))
            }
            '!' | '?' => {
                let quoted = self.quote_open;
                let j = self.run_of(i, |c| matches!(c, '!' | '?' | '。'));
                let k = self.closers(j);
                let closed = quoted && !self.quote_open;
                let (spaced, next) = self.next(k);
                let ends = match next {
                    Next::End => true,
                    // A question or exclamation inside a Chinese quotation
                    // runs on, and so does the attribution after it
                    // ("...关闭?哪条法律允许这么做?"李伟说").
                    Next::Chinese => !quoted || spaced,
                    // `"Was it?" Trump wrote`: the attribution after a quoted
                    // question belongs to it.
                    Next::Upper(_) if closed && spaced && self.attribution(k) => false,
                    // `好!"下一句`: a quotation opening on Chinese.
                    Next::Open if !spaced => self.char_at(k + 1).is_some_and(zh::is_ideograph),
                    _ if !spaced => false,
                    next => next.opens(),
                };
                if ends {
                    cut(k)
                } else {
                    Step::Skip(k)
                }
            }
            '…' => {
                let j = self.run_of(i, |c| matches!(c, '…' | '.'));
                self.three_dots(j)
            }
            _ => self.period(i),
        }
    }

    /// True when the words at `k` name a speaker and a reporting verb
    /// ("Trump wrote", "Chief executive Tom O'Leary said"): up to five
    /// words, then the verb.
    fn attribution(&self, k: usize) -> bool {
        let bytes = &self.text.as_bytes()[..self.le];
        let mut j = k;
        for n in 0..6 {
            while bytes
                .get(j)
                .is_some_and(|b| b.is_ascii_whitespace() || matches!(b, b'.' | b','))
            {
                j += 1;
            }
            let len = bytes[j.min(bytes.len())..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'\'' | b'-'))
                .count();
            let Some(word) = self.text.get(j..j + len) else {
                return false;
            };
            if n > 0 && en::is_reporting_verb(word) {
                return true;
            }
            if word.is_empty() {
                return false;
            }
            j += len;
        }
        false
    }

    /// The end of the run of characters matching `f` that starts at `i`.
    fn run_of(&self, mut i: usize, f: impl Fn(char) -> bool) -> usize {
        while let Some(c) = self.char_at(i) {
            if !f(c) {
                break;
            }
            i += c.len_utf8();
        }
        i
    }

    /// Skips the closing quotes and brackets after an end mark at `j`.
    fn closers(&mut self, mut j: usize) -> usize {
        while let Some(c) = self.char_at(j) {
            match c {
                '"' | '\'' => {
                    let after = self.char_at(j + 1);
                    // A quote before a space, the end or punctuation closes;
                    // before a word ("。"按照", "."She") it closes only when a
                    // quotation is open, and a `'` before a word is an
                    // apostrophe ("Jr.'s").
                    let closes = match after {
                        None => true,
                        Some(a) if a.is_whitespace() || is_trailing_punct(a) => true,
                        Some(_) => c == '"' && self.quote_open,
                    };
                    if !closes {
                        break;
                    }
                    if c == '"' {
                        self.quote_open = false;
                    }
                }
                c if zh::is_closer(c) => {}
                // A footnote mark: "Priority Projects.* (a) ..."
                '*' | '†' | '‡'
                    if self
                        .char_at(j + c.len_utf8())
                        .is_none_or(|c| c.is_whitespace()) => {}
                _ => break,
            }
            j += c.len_utf8();
        }
        j
    }

    /// What follows at `k`: whether whitespace comes first, and the next
    /// character's class.
    fn next(&self, k: usize) -> (bool, Next<'t>) {
        let j = skip_ws(self.text, k, self.le);
        let spaced = j > k;
        let Some(c) = self.char_at(j) else {
            return (spaced, Next::End);
        };
        let next = if c.is_ascii_uppercase() {
            let len = self.text.as_bytes()[j..self.le]
                .iter()
                .take_while(|b| b.is_ascii_alphabetic())
                .count();
            Next::Upper(&self.text[j..j + len])
        } else if c.is_ascii_digit() || matches!(c, '$' | '€' | '£' | '¥' | '#') {
            Next::Digit
        } else if c.is_lowercase() {
            Next::Lower
        } else if c.is_uppercase() {
            Next::Upper("")
        } else if zh::is_ideograph(c) || zh::is_opener(c) {
            Next::Chinese
        } else if matches!(c, '"' | '\'' | '(' | '[') {
            Next::Open
        } else if Marker::at(self.text, j, self.le, false).is_some() {
            Next::Bullet
        } else {
            Next::Other
        };
        (spaced, next)
    }

    /// Decides a `.` at `i`.
    fn period(&mut self, i: usize) -> Step {
        // Ellipses: "...", "....", ". . .", ". . . .".
        let (j, dots, spaced) = self.dots(i);
        if dots >= 3 || (dots == 2 && !spaced) {
            return self.ellipsis(i, j, dots, spaced);
        }
        let after = i + 1;
        match self.char_at(after) {
            None => return cut(after),
            Some(d)
                if d.is_whitespace()
                    || matches!(d, '"' | '\'' | '*' | '†' | '‡')
                    || zh::is_closer(d) => {}
            Some(d) if d.is_ascii_uppercase() => return self.unspaced(i),
            Some(d) if zh::is_ideograph(d) => {
                // A full-width period between Chinese characters.
                return match self.char_before(i) {
                    Some(p) if zh::is_ideograph(p) => cut(after),
                    _ => Step::Skip(after),
                };
            }
            Some(_) => return Step::Skip(after),
        }
        let k = self.closers(after);
        let (spaced, next) = self.next(k);
        if next == Next::End {
            return cut(k);
        }
        if !spaced {
            // `."She`: a closed quotation directly followed by a sentence.
            let ends = k > after && next.capital()
                || next == Next::Chinese && self.char_before(i).is_some_and(zh::is_ideograph);
            return if ends { cut(k) } else { Step::Skip(k) };
        }
        let ends = match en::classify(self.word_before(i)) {
            WordKind::Plain => next.opens(),
            WordKind::Never => false,
            WordKind::NumberPrefix if next == Next::Digit => false,
            WordKind::NumberPrefix | WordKind::Abbrev => next.starter(),
        };
        if ends {
            cut(k)
        } else {
            Step::Skip(k)
        }
    }

    /// A period directly followed by a capital: "world.Today" ends a
    /// sentence, "U.S.A", "Mr.Smith", "Jane.Doe@example.com" do not.
    fn unspaced(&mut self, i: usize) -> Step {
        let after = i + 1;
        let lower_next = self
            .char_at(after + 1)
            .is_some_and(|c| c.is_ascii_lowercase());
        let prev_ok = self
            .char_before(i)
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        if !lower_next || !prev_ok {
            return Step::Skip(after);
        }
        let word = self.word_before(i);
        if word.chars().count() < 2 || en::classify(word) != WordKind::Plain || self.in_url(i) {
            return Step::Skip(after);
        }
        cut(after)
    }

    /// The word before the period at `i`: back to whitespace, an opening
    /// bracket or quote, a Chinese character or the segment start, and at
    /// most [`MAX_WORD`] bytes.
    fn word_before(&self, i: usize) -> &'t str {
        let mut floor = self.start.max(i.saturating_sub(MAX_WORD));
        while !self.text.is_char_boundary(floor) {
            floor += 1;
        }
        let mut s = i;
        while s > floor {
            let Some(c) = char_before(self.text, s, floor) else {
                break;
            };
            if c.is_whitespace()
                || matches!(c, '(' | '[' | '{' | '"')
                || zh::is_cjk(c)
                || zh::is_opener(c)
            {
                break;
            }
            s -= c.len_utf8();
        }
        self.text.get(s..i).unwrap_or("")
    }

    /// True when the token holding `i` is a URL or an e-mail address. Each
    /// token is read once, so a line full of periods stays linear.
    fn in_url(&mut self, i: usize) -> bool {
        let (s, e, url) = self.url_token;
        if s <= i && i < e {
            return url;
        }
        let mut s = i;
        while let Some(c) = self.char_before(s) {
            if c.is_whitespace() {
                break;
            }
            s -= c.len_utf8();
        }
        let mut e = i;
        while let Some(c) = self.char_at(e) {
            if c.is_whitespace() {
                break;
            }
            e += c.len_utf8();
        }
        let token = &self.text[s..e];
        let url = token.contains('@') || token.contains("://") || token.starts_with("www.");
        self.url_token = (s, e, url);
        url
    }

    /// The run of periods at `i`, single spaces between them allowed: its
    /// end, the number of periods, and whether spaces separate them.
    fn dots(&self, i: usize) -> (usize, usize, bool) {
        let bytes = &self.text.as_bytes()[..self.le];
        let (mut j, mut dots, mut spaced) = (i, 0, false);
        loop {
            match bytes.get(j) {
                Some(b'.') => {
                    dots += 1;
                    j += 1;
                }
                Some(b' ') if bytes.get(j + 1) == Some(&b'.') => {
                    spaced = true;
                    j += 1;
                }
                _ => break,
            }
        }
        (j, dots, spaced)
    }

    /// Decides an ellipsis of `dots` periods from `i` to `j`.
    fn ellipsis(&mut self, i: usize, j: usize, dots: usize, spaced: bool) -> Step {
        let attached = self.char_before(i).is_some_and(|c| !c.is_whitespace());
        if spaced && attached && dots >= 4 {
            // "compounds. . . . The": the first period ends the sentence, the
            // ellipsis opens the next one.
            let k = self.closers(j);
            let (gap, next) = self.next(k);
            return if gap && next.capital() {
                cut(i + 1)
            } else {
                Step::Skip(k)
            };
        }
        if spaced && dots < 4 {
            // ". . ." marks an omission inside a sentence.
            return Step::Skip(self.closers(j));
        }
        if dots >= 4 {
            let k = self.closers(j);
            let (gap, next) = self.next(k);
            return if next == Next::End || gap && next.capital() {
                cut(k)
            } else {
                Step::Skip(k)
            };
        }
        self.three_dots(j)
    }

    /// Decides an unspaced three-dot ellipsis (`...`, `…`, `……`) ending at `j`:
    /// it ends a sentence before a capital other than "I" and before Chinese
    /// other than `等` ("稀土、钨……等").
    fn three_dots(&mut self, j: usize) -> Step {
        let k = self.closers(j);
        let (gap, next) = self.next(k);
        let ends = match next {
            Next::End => true,
            Next::Chinese => self.char_at(skip_ws(self.text, k, self.le)) != Some('等'),
            next => gap && next.capital(),
        };
        if ends {
            cut(k)
        } else {
            Step::Skip(k)
        }
    }
}

/// How far [`Line::run`] steps over a char that starts with a given byte
/// without decoding it: the char's length when no char starting with that
/// byte is one `run` acts on (whitespace, an end mark, `"`, `《`, `》`), else 0
/// (also for bytes that start no char). The second table, for segments that
/// no list marker opens, also steps over ASCII whitespace, which `run` then
/// merely skips.
static STEP: [[u8; 256]; 2] = [step_table(false), step_table(true)];

/// The ASCII bytes that stop the plain scan of [`Line::run`] (`"`, `.`,
/// `!`, `?`) in an 8-byte block (read little-endian): the high bit of
/// each, exact up to the lowest set bit (higher bits may be set
/// spuriously).
#[inline(always)]
fn ascii_stops(block: u64) -> u64 {
    use crate::swar::eq_byte;
    eq_byte(block, b'"') | eq_byte(block, b'.') | eq_byte(block, b'!') | eq_byte(block, b'?')
}

/// The bytes of an 8-byte block (read little-endian) that stop the plain
/// scan of [`Line::run`]: the high bit of each byte that is `"`, `.`, `!`,
/// `?` or not ASCII, exact up to the lowest set bit (higher bits may be
/// set spuriously). Zero when the whole block can be stepped over.
#[inline]
fn plain_stops(block: u64) -> u64 {
    block & crate::swar::HIGH | ascii_stops(block)
}

/// The bytes of an 8-byte block (read little-endian) that may stop the
/// plain scan of [`Line::run`] where the text is past ASCII: `"`, `.`, `!`,
/// `?`, and the lead bytes `C2` and `E0`–`E3` (of which `E0` stops though
/// its chars step: one more stop costs a char step, one less would be
/// wrong). No continuation byte stops, so the lowest flagged byte (exact;
/// higher ones may be set spuriously) starts a char, and every char before
/// it is one [`STEP`] steps over. Zero when the whole block can be stepped
/// over.
#[inline]
fn wide_stops(block: u64) -> u64 {
    use crate::swar::{below, eq_byte, ONES};
    ascii_stops(block) | eq_byte(block, 0xC2) | below(block ^ (ONES * 0xE0), 4)
}

/// From the char boundary `i`, eight bytes at a time up to the next byte
/// of `text[..end]` that [`wide_stops`] flags: a char boundary at or
/// before where the plain [`STEP`]s from `i` stop, with only chars they
/// step over between. (The last blocks may end inside a char: the result
/// is then that char's first byte.)
#[inline]
fn skip_wide(text: &str, mut i: usize, end: usize) -> usize {
    let bytes = &text.as_bytes()[..end];
    while let Some(block) = bytes.get(i..i + 8) {
        let stops = wide_stops(u64::from_le_bytes(block.try_into().unwrap_or([b'.'; 8])));
        if stops != 0 {
            return i + (stops.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

const fn step_table(ascii_ws: bool) -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'"' | b'.' | b'!' | b'?' => 0,
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => ascii_ws as u8,
            0x00..=0x7F => 1,
            // U+0085, U+00A0; U+1680; U+2000..U+205F, `…`; U+3000, `。《》`.
            0xC2 | 0xE1 | 0xE2 | 0xE3 => 0,
            0xC3..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 0,
        };
        b += 1;
    }
    table
}

/// Punctuation after which a quote right behind an end mark closes.
fn is_trailing_punct(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | '.' | '!' | '?' | '"' | '\'' | '。' | '、' | '…' | '-'
    ) || zh::is_closer(c)
}

#[cfg(test)]
mod tests;
