//! The budgeting flow's phases: a project's current phase moves by the dates
//! (`projects::schedule::advance_due`), idempotently and safely under concurrency, writes the
//! audit log and mails idea authors; staff can also move it by hand.

use meedoen::args;
use meedoen::projects::schedule::advance_due_on;

use crate::ballot::{add_component, insert_idea, location, post};
use crate::both;
use crate::projects::create_project;
use crate::support::TestApp;

async fn phase(
    app: &TestApp,
    staff: &reqwest::Client,
    pid: i64,
    name: &str,
    step: &str,
    from: &str,
    to: &str,
) -> i64 {
    let r = staff
        .post(app.url(&format!("/beheer/projecten/{pid}/fasen")))
        .form(&[
            ("name", name),
            ("starts_on", from),
            ("ends_on", to),
            ("step", step),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", location(&r));
    app.db
        .scalar(
            "SELECT id FROM phases WHERE project_id = $1 AND name = $2",
            args![pid, name],
        )
        .await
        .unwrap()
        .unwrap()
}

async fn current(app: &TestApp, pid: i64) -> Option<i64> {
    app.db
        .scalar::<Option<i64>>(
            "SELECT current_phase_id FROM projects WHERE id = $1",
            args![pid],
        )
        .await
        .unwrap()
        .flatten()
}

async fn phases_move_by_dates(app: TestApp) {
    let (_, staff) = app.staff_client("redacteur@enschede.test", "editor").await;
    let pid = create_project(&app, &staff, "Jij maakt West").await;
    let ideas = add_component(&app, &staff, pid, "ideas", "/beheer/ideeen/").await;
    let submission = phase(
        &app,
        &staff,
        pid,
        "Ideeën indienen",
        "submission",
        "2026-01-01",
        "2026-01-31",
    )
    .await;
    let check = phase(
        &app,
        &staff,
        pid,
        "Controle",
        "check",
        "2026-02-01",
        "2026-02-28",
    )
    .await;
    let voting = phase(
        &app,
        &staff,
        pid,
        "Stemmen",
        "voting",
        "2026-03-01",
        "2026-03-31",
    )
    .await;
    let step: String = app
        .db
        .scalar("SELECT step FROM phases WHERE id = $1", args![voting])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(step, "voting");
    // An author with an idea in the project, and one with only a draft (not mailed).
    let (author, _) = app.member_client("indiener@enschede.test").await;
    let (drafter, _) = app.member_client("kladje@enschede.test").await;
    for (user, status) in [(author, "submitted"), (drafter, "draft")] {
        let idea = insert_idea(&app, ideas, "Een idee voor West", 1000, status).await;
        app.db
            .exec(
                "INSERT INTO idea_authors (org_id, idea_id, user_id) VALUES ($1, $2, $3)",
                args![app.org_id, idea, user],
            )
            .await
            .unwrap();
    }
    let state = app.app.as_ref().unwrap().state();
    // A draft project does not move.
    assert_eq!(advance_due_on(state, "2026-02-10").await.unwrap(), 0);
    app.db
        .exec(
            "UPDATE projects SET status = 'published' WHERE id = $1",
            args![pid],
        )
        .await
        .unwrap();
    // Before the first phase: nothing is due.
    assert_eq!(advance_due_on(state, "2025-12-31").await.unwrap(), 0);
    assert_eq!(current(&app, pid).await, None);
    // Mid-February: straight to the check phase (the latest that started), once.
    assert_eq!(advance_due_on(state, "2026-02-10").await.unwrap(), 1);
    assert_eq!(current(&app, pid).await, Some(check));
    assert_eq!(
        advance_due_on(state, "2026-02-10").await.unwrap(),
        0,
        "idempotent"
    );
    let (subject, body) = app
        .last_mail("indiener@enschede.test")
        .await
        .expect("author mailed");
    assert!(
        subject.contains("Jij maakt West") && subject.contains("Controle"),
        "{subject}"
    );
    assert!(body.contains("/projecten/"), "{body}");
    assert!(
        app.last_mail("kladje@enschede.test").await.is_none(),
        "draft authors are not mailed"
    );
    let audits: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'phase.advance' AND object_id = $1 AND actor_id IS NULL",
            args![pid.to_string()],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(audits, 1);
    // Voting starts: many runs at once move it exactly once.
    let mut runs = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let st = state.clone();
        runs.spawn(async move { advance_due_on(&st, "2026-03-02").await.unwrap() });
    }
    let mut moved = 0;
    while let Some(n) = runs.join_next().await {
        moved += n.unwrap();
    }
    assert_eq!(moved, 1);
    assert_eq!(current(&app, pid).await, Some(voting));
    let mails: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM outbox WHERE to_addr = 'indiener@enschede.test' AND subject LIKE '%Stemmen%'",
            vec![],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(mails, 1);
    // Staff move it back by hand; the dates never move it backwards, and the project page
    // shows the stored phase.
    let r = post(
        &app,
        &staff,
        &format!("/beheer/projecten/{pid}/fasen/{submission}/huidig"),
        &[],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(current(&app, pid).await, Some(submission));
    let by_staff: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'phase.current' AND actor_id IS NOT NULL",
            vec![],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_staff, 1);
    // ... until a later phase than the current one starts again: voting is the latest started.
    assert_eq!(advance_due_on(state, "2026-03-02").await.unwrap(), 1);
    assert_eq!(current(&app, pid).await, Some(voting));
    // Visitors cannot move it.
    let r = post(
        &app,
        &app.client(),
        &format!("/beheer/projecten/{pid}/fasen/{check}/huidig"),
        &[],
    )
    .await;
    assert_ne!(r.status(), 303);
    assert_eq!(current(&app, pid).await, Some(voting));
}

both!(phases_by_dates, phases_move_by_dates);
