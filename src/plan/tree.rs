//! Sub-tasks (docs/plan-format.md, "Sub-tasks"): a task's `parent`, what a
//! sub-task takes from its parent, the checks of the tree, and the order
//! of a plan's tasks with each sub-task under its parent.
//!
//! A parent is named by `parent = "ID"` only: ids such as "2.1.3" imply
//! nothing, since plans already use ids "3" and "3.1" for unrelated tasks.

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;

use super::raw::Text;
use super::validate::Problems;
use super::Task;
use crate::messages as m;

/// Most levels of tasks a plan may have, the top level counted: a notice
/// numbered 一、（一）1.（1）① has five below its title.
pub const MAX_LEVELS: usize = 6;

/// What a task passes on to its sub-tasks, as far as it is valid: a value
/// that had a problem is `None`, so that its sub-tasks do not repeat it.
#[derive(Clone, Debug, Default)]
pub(super) struct Node {
    pub section: Option<String>,
    pub lead: Option<String>,
    pub support: Vec<String>,
    pub due: Option<NaiveDate>,
    /// How `due` was written, when as a phrase.
    pub due_kind: Option<super::due::DueKind>,
    pub due_text: Option<String>,
    /// 1 for a task without a parent.
    pub level: usize,
    pub has_rules: bool,
}

/// A task's parent as found while the file is read.
pub(super) enum Parent {
    /// No `parent` line.
    None,
    /// Declared above, with what it passes on.
    Found(Node),
    /// Named but not usable (a problem was reported): the fields a sub-task
    /// leaves out are not reported missing.
    Broken,
}

impl Parent {
    /// Whether the task names a parent, usable or not.
    pub(super) fn named(&self) -> bool {
        !matches!(self, Parent::None)
    }

    pub(super) fn node(&self) -> Option<&Node> {
        match self {
            Parent::Found(n) => Some(n),
            _ => None,
        }
    }
}

/// The tasks read so far, as parents.
#[derive(Default)]
pub(super) struct Tree {
    nodes: HashMap<String, Node>,
    /// Sub-tasks whose parent was not declared above them: the sub-task's
    /// id, the parent's, and where the parent is named. Told apart at the
    /// end: declared later, part of a cycle, or not declared at all.
    pending: Vec<(Option<String>, String, Range<usize>)>,
    /// Each task's parent as written, to tell a cycle.
    links: HashMap<String, String>,
}

impl Tree {
    /// The parent `parent` names for task `id`, checked.
    pub(super) fn lookup(
        &mut self,
        id: Option<&str>,
        parent: &Option<Text>,
        p: &mut Problems,
    ) -> Parent {
        let Some(parent) = parent else {
            return Parent::None;
        };
        let name = parent.get_ref();
        if let Some(id) = id {
            self.links
                .entry(id.to_string())
                .or_insert_with(|| name.clone());
        }
        if name.trim().is_empty() {
            p.at(
                parent.span(),
                m::field_empty("parent"),
                m::expected_parent_above(),
            );
            return Parent::Broken;
        }
        if id == Some(name.as_str()) {
            p.at(
                parent.span(),
                m::parent_is_self(name),
                m::expected_parent_above(),
            );
            return Parent::Broken;
        }
        let Some(node) = self.nodes.get(name) else {
            self.pending
                .push((id.map(str::to_string), name.clone(), parent.span()));
            return Parent::Broken;
        };
        if node.has_rules {
            p.at(
                parent.span(),
                m::parent_has_rules(name),
                m::expected_rules_on_sub_tasks(),
            );
        }
        if node.level >= MAX_LEVELS {
            p.at(
                parent.span(),
                m::task_too_deep(id.unwrap_or(""), node.level + 1, MAX_LEVELS),
                m::expected_fewer_levels(MAX_LEVELS),
            );
            return Parent::Broken;
        }
        Parent::Found(node.clone())
    }

    /// Task `id`, read, as a parent of the tasks below it. The first task
    /// of an id counts.
    pub(super) fn add(&mut self, id: &str, node: Node) {
        self.nodes.entry(id.to_string()).or_insert(node);
    }

    /// Reports the parents that were not declared above their sub-tasks:
    /// `seen` holds every task id of the file and where it is.
    pub(super) fn finish(&self, seen: &HashMap<String, Range<usize>>, p: &mut Problems) {
        for (child, parent, span) in &self.pending {
            let Some(at) = seen.get(parent) else {
                p.at(
                    span.clone(),
                    m::parent_not_declared(parent),
                    m::expected_parent_above(),
                );
                continue;
            };
            match child.as_deref().and_then(|c| self.cycle(c, parent)) {
                Some(chain) => p.at(
                    span.clone(),
                    m::parent_cycle(child.as_deref().unwrap_or(""), chain),
                    m::expected_parent_above(),
                ),
                None => {
                    let line = p.line(at.start);
                    p.at(
                        span.clone(),
                        m::parent_declared_later(parent, line),
                        m::expected_parent_above(),
                    )
                }
            }
        }
    }

    /// The chain `child → parent → … → child`, when following the parents
    /// up from `parent` comes back to `child`.
    fn cycle(&self, child: &str, parent: &str) -> Option<String> {
        let mut chain = vec![child, parent];
        let mut at = parent;
        for _ in 0..self.links.len() {
            if at == child {
                return Some(chain.join(" → "));
            }
            at = self.links.get(at)?;
            chain.push(at);
        }
        None
    }
}

/// `tasks` with each sub-task right under its parent, after the parent's
/// earlier sub-tasks: the order of the file where sub-tasks follow their
/// parents, and the file's order for a plan without sub-tasks.
pub(super) fn in_tree_order(tasks: Vec<Task>) -> Vec<Task> {
    if tasks.iter().all(|t| t.parent.is_none()) {
        return tasks;
    }
    let index: HashMap<&str, usize> = tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); tasks.len()];
    let mut roots = Vec::new();
    for (i, t) in tasks.iter().enumerate() {
        match t.parent.as_deref().and_then(|p| index.get(p)) {
            Some(&parent) => children[parent].push(i),
            None => roots.push(i),
        }
    }
    let mut order = Vec::with_capacity(tasks.len());
    let mut stack: Vec<usize> = roots.into_iter().rev().collect();
    while let Some(i) = stack.pop() {
        order.push(i);
        stack.extend(children[i].iter().rev());
    }
    let mut slots: Vec<Option<Task>> = tasks.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(id: &str, parent: Option<&str>) -> Task {
        Task {
            id: id.into(),
            section: "1".into(),
            title: id.into(),
            text: id.into(),
            lead: "a".into(),
            support: Vec::new(),
            due: None,
            parent: parent.map(str::to_string),
            due_kind: None,
            due_text: None,
            rules: Vec::new(),
            others: Vec::new(),
            deliverable: None,
            target: None,
        }
    }

    #[test]
    fn sub_tasks_come_right_under_their_parent_in_file_order() {
        let tasks = vec![
            task("1", None),
            task("2", None),
            task("1.1", Some("1")),
            task("2.1", Some("2")),
            task("1.2", Some("1")),
            task("1.1.1", Some("1.1")),
        ];
        let ids: Vec<String> = in_tree_order(tasks).into_iter().map(|t| t.id).collect();
        assert_eq!(ids, ["1", "1.1", "1.1.1", "1.2", "2", "2.1"]);
    }

    #[test]
    fn a_plan_without_sub_tasks_keeps_its_order() {
        let tasks = vec![task("3", None), task("1", None), task("2", None)];
        let ids: Vec<String> = in_tree_order(tasks).into_iter().map(|t| t.id).collect();
        assert_eq!(ids, ["3", "1", "2"]);
    }
}
