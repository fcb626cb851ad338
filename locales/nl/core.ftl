skip-to-content = Naar de inhoud
nav-main = Hoofdmenu
nav-footer = Voettekst
nav-home = Meedoen
nav-staff = Beheer
nav-account = Mijn account
nav-login = Inloggen
nav-logout = Uitloggen
nav-register = Account maken
language = Taal
privacy-title = Privacy
accessibility-title = Toegankelijkheid
privacy-default = Deze gemeente heeft nog geen privacyverklaring geplaatst. We bewaren alleen wat nodig is om mee te doen. U kunt uw gegevens altijd downloaden of uw account verwijderen via **Mijn account**.
accessibility-default = Deze website wil voldoen aan WCAG 2.1 niveau AA. Ziet u iets dat niet goed werkt? Laat het de gemeente weten.
error-title = Er ging iets mis
error-back-home = Naar de startpagina
error-required = Vul dit veld in.
error-too-short = Dit is te kort. Gebruik minstens { $min } tekens.
error-too-long = Dit is te lang. Gebruik hoogstens { $max } tekens.
error-email = Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.
error-not-verified = Bevestig eerst uw e-mailadres. Kijk in uw mailbox voor de link.
error-password-short = Kies een wachtwoord van minstens { $min } tekens.
error-password-common = Dit wachtwoord wordt veel gebruikt en is makkelijk te raden. Kies een ander wachtwoord.
form-has-errors = Niet alles is goed ingevuld. Kijk bij de velden met een melding.
notice-saved = Opgeslagen.
staff-nav = Beheermenu
staff-dashboard = Overzicht
staff-projects = Projecten
staff-areas = Gebieden
staff-users = Gebruikers en rollen
staff-outbox = Uitgaande e-mail
staff-audit = Logboek
staff-settings = Instellingen
staff-moderation = Moderatie
nav-makelpunt = Makelpunt
staff-makelpunt = Makelpunt

# Site search (pages.rs)
search-title = Zoeken
search-label = Waar zoekt u naar?
search-hint = Bijvoorbeeld een straat, een plan of een ruimte. Wij zoeken in projecten, ideeën en het Makelpunt.
search-button = Zoeken
search-too-short = Typ minstens 2 tekens.
search-results = { $count ->
    [one] 1 resultaat
   *[other] { $count } resultaten
}
search-none = Niets gevonden. Probeer een ander woord.
search-kind-project = Project
search-kind-idea = Idee
search-kind-space = Ruimte
nav-search = Zoeken
