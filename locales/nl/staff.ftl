# Beheer (staff area): overzicht, gebieden, gebruikers, uitgaande e-mail, logboek, instellingen.

beheer-nav-themes = Thema's
beheer-actions = Acties
beheer-all = Alle
beheer-cancel = Annuleren
beheer-choose = Maak een keuze
beheer-delete = Verwijderen
beheer-edit = Wijzigen
beheer-email = E-mailadres
beheer-filter = Filteren
beheer-search = Zoeken
beheer-save = Opslaan
beheer-name = Naam
beheer-yes = Ja
beheer-no = Nee
beheer-next = Volgende pagina
beheer-prev = Vorige pagina
beheer-pages = Pagina's
beheer-page-n = Pagina { $n }
beheer-slug = Korte naam in het webadres
beheer-slug-hint = Alleen kleine letters, cijfers en streepjes. Laat dit leeg, dan maken we het uit de naam.
beheer-slug-invalid = Gebruik alleen kleine letters, cijfers en streepjes, bijvoorbeeld de-laares.
beheer-slug-taken = Deze korte naam is al in gebruik. Kies een andere naam of korte naam.
beheer-slug-from-name = Gebruik ook letters of cijfers in de naam.

beheer-dash-figures = Cijfers
beheer-dash-members = accounts
beheer-dash-verified = accounts met bevestigd e-mailadres
beheer-dash-staff = medewerkers
beheer-dash-projects-draft = projecten in concept
beheer-dash-projects-published = gepubliceerde projecten
beheer-dash-projects-closed = afgesloten projecten
beheer-dash-open-components = onderdelen in gepubliceerde projecten
beheer-dash-areas = gebieden
beheer-dash-outbox-pending = e-mails die nog verstuurd worden
beheer-dash-outbox-failed = e-mails die niet verstuurd konden worden
beheer-dash-no-figures = Nog geen cijfers.
beheer-dash-recent = Laatste acties van medewerkers
beheer-dash-all-audit = Het hele logboek bekijken

beheer-areas-intro = De gemeente is verdeeld in stadsdelen. Elk stadsdeel heeft wijken. Projecten kunnen bij een stadsdeel of wijk horen.
beheer-areas-map = Kaart met de stadsdelen en wijken
beheer-areas-map-caption = De stadsdelen hebben een dikke rode lijn, de wijken een dunne blauwe lijn. Hieronder staan ze allemaal in een lijst.
beheer-areas-empty = Er zijn nog geen stadsdelen. Maak eerst een stadsdeel.
beheer-areas-new-district = Nieuw stadsdeel
beheer-areas-new-neighbourhood = Nieuwe wijk
beheer-areas-edit-district = Stadsdeel wijzigen
beheer-areas-edit-neighbourhood = Wijk wijzigen
beheer-areas-no-neighbourhoods = Dit stadsdeel heeft nog geen wijken.
beheer-areas-neighbourhood = Wijk
beheer-areas-neighbourhoods-of = Wijken in { $name }
beheer-areas-shape = Vorm op de kaart
beheer-areas-has-shape = heeft een vorm
beheer-areas-parent = Stadsdeel
beheer-areas-parent-required = Kies het stadsdeel waar deze wijk bij hoort.
beheer-areas-geojson = Vorm op de kaart (GeoJSON, niet verplicht)
beheer-areas-geojson-hint = Plak hier een GeoJSON-geometrie van het type Polygon of MultiPolygon. Laat leeg als u geen vorm heeft.
beheer-areas-geojson-invalid = Dit is geen geldige GeoJSON. Controleer of u de hele tekst heeft geplakt.
beheer-areas-geojson-type = De GeoJSON moet van het type Polygon of MultiPolygon zijn.
beheer-areas-geojson-too-big = Deze vorm is te groot. Gebruik een vereenvoudigde vorm van hoogstens 1 MB.
beheer-areas-delete-title = Gebied verwijderen
beheer-areas-delete-question = Weet u zeker dat u { $name } wilt verwijderen?
beheer-areas-delete-cascade = Let op: de { $count } wijken in dit stadsdeel worden ook verwijderd. Projecten blijven bestaan, maar horen dan niet meer bij een gebied.

beheer-users-search = Zoek op naam of e-mailadres
beheer-users-none = Geen accounts gevonden.
beheer-users-verified = E-mailadres bevestigd
beheer-users-roles = Rollen
beheer-users-role = Rol
beheer-users-has-role = Heeft deze rol
beheer-users-created = Account gemaakt op
beheer-users-totp = Tweestapsverificatie aan
beheer-users-roles-intro = Een beheerder mag alles. Een redacteur maakt en beheert projecten. Een moderator controleert bijdragen. Medewerkers moeten bij het inloggen tweestapsverificatie gebruiken.
beheer-users-back = Terug naar alle gebruikers
beheer-role-admin = Beheerder
beheer-role-editor = Redacteur
beheer-role-moderator = Moderator
beheer-role-grant = { $role } maken
beheer-role-revoke = Rol { $role } afnemen
beheer-role-unknown = Deze rol bestaat niet.
beheer-last-admin = Dit is de laatste beheerder van de gemeente. Maak eerst iemand anders beheerder. Daarna kunt u deze rol afnemen.

beheer-outbox-no-smtp = Er is geen mailserver ingesteld. E-mails worden niet verstuurd. U kunt ze hier lezen.
beheer-outbox-empty = Er zijn geen e-mails.
beheer-outbox-subject = Onderwerp
beheer-outbox-to = Aan
beheer-outbox-status = Status
beheer-outbox-attempts = Pogingen
beheer-outbox-error = Laatste fout
beheer-outbox-created = Gemaakt op
beheer-outbox-sent = Verstuurd op
beheer-outbox-body = Tekst van de e-mail
beheer-outbox-retry = Opnieuw proberen te versturen
beheer-outbox-back = Terug naar alle e-mails
beheer-mail-status-pending = Wacht op versturen
beheer-mail-status-sent = Verstuurd
beheer-mail-status-failed = Mislukt
beheer-mail-status-held = Tegengehouden
beheer-mail-retry-not-failed = Deze e-mail is niet mislukt. Alleen mislukte e-mails kunt u opnieuw versturen.

beheer-audit-when = Wanneer
beheer-audit-actor = Medewerker
beheer-audit-action = Actie
beheer-audit-type = Soort object
beheer-audit-object = Object
beheer-audit-detail = Details
beheer-audit-from = Vanaf datum
beheer-audit-until = Tot en met datum
beheer-audit-csv = Download deze lijst als CSV-bestand
beheer-audit-empty = Er zijn geen acties gevonden.
beheer-audit-bad-date = Vul een datum in zoals 2026-11-29.

beheer-settings-name = Naam van de gemeente
beheer-settings-lang = Standaardtaal
beheer-settings-lang-invalid = Kies Nederlands of Engels.
beheer-settings-email-from = Afzender van e-mails
beheer-settings-email-from-hint = Dit adres zien bewoners als afzender, bijvoorbeeld participatie@enschede.nl.
beheer-settings-primary = Hoofdkleur
beheer-settings-secondary = Tweede kleur
beheer-settings-color-hint = Een kleurcode met # en zes tekens, bijvoorbeeld #c4001a.
beheer-settings-color-invalid = Vul een kleurcode in met # en zes tekens (0-9 en a-f), bijvoorbeeld #c4001a.
beheer-settings-font = Lettertype
beheer-settings-font-hint = Namen van lettertypen, gescheiden door komma's, bijvoorbeeld: Arial, sans-serif.
beheer-settings-font-invalid = Gebruik alleen letters, cijfers, spaties, komma's, streepjes en aanhalingstekens.
beheer-settings-privacy = Privacyverklaring
beheer-settings-accessibility = Toegankelijkheidsverklaring
beheer-settings-markdown-hint = U kunt Markdown gebruiken: # voor een kop, ** voor vet, - voor een lijst.
beheer-themes-link = Thema's van projecten beheren

notice-beheer-area-saved = Het gebied is opgeslagen.
notice-beheer-area-deleted = Het gebied is verwijderd.
notice-beheer-role-saved = De rollen zijn aangepast.
notice-beheer-mail-retried = De e-mail wordt opnieuw verstuurd.

# Roles with a scope (module/access.rs)
beheer-users-no-roles = Deze persoon heeft geen rol. Een rol geeft toegang tot het beheer.
beheer-users-scope = Geldt voor
beheer-scope-all = De hele gemeente
beheer-scope-needs-area = voor één gebied
beheer-scope-needs-department = voor één afdeling
beheer-users-grant-title = Een rol geven
beheer-users-grant = Rol geven
beheer-users-scope-area = Gebied
beheer-users-scope-area-hint = Alleen voor rollen die voor één gebied gelden, zoals lid van een wijkbudgetcommissie. Een stadsdeel telt met zijn wijken.
beheer-users-scope-department = Afdeling
beheer-users-scope-department-hint = Alleen voor rollen die voor één afdeling gelden.
beheer-scope-area-missing = Kies het gebied waarvoor deze rol geldt.
beheer-scope-department-missing = Kies de afdeling waarvoor deze rol geldt.
beheer-departments-title = Afdelingen
beheer-departments-intro = Afdelingen van de gemeente. U kunt een rol geven die alleen voor één afdeling geldt.
beheer-departments-empty = Er zijn nog geen afdelingen.
beheer-departments-people = { $count ->
    [one] 1 persoon met een rol
   *[other] { $count } personen met een rol
}
beheer-departments-new = Een afdeling toevoegen
beheer-departments-name = Naam van de afdeling
beheer-departments-add = Afdeling toevoegen
beheer-departments-name-invalid = Vul een naam in van 2 tot 100 tekens.
beheer-departments-name-taken = Er is al een afdeling met deze naam.
beheer-departments-delete-title = Afdeling verwijderen
beheer-departments-delete-question = Wilt u de afdeling { $name } verwijderen?
beheer-departments-delete-roles = { $count ->
    [one] 1 rol geldt voor deze afdeling. Die rol vervalt.
   *[other] { $count } rollen gelden voor deze afdeling. Die rollen vervallen.
}
notice-beheer-department-deleted = De afdeling is verwijderd.
staff-departments = Afdelingen
beheer-modules-title = Onderdelen van de site
beheer-modules-intro = Zet uit wat uw gemeente niet gebruikt. Een uitgezet onderdeel verdwijnt van de site en uit de menu's. De gegevens blijven bewaard: zet het weer aan en alles is terug.
beheer-modules-legend = Deze onderdelen staan aan
beheer-modules-save = Onderdelen opslaan

# Huisstijl: het thema van de gemeente als designtokens (issue 18).
staff-theme = Huisstijl
beheer-theme-link = Huisstijl van de site: designtokens, logo en favicon
theme-intro = Hier zet u de huisstijl van uw gemeente op de site: de kleuren, letters en maten uit het bestand met designtokens van uw gemeente (NL Design System), met een logo en een favicon.
theme-now-default = Nu: de standaard huisstijl van meedoen, met de kleuren en het lettertype van de pagina Instellingen.
theme-now-own = Nu: de eigen huisstijl van uw gemeente, met { $count } designtokens.
theme-saved-at = Opgeslagen op { $when }.
theme-saved-at-by = Opgeslagen op { $when } door { $who }.
theme-now-issues = Sommige teksten zijn daardoor slecht te lezen:
theme-issues-count = { $count ->
    [one] 1 contrastprobleem.
   *[other] { $count } contrastproblemen.
}
theme-preview-title = Voorbeeld
theme-preview-not-saved = Zo ziet de site eruit met dit bestand ({ $count } designtokens). Het is nog niet opgeslagen. Klik onderaan op Opslaan als u het goed vindt.
theme-contrast-ok = Alle teksten en knoppen hebben genoeg contrast.
theme-contrast-explain = Hieronder staat welke kleuren te weinig van elkaar verschillen. Mensen die slecht zien, kunnen die tekst dan moeilijk lezen. Pas de kleuren aan in het bestand, of sla toch op.
theme-sample-intro = Zo zien de onderdelen van de site eruit:
theme-sample-heading = Een kop op de pagina
theme-sample-lead = Een inleiding, iets groter dan de gewone tekst.
theme-sample-paragraph = Gewone tekst, zoals de uitleg bij een project, met
theme-sample-link = een link
theme-sample-badge = Groen
theme-sample-status = In behandeling
theme-sample-primary = Hoofdknop
theme-sample-secondary = Tweede knop
theme-sample-subtle = Rustige knop
theme-sample-field = Naam (een veld met een fout)
theme-sample-hint = Een uitleg bij het veld.
theme-sample-error = Vul minstens 2 tekens in.
theme-sample-alert-ok = Een melding: uw idee is opgeslagen.
theme-sample-alert-warning = Een waarschuwing: stemmen kan nog tot vrijdag.
theme-sample-table = Een tabel
theme-sample-col-idea = Idee
theme-sample-col-votes = Stemmen
theme-sample-row-1 = Meer bankjes in het park
theme-sample-row-2 = Een moestuin bij school
theme-tokens-title = Designtokens
theme-tokens-explain = Uw gemeente heeft een bestand met designtokens, bijvoorbeeld dist/root.css uit het npm-pakket met de huisstijl. Plak de inhoud hieronder of kies het bestand. Alleen regels zoals --naam: waarde; mogen erin staan.
theme-tokens-label = Designtokens (CSS)
theme-tokens-hint = Maximaal 256 KB. Kiest u ook een bestand, dan gebruiken we het bestand.
theme-tokens-file-label = Of kies een bestand met designtokens
theme-tokens-file-hint = Een .css-bestand.
theme-tokens-empty = Plak de designtokens of kies een bestand.
theme-file-too-large = Het bestand is te groot. Het mag maximaal 256 KB zijn.
theme-file-not-text = Dit bestand is geen tekstbestand. Kies het .css-bestand met de designtokens.
theme-force-label = Ik weet het, toch opslaan
theme-contrast-blocks = { $count ->
    [one] Er is 1 contrastprobleem. Pas de kleuren aan, of vink aan dat u toch wilt opslaan.
   *[other] Er zijn { $count } contrastproblemen. Pas de kleuren aan, of vink aan dat u toch wilt opslaan.
}
theme-preview-button = Voorbeeld bekijken
theme-save-button = Opslaan
theme-pictures-title = Logo en favicon
theme-logo-now = Dit is het logo nu:
theme-logo-alt = Het logo van de gemeente
theme-logo-remove = Logo verwijderen
theme-favicon-now = Dit is het favicon nu:
theme-favicon-alt = Het favicon
theme-favicon-remove = Favicon verwijderen
theme-logo-label = Logo
theme-logo-hint = Een PNG, JPEG of WebP. SVG kan niet. Het logo staat links bovenaan, naast de naam van de gemeente.
theme-favicon-label = Favicon
theme-favicon-hint = Een vierkante PNG, liefst 180 × 180 pixels of groter. Het favicon staat in het tabblad van de browser.
theme-pictures-save = Logo en favicon opslaan
theme-pictures-none = Kies een logo of een favicon.
theme-picture-svg = Een SVG-bestand kan niet, want daar kan code in zitten. Kies een PNG, JPEG of WebP.
theme-logo-type = Kies een PNG, JPEG of WebP.
theme-favicon-type = Een favicon moet een PNG-bestand zijn.
theme-favicon-square = Een favicon moet vierkant zijn: even breed als hoog.
theme-favicon-small = Een favicon moet minstens { $min } × { $min } pixels zijn.
theme-reset-title = Terug naar de standaard huisstijl
theme-reset-explain = Dan gebruikt de site weer de huisstijl van meedoen. U kunt eerst bevestigen.
theme-reset-question = Wilt u terug naar de standaard huisstijl van meedoen?
theme-reset-warning = De designtokens, het logo en het favicon worden verwijderd. De kleuren en het lettertype op de pagina Instellingen blijven.
theme-reset-button = Standaard huisstijl terugzetten
theme-back-to-settings = Terug naar de instellingen
notice-theme-saved = De huisstijl is opgeslagen.
notice-theme-reset = De site gebruikt weer de standaard huisstijl.
notice-theme-pictures-saved = Het logo of favicon is opgeslagen.
notice-theme-picture-removed = Verwijderd.
