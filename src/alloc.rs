//! The program's allocator: mimalloc, with each thread's bytes counted
//! ([`crate::limits::alloc::CountingAlloc`]) so each document's memory budget can be enforced.
//!
//! mimalloc serves the many small, short-lived blocks of a page (glyphs, tokens, cells) with
//! fewer instructions than glibc's malloc; it is built without transparent huge pages, so the
//! resident set grows in small pages. Install it in a program with
//!
//! ```ignore
//! #[global_allocator]
//! static ALLOC: agendapack::alloc::Allocator = agendapack::alloc::ALLOCATOR;
//! ```

use crate::limits::alloc::CountingAlloc;
use mimalloc::MiMalloc;

/// The allocator type of the `agendapack` program.
pub type Allocator = CountingAlloc<MiMalloc>;

/// The allocator of the `agendapack` program.
pub const ALLOCATOR: Allocator = CountingAlloc::new(MiMalloc);

/// mimalloc's `mi_option_purge_delay`: its place in the option list of the mimalloc source
/// `libmimalloc-sys` builds (version 3; the crate names no constant for it). The test below reads
/// its default through this number.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Milliseconds mimalloc waits before handing freed pages back to the system. Its default, one
/// second, keeps the pages a document freed while the next one allocates new ones: the largest
/// rendering then peaked at 70 MiB instead of 45 MiB, and the shorter delay costs no measurable
/// time (docs/performance.md).
const PURGE_DELAY_MS: std::ffi::c_long = 3;

/// Sets the allocator's options; called once at the start of the program.
pub fn configure() {
    // SAFETY: sets one integer option; any value is valid for it.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_DELAY_MS) };
}

/// Hands the memory freed blocks leave in the allocators' heaps back to the system: mimalloc's
/// (`mi_collect`) and glibc's (what a program or test on the system allocator holds). Called
/// before each document and each benchmark run, so one document's peak is not raised by what
/// the one before it left behind.
pub fn release_free_memory() {
    // Not forced: what mimalloc can hand back cheaply. Forcing it (every page of every heap)
    // made the next document fault its pages in again, 1-3 % of the time, for the same peak.
    // SAFETY: mi_collect takes no pointer; it only walks mimalloc's own heaps.
    unsafe { libmimalloc_sys::mi_collect(false) };
    crate::limits::alloc::release_free_memory();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // SAFETY: reads and sets one integer option.
        let default = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(default, 1000, "mimalloc's purge delay defaults to one second");
        configure();
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, PURGE_DELAY_MS);
    }
}
