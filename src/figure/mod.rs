//! Figures (amounts, money, percentages, counts, multiples) and time
//! expressions in English and Chinese.
//!
//! Input is the *normalised* article text (see [`crate::normalize`]): full-width
//! digits and signs are ASCII, Chinese is simplified. Spans are byte offsets
//! into that text.
//!
//! One forward scan ([`find_into`]) stops only where a number can start (a
//! digit, an English number word, a Chinese numeral), parses the number into
//! an exact decimal (integer mantissa and power of ten, turned into an `f64`
//! once, so `1.2亿` is exactly `120000000`), then reads what stands around it:
//! a currency before (`US$`, `A$`, `人民币`), a scale and a unit after
//! (`billion`, `万吨`, `per cent`, `个百分点`), approximations (`about`, `逾`,
//! `左右`) and ranges (`10-15%`, `3至5万吨`). Years, dates, durations and
//! planning periods become [`TimeMention`]s; ordinals, codes (`G7`, `5G`,
//! `COVID-19`) and numbers inside names (`三大矿山`) become nothing.
//!
//! ```
//! use ree_claims::figure::{find_into, FigureContext};
//!
//! let (mut figures, mut times) = (Vec::new(), Vec::new());
//! find_into("到2025年产能达到3.5万吨, 投资1.2亿元。", &FigureContext::default(), &mut figures, &mut times);
//! assert_eq!((figures[0].value, figures[0].unit.as_ref()), (35000.0, "t"));
//! assert_eq!((figures[1].value, figures[1].unit.as_ref()), (120000000.0, "CNY"));
//! assert!(times[0].deadline);
//! ```
//!
//! Module map: `number` (exact decimals, Arabic numerals), `en` (written
//! English numbers), `zh` (Chinese numerals, classifiers), `unit` (units and
//! currencies), `time` (time words, deadline cues), `scan` (the scan itself),
//! `context` (what a bare `$` means in an article).

use std::borrow::Cow;

use crate::span::Span;

mod class;
mod context;
mod en;
mod number;
mod scan;
mod time;
mod unit;
mod zh;

pub use context::context_for;

/// What a figure measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FigureKind {
    /// A quantity with a physical unit (`t`, `km`, `GW`).
    Quantity,
    /// A sum of money (unit is an ISO 4217 code, maybe per something: `CNY/t`).
    Money,
    /// A percentage or share (unit `%`).
    Percent,
    /// Percentage points (unit `%`, kind `percentage_points`), kept apart from percentages by kind.
    PercentagePoints,
    /// A count of things (unit empty).
    Count,
    /// A multiple ("three times", 1.6倍; unit `x`).
    Multiple,
}

/// How exact a figure is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Precision {
    /// As stated.
    Exact,
    /// "about", 约, 左右.
    Approximate,
    /// "more than", 超过, 逾, 以上.
    AtLeast,
    /// "up to", 不超过, 以内.
    AtMost,
    /// "10-15%", 3至5万吨: `value` is the low end, `upper` the high end.
    Range,
}

/// How the currency of a money figure was decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CurrencySource {
    /// Written out: US$, A$, 美元, yuan, EUR.
    Explicit,
    /// A bare `$` read from the article's context (see [`FigureContext`]).
    Context,
    /// A bare `$` with no context: the default (USD).
    Default,
}

/// One figure found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// Byte span of the whole expression ("US$277 million", "3.5万吨").
    pub span: Span,
    /// Normalised value in `unit` (3.5万吨 is 35000 `t`).
    pub value: f64,
    /// High end of a range.
    pub upper: Option<f64>,
    /// Normalised unit: `t`, ISO 4217 codes, `%`, `x`, SI-style units, or
    /// empty for counts; rates as `CNY/t`.
    pub unit: Cow<'static, str>,
    /// What the figure measures.
    pub kind: FigureKind,
    /// How exact it is.
    pub precision: Precision,
    /// For money: how the currency was decided.
    pub currency_source: Option<CurrencySource>,
}

/// What a time expression names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeKind {
    /// A year: 2025, 2025年, 今年.
    Year,
    /// A quarter or half: Q3, 三季度, 下半年.
    Quarter,
    /// A month: March 2026, 8月份.
    Month,
    /// A date: October 20, 5月27日.
    Date,
    /// A planning period: 十四五, 十五五, the 15th Five-Year Plan.
    Period,
    /// A duration: five years, 三年.
    Duration,
}

/// A time expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimeMention {
    /// Byte span.
    pub span: Span,
    /// What it names.
    pub kind: TimeKind,
    /// True when it sets a deadline or target date ("by 2027", 到2025年, 年底前).
    pub deadline: bool,
}

/// What a bare `$` means in the article being read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FigureContext {
    /// ISO code a bare `$` takes.
    pub dollar: &'static str,
    /// How that was decided.
    pub dollar_source: CurrencySource,
}

impl Default for FigureContext {
    fn default() -> Self {
        FigureContext {
            dollar: "USD",
            dollar_source: CurrencySource::Default,
        }
    }
}

impl Figure {
    /// The values the figure states: `value`, then `upper` for a range. The
    /// gold lists both ends of a range as figures of their own.
    pub fn values(&self) -> impl Iterator<Item = f64> + '_ {
        std::iter::once(self.value).chain(self.upper)
    }
}

/// Finds figures and time expressions in `text`, appending them in text order.
///
/// `ctx` says what a bare `$` means (see [`context_for`]). Never panics; every
/// span lies on char boundaries of `text`.
pub fn find_into(
    text: &str,
    ctx: &FigureContext,
    figures: &mut Vec<Figure>,
    times: &mut Vec<TimeMention>,
) {
    scan::Scanner::new(text, ctx, figures, times).run();
}

#[cfg(test)]
mod tests;
