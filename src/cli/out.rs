//! Standard output that behaves in a pipe: when the reader goes away (`agendapack schema |
//! head -1`), the command ends quietly with exit 0, as ripgrep does, instead of panicking.

use std::io::{self, BufWriter, ErrorKind, Write};

/// Runs `f` with a buffered standard output and returns its exit code. A closed pipe ends the
/// command quietly with 0; another write error is reported and gives 1.
pub fn with_stdout(f: impl FnOnce(&mut dyn Write) -> io::Result<i32>) -> i32 {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match f(&mut out).and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => code,
        Err(e) if e.kind() == ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            1
        }
    }
}

/// For output written with `println!` (the benchmark report): a closed pipe makes `println!`
/// panic; this hook turns that one panic into a quiet exit 0 and leaves every other panic to
/// the default hook.
pub fn quiet_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if msg.starts_with("failed printing to stdout") && msg.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}
