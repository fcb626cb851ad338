# Staff area: overview, areas, users, outgoing email, audit log, settings.

beheer-nav-themes = Themes
beheer-actions = Actions
beheer-all = All
beheer-cancel = Cancel
beheer-choose = Make a choice
beheer-delete = Delete
beheer-edit = Edit
beheer-email = Email address
beheer-filter = Filter
beheer-search = Search
beheer-save = Save
beheer-name = Name
beheer-yes = Yes
beheer-no = No
beheer-next = Next page
beheer-prev = Previous page
beheer-pages = Pages
beheer-page-n = Page { $n }
beheer-slug = Short name in the web address
beheer-slug-hint = Only lower-case letters, digits and hyphens. Leave it empty and we make it from the name.
beheer-slug-invalid = Use only lower-case letters, digits and hyphens, for example de-laares.
beheer-slug-taken = This short name is already in use. Choose another name or short name.
beheer-slug-from-name = Use letters or digits in the name too.

beheer-dash-figures = Figures
beheer-dash-members = accounts
beheer-dash-verified = accounts with a confirmed email address
beheer-dash-staff = staff members
beheer-dash-projects-draft = draft projects
beheer-dash-projects-published = published projects
beheer-dash-projects-closed = closed projects
beheer-dash-open-components = components in published projects
beheer-dash-areas = areas
beheer-dash-outbox-pending = emails waiting to be sent
beheer-dash-outbox-failed = emails that could not be sent
beheer-dash-no-figures = No figures yet.
beheer-dash-recent = Latest staff actions
beheer-dash-all-audit = View the whole audit log

beheer-areas-intro = The municipality is divided into districts. Each district has neighbourhoods. Projects can belong to a district or a neighbourhood.
beheer-areas-map = Map of the districts and neighbourhoods
beheer-areas-map-caption = Districts have a thick red line, neighbourhoods a thin blue one. All of them are listed below.
beheer-areas-empty = There are no districts yet. Create a district first.
beheer-areas-new-district = New district
beheer-areas-new-neighbourhood = New neighbourhood
beheer-areas-edit-district = Edit district
beheer-areas-edit-neighbourhood = Edit neighbourhood
beheer-areas-no-neighbourhoods = This district has no neighbourhoods yet.
beheer-areas-neighbourhood = Neighbourhood
beheer-areas-neighbourhoods-of = Neighbourhoods in { $name }
beheer-areas-shape = Shape on the map
beheer-areas-has-shape = has a shape
beheer-areas-parent = District
beheer-areas-parent-required = Choose the district this neighbourhood belongs to.
beheer-areas-geojson = Shape on the map (GeoJSON, optional)
beheer-areas-geojson-hint = Paste a GeoJSON geometry of type Polygon or MultiPolygon. Leave it empty if you have no shape.
beheer-areas-geojson-invalid = This is not valid GeoJSON. Check that you pasted the whole text.
beheer-areas-geojson-type = The GeoJSON must be of type Polygon or MultiPolygon.
beheer-areas-geojson-too-big = This shape is too large. Use a simplified shape of at most 1 MB.
beheer-areas-delete-title = Delete area
beheer-areas-delete-question = Are you sure you want to delete { $name }?
beheer-areas-delete-cascade = Note: the { $count } neighbourhoods in this district are deleted too. Projects stay, but no longer belong to an area.

beheer-users-search = Search by name or email address
beheer-users-none = No accounts found.
beheer-users-verified = Email address confirmed
beheer-users-roles = Roles
beheer-users-role = Role
beheer-users-has-role = Has this role
beheer-users-created = Account created on
beheer-users-totp = Two-step verification on
beheer-users-roles-intro = An administrator may do everything. An editor creates and runs projects. A moderator reviews contributions. Staff must use two-step verification when they log in.
beheer-users-back = Back to all users
beheer-role-admin = Administrator
beheer-role-editor = Editor
beheer-role-moderator = Moderator
beheer-role-grant = Make { $role }
beheer-role-revoke = Take away role { $role }
beheer-role-unknown = This role does not exist.
beheer-last-admin = This is the municipality's last administrator. First make someone else an administrator. Then you can take this role away.

beheer-outbox-no-smtp = No mail server is configured. Emails are not sent. You can read them here.
beheer-outbox-empty = There are no emails.
beheer-outbox-subject = Subject
beheer-outbox-to = To
beheer-outbox-status = Status
beheer-outbox-attempts = Attempts
beheer-outbox-error = Last error
beheer-outbox-created = Created on
beheer-outbox-sent = Sent on
beheer-outbox-body = Text of the email
beheer-outbox-retry = Try sending again
beheer-outbox-back = Back to all emails
beheer-mail-status-pending = Waiting to be sent
beheer-mail-status-sent = Sent
beheer-mail-status-failed = Failed
beheer-mail-status-held = Held back
beheer-mail-retry-not-failed = This email did not fail. You can only send failed emails again.

beheer-audit-when = When
beheer-audit-actor = Staff member
beheer-audit-action = Action
beheer-audit-type = Object type
beheer-audit-object = Object
beheer-audit-detail = Details
beheer-audit-from = From date
beheer-audit-until = Up to and including date
beheer-audit-csv = Download this list as a CSV file
beheer-audit-empty = No actions found.
beheer-audit-bad-date = Enter a date like 2026-11-29.

beheer-settings-name = Name of the municipality
beheer-settings-lang = Default language
beheer-settings-lang-invalid = Choose Dutch or English.
beheer-settings-email-from = Sender of emails
beheer-settings-email-from-hint = Residents see this address as the sender, for example participatie@enschede.nl.
beheer-settings-primary = Main colour
beheer-settings-secondary = Second colour
beheer-settings-color-hint = A colour code with # and six characters, for example #c4001a.
beheer-settings-color-invalid = Enter a colour code with # and six characters (0-9 and a-f), for example #c4001a.
beheer-settings-font = Font
beheer-settings-font-hint = Font names separated by commas, for example: Arial, sans-serif.
beheer-settings-font-invalid = Use only letters, digits, spaces, commas, hyphens and quotes.
beheer-settings-privacy = Privacy statement
beheer-settings-accessibility = Accessibility statement
beheer-settings-markdown-hint = You can use Markdown: # for a heading, ** for bold, - for a list.
beheer-themes-link = Manage project themes

notice-beheer-area-saved = The area has been saved.
notice-beheer-area-deleted = The area has been deleted.
notice-beheer-role-saved = The roles have been updated.
notice-beheer-mail-retried = The email will be sent again.

# Roles with a scope (module/access.rs)
beheer-users-no-roles = This person has no role. A role gives access to the staff area.
beheer-users-scope = Applies to
beheer-scope-all = The whole municipality
beheer-scope-needs-area = for one area
beheer-scope-needs-department = for one department
beheer-users-grant-title = Give a role
beheer-users-grant = Give role
beheer-users-scope-area = Area
beheer-users-scope-area-hint = Only for roles that apply to one area, such as member of a neighbourhood budget committee. A district includes its neighbourhoods.
beheer-users-scope-department = Department
beheer-users-scope-department-hint = Only for roles that apply to one department.
beheer-scope-area-missing = Choose the area this role applies to.
beheer-scope-department-missing = Choose the department this role applies to.
beheer-departments-title = Departments
beheer-departments-intro = Departments of the municipality. You can give a role that applies to one department only.
beheer-departments-empty = There are no departments yet.
beheer-departments-people = { $count ->
    [one] 1 person with a role
   *[other] { $count } people with a role
}
beheer-departments-new = Add a department
beheer-departments-name = Name of the department
beheer-departments-add = Add department
beheer-departments-name-invalid = Enter a name of 2 to 100 characters.
beheer-departments-name-taken = There is already a department with this name.
beheer-departments-delete-title = Delete department
beheer-departments-delete-question = Do you want to delete the department { $name }?
beheer-departments-delete-roles = { $count ->
    [one] 1 role applies to this department. That role ends.
   *[other] { $count } roles apply to this department. Those roles end.
}
notice-beheer-department-deleted = The department has been deleted.
staff-departments = Departments
beheer-modules-title = Parts of the site
beheer-modules-intro = Switch off what your municipality does not use. A part that is switched off disappears from the site and the menus. Its data is kept: switch it on again and everything is back.
beheer-modules-legend = These parts are switched on
beheer-modules-save = Save parts

# House style: the municipality's theme as design tokens (issue 18).
staff-theme = House style
beheer-theme-link = House style of the site: design tokens, logo and favicon
theme-intro = Here you put your municipality's house style on the site: the colours, fonts and sizes from your municipality's design token file (NL Design System), with a logo and a favicon.
theme-now-default = Now: meedoen's default house style, with the colours and font from the Settings page.
theme-now-own = Now: your municipality's own house style, with { $count } design tokens.
theme-saved-at = Saved on { $when }.
theme-saved-at-by = Saved on { $when } by { $who }.
theme-now-issues = Some text is hard to read because of it:
theme-issues-count = { $count ->
    [one] 1 contrast problem.
   *[other] { $count } contrast problems.
}
theme-preview-title = Preview
theme-preview-not-saved = This is how the site looks with this file ({ $count } design tokens). It has not been saved yet. Click Save below if you are happy with it.
theme-contrast-ok = All text and buttons have enough contrast.
theme-contrast-explain = Below are the colours that differ too little. People with low vision find that text hard to read. Change the colours in the file, or save anyway.
theme-sample-intro = This is how the parts of the site look:
theme-sample-heading = A heading on the page
theme-sample-lead = An introduction, a little larger than normal text.
theme-sample-paragraph = Normal text, such as a project's description, with
theme-sample-link = a link
theme-sample-badge = Green
theme-sample-status = In progress
theme-sample-primary = Primary button
theme-sample-secondary = Secondary button
theme-sample-subtle = Subtle button
theme-sample-field = Name (a field with an error)
theme-sample-hint = An explanation of the field.
theme-sample-error = Enter at least 2 characters.
theme-sample-alert-ok = A notice: your idea has been saved.
theme-sample-alert-warning = A warning: voting closes on Friday.
theme-sample-table = A table
theme-sample-col-idea = Idea
theme-sample-col-votes = Votes
theme-sample-row-1 = More benches in the park
theme-sample-row-2 = A vegetable garden at school
theme-tokens-title = Design tokens
theme-tokens-explain = Your municipality has a design token file, for example dist/root.css from its house style npm package. Paste its contents below or choose the file. Only lines like --name: value; are allowed.
theme-tokens-label = Design tokens (CSS)
theme-tokens-hint = At most 256 KB. If you also choose a file, the file is used.
theme-tokens-file-label = Or choose a design token file
theme-tokens-file-hint = A .css file.
theme-tokens-empty = Paste the design tokens or choose a file.
theme-file-too-large = The file is too large. It may be at most 256 KB.
theme-file-not-text = This file is not a text file. Choose the .css file with the design tokens.
theme-force-label = I know, save anyway
theme-contrast-blocks = { $count ->
    [one] There is 1 contrast problem. Change the colours, or tick that you want to save anyway.
   *[other] There are { $count } contrast problems. Change the colours, or tick that you want to save anyway.
}
theme-preview-button = Show preview
theme-save-button = Save
theme-pictures-title = Logo and favicon
theme-logo-now = This is the logo now:
theme-logo-alt = The municipality's logo
theme-logo-remove = Remove logo
theme-favicon-now = This is the favicon now:
theme-favicon-alt = The favicon
theme-favicon-remove = Remove favicon
theme-logo-label = Logo
theme-logo-hint = A PNG, JPEG or WebP. SVG is not possible. The logo is shown top left, next to the municipality's name.
theme-favicon-label = Favicon
theme-favicon-hint = A square PNG, preferably 180 × 180 pixels or larger. The favicon is shown in the browser tab.
theme-pictures-save = Save logo and favicon
theme-pictures-none = Choose a logo or a favicon.
theme-picture-svg = An SVG file is not possible, because it can contain code. Choose a PNG, JPEG or WebP.
theme-logo-type = Choose a PNG, JPEG or WebP.
theme-favicon-type = A favicon must be a PNG file.
theme-favicon-square = A favicon must be square: as wide as it is high.
theme-favicon-small = A favicon must be at least { $min } × { $min } pixels.
theme-reset-title = Back to the default house style
theme-reset-explain = The site then uses meedoen's house style again. You confirm first.
theme-reset-question = Do you want to go back to meedoen's default house style?
theme-reset-warning = The design tokens, the logo and the favicon are removed. The colours and font on the Settings page stay.
theme-reset-button = Restore the default house style
theme-back-to-settings = Back to the settings
notice-theme-saved = The house style has been saved.
notice-theme-reset = The site uses the default house style again.
notice-theme-pictures-saved = The logo or favicon has been saved.
notice-theme-picture-removed = Removed.
