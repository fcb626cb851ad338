//! Makelpunt enquiries without an account (held until the address is verified, then a secret
//! thread link for the sender) and enquiries with several dates (agreeing books all of them
//! in one transaction, or none when one is taken).

use meedoen::args;

use crate::both;
use crate::spaces::{enquiry_form, enquiry_setup, get, id_after, location};
use crate::support::{link_in, TestApp};

async fn count(app: &TestApp, sql: &'static str, id: i64) -> i64 {
    app.db
        .scalar::<i64>(sql, args![id])
        .await
        .unwrap()
        .unwrap_or(0)
}

/// The secret key in a guest thread link.
fn key_of(link: &str) -> String {
    link.split("/makelpunt/gast/")
        .nth(1)
        .unwrap_or("")
        .split(['?', '/'])
        .next()
        .unwrap_or("")
        .to_string()
}

async fn guest_flow(app: TestApp) {
    let (pid, sid, provider) = enquiry_setup(&app).await;
    let anon = app.client();
    let (s, html) = get(&app, &anon, &format!("/makelpunt/ruimtes/{sid}")).await;
    assert_eq!(s, 200);
    assert!(html.contains(r#"name="guest_email""#) && html.contains(r#"name="on_date_2""#));

    let r = anon
        .post(app.url(&format!("/makelpunt/ruimtes/{sid}/aanvraag")))
        .form(&enquiry_form(&[
            ("guest_name", "Fatima de Vries"),
            ("guest_email", "Fatima@Buurt.test"),
            ("on_date_2", "2027-04-14"),
            ("part_2", "morning"),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(location(&r).ends_with("?melding=space-enquiry-check-mail"));
    let (eid, held): (i64, bool) = app
        .db
        .one(
            "SELECT id, held FROM space_enquiries WHERE space_id = $1",
            args![sid],
        )
        .await
        .unwrap();
    assert!(held, "held until the address is verified");
    // The provider hears nothing yet and cannot see it.
    let to_provider: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM outbox WHERE to_addr = 'koster@ark.test' AND subject LIKE '%aanvraag%'",
            vec![],
        )
        .await
        .unwrap()
        .unwrap_or(0);
    assert_eq!(to_provider, 0);
    let (_, dash) = get(&app, &provider, &format!("/makelpunt/aanbieder/{pid}")).await;
    assert!(!dash.contains(&format!("/makelpunt/aanvragen/{eid}")));
    let (s, _) = get(&app, &provider, &format!("/makelpunt/aanvragen/{eid}")).await;
    assert_eq!(s, 404);

    // The verification mail; opening the link shows a button and uses nothing.
    let (subject, body) = app.last_mail("fatima@buurt.test").await.expect("mail");
    assert!(subject.contains("Bevestig"), "{subject}");
    let link = link_in(&body, "/makelpunt/aanvraag-bevestigen/").expect("link");
    let path = link.clone();
    let (s, page) = get(&app, &anon, &path).await;
    assert_eq!(s, 200);
    assert!(page.contains(&format!(r#"action="{path}""#)));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM space_enquiries WHERE id = $1 AND held = TRUE",
            eid
        )
        .await,
        1
    );
    // A wrong token does nothing.
    let r = anon
        .post(app.url("/makelpunt/aanvraag-bevestigen/niet-geldig-0123456789"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("werkt niet"));

    let r = anon.post(app.url(&path)).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let thread = location(&r);
    assert!(thread.starts_with("/makelpunt/gast/"), "{thread}");
    assert_eq!(r.headers()["referrer-policy"], "no-referrer");
    // Single use.
    let r = anon.post(app.url(&path)).send().await.unwrap();
    assert!(r.text().await.unwrap().contains("werkt niet"));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM space_enquiries WHERE id = $1 AND held = FALSE",
            eid
        )
        .await,
        1
    );
    // Now the provider gets the enquiry mail with both dates.
    let (_, pm) = app
        .last_mail("koster@ark.test")
        .await
        .expect("provider mail");
    assert!(
        pm.contains("Fatima de Vries") && pm.contains("2027-04-07") && pm.contains("2027-04-14")
    );
    // And the sender a link to the thread.
    let (_, sm) = app.last_mail("fatima@buurt.test").await.unwrap();
    let key1 = key_of(&link_in(&sm, "/makelpunt/gast/").expect("thread link"));
    assert_eq!(key1, key_of(&thread));
    let stored: i64 = app
        .db
        .scalar(
            "SELECT COUNT(*) FROM space_guest_keys WHERE hash = $1",
            args![key1.clone()],
        )
        .await
        .unwrap()
        .unwrap_or(0);
    assert_eq!(stored, 0, "only the hash of the key is stored");

    let r = anon
        .get(app.url(&format!("/makelpunt/gast/{key1}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["referrer-policy"], "no-referrer");
    let page = r.text().await.unwrap();
    assert!(page.contains("2027-04-07") && page.contains("2027-04-14"));
    assert!(page.contains(&format!(r#"action="/makelpunt/gast/{key1}/bericht""#)));
    let (s, _) = get(&app, &anon, "/makelpunt/gast/verkeerd-0123456789").await;
    assert_eq!(s, 404);

    // The provider answers; the guest gets a mail with a (new) working link.
    let r = provider
        .post(app.url(&format!("/makelpunt/aanvragen/{eid}/bericht")))
        .form(&[("body", "Welkom, beide woensdagen kan.")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (_, sm) = app.last_mail("fatima@buurt.test").await.unwrap();
    assert!(sm.contains("beide woensdagen"));
    let key2 = key_of(&link_in(&sm, "/makelpunt/gast/").expect("link in reply mail"));
    assert_ne!(key1, key2);
    let (s, page) = get(&app, &anon, &format!("/makelpunt/gast/{key2}")).await;
    assert_eq!(s, 200);
    assert!(page.contains("beide woensdagen"));

    // The guest answers through the link; the provider is mailed.
    let r = anon
        .post(app.url(&format!("/makelpunt/gast/{key2}/bericht")))
        .form(&[("body", "Dank u, tot dan!")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(location(&r).starts_with(&format!("/makelpunt/gast/{key2}?")));
    let (_, pm) = app.last_mail("koster@ark.test").await.unwrap();
    assert!(pm.contains("Dank u, tot dan!"));
    let from_provider: bool = app
        .db
        .scalar(
            "SELECT from_provider FROM space_enquiry_messages WHERE enquiry_id = $1 ORDER BY id DESC LIMIT 1",
            args![eid],
        )
        .await
        .unwrap()
        .unwrap();
    assert!(!from_provider);
    // The guest cannot agree on the provider's behalf, but can withdraw.
    let r = anon
        .post(app.url(&format!("/makelpunt/gast/{key1}/status")))
        .form(&[("to", "agreed")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = anon
        .post(app.url(&format!("/makelpunt/gast/{key1}/status")))
        .form(&[("to", "withdrawn")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM space_enquiries WHERE id = $1 AND state = 'withdrawn'",
            eid
        )
        .await,
        1
    );

    // A guest key does not work under another municipality's host.
    app.second_org("hengelo.test").await;
    let other = app.client_for_host("hengelo.test");
    let r = other
        .get(app.url_for_host("hengelo.test", &format!("/makelpunt/gast/{key1}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}
both!(guest_flow, guest_flow);

/// A member's enquiry for several Wednesday mornings, answered by the provider.
async fn multi_enquiry(
    app: &TestApp,
    sid: i64,
    provider: &reqwest::Client,
    who: &str,
    dates: &[&'static str],
) -> i64 {
    let (_, seeker) = app.member_client(who).await;
    let mut extra: Vec<(&'static str, &'static str)> = Vec::new();
    let names = [
        ("on_date", "part"),
        ("on_date_2", "part_2"),
        ("on_date_3", "part_3"),
    ];
    for (i, d) in dates.iter().enumerate() {
        extra.push((names[i].0, d));
        extra.push((names[i].1, "morning"));
    }
    let r = seeker
        .post(app.url(&format!("/makelpunt/ruimtes/{sid}/aanvraag")))
        .form(&enquiry_form(&extra))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let eid = id_after(&location(&r), "/makelpunt/aanvragen/");
    let r = provider
        .post(app.url(&format!("/makelpunt/aanvragen/{eid}/bericht")))
        .form(&[("body", "Dat kan misschien.")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    eid
}

fn shows(html: &str, sid: i64) -> bool {
    html.contains(&format!("/makelpunt/ruimtes/{sid}\""))
}

async fn multi_date_agreements(app: TestApp) {
    let (_, sid, provider) = enquiry_setup(&app).await;
    let anon = app.client();
    let e1 = multi_enquiry(
        &app,
        sid,
        &provider,
        "een@buurt.test",
        &["2027-04-07", "2027-04-14", "2027-04-21"],
    )
    .await;
    let (_, page) = get(&app, &provider, &format!("/makelpunt/aanvragen/{e1}")).await;
    assert!(page.contains("2027-04-14") && page.contains("2027-04-21"));
    let (_, html) = get(&app, &anon, "/makelpunt?datum=2027-04-14&dagdeel=morning").await;
    assert!(shows(&html, sid), "free before the agreement");
    let r = provider
        .post(app.url(&format!("/makelpunt/aanvragen/{e1}/status")))
        .form(&[("to", "agreed")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM space_bookings WHERE enquiry_id = $1",
            e1
        )
        .await,
        3
    );
    for d in ["2027-04-07", "2027-04-14", "2027-04-21"] {
        let (_, html) = get(
            &app,
            &anon,
            &format!("/makelpunt?datum={d}&dagdeel=morning"),
        )
        .await;
        assert!(!shows(&html, sid), "{d} is booked");
    }
    let (_, html) = get(&app, &anon, "/makelpunt?datum=2027-04-28&dagdeel=morning").await;
    assert!(shows(&html, sid), "the next Wednesday is still free");
    let ics = anon
        .get(app.url(&format!("/makelpunt/ruimtes/{sid}/agenda.ics")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 3);

    // One date taken: the whole agreement is refused, nothing is booked.
    let e2 = multi_enquiry(
        &app,
        sid,
        &provider,
        "twee@buurt.test",
        &["2027-04-28", "2027-04-14"],
    )
    .await;
    let r = provider
        .post(app.url(&format!("/makelpunt/aanvragen/{e2}/status")))
        .form(&[("to", "agreed")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    let msg = r.text().await.unwrap();
    assert!(
        msg.contains("2027-04-14") && msg.contains("niets vastgelegd"),
        "{msg}"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM space_bookings WHERE enquiry_id = $1",
            e2
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM space_enquiries WHERE id = $1 AND state = 'answered'",
            e2
        )
        .await,
        1,
        "the refused agreement left the enquiry as it was"
    );

    // Cancelling the first frees all three dates again.
    let r = provider
        .post(app.url(&format!("/makelpunt/aanvragen/{e1}/status")))
        .form(&[("to", "cancelled"), ("reason", "De zaal gaat dicht.")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM space_bookings WHERE space_id = $1",
            sid
        )
        .await,
        0
    );
    let r = provider
        .post(app.url(&format!("/makelpunt/aanvragen/{e2}/status")))
        .form(&[("to", "agreed")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "free again after the cancellation");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM space_bookings WHERE enquiry_id = $1",
            e2
        )
        .await,
        2
    );
}
both!(multi_date_agreements, multi_date_agreements);

async fn parallel_multi_date(app: TestApp) {
    let (_, sid, provider) = enquiry_setup(&app).await;
    let a = multi_enquiry(
        &app,
        sid,
        &provider,
        "een@buurt.test",
        &["2027-05-05", "2027-05-12"],
    )
    .await;
    let b = multi_enquiry(
        &app,
        sid,
        &provider,
        "twee@buurt.test",
        &["2027-05-19", "2027-05-12"],
    )
    .await;
    let agree = |eid: i64| {
        let c = provider.clone();
        let url = app.url(&format!("/makelpunt/aanvragen/{eid}/status"));
        async move {
            c.post(url)
                .form(&[("to", "agreed")])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    let (ra, rb) = tokio::join!(agree(a), agree(b));
    let mut got = [ra, rb];
    got.sort();
    assert_eq!(got, [303, 409], "exactly one agreement wins");
    let winner = if ra == 303 { a } else { b };
    let rows: Vec<(i64, String)> = app
        .db
        .all(
            "SELECT enquiry_id, on_date FROM space_bookings WHERE space_id = $1 ORDER BY on_date",
            args![sid],
        )
        .await
        .unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|(e, _)| *e == winner), "{rows:?}");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM space_enquiries WHERE space_id = $1 AND state = 'agreed'",
            sid
        )
        .await,
        1
    );
}
both!(parallel_multi_date, parallel_multi_date);

/// Unverified guest enquiries never reach the provider and are removed after a week.
async fn held_enquiries_expire(app: TestApp) {
    let (_, sid, _) = enquiry_setup(&app).await;
    let r = app
        .client()
        .post(app.url(&format!("/makelpunt/ruimtes/{sid}/aanvraag")))
        .form(&enquiry_form(&[
            ("guest_name", "Nooit Bevestigd"),
            ("guest_email", "nooit@buurt.test"),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let t = meedoen::db::now();
    meedoen::spaces::freshness::sweep(&app.db, "http://127.0.0.1", t, 182 * 86_400)
        .await
        .unwrap();
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM space_enquiries WHERE space_id = $1",
            sid
        )
        .await,
        1,
        "kept while the link may still be used"
    );
    meedoen::spaces::freshness::sweep(&app.db, "http://127.0.0.1", t + 8 * 86_400, 182 * 86_400)
        .await
        .unwrap();
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM space_enquiries WHERE space_id = $1",
            sid
        )
        .await,
        0,
        "gone a week later"
    );
}
both!(held_enquiries_expire, held_enquiries_expire);
