//! The `agendapack` command line.

mod cli;

/// Counts the bytes each thread holds, so each document's memory budget can be enforced.
#[global_allocator]
static ALLOC: agendapack::limits::alloc::CountingAlloc = agendapack::limits::alloc::CountingAlloc;

fn main() {
    std::process::exit(cli::main());
}
