//! Demo content: the municipality Enschede with its stadsdelen and wijken, themes, four
//! projects in different phases (one collecting ideas, one voting with an open poll, one
//! closed with results and a news update, one draft) and an admin account whose password is
//! printed once. Loaded by `meedoen demo` and `meedoen serve --demo`, only into an empty
//! database: when any municipality exists it does nothing.
//!
//! Phase dates are relative to the day it runs, so the demo always shows a current phase.

use time::{Date, OffsetDateTime};

use crate::args;
use crate::config::Config;
use crate::db::{now, Db, Tx};
use crate::web::Role;

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
pub async fn load_if_empty(config: &Config) -> anyhow::Result<()> {
    let db = Db::connect(&config.database_url).await?;
    crate::db::migrate(&db).await?;
    let result = load(&db, config).await;
    db.close().await;
    result
}

async fn load(db: &Db, config: &Config) -> anyhow::Result<()> {
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
    let mut area_ids: Vec<(String, i64)> = Vec::new();
    for (district, wijken) in AREAS {
        let did = tx
            .write_scalar::<i64>(
                "INSERT INTO areas (org_id, parent_id, kind, name, slug) VALUES ($1, NULL, 'district', $2, $3) RETURNING id",
                args![org, *district, crate::staff::slugify(district)],
            )
            .await?;
        area_ids.push((district.to_string(), did));
        for w in *wijken {
            let wid = tx
                .write_scalar::<i64>(
                    "INSERT INTO areas (org_id, parent_id, kind, name, slug) VALUES ($1, $2, 'neighbourhood', $3, $4) RETURNING id",
                    args![org, did, *w, crate::staff::slugify(w)],
                )
                .await?;
            area_ids.push((w.to_string(), wid));
        }
    }
    let area = |name: &str| area_ids.iter().find(|(n, _)| n == name).map(|(_, id)| *id);
    let mut theme_ids: Vec<(&str, i64)> = Vec::new();
    for (name, slug) in THEMES {
        let id = tx
            .write_scalar::<i64>(
                "INSERT INTO themes (org_id, name, slug) VALUES ($1, $2, $3) RETURNING id",
                args![org, *name, *slug],
            )
            .await?;
        theme_ids.push((slug, id));
    }
    let theme = |slug: &str| {
        theme_ids
            .iter()
            .find(|(s, _)| *s == slug)
            .map(|(_, id)| *id)
    };
    let t = now();
    let today = OffsetDateTime::now_utc().date();

    // 1. Collecting ideas: playgrounds in Wesselerbrink.
    let p1 = project(
        &mut tx,
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
        &mut tx,
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
        &mut tx,
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
    theme_links(&mut tx, org, p1, &["spelen", "groen"], &theme).await?;

    // 2. Voting: a new design for the Van Heekplein.
    let p2 = project(
        &mut tx,
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
        &mut tx,
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
        &mut tx,
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
    theme_links(&mut tx, org, p2, &["groen", "verkeer", "cultuur"], &theme).await?;

    // 3. Closed, with results and what was done with them.
    let p3 = project(
        &mut tx,
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
        &mut tx,
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
        &mut tx,
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
    theme_links(&mut tx, org, p3, &["verkeer", "spelen"], &theme).await?;
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
        &mut tx,
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
        &mut tx,
        org,
        p4,
        today,
        &[("Ideeën verzamelen", 30, 75), ("Plan maken", 76, 150)],
    )
    .await?;
    theme_links(&mut tx, org, p4, &["zorg", "cultuur"], &theme).await?;

    tx.commit().await?;

    let password = crate::web::session::random_token();
    let email = "beheerder@enschede.nl";
    crate::setup::create_user(
        db,
        org,
        email,
        "Beheerder Enschede",
        &password,
        &[Role::Admin],
    )
    .await?;
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

    let base = config.base_url.trim_end_matches('/');
    println!();
    println!("Demo geladen: gemeente Enschede met stadsdelen, wijken en vier projecten.");
    println!("  Website:    {base}/");
    println!("  Inloggen:   {base}/inloggen");
    println!("  E-mail:     {email}");
    println!("  Wachtwoord: {password}");
    println!("Bij de eerste keer inloggen stelt u tweestapsverificatie (TOTP) in met een app op uw telefoon.");
    println!("Dit wachtwoord wordt maar één keer getoond. Bewaar het goed.");
    println!();
    Ok(())
}

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
