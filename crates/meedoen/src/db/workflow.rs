//! One workflow step in the database: the conditional `UPDATE`, the history row and the audit
//! entry, in the caller's transaction. The rules (which step, from which state, by whom) are
//! checked before, against `domain::workflow`; here the step is taken only if the object is
//! still in the state the actor saw, so two people pressing a button at once cannot both
//! move it: the loser gets [`StepError::Lost`], which handlers show as a 409 with a message.

use domain::workflow::{State, Transition};

use crate::args;
use crate::audit::{self, Entry};
use crate::db::{now, DbError, Tx};

/// Where a workflow's objects live. `update` sets the state and is conditional on the old
/// one; its parameters are `$1` new state, `$2` now, `$3` municipality, `$4` object id,
/// `$5` the state the actor saw. It may set more columns (an `updated_at`).
pub struct Table {
    /// The workflow's name in `workflow_history` and the audit log's object type.
    pub workflow: &'static str,
    /// The audit log's action for every step (its detail says `from -> to`).
    pub audit_action: &'static str,
    pub update: &'static str,
}

/// One step to take.
pub struct Step<'a, S: State, A: 'static> {
    pub org: i64,
    pub object_id: i64,
    /// The state the actor saw (and the rules were checked against).
    pub from: S,
    pub transition: &'a Transition<S, A>,
    pub actor_id: Option<i64>,
    /// Why, when the step has a reason (shown in the history).
    pub note: &'a str,
}

#[derive(Debug, thiserror::Error)]
pub enum StepError {
    /// The object was no longer in the state the actor saw (or no longer exists).
    #[error("the object changed meanwhile")]
    Lost,
    #[error(transparent)]
    Db(#[from] DbError),
}

/// Takes `step` in `tx`: moves the state, writes `workflow_history` and the audit log.
pub async fn apply<S: State, A>(
    tx: &mut Tx,
    table: &Table,
    step: Step<'_, S, A>,
) -> Result<(), StepError> {
    let to = step.transition.to.as_str();
    let from = step.from.as_str();
    let t = now();
    let n = tx
        .run(table.update, args![to, t, step.org, step.object_id, from])
        .await?;
    if n == 0 {
        return Err(StepError::Lost);
    }
    tx.run(
        "INSERT INTO workflow_history (org_id, workflow, object_id, action, from_state, to_state, actor_id, note, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        args![
            step.org,
            table.workflow,
            step.object_id,
            step.transition.action,
            from,
            to,
            step.actor_id,
            step.note,
            t
        ],
    )
    .await?;
    audit::record_tx(
        tx,
        Entry {
            org_id: step.org,
            actor_id: step.actor_id,
            action: table.audit_action,
            object_type: table.workflow,
            object_id: Some(step.object_id.to_string()),
            detail: format!("{from} -> {to}"),
        },
    )
    .await?;
    Ok(())
}

/// One row of an object's history, oldest first.
#[derive(Debug, Clone, sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct HistoryRow {
    pub action: String,
    pub from_state: String,
    pub to_state: String,
    pub actor_id: Option<i64>,
    pub note: String,
    pub created_at: i64,
}

pub async fn history(
    db: &crate::db::Db,
    org: i64,
    workflow: &str,
    object_id: i64,
) -> Result<Vec<HistoryRow>, DbError> {
    db.all(
        "SELECT action, from_state, to_state, actor_id, note, created_at FROM workflow_history \
         WHERE org_id = $1 AND workflow = $2 AND object_id = $3 ORDER BY id",
        args![org, workflow, object_id],
    )
    .await
}
