//! A read-only table in memory the kernel may back with huge pages.
//!
//! The matcher's transition table is 2.5 MB of rows read at random. A
//! corpus run reads its shallow rows all the time and its deeper rows now
//! and then. In 4 KB pages, that is some 600 pages, many of them touched
//! once a second or less; on some machines a page not touched for a while
//! is slow to touch again. On the VM this project is measured on, a 4 KB
//! page untouched for 0.1 s costs 1–2.5 µs at its next touch, and
//! 5–16 µs after one second (`docs/performance.md`, "Pages touched
//! again"), while in a 2 MB huge page the same touch costs 0.1–0.3 µs. Huge
//! pages also mean fewer TLB misses on any machine.
//!
//! [`Pages`] holds a slice in an allocation aligned to 2 MB, whole huge
//! pages long. On Linux it asks the kernel for huge pages on it
//! (`madvise(MADV_HUGEPAGE)`, before the first write); the kernel gives
//! them when transparent huge pages are set to `madvise` or `always`, and
//! plain pages otherwise. Elsewhere, and for slices under half a huge
//! page, it is an ordinary allocation.

use std::alloc::{self, Layout};
use std::fmt;
use std::ops::Deref;
use std::ptr::NonNull;

/// The huge page size of x86-64 and of most arm64 kernels.
const HUGE: usize = 2 << 20;

/// A boxed slice of `T`, in huge pages where the kernel gives them.
pub(crate) struct Pages<T: Copy> {
    ptr: NonNull<T>,
    len: usize,
    /// The allocation's layout; `None` for an empty slice (no allocation).
    layout: Option<Layout>,
}

// `Pages` owns its elements like a `Box<[T]>`.
unsafe impl<T: Copy + Send> Send for Pages<T> {}
unsafe impl<T: Copy + Sync> Sync for Pages<T> {}

impl<T: Copy> Pages<T> {
    /// A copy of `src`.
    pub(crate) fn from_slice(src: &[T]) -> Pages<T> {
        let bytes = std::mem::size_of_val(src);
        if bytes == 0 {
            return Pages {
                ptr: NonNull::dangling(),
                len: src.len(),
                layout: None,
            };
        }
        let huge = bytes >= HUGE / 2;
        let layout = if huge {
            Layout::from_size_align(bytes.div_ceil(HUGE) * HUGE, HUGE)
        } else {
            Layout::from_size_align(bytes, std::mem::align_of::<T>())
        }
        .expect("a table's size fits in a layout");
        // SAFETY: the layout has a non-zero size.
        let raw = unsafe { alloc::alloc(layout) };
        let Some(ptr) = NonNull::new(raw.cast::<T>()) else {
            alloc::handle_alloc_error(layout)
        };
        if huge {
            advise_huge(raw, layout.size());
        }
        // SAFETY: the allocation holds `src.len()` elements of `T` (its size
        // is at least `bytes` and its alignment at least `T`'s), and it is
        // new, so it does not overlap `src`.
        unsafe { std::ptr::copy_nonoverlapping(src.as_ptr(), ptr.as_ptr(), src.len()) };
        Pages {
            ptr,
            len: src.len(),
            layout: Some(layout),
        }
    }
}

/// Asks the kernel to back `len` bytes at `ptr` (aligned to [`HUGE`]) with
/// huge pages. A refusal (no transparent huge pages in this kernel) leaves
/// plain pages, which work the same.
#[cfg(target_os = "linux")]
fn advise_huge(ptr: *mut u8, len: usize) {
    // SAFETY: `ptr..ptr + len` is an allocation of ours, page-aligned;
    // MADV_HUGEPAGE changes how it is backed, not its contents.
    unsafe {
        libc::madvise(ptr.cast(), len, libc::MADV_HUGEPAGE);
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge(_ptr: *mut u8, _len: usize) {}

impl<T: Copy> Deref for Pages<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        // SAFETY: `ptr` holds `len` initialised elements (or is dangling
        // with `len` elements of a zero-sized slice).
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }
}

impl<T: Copy> Drop for Pages<T> {
    fn drop(&mut self) {
        if let Some(layout) = self.layout {
            // SAFETY: allocated in `from_slice` with this layout.
            unsafe { alloc::dealloc(self.ptr.as_ptr().cast(), layout) };
        }
    }
}

impl<T: Copy> Clone for Pages<T> {
    fn clone(&self) -> Pages<T> {
        Pages::from_slice(self)
    }
}

impl<T: Copy + fmt::Debug> fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages").field("len", &self.len).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_what_it_was_given_at_every_size() {
        for n in [0usize, 1, 7, 4096, HUGE / 8, HUGE / 4 + 3, HUGE, HUGE + 5] {
            let src: Vec<u32> = (0..n as u32)
                .map(|i| i.wrapping_mul(2_654_435_761))
                .collect();
            let p = Pages::from_slice(&src);
            assert_eq!(&*p, &src[..], "{n} elements");
            let q = p.clone();
            drop(p);
            assert_eq!(&*q, &src[..], "clone of {n} elements");
        }
    }

    #[test]
    fn large_slices_start_on_a_huge_page() {
        let src = vec![7u32; HUGE / 4];
        let p = Pages::from_slice(&src);
        assert_eq!(p.as_ptr() as usize % HUGE, 0);
        let small = Pages::from_slice(&[1u8, 2, 3]);
        assert_eq!(&*small, &[1, 2, 3]);
    }
}
