//! `/beheer/instellingen`: the municipality's name, language, sender, theme and statements.
//! (Themes for projects live at `/beheer/themas`, in `projects::staff`.)

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use crate::app::AppState;
use crate::args;
use crate::audit::{self, Entry};
use crate::web::{forms, render, AppResult, Ctx, FieldErrors, Page, Role};

#[derive(Deserialize, Default, Clone)]
pub struct SettingsForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    default_lang: String,
    #[serde(default)]
    email_from: String,
    #[serde(default)]
    primary_color: String,
    #[serde(default)]
    secondary_color: String,
    #[serde(default)]
    font: String,
    #[serde(default)]
    privacy_md: String,
    #[serde(default)]
    accessibility_md: String,
}

#[derive(Template)]
#[template(path = "staff/settings.html")]
struct SettingsPage {
    page: Page,
    form: SettingsForm,
    errors: FieldErrors,
}

fn settings_page(ctx: &Ctx, form: SettingsForm, errors: FieldErrors) -> AppResult<Response> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let tpl = SettingsPage {
        page: ctx.page(ctx.t("staff-settings")),
        form,
        errors,
    };
    Ok((status, render(&tpl)?).into_response())
}

pub async fn edit(ctx: Ctx) -> AppResult<Response> {
    ctx.require_staff(Role::Admin)?;
    let o = &ctx.org;
    let form = SettingsForm {
        name: o.name.clone(),
        default_lang: o.default_lang.clone(),
        email_from: o.email_from.clone(),
        primary_color: o.primary_color.clone(),
        secondary_color: o.secondary_color.clone(),
        font: o.font.clone(),
        privacy_md: o.privacy_md.clone(),
        accessibility_md: o.accessibility_md.clone(),
    };
    settings_page(&ctx, form, FieldErrors::new())
}

/// `#rrggbb`, nothing else: the value ends up in a stylesheet.
pub(crate) fn valid_color(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// A CSS font stack: letters, digits, spaces, commas, hyphens and quotes only.
pub(crate) fn valid_font(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 200
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | ',' | '-' | '\'' | '"'))
}

pub async fn save(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(f): Form<SettingsForm>,
) -> AppResult<Response> {
    let me = ctx.require_staff(Role::Admin)?.id;
    let mut errors = FieldErrors::new();
    let name = forms::text(&mut errors, "name", &f.name, 2, 120, ctx.lang);
    let lang = f.default_lang.trim().to_string();
    if lang != "nl" && lang != "en" {
        errors.add("default_lang", ctx.t("beheer-settings-lang-invalid"));
    }
    let email_from = forms::email(&mut errors, "email_from", &f.email_from, ctx.lang);
    let primary = f.primary_color.trim().to_lowercase();
    if !valid_color(&primary) {
        errors.add("primary_color", ctx.t("beheer-settings-color-invalid"));
    }
    let secondary = f.secondary_color.trim().to_lowercase();
    if !valid_color(&secondary) {
        errors.add("secondary_color", ctx.t("beheer-settings-color-invalid"));
    }
    let font = f.font.trim().to_string();
    if !valid_font(&font) {
        errors.add("font", ctx.t("beheer-settings-font-invalid"));
    }
    let privacy = forms::text(
        &mut errors,
        "privacy_md",
        &f.privacy_md,
        0,
        50_000,
        ctx.lang,
    );
    let accessibility = forms::text(
        &mut errors,
        "accessibility_md",
        &f.accessibility_md,
        0,
        50_000,
        ctx.lang,
    );
    if !errors.is_empty() {
        return settings_page(&ctx, f, errors);
    }
    let org = ctx.org.id;
    let mut tx = state.db.begin().await?;
    tx.run(
        "UPDATE orgs SET name = $2, default_lang = $3, email_from = $4, primary_color = $5, secondary_color = $6, \
         font = $7, privacy_md = $8, accessibility_md = $9 WHERE id = $1",
        args![org, &name, &lang, &email_from, &primary, &secondary, &font, &privacy, &accessibility],
    )
    .await?;
    let mut changed = Vec::new();
    let o = &ctx.org;
    for (field, old, new) in [
        ("name", &o.name, &name),
        ("default_lang", &o.default_lang, &lang),
        ("email_from", &o.email_from, &email_from),
        ("primary_color", &o.primary_color, &primary),
        ("secondary_color", &o.secondary_color, &secondary),
        ("font", &o.font, &font),
        ("privacy_md", &o.privacy_md, &privacy),
        ("accessibility_md", &o.accessibility_md, &accessibility),
    ] {
        if old != new {
            changed.push(field);
        }
    }
    audit::record_tx(
        &mut tx,
        Entry {
            org_id: org,
            actor_id: Some(me),
            action: "settings.update",
            object_type: "org",
            object_id: Some(org.to_string()),
            detail: changed.join(", "),
        },
    )
    .await?;
    tx.commit().await?;
    state.orgs.clear();
    Ok(Redirect::to("/beheer/instellingen?melding=saved").into_response())
}
