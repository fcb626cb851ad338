//! Demo content for the Makelpunt: twelve providers of different kinds with 60 spaces spread
//! over Enschede's neighbourhoods (points near each neighbourhood's centre), varied
//! capacities, layouts, facilities, accessibility, prices, activities and weekly
//! availability, a few date exceptions, and enquiries in every state (one from a guest, one
//! agreed for two dates with its bookings).
//!
//! `cli::demo` calls [`load`] inside its own transaction after creating the areas. It is
//! idempotent: a municipality that already has spaces gets nothing.
//! Everything is deterministic (a fixed pseudo-random sequence), so demo sites look alike.

use crate::args;
use crate::db::{now, Tx};

/// Neighbourhood → approximate centre (lat, lon).
pub(crate) const CENTRES: &[(&str, f64, f64)] = &[
    ("Binnenstad", 52.2210, 6.8945),
    ("De Laares", 52.2262, 6.9048),
    ("Lasonder-Zeggelt", 52.2292, 6.8850),
    ("Boddenkamp", 52.2160, 6.8990),
    ("Horstlanden-Veldkamp", 52.2122, 6.8850),
    ("Getfert", 52.2281, 6.8960),
    ("Bolhaar", 52.2330, 6.8995),
    ("Cromhoffsbleek-Kotman", 52.2160, 6.8752),
    ("Walhof-Roessingh", 52.2232, 6.8780),
    ("Roombeek-Roomveldje", 52.2331, 6.8930),
    ("Mekkelholt", 52.2420, 6.8880),
    ("Deppenbroek", 52.2400, 6.9000),
    ("Twekkelerveld", 52.2330, 6.8680),
    ("Voortman-Amelink", 52.2470, 6.8800),
    ("Drienerlo", 52.2430, 6.8530),
    ("Lonneker", 52.2530, 6.9150),
    ("Stokhorst", 52.2280, 6.9280),
    ("Ribbelt", 52.2330, 6.9180),
    ("Schreurserve", 52.2180, 6.9200),
    ("Velve-Lindenhof", 52.2262, 6.9170),
    ("Hogeland", 52.2180, 6.9100),
    ("Wooldrik", 52.2110, 6.9150),
    ("Eschmarke", 52.2050, 6.9350),
    ("Dolphia", 52.2210, 6.9330),
    ("Glanerbrug", 52.2150, 6.9700),
    ("Wesselerbrink", 52.1950, 6.8800),
    ("Helmerhoek", 52.1910, 6.8950),
    ("Stroinkslanden", 52.1970, 6.9050),
    ("Het Brunink", 52.2030, 6.9050),
    ("Broekheurne", 52.2000, 6.8700),
    ("Pathmos", 52.2080, 6.8870),
    ("Stadsveld", 52.2150, 6.8550),
    ("'t Zwering", 52.2220, 6.8620),
    ("Boswinkel", 52.2250, 6.8500),
    ("Ruwenbos", 52.2100, 6.8620),
    ("Elferink-Heuwkamp", 52.2180, 6.8670),
    ("Boekelo", 52.2030, 6.8050),
    ("Usselo", 52.1950, 6.8300),
];

/// Provider: name, kind, email domain, neighbourhoods of its spaces.
const PROVIDERS: &[(&str, &str, &str, &[&str])] = &[
    (
        "Buurthuis De Pathmos",
        "buurthuis",
        "pathmos",
        &["Pathmos", "Het Brunink", "Broekheurne"],
    ),
    (
        "Wijkcentrum De Magneet",
        "buurthuis",
        "magneet",
        &["Wesselerbrink", "Helmerhoek", "Stroinkslanden"],
    ),
    (
        "Sportclub Rigtersbleek",
        "sportclub",
        "rigtersbleek",
        &["Lasonder-Zeggelt", "Boddenkamp", "Horstlanden-Veldkamp"],
    ),
    (
        "Voetbalvereniging Sportlust Glanerbrug",
        "sportclub",
        "sportlust",
        &["Glanerbrug", "Eschmarke", "Dolphia"],
    ),
    (
        "Speeltuinvereniging De Eekhoorn",
        "speeltuinvereniging",
        "eekhoorn",
        &["Twekkelerveld", "'t Zwering", "Walhof-Roessingh"],
    ),
    (
        "Speeltuin Het Hofje Velve",
        "speeltuinvereniging",
        "hofje",
        &["Velve-Lindenhof", "Stokhorst", "Ribbelt"],
    ),
    (
        "Het Stedelijk Lyceum",
        "school",
        "lyceum",
        &["Stadsveld", "Boswinkel", "Ruwenbos", "Elferink-Heuwkamp"],
    ),
    (
        "Basisschool De Wegwijzer",
        "school",
        "wegwijzer",
        &["Deppenbroek", "Mekkelholt", "Bolhaar"],
    ),
    (
        "Protestantse Gemeente Lonneker",
        "kerk",
        "pglonneker",
        &["Lonneker", "Voortman-Amelink"],
    ),
    (
        "Sint-Jacobusparochie",
        "kerk",
        "jacobus",
        &[
            "Binnenstad",
            "De Laares",
            "Getfert",
            "Cromhoffsbleek-Kotman",
        ],
    ),
    (
        "Stichting Cultuurhuis Roombeek",
        "anders",
        "cultuurhuis",
        &["Roombeek-Roomveldje", "Drienerlo", "Schreurserve"],
    ),
    (
        "Dorpshuis Boekelo",
        "buurthuis",
        "dorpshuis",
        &["Boekelo", "Usselo", "Hogeland", "Wooldrik"],
    ),
];

/// Rooms per provider kind: name and a typical number of seats.
fn rooms(kind: &str) -> &'static [(&'static str, i64)] {
    match kind {
        "buurthuis" => &[
            ("Grote zaal", 80),
            ("Kleine zaal", 25),
            ("Keuken", 14),
            ("Vergaderkamer", 12),
            ("Tuinkamer", 20),
        ],
        "sportclub" => &[
            ("Kantine", 60),
            ("Sporthal", 120),
            ("Bestuurskamer", 10),
            ("Clubhuis", 40),
            ("Dojo", 25),
        ],
        "speeltuinvereniging" => &[
            ("Clubhuis", 30),
            ("Speeltuinkantine", 20),
            ("Knutselruimte", 15),
            ("Overdekt terras", 35),
            ("Buitenterrein met schuur", 50),
        ],
        "school" => &[
            ("Aula", 150),
            ("Gymzaal", 60),
            ("Lokaal", 28),
            ("Handvaardigheidslokaal", 20),
            ("Mediatheek", 30),
        ],
        "kerk" => &[
            ("Kerkzaal", 200),
            ("Consistorie", 12),
            ("Ontmoetingsruimte", 45),
            ("Jeugdhonk", 25),
            ("Kleine zaal", 30),
        ],
        _ => &[
            ("Theaterzaal", 120),
            ("Atelier", 16),
            ("Studio", 20),
            ("Werkplaats", 12),
            ("Foyer", 70),
        ],
    }
}

/// A demo enquiry: index of the space, seeker, state, days from today, message, reply.
type DemoEnquiry = (
    usize,
    usize,
    &'static str,
    &'static [i64],
    &'static str,
    Option<&'static str>,
);

/// A small fixed pseudo-random sequence (64-bit LCG), so the demo is the same every time.
struct Seq(u64);

impl Seq {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    /// 0..n
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    /// True with probability p percent.
    fn chance(&mut self, p: u64) -> bool {
        self.below(100) < p
    }
    /// -1.0..1.0
    fn unit(&mut self) -> f64 {
        (self.below(20_001) as f64 - 10_000.0) / 10_000.0
    }
}

/// A date `days` from today as `YYYY-MM-DD`.
fn day(days: i64) -> String {
    let d = time::OffsetDateTime::now_utc().date() + time::Duration::days(days);
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Adds the demo Makelpunt to municipality `org` inside `tx`. Returns the number of spaces
/// created (0 when the municipality already has spaces).
pub async fn load(tx: &mut Tx, org: i64) -> anyhow::Result<usize> {
    let existing: i64 = tx
        .scalar("SELECT COUNT(*) FROM spaces WHERE org_id = $1", args![org])
        .await?
        .unwrap_or(0);
    if existing > 0 {
        return Ok(0);
    }
    let t = now();
    let mut rng = Seq(0x6d65_6564_6f65_6e21);
    for a in super::DEFAULT_ACTIVITIES {
        tx.run(
            "INSERT INTO space_activities (org_id, name) VALUES ($1, $2) ON CONFLICT (org_id, name) DO NOTHING",
            args![org, a],
        )
        .await?;
    }
    let activities: Vec<(i64, String)> = tx
        .all(
            "SELECT id, name FROM space_activities WHERE org_id = $1 ORDER BY name",
            args![org],
        )
        .await?;
    let areas: Vec<(i64, String)> = tx
        .all(
            "SELECT id, name FROM areas WHERE org_id = $1 AND kind = 'neighbourhood'",
            args![org],
        )
        .await?;
    let area_id = |name: &str| areas.iter().find(|(_, n)| n == name).map(|(id, _)| *id);

    // Seekers who send the demo enquiries.
    let mut seekers = Vec::new();
    for (email, name) in [
        ("anouk@bewoners.example", "Anouk Jansen"),
        ("mehmet@bewoners.example", "Mehmet Yilmaz"),
        ("els@bewoners.example", "Els ter Horst"),
        ("breiclub@bewoners.example", "Breiclub Zuid"),
    ] {
        let id: i64 = tx
            .write_scalar(
                "INSERT INTO users (org_id, email, display_name, email_verified_at, lang, created_at) VALUES ($1, $2, $3, $4, 'nl', $4) RETURNING id",
                args![org, email, name, t],
            )
            .await?;
        seekers.push(id);
    }

    let mut spaces: Vec<(i64, i64)> = Vec::new(); // (space, provider)
    let mut n = 0usize;
    for (pi, (pname, kind, domain, hoods)) in PROVIDERS.iter().enumerate() {
        let contact = format!("contact@{domain}.example");
        let created = t - (70 - pi as i64 * 3) * 86_400;
        let pid: i64 = tx
            .write_scalar(
                "INSERT INTO space_providers (org_id, name, kind, contact_email, contact_phone, may_share, status, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, TRUE, 'approved', $6, $6) RETURNING id",
                args![org, *pname, *kind, &contact, format!("053 48{:02} {:03}", pi, 100 + pi * 37), created],
            )
            .await?;
        let uid: i64 = tx
            .write_scalar(
                "INSERT INTO users (org_id, email, display_name, email_verified_at, lang, created_at) VALUES ($1, $2, $3, $4, 'nl', $4) RETURNING id",
                args![org, &contact, format!("Contactpersoon {pname}"), created],
            )
            .await?;
        tx.run(
            "INSERT INTO space_provider_members (org_id, provider_id, user_id, created_at) VALUES ($1, $2, $3, $4)",
            args![org, pid, uid, created],
        )
        .await?;
        for (ri, (room, seats)) in rooms(kind).iter().enumerate() {
            let hood = hoods[ri % hoods.len()];
            let (lat0, lon0) = CENTRES
                .iter()
                .find(|(n, _, _)| *n == hood)
                .map(|(_, a, b)| (*a, *b))
                .unwrap_or((52.2215, 6.8937));
            // Near the neighbourhood's centre, and inside its outline (cli/demo_areas.rs).
            let (dlat, dlon) = (rng.unit() * 0.003, rng.unit() * 0.004);
            let (lat, lon) = crate::cli::demo_areas::point_in(hood, dlat, dlon)
                .unwrap_or((lat0 + dlat, lon0 + dlon));
            let seated = (*seats as f64 * (0.8 + rng.below(40) as f64 / 100.0)).round() as i64;
            let mut layouts = vec![("seated", seated.max(4))];
            if rng.chance(60) {
                layouts.push(("standing", (seated as f64 * 1.5) as i64));
            }
            if rng.chance(50) {
                layouts.push(("tables", (seated as f64 * 0.7).max(4.0) as i64));
            }
            let max = layouts.iter().map(|(_, c)| *c).max().unwrap_or(seated);
            let features: Vec<bool> = [
                (*room == "Keuken" || rng.chance(55)),              // kitchen
                rng.chance(45),                                     // av
                rng.chance(40),                                     // storage
                (kind == &"speeltuinvereniging" || rng.chance(30)), // outdoor
                rng.chance(50),                                     // parking
                rng.chance(75),                                     // wifi
                rng.chance(65),                                     // step_free
                rng.chance(45),                                     // accessible_toilet
                rng.chance(20),                                     // hearing_loop
                rng.chance(15),                                     // lift
            ]
            .to_vec();
            let price_type = ["free", "cost", "request", "amount"][(n + pi) % 4];
            let price_cents = (price_type == "amount").then(|| 1_500 + rng.below(9) as i64 * 500);
            let mut acts: Vec<&(i64, String)> =
                activities.iter().filter(|_| rng.chance(40)).collect();
            if acts.is_empty() {
                acts.push(&activities[n % activities.len()]);
            }
            let activities_text = acts
                .iter()
                .map(|(_, a)| a.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let name = format!("{room} – {pname}");
            let description = format!(
                "De {} van {pname} in {hood}. Geschikt voor onder meer: {}. \
                 Neem gerust contact op, dan maken we samen een afspraak.",
                room.to_lowercase(),
                activities_text.to_lowercase()
            );
            let status = if n % 29 == 28 { "draft" } else { "published" };
            let s_created = created + (ri as i64) * 86_400;
            let confirmed = t - rng.below(120) as i64 * 86_400;
            let f = &features;
            let sid: i64 = tx
                .write_scalar(
                    "INSERT INTO spaces (org_id, provider_id, name, description, address, area_id, max_capacity, area_m2, \
                     kitchen, av, storage, outdoor, parking, wifi, step_free, accessible_toilet, hearing_loop, lift, price_type, price_cents, \
                     house_rules, status, activities_text, created_at, updated_at, confirmed_at, lat, lon, view_count) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29) RETURNING id",
                    args![
                        org, pid, &name, &description,
                        format!("{}straat {}, Enschede", hood.trim_start_matches("'t ").split('-').next().unwrap_or(hood), 1 + rng.below(120)),
                        area_id(hood), max, max * 2 + rng.below(40) as i64,
                        f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9],
                        price_type, price_cents,
                        "Laat de ruimte netjes achter. Geen alcohol zonder overleg.",
                        status, &activities_text, s_created, s_created.max(confirmed), confirmed,
                        lat, lon, rng.below(300) as i64
                    ],
                )
                .await?;
            for (l, c) in &layouts {
                tx.run(
                    "INSERT INTO space_layouts (org_id, space_id, layout, capacity) VALUES ($1, $2, $3, $4)",
                    args![org, sid, *l, *c],
                )
                .await?;
            }
            for (aid, _) in &acts {
                tx.run(
                    "INSERT INTO space_activity_links (org_id, space_id, activity_id) VALUES ($1, $2, $3)",
                    args![org, sid, *aid],
                )
                .await?;
            }
            for wd in 0..7i64 {
                for part in super::PARTS {
                    // Schools are free in the evening and at weekends, churches on weekdays.
                    let p = match (*kind, part, wd) {
                        ("school", "evening", _) | ("school", _, 5..=6) => 80,
                        ("school", _, _) => 5,
                        ("kerk", _, 6) => 5,
                        ("sportclub", "evening", 0..=4) => 20,
                        _ => 40,
                    };
                    if rng.chance(p) {
                        tx.run(
                            "INSERT INTO space_weekly (org_id, space_id, weekday, part) VALUES ($1, $2, $3, $4)",
                            args![org, sid, wd, part],
                        )
                        .await?;
                    }
                }
            }
            if rng.chance(25) {
                let kind = if rng.chance(60) { "closed" } else { "extra" };
                tx.run(
                    "INSERT INTO space_exceptions (org_id, space_id, on_date, part, kind) VALUES ($1, $2, $3, $4, $5)",
                    args![org, sid, day(7 + rng.below(60) as i64), super::PARTS[rng.below(3) as usize], kind],
                )
                .await?;
            }
            super::sync_fts(tx, sid, &name, &description, &activities_text).await?;
            if status == "published" {
                spaces.push((sid, pid));
            }
            n += 1;
        }
    }

    // Enquiries in every state: (space index, seeker, state, dates, message, provider reply).
    let enquiries: [DemoEnquiry; 6] = [
        (
            0,
            0,
            "sent",
            &[14],
            "Wij zoeken een plek voor een kookles met tien buurtgenoten.",
            None,
        ),
        (
            5,
            1,
            "answered",
            &[21],
            "Kunnen wij hier op zaterdag een verjaardag vieren?",
            Some("Dat kan. Wilt u de zaal 's middags of 's avonds?"),
        ),
        (
            12,
            3,
            "agreed",
            &[10, 17],
            "De breiclub zoekt een vaste plek voor twee dinsdagen.",
            Some("Welkom! De sleutel ligt bij de beheerder."),
        ),
        (
            20,
            2,
            "declined",
            &[30],
            "Mag ik hier een yogales geven?",
            Some("Helaas is de zaal dan al bezet."),
        ),
        (
            33,
            0,
            "withdrawn",
            &[40],
            "Wij willen graag een vergadering houden.",
            None,
        ),
        (
            41,
            1,
            "answered",
            &[12],
            "Is de ruimte geschikt voor een jongerenavond?",
            Some("Zeker, er is ook een geluidsinstallatie."),
        ),
    ];
    for (k, (si, who, state, days, msg, reply)) in enquiries.iter().enumerate() {
        let Some((sid, pid)) = spaces.get(*si % spaces.len().max(1)).copied() else {
            continue;
        };
        let at = t - (10 - k as i64) * 86_400;
        let dates: Vec<String> = days.iter().map(|d| day(*d)).collect();
        let part = super::PARTS[k % 3];
        let eid: i64 = tx
            .write_scalar(
                "INSERT INTO space_enquiries (org_id, space_id, sender_id, activity, on_date, part, people, state, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
                args![org, sid, seekers[*who], super::DEFAULT_ACTIVITIES[k % 7], &dates[0], part, 8 + k as i64 * 3, *state, at],
            )
            .await?;
        for d in &dates {
            tx.run(
                "INSERT INTO space_enquiry_dates (org_id, enquiry_id, on_date, part) VALUES ($1, $2, $3, $4)",
                args![org, eid, d, part],
            )
            .await?;
            if *state == "agreed" {
                tx.run(
                    "INSERT INTO space_bookings (org_id, space_id, on_date, part, enquiry_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                    args![org, sid, d, part, eid, at],
                )
                .await?;
            }
        }
        tx.run(
            "INSERT INTO space_enquiry_messages (org_id, enquiry_id, author_id, from_provider, body, created_at) VALUES ($1, $2, $3, FALSE, $4, $5)",
            args![org, eid, seekers[*who], *msg, at],
        )
        .await?;
        if let Some(r) = reply {
            let member: Option<i64> = tx
                .scalar(
                    "SELECT user_id FROM space_provider_members WHERE org_id = $1 AND provider_id = $2",
                    args![org, pid],
                )
                .await?;
            tx.run(
                "INSERT INTO space_enquiry_messages (org_id, enquiry_id, author_id, from_provider, body, created_at) VALUES ($1, $2, $3, TRUE, $4, $5)",
                args![org, eid, member, *r, at + 3_600],
            )
            .await?;
        }
    }
    Ok(n)
}

/// Benchmark data: `n` published spaces of 12 approved providers in municipality `org`, with
/// facilities, capacities, prices, activities and weekly slots spread by simple arithmetic
/// over the row number (so every filter leaves a predictable share), in one transaction of
/// `INSERT ... SELECT` statements over a recursive number series. For `meedoen bench-data`
/// (the Makelpunt search scenario). Returns the number of spaces.
pub async fn load_bench_spaces(db: &crate::db::Db, org: i64, n: i64) -> anyhow::Result<i64> {
    let t = now();
    let mut tx = db.begin().await?;
    for a in super::DEFAULT_ACTIVITIES {
        tx.run(
            "INSERT INTO space_activities (org_id, name) VALUES ($1, $2) ON CONFLICT (org_id, name) DO NOTHING",
            args![org, a],
        )
        .await?;
    }
    for (i, (name, kind, domain, _)) in PROVIDERS.iter().enumerate() {
        tx.run(
            "INSERT INTO space_providers (org_id, name, kind, contact_email, may_share, status, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, TRUE, 'approved', $5, $5) ON CONFLICT (org_id, name) DO NOTHING",
            args![org, format!("{name} (bench {i})"), *kind, format!("bench@{domain}.example"), t],
        )
        .await?;
    }
    let providers: i64 = tx
        .scalar(
            "SELECT COUNT(*) FROM space_providers WHERE org_id = $1",
            args![org],
        )
        .await?
        .unwrap_or(1)
        .max(1);
    let hoods: i64 = tx
        .scalar(
            "SELECT COUNT(*) FROM areas WHERE org_id = $1 AND kind = 'neighbourhood'",
            args![org],
        )
        .await?
        .unwrap_or(0);
    tx.run(
        "WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n WHERE x + 1 < $2) \
         INSERT INTO spaces (org_id, provider_id, name, description, address, area_id, max_capacity, \
           kitchen, av, storage, outdoor, parking, wifi, step_free, accessible_toilet, hearing_loop, lift, \
           price_type, price_cents, status, activities_text, created_at, updated_at, confirmed_at, lat, lon) \
         SELECT $1, \
           p.id, \
           'Ruimte ' || CAST(x AS TEXT), \
           CASE x % 5 WHEN 0 THEN 'Lichte zaal voor yoga en sport' WHEN 1 THEN 'Gezellige ruimte met keuken voor kookles' \
             WHEN 2 THEN 'Clubhuis voor de breiclub en vergaderingen' WHEN 3 THEN 'Jongerenruimte met muziek' \
             ELSE 'Zaal voor feesten en bijeenkomsten' END, \
           'Benchstraat ' || CAST(x AS TEXT), \
           a.id, \
           5 + (x * 37) % 150, \
           x % 2 = 0, x % 3 = 0, x % 5 = 0, x % 7 = 0, x % 4 < 2, x % 10 < 7, \
           x % 3 <> 0, x % 4 = 0, x % 9 = 0, x % 11 = 0, \
           CASE x % 4 WHEN 0 THEN 'free' WHEN 1 THEN 'cost' WHEN 2 THEN 'request' ELSE 'amount' END, \
           CASE WHEN x % 4 = 3 THEN 1000 + (x % 8) * 500 END, \
           'published', '', $4 - x, $4 - x, $4, \
           52.16 + (x % 100) * 0.0012, 6.80 + ((x / 100) % 100) * 0.0018 \
         FROM n JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM space_providers WHERE org_id = $1) p \
           ON p.k = x % $5 \
         LEFT JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM areas WHERE org_id = $1 AND kind = 'neighbourhood') a \
           ON a.k = x % (CASE WHEN $3 > 0 THEN $3 ELSE 1 END)",
        args![org, n, hoods, t, providers],
    )
    .await?;
    tx.run(
        "INSERT INTO space_weekly (org_id, space_id, weekday, part) \
         SELECT s.org_id, s.id, w.wd, p.part FROM spaces s, \
           (SELECT 0 AS wd UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6) w, \
           (SELECT 'morning' AS part, 0 AS k UNION ALL SELECT 'afternoon', 1 UNION ALL SELECT 'evening', 2) p \
         WHERE s.org_id = $1 AND (s.id + w.wd * 2 + p.k) % 3 = 0",
        args![org],
    )
    .await?;
    tx.run(
        "INSERT INTO space_activity_links (org_id, space_id, activity_id) \
         SELECT s.org_id, s.id, a.id FROM spaces s JOIN space_activities a ON a.org_id = s.org_id \
         WHERE s.org_id = $1 AND (s.id + a.id) % 4 = 0",
        args![org],
    )
    .await?;
    tx.run(
        "UPDATE spaces SET activities_text = COALESCE((SELECT MIN(a.name) FROM space_activity_links l \
           JOIN space_activities a ON a.id = l.activity_id WHERE l.space_id = spaces.id), '') WHERE org_id = $1",
        args![org],
    )
    .await?;
    if tx.backend() == crate::db::Backend::Sqlite {
        tx.run(
            "INSERT INTO spaces_fts (rowid, name, description, activities) \
             SELECT id, name, description, activities_text FROM spaces WHERE org_id = $1",
            args![org],
        )
        .await?;
    }
    let count: i64 = tx
        .scalar("SELECT COUNT(*) FROM spaces WHERE org_id = $1", args![org])
        .await?
        .unwrap_or(0);
    tx.commit().await?;
    Ok(count)
}
