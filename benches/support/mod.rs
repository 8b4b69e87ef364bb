//! Cases the benchmarks share: the examples as the tests read them, and a
//! large case.

#![allow(dead_code)]

use poa::case::Case;

#[path = "../../tests/common/mod.rs"]
mod common;
pub use common::example;

/// The case with every list ten times as long.
pub fn ten_times(case: &Case) -> Case {
    common::repeated(case, 10)
}
