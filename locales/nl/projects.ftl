## Home page
home-title = Doe mee in uw buurt
home-lead = Hier vindt u alle projecten waarin u kunt meedenken en meedoen.
home-filter = Projecten filteren
home-filter-area = Wijk of stadsdeel
home-filter-all-areas = Alle wijken
home-filter-theme = Thema
home-filter-all-themes = Alle thema's
home-filter-apply = Filter toepassen
home-filter-clear = Filter wissen
home-count = { $count ->
    [one] 1 project gevonden
   *[other] { $count } projecten gevonden
}
home-empty = Er zijn nu geen projecten die hierbij passen. Kies een andere wijk of een ander thema.
home-open = Nu meedoen
home-closed = Afgerond
home-closed-hint = Aan deze projecten kunt u niet meer meedoen. U kunt wel lezen wat er met de inbreng is gedaan.
pagination = Paginering
pagination-prev = Vorige pagina
pagination-next = Volgende pagina
pagination-page = Pagina { $page }

## Project page
project-title = Titel
project-slug = Webadres (slug)
project-slug-hint = Alleen kleine letters, cijfers en streepjes. Laat leeg om het adres uit de titel te maken.
project-summary = Korte samenvatting
project-body = Beschrijving
project-body-hint = U kunt Markdown gebruiken, bijvoorbeeld **vet** en [link](https://www.voorbeeld.nl).
project-area = Gebied
project-area-none = Geen gebied (hele gemeente)
project-themes = Thema's
project-new-theme = Nieuw thema toevoegen (optioneel)
project-contact = Contactpersoon
project-contact-name = Naam contactpersoon
project-contact-email = E-mailadres contactpersoon
project-status = Status
project-status-hint = Een project kan pas gepubliceerd worden als er een onderdeel klaarstaat waarin bewoners kunnen meedoen.
project-status-draft = Concept
project-status-published = Gepubliceerd
project-status-closed = Afgerond
project-cover = Afbeelding
project-cover-hint = Een foto of afbeelding (PNG, JPEG, WebP of GIF) van hoogstens { $mb } MB.
project-cover-current = Huidige afbeelding
project-cover-remove = Afbeelding weghalen
project-cover-alt = Beschrijving van de afbeelding
project-cover-alt-hint = Wat staat er op de afbeelding? Schrijf het op voor mensen die de afbeelding niet kunnen zien. Bijvoorbeeld: "Kinderen spelen op het nieuwe plein." Nodig als het project een afbeelding heeft.
project-error-cover-alt = Beschrijf wat er op de afbeelding staat, in minstens 3 tekens. Dan weten ook mensen die de afbeelding niet zien wat erop staat.
project-error-cover-alt-long = Deze beschrijving is te lang. Gebruik hoogstens 200 tekens.
project-current-phase = Fase nu
project-ways = Zo doet u mee
project-timeline = Planning
project-phase-now = nu bezig
project-phase-done = klaar
project-updates = Wat we met uw inbreng deden
project-updates-none = Er is nog geen nieuws over dit project.
project-draft-notice = Dit project is een concept. Alleen medewerkers zien deze pagina.
project-closed-notice = Dit project is afgerond. U kunt niet meer meedoen, maar u kunt wel alles nalezen.
project-manage-link = Dit project beheren
project-error-slug = Gebruik alleen kleine letters, cijfers en streepjes.
project-error-slug-taken = Dit webadres is al in gebruik bij een ander project. Kies een ander adres.
project-error-theme = Gebruik letters of cijfers in de naam van het thema.
project-error-theme-taken = Dit thema bestaat al.
project-error-publish = Dit project kan nog niet gepubliceerd worden. Voeg eerst een onderdeel toe waarin bewoners kunnen meedoen, en maak het klaar (bijvoorbeeld een peiling met een vraag en minstens 2 keuzes).
project-error-last-component = Dit is het laatste onderdeel van een gepubliceerd project. Zet het project eerst terug naar concept of sluit het af.
project-error-status = Deze status bestaat niet.
project-error-date = Vul een datum in, bijvoorbeeld 2026-03-01.
project-error-phase-order = De einddatum mag niet vóór de begindatum liggen.
project-error-kind = Kies een soort onderdeel.
notice-project-published = Het project is gepubliceerd.
notice-project-closed = Het project is afgerond.
notice-project-draft = Het project is weer een concept.
notice-deleted = Verwijderd.

## Uploads
upload-too-large = Dit bestand is te groot. Kies een afbeelding van hoogstens 8 MB.
upload-body-too-large = Het formulier met dit bestand is te groot. Kies een kleinere afbeelding (hoogstens 8 MB).
upload-not-image = Dit bestand is geen afbeelding die wij kunnen gebruiken. Kies een PNG, JPEG, WebP of GIF.
upload-too-many-pixels = Deze afbeelding is te groot (te veel pixels). Kies een afbeelding van hoogstens 40 megapixel.
upload-broken = Deze afbeelding kunnen we niet lezen. Misschien is het bestand beschadigd. Kies een ander bestand.
upload-failed = Het opslaan van de afbeelding is niet gelukt. Probeer het later opnieuw.

## Staff screens for projects
pstaff-projects-title = Projecten beheren
pstaff-projects-empty = Er zijn nog geen projecten.
pstaff-project-new = Nieuw project
pstaff-project-edit = Project bewerken
pstaff-project-view = Bekijk de openbare pagina
pstaff-project-updated = Laatst gewijzigd
pstaff-project-components = Onderdelen
pstaff-project-publication = Publicatie
pstaff-project-publish-rule = Een project wordt pas gepubliceerd als er minstens één onderdeel klaarstaat.
pstaff-project-publish = Publiceren
pstaff-project-close = Afsluiten
pstaff-project-unpublish = Terug naar concept
pstaff-back-to-projects = Terug naar projecten
pstaff-save = Opslaan
pstaff-cancel = Annuleren
pstaff-delete = Verwijderen
pstaff-actions = Acties
pstaff-components-none = Dit project heeft nog geen onderdelen.
pstaff-component-title = Titel
pstaff-component-kind = Soort onderdeel
pstaff-component-ready = Klaar?
pstaff-component-is-ready = Klaar
pstaff-component-not-ready = Nog niet klaar
pstaff-component-configure = Instellen
pstaff-component-add = Onderdeel toevoegen
pstaff-phases-none = Er zijn nog geen fasen.
pstaff-phase-name = Naam van de fase
pstaff-phase-start = Begindatum
pstaff-phase-end = Einddatum
pstaff-phase-add = Fase toevoegen
pstaff-update-add = Nieuwsbericht toevoegen
pstaff-update-title = Titel van het bericht
pstaff-update-body = Tekst
pstaff-confirm-title = Weet u het zeker?
pstaff-confirm-yes = Ja, verwijderen
pstaff-confirm-no = Nee, terug
pstaff-confirm-delete-phase = Wilt u de fase "{ $name }" verwijderen?
pstaff-confirm-delete-update = Wilt u het nieuwsbericht "{ $title }" verwijderen?
pstaff-confirm-delete-component = Wilt u het onderdeel "{ $title }" verwijderen? Alle antwoorden daarin gaan dan ook weg.
pstaff-themes-title = Thema's
pstaff-themes-empty = Er zijn nog geen thema's.
pstaff-theme-name = Naam
pstaff-theme-slug = Webadres
pstaff-theme-projects = Projecten
pstaff-theme-add = Thema toevoegen

## Poll component
poll-name = Peiling
poll-question = Vraag
poll-choices = Keuzes
poll-choices-hint = Zet elke keuze op een eigen regel. Minstens 2 en hoogstens { $max } keuzes.
poll-choices-locked-hint = Er zijn al antwoorden, dus de keuzes liggen vast. De vraag kunt u nog aanpassen.
poll-submit = Antwoord versturen
poll-once-hint = U kunt één keer antwoorden.
poll-you-answered = U heeft geantwoord: { $choice }. Bedankt!
poll-login-prompt = Log in om mee te doen aan deze peiling.
poll-preview = Voorbeeld: bewoners kunnen antwoorden zodra het project is gepubliceerd.
poll-closed = Deze peiling is gesloten.
poll-results = Uitslag
poll-total = { $count ->
    [one] 1 antwoord
   *[other] { $count } antwoorden
}
poll-choice = Keuze
poll-answers = Aantal
poll-percent = Percentage
poll-staff-project = Project
poll-staff-status = Open of gesloten
poll-is-open = De peiling is open: bewoners kunnen antwoorden.
poll-is-closed = De peiling is gesloten: er kan niet meer geantwoord worden.
poll-open = Peiling openen
poll-close = Peiling sluiten
poll-export = Uitslag downloaden (CSV)
poll-error-already = U heeft al geantwoord op deze peiling. U kunt maar één keer antwoorden.
poll-error-choose = Kies een van de antwoorden.
poll-error-closed = Deze peiling is gesloten. U kunt niet meer antwoorden.
poll-error-count = Geef minstens 2 en hoogstens 10 keuzes, elk op een eigen regel.
poll-error-duplicate = Elke keuze mag maar één keer voorkomen.
poll-error-locked = Er zijn al antwoorden gegeven. De keuzes kunnen daarom niet meer veranderen.
notice-poll-answered = Bedankt! Uw antwoord is opgeslagen.
notice-poll-opened = De peiling is open.
notice-poll-closed = De peiling is gesloten.
project-step-submission = ideeën indienen
project-step-check = ideeën controleren
project-step-voting = stemmen
project-step-counting = stemmen tellen
project-step-result = uitslag
project-step-realisation = uitvoeren
project-mail-phase-subject = { $project }: nu { $phase }
project-mail-phase-body = Hallo,

    U heeft een idee ingediend bij { $project }. Het project is nu in een nieuwe fase: { $phase }.
    
    Kijk op de projectpagina wat dit betekent voor uw idee:
    { $url }
notice-phase-current = De fase is veranderd. Indieners van ideeën krijgen een e-mail.
pstaff-phase-step = Stap in de begroting
pstaff-phase-step-none = Geen (een andere fase)
pstaff-phase-make-current = Maak dit de huidige fase
pstaff-phase-current = huidige fase
pstaff-error-phase-moved = De fase was al veranderd. Kijk opnieuw.
