# Accounts: registration, login, email links, password reset, account page, two-factor.

account-email = Email address
account-password = Password
account-password-hint = At least 12 characters. A sentence of a few words is strong and easy to remember.
account-new-password = New password
account-display-name = Name others see
account-display-name-hint = This can be your first name or a nickname.
account-back-to-login = Back to log in
account-cancel = Cancel
account-save = Save
account-choose-option = Choose one of the options.

account-register-title = Create an account
account-register-intro = With an account you can take part: share ideas, vote and respond. After signing up you get an email to confirm your address.
account-register-button = Create account
account-register-link = No account yet? Create one
account-have-account = Already have an account?

account-check-mail-title = Check your mailbox
account-check-mail-text = If everything is right, you now have an email from us. Click the link in that email to continue.
account-check-mail-spam = No email? Also look in your spam folder. The link only works for a short time, and only once.

account-link-invalid = This link no longer works. It was already used or is too old. Ask for a new link.
account-verify-title = Confirm email address
account-verify-intro = Click the button to confirm your email address. You will then be logged in.
account-verify-button = Confirm my email address

account-login-title = Log in
account-login-button = Log in
account-login-failed = The email address or password is not right. Try again, or log in with a link by email.
account-login-other = Other ways
account-magic-link = Log in with a link by email
account-forgot-link = Forgot your password?

account-magic-title = Log in with a link
account-magic-request-intro = Enter your email address. You will get an email with a link. With that link you log in without a password. The link works for 15 minutes.
account-magic-request-button = Send me a link
account-magic-intro = Click the button to log in.
account-magic-button = Log in

account-reset-title = Forgot password
account-reset-request-intro = Enter your email address. You will get an email with a link to choose a new password. The link works for one hour.
account-reset-request-button = Send me a link
account-reset-new-title = Choose a new password
account-reset-new-intro = Choose a new password. You will then be logged out everywhere and logged in again here.
account-reset-button = Save password

account-title = My account
account-name-heading = Your name
account-email-heading = Your email address
account-email-current = Your email address is now: { $email }
account-new-email = New email address
account-new-email-hint = You will get an email at the new address. The new address only counts once you click the link in that email.
account-email-button = Change email address
account-email-same = This already is your email address.
account-email-taken = This email address already belongs to another account. Your email address has not changed.
account-email-confirm-title = Confirm new email address
account-email-confirm-intro = Click the button to use this email address from now on.
account-email-confirm-button = Confirm my new email address
account-prefs-heading = Preferences
account-notify-legend = How do you want to get messages about what you follow?
account-notify-immediate = Right away, for each message
account-notify-digest = Once a day, in one email
account-notify-off = No messages
account-lang = Language of emails and website
account-lang-default = As the municipality has set it
account-data-heading = Your data
account-data-text = You can download everything we keep about you. You can also delete your account.
account-download = Download my data (JSON file)
account-download-first = Download your data first
account-delete-link = Delete my account

account-delete-title = Delete account
account-delete-intro = Are you sure? This cannot be undone.
account-delete-what1 = Your name, email address and password are erased.
account-delete-what2 = You are logged out everywhere.
account-delete-what3 = What you contributed, such as votes, still counts, but no longer under your name.
account-delete-confirm = Yes, delete my account ({ $email })
account-delete-confirm-missing = Tick the box if you really want to delete your account.
account-delete-button = Delete account for good

account-2fa-title = Two-step verification
account-2fa-setup-intro = As staff you log in with your password and a code from an app on your phone. Set this up once.
account-2fa-setup-step1 = Open an app for login codes, for example your organisation's authenticator app.
account-2fa-setup-step2 = Add an account and type in this secret key, or paste the address below it.
account-2fa-setup-step3 = Enter the 6-digit code the app shows now.
account-2fa-secret = Secret key
account-2fa-uri = Address for the app
account-2fa-code-intro = Enter the 6-digit code from the app on your phone.
account-2fa-code = 6-digit code
account-2fa-code-hint = The code changes every 30 seconds.
account-2fa-button = Continue
account-2fa-confirm-button = Confirm code
account-2fa-wrong = This code is not right or was already used. Wait for a new code and try again.
account-2fa-on = Two-step verification is on.
account-2fa-off = Two-step verification is not on yet.
account-2fa-setup-link = Set it up now

notice-email-verified = Your email address is confirmed. You are logged in.
notice-password-changed = Your new password is saved. You were logged out everywhere and logged in again here.
notice-email-change-sent = We sent an email to the new address. Click the link in that email to finish the change.
notice-email-changed = Your new email address is confirmed and saved.
notice-account-deleted = Your account has been deleted.

mail-verify-subject = Confirm your email address for { $org }
mail-verify-body =
    Hello { $name },

    You created an account at { $org }. Confirm your email address with this link:

    { $link }

    The link works for 48 hours, and only once.
    Did you not create an account? Then you can ignore this email.

    Kind regards,
    { $org }
mail-register-existing-subject = Someone tried to create an account with your email address
mail-register-existing-body =
    Hello,

    Someone tried to create an account at { $org } with your email address. You already have an account.

    Log in: { $login }
    Forgot password: { $reset }

    Was this not you? Then you do not need to do anything. Nothing about your account has changed.

    Kind regards,
    { $org }
mail-magic-subject = Your link to log in at { $org }
mail-magic-body =
    Hello,

    With this link you log in at { $org }:

    { $link }

    The link works for 15 minutes, and only once.
    Did you not ask for this link? Then you can ignore this email.

    Kind regards,
    { $org }
mail-reset-subject = Choose a new password for { $org }
mail-reset-body =
    Hello,

    With this link you choose a new password for your account at { $org }:

    { $link }

    The link works for one hour, and only once.
    Did you not ask for this link? Then you can ignore this email. Your password stays the same.

    Kind regards,
    { $org }
mail-change-email-subject = Confirm your new email address for { $org }
mail-change-email-body =
    Hello { $name },

    You want to use this email address for your account at { $org }. Confirm this with this link:

    { $link }

    The link works for 24 hours, and only once. Until you click the link, your old email address stays in use.

    Kind regards,
    { $org }
