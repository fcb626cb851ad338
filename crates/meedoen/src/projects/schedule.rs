//! The current phase of a project, and moving it: by staff (`staff::make_current`) or by the
//! dates ([`advance_due`], run by the background jobs).
//!
//! A project's phases have dates; the budgeting flow names its steps (submission → check →
//! voting → counting → result → realisation) in `phases.step`. `projects.current_phase_id`
//! is the phase the project is in. When the start date of a later phase arrives, the project
//! moves to it: the latest phase that has started, never backwards (a phase staff moved to
//! early stays current until a later one starts).
//!
//! The windows of the components are not derived from the phases: the ideas component keeps
//! its own submission dates and the ballot its own voting window (with times of day), because
//! both are checked on every request and staff set them in those components. The phases are
//! what residents read on the project page and what authors are told about.
//!
//! Every move is one transaction: a conditional UPDATE on the old current phase (so a second
//! run, or a staff action at the same moment, changes nothing), the audit entry, and a mail to
//! every author of an idea in the project.

use crate::args;
use crate::audit::{self, Entry};
use crate::db::{now, DbResult, Tx};
use crate::email::{enqueue_tx, Mail};
use crate::state::AppState;
use crate::web::i18n::{t_args, Lang};

/// The steps of the budgeting flow, in order, as stored in `phases.step` ('' = another phase).
pub const STEPS: [&str; 6] = [
    "submission",
    "check",
    "voting",
    "counting",
    "result",
    "realisation",
];

/// A phase that is due: (org, project, its current phase or 0, the phase to move to).
#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct Due {
    org_id: i64,
    project_id: i64,
    current: i64,
    phase_id: i64,
}

/// For every published project: the latest phase that has started (by `starts_on`, then id),
/// when it is later than the current one.
const DUE_SQL: &str = "SELECT p.org_id, p.id AS project_id, COALESCE(p.current_phase_id, 0) AS current, ph.id AS phase_id \
     FROM projects p JOIN phases ph ON ph.project_id = p.id AND ph.org_id = p.org_id \
     LEFT JOIN phases cur ON cur.id = p.current_phase_id AND cur.org_id = p.org_id \
     WHERE p.status = 'published' AND ph.starts_on <= $1 \
     AND NOT EXISTS (SELECT 1 FROM phases later WHERE later.project_id = p.id AND later.org_id = p.org_id \
         AND later.starts_on <= $1 AND (later.starts_on > ph.starts_on OR (later.starts_on = ph.starts_on AND later.id > ph.id))) \
     AND (cur.id IS NULL OR ph.starts_on > cur.starts_on OR (ph.starts_on = cur.starts_on AND ph.id > cur.id)) \
     ORDER BY p.id";

/// Moves every published project whose next phase has started; returns how many moved.
/// Idempotent, and safe to run on several nodes at once.
pub async fn advance_due(state: &AppState) -> anyhow::Result<usize> {
    advance_due_on(state, &super::today()).await
}

/// [`advance_due`] as if today were `today` (`YYYY-MM-DD`), for tests.
pub async fn advance_due_on(state: &AppState, today: &str) -> anyhow::Result<usize> {
    let due: Vec<Due> = state.db.all(DUE_SQL, args![today]).await?;
    let mut moved = 0;
    let mut mails = 0;
    for d in due {
        let mut tx = state.db.begin().await?;
        if let Some(n) = move_tx(
            &mut tx,
            state,
            d.org_id,
            d.project_id,
            d.current,
            d.phase_id,
            None,
        )
        .await?
        {
            tx.commit().await?;
            moved += 1;
            mails += n;
        }
    }
    if mails > 0 {
        state.mail_wake.notify_one();
    }
    Ok(moved)
}

/// Moves a project from phase `from` (0 = none) to phase `to` in `tx`: the conditional
/// UPDATE, the audit entry (`actor` None = by the dates) and the authors' mails. Returns the
/// number of mails, or `None` if the project was not in `from` any more (someone else moved
/// it first) or `to` is not one of its phases; the caller then drops the transaction.
pub async fn move_tx(
    tx: &mut Tx,
    state: &AppState,
    org: i64,
    project: i64,
    from: i64,
    to: i64,
    actor: Option<i64>,
) -> DbResult<Option<usize>> {
    let n = tx
        .run(
            "UPDATE projects SET current_phase_id = $4, updated_at = $5 WHERE org_id = $1 AND id = $2 \
             AND COALESCE(current_phase_id, 0) = $3 \
             AND EXISTS (SELECT 1 FROM phases ph WHERE ph.id = $4 AND ph.org_id = $1 AND ph.project_id = $2)",
            args![org, project, from, to, now()],
        )
        .await?;
    if n == 0 {
        return Ok(None);
    }
    let (title, slug): (String, String) = tx
        .one(
            "SELECT title, slug FROM projects WHERE org_id = $1 AND id = $2",
            args![org, project],
        )
        .await?;
    let phase: String = tx
        .write_scalar(
            "SELECT name FROM phases WHERE org_id = $1 AND id = $2",
            args![org, to],
        )
        .await?;
    audit::record_tx(
        tx,
        Entry {
            org_id: org,
            actor_id: actor,
            action: if actor.is_some() {
                "phase.current"
            } else {
                "phase.advance"
            },
            object_type: "project",
            object_id: Some(project.to_string()),
            detail: format!("{from} -> {to}: {phase}"),
        },
    )
    .await?;
    let authors: Vec<(String, Option<String>)> = tx
        .all(
            "SELECT DISTINCT u.email, u.lang FROM idea_authors a \
             JOIN ideas i ON i.id = a.idea_id AND i.org_id = a.org_id \
             JOIN components c ON c.id = i.component_id AND c.org_id = i.org_id \
             JOIN users u ON u.id = a.user_id AND u.org_id = a.org_id \
             WHERE a.org_id = $1 AND c.project_id = $2 AND i.status <> 'draft' \
             AND u.email IS NOT NULL AND u.deleted_at IS NULL ORDER BY u.email",
            args![org, project],
        )
        .await?;
    let url = format!(
        "{}/projecten/{slug}",
        state.config.base_url.trim_end_matches('/')
    );
    for (email, lang) in &authors {
        let lang = lang.as_deref().and_then(Lang::parse).unwrap_or(Lang::Nl);
        let a = [
            ("project", title.clone()),
            ("phase", phase.clone()),
            ("url", url.clone()),
        ];
        enqueue_tx(
            tx,
            Mail {
                org_id: org,
                to: email,
                subject: t_args(lang, "project-mail-phase-subject", &a),
                body: t_args(lang, "project-mail-phase-body", &a),
            },
        )
        .await?;
    }
    Ok(Some(authors.len()))
}
