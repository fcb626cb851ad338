ideas-name = Ideeën
ideas-status-draft = Concept
ideas-status-submitted = Ingediend
ideas-status-accepted = Doet mee aan de stemming
ideas-status-merged = Samengevoegd
ideas-status-redirected = Doorverwezen
ideas-status-rejected = Afgewezen
ideas-status-selected = Gekozen
ideas-status-realised = Uitgevoerd
ideas-sort-nieuw = Nieuwste eerst
ideas-sort-likes = Meeste likes
ideas-sort-reacties = Meeste reacties
ideas-sort-willekeurig = Willekeurig
ideas-stance-for = Voor
ideas-stance-against = Tegen
ideas-stance-neutral = Neutraal
ideas-window-open = U kunt een idee insturen tot en met { $closes }.
ideas-window-closed = Insturen kan nu niet. De periode voor ideeën begint of begon op { $opens }.
ideas-submit-link = Stuur een idee in
ideas-login-prompt = Log in om een idee in te sturen.
ideas-count = { $count ->
    [one] 1 idee
   *[other] { $count } ideeën
}
ideas-found = { $count ->
    [one] 1 idee gevonden
   *[other] { $count } ideeën gevonden
}
ideas-likes = { $count ->
    [one] 1 like
   *[other] { $count } likes
}
ideas-comments-count = { $count ->
    [one] 1 reactie
   *[other] { $count } reacties
}
ideas-all-link = Alle ideeën bekijken
ideas-back-to-project = Terug naar { $project }
ideas-back = Terug
ideas-search = Zoeken in ideeën
ideas-area = Gebied
ideas-theme = Thema
ideas-status = Status
ideas-sort = Volgorde
ideas-any = Alle
ideas-filter-apply = Toon ideeën
ideas-none = Er zijn nog geen ideeën.
ideas-pages = Pagina's
ideas-prev = Vorige pagina
ideas-next = Volgende pagina
ideas-page-n = Pagina { $n }
ideas-hidden-title = Verborgen idee
ideas-hidden-notice = Dit is verborgen omdat mensen het hebben gemeld. Een moderator kijkt ernaar.
ideas-hidden-tag = verborgen
ideas-new-title = Stuur een idee in
ideas-edit-title = Idee aanpassen
ideas-field-title = Titel
ideas-field-summary = Korte samenvatting
ideas-field-description = Beschrijving
ideas-field-cost = Wat kost het ongeveer?
ideas-field-cost-hint = In hele euro's, bijvoorbeeld 2500.
ideas-field-area = Gebied
ideas-area-none = Geen gebied of de hele gemeente
ideas-field-themes = Thema's
ideas-limits-hint = Gebruik { $min } tot { $max } tekens.
ideas-markdown-hint = U kunt **vet** en lijstjes gebruiken.
ideas-action-submit = Idee insturen
ideas-action-draft = Bewaren als concept
ideas-action-save = Opslaan
ideas-error-cost = Vul een bedrag in hele euro's in, 0 of meer.
ideas-error-area = Kies een gebied uit de lijst.
ideas-error-window-closed = De periode om ideeën in te sturen is nu niet open.
ideas-error-not-editable = U kunt dit idee niet meer aanpassen. De status is veranderd.
ideas-error-like-closed = U kunt dit idee nu niet liken.
ideas-error-comments-closed = Reageren is nu niet mogelijk.
ideas-error-stance = Kies of u voor, tegen of neutraal bent.
ideas-error-parent = Deze reactie bestaat niet (meer).
ideas-error-depth = U kunt niet verder reageren op dit antwoord. Reageer op een reactie hoger in het gesprek.
ideas-error-edit-expired = U kunt een reactie alleen in de eerste 15 minuten aanpassen.
ideas-error-flagged-before = U heeft dit al gemeld. Dank u wel.
ideas-error-date = Vul een datum in, bijvoorbeeld 2026-03-01.
ideas-error-date-order = De einddatum mag niet vóór de begindatum liggen.
ideas-error-number = Vul een getal in van { $min } tot en met { $max }.
ideas-error-min-max = Het maximum mag niet kleiner zijn dan het minimum.
ideas-error-status = Kies een status.
ideas-error-merge = Kies het idee waarmee u dit idee samenvoegt.
ideas-error-decision = Kies: terugzetten of verborgen houden.
ideas-official-answer = Antwoord van de gemeente
ideas-status-now = De status is nu: { $status }.
ideas-merged-into = Dit idee is samengevoegd met:
ideas-redirected-to = Dit idee is doorverwezen naar:
ideas-author = Ingestuurd door
ideas-author-unknown = Onbekend
ideas-date = Datum
ideas-edit = Idee aanpassen
ideas-likes-title = Likes
ideas-comments-title = Reacties
ideas-like = Ik vind dit goed
ideas-unlike = Like weghalen
ideas-login-to-like = Log in om dit idee te liken.
ideas-login-to-comment = Log in om te reageren.
ideas-flag-idea = Dit idee melden
ideas-flag-comment = Deze reactie melden
ideas-flag-reason = Waarom meldt u dit?
ideas-flag-submit = Melden
ideas-comment = Reactie
ideas-comment-body = Uw reactie
ideas-comment-submit = Reactie plaatsen
ideas-comment-hidden = Deze reactie is verborgen omdat mensen haar hebben gemeld. Een moderator kijkt ernaar.
ideas-comments-closed = Reageren is gesloten.
ideas-stance = Bent u voor of tegen dit idee?
ideas-reply = Reageren
ideas-reply-submit = Antwoord plaatsen
ideas-edited = aangepast
ideas-edit-comment = Reactie aanpassen
ideas-comment-edit-title = Reactie aanpassen
ideas-edit-window-hint = U kunt uw reactie 15 minuten na het plaatsen nog aanpassen.
ideas-staff-project = Project
ideas-staff-window = Periode om ideeën in te sturen
ideas-staff-opens = Begint op
ideas-staff-closes = Eindigt op (deze dag telt mee)
ideas-staff-comments-open = Reageren is open
ideas-staff-limits = Lengte van teksten en meldingen
ideas-staff-title_min = Titel: minimaal aantal tekens
ideas-staff-title_max = Titel: maximaal aantal tekens
ideas-staff-summary_min = Samenvatting: minimaal aantal tekens
ideas-staff-summary_max = Samenvatting: maximaal aantal tekens
ideas-staff-description_min = Beschrijving: minimaal aantal tekens
ideas-staff-description_max = Beschrijving: maximaal aantal tekens
ideas-staff-flag_threshold = Na hoeveel meldingen wordt iets verborgen?
ideas-staff-ideas = Ingestuurde ideeën
ideas-export = Ideeën downloaden (CSV)
ideas-staff-back = Terug naar de ideeën
ideas-view-public = Bekijk het idee
ideas-status-title = Status en antwoord
ideas-staff-answer = Antwoord van de gemeente
ideas-staff-answer-hint = Verplicht bij afwijzen en doorverwijzen. Geef de reden in gewone taal.
ideas-staff-redirect-to = Doorverwezen naar
ideas-staff-redirect-hint = Bijvoorbeeld: wijkbudget. Alleen bij doorverwijzen.
ideas-staff-merged-into = Samenvoegen met
ideas-staff-merge-none = Niet samenvoegen
ideas-staff-status-save = Status opslaan en indiener mailen
ideas-mail-status-subject = Nieuws over uw idee: { $title }
ideas-mail-status-body = Beste indiener,

    Uw idee "{ $title }" heeft een nieuwe status: { $status }.

    Antwoord van de gemeente:
    { $answer }

    Bekijk uw idee: { $link }
ideas-mail-redirected = Uw idee is doorverwezen naar: { $to }
ideas-moderation-title = Moderatie
ideas-moderation-intro = Hier staan ideeën en reacties die zijn gemeld. Kies of ze terug mogen of verborgen blijven.
ideas-moderation-ideas = Gemelde ideeën
ideas-moderation-comments = Gemelde reacties
ideas-moderation-empty = Niets te beoordelen.
ideas-moderation-flags = { $count ->
    [one] 1 melding
   *[other] { $count } meldingen
}
ideas-moderation-restore = Terugzetten
ideas-moderation-hide = Verborgen houden
notice-idea-submitted = Uw idee is ingestuurd. Dank u wel!
notice-idea-draft-saved = Uw idee is bewaard als concept. Alleen u ziet het.
notice-comment-saved = Uw reactie is geplaatst.
notice-flag-saved = Dank u wel. Uw melding is ontvangen.
notice-idea-status-saved = De status is opgeslagen. De indiener krijgt een e-mail.
notice-moderation-hidden = Het blijft verborgen.
notice-moderation-restored = Het is teruggezet en weer zichtbaar.

# Images and map point
ideas-images = Foto's
ideas-images-hint = U kunt tot { $max } foto's toevoegen (PNG, JPEG, WebP of GIF, hoogstens 8 MB per foto). Bij elke foto schrijft u kort wat erop staat.
ideas-images-full = U heeft { $max } foto's toegevoegd. Meer kan niet. Wilt u een andere foto? Haal dan eerst een foto weg.
ideas-image-alt-n = Wat staat er op foto { $n }?
ideas-image-alt-hint = Bijvoorbeeld: "Kapot bankje bij de speeltuin". Dit helpt mensen die de foto niet kunnen zien.
ideas-image-remove = Foto { $n } weghalen
ideas-photo = Foto toevoegen (niet verplicht)
ideas-photo-alt = Wat staat er op deze foto?
ideas-photo-add = Foto toevoegen en verder gaan
ideas-error-image-alt = Schrijf in een paar woorden wat er op de foto staat. Minstens 3 tekens.
ideas-error-image-alt-long = Deze tekst is te lang. Gebruik hoogstens 200 tekens.
ideas-error-image-max = U kunt hoogstens { $max } foto's toevoegen. Haal eerst een foto weg als u een andere wilt.
ideas-error-image-taken = Deze foto hoort al bij een ander idee. Voeg de foto opnieuw toe.
ideas-error-form = Het formulier kon niet worden gelezen. Probeer het opnieuw.
ideas-point = Plek op de kaart
ideas-point-hint = Niet verplicht. Weet u precies waar uw idee moet komen? Vul dan de coördinaten in. Die vindt u bijvoorbeeld op openstreetmap.org: klik met de rechtermuisknop op de plek en kies "Toon adres".
ideas-lat = Breedtegraad
ideas-lat-hint = Een getal zoals 52.2215
ideas-lon = Lengtegraad
ideas-lon-hint = Een getal zoals 6.8937
ideas-error-lat = Vul een breedtegraad in als getal, zoals 52.2215. Of laat beide vakken leeg.
ideas-error-lon = Vul een lengtegraad in als getal, zoals 6.8937. Of laat beide vakken leeg.
ideas-error-point-area = Deze plek ligt niet in het gebied dat u koos. Controleer de getallen of kies een ander gebied.
ideas-error-point-nl = Deze plek ligt niet in Nederland. Controleer de getallen. Staan breedtegraad en lengtegraad misschien omgedraaid?
ideas-point-osm = Bekijk deze plek op OpenStreetMap
ideas-point-map = Kaart met de plek van dit idee

# Following and realisation
ideas-follow-title = Volgen
ideas-follow = Volg dit idee
ideas-unfollow = Niet meer volgen
ideas-follow-hint = Volg dit idee. Dan krijgt u een e-mail als er nieuws is over de uitvoering.
ideas-following = U volgt dit idee. U krijgt een e-mail als er nieuws is over de uitvoering.
ideas-followers = { $count ->
    [one] 1 volger
   *[other] { $count } volgers
}
ideas-progress-title = Voortgang
ideas-progress-timeline = Voortgang van de uitvoering
ideas-progress-none = Er is nog geen voortgang gemeld.
ideas-progress-done = Klaar:
ideas-progress-status = Stand van zaken
ideas-progress-status-hint = Kort, bijvoorbeeld: "Bankjes besteld" of "Werk begonnen".
ideas-progress-percent = Hoeveel procent is klaar?
ideas-progress-percent-hint = Een heel getal van 0 tot en met 100.
ideas-progress-body = Uitleg
ideas-progress-photo-hint = Niet verplicht. PNG, JPEG, WebP of GIF, hoogstens 8 MB.
ideas-progress-save = Voortgang opslaan en volgers mailen
ideas-error-percent = Vul een heel getal in van 0 tot en met 100.
ideas-error-progress-status = Voortgang melden kan alleen bij een idee dat gekozen of uitgevoerd is.
ideas-mail-progress-subject = Nieuws over het idee: { $title }
ideas-mail-progress-body = Beste volger,

    Er is nieuws over het idee "{ $title }".

    Stand van zaken: { $status } ({ $percent }% klaar)

    { $text }

    Lees meer: { $link }

    U krijgt deze e-mail omdat u dit idee volgt. Wilt u dit niet meer? Kies op de pagina van het idee "Niet meer volgen". Of zet berichten uit op uw accountpagina.
notice-idea-followed = U volgt dit idee nu.
notice-idea-unfollowed = U volgt dit idee niet meer.
notice-idea-progress-saved = De voortgang is opgeslagen. De volgers krijgen een e-mail.
ideas-api-bad-param = De waarde van { $name } klopt niet. Gebruik een geldig getal of een bekende waarde.
ideas-error-status-changed = Iemand anders heeft de status van dit idee intussen veranderd. Hieronder ziet u de status van nu. Kies opnieuw en sla op.
ideas-error-status-step = Deze status kan dit idee nu niet krijgen. Een concept moet eerst worden ingediend.
