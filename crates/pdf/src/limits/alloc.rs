//! A global allocator that counts the bytes each thread holds, so a document's memory can be
//! told apart from the other documents processed at the same time on other threads.
//!
//! Install it in a program with
//!
//! ```ignore
//! #[global_allocator]
//! static ALLOC: agendapack_pdf::limits::alloc::CountingAlloc =
//!     agendapack_pdf::limits::alloc::CountingAlloc::new(std::alloc::System);
//! ```
//!
//! It counts on top of any allocator (`CountingAlloc<A>`, the system's by default).
//!
//! Each thread keeps a signed running total: allocations add, frees subtract (a block freed on
//! another thread than the one that allocated it moves bytes between their totals, so only
//! differences on one thread over one document mean anything; see [`thread_bytes`]). The cost
//! is one thread-local add per allocation. No crate offers per-thread accounting (`stats_alloc`
//! and `cap` count for the whole process), hence this one.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::OnceLock;

thread_local! {
    // Const-initialised and without a destructor, so it can be used inside the allocator at
    // any point of a thread's life.
    static HELD: Cell<i64> = const { Cell::new(0) };
}

/// An allocator (the system's by default), counting bytes per thread.
pub struct CountingAlloc<A = System>(A);

impl<A> CountingAlloc<A> {
    /// Counts what `inner` allocates.
    pub const fn new(inner: A) -> Self {
        Self(inner)
    }
}

#[inline]
fn add(delta: i64) {
    let _ = HELD.try_with(|h| h.set(h.get().wrapping_add(delta)));
}

// SAFETY: every call is forwarded unchanged to the inner allocator; the counting touches only
// a thread-local integer and never allocates.
unsafe impl<A: GlobalAlloc> GlobalAlloc for CountingAlloc<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's layout.
        let p = unsafe { self.0.alloc(layout) };
        if !p.is_null() {
            add(layout.size() as i64);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's layout.
        let p = unsafe { self.0.alloc_zeroed(layout) };
        if !p.is_null() {
            add(layout.size() as i64);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's pointer and layout.
        unsafe { self.0.dealloc(ptr, layout) };
        add(-(layout.size() as i64));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded with the caller's pointer, layout and size.
        let p = unsafe { self.0.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            add(new_size as i64 - layout.size() as i64);
        }
        p
    }
}

/// True when the program's global allocator is [`CountingAlloc`] (found out once, by watching
/// the count move over a probe allocation): memory budgets are enforced only then.
pub fn installed() -> bool {
    static STATE: OnceLock<bool> = OnceLock::new();
    *STATE.get_or_init(|| {
        let before = thread_bytes();
        let probe: Vec<u8> = std::hint::black_box(Vec::with_capacity(256));
        let after = thread_bytes();
        drop(probe);
        after - before >= 256
    })
}

/// The bytes the current thread holds, as counted since it started (allocations minus frees on
/// this thread). Meaningful only as the difference between two readings on one thread.
pub fn thread_bytes() -> i64 {
    HELD.try_with(Cell::get).unwrap_or(0)
}

/// Hands the memory that freed blocks leave in the allocator's heaps back to the system (glibc's
/// `malloc_trim`; nothing elsewhere). Called before each document: glibc keeps what a document
/// freed in the middle of its heap, so over a run of large documents the resident set grew to
/// twice what the largest one needs alone.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks the allocator's own free lists; no pointer is passed.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_what_this_thread_allocates_and_frees() {
        let a = CountingAlloc::new(System);
        let layout = Layout::from_size_align(4096, 8).expect("layout");
        let before = thread_bytes();
        // SAFETY: a fresh block of a valid layout, freed with the same layout.
        unsafe {
            let p = a.alloc(layout);
            assert!(!p.is_null());
            assert_eq!(thread_bytes() - before, 4096);
            let q = a.realloc(p, layout, 10_000);
            assert!(!q.is_null());
            assert_eq!(thread_bytes() - before, 10_000);
            a.dealloc(q, Layout::from_size_align(10_000, 8).expect("layout"));
        }
        assert_eq!(thread_bytes(), before);
    }
}
