//! The roll-up of sub-tasks (docs/statuses.md, "Tasks with sub-tasks"): a
//! parent's status and progress from those of the tasks beneath it. Pure
//! functions over plain data.
//!
//! The rule reads the same whether it is applied to a parent's children,
//! each of them rolled up first, or at once to every leaf beneath it (the
//! tasks without sub-tasks of their own): a child is closed when all its
//! leaves are, done when all are done or closed, blocked when one is (and
//! not all are done or closed), in progress when one has work. Statuses
//! are therefore rolled up from the leaves.

use crate::status::Status;

/// The status of a task whose sub-tasks have, beneath them, leaves of
/// `statuses`; withdrawn ones are left out. `None` when none is left: the
/// task is then a leaf itself, its status derived from what was recorded
/// against it.
///
/// Closed when every leaf is closed; done when every leaf is done or
/// closed; blocked when any is blocked; in progress when any has work (in
/// progress, done or closed); not started otherwise.
pub fn roll_up(statuses: impl IntoIterator<Item = Status>) -> Option<Status> {
    let mut any = false;
    let (mut all_closed, mut all_finished) = (true, true);
    let (mut blocked, mut work) = (false, false);
    for s in statuses {
        if s == Status::Withdrawn {
            continue;
        }
        any = true;
        all_closed &= s == Status::Closed;
        all_finished &= matches!(s, Status::Done | Status::Closed);
        blocked |= s == Status::Blocked;
        work |= matches!(s, Status::InProgress | Status::Done | Status::Closed);
    }
    Some(if !any {
        return None;
    } else if all_closed {
        Status::Closed
    } else if all_finished {
        Status::Done
    } else if blocked {
        Status::Blocked
    } else if work {
        Status::InProgress
    } else {
        Status::NotStarted
    })
}

/// The progress of a leaf: 100 when done or closed, else the percent its
/// lead last reported (0 when none).
pub fn leaf_percent(status: Status, reported: Option<u8>) -> u8 {
    match status {
        Status::Done | Status::Closed => 100,
        _ => reported.unwrap_or(0).min(100),
    }
}

/// A parent's progress: the average of its leaves' (`leaf_percent`),
/// withdrawn ones left out, rounded down; `None` without leaves.
pub fn rolled_percent(leaves: impl IntoIterator<Item = (Status, Option<u8>)>) -> Option<u8> {
    let (mut sum, mut n) = (0u64, 0u64);
    for (status, reported) in leaves {
        if status == Status::Withdrawn {
            continue;
        }
        sum += u64::from(leaf_percent(status, reported));
        n += 1;
    }
    sum.checked_div(n).map(|p| p as u8)
}

/// A title as tables show it in a tree: a sub-task's under its parent's,
/// marked and indented by its level.
pub fn tree_title(depth: usize, title: &str) -> String {
    match depth {
        0 => title.to_string(),
        d => format!("{}└ {title}", "  ".repeat(d - 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use Status::*;

    #[test]
    fn the_rule_in_order() {
        assert_eq!(roll_up([]), None);
        assert_eq!(roll_up([Withdrawn, Withdrawn]), None);
        assert_eq!(roll_up([Closed, Closed, Withdrawn]), Some(Closed));
        assert_eq!(roll_up([Closed, Done]), Some(Done));
        assert_eq!(roll_up([Done, Blocked]), Some(Blocked));
        assert_eq!(roll_up([NotStarted, Closed]), Some(InProgress));
        assert_eq!(roll_up([NotStarted, NotStarted]), Some(NotStarted));
        assert_eq!(roll_up([NotStarted, Withdrawn]), Some(NotStarted));
    }

    #[test]
    fn progress_counts_finished_leaves_as_whole() {
        assert_eq!(rolled_percent([]), None);
        assert_eq!(
            rolled_percent([(Done, Some(40)), (InProgress, Some(50)), (Withdrawn, None)]),
            Some(75)
        );
        assert_eq!(
            rolled_percent([(NotStarted, None), (Closed, None)]),
            Some(50)
        );
    }

    fn status() -> impl Strategy<Value = Status> {
        (0..6usize).prop_map(|i| Status::ALL[i])
    }

    proptest! {
        /// Rolling up the children, each rolled up from its own leaves,
        /// gives what rolling up all the leaves at once gives.
        #[test]
        fn children_first_or_leaves_at_once_agree(
            groups in prop::collection::vec(prop::collection::vec(status(), 0..5), 0..5)
        ) {
            let children: Vec<Status> = groups
                .iter()
                .map(|g| roll_up(g.iter().copied()).unwrap_or(Withdrawn))
                .collect();
            let leaves = groups.iter().flatten().copied();
            prop_assert_eq!(roll_up(children), roll_up(leaves));
        }
    }
}
