//! `meedoen admin`: create municipalities with host names, and staff accounts.

use clap::Subcommand;

use crate::config::Config;
use crate::db::Db;

#[derive(Subcommand)]
pub enum AdminCmd {
    /// Create a municipality served on the given host names.
    CreateOrg {
        #[arg(long)]
        name: String,
        #[arg(long)]
        slug: String,
        /// Sender address for email, e.g. participatie@enschede.nl
        #[arg(long)]
        email_from: String,
        /// Host name(s), e.g. --host jijmaakt.enschede.nl (repeatable)
        #[arg(long = "host", required = true)]
        hosts: Vec<String>,
    },
    /// Create a staff account (verified) in a municipality.
    CreateStaff {
        /// Slug of the municipality.
        #[arg(long)]
        org: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// admin, editor or moderator (repeatable)
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        /// Password; read from MEEDOEN_ADMIN_PASSWORD when omitted.
        #[arg(long, env = "MEEDOEN_ADMIN_PASSWORD", hide_env_values = true)]
        password: String,
    },
    /// Set a municipality's house style: its design-token file (NL Design System), logo and
    /// favicon; or go back to the default with --reset.
    Theme {
        /// Slug of the municipality.
        #[arg(long)]
        org: String,
        /// The design-token file, e.g. dist/root.css of the municipality's token package.
        #[arg(long, conflicts_with = "reset")]
        tokens: Option<std::path::PathBuf>,
        /// Logo: PNG, JPEG or WebP (no SVG).
        #[arg(long, conflicts_with = "reset")]
        logo: Option<std::path::PathBuf>,
        /// Favicon: a square PNG, 180 x 180 pixels or larger.
        #[arg(long, conflicts_with = "reset")]
        favicon: Option<std::path::PathBuf>,
        /// Save the tokens even when text or buttons fall short of WCAG contrast.
        #[arg(long, conflicts_with = "reset")]
        ignore_contrast: bool,
        /// Back to the default house style: removes the tokens, logo and favicon.
        #[arg(long)]
        reset: bool,
    },
}

pub async fn run(
    config: &Config,
    cmd: AdminCmd,
    modules: &crate::module::Registry,
) -> anyhow::Result<()> {
    let db = Db::connect(&config.database_url).await?;
    crate::db::migrate(&db).await?;
    match cmd {
        AdminCmd::CreateOrg {
            name,
            slug,
            email_from,
            hosts,
        } => {
            let hosts: Vec<&str> = hosts.iter().map(|s| s.as_str()).collect();
            let id = crate::setup::create_org(&db, &name, &slug, &email_from, &hosts).await?;
            println!("gemeente {name} aangemaakt (id {id})");
        }
        AdminCmd::CreateStaff {
            org,
            email,
            name,
            roles,
            password,
        } => {
            if let Some(msg) =
                crate::accounts::password::check_rules(&password, crate::web::i18n::Lang::Nl)
            {
                anyhow::bail!(msg);
            }
            let roles: Vec<&str> = roles
                .iter()
                .map(|r| {
                    modules
                        .role(r)
                        .map(|d| d.key)
                        .ok_or_else(|| anyhow::anyhow!("onbekende rol: {r}"))
                })
                .collect::<anyhow::Result<_>>()?;
            let org_id = crate::setup::org_id_by_slug(&db, &org).await?;
            let id =
                crate::setup::create_user(&db, org_id, &email, &name, &password, &roles).await?;
            println!("account {email} aangemaakt (id {id}); stel bij de eerste keer inloggen tweestapsverificatie in");
        }
        AdminCmd::Theme {
            org,
            tokens,
            logo,
            favicon,
            ignore_contrast,
            reset,
        } => {
            let state = crate::state::AppState::new(crate::state::Shared::new(
                db.clone(),
                config.clone(),
                std::sync::Arc::new(crate::uploads::FsStorage::new(config.data_dir.clone())),
                std::sync::Arc::new(crate::app::modules()),
            ));
            let result = theme(
                &state,
                &org,
                ThemeFiles {
                    tokens,
                    logo,
                    favicon,
                    ignore_contrast,
                    reset,
                },
            )
            .await;
            db.close().await;
            for line in result? {
                println!("{line}");
            }
            return Ok(());
        }
    }
    db.close().await;
    Ok(())
}

/// The files of `meedoen admin theme`.
pub struct ThemeFiles {
    pub tokens: Option<std::path::PathBuf>,
    pub logo: Option<std::path::PathBuf>,
    pub favicon: Option<std::path::PathBuf>,
    pub ignore_contrast: bool,
    pub reset: bool,
}

/// `meedoen admin theme`: checks and saves the token file (refused files change nothing),
/// then the logo and favicon. Returns the lines to print. The running server picks the new
/// theme up within its 30-second cache of the municipality.
pub async fn theme(
    state: &crate::state::AppState,
    org_slug: &str,
    files: ThemeFiles,
) -> anyhow::Result<Vec<String>> {
    use crate::staff::theme::{self as t, Actor, Picture};
    let org = crate::setup::org_id_by_slug(&state.db, org_slug).await?;
    let mut out = Vec::new();
    if files.reset {
        let changed = t::reset(state, org, Actor::Cli).await?;
        out.push(if changed {
            format!("gemeente {org_slug}: terug naar de standaard huisstijl")
        } else {
            format!("gemeente {org_slug} had al de standaard huisstijl")
        });
        state.orgs.clear();
        return Ok(out);
    }
    if files.tokens.is_none() && files.logo.is_none() && files.favicon.is_none() {
        anyhow::bail!("geef --tokens, --logo, --favicon of --reset");
    }
    if let Some(path) = &files.tokens {
        let source = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let (primary, secondary, font): (String, String, String) = state
            .db
            .one(
                "SELECT primary_color, secondary_color, font FROM orgs WHERE id = $1",
                crate::args![org],
            )
            .await?;
        let checked = t::check(&source, &primary, &secondary, &font).map_err(|e| {
            anyhow::anyhow!(
                "{}: {} De huisstijl is niet veranderd.",
                path.display(),
                e.message_nl()
            )
        })?;
        if !checked.issues.is_empty() && !files.ignore_contrast {
            let list: Vec<String> = checked
                .issues
                .iter()
                .map(|i| format!("  - {}", i.message_nl()))
                .collect();
            anyhow::bail!(
                "{}: {} contrastproblemen; de huisstijl is niet veranderd. Pas de kleuren aan, \
                 of sla toch op met --ignore-contrast:\n{}",
                path.display(),
                checked.issues.len(),
                list.join("\n")
            );
        }
        t::save_tokens(&state.db, org, Actor::Cli, &source, &checked).await?;
        out.push(format!(
            "gemeente {org_slug}: {} designtokens opgeslagen{}",
            checked.tokens.len(),
            if checked.issues.is_empty() {
                String::new()
            } else {
                format!(" (ondanks {} contrastproblemen)", checked.issues.len())
            }
        ));
    }
    for (path, which) in [
        (&files.logo, Picture::Logo),
        (&files.favicon, Picture::Favicon),
    ] {
        let Some(path) = path else { continue };
        let bytes = std::fs::read(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        t::set_picture(state, org, Actor::Cli, which, &name, bytes)
            .await
            .map_err(|e| {
                anyhow::anyhow!(
                    "{}: {}",
                    path.display(),
                    e.message(crate::web::i18n::Lang::Nl)
                )
            })?;
        out.push(format!(
            "gemeente {org_slug}: {} opgeslagen",
            match which {
                Picture::Logo => "logo",
                Picture::Favicon => "favicon",
            }
        ));
    }
    state.orgs.clear();
    Ok(out)
}
