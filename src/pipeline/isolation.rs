//! Isolation: a panic inside one stage of one document becomes that document's error, never the
//! end of the batch.

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

use crate::error::{DocError, Stage};
use crate::limits::budget::Exceeded;

thread_local! {
    static CAPTURING: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

/// Installs (once per process) a panic hook that, on a thread running inside [`guard`], records
/// the panic's message and place instead of printing it; elsewhere the previous hook runs.
fn install_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if CAPTURING.with(Cell::get) {
                let msg = payload_message(info.payload());
                let text = match info.location() {
                    Some(l) => format!("{msg} (at {}:{})", l.file(), l.line()),
                    None => msg,
                };
                LAST_PANIC.with(|p| *p.borrow_mut() = Some(text));
            } else {
                previous(info);
            }
        }));
    });
}

fn payload_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-text payload".to_string()
    }
}

/// Runs one stage, turning a panic into [`DocError::Panic`] naming the stage, and a spent
/// budget ([`crate::limits::budget`]) into [`DocError::Limit`] naming it.
pub fn guard<T>(stage: Stage, f: impl FnOnce() -> T) -> Result<T, DocError> {
    install_hook();
    let was = CAPTURING.with(|c| c.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    CAPTURING.with(|c| c.set(was));
    result.map_err(|payload| {
        let captured = LAST_PANIC.with(|p| p.borrow_mut().take());
        match payload.downcast::<Exceeded>() {
            // A budget check unwound (no panic hook ran): the document is over its budget.
            Ok(e) => DocError::Limit { stage, limit: e.limit, message: e.message },
            Err(payload) => DocError::Panic {
                stage,
                message: captured.unwrap_or_else(|| payload_message(payload.as_ref())),
            },
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_naming_the_stage_and_message() {
        let r: Result<u32, DocError> = guard(Stage::Segment, || {
            let v: Vec<u32> = Vec::new();
            if v.is_empty() {
                panic!("no lines in section 7");
            }
            v[0]
        });
        match r {
            Err(DocError::Panic { stage, message }) => {
                assert_eq!(stage, Stage::Segment);
                assert!(message.starts_with("no lines in section 7 (at "), "{message}");
                assert!(message.contains("isolation.rs"), "{message}");
            }
            other => panic!("expected a panic error, got {other:?}"),
        }
        assert_eq!(guard(Stage::Extract, || 41 + 1).ok(), Some(42));
    }
}
