//! What touching memory again costs on this machine, in plain 4 KB pages
//! and in 2 MB huge pages (`docs/performance.md`, "Pages touched again").
//!
//! ```text
//! cargo run --release --example page_touch [MB]
//! ```
//!
//! Fills MB megabytes (default 32), then, after keeping the core busy on
//! other memory for 0 to 2 seconds, reads one byte of every 4 KB page and
//! prints the cost per page. On an ordinary machine that is a cache or TLB
//! miss either way; on the VM this project is measured on a plain page left
//! alone for a second costs 12–20 µs, which is why the matcher's table and
//! the corpus binaries' heaps are in huge pages.

use std::time::{Duration, Instant};

const PAGE: usize = 4096;
const HUGE: usize = 2 << 20;

/// `mb` megabytes of anonymous memory, aligned to 2 MB, in huge pages if
/// `huge` (and the kernel gives them).
fn region(mb: usize, huge: bool) -> &'static mut [u8] {
    let len = mb << 20;
    // SAFETY: a fresh private anonymous mapping, 2 MB longer than needed so
    // that an aligned start can be taken; never unmapped (the program ends).
    unsafe {
        let p = libc::mmap(
            std::ptr::null_mut(),
            len + HUGE,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        );
        assert!(p != libc::MAP_FAILED, "mmap failed");
        let start = (p as usize).next_multiple_of(HUGE) as *mut u8;
        if huge {
            libc::madvise(start.cast(), len, libc::MADV_HUGEPAGE);
        }
        std::slice::from_raw_parts_mut(start, len)
    }
}

/// Keeps the core busy for `d` on a small buffer of its own.
fn busy(d: Duration, other: &mut [u8]) {
    let t = Instant::now();
    let mut i = 0usize;
    while t.elapsed() < d {
        for b in other.iter_mut().step_by(64) {
            *b = b.wrapping_add(i as u8);
        }
        i += 1;
    }
}

/// Reads one byte of every page of `r`.
fn touch(r: &[u8]) {
    let mut sum = 0u64;
    for i in (0..r.len()).step_by(PAGE) {
        // SAFETY: in bounds; volatile so that every page is read.
        sum += u64::from(unsafe { std::ptr::read_volatile(&r[i]) });
    }
    assert_eq!(sum, (r.len() / PAGE) as u64);
}

fn main() {
    let mb: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse().expect("MB is a number"))
        .unwrap_or(32);
    let mut other = vec![0u8; 1 << 20];
    println!("ns per 4 KB page touched again, {mb} MB, after the core worked elsewhere for:");
    println!("{:>10} {:>12} {:>12}", "idle", "4 KB pages", "2 MB pages");
    let mut plain = region(mb, false);
    let mut huge = region(mb, true);
    for r in [&mut plain, &mut huge] {
        r.fill(1);
    }
    for ms in [0u64, 10, 100, 300, 1000, 2000] {
        let mut cost = [0.0f64; 2];
        for (k, r) in [&plain, &huge].into_iter().enumerate() {
            // Every page touched, then left alone for `ms`, then touched again.
            touch(r);
            busy(Duration::from_millis(ms), &mut other);
            let t = Instant::now();
            touch(r);
            cost[k] = t.elapsed().as_nanos() as f64 / (r.len() / PAGE) as f64;
        }
        println!("{:>8} ms {:>12.0} {:>12.0}", ms, cost[0], cost[1]);
    }
}
