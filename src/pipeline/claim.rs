//! Which document a worker takes next.
//!
//! Results are taken back in document-id order (so every output is the same at any `--jobs`),
//! and no worker runs more than `window` documents ahead of the oldest one not yet taken back (so
//! memory stays flat however large the corpus). Inside that window a worker takes the largest
//! document nobody has claimed: longest-processing-time-first scheduling, which keeps a large
//! document from starting last and running alone while the other workers wait for the batch to
//! end. File size stands for the work a document costs.

use std::cmp::Reverse;
use std::sync::{Condvar, Mutex, MutexGuard};

/// The documents of one run and which of them workers have claimed.
#[derive(Debug)]
pub struct Claims {
    weights: Vec<u64>,
    window: usize,
    state: Mutex<State>,
    advanced: Condvar,
}

#[derive(Debug)]
struct State {
    claimed: Vec<bool>,
    /// Every document before this one is claimed.
    lowest: usize,
    /// Documents before this one have been taken back.
    taken: usize,
    stopped: bool,
}

impl Claims {
    /// Documents `0..weights.len()` in id order, each with the work it stands for.
    pub fn new(weights: Vec<u64>, window: usize) -> Claims {
        let state =
            State { claimed: vec![false; weights.len()], lowest: 0, taken: 0, stopped: false };
        Claims {
            weights,
            window: window.max(1),
            state: Mutex::new(state),
            advanced: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The document a worker should process next: the heaviest unclaimed one within the window
    /// (the lowest index among equals). Waits while the window holds none; `None` once every
    /// document is claimed or the run is stopped.
    pub fn next(&self) -> Option<usize> {
        let mut s = self.lock();
        loop {
            if s.stopped {
                return None;
            }
            while s.claimed.get(s.lowest) == Some(&true) {
                s.lowest += 1;
            }
            if s.lowest >= self.weights.len() {
                return None;
            }
            let end = self.weights.len().min(s.taken + self.window);
            let pick = (s.lowest..end)
                .filter(|&i| !s.claimed[i])
                .max_by_key(|&i| (self.weights[i], Reverse(i)));
            if let Some(i) = pick {
                s.claimed[i] = true;
                return Some(i);
            }
            s = self.advanced.wait(s).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Documents before `upto` have been taken back: the window moves on.
    pub fn taken_back(&self, upto: usize) {
        self.lock().taken = upto;
        self.advanced.notify_all();
    }

    /// No more documents are handed out.
    pub fn stop(&self) {
        self.lock().stopped = true;
        self.advanced.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drain(c: &Claims) -> Vec<usize> {
        std::iter::from_fn(|| c.next()).collect()
    }

    #[test]
    fn the_heaviest_document_in_the_window_goes_first() {
        // Longest processing time first: the 9 is claimed before the light documents ahead of
        // it, equals in id order.
        let c = Claims::new(vec![1, 5, 1, 9, 5], 10);
        assert_eq!(drain(&c), vec![3, 1, 4, 0, 2]);
    }

    #[test]
    fn no_document_is_claimed_beyond_the_window() {
        // Window 2: the heavy document at index 3 waits until 0 and 1 are taken back.
        let c = Claims::new(vec![1, 1, 1, 9], 2);
        assert_eq!((c.next(), c.next()), (Some(0), Some(1)));
        c.taken_back(2);
        assert_eq!(drain(&c), vec![3, 2]);
    }

    #[test]
    fn a_waiting_worker_is_woken_by_progress_and_by_stop() {
        let c = std::sync::Arc::new(Claims::new(vec![1, 1, 1], 1));
        assert_eq!(c.next(), Some(0));
        let waiter = {
            let c = c.clone();
            std::thread::spawn(move || c.next())
        };
        c.taken_back(1);
        assert_eq!(waiter.join().ok().flatten(), Some(1));
        let waiter = {
            let c = c.clone();
            std::thread::spawn(move || c.next())
        };
        c.stop();
        assert_eq!(waiter.join().ok().flatten(), None);
    }
}
