## Makelpunt: spaces for social activities

space-search-title = Makelpunt: find a space
space-search-lead = Find a space nearby for a cooking class, knitting club, yoga, sport or a youth activity. It is free. You contact the provider yourself.
space-search-filters = Search and filter spaces
space-search-text = Search by words
space-neighbourhood-or-district = Neighbourhood or district
space-all-areas = All neighbourhoods and districts
space-district = district
space-min-capacity = Minimum number of people
space-activity = Activity
space-all-activities = All activities
space-all-prices = All prices
space-when = When
space-when-hint = Choose a day of the week or a date. With a date, closures and extra opening days count too.
space-any-day = Any day
space-or-date = Or a date
space-any-part = Any part of the day
space-sort = Sort by
space-sort-relevance = Best match
space-sort-capacity = Most places
space-sort-recent = Recently updated
space-search-apply = Search
space-search-clear = Clear all
space-count = { $count ->
    [one] 1 space found
   *[other] { $count } spaces found
}
space-search-empty = No space matches everything. Turn off a filter or choose another day.
space-up-to = up to { $count } people
space-pagination = Pages of spaces
space-prev = Previous page
space-next = Next page
space-page-n = Page { $n }

space-facilities = Facilities
space-accessibility = Accessibility
space-facility-kitchen = Kitchen
space-facility-av = Beamer and sound
space-facility-storage = Storage
space-facility-outdoor = Outdoor space
space-facility-parking = Parking
space-facility-wifi = Wifi
space-facility-step_free = Step-free entrance
space-facility-accessible_toilet = Accessible toilet
space-facility-hearing_loop = Hearing loop
space-facility-lift = Lift

space-layout-seated = Seated
space-layout-standing = Standing
space-layout-tables = At tables

space-price = Price
space-price-free = Free
space-price-cost = At cost price
space-price-request = On request
space-price-amount = Amount per part of the day
space-price-amount-value = { $amount } per part of the day
space-price-euros = Amount per part of the day in euros
space-price-euros-hint = Only for "Amount per part of the day". For example 12.50.

space-part = Part of the day
space-part-morning = Morning
space-part-afternoon = Afternoon
space-part-evening = Evening
space-day = Day
space-weekday-0 = Monday
space-weekday-1 = Tuesday
space-weekday-2 = Wednesday
space-weekday-3 = Thursday
space-weekday-4 = Friday
space-weekday-5 = Saturday
space-weekday-6 = Sunday
space-open = Available
space-closed = Not available

## Providers
space-provider = Provider
space-provider-register-title = Offer a space: register your organisation
space-provider-register-lead = Does your organisation have a space that residents can use? Register. The municipality checks your registration. After that, everyone can find your spaces.
space-provider-name = Name of the organisation
space-provider-kind = Type of organisation
space-kind-sportclub = Sports club
space-kind-buurthuis = Community centre
space-kind-speeltuinvereniging = Playground association
space-kind-school = School
space-kind-kerk = Church
space-kind-anders = Other
space-provider-email = Contact email address
space-provider-phone = Phone number (optional)
space-provider-may-share = We may share these spaces with others.
space-provider-submit = Register
space-provider-status-pending = Waiting for approval
space-provider-status-approved = Approved
space-provider-status-rejected = Rejected
space-provider-pending-hint = The municipality is checking your registration. You can already add spaces. They become visible after approval.
space-provider-rejected-hint = Your registration was rejected. The reason:
space-choose = Make a choice
space-mine-title = My organisations in the Makelpunt
space-mine-empty = You do not belong to a provider yet.
space-your-spaces = Your spaces
space-none-yet = You have not added any spaces yet.
space-enquiries = Enquiries
space-no-enquiries = There are no enquiries yet.
space-back-dashboard = Back to the provider overview
space-back-search = Back to search

## Listing a space
space-new-title = New space
space-edit-title = Edit space
space-name = Name of the space
space-description = Description
space-markdown-hint = You can use Markdown, for example **bold**.
space-address = Address
space-neighbourhood = Neighbourhood
space-capacity = Places
space-capacity-per-layout = Number of people per layout
space-capacity-hint = Fill in at least one layout.
space-area-m2 = Area in m²
space-activities = Suitable for
space-weekly = When is the space available?
space-weekly-hint = Tick the parts of the day when the space is available every week.
space-house-rules = House rules
space-status = Status
space-status-hint = Only you see a draft. Published is visible to everyone once the provider is approved.
space-status-draft = Draft
space-status-published = Published
space-save = Save
space-exceptions = Exceptions on dates
space-exceptions-hint = Is the space closed on a day, or open extra? Fill it in here.
space-exception-kind = Kind of exception
space-exception-closed = Closed
space-exception-extra = Open extra
space-exception-remove = Remove exception
space-exception-save = Save exception
space-date = Date
space-view-public = View the page of the space
space-not-public = This space is not visible to everyone yet.
space-none = None

## Enquiries
space-contact = Contact
space-enquiry-title = Send an enquiry
space-enquiry-login = Log in to send an enquiry
space-enquiry-activity = Activity
space-enquiry-people = Number of people
space-enquiry-message = Your message
space-enquiry-send = Send enquiry
space-honeypot = Leave this field empty
space-thread-title = Enquiry for { $space }
space-state = Status
space-state-sent = Sent
space-state-answered = Answered
space-state-agreed = Agreed
space-state-declined = Declined
space-state-withdrawn = Withdrawn
space-messages = Messages
space-reply = Your reply
space-reply-send = Send message
space-change-state = Close the enquiry
space-do-agree = Confirm the agreement
space-do-decline = Decline the enquiry
space-do-withdraw = Withdraw the enquiry
space-someone = Unknown

## Staff
space-staff-title = Manage the Makelpunt
space-staff-pending = Registrations waiting
space-staff-none-pending = No registrations are waiting.
space-staff-reason = Explanation
space-staff-reason-hint = Required when rejecting. The provider receives this text by email.
space-staff-approve = Approve
space-staff-reject = Reject
space-staff-decided = Decided earlier
space-staff-new-activity = New activity
space-staff-add-activity = Add activity

## Errors
space-error-kind = Choose a type from the list.
space-error-may-share = Tick that you may share these spaces.
space-error-provider-exists = There is already a provider with this name.
space-error-decision = Choose approve or reject.
space-error-reason = When rejecting, write a reason of at least 5 characters (and no more than 2000).
space-error-already-decided = This registration has already been decided.
space-error-activity-exists = This activity is already in the list.
space-error-area = Choose a neighbourhood from the list.
space-error-number = Fill in a valid number.
space-error-capacity = Fill in how many people fit in the space.
space-error-price-type = Choose a price.
space-error-price = Fill in an amount in euros, for example 12.50.
space-error-status = Choose draft or published.
space-error-date = Fill in a date as yyyy-mm-dd.
space-error-part = Choose a part of the day.
space-error-closed = This enquiry is closed. You can no longer send messages.
space-error-transition = This is not possible in the current status of the enquiry.

## Notices
notice-space-provider-registered = Your organisation is registered. The municipality is checking the registration.
notice-space-decided = The decision is saved and the provider receives an email.
notice-space-activity-added = The activity was added.
notice-space-saved = The space was saved.
notice-space-exception-saved = The exception was saved.
notice-space-enquiry-sent = Your enquiry was sent. The provider receives an email.
notice-space-message-sent = Your message was sent.
notice-space-state-changed = The status of the enquiry was changed.

## Emails
space-mail-approved-subject = Your Makelpunt registration was approved
space-mail-approved-body = Good news: { $name } has been approved as a provider. Your published spaces can now be found by everyone.
space-mail-rejected-subject = Your Makelpunt registration was rejected
space-mail-rejected-body = The registration of { $name } was rejected. The reason: { $reason }
space-mail-enquiry-subject = New enquiry for { $space }
space-mail-enquiry-body = { $name } asks for { $space } for { $activity } on { $date } with { $people } people.

    { $message }

    Reply at: { $link }
space-mail-thread-subject = News in your enquiry for { $space }
space-mail-thread-body = There is news in the enquiry for { $space }:

    { $what }

    Read and reply at: { $link }

## Bookings
space-state-cancelled = Cancelled
space-do-cancel = Cancel the agreement
space-cancel-reason = Reason for cancelling
space-cancel-reason-hint = The other side receives this reason by email. At least 5 characters.
space-error-cancel-reason = Write why you cancel, in at least 5 characters.
space-error-booked = This part of the day has already been given to another enquiry.

## Inviting colleagues
space-invite-title = Invite colleagues
space-invite-hint = Your colleague receives an email. After logging in with this address, they can manage this provider's spaces and enquiries, and nothing else.
space-invite-email = Email address of your colleague
space-invite-send = Send invitation
space-error-invited = This email address has already been invited.
notice-space-invited = The invitation was sent.
space-mail-invite-subject = Invitation: manage the spaces of { $name }
space-mail-invite-body = { $inviter } invites you to manage the spaces of { $name } in the Makelpunt. Log in or create an account with this email address and go to: { $link }
space-ical-booked = Booked
space-ical-link = Calendar of booked parts of the day and exceptions (iCalendar)

## Taken offline by the municipality
space-staff-published = Published spaces
space-staff-none-published = There are no published spaces yet.
space-staff-unpublish-reason = Reason to take it offline
space-staff-unpublish = Take offline
space-error-not-published = This space is not published.
space-unpublished-by-staff = The municipality took this space offline. The reason:
notice-space-unpublished = The space was taken offline and the provider receives an email.
space-mail-unpublished-subject = { $space } was taken offline
space-mail-unpublished-body = The municipality removed { $space } from the Makelpunt. The reason: { $reason }. Once you have changed the space, you can publish it again.

## Keeping listings fresh
space-fresh = Still correct?
space-fresh-needed = Confirm this space, or it disappears from the search results.
space-fresh-confirm = Still correct
notice-space-confirmed = Thank you. The space is marked as up to date in the Makelpunt.
space-mail-fresh-subject = Is { $space } still correct?
space-mail-fresh-body = You have not confirmed { $space } in the Makelpunt for a while. Is everything still correct? Confirm within two weeks, or the space disappears from the search results: { $link }

## Statistics
space-stats-title = Makelpunt in figures
space-stats-total = { $count ->
    [one] 1 space is on offer now.
   *[other] { $count } spaces are on offer now.
}
space-stats-csv = Download as CSV
space-stats-over-time = Spaces on offer over time (cumulative, by month of listing)
space-stats-month = Month
space-stats-spaces = Spaces
space-stats-views = Views
space-stats-agreements = Agreements
space-stats-per-area = Per neighbourhood
space-stats-per-space = Per space
space-stats-no-area = No neighbourhood chosen

## Photos
space-photos = Photos
space-photo = Photo
space-photo-hint = JPEG, PNG, WebP or GIF, up to { $mb } MB.
space-photo-alt = What is in the photo?
space-photo-alt-hint = For people who cannot see the photo. For example: hall with tables and a kitchen at the back.
space-photo-add = Add photo
space-photo-remove = Remove photo
space-photo-kept = This photo has been received. Now fill in what it shows. You do not need to choose the photo again.
space-error-photo = Choose a photo to upload.
space-error-photo-alt = Describe in 3 to 200 characters what is in the photo.
space-error-photo-max = This space already has the maximum number of photos (12). Remove a photo first.
notice-space-photo-added = The photo was added.
notice-space-photo-removed = The photo was removed.

## Map
space-point = Place on the map
space-point-hint = Optional. Enter latitude and longitude, for example 52.2215 and 6.8937. A map app shows them for the address.
space-lat = Latitude
space-lon = Longitude
space-error-lat = Enter a latitude between -90 and 90, for example 52.2215.
space-error-lon = Enter a longitude between -180 and 180, for example 6.8937.
space-view = Show the results as
space-view-list = List
space-view-map = Map
space-map-list = Spaces on this page
space-map-label = { $count ->
    [one] Map with 1 space from this page. The list beside it names the same spaces.
   *[other] Map with { $count } spaces from this page. The list beside it names the same spaces.
}
space-not-on-map = not on the map
space-location = Location
space-map-location = Map showing where { $space } is

## Enquiries without an account and with several dates
space-guest-hint = No account? Enter your name and email address. You will get an email with a link. Only when you click that link does your enquiry go to the provider.
space-guest-name = Your name
space-guest-email = Your email address
space-enquiry-dates = Dates and parts of the day
space-enquiry-dates-hint = Enter at least one date. Want to use the space more often? Enter more dates (at most 10).
space-date-n = Date { $n }
space-part-n = Part of the day { $n }
space-error-guest-address = You cannot send an enquiry with this email address. Log in or use another address.
space-error-booked-date = On { $date } ({ $part }) the space is already given to another enquiry. Nothing was booked: agree on another date first.
notice-space-enquiry-check-mail = Almost done. We have sent you an email. Click the link in it and your enquiry goes to the provider.
space-guest-verify-title = Confirm your enquiry
space-guest-verify-intro = Click the button and we send your enquiry to the provider. You will get an email with a link to your enquiry, where you read the answer and can reply.
space-guest-verify-button = Send enquiry
space-guest-verify-invalid = This link does not work (any more). Perhaps you clicked it already, or it is older than two days. Please send the enquiry again.
space-mail-guest-verify-subject = Confirm your enquiry for { $space }
space-mail-guest-verify-body = Dear { $name },

    You want to enquire about { $space } through the Makelpunt. Click this link to send your enquiry:

    { $link }

    The link works once, for two days. Did you not send an enquiry? Then you need not do anything.
space-mail-guest-sent-subject = Your enquiry for { $space } has been sent
space-mail-guest-sent-body = Dear { $name },

    Your enquiry for { $space } has been sent to the provider. Use this link to read the answer and reply:

    { $link }

    Keep this email. Do not share the link: whoever has it can read your enquiry.

space-dash-published = Published spaces
space-dash-pending-providers = Providers waiting for approval
space-dash-open-enquiries = Open enquiries
