//! Staff screens for projects under `/beheer/projecten`: list, create and edit (with cover
//! upload), phases, news updates, components, publish and close, and themes. Every action
//! writes an audit entry in the same transaction as the change.

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::{
    components_of, has_ready_component, human_iso, human_ts, parse_date, slugify, valid_slug,
    STATUSES,
};
use crate::args;
use crate::audit::{self, Entry};
use crate::components::ComponentRef;
use crate::db::{now, DbError};
use crate::module::Routes;
use crate::state::AppState;
use crate::web::forms::{self, FieldErrors};
use crate::web::{render, AppError, AppResult, Ctx, Page};

pub(super) fn routes() -> Routes {
    Routes::new()
        .get("/beheer/projecten", list)
        .get("/beheer/projecten/nieuw", new_form)
        .post("/beheer/projecten/nieuw", create)
        .get("/beheer/projecten/{id}", manage)
        .get("/beheer/projecten/{id}/bewerken", edit_form)
        .post("/beheer/projecten/{id}/bewerken", update)
        .post("/beheer/projecten/{id}/status", set_status)
        .post("/beheer/projecten/{id}/fasen", add_phase)
        .post("/beheer/projecten/{id}/fasen/{phase}", edit_phase)
        .post("/beheer/projecten/{id}/fasen/{phase}/huidig", make_current)
        .get(
            "/beheer/projecten/{id}/fasen/{phase}/verwijderen",
            confirm_delete_phase,
        )
        .post(
            "/beheer/projecten/{id}/fasen/{phase}/verwijderen",
            delete_phase,
        )
        .post("/beheer/projecten/{id}/nieuws", add_update)
        .get(
            "/beheer/projecten/{id}/nieuws/{update}/verwijderen",
            confirm_delete_update,
        )
        .post(
            "/beheer/projecten/{id}/nieuws/{update}/verwijderen",
            delete_update,
        )
        .post("/beheer/projecten/{id}/onderdelen", add_component)
        .get(
            "/beheer/projecten/{id}/onderdelen/{component}/verwijderen",
            confirm_delete_component,
        )
        .post(
            "/beheer/projecten/{id}/onderdelen/{component}/verwijderen",
            delete_component,
        )
        .get("/beheer/themas", themes)
        .post("/beheer/themas", add_theme)
}

fn audit_entry<'a>(
    ctx: &Ctx,
    actor: i64,
    action: &'a str,
    object_type: &'a str,
    id: i64,
    detail: String,
) -> Entry<'a> {
    Entry {
        org_id: ctx.org.id,
        actor_id: Some(actor),
        action,
        object_type,
        object_id: Some(id.to_string()),
        detail,
    }
}

fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

fn with_status(status: StatusCode, res: AppResult<Response>) -> AppResult<Response> {
    res.map(|mut r| {
        *r.status_mut() = status;
        r
    })
}

// ---------------------------------------------------------------------------------------
// List

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct ListRow {
    id: i64,
    slug: String,
    title: String,
    status: String,
    updated_at: i64,
    components: i64,
}

struct ListItem {
    row: ListRow,
    updated: String,
}

#[derive(Template)]
#[template(path = "staff/projects/list.html")]
struct ListPage {
    page: Page,
    items: Vec<ListItem>,
}

async fn list(ctx: Ctx, State(state): State<AppState>) -> AppResult<Response> {
    ctx.require(crate::projects::MANAGE)?;
    let rows: Vec<ListRow> = state
        .db
        .all(
            "SELECT p.id, p.slug, p.title, p.status, p.updated_at, \
             (SELECT COUNT(*) FROM components c WHERE c.org_id = p.org_id AND c.project_id = p.id) AS components \
             FROM projects p WHERE p.org_id = $1 ORDER BY p.updated_at DESC, p.id DESC",
            args![ctx.org.id],
        )
        .await?;
    let items = rows
        .into_iter()
        .map(|row| ListItem {
            updated: human_ts(ctx.lang, row.updated_at),
            row,
        })
        .collect();
    render(&ListPage {
        page: ctx.page(ctx.t("pstaff-projects-title")),
        items,
    })
}

// ---------------------------------------------------------------------------------------
// Create and edit (multipart, because of the cover image)

#[derive(Default, Clone, Debug)]
pub struct ProjectInput {
    pub title: String,
    pub slug: String,
    pub summary: String,
    pub body: String,
    pub area_id: String,
    pub themes: Vec<String>,
    pub new_theme: String,
    pub contact_name: String,
    pub contact_email: String,
    pub status: String,
    /// A cover already stored (kept across a failed submission).
    pub cover_upload_id: String,
    pub remove_cover: bool,
    /// The cover's text alternative: required whenever there is a cover.
    pub cover_alt: String,
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct Option2 {
    id: i64,
    name: String,
}

#[derive(Template)]
#[template(path = "staff/projects/form.html")]
struct FormPage {
    page: Page,
    /// None for a new project.
    project_id: Option<i64>,
    input: ProjectInput,
    errors: FieldErrors,
    areas: Vec<Option2>,
    themes: Vec<Option2>,
    cover_key: Option<String>,
    statuses: Vec<(&'static str, String)>,
    max_mb: usize,
}

impl FormPage {
    fn theme_checked(&self, id: &i64) -> bool {
        self.input.themes.iter().any(|t| t.trim() == id.to_string())
    }
    fn status_selected(&self, v: &str) -> bool {
        self.input.status == v
    }
    fn area_selected(&self, id: &i64) -> bool {
        self.input.area_id.trim() == id.to_string()
    }
    fn err(&self, field: &str) -> String {
        self.errors.get(field).unwrap_or("").to_string()
    }
}

async fn render_form(
    ctx: &Ctx,
    state: &AppState,
    project_id: Option<i64>,
    input: ProjectInput,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let org = ctx.org.id;
    let areas: Vec<Option2> = state
        .db
        .all(
            "SELECT a.id, CASE WHEN d.name IS NULL THEN a.name ELSE d.name || ' – ' || a.name END AS name \
             FROM areas a LEFT JOIN areas d ON d.id = a.parent_id AND d.org_id = a.org_id \
             WHERE a.org_id = $1 ORDER BY COALESCE(d.name, a.name), CASE WHEN a.kind = 'district' THEN 0 ELSE 1 END, a.name",
            args![org],
        )
        .await?;
    let themes: Vec<Option2> = state
        .db
        .all(
            "SELECT id, name FROM themes WHERE org_id = $1 ORDER BY name",
            args![org],
        )
        .await?;
    let cover_key = match input.cover_upload_id.trim().parse::<i64>() {
        Ok(id) if !input.remove_cover => state
            .db
            .scalar::<String>(
                "SELECT storage_key FROM uploads WHERE org_id = $1 AND id = $2",
                args![org, id],
            )
            .await?
            .map(|k| crate::uploads::small_key(&k)),
        _ => None,
    };
    let title = if project_id.is_some() {
        ctx.t("pstaff-project-edit")
    } else {
        ctx.t("pstaff-project-new")
    };
    let statuses = STATUSES
        .iter()
        .map(|s| (*s, ctx.t(&format!("project-status-{s}"))))
        .collect();
    let tpl = FormPage {
        page: ctx.page(title),
        project_id,
        input,
        errors,
        areas,
        themes,
        cover_key,
        statuses,
        max_mb: crate::uploads::MAX_BYTES / (1024 * 1024),
    };
    with_status(status, render(&tpl))
}

async fn new_form(ctx: Ctx, State(state): State<AppState>) -> AppResult<Response> {
    ctx.require(crate::projects::MANAGE)?;
    let input = ProjectInput {
        status: "draft".into(),
        ..Default::default()
    };
    render_form(
        &ctx,
        &state,
        None,
        input,
        FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct EditRow {
    slug: String,
    title: String,
    summary: String,
    body_md: String,
    area_id: Option<i64>,
    contact_name: String,
    contact_email: String,
    status: String,
    cover_upload_id: Option<i64>,
    cover_alt: String,
}

async fn edit_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    ctx.require(crate::projects::MANAGE)?;
    let r: EditRow = state
        .db
        .opt(
            "SELECT slug, title, summary, body_md, area_id, contact_name, contact_email, status, cover_upload_id, cover_alt \
             FROM projects WHERE org_id = $1 AND id = $2",
            args![ctx.org.id, id],
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let themes: Vec<(i64,)> = state
        .db
        .all(
            "SELECT theme_id FROM project_themes WHERE org_id = $1 AND project_id = $2",
            args![ctx.org.id, id],
        )
        .await?;
    let input = ProjectInput {
        title: r.title,
        slug: r.slug,
        summary: r.summary,
        body: r.body_md,
        area_id: r.area_id.map(|a| a.to_string()).unwrap_or_default(),
        themes: themes.into_iter().map(|(t,)| t.to_string()).collect(),
        new_theme: String::new(),
        contact_name: r.contact_name,
        contact_email: r.contact_email,
        status: r.status,
        cover_upload_id: r.cover_upload_id.map(|c| c.to_string()).unwrap_or_default(),
        remove_cover: false,
        cover_alt: r.cover_alt,
    };
    render_form(
        &ctx,
        &state,
        Some(id),
        input,
        FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

/// What came in with the form besides the text fields.
struct Submitted {
    input: ProjectInput,
    cover: Option<(String, Vec<u8>)>,
    cover_too_large: bool,
    /// The whole body was over the server's limit; the rest of the form could not be read.
    body_too_large: bool,
}

async fn read_multipart(mp: Multipart) -> AppResult<Submitted> {
    let parts = crate::web::multipart::read(mp, &["cover"], crate::uploads::MAX_BYTES)
        .await
        .map_err(|_| AppError::BadRequest("Het formulier kon niet worden gelezen.".into()))?;
    let mut s = Submitted {
        input: ProjectInput::default(),
        cover: None,
        cover_too_large: false,
        body_too_large: parts.body_too_large,
    };
    if let Some(u) = parts.file("cover") {
        if u.too_large {
            s.cover_too_large = true;
        } else {
            s.cover = Some((u.file_name.clone(), u.bytes.clone()));
        }
    }
    for (name, value) in parts.fields {
        let i = &mut s.input;
        match name.as_str() {
            "title" => i.title = value,
            "slug" => i.slug = value,
            "summary" => i.summary = value,
            "body" => i.body = value,
            "area_id" => i.area_id = value,
            "themes" => i.themes.push(value),
            "new_theme" => i.new_theme = value,
            "contact_name" => i.contact_name = value,
            "contact_email" => i.contact_email = value,
            "status" => i.status = value,
            "cover_upload_id" => i.cover_upload_id = value,
            "remove_cover" => i.remove_cover = !value.is_empty(),
            "cover_alt" => i.cover_alt = value,
            _ => {}
        }
    }
    Ok(s)
}

/// Validated values ready to store.
struct Valid {
    title: String,
    slug: String,
    summary: String,
    body: String,
    area_id: Option<i64>,
    theme_ids: Vec<i64>,
    new_theme: String,
    contact_name: String,
    contact_email: String,
    status: String,
    cover_upload_id: Option<i64>,
}

fn validate(ctx: &Ctx, input: &mut ProjectInput, errors: &mut FieldErrors) -> Valid {
    let lang = ctx.lang;
    let title = forms::text(errors, "title", &input.title, 3, 120, lang);
    let mut slug = input.slug.trim().to_lowercase();
    if slug.is_empty() {
        slug = slugify(&title);
    }
    if !errors.has("title") && !valid_slug(&slug) {
        errors.add("slug", ctx.t("project-error-slug"));
    }
    input.slug = slug.clone();
    let summary = forms::text(errors, "summary", &input.summary, 0, 300, lang);
    let body = forms::text(errors, "body", &input.body, 0, 20_000, lang);
    let area_id = input.area_id.trim().parse::<i64>().ok();
    let theme_ids = input
        .themes
        .iter()
        .filter_map(|t| t.trim().parse::<i64>().ok())
        .collect();
    let new_theme = forms::text(errors, "new_theme", &input.new_theme, 0, 60, lang);
    if !new_theme.is_empty() && slugify(&new_theme).is_empty() {
        errors.add("new_theme", ctx.t("project-error-theme"));
    }
    let contact_name = forms::text(errors, "contact_name", &input.contact_name, 0, 120, lang);
    let contact_email = if input.contact_email.trim().is_empty() {
        String::new()
    } else {
        forms::email(errors, "contact_email", &input.contact_email, lang)
    };
    let status = input.status.trim().to_string();
    let status = if STATUSES.contains(&status.as_str()) {
        status
    } else {
        "draft".to_string()
    };
    input.status = status.clone();
    let cover_upload_id = if input.remove_cover {
        None
    } else {
        input.cover_upload_id.trim().parse::<i64>().ok()
    };
    Valid {
        title,
        slug,
        summary,
        body,
        area_id,
        theme_ids,
        new_theme,
        contact_name,
        contact_email,
        status,
        cover_upload_id,
    }
}

/// Reads, validates and stores a project form. `id` is None for a new project.
async fn save(ctx: Ctx, state: AppState, id: Option<i64>, mp: Multipart) -> AppResult<Response> {
    let user = ctx.require(crate::projects::MANAGE)?.id;
    let org = ctx.org.id;
    if let Some(id) = id {
        state
            .db
            .scalar::<i64>(
                "SELECT id FROM projects WHERE org_id = $1 AND id = $2",
                args![org, id],
            )
            .await?
            .ok_or(AppError::NotFound)?;
    }
    let sub = read_multipart(mp).await?;
    let mut input = sub.input;
    let mut errors = FieldErrors::new();
    let v = validate(&ctx, &mut input, &mut errors);
    let mut status_code = StatusCode::UNPROCESSABLE_ENTITY;
    if sub.body_too_large {
        errors.add("cover", ctx.t("upload-body-too-large"));
        status_code = StatusCode::PAYLOAD_TOO_LARGE;
    } else if sub.cover_too_large {
        errors.add("cover", ctx.t("upload-too-large"));
    }
    let mut cover_upload_id = v.cover_upload_id;
    if let Some((name, bytes)) = sub.cover {
        match crate::uploads::store_image(&state, org, Some(user), &name, bytes).await {
            Ok(img) => {
                cover_upload_id = Some(img.id);
                input.cover_upload_id = img.id.to_string();
                input.remove_cover = false;
                audit::record(
                    &state.db,
                    audit_entry(&ctx, user, "upload.create", "upload", img.id, name),
                )
                .await?;
            }
            Err(crate::uploads::UploadError::Internal(e)) => return Err(AppError::Internal(e)),
            Err(e) => errors.add("cover", ctx.t(e.message_key())),
        }
    }
    // A cover needs a text alternative for people who cannot see it (a new one, or the one
    // kept). Without a cover none is stored.
    let cover_alt = input.cover_alt.trim().to_string();
    input.cover_alt = cover_alt.clone();
    if cover_upload_id.is_some() {
        let n = cover_alt.chars().count();
        if n < 3 {
            errors.add("cover_alt", ctx.t("project-error-cover-alt"));
        } else if n > 200 {
            errors.add("cover_alt", ctx.t("project-error-cover-alt-long"));
        }
    }
    let cover_alt = if cover_upload_id.is_some() {
        cover_alt
    } else {
        String::new()
    };
    // The publishing rule also holds when the status is chosen on this form.
    if v.status == "published" {
        let ready = match id {
            Some(id) => has_ready_component(&state, org, id).await?,
            None => false,
        };
        if !ready {
            errors.add("status", ctx.t("project-error-publish"));
        }
    }
    if !errors.is_empty() {
        return render_form(&ctx, &state, id, input, errors, status_code).await;
    }
    let t = now();
    let mut tx = state.db.begin().await?;
    let saved = match id {
        None => {
            tx.write_scalar::<i64>(
                "INSERT INTO projects (org_id, slug, title, summary, body_md, cover_upload_id, area_id, contact_name, \
                 contact_email, status, created_at, updated_at, cover_alt) VALUES ($1, $2, $3, $4, $5, \
                 (SELECT id FROM uploads WHERE org_id = $1 AND id = $6), (SELECT id FROM areas WHERE org_id = $1 AND id = $7), \
                 $8, $9, $10, $11, $11, $12) RETURNING id",
                args![org, &v.slug, &v.title, &v.summary, &v.body, cover_upload_id, v.area_id, &v.contact_name, &v.contact_email, &v.status, t, &cover_alt],
            )
            .await
        }
        Some(id) => tx
            .run(
                "UPDATE projects SET slug = $3, title = $4, summary = $5, body_md = $6, \
                 cover_upload_id = (SELECT id FROM uploads WHERE org_id = $1 AND id = $7), \
                 area_id = (SELECT id FROM areas WHERE org_id = $1 AND id = $8), contact_name = $9, contact_email = $10, \
                 status = $11, updated_at = $12, cover_alt = $13 WHERE org_id = $1 AND id = $2",
                args![org, id, &v.slug, &v.title, &v.summary, &v.body, cover_upload_id, v.area_id, &v.contact_name, &v.contact_email, &v.status, t, &cover_alt],
            )
            .await
            .map(|_| id),
    };
    let pid = match saved {
        Ok(pid) => pid,
        Err(DbError::Unique(_)) => {
            drop(tx);
            errors.add("slug", ctx.t("project-error-slug-taken"));
            return render_form(
                &ctx,
                &state,
                id,
                input,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
        Err(e) => return Err(e.into()),
    };
    tx.run(
        "DELETE FROM project_themes WHERE org_id = $1 AND project_id = $2",
        args![org, pid],
    )
    .await?;
    let mut theme_ids = v.theme_ids.clone();
    if !v.new_theme.is_empty() {
        let slug = slugify(&v.new_theme);
        tx.run(
            "INSERT INTO themes (org_id, name, slug) VALUES ($1, $2, $3) ON CONFLICT (org_id, slug) DO NOTHING",
            args![org, &v.new_theme, &slug],
        )
        .await?;
        if let Some(tid) = tx
            .scalar::<i64>(
                "SELECT id FROM themes WHERE org_id = $1 AND slug = $2",
                args![org, &slug],
            )
            .await?
        {
            theme_ids.push(tid);
        }
    }
    theme_ids.sort_unstable();
    theme_ids.dedup();
    for tid in theme_ids {
        tx.run(
            "INSERT INTO project_themes (org_id, project_id, theme_id) SELECT $1, $2, id FROM themes WHERE org_id = $1 AND id = $3",
            args![org, pid, tid],
        )
        .await?;
    }
    let action = if id.is_some() {
        "project.update"
    } else {
        "project.create"
    };
    audit::record_tx(
        &mut tx,
        audit_entry(&ctx, user, action, "project", pid, v.title.clone()),
    )
    .await?;
    tx.commit().await?;
    // Public filters list areas and themes from a cache (`OrgDirectory::taxonomy`).
    state.orgs.clear();
    Ok(see_other(&format!("/beheer/projecten/{pid}?melding=saved")))
}

async fn create(ctx: Ctx, State(state): State<AppState>, mp: Multipart) -> AppResult<Response> {
    save(ctx, state, None, mp).await
}

async fn update(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    mp: Multipart,
) -> AppResult<Response> {
    save(ctx, state, Some(id), mp).await
}

// ---------------------------------------------------------------------------------------
// The manage page: status, phases, updates, components

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct ProjectHead {
    id: i64,
    slug: String,
    title: String,
    status: String,
}

struct PhaseRow {
    id: i64,
    name: String,
    starts_on: String,
    ends_on: String,
    label: String,
    /// Budgeting step (`schedule::STEPS`) or empty.
    step: String,
    current: bool,
}

struct UpdateRow {
    id: i64,
    title: String,
    date: String,
}

struct ComponentRow {
    id: i64,
    title: String,
    kind_name: String,
    ready: bool,
    staff_url: String,
}

/// Input and errors of the forms on the manage page, kept after a failed submission.
#[derive(Default)]
struct ManageState {
    errors: FieldErrors,
    phase: PhaseForm,
    /// Which existing phase the edit errors belong to.
    edit_phase: Option<i64>,
    edit: PhaseForm,
    update: UpdateForm,
    component: ComponentForm,
}

#[derive(Template)]
#[template(path = "staff/projects/manage.html")]
struct ManagePage {
    page: Page,
    p: ProjectHead,
    phases: Vec<PhaseRow>,
    updates: Vec<UpdateRow>,
    components: Vec<ComponentRow>,
    kinds: Vec<(&'static str, String)>,
    st: ManageState,
    status_label: String,
}

impl ManagePage {
    fn err(&self, field: &str) -> String {
        self.st.errors.get(field).unwrap_or("").to_string()
    }
    fn kind_selected(&self, v: &str) -> bool {
        self.st.component.kind == v
    }
    fn editing(&self, id: &i64) -> bool {
        self.st.edit_phase == Some(*id)
    }
    /// The options of a phase's step select: value, label, selected.
    fn step_options(&self, selected: &str) -> Vec<(&'static str, String, bool)> {
        std::iter::once((
            "",
            self.page.t("pstaff-phase-step-none"),
            selected.is_empty(),
        ))
        .chain(super::schedule::STEPS.iter().map(|s| {
            (
                *s,
                self.page.t(&format!("project-step-{s}")),
                selected == *s,
            )
        }))
        .collect()
    }
}

async fn project_head(ctx: &Ctx, state: &AppState, id: i64) -> AppResult<ProjectHead> {
    state
        .db
        .opt(
            "SELECT id, slug, title, status FROM projects WHERE org_id = $1 AND id = $2",
            args![ctx.org.id, id],
        )
        .await?
        .ok_or(AppError::NotFound)
}

async fn render_manage(
    ctx: &Ctx,
    state: &AppState,
    id: i64,
    st: ManageState,
    status: StatusCode,
) -> AppResult<Response> {
    let org = ctx.org.id;
    let p = project_head(ctx, state, id).await?;
    let phases = state
        .db
        .all::<(i64, String, String, String, String, bool)>(
            "SELECT ph.id, ph.name, ph.starts_on, ph.ends_on, ph.step, \
             COALESCE(p.current_phase_id = ph.id, FALSE) FROM phases ph \
             JOIN projects p ON p.id = ph.project_id AND p.org_id = ph.org_id \
             WHERE ph.org_id = $1 AND ph.project_id = $2 ORDER BY ph.starts_on, ph.id",
            args![org, id],
        )
        .await?
        .into_iter()
        .map(|(id, name, s, e, step, current)| PhaseRow {
            label: format!("{} – {}", human_iso(ctx.lang, &s), human_iso(ctx.lang, &e)),
            id,
            name,
            starts_on: s,
            ends_on: e,
            step,
            current,
        })
        .collect();
    let updates = state
        .db
        .all::<(i64, String, i64)>(
            "SELECT id, title, published_at FROM project_updates WHERE org_id = $1 AND project_id = $2 ORDER BY published_at DESC, id DESC",
            args![org, id],
        )
        .await?
        .into_iter()
        .map(|(id, title, at)| UpdateRow { id, title, date: human_ts(ctx.lang, at) })
        .collect();
    let mut components = Vec::new();
    for c in components_of(&state.db, org, id).await? {
        let (Some(m), Some(k)) = (state.modules.get(&c.kind), state.modules.component(&c.kind))
        else {
            continue;
        };
        components.push(ComponentRow {
            id: c.id,
            title: c.title.clone(),
            kind_name: m.name(ctx.lang),
            ready: k.is_ready(state, &c).await?,
            staff_url: k.staff_url(&c),
        });
    }
    let kinds = state
        .modules
        .enabled(&ctx.org)
        .filter(|m| m.component().is_some())
        .map(|m| (m.key(), m.name(ctx.lang)))
        .collect();
    let status_label = ctx.t(&format!("project-status-{}", p.status));
    let tpl = ManagePage {
        page: ctx.page(p.title.clone()),
        p,
        phases,
        updates,
        components,
        kinds,
        st,
        status_label,
    };
    with_status(status, render(&tpl))
}

async fn manage(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    ctx.require(crate::projects::MANAGE)?;
    render_manage(&ctx, &state, id, ManageState::default(), StatusCode::OK).await
}

#[derive(Deserialize)]
struct StatusForm {
    status: String,
}

async fn set_status(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(f): Form<StatusForm>,
) -> AppResult<Response> {
    let user = ctx.require(crate::projects::MANAGE)?.id;
    let org = ctx.org.id;
    let p = project_head(&ctx, &state, id).await?;
    if !STATUSES.contains(&f.status.as_str()) {
        return Err(AppError::BadRequest(ctx.t("project-error-status")));
    }
    if f.status == "published" && !has_ready_component(&state, org, id).await? {
        let mut st = ManageState::default();
        st.errors.add("status", ctx.t("project-error-publish"));
        return render_manage(&ctx, &state, id, st, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let mut tx = state.db.begin().await?;
    tx.run(
        "UPDATE projects SET status = $3, updated_at = $4 WHERE org_id = $1 AND id = $2",
        args![org, id, &f.status, now()],
    )
    .await?;
    let action = match f.status.as_str() {
        "published" => "project.publish",
        "closed" => "project.close",
        _ => "project.unpublish",
    };
    audit::record_tx(
        &mut tx,
        audit_entry(&ctx, user, action, "project", id, p.title),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/beheer/projecten/{id}?melding=project-{}",
        f.status
    )))
}

#[derive(Deserialize, Default, Clone)]
struct PhaseForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    starts_on: String,
    #[serde(default)]
    ends_on: String,
    /// The step of the budgeting flow (`schedule::STEPS`), or empty. Absent = unchanged
    /// when editing, none when adding.
    #[serde(default)]
    step: Option<String>,
}

/// The posted step, if it is one of the budgeting steps ('' for none).
fn step_of(f: &PhaseForm) -> Option<String> {
    f.step.as_deref().map(|s| {
        let s = s.trim();
        if super::schedule::STEPS.contains(&s) {
            s.to_string()
        } else {
            String::new()
        }
    })
}

/// Checks a phase; `prefix` picks the field names ("phase" for the add form, "edit" for an
/// existing phase).
fn validate_phase(
    ctx: &Ctx,
    f: &PhaseForm,
    errors: &mut FieldErrors,
    edit: bool,
) -> Option<(String, String, String)> {
    let (n, s, e) = if edit {
        ("edit_name", "edit_start", "edit_end")
    } else {
        ("phase_name", "phase_start", "phase_end")
    };
    let name = forms::text(errors, n, &f.name, 1, 100, ctx.lang);
    let start = parse_date(&f.starts_on);
    let end = parse_date(&f.ends_on);
    if start.is_none() {
        errors.add(s, ctx.t("project-error-date"));
    }
    if end.is_none() {
        errors.add(e, ctx.t("project-error-date"));
    }
    if let (Some(a), Some(b)) = (start, end) {
        if b < a {
            errors.add(e, ctx.t("project-error-phase-order"));
        }
    }
    if !errors.is_empty() {
        return None;
    }
    Some((
        name,
        f.starts_on.trim().to_string(),
        f.ends_on.trim().to_string(),
    ))
}

async fn add_phase(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(f): Form<PhaseForm>,
) -> AppResult<Response> {
    let user = ctx.require(crate::projects::MANAGE)?.id;
    let org = ctx.org.id;
    project_head(&ctx, &state, id).await?;
    let mut errors = FieldErrors::new();
    let Some((name, s, e)) = validate_phase(&ctx, &f, &mut errors, false) else {
        let st = ManageState {
            errors,
            phase: f,
            ..Default::default()
        };
        return render_manage(&ctx, &state, id, st, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let mut tx = state.db.begin().await?;
    let pid = tx
        .write_scalar::<i64>(
            "INSERT INTO phases (org_id, project_id, name, starts_on, ends_on, step) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            args![org, id, &name, &s, &e, step_of(&f).unwrap_or_default()],
        )
        .await?;
    audit::record_tx(
        &mut tx,
        audit_entry(&ctx, user, "phase.create", "phase", pid, name),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/beheer/projecten/{id}?melding=saved#fasen"
    )))
}

async fn edit_phase(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, phase)): Path<(i64, i64)>,
    Form(f): Form<PhaseForm>,
) -> AppResult<Response> {
    let user = ctx.require(crate::projects::MANAGE)?.id;
    let org = ctx.org.id;
    project_head(&ctx, &state, id).await?;
    let mut errors = FieldErrors::new();
    let Some((name, s, e)) = validate_phase(&ctx, &f, &mut errors, true) else {
        let st = ManageState {
            errors,
            edit_phase: Some(phase),
            edit: f,
            ..Default::default()
        };
        return render_manage(&ctx, &state, id, st, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let mut tx = state.db.begin().await?;
    let n = tx
        .run(
            "UPDATE phases SET name = $4, starts_on = $5, ends_on = $6, step = COALESCE($7, step) \
             WHERE org_id = $1 AND project_id = $2 AND id = $3",
            args![org, id, phase, &name, &s, &e, step_of(&f)],
        )
        .await?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    audit::record_tx(
        &mut tx,
        audit_entry(&ctx, user, "phase.update", "phase", phase, name),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/beheer/projecten/{id}?melding=saved#fasen"
    )))
}

/// Staff make a phase the current one (forwards or back): audited, and idea authors are
/// mailed, in one transaction with a conditional UPDATE (see `schedule::move_tx`).
async fn make_current(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, phase)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let user = ctx.require(crate::projects::MANAGE)?.id;
    let org = ctx.org.id;
    project_head(&ctx, &state, id).await?;
    let current: i64 = state
        .db
        .scalar::<Option<i64>>(
            "SELECT current_phase_id FROM projects WHERE org_id = $1 AND id = $2",
            args![org, id],
        )
        .await?
        .flatten()
        .unwrap_or(0);
    if current == phase {
        return Ok(see_other(&format!("/beheer/projecten/{id}#fasen")));
    }
    let mut tx = state.db.begin().await?;
    match super::schedule::move_tx(&mut tx, &state, org, id, current, phase, Some(user)).await? {
        Some(mails) => {
            tx.commit().await?;
            if mails > 0 {
                state.mail_wake.notify_one();
            }
            Ok(see_other(&format!(
                "/beheer/projecten/{id}?melding=phase-current#fasen"
            )))
        }
        None => {
            drop(tx);
            let exists = state
                .db
                .scalar::<i64>(
                    "SELECT id FROM phases WHERE org_id = $1 AND project_id = $2 AND id = $3",
                    args![org, id, phase],
                )
                .await?
                .is_some();
            if exists {
                Err(AppError::Conflict(ctx.t("pstaff-error-phase-moved")))
            } else {
                Err(AppError::NotFound)
            }
        }
    }
}

#[derive(Template)]
#[template(path = "staff/projects/confirm.html")]
struct ConfirmPage {
    page: Page,
    question: String,
    action: String,
    back: String,
}

async fn confirm(ctx: &Ctx, question: String, action: String, back: String) -> AppResult<Response> {
    render(&ConfirmPage {
        page: ctx.page(ctx.t("pstaff-confirm-title")),
        question,
        action,
        back,
    })
}

/// The confirmation page before deleting one named row of a project (a phase, an update, a
/// component): `name_sql` fetches its name by (org, project, row), `key` is the question.
async fn confirm_delete_child(
    ctx: &Ctx,
    state: &AppState,
    (id, child): (i64, i64),
    name_sql: &'static str,
    key: &str,
    arg: &'static str,
    segment: &str,
) -> AppResult<Response> {
    ctx.require(crate::projects::MANAGE)?;
    let name = state
        .db
        .scalar::<String>(name_sql, args![ctx.org.id, id, child])
        .await?
        .ok_or(AppError::NotFound)?;
    let q = crate::web::i18n::t_args(ctx.lang, key, &[(arg, name)]);
    confirm(
        ctx,
        q,
        format!("/beheer/projecten/{id}/{segment}/{child}/verwijderen"),
        format!("/beheer/projecten/{id}"),
    )
    .await
}

async fn confirm_delete_phase(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(ids): Path<(i64, i64)>,
) -> AppResult<Response> {
    const SQL: &str = "SELECT name FROM phases WHERE org_id = $1 AND project_id = $2 AND id = $3";
    confirm_delete_child(
        &ctx,
        &state,
        ids,
        SQL,
        "pstaff-confirm-delete-phase",
        "name",
        "fasen",
    )
    .await
}

/// Deletes one row of a project (a phase or an update) and audits it, in one transaction.
/// `delete_sql` is scoped by (org, project, row), so another municipality's id is a 404.
async fn delete_child(
    ctx: &Ctx,
    state: &AppState,
    (id, child): (i64, i64),
    delete_sql: &'static str,
    (action, object_type): (&str, &str),
    anchor: &str,
) -> AppResult<Response> {
    let user = ctx.require(crate::projects::MANAGE)?.id;
    let mut tx = state.db.begin().await?;
    let n = tx.run(delete_sql, args![ctx.org.id, id, child]).await?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    audit::record_tx(
        &mut tx,
        audit_entry(ctx, user, action, object_type, child, String::new()),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/beheer/projecten/{id}?melding=deleted#{anchor}"
    )))
}

async fn delete_phase(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(ids): Path<(i64, i64)>,
) -> AppResult<Response> {
    const SQL: &str = "DELETE FROM phases WHERE org_id = $1 AND project_id = $2 AND id = $3";
    delete_child(&ctx, &state, ids, SQL, ("phase.delete", "phase"), "fasen").await
}

#[derive(Deserialize, Default, Clone)]
struct UpdateForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
}

async fn add_update(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(f): Form<UpdateForm>,
) -> AppResult<Response> {
    let user = ctx.require(crate::projects::MANAGE)?.id;
    let org = ctx.org.id;
    project_head(&ctx, &state, id).await?;
    let mut errors = FieldErrors::new();
    let title = forms::text(&mut errors, "update_title", &f.title, 3, 150, ctx.lang);
    let body = forms::text(&mut errors, "update_body", &f.body, 1, 20_000, ctx.lang);
    if !errors.is_empty() {
        let st = ManageState {
            errors,
            update: f,
            ..Default::default()
        };
        return render_manage(&ctx, &state, id, st, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let mut tx = state.db.begin().await?;
    let uid = tx
        .write_scalar::<i64>(
            "INSERT INTO project_updates (org_id, project_id, title, body_md, published_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            args![org, id, &title, &body, now()],
        )
        .await?;
    tx.run(
        "UPDATE projects SET updated_at = $3 WHERE org_id = $1 AND id = $2",
        args![org, id, now()],
    )
    .await?;
    audit::record_tx(
        &mut tx,
        audit_entry(&ctx, user, "update.create", "project_update", uid, title),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/beheer/projecten/{id}?melding=saved#nieuws"
    )))
}

async fn confirm_delete_update(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(ids): Path<(i64, i64)>,
) -> AppResult<Response> {
    const SQL: &str =
        "SELECT title FROM project_updates WHERE org_id = $1 AND project_id = $2 AND id = $3";
    confirm_delete_child(
        &ctx,
        &state,
        ids,
        SQL,
        "pstaff-confirm-delete-update",
        "title",
        "nieuws",
    )
    .await
}

async fn delete_update(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(ids): Path<(i64, i64)>,
) -> AppResult<Response> {
    const SQL: &str =
        "DELETE FROM project_updates WHERE org_id = $1 AND project_id = $2 AND id = $3";
    delete_child(
        &ctx,
        &state,
        ids,
        SQL,
        ("update.delete", "project_update"),
        "nieuws",
    )
    .await
}

#[derive(Deserialize, Default, Clone)]
struct ComponentForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    title: String,
}

async fn add_component(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(f): Form<ComponentForm>,
) -> AppResult<Response> {
    let user = ctx.require(crate::projects::MANAGE)?.id;
    let org = ctx.org.id;
    project_head(&ctx, &state, id).await?;
    let mut errors = FieldErrors::new();
    let title = forms::text(&mut errors, "comp_title", &f.title, 3, 120, ctx.lang);
    let kind = state
        .modules
        .component(f.kind.trim())
        .filter(|k| ctx.org.module_on(k.kind()));
    if kind.is_none() {
        errors.add("comp_kind", ctx.t("project-error-kind"));
    }
    let Some(kind) = kind.filter(|_| errors.is_empty()) else {
        let st = ManageState {
            errors,
            component: f,
            ..Default::default()
        };
        return render_manage(&ctx, &state, id, st, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    // The components row and the component's own rows commit together.
    let mut tx = state.db.begin().await?;
    let position = tx
        .scalar::<i64>(
            "SELECT CAST(COALESCE(MAX(position), 0) + 1 AS BIGINT) FROM components WHERE org_id = $1 AND project_id = $2",
            args![org, id],
        )
        .await?
        .unwrap_or(1);
    let cid = tx
        .write_scalar::<i64>(
            "INSERT INTO components (org_id, project_id, kind, title, position, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            args![org, id, kind.kind(), &title, position, now()],
        )
        .await?;
    let c = ComponentRef {
        id: cid,
        org_id: org,
        project_id: id,
        kind: kind.kind().to_string(),
        title: title.clone(),
        position,
    };
    kind.create(&mut tx, &c).await?;
    audit::record_tx(
        &mut tx,
        audit_entry(&ctx, user, "component.create", kind.kind(), cid, title),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!("{}?melding=saved", kind.staff_url(&c))))
}

async fn confirm_delete_component(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(ids): Path<(i64, i64)>,
) -> AppResult<Response> {
    const SQL: &str =
        "SELECT title FROM components WHERE org_id = $1 AND project_id = $2 AND id = $3";
    confirm_delete_child(
        &ctx,
        &state,
        ids,
        SQL,
        "pstaff-confirm-delete-component",
        "title",
        "onderdelen",
    )
    .await
}

async fn delete_component(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, comp)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let user = ctx.require(crate::projects::MANAGE)?.id;
    let org = ctx.org.id;
    let p = project_head(&ctx, &state, id).await?;
    let count = components_of(&state.db, org, id).await?.len();
    if p.status == "published" && count <= 1 {
        let mut st = ManageState::default();
        st.errors
            .add("status", ctx.t("project-error-last-component"));
        return render_manage(&ctx, &state, id, st, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let mut tx = state.db.begin().await?;
    let n = tx
        .run(
            "DELETE FROM components WHERE org_id = $1 AND project_id = $2 AND id = $3",
            args![org, id, comp],
        )
        .await?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    audit::record_tx(
        &mut tx,
        audit_entry(
            &ctx,
            user,
            "component.delete",
            "component",
            comp,
            String::new(),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!(
        "/beheer/projecten/{id}?melding=deleted#onderdelen"
    )))
}

// ---------------------------------------------------------------------------------------
// Themes

#[derive(Template)]
#[template(path = "staff/projects/themes.html")]
struct ThemesPage {
    page: Page,
    themes: Vec<(String, String, i64)>,
    name: String,
    errors: FieldErrors,
}

impl ThemesPage {
    fn err(&self, field: &str) -> String {
        self.errors.get(field).unwrap_or("").to_string()
    }
}

async fn render_themes(
    ctx: &Ctx,
    state: &AppState,
    name: String,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let themes = state
        .db
        .all(
            "SELECT t.name, t.slug, (SELECT COUNT(*) FROM project_themes pt WHERE pt.org_id = t.org_id AND pt.theme_id = t.id) AS n \
             FROM themes t WHERE t.org_id = $1 ORDER BY t.name",
            args![ctx.org.id],
        )
        .await?;
    with_status(
        status,
        render(&ThemesPage {
            page: ctx.page(ctx.t("pstaff-themes-title")),
            themes,
            name,
            errors,
        }),
    )
}

async fn themes(ctx: Ctx, State(state): State<AppState>) -> AppResult<Response> {
    ctx.require(crate::projects::MANAGE)?;
    render_themes(
        &ctx,
        &state,
        String::new(),
        FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

#[derive(Deserialize)]
struct ThemeForm {
    #[serde(default)]
    name: String,
}

async fn add_theme(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(f): Form<ThemeForm>,
) -> AppResult<Response> {
    let user = ctx.require(crate::projects::MANAGE)?.id;
    let mut errors = FieldErrors::new();
    let name = forms::text(&mut errors, "name", &f.name, 2, 60, ctx.lang);
    let slug = slugify(&name);
    if errors.is_empty() && slug.is_empty() {
        errors.add("name", ctx.t("project-error-theme"));
    }
    if !errors.is_empty() {
        return render_themes(
            &ctx,
            &state,
            f.name,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let mut tx = state.db.begin().await?;
    match tx
        .write_scalar::<i64>(
            "INSERT INTO themes (org_id, name, slug) VALUES ($1, $2, $3) RETURNING id",
            args![ctx.org.id, &name, &slug],
        )
        .await
    {
        Ok(tid) => {
            audit::record_tx(
                &mut tx,
                audit_entry(&ctx, user, "theme.create", "theme", tid, name),
            )
            .await?;
            tx.commit().await?;
            // Public filters list areas and themes from a cache (`OrgDirectory::taxonomy`).
            state.orgs.clear();
            Ok(see_other("/beheer/themas?melding=saved"))
        }
        Err(DbError::Unique(_)) => {
            drop(tx);
            errors.add("name", ctx.t("project-error-theme-taken"));
            render_themes(
                &ctx,
                &state,
                f.name,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
