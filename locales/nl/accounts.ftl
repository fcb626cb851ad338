# Accounts: registration, login, email links, password reset, account page, two-factor.

account-email = E-mailadres
account-password = Wachtwoord
account-password-hint = Minstens 12 tekens. Een zin van een paar woorden is sterk en makkelijk te onthouden.
account-new-password = Nieuw wachtwoord
account-display-name = Naam die anderen zien
account-display-name-hint = Dit mag uw voornaam of een bijnaam zijn.
account-back-to-login = Terug naar inloggen
account-cancel = Annuleren
account-save = Opslaan
account-choose-option = Kies een van de mogelijkheden.

account-register-title = Account maken
account-register-intro = Met een account kunt u meedoen: ideeën delen, stemmen en reageren. Na het aanmelden krijgt u een e-mail om uw adres te bevestigen.
account-register-button = Account maken
account-register-link = Nog geen account? Maak een account
account-have-account = Heeft u al een account?

account-check-mail-title = Kijk in uw mailbox
account-check-mail-text = Als alles klopt, heeft u nu een e-mail van ons. Klik op de link in die e-mail om verder te gaan.
account-check-mail-spam = Geen e-mail gekregen? Kijk ook bij ongewenste e-mail (spam). De link werkt maar een korte tijd en maar één keer.

account-link-invalid = Deze link werkt niet meer. Hij is al gebruikt of te oud. Vraag een nieuwe link aan.
account-verify-title = E-mailadres bevestigen
account-verify-intro = Klik op de knop om uw e-mailadres te bevestigen. Daarna bent u ingelogd.
account-verify-button = Bevestig mijn e-mailadres

account-login-title = Inloggen
account-login-button = Inloggen
account-login-failed = Het e-mailadres of het wachtwoord klopt niet. Probeer het opnieuw, of log in met een link per e-mail.
account-login-other = Andere manieren
account-magic-link = Inloggen met een link per e-mail
account-forgot-link = Wachtwoord vergeten?

account-magic-title = Inloggen met een link
account-magic-request-intro = Vul uw e-mailadres in. U krijgt een e-mail met een link. Met die link logt u in zonder wachtwoord. De link werkt 15 minuten.
account-magic-request-button = Stuur mij een link
account-magic-intro = Klik op de knop om in te loggen.
account-magic-button = Inloggen

account-reset-title = Wachtwoord vergeten
account-reset-request-intro = Vul uw e-mailadres in. U krijgt een e-mail met een link om een nieuw wachtwoord te kiezen. De link werkt een uur.
account-reset-request-button = Stuur mij een link
account-reset-new-title = Nieuw wachtwoord kiezen
account-reset-new-intro = Kies een nieuw wachtwoord. U wordt daarna overal uitgelogd en hier opnieuw ingelogd.
account-reset-button = Wachtwoord opslaan

account-title = Mijn account
account-name-heading = Uw naam
account-email-heading = Uw e-mailadres
account-email-current = Uw e-mailadres is nu: { $email }
account-new-email = Nieuw e-mailadres
account-new-email-hint = U krijgt een e-mail op het nieuwe adres. Het nieuwe adres geldt pas als u op de link in die e-mail klikt.
account-email-button = E-mailadres wijzigen
account-email-same = Dit is al uw e-mailadres.
account-email-taken = Dit e-mailadres hoort al bij een ander account. Uw e-mailadres is niet gewijzigd.
account-email-confirm-title = Nieuw e-mailadres bevestigen
account-email-confirm-intro = Klik op de knop om dit e-mailadres voortaan te gebruiken.
account-email-confirm-button = Bevestig mijn nieuwe e-mailadres
account-prefs-heading = Voorkeuren
account-notify-legend = Hoe wilt u berichten krijgen over wat u volgt?
account-notify-immediate = Meteen, bij elk bericht
account-notify-digest = Eén keer per dag, in één e-mail
account-notify-off = Geen berichten
account-lang = Taal van e-mails en website
account-lang-default = Zoals de gemeente het heeft ingesteld
account-data-heading = Uw gegevens
account-data-text = U kunt alles downloaden wat wij over u bewaren. U kunt uw account ook verwijderen.
account-download = Download mijn gegevens (JSON-bestand)
account-download-first = Eerst uw gegevens downloaden
account-delete-link = Mijn account verwijderen

account-delete-title = Account verwijderen
account-delete-intro = Weet u het zeker? Dit kunt u niet ongedaan maken.
account-delete-what1 = Uw naam, e-mailadres en wachtwoord worden gewist.
account-delete-what2 = U wordt overal uitgelogd.
account-delete-what3 = Wat u heeft bijgedragen, zoals stemmen, blijft meetellen, maar niet meer onder uw naam.
account-delete-confirm = Ja, verwijder mijn account ({ $email })
account-delete-confirm-missing = Zet een vinkje als u uw account echt wilt verwijderen.
account-delete-button = Account definitief verwijderen

account-2fa-title = Tweestapsverificatie
account-2fa-setup-intro = Als medewerker logt u in met uw wachtwoord én met een code uit een app op uw telefoon. Stel dit één keer in.
account-2fa-setup-step1 = Open een app voor inlogcodes, bijvoorbeeld de authenticator-app van uw organisatie.
account-2fa-setup-step2 = Voeg een account toe en typ deze geheime sleutel over, of plak het adres eronder.
account-2fa-setup-step3 = Vul de code van 6 cijfers in die de app nu laat zien.
account-2fa-secret = Geheime sleutel
account-2fa-uri = Adres voor de app
account-2fa-code-intro = Vul de code van 6 cijfers in uit de app op uw telefoon.
account-2fa-code = Code van 6 cijfers
account-2fa-code-hint = De code verandert elke 30 seconden.
account-2fa-button = Doorgaan
account-2fa-confirm-button = Code bevestigen
account-2fa-wrong = Deze code klopt niet of is al gebruikt. Wacht op een nieuwe code en probeer het opnieuw.
account-2fa-on = Tweestapsverificatie staat aan.
account-2fa-off = Tweestapsverificatie staat nog niet aan.
account-2fa-setup-link = Nu instellen

notice-email-verified = Uw e-mailadres is bevestigd. U bent ingelogd.
notice-password-changed = Uw nieuwe wachtwoord is opgeslagen. U bent overal uitgelogd en hier opnieuw ingelogd.
notice-email-change-sent = We hebben een e-mail gestuurd naar het nieuwe adres. Klik op de link in die e-mail om de wijziging af te ronden.
notice-email-changed = Uw nieuwe e-mailadres is bevestigd en opgeslagen.
notice-account-deleted = Uw account is verwijderd.

mail-verify-subject = Bevestig uw e-mailadres voor { $org }
mail-verify-body =
    Hallo { $name },

    U heeft een account gemaakt bij { $org }. Bevestig uw e-mailadres met deze link:

    { $link }

    De link werkt 48 uur en maar één keer.
    Heeft u geen account gemaakt? Dan kunt u deze e-mail negeren.

    Met vriendelijke groet,
    { $org }
mail-register-existing-subject = Iemand wilde een account maken met uw e-mailadres
mail-register-existing-body =
    Hallo,

    Iemand probeerde bij { $org } een account te maken met uw e-mailadres. U heeft al een account.

    Inloggen: { $login }
    Wachtwoord vergeten: { $reset }

    Was u dit niet? Dan hoeft u niets te doen. Er is niets aan uw account veranderd.

    Met vriendelijke groet,
    { $org }
mail-magic-subject = Uw link om in te loggen bij { $org }
mail-magic-body =
    Hallo,

    Met deze link logt u in bij { $org }:

    { $link }

    De link werkt 15 minuten en maar één keer.
    Heeft u niet om deze link gevraagd? Dan kunt u deze e-mail negeren.

    Met vriendelijke groet,
    { $org }
mail-reset-subject = Nieuw wachtwoord kiezen voor { $org }
mail-reset-body =
    Hallo,

    Met deze link kiest u een nieuw wachtwoord voor uw account bij { $org }:

    { $link }

    De link werkt een uur en maar één keer.
    Heeft u niet om deze link gevraagd? Dan kunt u deze e-mail negeren. Uw wachtwoord blijft dan hetzelfde.

    Met vriendelijke groet,
    { $org }
mail-change-email-subject = Bevestig uw nieuwe e-mailadres voor { $org }
mail-change-email-body =
    Hallo { $name },

    U wilt dit e-mailadres gebruiken voor uw account bij { $org }. Bevestig dit met deze link:

    { $link }

    De link werkt 24 uur en maar één keer. Tot u op de link klikt, blijft uw oude e-mailadres gelden.

    Met vriendelijke groet,
    { $org }
