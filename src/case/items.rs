//! Adding, removing and moving the items of a list section, keeping every
//! link right: a root cause or a document keeps its id when it moves, and
//! when one is removed the links to it go too, so that a new item given the
//! same id never inherits them.

use super::field::Section;
use super::{Case, CorrectiveAction, Evidence, Metric, PreventiveMeasure, RootCause};

impl Case {
    /// Adds an empty item at the end of a list section and returns its
    /// index. A root cause gets the next free `R` id, a document the next
    /// free `E` id.
    pub fn add_item(&mut self, section: Section) -> Option<usize> {
        let index = match section {
            Section::Metrics => {
                self.metrics.push(Metric::default());
                self.metrics.len()
            }
            Section::RootCauses => {
                let id = self.new_cause_id();
                self.root_causes.push(RootCause {
                    id,
                    ..RootCause::default()
                });
                self.root_causes.len()
            }
            Section::CorrectiveActions => {
                self.corrective_actions.push(CorrectiveAction::default());
                self.corrective_actions.len()
            }
            Section::PreventiveMeasures => {
                self.preventive_measures.push(PreventiveMeasure::default());
                self.preventive_measures.len()
            }
            Section::Evidence => {
                let n = (1..)
                    .find(|n| !self.evidence.iter().any(|e| e.id == format!("E{n}")))
                    .unwrap_or(1);
                self.evidence.push(Evidence {
                    id: format!("E{n}"),
                    ..Evidence::default()
                });
                self.evidence.len()
            }
            _ => return None,
        };
        Some(index - 1)
    }

    /// Removes item `index` of a list section, and every link to it.
    pub fn remove_item(&mut self, section: Section, index: usize) {
        fn rm<T>(v: &mut Vec<T>, i: usize) -> Option<T> {
            (i < v.len()).then(|| v.remove(i))
        }
        match section {
            Section::Metrics => {
                rm(&mut self.metrics, index);
            }
            Section::RootCauses => {
                if let Some(gone) = rm(&mut self.root_causes, index) {
                    self.unlink(|a| &mut a.causes, |m| &mut m.causes, &gone.id);
                }
            }
            Section::CorrectiveActions => {
                rm(&mut self.corrective_actions, index);
            }
            Section::PreventiveMeasures => {
                rm(&mut self.preventive_measures, index);
            }
            Section::Evidence => {
                if let Some(gone) = rm(&mut self.evidence, index)
                    && !gone.id.trim().is_empty()
                {
                    self.unlink(|a| &mut a.evidence, |m| &mut m.evidence, &gone.id);
                }
            }
            _ => {}
        }
    }

    fn unlink(
        &mut self,
        of_action: fn(&mut CorrectiveAction) -> &mut Vec<String>,
        of_measure: fn(&mut PreventiveMeasure) -> &mut Vec<String>,
        id: &str,
    ) {
        let keep = |l: &String| !l.trim().eq_ignore_ascii_case(id.trim());
        for a in &mut self.corrective_actions {
            of_action(a).retain(keep);
        }
        for m in &mut self.preventive_measures {
            of_measure(m).retain(keep);
        }
    }

    /// Moves item `from` one place up (`up`) or down; returns where it went.
    /// Ids travel with their items, so links stay with the same item.
    pub fn move_item(&mut self, section: Section, from: usize, up: bool) -> usize {
        fn mv<T>(v: &mut [T], i: usize, up: bool) -> usize {
            let j = if up {
                i.checked_sub(1)
            } else {
                Some(i + 1).filter(|j| *j < v.len())
            };
            match j {
                Some(j) if i < v.len() => {
                    v.swap(i, j);
                    j
                }
                _ => i,
            }
        }
        match section {
            Section::Metrics => mv(&mut self.metrics, from, up),
            Section::RootCauses => mv(&mut self.root_causes, from, up),
            Section::CorrectiveActions => mv(&mut self.corrective_actions, from, up),
            Section::PreventiveMeasures => mv(&mut self.preventive_measures, from, up),
            Section::Evidence => mv(&mut self.evidence, from, up),
            _ => from,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_causes() -> Case {
        let mut case = Case::new();
        for s in ["First", "Second"] {
            let i = case.add_item(Section::RootCauses).unwrap();
            case.root_causes[i].summary = s.into();
        }
        let a = case.add_item(Section::CorrectiveActions).unwrap();
        case.corrective_actions[a].causes = vec!["R2".into()];
        let m = case.add_item(Section::PreventiveMeasures).unwrap();
        case.preventive_measures[m].causes = vec!["R1".into(), "R2".into()];
        case
    }

    #[test]
    fn moving_a_cause_keeps_the_links_on_the_same_cause() {
        let mut case = two_causes();
        assert_eq!(case.move_item(Section::RootCauses, 1, true), 0);
        assert_eq!(case.root_causes[0].summary, "Second");
        let linked = &case.corrective_actions[0].causes[0];
        let i = case.cause_number(linked).unwrap() - 1;
        assert_eq!(case.root_causes[i].summary, "Second");
    }

    #[test]
    fn removing_a_cause_removes_its_links_and_a_new_cause_inherits_none() {
        let mut case = two_causes();
        case.remove_item(Section::RootCauses, 1);
        assert!(case.corrective_actions[0].causes.is_empty());
        assert_eq!(case.preventive_measures[0].causes, ["R1"]);
        let i = case.add_item(Section::RootCauses).unwrap();
        assert_eq!(case.root_causes[i].id, "R2");
        assert!(case.corrective_actions[0].causes.is_empty());
    }

    #[test]
    fn removing_a_document_removes_its_citations() {
        let mut case = two_causes();
        case.add_item(Section::Evidence);
        case.add_item(Section::Evidence);
        case.corrective_actions[0].evidence = vec!["E1".into(), "E2".into()];
        case.remove_item(Section::Evidence, 0);
        assert_eq!(case.corrective_actions[0].evidence, ["E2"]);
        assert_eq!(case.add_item(Section::Evidence), Some(1));
        assert_eq!(case.evidence[1].id, "E1");
    }
}
