//! Cases the benchmarks share.

#![allow(dead_code)]

use std::path::Path;

use poa::case::{self, Case};

/// A shipped example case.
pub fn example(name: &str) -> Case {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    case::from_yaml(&std::fs::read_to_string(p).unwrap(), name).unwrap()
}

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
