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
