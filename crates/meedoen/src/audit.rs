//! The audit log of staff actions: who did what to which object, when.

use crate::args;
use crate::db::{now, Db, DbResult, Tx};

pub struct Entry<'a> {
    pub org_id: i64,
    pub actor_id: Option<i64>,
    /// A short verb, e.g. `project.publish`.
    pub action: &'a str,
    pub object_type: &'a str,
    pub object_id: Option<String>,
    pub detail: String,
}

const INSERT: &str =
    "INSERT INTO audit_log (org_id, actor_id, action, object_type, object_id, detail, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7)";

pub async fn record(db: &Db, e: Entry<'_>) -> DbResult<()> {
    db.exec(
        INSERT,
        args![
            e.org_id,
            e.actor_id,
            e.action,
            e.object_type,
            e.object_id,
            e.detail,
            now()
        ],
    )
    .await?;
    Ok(())
}

/// Same, inside a transaction, so the entry commits with the change it describes.
pub async fn record_tx(tx: &mut Tx, e: Entry<'_>) -> DbResult<()> {
    tx.run(
        INSERT,
        args![
            e.org_id,
            e.actor_id,
            e.action,
            e.object_type,
            e.object_id,
            e.detail,
            now()
        ],
    )
    .await?;
    Ok(())
}
