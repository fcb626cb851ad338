//! Demo content: the municipality Enschede with its stadsdelen and wijken, themes, six
//! projects in different phases (one collecting ideas, one voting with an open poll, one
//! closed with results and a news update, one draft, the participatory budget "Jij maakt
//! Zuid" in its voting phase with ten ideas on a € 50.000 ballot, and the finished "Jij maakt
//! Noord 2025" with published results, selected winners and realisation updates) and an admin account whose password is
//! printed once. Loaded by `meedoen demo` and `meedoen serve --demo`, only into an empty
//! database: when any municipality exists it does nothing.
//!
//! Phase dates are relative to the day it runs, so the demo always shows a current phase.

use time::Date;

use crate::args;
use crate::config::Config;
use crate::db::{now, Db, Tx};
use crate::module::{DemoEnv, Registry};

/// Enschede's stadsdelen with their wijken.
const AREAS: &[(&str, &[&str])] = &[
    (
        "Centrum",
        &[
            "Binnenstad",
            "De Laares",
            "Lasonder-Zeggelt",
            "Boddenkamp",
            "Horstlanden-Veldkamp",
            "Getfert",
            "Bolhaar",
            "Cromhoffsbleek-Kotman",
            "Walhof-Roessingh",
        ],
    ),
    (
        "Noord",
        &[
            "Roombeek-Roomveldje",
            "Mekkelholt",
            "Deppenbroek",
            "Twekkelerveld",
            "Voortman-Amelink",
            "Drienerlo",
            "Lonneker",
        ],
    ),
    (
        "Oost",
        &[
            "Stokhorst",
            "Ribbelt",
            "Schreurserve",
            "Velve-Lindenhof",
            "Hogeland",
            "Wooldrik",
            "Eschmarke",
            "Dolphia",
            "Glanerbrug",
        ],
    ),
    (
        "Zuid",
        &[
            "Wesselerbrink",
            "Helmerhoek",
            "Stroinkslanden",
            "Het Brunink",
            "Broekheurne",
            "Pathmos",
        ],
    ),
    (
        "West",
        &[
            "Stadsveld",
            "'t Zwering",
            "Boswinkel",
            "Ruwenbos",
            "Elferink-Heuwkamp",
            "Boekelo",
            "Usselo",
        ],
    ),
];

const THEMES: &[(&str, &str)] = &[
    ("Groen", "groen"),
    ("Verkeer", "verkeer"),
    ("Spelen", "spelen"),
    ("Cultuur", "cultuur"),
    ("Sport", "sport"),
    ("Zorg en welzijn", "zorg"),
];

const PRIVACY_MD: &str = "# Privacyverklaring\n\n\
De gemeente Enschede gebruikt dit platform om u mee te laten denken en beslissen over uw stad en uw wijk. \
Wij gaan zorgvuldig om met uw gegevens en houden ons aan de Algemene verordening gegevensbescherming (AVG).\n\n\
## Welke gegevens bewaren we?\n\n\
- Uw e-mailadres en de naam die u zelf kiest. Die hebben we nodig voor uw account.\n\
- Wat u op het platform doet: uw ideeën, reacties en stemmen.\n\n\
Wij vragen niet meer dan nodig is. Wij verkopen uw gegevens nooit en delen ze niet met anderen.\n\n\
## Hoe lang bewaren we uw gegevens?\n\n\
Zolang u een account heeft. Verwijdert u uw account? Dan halen we uw naam en e-mailadres weg. \
Uw stemmen blijven meetellen, maar zijn dan niet meer aan u te koppelen.\n\n\
## Uw rechten\n\n\
U kunt via **Mijn account** al uw gegevens downloaden en uw account verwijderen. \
Heeft u een vraag of klacht? Mail dan naar privacy@enschede.nl of bel 14 053. \
U kunt ook een klacht indienen bij de Autoriteit Persoonsgegevens.\n";

const ACCESSIBILITY_MD: &str = "# Toegankelijkheidsverklaring\n\n\
De gemeente Enschede wil dat iedereen mee kan doen. Daarom willen we dat deze website voor iedereen goed werkt, \
ook als u slecht ziet, een schermlezer gebruikt of alleen een toetsenbord gebruikt.\n\n\
## Wat doen we?\n\n\
- De website volgt de richtlijnen WCAG 2.1 op niveau AA.\n\
- Alle pagina's werken zonder JavaScript.\n\
- We schrijven in duidelijke taal (taalniveau B1).\n\n\
## Werkt iets niet goed?\n\n\
Laat het ons weten. Mail naar participatie@enschede.nl of bel 14 053. \
We antwoorden binnen 5 werkdagen en lossen het probleem zo snel mogelijk op.\n";

/// Loads the demo into the database of `config` when it holds no municipality yet.
pub async fn load_if_empty(config: &Config, modules: &Registry) -> anyhow::Result<()> {
    let db = Db::connect(&config.database_url).await?;
    crate::db::migrate(&db).await?;
    let result = load(&db, config, modules).await;
    db.close().await;
    result
}

async fn load(db: &Db, config: &Config, modules: &Registry) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    let orgs: i64 = tx
        .scalar("SELECT COUNT(*) FROM orgs", args![])
        .await?
        .unwrap_or(0);
    if orgs > 0 {
        tracing::info!("demo: er is al een gemeente; demo-inhoud niet geladen");
        return Ok(());
    }
    let org = tx
        .write_scalar::<i64>(
            "INSERT INTO orgs (name, slug, default_lang, email_from, primary_color, secondary_color, font, privacy_md, accessibility_md, created_at) \
             VALUES ($1, $2, 'nl', $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            args![
                "Enschede",
                "enschede",
                "participatie@enschede.nl",
                "#c60021",
                "#1d3b6e",
                "\"Open Sans\", Arial, sans-serif",
                PRIVACY_MD,
                ACCESSIBILITY_MD,
                now()
            ],
        )
        .await?;
    for host in ["localhost", "127.0.0.1"] {
        tx.run(
            "INSERT INTO org_hosts (host, org_id) VALUES ($1, $2)",
            args![host, org],
        )
        .await?;
    }
    // Approximate outlines (see demo_areas.rs), so maps show the districts and neighbourhoods.
    let outlines = super::demo_areas::outlines(AREAS);
    let outline = |name: &str| {
        outlines
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, g)| g.clone())
    };
    for (district, wijken) in AREAS {
        let did = tx
            .write_scalar::<i64>(
                "INSERT INTO areas (org_id, parent_id, kind, name, slug, geojson) VALUES ($1, NULL, 'district', $2, $3, $4) RETURNING id",
                args![org, *district, crate::staff::slugify(district), outline(district)],
            )
            .await?;
        for w in *wijken {
            tx.run(
                "INSERT INTO areas (org_id, parent_id, kind, name, slug, geojson) VALUES ($1, $2, 'neighbourhood', $3, $4, $5)",
                args![org, did, *w, crate::staff::slugify(w), outline(w)],
            )
            .await?;
        }
    }
    for (name, slug) in THEMES {
        tx.run(
            "INSERT INTO themes (org_id, name, slug) VALUES ($1, $2, $3)",
            args![org, *name, *slug],
        )
        .await?;
    }
    tx.commit().await?;

    let password = crate::web::session::random_token();
    let email = "beheerder@enschede.nl";
    let staff = crate::setup::create_user(
        db,
        org,
        email,
        "Beheerder Enschede",
        &password,
        &[crate::module::ADMIN],
    )
    .await?;

    // Every module adds its own demo content, in registry order, in one transaction.
    let env = DemoEnv {
        org,
        staff,
        today: domain::calendar::local_date(now()),
        now: now(),
        base_url: config.base_url.clone(),
    };
    let mut tx = db.begin().await?;
    for m in modules.all() {
        m.demo(&mut tx, &env).await?;
    }
    tx.commit().await?;

    // Pictures for projects, ideas and spaces, drawn now and stored as uploads.
    let storage = crate::uploads::FsStorage::new(config.data_dir.clone());
    let pictures = super::demo_pictures::attach(db, &storage, org).await?;
    tracing::info!(pictures, "demo: tekeningen gemaakt");

    crate::audit::record(
        db,
        crate::audit::Entry {
            org_id: org,
            actor_id: None,
            action: "demo.load",
            object_type: "org",
            object_id: Some(org.to_string()),
            detail: "demo-inhoud geladen".into(),
        },
    )
    .await?;

    // Without a configured public URL, point at the address the server will listen on.
    let base = if config.base_url == crate::config::Config::default().base_url {
        format!("http://{}", config.bind)
    } else {
        config.base_url.trim_end_matches('/').to_string()
    };
    println!();
    println!("Demo geladen: gemeente Enschede met stadsdelen, wijken en zes projecten, waaronder Jij maakt Zuid.");
    println!("  Website:    {base}/");
    println!("  Inloggen:   {base}/inloggen");
    println!("  E-mail:     {email}");
    println!("  Wachtwoord: {password}");
    println!("Bij de eerste keer inloggen stelt u tweestapsverificatie (TOTP) in met een app op uw telefoon.");
    println!("Dit wachtwoord wordt maar één keer getoond. Bewaar het goed.");
    println!();
    Ok(())
}

/// The demo's projects: six project sites with their components (poll, ideas, ballots),
/// phases, news and realisation updates. The projects module's demo data.
pub async fn projects(tx: &mut Tx, env: &DemoEnv) -> anyhow::Result<()> {
    let org = env.org;
    let area_ids: Vec<(String, i64)> = tx
        .all("SELECT name, id FROM areas WHERE org_id = $1", args![org])
        .await?;
    let theme_ids: Vec<(String, i64)> = tx
        .all("SELECT slug, id FROM themes WHERE org_id = $1", args![org])
        .await?;
    let area = |name: &str| area_ids.iter().find(|(n, _)| n == name).map(|(_, id)| *id);
    let theme = |slug: &str| theme_ids.iter().find(|(s, _)| s == slug).map(|(_, id)| *id);
    let t = env.now;
    let today = env.today;

    // 1. Collecting ideas: playgrounds in Wesselerbrink.
    let p1 = project(
        tx,
        org,
        Project {
            slug: "speelplekken-wesselerbrink",
            title: "Speelplekken in de Wesselerbrink",
            summary: "Welke speelplekken wilt u in de Wesselerbrink? Geef uw ideeën en kies wat u het belangrijkst vindt.",
            body: "In de Wesselerbrink zijn veel speeltuinen oud. De gemeente wil de komende twee jaar vier speelplekken \
                   vernieuwen. **Wat vindt u belangrijk?** Denk mee, ook als u geen kinderen heeft.\n\n\
                   - Tot en met de inzendperiode kunt u uw keuze doorgeven.\n\
                   - Daarna werken we de ideeën uit samen met de wijkraad.\n\
                   - In de zomer beginnen we met bouwen.",
            area: area("Wesselerbrink"),
            status: "published",
            contact: ("Fatma Yilmaz", "speelruimte@enschede.nl"),
        },
        t,
    )
    .await?;
    phases(
        tx,
        org,
        p1,
        today,
        &[
            ("Ideeën inzenden", -14, 21),
            ("Uitwerken met de wijk", 22, 75),
            ("Aanleg", 76, 240),
        ],
    )
    .await?;
    poll(
        tx,
        org,
        p1,
        "Uw voorkeur",
        "Welk soort speelplek mist u het meest in de Wesselerbrink?",
        true,
        &[
            ("Een natuurspeeltuin met water en zand", 14),
            ("Een trapveldje en basketbalveld", 22),
            ("Speeltoestellen voor de kleinsten", 9),
            ("Een plek om te zitten en elkaar te ontmoeten", 11),
        ],
        t,
    )
    .await?;
    theme_links(tx, org, p1, &["spelen", "groen"], &theme).await?;

    // 2. Voting: a new design for the Van Heekplein.
    let p2 = project(
        tx,
        org,
        Project {
            slug: "van-heekplein",
            title: "Een nieuw Van Heekplein",
            summary: "Drie ontwerpen voor het grootste plein van de binnenstad. Kies het ontwerp dat u het beste vindt.",
            body: "Het Van Heekplein krijgt een nieuwe inrichting. Vorig jaar gaven meer dan 1.200 inwoners hun ideeën. \
                   Ontwerpers maakten daarmee **drie ontwerpen**. Nu bent u aan de beurt: welk ontwerp kiest u?\n\n\
                   Het ontwerp met de meeste stemmen werken we verder uit. De gemeenteraad beslist in het voorjaar.",
            area: area("Binnenstad"),
            status: "published",
            contact: ("Jeroen Hofstede", "binnenstad@enschede.nl"),
        },
        t,
    )
    .await?;
    phases(
        tx,
        org,
        p2,
        today,
        &[
            ("Ideeën ophalen", -120, -60),
            ("Ontwerpen maken", -59, -8),
            ("Stemmen op een ontwerp", -7, 14),
            ("Besluit gemeenteraad", 15, 90),
        ],
    )
    .await?;
    poll(
        tx,
        org,
        p2,
        "Stemmen op een ontwerp",
        "Welk ontwerp voor het Van Heekplein kiest u?",
        true,
        &[
            ("Ontwerp A: een groen plein met bomen, gras en bankjes", 48),
            ("Ontwerp B: een evenementenplein met een waterspel", 37),
            ("Ontwerp C: een marktplein met een overkapping", 21),
        ],
        t,
    )
    .await?;
    theme_links(tx, org, p2, &["groen", "verkeer", "cultuur"], &theme).await?;

    // 3. Closed, with results and what was done with them.
    let p3 = project(
        tx,
        org,
        Project {
            slug: "veilig-naar-school-stroinkslanden",
            title: "Veilig naar school in de Stroinkslanden",
            summary: "Bewoners, ouders en scholen kozen samen hoe kinderen veiliger naar school fietsen en lopen.",
            body: "Veel ouders maakten zich zorgen over drukke kruisingen rond de scholen in de Stroinkslanden. \
                   Daarom vroegen we u wat het meest zou helpen. Het project is afgerond. \
                   Lees hieronder wat we met uw inbreng deden.",
            area: area("Stroinkslanden"),
            status: "closed",
            contact: ("Marieke ter Horst", "verkeer@enschede.nl"),
        },
        t - 200 * 86400,
    )
    .await?;
    phases(
        tx,
        org,
        p3,
        today,
        &[
            ("Meedenken", -240, -200),
            ("Uitwerken", -199, -120),
            ("Uitvoering", -119, -20),
        ],
    )
    .await?;
    poll(
        tx,
        org,
        p3,
        "Wat helpt het meest?",
        "Wat maakt de weg naar school het veiligst?",
        false,
        &[
            ("Verhoogde kruisingen bij de scholen", 131),
            ("Een schoolzone met 30 km per uur en kleur op de weg", 88),
            ("Meer verlichting op de fietspaden", 46),
            ("Een kiss-and-ride-strook", 29),
        ],
        t - 200 * 86400,
    )
    .await?;
    theme_links(tx, org, p3, &["verkeer", "spelen"], &theme).await?;
    tx.run(
        "INSERT INTO project_updates (org_id, project_id, title, body_md, published_at) VALUES ($1, $2, $3, $4, $5)",
        args![
            org,
            p3,
            "Wat we met uw inbreng deden",
            "294 mensen gaven hun mening. De meeste stemmen gingen naar **verhoogde kruisingen bij de scholen**. \
             Dat hebben we gedaan:\n\n\
             - Bij de drie basisscholen liggen nu verhoogde kruisingen.\n\
             - Rond de scholen is een schoolzone gemaakt met 30 km per uur.\n\
             - Op het fietspad langs de Hanenberglanden hangen nieuwe lantaarns.\n\n\
             Een kiss-and-ride-strook kwam er niet: daarvoor was geen ruimte zonder bomen te kappen. \
             Bedankt voor het meedenken!",
            t - 20 * 86400
        ],
    )
    .await?;
    tx.run(
        "INSERT INTO project_updates (org_id, project_id, title, body_md, published_at) VALUES ($1, $2, $3, $4, $5)",
        args![
            org,
            p3,
            "De uitslag is bekend",
            "Bedankt voor uw stem! De uitslag ziet u op deze pagina. We gaan nu aan de slag met de plannen.",
            t - 195 * 86400
        ],
    )
    .await?;

    // 4. Draft: not public yet.
    let p4 = project(
        tx,
        org,
        Project {
            slug: "buurthuis-glanerbrug",
            title: "Samen plannen maken voor het buurthuis in Glanerbrug",
            summary: "Hoe wordt het buurthuis een plek voor iedereen? Binnenkort kunt u meedenken.",
            body: "Dit project is nog in voorbereiding.",
            area: area("Glanerbrug"),
            status: "draft",
            contact: ("Sanne Oude Vrielink", "welzijn@enschede.nl"),
        },
        t,
    )
    .await?;
    phases(
        tx,
        org,
        p4,
        today,
        &[("Ideeën verzamelen", 30, 75), ("Plan maken", 76, 150)],
    )
    .await?;
    theme_links(tx, org, p4, &["zorg", "cultuur"], &theme).await?;

    // Ideas for the playgrounds in Wesselerbrink: the submission window is open.
    let speel = ideas_component(
        tx,
        org,
        p1,
        "Ideeën voor speelplekken",
        1,
        &day(today, -14),
        &day(today, 21),
        t,
    )
    .await?;
    insert_ideas(tx, org, speel, SPEEL_IDEAS, &area, &theme, t - 10 * 86_400).await?;

    // 5. Participatory budgeting in its voting phase: Jij maakt Zuid.
    let zuid = project(
        tx,
        org,
        Project {
            slug: "jij-maakt-zuid",
            title: "Jij maakt Zuid",
            summary: "€ 50.000 voor de plannen van bewoners in stadsdeel Zuid. Stem nu op de ideeën die u het beste vindt.",
            body: "Met **Jij maakt Zuid** beslissen bewoners zelf waar € 50.000 aan wordt besteed in stadsdeel Zuid. \
                   Iedereen kon een idee insturen. De gemeente heeft gekeken of de ideeën kunnen en wat ze kosten. \
                   Tien ideeën staan nu op het stembiljet.\n\n\
                   - Kies de ideeën die u wilt, samen niet meer dan € 50.000.\n\
                   - U kunt stemmen met uw account of met de stemcode uit de brief.\n\
                   - De ideeën met de meeste stemmen worden uitgevoerd, zolang het geld er is.",
            area: area("Zuid"),
            status: "published",
            contact: ("Kees Nijhuis", "jijmaaktzuid@enschede.nl"),
        },
        t - 80 * 86_400,
    )
    .await?;
    phases(
        tx,
        org,
        zuid,
        today,
        &[
            ("Ideeën insturen", -75, -40),
            ("Ideeën controleren", -39, -10),
            ("Stemmen", -9, 14),
            ("Uitslag", 15, 30),
            ("Uitvoering", 31, 365),
        ],
    )
    .await?;
    theme_links(tx, org, zuid, &["groen", "spelen", "sport"], &theme).await?;
    let zuid_ideas_cid = ideas_component(
        tx,
        org,
        zuid,
        "Ideeën voor Zuid",
        0,
        &day(today, -75),
        &day(today, -40),
        t - 80 * 86_400,
    )
    .await?;
    let zuid_ideas = insert_ideas(
        tx,
        org,
        zuid_ideas_cid,
        ZUID_IDEAS,
        &area,
        &theme,
        t - 70 * 86_400,
    )
    .await?;
    insert_comments(tx, org, &zuid_ideas, ZUID_COMMENTS, t - 60 * 86_400).await?;
    let zuid_ballot = ballot_component(
        tx,
        org,
        zuid,
        DemoBallot {
            title: "Stemmen: Jij maakt Zuid",
            position: 1,
            ideas_cid: zuid_ideas_cid,
            max_budget: 50_000,
            opens_at: local_midnight(today, -9),
            closes_at: local_midnight(today, 15),
            published_at: None,
        },
        t - 10 * 86_400,
    )
    .await?;
    let on_ballot = |list: &[DemoIdea], ids: &[i64]| -> Vec<(i64, i64, u64)> {
        list.iter()
            .zip(ids)
            .filter(|(i, _)| i.status == "accepted")
            .map(|(i, id)| (*id, i.cost, (i.likes as u64).max(1)))
            .collect()
    };
    cast_ballots(
        tx,
        org,
        zuid_ballot,
        &on_ballot(ZUID_IDEAS, &zuid_ideas),
        50_000,
        87,
        0,
        2026,
        t - 8 * 86_400,
    )
    .await?;

    // 6. A finished budgeting round with published results and selected winners.
    let noord = project(
        tx,
        org,
        Project {
            slug: "jij-maakt-noord-2025",
            title: "Jij maakt Noord 2025",
            summary: "Bewoners van stadsdeel Noord kozen in 2025 hoe € 60.000 werd besteed. Bekijk de uitslag en hoe het ervoor staat.",
            body: "In 2025 stuurden bewoners van stadsdeel Noord hun ideeën in. Negen ideeën kwamen op het stembiljet. \
                   Bewoners stemden online en op papier. De ideeën met de meeste stemmen worden nu uitgevoerd.\n\n\
                   Hieronder ziet u de uitslag en de berichten over de uitvoering.",
            area: area("Noord"),
            status: "closed",
            contact: ("Kees Nijhuis", "jijmaaktnoord@enschede.nl"),
        },
        t - 420 * 86_400,
    )
    .await?;
    phases(
        tx,
        org,
        noord,
        today,
        &[
            ("Ideeën insturen", -400, -360),
            ("Ideeën controleren", -359, -331),
            ("Stemmen", -330, -310),
            ("Uitslag", -309, -300),
            ("Uitvoering", -299, -10),
        ],
    )
    .await?;
    theme_links(tx, org, noord, &["groen", "sport", "zorg"], &theme).await?;
    let noord_ideas_cid = ideas_component(
        tx,
        org,
        noord,
        "Ideeën voor Noord",
        0,
        &day(today, -400),
        &day(today, -360),
        t - 420 * 86_400,
    )
    .await?;
    let noord_ideas = insert_ideas(
        tx,
        org,
        noord_ideas_cid,
        NOORD_IDEAS,
        &area,
        &theme,
        t - 395 * 86_400,
    )
    .await?;
    let noord_ballot = ballot_component(
        tx,
        org,
        noord,
        DemoBallot {
            title: "Stemmen: Jij maakt Noord 2025",
            position: 1,
            ideas_cid: noord_ideas_cid,
            max_budget: 60_000,
            opens_at: local_midnight(today, -330),
            closes_at: local_midnight(today, -309),
            published_at: Some(local_midnight(today, -305)),
        },
        t - 340 * 86_400,
    )
    .await?;
    let noord_on_ballot = on_ballot(NOORD_IDEAS, &noord_ideas);
    let tally = cast_ballots(
        tx,
        org,
        noord_ballot,
        &noord_on_ballot,
        60_000,
        412,
        140,
        2025,
        t - 329 * 86_400,
    )
    .await?;
    let domain_ideas: Vec<domain::Idea> = noord_on_ballot
        .iter()
        .map(|(id, cost, _)| domain::Idea {
            id: *id,
            cost: *cost,
            area_id: None,
            eligible: true,
        })
        .collect();
    let sel = domain::select_winners(
        &domain::WinnerRule::Budget { total: 60_000 },
        &domain_ideas,
        &tally,
    );
    for w in &sel.winners {
        crate::components::ideas::store::set_status_tx(
            tx,
            crate::components::ideas::store::StatusChange {
                org_id: org,
                idea_id: w.idea_id,
                actor_id: None,
                status: "selected",
                answer: Some("Gekozen door de bewoners. Dit idee wordt uitgevoerd."),
                redirect_to: "",
                merged_into: None,
                lang: crate::web::i18n::Lang::Nl,
                base_url: &env.base_url,
                seen: None,
                by: domain::workflows::IdeaActor::System,
            },
        )
        .await?;
    }
    // Realisation updates on the selected ideas: a few each, at different stages.
    for (k, w) in sel.winners.iter().enumerate() {
        let title: String = tx
            .scalar(
                "SELECT title FROM ideas WHERE org_id = $1 AND id = $2",
                args![org, w.idea_id],
            )
            .await?
            .unwrap_or_default();
        let steps = if title.contains("Speeltoestellen") {
            4
        } else if title.contains("Skatebaan") {
            3
        } else {
            1 + k % 2
        };
        for (status, percent, body, days_ago) in REALISATION.iter().take(steps) {
            tx.run(
                "INSERT INTO idea_updates (org_id, idea_id, author_id, status_text, percent, body, photo_alt, created_at) \
                 VALUES ($1, $2, NULL, $3, $4, $5, '', $6)",
                args![org, w.idea_id, *status, *percent, *body, t - days_ago * 86_400],
            )
            .await?;
        }
    }
    for (title, body, days_ago) in [
        (
            "De uitslag van Jij maakt Noord 2025",
            "552 bewoners stemden: 412 online en 140 op papier. Bedankt! De uitslag staat op deze pagina. \
             De gekozen ideeën worden het komende jaar uitgevoerd.",
            305,
        ),
        (
            "Zo staat het ervoor: de eerste plannen zijn klaar",
            "De gekozen ideeën worden uitgevoerd. Stand van zaken:\n\n\
             - **Speeltoestellen voor ieder kind**: klaar (100%). De speeltuin in Mekkelholt is in juni geopend.\n\
             - **Skatebaan in Roombeek vernieuwen**: in aanleg (70%). De nieuwe vloer ligt er, de elementen komen in december.\n\
             - De andere plannen zijn besteld of in voorbereiding.\n\n\
             Wilt u op de hoogte blijven? Volg dan het idee op de ideeënpagina.",
            40,
        ),
    ] {
        tx.run(
            "INSERT INTO project_updates (org_id, project_id, title, body_md, published_at) VALUES ($1, $2, $3, $4, $5)",
            args![org, noord, title, body, t - days_ago * 86_400],
        )
        .await?;
    }

    Ok(())
}

/// Stages of a realised idea in the demo: status, percent done, text, days ago.
const REALISATION: [(&str, i64, &str, i64); 4] = [
    (
        "Plan gemaakt",
        10,
        "De gemeente heeft samen met de indiener een plan gemaakt. **Volgende stap:** offertes vragen.",
        290,
    ),
    (
        "Besteld",
        40,
        "De offertes zijn binnen en de opdracht is gegeven. De levering staat gepland voor het voorjaar.",
        200,
    ),
    (
        "In aanleg",
        70,
        "De aannemer is begonnen. Er kan wat overlast zijn. Vragen? Mail naar jijmaaktnoord@enschede.nl.",
        90,
    ),
    (
        "Klaar",
        100,
        "Het is af! Op de opening kwamen veel buren. Dank aan iedereen die meedacht en stemde.",
        45,
    ),
];

struct Project<'a> {
    slug: &'a str,
    title: &'a str,
    summary: &'a str,
    body: &'a str,
    area: Option<i64>,
    status: &'a str,
    contact: (&'a str, &'a str),
}

async fn project(tx: &mut Tx, org: i64, p: Project<'_>, at: i64) -> anyhow::Result<i64> {
    Ok(tx
        .write_scalar::<i64>(
            "INSERT INTO projects (org_id, slug, title, summary, body_md, area_id, contact_name, contact_email, status, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
            args![org, p.slug, p.title, p.summary, p.body, p.area, p.contact.0, p.contact.1, p.status, at],
        )
        .await?)
}

fn day(today: Date, offset: i64) -> String {
    let d = today
        .checked_add(time::Duration::days(offset))
        .unwrap_or(today);
    let f = time::macros::format_description!("[year]-[month]-[day]");
    d.format(f).unwrap_or_default()
}

async fn phases(
    tx: &mut Tx,
    org: i64,
    project: i64,
    today: Date,
    list: &[(&str, i64, i64)],
) -> anyhow::Result<()> {
    for (name, from, to) in list {
        tx.run(
            "INSERT INTO phases (org_id, project_id, name, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5)",
            args![org, project, *name, day(today, *from), day(today, *to)],
        )
        .await?;
    }
    Ok(())
}

/// A poll component with its choices. The counts become real answers without a person
/// attached (as after account deletion), so totals and the answers table agree.
#[allow(clippy::too_many_arguments)]
async fn poll(
    tx: &mut Tx,
    org: i64,
    project: i64,
    title: &str,
    question: &str,
    open: bool,
    choices: &[(&str, i64)],
    at: i64,
) -> anyhow::Result<i64> {
    let cid = tx
        .write_scalar::<i64>(
            "INSERT INTO components (org_id, project_id, kind, title, position, created_at) VALUES ($1, $2, 'poll', $3, 0, $4) RETURNING id",
            args![org, project, title, at],
        )
        .await?;
    tx.run(
        "INSERT INTO polls (component_id, org_id, question, is_open) VALUES ($1, $2, $3, $4)",
        args![cid, org, question, open],
    )
    .await?;
    for (i, (label, answers)) in choices.iter().enumerate() {
        let choice = tx
            .write_scalar::<i64>(
                "INSERT INTO poll_choices (org_id, component_id, label, position, answers) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                args![org, cid, *label, i as i64, *answers],
            )
            .await?;
        for n in 0..*answers {
            tx.run(
                "INSERT INTO poll_answers (org_id, component_id, choice_id, user_id, created_at) VALUES ($1, $2, $3, NULL, $4)",
                args![org, cid, choice, at + n * 617 % 86400],
            )
            .await?;
        }
    }
    Ok(cid)
}

async fn theme_links(
    tx: &mut Tx,
    org: i64,
    project: i64,
    slugs: &[&str],
    theme: &impl Fn(&str) -> Option<i64>,
) -> anyhow::Result<()> {
    for s in slugs {
        if let Some(id) = theme(s) {
            tx.run(
                "INSERT INTO project_themes (org_id, project_id, theme_id) VALUES ($1, $2, $3)",
                args![org, project, id],
            )
            .await?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Participatory budgeting: ideas, likes, comments, ballots.

/// A demo idea. `likes` become likes without a person attached (as after account deletion),
/// so `like_count` equals the rows behind it.
struct DemoIdea {
    title: &'static str,
    summary: &'static str,
    description: &'static str,
    cost: i64,
    area: &'static str,
    themes: &'static [&'static str],
    status: &'static str,
    answer: &'static str,
    redirect_to: &'static str,
    likes: i64,
    author: &'static str,
}

/// A demo comment on idea `idea` (index into the idea list); `reply_to` is the index of an
/// earlier comment in the same list.
struct DemoComment {
    idea: usize,
    reply_to: Option<usize>,
    author: &'static str,
    stance: &'static str,
    body: &'static str,
}

const WHY: &str = "\n\nDe wijkraad en de buurtcoördinator hebben meegekeken. De gemeente heeft gecontroleerd \
of het idee mag, of het kan op deze plek en wat het ongeveer kost. Onderhoud voor de komende vijf jaar zit in het bedrag.";

const ZUID_IDEAS: &[DemoIdea] = &[
    DemoIdea {
        title: "Pluktuin in het Wesselerbrinkpark",
        summary: "Een tuin met fruitbomen, bessenstruiken en kruiden waar iedereen mag plukken.",
        description: "In het Wesselerbrinkpark ligt een groot grasveld waar bijna niemand komt. Daar willen we een pluktuin maken met appel- en perenbomen, bessenstruiken en een kruidenbed. Buurtbewoners zorgen samen voor de tuin, scholen kunnen er les geven.",
        cost: 12_500,
        area: "Wesselerbrink",
        themes: &["groen"],
        status: "accepted",
        answer: "Dit idee staat op het stembiljet.",
        redirect_to: "",
        likes: 24,
        author: "Ingrid",
    },
    DemoIdea {
        title: "Jeu-de-boulesbaan in Helmerhoek",
        summary: "Een baan voor jeu de boules bij het buurthuis, met twee bankjes en een prullenbak.",
        description: "Veel ouderen in Helmerhoek spelen graag jeu de boules, maar de dichtstbijzijnde baan ligt in de binnenstad. Een baan naast het buurthuis brengt mensen bij elkaar. De buurtvereniging wil de baan bijhouden en elke week een speelmiddag organiseren.",
        cost: 6_800,
        area: "Helmerhoek",
        themes: &["sport"],
        status: "accepted",
        answer: "Dit idee staat op het stembiljet.",
        redirect_to: "",
        likes: 11,
        author: "Henk",
    },
    DemoIdea {
        title: "Calisthenicspark voor jong en oud",
        summary: "Toestellen om buiten te sporten met je eigen gewicht: rekstokken, brug en ringen.",
        description: "Jongeren uit de Wesselerbrink sporten nu op de hekken van het schoolplein. Een calisthenicspark met rekstokken, een brug, ringen en een zachte ondergrond geeft hun een eigen plek. Ook ouderen kunnen er oefenen: er komen lage toestellen en een bord met oefeningen.",
        cost: 24_000,
        area: "Wesselerbrink",
        themes: &["sport", "spelen"],
        status: "accepted",
        answer: "Dit idee staat op het stembiljet.",
        redirect_to: "",
        likes: 31,
        author: "Youssef",
    },
    DemoIdea {
        title: "Bankjes langs het wandelrondje",
        summary: "Om de 300 meter een bank langs het wandelrondje door de Stroinkslanden.",
        description: "Veel ouderen wandelen graag een rondje door de Stroinkslanden, maar er is bijna nergens een plek om even uit te rusten. Met zes stevige bankjes met armleuningen langs de route kunnen ook mensen die slecht ter been zijn weer mee naar buiten.",
        cost: 4_200,
        area: "Stroinkslanden",
        themes: &["zorg"],
        status: "accepted",
        answer: "Dit idee staat op het stembiljet.",
        redirect_to: "",
        likes: 18,
        author: "Gerda",
    },
    DemoIdea {
        title: "Waterspeelplek in Pathmos",
        summary: "Een plek met een pomp, goten en zand waar kinderen met water kunnen spelen.",
        description: "In de zomer is het in Pathmos erg warm tussen de flats. Een waterspeelplek met een handpomp, goten, stuwtjes en zand geeft verkoeling en is leuk voor kinderen van alle leeftijden. Het water wordt gezuiverd en stroomt daarna de grond in.",
        cost: 18_500,
        area: "Pathmos",
        themes: &["spelen"],
        status: "accepted",
        answer: "Dit idee staat op het stembiljet.",
        redirect_to: "",
        likes: 27,
        author: "Samira",
    },
    DemoIdea {
        title: "Verlichting op het fietspad Broekheurne",
        summary: "Ledlampen langs het donkere fietspad tussen Broekheurne en het Brunink.",
        description: "Het fietspad tussen Broekheurne en het Brunink is 's avonds helemaal donker. Scholieren en mensen die laat van hun werk komen, voelen zich er niet veilig. Zuinige ledlampen die feller worden als er iemand aankomt, maken de route veiliger en storen de dieren zo min mogelijk.",
        cost: 15_000,
        area: "Broekheurne",
        themes: &["verkeer"],
        status: "accepted",
        answer: "Dit idee staat op het stembiljet.",
        redirect_to: "",
        likes: 22,
        author: "Tom",
    },
    DemoIdea {
        title: "Minibiebs in heel Zuid",
        summary: "Tien kastjes waar je een boek pakt en een boek terugzet, gemaakt door de buurt.",
        description: "Een minibieb is een kastje op een paal waar buren boeken ruilen. We willen er tien plaatsen, verspreid over alle wijken van Zuid. Leerlingen van het praktijkonderwijs bouwen de kastjes, buurtbewoners worden peter of meter van een kastje.",
        cost: 3_600,
        area: "Het Brunink",
        themes: &["cultuur"],
        status: "accepted",
        answer: "Dit idee staat op het stembiljet.",
        redirect_to: "",
        likes: 9,
        author: "Anouk",
    },
    DemoIdea {
        title: "Bloemrijke bermen voor bijen",
        summary: "Bermen inzaaien met inheemse bloemen en minder vaak maaien, goed voor bijen.",
        description: "De bermen in Helmerhoek worden nu vaak gemaaid en zijn saai groen. Door ze in te zaaien met inheemse bloemen en maar twee keer per jaar te maaien, komen er meer bijen en vlinders. Bordjes vertellen wat er groeit en waarom het gras wat langer is.",
        cost: 7_900,
        area: "Helmerhoek",
        themes: &["groen"],
        status: "accepted",
        answer: "Dit idee staat op het stembiljet.",
        redirect_to: "",
        likes: 14,
        author: "Marloes",
    },
    DemoIdea {
        title: "Muurschildering onder het viaduct",
        summary: "Kunstenaars en kinderen uit de buurt maken samen een vrolijke muurschildering.",
        description: "Het viaduct bij het Brunink is grijs en zit vol graffiti. Samen met kunstenaars uit Enschede en kinderen van de basisscholen maken we er een grote muurschildering over de geschiedenis van Zuid. Een beschermlaag maakt schoonmaken makkelijk.",
        cost: 9_500,
        area: "Het Brunink",
        themes: &["cultuur"],
        status: "accepted",
        answer: "Dit idee staat op het stembiljet.",
        redirect_to: "",
        likes: 16,
        author: "Daan",
    },
    DemoIdea {
        title: "Overdekte ontmoetingsplek voor jongeren",
        summary: "Een overkapping met zitplekken en wifi waar jongeren elkaar kunnen ontmoeten.",
        description: "Jongeren in de Stroinkslanden hebben geen eigen plek. Ze zitten nu bij de supermarkt, wat soms tot klachten leidt. Een overkapping met zitplekken, verlichting en wifi op een plek zonder direct omwonenden geeft hun ruimte. Het jongerenwerk komt er elke week langs.",
        cost: 21_000,
        area: "Stroinkslanden",
        themes: &["zorg", "sport"],
        status: "accepted",
        answer: "Dit idee staat op het stembiljet.",
        redirect_to: "",
        likes: 20,
        author: "Mila",
    },
    DemoIdea {
        title: "Gratis parkeren bij winkelcentrum Zuid",
        summary: "Maak het parkeren bij het winkelcentrum gratis, dan komen er meer klanten.",
        description: "Bij het winkelcentrum moet je betalen voor parkeren. Daardoor gaan mensen naar winkels buiten de stad. Als parkeren gratis is, komen er meer klanten en blijven de winkels open. Het geld uit het wijkbudget kan de parkeerinkomsten van een jaar vergoeden.",
        cost: 40_000,
        area: "Wesselerbrink",
        themes: &["verkeer"],
        status: "rejected",
        answer: "Het wijkbudget is voor eenmalige plannen in de openbare ruimte. Parkeertarieven vallen daar niet onder: daarover beslist de gemeenteraad.",
        redirect_to: "",
        likes: 6,
        author: "Erik",
    },
    DemoIdea {
        title: "Kapotte stoeptegels in de Hanenberglanden",
        summary: "De stoep in de Hanenberglanden ligt scheef, mensen met een rollator vallen bijna.",
        description: "Op de stoep in de Hanenberglanden liggen veel tegels scheef door boomwortels. Mensen met een rollator of rolstoel kunnen er bijna niet langs en moeten de weg op. Graag de stoep opnieuw bestraten, zodat iedereen er veilig kan lopen.",
        cost: 5_000,
        area: "Stroinkslanden",
        themes: &["verkeer"],
        status: "redirected",
        answer: "Dit is onderhoud en dat betaalt de gemeente al. We hebben uw melding doorgestuurd; de stoep wordt dit najaar hersteld.",
        redirect_to: "Meldingen openbare ruimte",
        likes: 8,
        author: "Ria",
    },
];

const ZUID_COMMENTS: &[DemoComment] = &[
    DemoComment { idea: 0, reply_to: None, author: "Karin", stance: "for", body: "Wat een goed idee! Mijn kinderen weten niet eens hoe een appelboom eruitziet." },
    DemoComment { idea: 0, reply_to: Some(0), author: "Ingrid", stance: "neutral", body: "Dank je! Heb je zin om mee te helpen als de tuin er komt?" },
    DemoComment { idea: 0, reply_to: Some(1), author: "Karin", stance: "for", body: "Zeker, zet mij maar op de lijst." },
    DemoComment { idea: 2, reply_to: None, author: "Bert", stance: "against", body: "Duur voor een paar rekstokken. Kan het niet kleiner?" },
    DemoComment { idea: 2, reply_to: Some(3), author: "Youssef", stance: "for", body: "Het grootste deel van het geld gaat naar de veilige ondergrond. Die is echt nodig." },
    DemoComment { idea: 3, reply_to: None, author: "Wim", stance: "for", body: "Eindelijk. Ik loop elke dag, maar halverwege moet ik altijd even op een muurtje zitten." },
    DemoComment { idea: 4, reply_to: None, author: "Fenna", stance: "for", body: "In de zomer rijden we nu naar het zwembad. Dit zou zo fijn zijn dichtbij." },
    DemoComment { idea: 4, reply_to: None, author: "Peter", stance: "neutral", body: "Wie maakt de pomp schoon? Graag goed afspreken voordat het er ligt." },
    DemoComment { idea: 5, reply_to: None, author: "Lotte", stance: "for", body: "Mijn dochter fietst daar na de sportclub. Met licht voel ik me veel rustiger." },
    DemoComment { idea: 9, reply_to: None, author: "Hans", stance: "against", body: "Ik ben bang voor overlast 's avonds. Kies een plek ver van de huizen." },
    DemoComment { idea: 9, reply_to: Some(9), author: "Mila", stance: "neutral", body: "Dat is ook het plan: de plek bij het sportveld, ver van de huizen." },
    DemoComment { idea: 10, reply_to: None, author: "Sandra", stance: "against", body: "Liever geld voor groen dan voor auto's." },
];

const NOORD_IDEAS: &[DemoIdea] = &[
    DemoIdea {
        title: "Moestuin voor de buurt in Deppenbroek",
        summary: "Een gezamenlijke moestuin waar buren groente kweken en samen oogsten.",
        description: "Op het braakliggende stuk grond naast de basisschool in Deppenbroek willen we een moestuin voor de hele buurt. Met bakken op hoogte, zodat ook mensen in een rolstoel kunnen tuinieren. De oogst delen we, en wat over is gaat naar de voedselbank.",
        cost: 9_000,
        area: "Deppenbroek",
        themes: &["groen"],
        status: "accepted",
        answer: "Dit idee stond op het stembiljet.",
        redirect_to: "",
        likes: 19,
        author: "Joke",
    },
    DemoIdea {
        title: "Skatebaan in Roombeek vernieuwen",
        summary: "De oude skatebaan is versleten. Nieuwe elementen en een gladde vloer, graag!",
        description: "De skatebaan bij Roombeek is meer dan twintig jaar oud. De vloer heeft scheuren en de elementen zijn versleten en onveilig. Skaters uit de buurt hebben samen een ontwerp gemaakt met nieuwe rails, een bowl en een gladde betonvloer.",
        cost: 28_000,
        area: "Roombeek-Roomveldje",
        themes: &["sport", "spelen"],
        status: "accepted",
        answer: "Dit idee stond op het stembiljet.",
        redirect_to: "",
        likes: 35,
        author: "Jesse",
    },
    DemoIdea {
        title: "Speeltoestellen voor ieder kind",
        summary: "Speeltoestellen waar ook kinderen in een rolstoel of met een beperking op kunnen.",
        description: "In Mekkelholt is geen enkele speeltuin waar kinderen met een beperking goed kunnen spelen. Met een rolstoelschommel, een brede glijbaan en een zandtafel op hoogte kan ieder kind meedoen. Ouders en de zorgboerderij hebben meegedacht over het ontwerp.",
        cost: 16_000,
        area: "Mekkelholt",
        themes: &["spelen", "zorg"],
        status: "accepted",
        answer: "Dit idee stond op het stembiljet.",
        redirect_to: "",
        likes: 41,
        author: "Esther",
    },
    DemoIdea {
        title: "Beweegroute voor ouderen in Twekkelerveld",
        summary: "Een wandelroute met eenvoudige toestellen om balans en kracht te oefenen.",
        description: "Een route van twee kilometer door Twekkelerveld met acht eenvoudige beweegtoestellen voor ouderen: om balans, kracht en soepelheid te oefenen. Bij elk toestel een bord met uitleg in grote letters. De fysiotherapeut in de wijk geeft elke maand een rondleiding.",
        cost: 12_000,
        area: "Twekkelerveld",
        themes: &["sport", "zorg"],
        status: "accepted",
        answer: "Dit idee stond op het stembiljet.",
        redirect_to: "",
        likes: 17,
        author: "Gerrit",
    },
    DemoIdea {
        title: "Zitbanken bij de bushaltes in Lonneker",
        summary: "Bij drie bushaltes in Lonneker staat geen bank. Wachten is zwaar voor ouderen.",
        description: "Bij drie bushaltes in het dorp Lonneker kun je nergens zitten. Voor ouderen en mensen met een beperking is wachten op de bus dan zwaar, zeker als de bus te laat is. Een bank met leuning bij elke halte maakt het verschil.",
        cost: 3_500,
        area: "Lonneker",
        themes: &["verkeer", "zorg"],
        status: "accepted",
        answer: "Dit idee stond op het stembiljet.",
        redirect_to: "",
        likes: 12,
        author: "Annie",
    },
    DemoIdea {
        title: "Boomspiegels vergroenen in Mekkelholt",
        summary: "De kale grond rond de straatbomen beplanten met bloemen en vaste planten.",
        description: "Rond de bomen in de straten van Mekkelholt ligt nu kale grond of zelfs tegels. Door die boomspiegels te beplanten met bloemen en vaste planten wordt de straat groener, krijgt de boom meer water en komen er meer insecten. Bewoners kunnen een boomspiegel adopteren.",
        cost: 6_500,
        area: "Mekkelholt",
        themes: &["groen"],
        status: "accepted",
        answer: "Dit idee stond op het stembiljet.",
        redirect_to: "",
        likes: 10,
        author: "Bas",
    },
    DemoIdea {
        title: "Buitenfitness in Voortman-Amelink",
        summary: "Fitnesstoestellen in het park, gratis te gebruiken voor iedereen in de buurt.",
        description: "Niet iedereen kan een sportschool betalen. Met zes fitnesstoestellen in het park van Voortman-Amelink kan iedereen gratis buiten trainen. De toestellen zijn geschikt voor beginners en gevorderden, en er komt een bord met een QR-code naar filmpjes met oefeningen.",
        cost: 14_000,
        area: "Voortman-Amelink",
        themes: &["sport"],
        status: "accepted",
        answer: "Dit idee stond op het stembiljet.",
        redirect_to: "",
        likes: 15,
        author: "Naima",
    },
    DemoIdea {
        title: "Kunst op de elektriciteitskastjes",
        summary: "Grijze kastjes in Roombeek laten beschilderen door kunstenaars uit de wijk.",
        description: "In Roombeek staan veel grijze elektriciteitskastjes die vaak beklad worden. Kunstenaars en kinderen uit de wijk beschilderen ze met beelden over de geschiedenis van Roombeek en de vuurwerkramp. Zo wordt de wijk kleuriger en vertelt hij zijn eigen verhaal.",
        cost: 4_000,
        area: "Roombeek-Roomveldje",
        themes: &["cultuur"],
        status: "accepted",
        answer: "Dit idee stond op het stembiljet.",
        redirect_to: "",
        likes: 13,
        author: "Lieke",
    },
    DemoIdea {
        title: "Picknickplek aan de rand van Lonneker",
        summary: "Picknicktafels, een waterpunt en een fietsenrek aan de rand van het dorp.",
        description: "Aan de rand van Lonneker begint een mooie fietsroute, maar er is geen plek om even te stoppen. Een picknickplek met drie tafels, een waterpunt, een fietsenrek en een prullenbak maakt het een fijne plek voor fietsers, wandelaars en gezinnen uit het dorp.",
        cost: 7_500,
        area: "Lonneker",
        themes: &["groen"],
        status: "accepted",
        answer: "Dit idee stond op het stembiljet.",
        redirect_to: "",
        likes: 9,
        author: "Freek",
    },
    DemoIdea {
        title: "Extra parkeerplaatsen bij de Performance Factory",
        summary: "Bij voorstellingen staan auto's overal in de wijk. Meer parkeerplaatsen graag.",
        description: "Als er een voorstelling is in Roombeek, parkeren bezoekers overal in de straten. Bewoners kunnen dan hun eigen auto niet kwijt. Een extra parkeerterrein op het grasveld aan de rand van de wijk zou dit oplossen en de straten rustiger maken.",
        cost: 55_000,
        area: "Roombeek-Roomveldje",
        themes: &["verkeer"],
        status: "rejected",
        answer: "Een parkeerterrein past niet in het wijkbudget: het kost meer dan het hele budget en het grasveld is een beschermde groenstrook.",
        redirect_to: "",
        likes: 4,
        author: "Ruud",
    },
];

const SPEEL_IDEAS: &[DemoIdea] = &[
    DemoIdea {
        title: "Kabelbaan in de speeltuin aan de Wesselerhof",
        summary: "Een lange kabelbaan waar kinderen van zes tot twaalf jaar samen op kunnen.",
        description: "De speeltuin aan de Wesselerhof is vooral voor kleine kinderen. Voor kinderen van zes tot twaalf jaar is er weinig te doen. Een kabelbaan van dertig meter is spannend, veilig en kinderen kunnen er samen op. Er is genoeg ruimte langs het grasveld.",
        cost: 0,
        area: "Wesselerbrink",
        themes: &["spelen"],
        status: "submitted",
        answer: "",
        redirect_to: "",
        likes: 7,
        author: "Kevin",
    },
    DemoIdea {
        title: "Schaduw bij de zandbak",
        summary: "Bomen of een zonnedoek bij de zandbak, want in de zomer is het daar veel te heet.",
        description: "In de zomer kunnen kinderen niet in de zandbak spelen: er is geen schaduw en het zand wordt gloeiend heet. Een paar snelgroeiende bomen en voorlopig een zonnedoek zorgen ervoor dat jonge kinderen ook op warme dagen buiten kunnen spelen.",
        cost: 0,
        area: "Wesselerbrink",
        themes: &["spelen", "groen"],
        status: "submitted",
        answer: "",
        redirect_to: "",
        likes: 12,
        author: "Priya",
    },
];

/// The settings row and component of an ideas component with a submission window.
#[allow(clippy::too_many_arguments)]
async fn ideas_component(
    tx: &mut Tx,
    org: i64,
    project: i64,
    title: &str,
    position: i64,
    opens_on: &str,
    closes_on: &str,
    at: i64,
) -> anyhow::Result<i64> {
    let cid = tx
        .write_scalar::<i64>(
            "INSERT INTO components (org_id, project_id, kind, title, position, created_at) VALUES ($1, $2, 'ideas', $3, $4, $5) RETURNING id",
            args![org, project, title, position, at],
        )
        .await?;
    tx.run(
        "INSERT INTO idea_settings (component_id, org_id, opens_on, closes_on, comments_open, configured) VALUES ($1, $2, $3, $4, TRUE, TRUE)",
        args![cid, org, opens_on, closes_on],
    )
    .await?;
    Ok(cid)
}

/// Inserts the ideas with their themes and likes; returns their ids in list order.
async fn insert_ideas(
    tx: &mut Tx,
    org: i64,
    cid: i64,
    ideas: &[DemoIdea],
    area: &impl Fn(&str) -> Option<i64>,
    theme: &impl Fn(&str) -> Option<i64>,
    at: i64,
) -> anyhow::Result<Vec<i64>> {
    let mut ids = Vec::new();
    for (n, i) in ideas.iter().enumerate() {
        let created = at + n as i64 * 7_919;
        // Ideas in a neighbourhood get a place on the map, near its centre and inside it.
        let (dlat, dlon) = (
            ((n * 37 % 11) as f64 - 5.0) * 0.0005,
            ((n * 53 % 13) as f64 - 6.0) * 0.0006,
        );
        let point = super::demo_areas::point_in(i.area, dlat, dlon);
        let id = tx
            .write_scalar::<i64>(
                "INSERT INTO ideas (org_id, component_id, user_id, author_name, title, summary, description, cost, area_id, status, answer, \
                 redirect_to, like_count, created_at, updated_at, submitted_at, lat, lon) \
                 VALUES ($1, $2, NULL, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $13, $14, $15) RETURNING id",
                args![
                    org,
                    cid,
                    i.author,
                    i.title,
                    i.summary,
                    format!("{}{WHY}", i.description),
                    i.cost,
                    area(i.area),
                    i.status,
                    i.answer,
                    i.redirect_to,
                    i.likes,
                    created,
                    point.map(|p| p.0),
                    point.map(|p| p.1)
                ],
            )
            .await?;
        for s in i.themes {
            if let Some(t) = theme(s) {
                tx.run(
                    "INSERT INTO idea_themes (org_id, idea_id, theme_id) VALUES ($1, $2, $3)",
                    args![org, id, t],
                )
                .await?;
            }
        }
        for k in 0..i.likes {
            tx.run(
                "INSERT INTO idea_likes (org_id, idea_id, user_id, created_at) VALUES ($1, $2, NULL, $3)",
                args![org, id, created + 600 + k * 1_733],
            )
            .await?;
        }
        ids.push(id);
    }
    Ok(ids)
}

/// Inserts the comments (replies one level below their parent) and keeps `comment_count`.
async fn insert_comments(
    tx: &mut Tx,
    org: i64,
    ideas: &[i64],
    comments: &[DemoComment],
    at: i64,
) -> anyhow::Result<()> {
    let mut ids: Vec<(i64, i64)> = Vec::new();
    for (n, c) in comments.iter().enumerate() {
        let Some(&idea) = ideas.get(c.idea) else {
            continue;
        };
        let parent = c.reply_to.and_then(|r| ids.get(r).copied());
        let depth = parent.map(|(_, d)| (d + 1).min(2)).unwrap_or(0);
        let t = at + 86_400 + n as i64 * 5_003;
        let id = tx
            .write_scalar::<i64>(
                "INSERT INTO idea_comments (org_id, idea_id, parent_id, depth, user_id, author_name, stance, body, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $8, $8) RETURNING id",
                args![org, idea, parent.map(|p| p.0), depth, c.author, c.stance, c.body, t],
            )
            .await?;
        tx.run(
            "UPDATE ideas SET comment_count = comment_count + 1 WHERE org_id = $1 AND id = $2",
            args![org, idea],
        )
        .await?;
        ids.push((id, depth));
    }
    Ok(())
}

/// A budget ballot on the accepted ideas of `ideas_cid`, for members and code holders.
struct DemoBallot<'a> {
    title: &'a str,
    position: i64,
    ideas_cid: i64,
    max_budget: i64,
    opens_at: i64,
    closes_at: i64,
    published_at: Option<i64>,
}

async fn ballot_component(
    tx: &mut Tx,
    org: i64,
    project: i64,
    b: DemoBallot<'_>,
    at: i64,
) -> anyhow::Result<i64> {
    let cid = tx
        .write_scalar::<i64>(
            "INSERT INTO components (org_id, project_id, kind, title, position, created_at) VALUES ($1, $2, 'ballot', $3, $4, $5) RETURNING id",
            args![org, project, b.title, b.position, at],
        )
        .await?;
    tx.run(
        "INSERT INTO ballot_settings (component_id, org_id, ideas_component_id, ballot_type, min_count, max_count, min_budget, max_budget, \
         winners, opens_at, closes_at, allow_members, allow_codes, confirm_step, configured, results_published_at) \
         VALUES ($1, $2, $3, 'budget', 1, 10, 0, $4, 3, $5, $6, TRUE, TRUE, TRUE, TRUE, $7)",
        args![cid, org, b.ideas_cid, b.max_budget, b.opens_at, b.closes_at, b.published_at],
    )
    .await?;
    Ok(cid)
}

/// A small deterministic generator, so the demo is the same every time.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// Casts `online + paper` valid ballots (total cost within `max_budget`) on `ideas`
/// (id, cost, weight) without a person attached, and keeps `ballot_tallies` equal to the
/// choices. Returns the tallies.
#[allow(clippy::too_many_arguments)]
async fn cast_ballots(
    tx: &mut Tx,
    org: i64,
    cid: i64,
    ideas: &[(i64, i64, u64)],
    max_budget: i64,
    online: usize,
    paper: usize,
    seed: u64,
    at: i64,
) -> anyhow::Result<std::collections::BTreeMap<i64, i64>> {
    let mut rng = Lcg(seed);
    let mut tally = std::collections::BTreeMap::new();
    let mut shards = std::collections::BTreeMap::new();
    let weights: u64 = ideas.iter().map(|i| i.2).sum::<u64>().max(1);
    for n in 0..online + paper {
        let want = 1 + (rng.next() % 4) as usize;
        let mut chosen: Vec<i64> = Vec::new();
        let mut spent = 0i64;
        for _ in 0..12 {
            if chosen.len() >= want {
                break;
            }
            let mut r = rng.next() % weights;
            let pick = ideas.iter().find(|i| {
                if r < i.2 {
                    true
                } else {
                    r -= i.2;
                    false
                }
            });
            if let Some(&(id, cost, _)) = pick {
                if !chosen.contains(&id) && spent + cost <= max_budget {
                    chosen.push(id);
                    spent += cost;
                }
            }
        }
        if chosen.is_empty() {
            continue;
        }
        chosen.sort_unstable();
        let (channel, key) = if n < online {
            // As after the voter's account was erased.
            ("online", format!("x:demo-{n}"))
        } else {
            ("paper", format!("p:demo-{n}"))
        };
        let t = at + n as i64 * 911;
        let bid = tx
            .write_scalar::<i64>(
                "INSERT INTO ballots (org_id, component_id, voter_key, user_id, code_id, channel, entered_by, created_at, updated_at, choices) \
                 VALUES ($1, $2, $3, NULL, NULL, $4, NULL, $5, $5, $6) RETURNING id",
                args![
                    org,
                    cid,
                    key,
                    channel,
                    t,
                    crate::components::ballot::store::choices_text(&chosen.iter().copied().collect())
                ],
            )
            .await?;
        for id in &chosen {
            *tally.entry(*id).or_insert(0i64) += 1;
            // In the ballot's own shard, as a cast would: taking a vote back looks there.
            *shards
                .entry((
                    *id,
                    crate::components::ballot::store::tally_shard(tx.backend(), bid),
                ))
                .or_insert(0i64) += 1;
        }
    }
    for ((id, shard), votes) in &shards {
        tx.run(
            "INSERT INTO ballot_tallies (org_id, component_id, idea_id, shard, votes) VALUES ($1, $2, $3, $4, $5)",
            args![org, cid, *id, *shard, *votes],
        )
        .await?;
    }
    Ok(tally)
}

/// Unix seconds of local midnight (Europe/Amsterdam) at the start of `today + offset` days.
fn local_midnight(today: Date, offset: i64) -> i64 {
    let d = today
        .checked_add(time::Duration::days(offset))
        .unwrap_or(today);
    domain::calendar::start_of_local_day(d)
}
