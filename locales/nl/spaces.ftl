## Makelpunt: ruimtes voor sociale activiteiten

space-search-title = Makelpunt: vind een ruimte
space-search-lead = Zoek een ruimte in de buurt voor een kookles, breiclub, yoga, sport of een activiteit voor jongeren. Het is gratis. U neemt zelf contact op met de aanbieder.
space-search-filters = Ruimtes zoeken en filteren
space-search-text = Zoeken op woorden
space-neighbourhood-or-district = Buurt of wijk
space-all-areas = Alle buurten en wijken
space-district = wijk
space-min-capacity = Minimaal aantal mensen
space-activity = Activiteit
space-all-activities = Alle activiteiten
space-all-prices = Alle prijzen
space-when = Wanneer
space-when-hint = Kies een dag van de week of een datum. Met een datum tellen ook sluitingen en extra open dagen mee.
space-any-day = Elke dag
space-or-date = Of een datum
space-any-part = Elk dagdeel
space-sort = Sorteren op
space-sort-relevance = Best passend
space-sort-capacity = Meeste plaatsen
space-sort-recent = Laatst bijgewerkt
space-search-apply = Zoeken
space-search-clear = Alles wissen
space-count = { $count ->
    [one] 1 ruimte gevonden
   *[other] { $count } ruimtes gevonden
}
space-search-empty = Er is geen ruimte die bij alles past. Zet een filter uit of kies een andere dag.
space-up-to = tot { $count } mensen
space-pagination = Pagina's met ruimtes
space-prev = Vorige pagina
space-next = Volgende pagina
space-page-n = Pagina { $n }

space-facilities = Voorzieningen
space-accessibility = Toegankelijkheid
space-facility-kitchen = Keuken
space-facility-av = Beamer en geluid
space-facility-storage = Opslagruimte
space-facility-outdoor = Buitenruimte
space-facility-parking = Parkeren
space-facility-wifi = Wifi
space-facility-step_free = Drempelvrije ingang
space-facility-accessible_toilet = Toegankelijk toilet
space-facility-hearing_loop = Ringleiding
space-facility-lift = Lift

space-layout-seated = Zittend
space-layout-standing = Staand
space-layout-tables = Aan tafels

space-price = Prijs
space-price-free = Gratis
space-price-cost = Tegen kostprijs
space-price-request = Op aanvraag
space-price-amount = Bedrag per dagdeel
space-price-amount-value = { $amount } per dagdeel
space-price-euros = Bedrag per dagdeel in euro
space-price-euros-hint = Alleen invullen bij "Bedrag per dagdeel". Bijvoorbeeld 12,50.

space-part = Dagdeel
space-part-morning = Ochtend
space-part-afternoon = Middag
space-part-evening = Avond
space-day = Dag
space-weekday-0 = Maandag
space-weekday-1 = Dinsdag
space-weekday-2 = Woensdag
space-weekday-3 = Donderdag
space-weekday-4 = Vrijdag
space-weekday-5 = Zaterdag
space-weekday-6 = Zondag
space-open = Beschikbaar
space-closed = Niet beschikbaar

## Aanbieders
space-provider = Aanbieder
space-provider-register-title = Ruimte aanbieden: meld uw organisatie aan
space-provider-register-lead = Heeft uw organisatie een ruimte die buurtbewoners kunnen gebruiken? Meld u aan. De gemeente kijkt uw aanmelding na. Daarna zijn uw ruimtes voor iedereen te vinden.
space-provider-name = Naam van de organisatie
space-provider-kind = Soort organisatie
space-kind-sportclub = Sportclub
space-kind-buurthuis = Buurthuis
space-kind-speeltuinvereniging = Speeltuinvereniging
space-kind-school = School
space-kind-kerk = Kerk
space-kind-anders = Anders
space-provider-email = E-mailadres voor contact
space-provider-phone = Telefoonnummer (mag leeg blijven)
space-provider-may-share = Wij mogen deze ruimtes met anderen delen.
space-provider-submit = Aanmelden
space-provider-status-pending = Wacht op goedkeuring
space-provider-status-approved = Goedgekeurd
space-provider-status-rejected = Afgewezen
space-provider-pending-hint = De gemeente kijkt uw aanmelding na. U kunt al ruimtes invoeren. Ze zijn pas te zien na goedkeuring.
space-provider-rejected-hint = Uw aanmelding is afgewezen. De reden:
space-choose = Maak een keuze
space-mine-title = Mijn organisaties in het Makelpunt
space-mine-empty = U hoort nog niet bij een aanbieder.
space-your-spaces = Uw ruimtes
space-none-yet = U heeft nog geen ruimtes ingevoerd.
space-enquiries = Aanvragen
space-no-enquiries = Er zijn nog geen aanvragen.
space-back-dashboard = Terug naar het overzicht van de aanbieder
space-back-search = Terug naar zoeken

## Ruimte invoeren
space-new-title = Nieuwe ruimte
space-edit-title = Ruimte bewerken
space-name = Naam van de ruimte
space-description = Beschrijving
space-markdown-hint = U kunt Markdown gebruiken, bijvoorbeeld **vet**.
space-address = Adres
space-neighbourhood = Buurt
space-capacity = Plaatsen
space-capacity-per-layout = Aantal mensen per opstelling
space-capacity-hint = Vul minstens één opstelling in.
space-area-m2 = Oppervlakte in m²
space-activities = Geschikt voor
space-weekly = Wanneer is de ruimte vrij?
space-weekly-hint = Vink de dagdelen aan waarop de ruimte elke week beschikbaar is.
space-house-rules = Huisregels
space-status = Status
space-status-hint = Een concept ziet alleen u. Gepubliceerd is voor iedereen te zien zodra de aanbieder is goedgekeurd.
space-status-draft = Concept
space-status-published = Gepubliceerd
space-save = Opslaan
space-exceptions = Uitzonderingen op data
space-exceptions-hint = Is de ruimte op een dag dicht, of juist extra open? Vul het hier in.
space-exception-kind = Soort uitzondering
space-exception-closed = Dicht
space-exception-extra = Extra open
space-exception-remove = Uitzondering weghalen
space-exception-save = Uitzondering opslaan
space-date = Datum
space-view-public = Bekijk de pagina van de ruimte
space-not-public = Deze ruimte is nog niet voor iedereen te zien.
space-none = Geen

## Aanvragen
space-contact = Contact
space-enquiry-title = Aanvraag sturen
space-enquiry-login = Log in om een aanvraag te sturen
space-enquiry-activity = Activiteit
space-enquiry-people = Aantal mensen
space-enquiry-message = Uw bericht
space-enquiry-send = Aanvraag versturen
space-honeypot = Laat dit veld leeg
space-thread-title = Aanvraag voor { $space }
space-state = Status
space-state-sent = Verstuurd
space-state-answered = Beantwoord
space-state-agreed = Afgesproken
space-state-declined = Afgewezen
space-state-withdrawn = Ingetrokken
space-messages = Berichten
space-reply = Uw antwoord
space-reply-send = Bericht versturen
space-change-state = Aanvraag afronden
space-do-agree = Afspraak bevestigen
space-do-decline = Aanvraag afwijzen
space-do-withdraw = Aanvraag intrekken
space-someone = Onbekend

## Beheer
space-staff-title = Makelpunt beheren
space-staff-pending = Aanmeldingen die wachten
space-staff-none-pending = Er wachten geen aanmeldingen.
space-staff-reason = Toelichting
space-staff-reason-hint = Verplicht bij afwijzen. De aanbieder krijgt deze tekst per e-mail.
space-staff-approve = Goedkeuren
space-staff-reject = Afwijzen
space-staff-decided = Eerder beoordeeld
space-staff-new-activity = Nieuwe activiteit
space-staff-add-activity = Activiteit toevoegen

## Foutmeldingen
space-error-kind = Kies een soort uit de lijst.
space-error-may-share = Vink aan dat u deze ruimtes mag delen.
space-error-provider-exists = Er is al een aanbieder met deze naam.
space-error-decision = Kies goedkeuren of afwijzen.
space-error-reason = Schrijf bij afwijzen een reden van minstens 5 tekens (en niet meer dan 2000).
space-error-already-decided = Over deze aanmelding is al besloten.
space-error-activity-exists = Deze activiteit staat al in de lijst.
space-error-area = Kies een buurt uit de lijst.
space-error-number = Vul een geldig getal in.
space-error-capacity = Vul in hoeveel mensen er in de ruimte passen.
space-error-price-type = Kies een prijs.
space-error-price = Vul een bedrag in euro in, bijvoorbeeld 12,50.
space-error-status = Kies concept of gepubliceerd.
space-error-date = Vul een datum in als jjjj-mm-dd.
space-error-part = Kies een dagdeel.
space-error-closed = Deze aanvraag is afgerond. U kunt geen berichten meer sturen.
space-error-transition = Dit kan niet in de huidige status van de aanvraag.

## Meldingen
notice-space-provider-registered = Uw organisatie is aangemeld. De gemeente kijkt de aanmelding na.
notice-space-decided = Het besluit is opgeslagen en de aanbieder krijgt een e-mail.
notice-space-activity-added = De activiteit is toegevoegd.
notice-space-saved = De ruimte is opgeslagen.
notice-space-exception-saved = De uitzondering is opgeslagen.
notice-space-enquiry-sent = Uw aanvraag is verstuurd. De aanbieder krijgt een e-mail.
notice-space-message-sent = Uw bericht is verstuurd.
notice-space-state-changed = De status van de aanvraag is aangepast.

## E-mails
space-mail-approved-subject = Uw aanmelding bij het Makelpunt is goedgekeurd
space-mail-approved-body = Goed nieuws: { $name } is goedgekeurd als aanbieder. Uw gepubliceerde ruimtes zijn nu voor iedereen te vinden.
space-mail-rejected-subject = Uw aanmelding bij het Makelpunt is afgewezen
space-mail-rejected-body = De aanmelding van { $name } is afgewezen. De reden: { $reason }
space-mail-enquiry-subject = Nieuwe aanvraag voor { $space }
space-mail-enquiry-body = { $name } vraagt { $space } aan voor { $activity } op { $date } met { $people } mensen.

    { $message }

    Antwoord via: { $link }
space-mail-thread-subject = Nieuw in uw aanvraag voor { $space }
space-mail-thread-body = Er is iets nieuws in de aanvraag voor { $space }:

    { $what }

    Lees en antwoord via: { $link }

## Boekingen
space-state-cancelled = Geannuleerd
space-do-cancel = Afspraak annuleren
space-cancel-reason = Reden van annuleren
space-cancel-reason-hint = De andere kant krijgt deze reden per e-mail. Minstens 5 tekens.
space-error-cancel-reason = Schrijf waarom u annuleert, in minstens 5 tekens.
space-error-booked = Dit dagdeel is al vergeven aan een andere aanvraag.

## Collega's uitnodigen
space-invite-title = Collega's uitnodigen
space-invite-hint = Een collega krijgt een e-mail. Na inloggen met dit e-mailadres kan de collega de ruimtes en aanvragen van deze aanbieder beheren, en niets anders.
space-invite-email = E-mailadres van uw collega
space-invite-send = Uitnodiging sturen
space-error-invited = Dit e-mailadres is al uitgenodigd.
notice-space-invited = De uitnodiging is verstuurd.
space-mail-invite-subject = Uitnodiging: beheer de ruimtes van { $name }
space-mail-invite-body = { $inviter } nodigt u uit om de ruimtes van { $name } in het Makelpunt te beheren. Log in of maak een account met dit e-mailadres en ga naar: { $link }
space-ical-booked = Bezet
space-ical-link = Agenda met bezette dagdelen en uitzonderingen (iCalendar)

## Offline halen door de gemeente
space-staff-published = Gepubliceerde ruimtes
space-staff-none-published = Er zijn nog geen gepubliceerde ruimtes.
space-staff-unpublish-reason = Reden om offline te halen
space-staff-unpublish = Offline halen
space-error-not-published = Deze ruimte is niet gepubliceerd.
space-unpublished-by-staff = De gemeente heeft deze ruimte offline gehaald. De reden:
notice-space-unpublished = De ruimte is offline gehaald en de aanbieder krijgt een e-mail.
space-mail-unpublished-subject = { $space } is offline gehaald
space-mail-unpublished-body = De gemeente heeft { $space } uit het Makelpunt gehaald. De reden: { $reason }. Past u de ruimte aan, dan kunt u haar opnieuw publiceren.

## Actueel houden
space-fresh = Klopt het nog?
space-fresh-needed = Bevestig deze ruimte, anders verdwijnt ze uit de zoekresultaten.
space-fresh-confirm = Klopt nog
notice-space-confirmed = Dank u wel. De ruimte staat weer als actueel in het Makelpunt.
space-mail-fresh-subject = Klopt { $space } nog?
space-mail-fresh-body = U heeft { $space } al een tijd niet bevestigd in het Makelpunt. Klopt alles nog? Bevestig het binnen twee weken, anders verdwijnt de ruimte uit de zoekresultaten: { $link }

## Statistiek
space-stats-title = Makelpunt in cijfers
space-stats-total = { $count ->
    [one] Er wordt nu 1 ruimte aangeboden.
   *[other] Er worden nu { $count } ruimtes aangeboden.
}
space-stats-csv = Download als CSV
space-stats-over-time = Aangeboden ruimtes door de tijd (opgeteld, per maand van aanmelden)
space-stats-month = Maand
space-stats-spaces = Ruimtes
space-stats-views = Keer bekeken
space-stats-agreements = Afspraken
space-stats-per-area = Per buurt
space-stats-per-space = Per ruimte
space-stats-no-area = Geen buurt gekozen

## Foto's
space-photos = Foto's
space-photo = Foto
space-photo-hint = JPEG, PNG, WebP of GIF, tot { $mb } MB.
space-photo-alt = Wat staat er op de foto?
space-photo-alt-hint = Voor mensen die de foto niet kunnen zien. Bijvoorbeeld: zaal met tafels en een keuken achterin.
space-photo-add = Foto toevoegen
space-photo-remove = Foto weghalen
space-photo-kept = Deze foto is al ontvangen. Vul nog in wat erop staat. U hoeft de foto niet opnieuw te kiezen.
space-error-photo = Kies een foto om te uploaden.
space-error-photo-alt = Beschrijf in 3 tot 200 tekens wat er op de foto staat.
space-error-photo-max = Een ruimte heeft al het hoogste aantal foto's (12). Haal eerst een foto weg.
notice-space-photo-added = De foto is toegevoegd.
notice-space-photo-removed = De foto is weggehaald.

## Kaart
space-point = Plek op de kaart
space-point-hint = Niet verplicht. Vul breedtegraad en lengtegraad in, bijvoorbeeld 52,2215 en 6,8937. U vindt ze in een kaart-app bij het adres.
space-lat = Breedtegraad
space-lon = Lengtegraad
space-error-lat = Vul een breedtegraad in tussen -90 en 90, bijvoorbeeld 52,2215.
space-error-lon = Vul een lengtegraad in tussen -180 en 180, bijvoorbeeld 6,8937.
space-view = Weergave van de resultaten
space-view-list = Lijst
space-view-map = Kaart
space-map-list = Ruimtes op deze pagina
space-map-label = { $count ->
    [one] Kaart met 1 ruimte van deze pagina. De lijst ernaast noemt dezelfde ruimtes.
   *[other] Kaart met { $count } ruimtes van deze pagina. De lijst ernaast noemt dezelfde ruimtes.
}
space-not-on-map = niet op de kaart
space-location = Ligging
space-map-location = Kaart met de ligging van { $space }

## Aanvragen zonder account en met meer datums
space-guest-hint = Geen account? Vul uw naam en e-mailadres in. U krijgt een e-mail met een link. Pas als u op die link klikt, gaat uw aanvraag naar de aanbieder.
space-guest-name = Uw naam
space-guest-email = Uw e-mailadres
space-enquiry-dates = Datums en dagdelen
space-enquiry-dates-hint = Vul minstens één datum in. Wilt u de ruimte vaker gebruiken? Vul dan meer datums in (hoogstens 10).
space-date-n = Datum { $n }
space-part-n = Dagdeel { $n }
space-error-guest-address = Met dit e-mailadres kunt u geen aanvraag doen. Log in of kies een ander adres.
space-error-booked-date = Op { $date } ({ $part }) is de ruimte al vergeven aan een andere aanvraag. Er is niets vastgelegd: spreek eerst een andere datum af.
notice-space-enquiry-check-mail = Bijna klaar. Wij hebben u een e-mail gestuurd. Klik op de link in die e-mail, dan gaat uw aanvraag naar de aanbieder.
space-guest-verify-title = Aanvraag bevestigen
space-guest-verify-intro = Klik op de knop. Dan sturen wij uw aanvraag naar de aanbieder. U krijgt een e-mail met een link naar uw aanvraag. Daar leest u het antwoord en kunt u reageren.
space-guest-verify-button = Aanvraag versturen
space-guest-verify-invalid = Deze link werkt niet (meer). Misschien heeft u er al op geklikt, of is hij ouder dan twee dagen. Doe de aanvraag dan opnieuw.
space-mail-guest-verify-subject = Bevestig uw aanvraag voor { $space }
space-mail-guest-verify-body = Beste { $name },

    U wilt { $space } aanvragen via het Makelpunt. Klik op deze link om uw aanvraag te versturen:

    { $link }

    De link werkt twee dagen en één keer. Heeft u niets aangevraagd? Dan hoeft u niets te doen.
space-mail-guest-sent-subject = Uw aanvraag voor { $space } is verstuurd
space-mail-guest-sent-body = Beste { $name },

    Uw aanvraag voor { $space } is naar de aanbieder gestuurd. Via deze link leest u het antwoord en kunt u reageren:

    { $link }

    Bewaar deze e-mail. Deel de link met niemand: wie de link heeft, kan uw aanvraag lezen.

space-dash-published = Gepubliceerde ruimtes
space-dash-pending-providers = Aanbieders die wachten op goedkeuring
space-dash-open-enquiries = Open aanvragen
