//! glibc's malloc in transparent huge pages, for the binaries that run over
//! a corpus.
//!
//! ```ignore
//! #[path = "common/huge_pages.rs"]
//! mod huge_pages;
//! ```
//!
//! A corpus run touches many megabytes of memory, much of it now and then:
//! the extractor's lexicon and tables, the articles read in memory, each
//! thread's buffers. On the machines this project is measured on, a 4 KB
//! page not touched for a second costs 5–16 µs at its next touch, and a
//! 2 MB page 0.1–0.3 µs (`docs/performance.md`, "Pages touched again"). glibc
//! (2.35 and later) puts its heaps in huge pages when the tunable
//! `glibc.malloc.hugetlb=1` is set, which it reads only when a program
//! starts. [`restart_with_huge_pages`] therefore runs the program again,
//! once, with the tunable added to `GLIBC_TUNABLES`: the same binary, the
//! same arguments, standard streams and environment. English extraction
//! runs 1–14% faster for it here, 8% on average (interleaved runs, in
//! memory, on top of the matcher's table in huge pages).
//!
//! It does nothing when the tunable is set already (whatever its value),
//! when `REE_HUGE_PAGES=0`, when the kernel has transparent huge pages off,
//! or off Linux with glibc. If the restart fails, the program goes on as it
//! is.
//!
//! `extract` does not report it, and off Linux with glibc only the tests use
//! the tunable's helpers: hence the `dead_code` allowance.
#![allow(dead_code)]

/// The environment variable that turns the restart off (`0`).
const OPT_OUT: &str = "REE_HUGE_PAGES";

/// The glibc tunable.
const TUNABLE: &str = "glibc.malloc.hugetlb";

/// Runs this program again with `glibc.malloc.hugetlb=1` (see the module
/// docs); returns when it does not.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn restart_with_huge_pages() {
    use std::os::unix::process::CommandExt;

    let tunables = std::env::var("GLIBC_TUNABLES").unwrap_or_default();
    if !wanted(std::env::var(OPT_OUT).ok().as_deref(), &tunables) || !kernel_has_thp() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let mut args = std::env::args_os();
    let mut command = std::process::Command::new(exe);
    if let Some(name) = args.next() {
        command.arg0(name);
    }
    // `exec` returns only when it failed: the run goes on unchanged.
    let _ = command
        .args(args)
        .env("GLIBC_TUNABLES", with_tunable(&tunables))
        // Once only, even if glibc drops GLIBC_TUNABLES from the new
        // program's environment.
        .env(OPT_OUT, "0")
        .exec();
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn restart_with_huge_pages() {}

/// Whether glibc's malloc runs in huge pages: the tunable is set to 1
/// (madvise) or 2 (hugetlbfs) in this program's `GLIBC_TUNABLES`.
pub fn malloc_in_huge_pages() -> bool {
    let tunables = std::env::var("GLIBC_TUNABLES").unwrap_or_default();
    matches!(tunable_value(&tunables), Some("1" | "2"))
}

/// The value `tunables` (`name=value:name=value...`) gives the tunable.
fn tunable_value(tunables: &str) -> Option<&str> {
    tunables
        .split(':')
        .find_map(|t| t.split_once('=').filter(|(name, _)| *name == TUNABLE))
        .map(|(_, value)| value)
}

/// Whether to restart: not turned off, and the tunable not set already.
fn wanted(opt_out: Option<&str>, tunables: &str) -> bool {
    opt_out != Some("0") && tunable_value(tunables).is_none()
}

/// `tunables` with `glibc.malloc.hugetlb=1` added.
fn with_tunable(tunables: &str) -> String {
    if tunables.is_empty() {
        format!("{TUNABLE}=1")
    } else {
        format!("{tunables}:{TUNABLE}=1")
    }
}

/// Transparent huge pages are `always` or `madvise` (what the tunable asks
/// for); `never`, or no such file, means the restart would change nothing.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn kernel_has_thp() -> bool {
    std::fs::read_to_string("/sys/kernel/mm/transparent_hugepage/enabled")
        .is_ok_and(|s| !s.contains("[never]"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restarts_only_when_neither_set_nor_turned_off() {
        assert!(wanted(None, ""));
        assert!(wanted(Some("1"), "glibc.malloc.mmap_threshold=4096"));
        assert!(!wanted(Some("0"), ""));
        assert!(!wanted(None, "glibc.malloc.hugetlb=0"));
        assert!(!wanted(None, "glibc.malloc.check=3:glibc.malloc.hugetlb=2"));
    }

    #[test]
    fn reads_the_tunable_among_others() {
        assert_eq!(tunable_value(""), None);
        assert_eq!(tunable_value("glibc.malloc.hugetlb=1"), Some("1"));
        assert_eq!(
            tunable_value("glibc.malloc.check=3:glibc.malloc.hugetlb=2"),
            Some("2")
        );
        assert_eq!(tunable_value("glibc.malloc.hugetlbx=1"), None);
    }

    #[test]
    fn adds_the_tunable_to_those_set() {
        assert_eq!(with_tunable(""), "glibc.malloc.hugetlb=1");
        assert_eq!(
            with_tunable("glibc.malloc.check=3"),
            "glibc.malloc.check=3:glibc.malloc.hugetlb=1"
        );
    }
}
