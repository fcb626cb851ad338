//! Account mail: subject and plain-text body come from Fluent (`mail-KIND-subject`,
//! `mail-KIND-body`) in the recipient's language.

use crate::args;
use crate::db::{Db, DbResult, Tx};
use crate::email::{enqueue, enqueue_tx, Mail};
use crate::web::ctx::Org;
use crate::web::i18n::{t_args, Lang};

/// The recipient's language: their own choice, else the municipality's default.
pub fn lang_for(user_lang: Option<&str>, org: &Org) -> Lang {
    user_lang
        .and_then(Lang::parse)
        .or_else(|| Lang::parse(&org.default_lang))
        .unwrap_or(Lang::Nl)
}

fn compose(
    org: &Org,
    lang: Lang,
    kind: &str,
    extra: &[(&'static str, String)],
) -> (String, String) {
    let mut a: Vec<(&'static str, String)> = vec![("org", org.name.clone())];
    a.extend_from_slice(extra);
    (
        t_args(lang, &format!("mail-{kind}-subject"), &a),
        t_args(lang, &format!("mail-{kind}-body"), &a),
    )
}

/// Puts an account mail in the outbox.
pub async fn send(
    db: &Db,
    org: &Org,
    to: &str,
    lang: Lang,
    kind: &str,
    extra: &[(&'static str, String)],
) -> DbResult<()> {
    let (subject, body) = compose(org, lang, kind, extra);
    enqueue(
        db,
        Mail {
            org_id: org.id,
            to,
            subject,
            body,
        },
    )
    .await?;
    Ok(())
}

/// Same, inside the transaction that made the reason for the mail.
pub async fn send_tx(
    tx: &mut Tx,
    org: &Org,
    to: &str,
    lang: Lang,
    kind: &str,
    extra: &[(&'static str, String)],
) -> DbResult<()> {
    let (subject, body) = compose(org, lang, kind, extra);
    enqueue_tx(
        tx,
        Mail {
            org_id: org.id,
            to,
            subject,
            body,
        },
    )
    .await?;
    Ok(())
}

/// Absolute link for mail.
pub fn link(base_url: &str, path: &str) -> String {
    format!("{}{}", base_url.trim_end_matches('/'), path)
}

/// The language stored for an account, if any.
pub async fn user_lang(db: &Db, org_id: i64, email: &str) -> DbResult<Option<String>> {
    Ok(db
        .opt::<(Option<String>,)>(
            "SELECT lang FROM users WHERE org_id = $1 AND email = $2 AND deleted_at IS NULL",
            args![org_id, email],
        )
        .await?
        .and_then(|r| r.0))
}
