## Home page
home-title = Take part in your neighbourhood
home-lead = Here you find every project where you can share your ideas and take part.
home-filter = Filter projects
home-filter-area = Neighbourhood or district
home-filter-all-areas = All neighbourhoods
home-filter-theme = Theme
home-filter-all-themes = All themes
home-filter-apply = Apply filter
home-filter-clear = Clear filter
home-count = { $count ->
    [one] 1 project found
   *[other] { $count } projects found
}
home-empty = There are no projects that match right now. Choose another neighbourhood or theme.
home-open = Take part now
home-closed = Completed
home-closed-hint = You can no longer take part in these projects, but you can read what was done with the input.
pagination = Pagination
pagination-prev = Previous page
pagination-next = Next page
pagination-page = Page { $page }

## Project page
project-title = Title
project-slug = Web address (slug)
project-slug-hint = Lower-case letters, digits and dashes only. Leave empty to make it from the title.
project-summary = Short summary
project-body = Description
project-body-hint = You can use Markdown, for example **bold** and [link](https://www.example.com).
project-area = Area
project-area-none = No area (whole municipality)
project-themes = Themes
project-new-theme = Add a new theme (optional)
project-contact = Contact person
project-contact-name = Contact name
project-contact-email = Contact email address
project-status = Status
project-status-hint = A project can only be published when a part in which residents can take part is ready.
project-status-draft = Draft
project-status-published = Published
project-status-closed = Completed
project-cover = Image
project-cover-hint = A photo or image (PNG, JPEG, WebP or GIF) of at most { $mb } MB.
project-cover-current = Current image
project-cover-remove = Remove image
project-cover-alt = Description of the image
project-cover-alt-hint = What does the image show? Write it for people who cannot see the image. For example: "Children playing on the new square." Needed when the project has an image.
project-error-cover-alt = Describe what the image shows, in at least 3 characters, so that people who cannot see it know what is on it.
project-error-cover-alt-long = This description is too long. Use at most 200 characters.
project-current-phase = Current phase
project-ways = How to take part
project-timeline = Timeline
project-phase-now = in progress
project-phase-done = done
project-updates = What we did with your input
project-updates-none = There is no news about this project yet.
project-draft-notice = This project is a draft. Only staff can see this page.
project-closed-notice = This project is completed. You can no longer take part, but you can read everything.
project-manage-link = Manage this project
project-error-slug = Use lower-case letters, digits and dashes only.
project-error-slug-taken = Another project already uses this web address. Choose another one.
project-error-theme = Use letters or digits in the theme name.
project-error-theme-taken = This theme already exists.
project-error-publish = This project cannot be published yet. First add a part in which residents can take part, and make it ready (for example a poll with a question and at least 2 choices).
project-error-last-component = This is the last part of a published project. First set the project back to draft or complete it.
project-error-status = This status does not exist.
project-error-date = Enter a date, for example 2026-03-01.
project-error-phase-order = The end date cannot be before the start date.
project-error-kind = Choose a kind of part.
notice-project-published = The project is published.
notice-project-closed = The project is completed.
notice-project-draft = The project is a draft again.
notice-deleted = Deleted.

## Uploads
upload-too-large = This file is too large. Choose an image of at most 8 MB.
upload-body-too-large = The form with this file is too large. Choose a smaller image (at most 8 MB).
upload-not-image = This file is not an image we can use. Choose a PNG, JPEG, WebP or GIF.
upload-too-many-pixels = This image is too large (too many pixels). Choose an image of at most 40 megapixels.
upload-broken = We cannot read this image. The file may be damaged. Choose another file.
upload-failed = Saving the image failed. Please try again later.

## Staff screens for projects
pstaff-projects-title = Manage projects
pstaff-projects-empty = There are no projects yet.
pstaff-project-new = New project
pstaff-project-edit = Edit project
pstaff-project-view = View the public page
pstaff-project-updated = Last changed
pstaff-project-components = Parts
pstaff-project-publication = Publication
pstaff-project-publish-rule = A project is only published when at least one part is ready.
pstaff-project-publish = Publish
pstaff-project-close = Complete
pstaff-project-unpublish = Back to draft
pstaff-back-to-projects = Back to projects
pstaff-save = Save
pstaff-cancel = Cancel
pstaff-delete = Delete
pstaff-actions = Actions
pstaff-components-none = This project has no parts yet.
pstaff-component-title = Title
pstaff-component-kind = Kind of part
pstaff-component-ready = Ready?
pstaff-component-is-ready = Ready
pstaff-component-not-ready = Not ready yet
pstaff-component-configure = Set up
pstaff-component-add = Add part
pstaff-phases-none = There are no phases yet.
pstaff-phase-name = Phase name
pstaff-phase-start = Start date
pstaff-phase-end = End date
pstaff-phase-add = Add phase
pstaff-update-add = Add news update
pstaff-update-title = Title of the update
pstaff-update-body = Text
pstaff-confirm-title = Are you sure?
pstaff-confirm-yes = Yes, delete
pstaff-confirm-no = No, go back
pstaff-confirm-delete-phase = Do you want to delete the phase "{ $name }"?
pstaff-confirm-delete-update = Do you want to delete the news update "{ $title }"?
pstaff-confirm-delete-component = Do you want to delete the part "{ $title }"? All answers in it will be deleted too.
pstaff-themes-title = Themes
pstaff-themes-empty = There are no themes yet.
pstaff-theme-name = Name
pstaff-theme-slug = Web address
pstaff-theme-projects = Projects
pstaff-theme-add = Add theme

## Poll component
poll-name = Poll
poll-question = Question
poll-choices = Choices
poll-choices-hint = Put each choice on its own line. At least 2 and at most { $max } choices.
poll-choices-locked-hint = There are answers already, so the choices are fixed. You can still change the question.
poll-submit = Send answer
poll-once-hint = You can answer once.
poll-you-answered = You answered: { $choice }. Thank you!
poll-login-prompt = Log in to take part in this poll.
poll-preview = Preview: residents can answer once the project is published.
poll-closed = This poll is closed.
poll-results = Results
poll-total = { $count ->
    [one] 1 answer
   *[other] { $count } answers
}
poll-choice = Choice
poll-answers = Count
poll-percent = Percentage
poll-staff-project = Project
poll-staff-status = Open or closed
poll-is-open = The poll is open: residents can answer.
poll-is-closed = The poll is closed: no more answers are possible.
poll-open = Open poll
poll-close = Close poll
poll-export = Download results (CSV)
poll-error-already = You have already answered this poll. You can answer only once.
poll-error-choose = Choose one of the answers.
poll-error-closed = This poll is closed. You can no longer answer.
poll-error-count = Give at least 2 and at most 10 choices, each on its own line.
poll-error-duplicate = Each choice may appear only once.
poll-error-locked = Answers have been given already, so the choices can no longer change.
notice-poll-answered = Thank you! Your answer has been saved.
notice-poll-opened = The poll is open.
notice-poll-closed = The poll is closed.
project-step-submission = submitting ideas
project-step-check = checking ideas
project-step-voting = voting
project-step-counting = counting votes
project-step-result = result
project-step-realisation = realisation
project-mail-phase-subject = { $project }: now { $phase }
project-mail-phase-body = Hello,

    You submitted an idea to { $project }. The project is in a new phase now: { $phase }.
    
    See on the project page what this means for your idea:
    { $url }
notice-phase-current = The phase has changed. Idea authors get an email.
pstaff-phase-step = Step in participatory budgeting
pstaff-phase-step-none = None (another phase)
pstaff-phase-make-current = Make this the current phase
pstaff-phase-current = current phase
pstaff-error-phase-moved = The phase had already changed. Please look again.
