//! The time and memory budget of the document being processed on this thread.
//!
//! [`open`] starts a document's budget (and ends it when the returned [`Scope`] is dropped).
//! Long loops call [`tick`], which counts and looks at the clock and the memory count every
//! [`TICKS_PER_CHECK`] calls, or [`check`], which looks every time (for loops whose every turn is
//! costly). A document over its budget unwinds from the check with an [`Exceeded`] payload (as a
//! cancelled query unwinds in salsa), which the caller's isolation of each stage (the
//! application's `pipeline::isolation::guard`) turns into a typed limit error naming the stage;
//! nothing is printed and no panic hook runs. Code that returns a `Result` anyway can ask [`exceeded`] instead. Without an open
//! budget every call is a no-op.

use std::cell::{Cell, RefCell};
use std::time::{Duration, Instant};

use super::{LimitKind, Limits, alloc};

/// Calls of [`tick`] between two looks at the clock and the memory count (a look costs about as
/// much as 20 ns; a tick, an add).
pub const TICKS_PER_CHECK: u32 = 1024;

/// Why a document's budget ran out: the payload a check unwinds with.
#[derive(Debug, Clone, PartialEq)]
pub struct Exceeded {
    pub limit: LimitKind,
    pub message: String,
}

#[derive(Clone)]
struct Active {
    started: Instant,
    deadline: Option<(Instant, f64)>,
    /// The thread's byte count when the document started, and the most it may grow by.
    memory: Option<(i64, u64)>,
}

thread_local! {
    static ACTIVE: RefCell<Option<Active>> = const { RefCell::new(None) };
    static TICKS: Cell<u32> = const { Cell::new(0) };
}

/// An open budget; dropping it restores the budget that was open before (if any).
pub struct Scope {
    previous: Option<Active>,
}

impl Drop for Scope {
    fn drop(&mut self) {
        let previous = self.previous.take();
        let _ = ACTIVE.try_with(|a| *a.borrow_mut() = previous);
    }
}

/// Opens the budget of one document of `file_bytes` bytes on this thread.
pub fn open(limits: &Limits, file_bytes: u64) -> Scope {
    let started = Instant::now();
    let deadline = limits
        .max_seconds_per_doc
        .filter(|s| s.is_finite() && *s > 0.0)
        .and_then(|s| Some((started.checked_add(Duration::try_from_secs_f64(s).ok()?)?, s)));
    let memory = limits
        .memory_budget(file_bytes)
        .filter(|_| alloc::installed())
        .map(|cap| (alloc::thread_bytes(), cap));
    let active = Active { started, deadline, memory };
    let previous = ACTIVE.with(|a| a.borrow_mut().replace(active));
    TICKS.with(|t| t.set(0));
    Scope { previous }
}

/// Counts one turn of a loop; every [`TICKS_PER_CHECK`] turns, [`check`]s.
#[inline]
pub fn tick() {
    let due = TICKS.with(|t| {
        let n = t.get() + 1;
        if n >= TICKS_PER_CHECK {
            t.set(0);
            true
        } else {
            t.set(n);
            false
        }
    });
    if due {
        check();
    }
}

/// Unwinds with [`Exceeded`] when the open budget has run out.
pub fn check() {
    if let Some(e) = exceeded() {
        std::panic::resume_unwind(Box::new(e));
    }
}

/// Whether the open budget has run out, and how.
pub fn exceeded() -> Option<Exceeded> {
    let active = ACTIVE.try_with(|a| a.borrow().clone()).ok().flatten()?;
    if let Some((deadline, seconds)) = active.deadline {
        let now = Instant::now();
        if now > deadline {
            return Some(Exceeded {
                limit: LimitKind::Seconds,
                message: format!(
                    "the document took more than {seconds} s (stopped after {:.1} s); see \
                     --max-seconds-per-doc",
                    now.duration_since(active.started).as_secs_f64()
                ),
            });
        }
    }
    if let Some((start, cap)) = active.memory {
        let held = alloc::thread_bytes().saturating_sub(start);
        if held > 0 && held as u64 > cap {
            return Some(Exceeded {
                limit: LimitKind::Memory,
                message: format!(
                    "the document held {} MiB, more than its budget of {} MiB; see \
                     --max-memory-factor",
                    held >> 20,
                    cap >> 20
                ),
            });
        }
    }
    None
}

/// Seconds since the open budget started (0 without one).
pub fn elapsed() -> Duration {
    ACTIVE
        .try_with(|a| a.borrow().as_ref().map(|a| a.started.elapsed()))
        .ok()
        .flatten()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spent_time_budget_unwinds_with_its_kind_and_an_unbounded_one_never_does() {
        let limits = Limits { max_seconds_per_doc: Some(0.001), ..Limits::default() };
        let scope = open(&limits, 100);
        std::thread::sleep(Duration::from_millis(5));
        let e = exceeded().expect("over budget");
        assert_eq!(e.limit, LimitKind::Seconds);
        assert!(e.message.contains("more than 0.001 s"), "{}", e.message);
        let caught = std::panic::catch_unwind(|| {
            for _ in 0..TICKS_PER_CHECK {
                tick();
            }
        });
        let payload = caught.expect_err("the tick unwinds");
        assert_eq!(payload.downcast_ref::<Exceeded>().map(|e| e.limit), Some(LimitKind::Seconds));
        {
            let _inner = open(&Limits { max_seconds_per_doc: None, ..Limits::default() }, 100);
            assert_eq!(exceeded(), None, "the inner budget has no deadline");
        }
        assert!(exceeded().is_some(), "the outer budget is back");
        drop(scope);
        assert_eq!(exceeded(), None, "no budget open");
        check();
    }
}
