//! `/beheer/instellingen`: the municipality's name, language, sender, theme, statements and
//! retention periods (see `crate::privacy`).
//! (Themes for projects live at `/beheer/themas`, in `projects::staff`.)

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use crate::args;
use crate::audit::{self, Entry};
use crate::state::AppState;
use crate::web::{forms, render, AppResult, Ctx, FieldErrors, Page};

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
    /// Days after a project ends before its voters are anonymised. Absent: unchanged.
    #[serde(default)]
    voter_retention_days: Option<String>,
    /// Days counters derived from IP addresses are kept. Absent: unchanged.
    #[serde(default)]
    ip_retention_days: Option<String>,
}

impl SettingsForm {
    fn voter_days(&self) -> &str {
        self.voter_retention_days.as_deref().unwrap_or("")
    }
    fn ip_days(&self) -> &str {
        self.ip_retention_days.as_deref().unwrap_or("")
    }
}

/// A whole number of days between 0 and `privacy::MAX_DAYS`.
fn days(errors: &mut FieldErrors, ctx: &Ctx, field: &'static str, raw: &str) -> Option<i64> {
    match raw.trim().parse::<i64>() {
        Ok(n) if (0..=crate::privacy::MAX_DAYS).contains(&n) => Some(n),
        _ => {
            errors.add(field, ctx.t("privacy-retention-days-invalid"));
            None
        }
    }
}

#[derive(Template)]
#[template(path = "staff/settings.html")]
struct SettingsPage {
    page: Page,
    form: SettingsForm,
    errors: FieldErrors,
    /// Switchable modules: key, name, switched on.
    modules: Vec<(&'static str, String, bool)>,
}

fn settings_page(ctx: &Ctx, form: SettingsForm, errors: FieldErrors) -> AppResult<Response> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let modules = ctx
        .modules
        .all()
        .iter()
        .filter(|m| m.switchable())
        .map(|m| (m.key(), m.name(ctx.lang), ctx.org.module_on(m.key())))
        .collect();
    let tpl = SettingsPage {
        page: ctx.page(ctx.t("staff-settings")),
        form,
        errors,
        modules,
    };
    Ok((status, render(&tpl)?).into_response())
}

pub async fn edit(ctx: Ctx, State(state): State<AppState>) -> AppResult<Response> {
    ctx.require(super::SETTINGS)?;
    let o = &ctx.org;
    let r = crate::privacy::settings(&state.db, o.id).await?;
    let form = SettingsForm {
        name: o.name.clone(),
        default_lang: o.default_lang.clone(),
        email_from: o.email_from.clone(),
        primary_color: o.primary_color.clone(),
        secondary_color: o.secondary_color.clone(),
        font: o.font.clone(),
        privacy_md: o.privacy_md.clone(),
        accessibility_md: o.accessibility_md.clone(),
        voter_retention_days: Some(r.voter_days.to_string()),
        ip_retention_days: Some(r.ip_days.to_string()),
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
    let me = ctx.require(super::SETTINGS)?.id;
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
    let org = ctx.org.id;
    let old_retention = crate::privacy::settings(&state.db, org).await?;
    let voter_days = match &f.voter_retention_days {
        Some(raw) => days(&mut errors, &ctx, "voter_retention_days", raw),
        None => Some(old_retention.voter_days),
    };
    let ip_days = match &f.ip_retention_days {
        Some(raw) => days(&mut errors, &ctx, "ip_retention_days", raw),
        None => Some(old_retention.ip_days),
    };
    let (Some(voter_days), Some(ip_days), true) = (voter_days, ip_days, errors.is_empty()) else {
        return settings_page(&ctx, f, errors);
    };
    let retention = crate::privacy::Retention {
        voter_days,
        ip_days,
    };
    let mut tx = state.db.begin().await?;
    if retention != old_retention {
        crate::privacy::save_settings(&mut tx, org, retention).await?;
    }
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
    if retention.voter_days != old_retention.voter_days {
        changed.push("voter_retention_days");
    }
    if retention.ip_days != old_retention.ip_days {
        changed.push("ip_retention_days");
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

/// `POST /beheer/instellingen/onderdelen`: which modules this municipality uses. A checkbox
/// `on` per module that stays on; switchable modules not named are switched off. Their data
/// stays; their pages answer 404 and leave the menus until switched on again.
pub async fn save_modules(
    ctx: Ctx,
    State(state): State<AppState>,
    body: String,
) -> AppResult<Response> {
    let me = ctx.require(super::SETTINGS)?.id;
    let fields: Vec<(String, String)> = serde_urlencoded::from_str(&body).unwrap_or_default();
    let on: Vec<&str> = fields
        .iter()
        .filter(|(k, _)| k == "on")
        .map(|(_, v)| v.as_str())
        .collect();
    let off: Vec<&'static str> = ctx
        .modules
        .all()
        .iter()
        .filter(|m| m.switchable() && !on.contains(&m.key()))
        .map(|m| m.key())
        .collect();
    let off = off.join(",");
    let org = ctx.org.id;
    let mut tx = state.db.begin().await?;
    tx.run(
        "UPDATE orgs SET modules_off = $1 WHERE id = $2",
        args![&off, org],
    )
    .await?;
    audit::record_tx(
        &mut tx,
        Entry {
            org_id: org,
            actor_id: Some(me),
            action: "settings.modules",
            object_type: "org",
            object_id: Some(org.to_string()),
            detail: if off.is_empty() {
                "alle onderdelen aan".into()
            } else {
                format!("uit: {off}")
            },
        },
    )
    .await?;
    tx.commit().await?;
    // Every node reads the switches with the municipality (cached for 30 s elsewhere).
    state.orgs.clear();
    Ok(Redirect::to("/beheer/instellingen?melding=saved#onderdelen").into_response())
}
