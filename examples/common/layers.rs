//! Overlapping spans as properly nested events.
//!
//! A claim covers a sentence; figures, times, entity mentions and the cues
//! that fired lie inside it, and two of those may cross (an entity mention
//! that begins inside a figure and ends after it). Markup wants a tree, so
//! [`layer`] turns any set of byte spans into a flat sequence of
//! [`Event`]s in which every `Close` closes the mark opened last: where two
//! marks cross, the inner one is closed at the outer one's end and opened
//! again right after, so a mark may come in several fragments, but the text
//! inside the fragments of a mark is always exactly its span.

/// A span to mark: `[start, end)` in bytes, with a `rank` that decides the
/// nesting of marks with the same span (lower rank outside).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Lower ranks nest outside higher ones when spans are equal.
    pub rank: u8,
}

/// One step of the nested sequence. Indexes refer to the slice given to
/// [`layer`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// Open a fragment of mark `i`; `first` is true for its first fragment.
    Open { mark: usize, first: bool },
    /// Text bytes `[start, end)`.
    Text { start: usize, end: usize },
    /// Close the fragment of mark `i` opened last.
    Close { mark: usize },
}

/// Nests `marks` over `text`. Marks that are empty, reversed, out of range or
/// not on char boundaries are left out (they cannot be shown exactly); every
/// byte of `text` is in exactly one `Text` event, in order.
pub fn layer(text: &str, marks: &[Mark]) -> Vec<Event> {
    let valid = |m: &Mark| {
        m.start < m.end
            && m.end <= text.len()
            && text.is_char_boundary(m.start)
            && text.is_char_boundary(m.end)
    };
    let mut order: Vec<usize> = (0..marks.len()).filter(|&i| valid(&marks[i])).collect();
    // Outer marks first: earlier start, then longer, then lower rank.
    order.sort_by_key(|&i| {
        (
            marks[i].start,
            std::cmp::Reverse(marks[i].end),
            marks[i].rank,
            i,
        )
    });
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for &i in &order {
        cuts.push(marks[i].start);
        cuts.push(marks[i].end);
    }
    cuts.sort_unstable();
    cuts.dedup();

    let mut events = Vec::with_capacity(order.len() * 3 + cuts.len());
    let mut opened = vec![false; marks.len()];
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0; // next mark of `order` to open
    for w in 0..cuts.len() {
        let at = cuts[w];
        // Close every mark that ends here; marks above them are closed too
        // and opened again afterwards.
        if stack.iter().any(|&i| marks[i].end == at) {
            let mut reopen = Vec::new();
            while let Some(&top) = stack.last() {
                if !stack.iter().any(|&i| marks[i].end == at) {
                    break;
                }
                stack.pop();
                events.push(Event::Close { mark: top });
                if marks[top].end != at {
                    reopen.push(top);
                }
            }
            reopen.sort_by_key(|&i| (std::cmp::Reverse(marks[i].end), marks[i].rank, i));
            for i in reopen {
                events.push(Event::Open {
                    mark: i,
                    first: false,
                });
                stack.push(i);
            }
        }
        while next < order.len() && marks[order[next]].start == at {
            let i = order[next];
            events.push(Event::Open {
                mark: i,
                first: !opened[i],
            });
            opened[i] = true;
            stack.push(i);
            next += 1;
        }
        if let Some(&end) = cuts.get(w + 1) {
            events.push(Event::Text { start: at, end });
        }
    }
    debug_assert!(stack.is_empty());
    events
}
