//! `/beheer`: figures for this municipality and the latest audit entries.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::auditlog::{recent, AuditView};
use crate::args;
use crate::state::AppState;
use crate::web::{render, AppResult, Ctx, Page};

pub(crate) struct Figure {
    pub label: String,
    pub value: i64,
}

pub(crate) struct ComponentFigures {
    pub name: String,
    pub figures: Vec<Figure>,
}

#[derive(Template)]
#[template(path = "staff/dashboard.html")]
struct Dashboard {
    page: Page,
    figures: Vec<Figure>,
    components: Vec<ComponentFigures>,
    audit: Vec<AuditView>,
    is_admin: bool,
}

pub async fn show(ctx: Ctx, State(state): State<AppState>) -> AppResult<Response> {
    let user = ctx.require_any_staff()?;
    let is_admin = user.can(super::AUDIT);
    let org = ctx.org.id;
    let db = &state.db;

    let members: i64 = db
        .scalar(
            "SELECT COUNT(*) FROM users WHERE org_id = $1 AND deleted_at IS NULL",
            args![org],
        )
        .await?
        .unwrap_or(0);
    let verified: i64 = db
        .scalar(
            "SELECT COUNT(*) FROM users WHERE org_id = $1 AND deleted_at IS NULL AND email_verified_at IS NOT NULL",
            args![org],
        )
        .await?
        .unwrap_or(0);
    let staff: i64 = db
        .scalar(
            "SELECT COUNT(DISTINCT user_id) FROM role_assignments WHERE org_id = $1",
            args![org],
        )
        .await?
        .unwrap_or(0);
    let by_status: Vec<(String, i64)> = db
        .all(
            "SELECT status, COUNT(*) FROM projects WHERE org_id = $1 GROUP BY status",
            args![org],
        )
        .await?;
    let open_components: i64 = db
        .scalar(
            "SELECT COUNT(*) FROM components c JOIN projects p ON p.id = c.project_id \
             WHERE c.org_id = $1 AND p.org_id = $1 AND p.status = 'published'",
            args![org],
        )
        .await?
        .unwrap_or(0);
    let outbox: Vec<(String, i64)> = db
        .all(
            "SELECT status, COUNT(*) FROM outbox WHERE org_id = $1 GROUP BY status",
            args![org],
        )
        .await?;
    let areas: i64 = db
        .scalar("SELECT COUNT(*) FROM areas WHERE org_id = $1", args![org])
        .await?
        .unwrap_or(0);

    let count_of = |rows: &[(String, i64)], key: &str| {
        rows.iter()
            .find(|(k, _)| k == key)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    };
    let mut figures = vec![
        Figure {
            label: ctx.t("beheer-dash-members"),
            value: members,
        },
        Figure {
            label: ctx.t("beheer-dash-verified"),
            value: verified,
        },
        Figure {
            label: ctx.t("beheer-dash-staff"),
            value: staff,
        },
        Figure {
            label: ctx.t("beheer-dash-projects-draft"),
            value: count_of(&by_status, "draft"),
        },
        Figure {
            label: ctx.t("beheer-dash-projects-published"),
            value: count_of(&by_status, "published"),
        },
        Figure {
            label: ctx.t("beheer-dash-projects-closed"),
            value: count_of(&by_status, "closed"),
        },
        Figure {
            label: ctx.t("beheer-dash-open-components"),
            value: open_components,
        },
        Figure {
            label: ctx.t("beheer-dash-areas"),
            value: areas,
        },
    ];
    figures.push(Figure {
        label: ctx.t("beheer-dash-outbox-pending"),
        value: count_of(&outbox, "pending"),
    });
    figures.push(Figure {
        label: ctx.t("beheer-dash-outbox-failed"),
        value: count_of(&outbox, "failed"),
    });

    let mut components = Vec::new();
    for m in state.modules.enabled(&ctx.org) {
        let stats = m.dashboard(&state, org, ctx.lang).await?;
        if stats.is_empty() {
            continue;
        }
        components.push(ComponentFigures {
            name: m.name(ctx.lang),
            figures: stats
                .into_iter()
                .map(|s| Figure {
                    label: s.label,
                    value: s.value,
                })
                .collect(),
        });
    }

    // The audit log is for admins; other staff see the figures only.
    let audit = if is_admin {
        recent(&state, org, 10).await?
    } else {
        Vec::new()
    };
    render(&Dashboard {
        page: ctx.page(ctx.t("staff-dashboard")),
        figures,
        components,
        audit,
        is_admin,
    })
}
