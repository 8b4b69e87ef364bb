//! Cases the benchmarks share: the examples as the tests read them, and a
//! large case.

#![allow(dead_code)]

use poa::case::Case;

#[path = "../../tests/common/mod.rs"]
mod common;
pub use common::example;

/// The case with every list ten times as long.
pub fn ten_times(case: &Case) -> Case {
    let mut big = case.clone();
    for _ in 1..10 {
        big.root_causes.extend(case.root_causes.iter().cloned());
        big.corrective_actions
            .extend(case.corrective_actions.iter().cloned());
        big.preventive_measures
            .extend(case.preventive_measures.iter().cloned());
        big.evidence.extend(case.evidence.iter().cloned());
    }
    big
}
