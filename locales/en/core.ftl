skip-to-content = Skip to content
nav-main = Main menu
nav-footer = Footer
nav-home = Take part
nav-staff = Admin
nav-account = My account
nav-login = Log in
nav-logout = Log out
nav-register = Create account
language = Language
privacy-title = Privacy
accessibility-title = Accessibility
privacy-default = This municipality has not published a privacy statement yet. We keep only what is needed to take part. You can always download your data or delete your account under **My account**.
accessibility-default = This website aims to meet WCAG 2.1 level AA. Something not working? Please tell the municipality.
error-title = Something went wrong
error-back-home = Go to the home page
error-required = Please fill in this field.
error-too-short = This is too short. Use at least { $min } characters.
error-too-long = This is too long. Use at most { $max } characters.
error-email = Enter a valid email address, for example name@example.com.
error-not-verified = Please confirm your email address first. Check your mailbox for the link.
error-password-short = Choose a password of at least { $min } characters.
error-password-common = This password is used a lot and is easy to guess. Choose another one.
form-has-errors = Not everything is filled in correctly. See the fields with a message.
notice-saved = Saved.
staff-nav = Admin menu
staff-dashboard = Overview
staff-projects = Projects
staff-areas = Areas
staff-users = Users and roles
staff-outbox = Outgoing email
staff-audit = Audit log
staff-settings = Settings
staff-moderation = Moderation
nav-makelpunt = Makelpunt (spaces)
staff-makelpunt = Makelpunt

# Site search (pages.rs)
search-title = Search
search-label = What are you looking for?
search-hint = For example a street, a plan or a space. We search projects, ideas and the Makelpunt.
search-button = Search
search-too-short = Type at least 2 characters.
search-results = { $count ->
    [one] 1 result
   *[other] { $count } results
}
search-none = Nothing found. Try another word.
search-kind-project = Project
search-kind-idea = Idea
search-kind-space = Space
nav-search = Search
