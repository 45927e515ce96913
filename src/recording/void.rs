//! Taking a record back: a void voids an entry, a review, an event or a
//! whole batch import. Nothing is deleted; what is derived is computed again
//! as if the record had never been made. A void is final.

use chrono::NaiveDateTime;

use crate::refusal::Refusal;
use crate::spelling;
use crate::store::{Record, RecordKind, Store};

/// A void made.
#[derive(Debug, Clone)]
pub struct Voided {
    /// The void's own number.
    pub number: i64,
    /// What it voided.
    pub record: Record,
}

/// Reads a record number as written: `#1042` or `1042`.
pub fn number(text: &str) -> Result<i64, Refusal> {
    let t = spelling::trim(text);
    let t = t
        .strip_prefix('#')
        .or_else(|| t.strip_prefix('＃'))
        .unwrap_or(t);
    let digits = spelling::halfwidth(t);
    match digits.parse::<i64>() {
        Ok(n) if n > 0 && digits.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
        _ => Err(Refusal::NoRecord(spelling::trim(text).to_string())),
    }
}

/// Whether record `n` may be voided, and what it is: it exists, is not a
/// void, is not voided already, is in `plan` when one is named, and no
/// standing record rests on it (a review that answered an entry, an entry
/// on an obligation an event opened).
pub fn voidable(
    store: &Store,
    n: i64,
    plan: Option<&str>,
) -> anyhow::Result<Result<Record, Refusal>> {
    let Some(record) = store.record(n)? else {
        return Ok(Err(Refusal::NoSuchRecord(n)));
    };
    if record.kind == RecordKind::Void {
        return Ok(Err(Refusal::VoidIsFinal(n)));
    }
    if record.voided.is_some() {
        if let Some(v) = store.void_of(n)? {
            return Ok(Err(Refusal::AlreadyVoid {
                number: n,
                void: v.number,
                at: v.recorded_at,
                reason: v.reason,
            }));
        }
    }
    if let Some(plan) = plan {
        // A guard: every plan the record touches must be this one (an import
        // may hold entries of several).
        if record.plans.is_empty() || record.plans.iter().any(|p| p != plan) {
            return Ok(Err(Refusal::OtherPlan {
                number: n,
                plans: record.plans.clone(),
                plan: plan.to_string(),
            }));
        }
    }
    let on = store.resting_on(&record)?;
    if !on.is_empty() {
        return Ok(Err(Refusal::RestingOn { number: n, on }));
    }
    Ok(Ok(record))
}

/// Voids record `n`, inside the caller's write transaction.
pub fn void(
    store: &Store,
    n: i64,
    plan: Option<&str>,
    reason: &str,
    by: &str,
    now: NaiveDateTime,
) -> anyhow::Result<Result<Voided, Refusal>> {
    let reason = spelling::trim(reason);
    if reason.is_empty() {
        return Ok(Err(Refusal::NoReason));
    }
    let record = match voidable(store, n, plan)? {
        Ok(r) => r,
        Err(r) => return Ok(Err(r)),
    };
    let number = store.void(&record, reason, spelling::trim(by), now)?;
    Ok(Ok(Voided { number, record }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_numbers_with_or_without_their_mark() {
        assert_eq!(number("#1042"), Ok(1042));
        assert_eq!(number(" 1042 "), Ok(1042));
        assert_eq!(number("＃１０４２"), Ok(1042));
        for bad in ["", "#", "#0", "-3", "12a", "#+5", "1.5"] {
            assert!(number(bad).is_err(), "{bad:?}");
        }
    }
}
