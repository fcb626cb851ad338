//! `meedoen outbox`: read queued mail from the command line. Handy for operators running
//! without SMTP, and the browser tests read verification links this way.

use crate::args;
use crate::config::Config;
use crate::db::Db;

#[derive(sqlx::FromRow, meedoen_macros::LiteRow)]
struct Row {
    id: i64,
    to_addr: String,
    subject: String,
    body_text: String,
    status: String,
}

/// Prints the newest `limit` messages, optionally only those to `to`.
pub async fn run(config: &Config, to: Option<String>, limit: i64) -> anyhow::Result<()> {
    let db = Db::connect(&config.database_url).await?;
    let rows: Vec<Row> = match to {
        Some(to) => {
            db.all(
                "SELECT id, to_addr, subject, body_text, status FROM outbox WHERE to_addr = $1 ORDER BY id DESC LIMIT $2",
                args![to.trim().to_lowercase(), limit],
            )
            .await?
        }
        None => {
            db.all(
                "SELECT id, to_addr, subject, body_text, status FROM outbox ORDER BY id DESC LIMIT $1",
                args![limit],
            )
            .await?
        }
    };
    for r in rows {
        println!(
            "--- #{} [{}] aan: {}\nOnderwerp: {}\n\n{}\n",
            r.id, r.status, r.to_addr, r.subject, r.body_text
        );
    }
    db.close().await;
    Ok(())
}
