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

/// Hands the memory freed blocks leave in the allocators' heaps back to the system: mimalloc's
/// (`mi_collect`) and glibc's (what a program or test on the system allocator holds). Called
/// before each document and each benchmark run, so one document's peak is not raised by what
/// the one before it left behind.
pub fn release_free_memory() {
    // SAFETY: mi_collect takes no pointer; it only walks mimalloc's own heaps.
    unsafe { libmimalloc_sys::mi_collect(true) };
    crate::limits::alloc::release_free_memory();
}
