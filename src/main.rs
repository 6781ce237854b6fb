//! The `agendapack` command line.

mod cli;

/// mimalloc, counting the bytes each thread holds so each document's memory budget can be enforced.
#[global_allocator]
static ALLOC: agendapack::alloc::Allocator = agendapack::alloc::ALLOCATOR;

fn main() {
    agendapack::alloc::configure();
    std::process::exit(cli::main());
}
