//! Progress on stderr: documents, pages, findings, errors and ETA; hidden when stderr is not a
//! terminal (or when asked).

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Running totals shown beside the bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub pages: u64,
    pub findings: u64,
    pub errors: u64,
    pub cached: u64,
}

pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar over `documents`; drawn only when `show` and stderr is a terminal.
    pub fn new(documents: u64, show: bool) -> Progress {
        let target = if show && std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(Some(documents), target);
        let style = ProgressStyle::with_template(
            "{elapsed_precise} [{bar:30}] {pos}/{len} documents  {msg}  ETA {eta}",
        )
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        Progress { bar }
    }

    pub fn update(&self, done: u64, t: &Totals) {
        self.bar.set_position(done);
        self.bar.set_message(format!(
            "{} pages, {} findings, {} errors, {} unchanged",
            t.pages, t.findings, t.errors, t.cached
        ));
    }

    /// Prints a line above the bar (or to stderr when the bar is hidden).
    pub fn println(&self, line: &str) {
        if self.bar.is_hidden() {
            eprintln!("{line}");
        } else {
            self.bar.println(line);
        }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
