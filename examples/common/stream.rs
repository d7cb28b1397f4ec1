//! Ordered, bounded, parallel streaming: items are read into batches of a few
//! megabytes, each batch is mapped on a rayon pool (`par_drain`), and the
//! results go to a sink in input order, whatever the thread count.
//!
//! A module of `run.rs` (`run::stream`), which the examples include.
//!
//! Memory is bounded by the batch size, not by the input: with
//! [`Mode::Pipelined`] (the default) one batch is being read, one waits,
//! two are being mapped (the next one starts while the last articles of the
//! one before finish), and the results of one earlier batch are at the
//! sink, each on its own thread, so reading and writing overlap the work.
//! [`Mode::Sequential`] reads, maps and writes one batch after the other on
//! the calling thread (plus the pool): with a pool of one thread, exactly
//! one core works at any time.
//!
//! `throughput` calls [`run`] directly; `extract` and `extract_parquet`
//! through `run.rs` (`run_articles`).

use std::io;
use std::sync::mpsc::{sync_channel, Receiver};

use rayon::prelude::*;
use rayon::ThreadPool;

/// How batches move through the stages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Reading, mapping and writing overlap on three threads (plus the pool).
    Pipelined,
    /// One batch at a time, read, mapped and written in turn.
    Sequential,
}

/// Batch limits: a batch closes when either is reached.
#[derive(Clone, Copy, Debug)]
pub struct Batching {
    /// Bytes per batch (as counted by the caller's `size` function).
    pub bytes: usize,
    /// Items per batch.
    pub items: usize,
}

impl Default for Batching {
    fn default() -> Self {
        // Small enough that a handful of batches in flight stay far below the
        // memory bar, large enough that a pool of many threads stays busy.
        Batching {
            bytes: 1 << 20,
            items: 1024,
        }
    }
}

/// Batches being mapped at once in [`Mode::Pipelined`].
const IN_FLIGHT: usize = 2;

/// Fills `batch` from `items` up to the limits; false when nothing was left.
fn fill<T>(
    items: &mut impl Iterator<Item = T>,
    size: &impl Fn(&T) -> usize,
    limits: Batching,
    batch: &mut Vec<T>,
) -> bool {
    let mut bytes = 0;
    while bytes < limits.bytes && batch.len() < limits.items {
        let Some(item) = items.next() else { break };
        bytes += size(&item);
        batch.push(item);
    }
    !batch.is_empty()
}

/// `work` on every item of `batch` (emptied), on the pool this runs in. One
/// item per task: the batch ends with at most one item left on one thread,
/// not a whole split of the batch.
fn map_batch<T: Send, R: Send>(batch: &mut Vec<T>, work: &(impl Fn(T) -> R + Sync)) -> Vec<R> {
    batch.par_drain(..).with_max_len(1).map(work).collect()
}

/// Streams `items` through `work` on `pool` and hands every result to `sink`
/// in input order. Stops at the first error of the sink and returns it.
pub fn run<T, R, I, Z, W, S>(
    pool: &ThreadPool,
    mode: Mode,
    limits: Batching,
    items: I,
    size: Z,
    work: W,
    mut sink: S,
) -> io::Result<()>
where
    I: Iterator<Item = T> + Send,
    T: Send,
    R: Send,
    Z: Fn(&T) -> usize + Send,
    W: Fn(T) -> R + Sync,
    S: FnMut(R) -> io::Result<()> + Send,
{
    let mut items = items;
    match mode {
        Mode::Sequential => {
            let mut batch = Vec::with_capacity(limits.items);
            while fill(&mut items, &size, limits, &mut batch) {
                for r in pool.install(|| map_batch(&mut batch, &work)) {
                    sink(r)?;
                }
            }
            Ok(())
        }
        Mode::Pipelined => std::thread::scope(|s| {
            let (batch_tx, batch_rx) = sync_channel::<Vec<T>>(1);
            // Each batch's results come back on a channel of its own, and the
            // writer takes those channels in input order. Two batches are
            // mapped at once: the pool starts on the next batch while the
            // last articles of one are still being extracted, instead of
            // one thread waiting for the other at every batch's end.
            let (pending_tx, pending_rx) = sync_channel::<Receiver<Vec<R>>>(IN_FLIGHT - 1);
            s.spawn(move || {
                loop {
                    let mut batch = Vec::with_capacity(limits.items);
                    // A send fails only when the mapper stopped (sink error).
                    if !fill(&mut items, &size, limits, &mut batch) || batch_tx.send(batch).is_err()
                    {
                        break;
                    }
                }
            });
            let writer = s.spawn(move || -> io::Result<()> {
                for pending in pending_rx {
                    // No results: the batch's task panicked, and the scope
                    // below passes the panic on.
                    let Ok(results) = pending.recv() else { break };
                    for r in results {
                        sink(r)?;
                    }
                }
                Ok(())
            });
            let work = &work;
            pool.in_place_scope(|scope| {
                for batch in batch_rx {
                    let (done_tx, done_rx) = sync_channel(1);
                    // Waits while IN_FLIGHT batches are being mapped; fails
                    // when the writer stopped (its error is returned below).
                    if pending_tx.send(done_rx).is_err() {
                        break;
                    }
                    scope.spawn(move |_| {
                        let mut batch = batch;
                        let _ = done_tx.send(map_batch(&mut batch, work));
                    });
                }
                drop(pending_tx);
            });
            writer
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("the writer thread panicked")))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_kept_in_both_modes_and_any_thread_count() {
        for threads in [1, 2, 4] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            for mode in [Mode::Pipelined, Mode::Sequential] {
                let mut got = Vec::new();
                let limits = Batching { bytes: 7, items: 5 };
                run(
                    &pool,
                    mode,
                    limits,
                    0..1000u32,
                    |_| 1,
                    |x| x * 2,
                    |r| {
                        got.push(r);
                        Ok(())
                    },
                )
                .unwrap();
                assert_eq!(got, (0..1000).map(|x| x * 2).collect::<Vec<_>>());
            }
        }
    }

    #[test]
    fn sink_error_stops_the_run() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        for mode in [Mode::Pipelined, Mode::Sequential] {
            let mut seen = 0;
            let r = run(
                &pool,
                mode,
                Batching {
                    bytes: 10,
                    items: 10,
                },
                0..100_000u32,
                |_| 1,
                |x| x,
                |_| {
                    seen += 1;
                    if seen == 25 {
                        Err(io::Error::other("full"))
                    } else {
                        Ok(())
                    }
                },
            );
            assert!(r.is_err());
            assert_eq!(seen, 25);
        }
    }
}
