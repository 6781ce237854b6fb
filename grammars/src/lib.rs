//! Pure nom grammars for agenda packs.
//!
//! Every parser here is a pure function over `&str`, never panics on any input (each has a fuzz
//! target and property tests) and keeps the raw text it parsed beside the parsed value.

pub mod agenda;
pub mod amount;
pub mod counts;
pub mod dates;
pub mod minutes;
pub mod rag;
pub mod stamps;
pub mod units;
pub mod votes;
