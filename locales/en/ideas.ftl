ideas-name = Ideas
ideas-status-draft = Draft
ideas-status-submitted = Submitted
ideas-status-accepted = On the ballot
ideas-status-merged = Merged
ideas-status-redirected = Redirected
ideas-status-rejected = Rejected
ideas-status-selected = Selected
ideas-status-realised = Realised
ideas-sort-nieuw = Newest first
ideas-sort-likes = Most liked
ideas-sort-reacties = Most comments
ideas-sort-willekeurig = Random
ideas-stance-for = For
ideas-stance-against = Against
ideas-stance-neutral = Neutral
ideas-window-open = You can send in an idea until { $closes }.
ideas-window-closed = Sending in ideas is not possible now. The period starts or started on { $opens }.
ideas-submit-link = Send in an idea
ideas-login-prompt = Log in to send in an idea.
ideas-count = { $count ->
    [one] 1 idea
   *[other] { $count } ideas
}
ideas-found = { $count ->
    [one] 1 idea found
   *[other] { $count } ideas found
}
ideas-likes = { $count ->
    [one] 1 like
   *[other] { $count } likes
}
ideas-comments-count = { $count ->
    [one] 1 comment
   *[other] { $count } comments
}
ideas-all-link = See all ideas
ideas-back-to-project = Back to { $project }
ideas-back = Back
ideas-search = Search ideas
ideas-area = Area
ideas-theme = Theme
ideas-status = Status
ideas-sort = Order
ideas-any = All
ideas-filter-apply = Show ideas
ideas-none = There are no ideas yet.
ideas-pages = Pages
ideas-prev = Previous page
ideas-next = Next page
ideas-page-n = Page { $n }
ideas-hidden-title = Hidden idea
ideas-hidden-notice = This is hidden because people reported it. A moderator is looking at it.
ideas-hidden-tag = hidden
ideas-new-title = Send in an idea
ideas-edit-title = Change idea
ideas-field-title = Title
ideas-field-summary = Short summary
ideas-field-description = Description
ideas-field-cost = About how much does it cost?
ideas-field-cost-hint = In whole euros, for example 2500.
ideas-field-area = Area
ideas-area-none = No area, or the whole municipality
ideas-field-themes = Themes
ideas-limits-hint = Use { $min } to { $max } characters.
ideas-markdown-hint = You can use **bold** and lists.
ideas-action-submit = Send in idea
ideas-action-draft = Save as draft
ideas-action-save = Save
ideas-error-cost = Enter an amount in whole euros, 0 or more.
ideas-error-area = Choose an area from the list.
ideas-error-window-closed = The period for sending in ideas is not open now.
ideas-error-not-editable = You can no longer change this idea. Its status has changed.
ideas-error-like-closed = You cannot like this idea now.
ideas-error-comments-closed = Commenting is not possible now.
ideas-error-stance = Choose whether you are for, against or neutral.
ideas-error-parent = This comment does not exist (any more).
ideas-error-depth = You cannot reply any deeper. Reply to a comment higher up in the conversation.
ideas-error-edit-expired = You can only change a comment in the first 15 minutes.
ideas-error-flagged-before = You already reported this. Thank you.
ideas-error-date = Enter a date, for example 2026-03-01.
ideas-error-date-order = The end date cannot be before the start date.
ideas-error-number = Enter a number from { $min } to { $max }.
ideas-error-min-max = The maximum cannot be smaller than the minimum.
ideas-error-status = Choose a status.
ideas-error-merge = Choose the idea to merge this idea into.
ideas-error-decision = Choose: restore or keep hidden.
ideas-official-answer = Answer from the municipality
ideas-status-now = The status is now: { $status }.
ideas-merged-into = This idea was merged into:
ideas-redirected-to = This idea was redirected to:
ideas-author = Sent in by
ideas-author-unknown = Unknown
ideas-date = Date
ideas-edit = Change idea
ideas-likes-title = Likes
ideas-comments-title = Comments
ideas-like = I like this
ideas-unlike = Remove like
ideas-login-to-like = Log in to like this idea.
ideas-login-to-comment = Log in to comment.
ideas-flag-idea = Report this idea
ideas-flag-comment = Report this comment
ideas-flag-reason = Why are you reporting this?
ideas-flag-submit = Report
ideas-comment = Comment
ideas-comment-body = Your comment
ideas-comment-submit = Post comment
ideas-comment-hidden = This comment is hidden because people reported it. A moderator is looking at it.
ideas-comments-closed = Commenting is closed.
ideas-stance = Are you for or against this idea?
ideas-reply = Reply
ideas-reply-submit = Post reply
ideas-edited = edited
ideas-edit-comment = Change comment
ideas-comment-edit-title = Change comment
ideas-edit-window-hint = You can change your comment for 15 minutes after posting it.
ideas-staff-project = Project
ideas-staff-window = Period for sending in ideas
ideas-staff-opens = Starts on
ideas-staff-closes = Ends on (this day counts)
ideas-staff-comments-open = Commenting is open
ideas-staff-limits = Text lengths and reports
ideas-staff-title_min = Title: minimum characters
ideas-staff-title_max = Title: maximum characters
ideas-staff-summary_min = Summary: minimum characters
ideas-staff-summary_max = Summary: maximum characters
ideas-staff-description_min = Description: minimum characters
ideas-staff-description_max = Description: maximum characters
ideas-staff-flag_threshold = After how many reports is something hidden?
ideas-staff-ideas = Ideas sent in
ideas-export = Download ideas (CSV)
ideas-staff-back = Back to the ideas
ideas-view-public = View the idea
ideas-status-title = Status and answer
ideas-staff-answer = Answer from the municipality
ideas-staff-answer-hint = Required when rejecting or redirecting. Give the reason in plain language.
ideas-staff-redirect-to = Redirected to
ideas-staff-redirect-hint = For example: neighbourhood budget. Only when redirecting.
ideas-staff-merged-into = Merge into
ideas-staff-merge-none = Do not merge
ideas-staff-status-save = Save status and email the author
ideas-mail-status-subject = News about your idea: { $title }
ideas-mail-status-body = Dear author,

    Your idea "{ $title }" has a new status: { $status }.

    Answer from the municipality:
    { $answer }

    See your idea: { $link }
ideas-mail-redirected = Your idea was redirected to: { $to }
ideas-moderation-title = Moderation
ideas-moderation-intro = These ideas and comments were reported. Choose whether they come back or stay hidden.
ideas-moderation-ideas = Reported ideas
ideas-moderation-comments = Reported comments
ideas-moderation-empty = Nothing to review.
ideas-moderation-flags = { $count ->
    [one] 1 report
   *[other] { $count } reports
}
ideas-moderation-restore = Restore
ideas-moderation-hide = Keep hidden
notice-idea-submitted = Your idea has been sent in. Thank you!
notice-idea-draft-saved = Your idea was saved as a draft. Only you can see it.
notice-comment-saved = Your comment has been posted.
notice-flag-saved = Thank you. We received your report.
notice-idea-status-saved = The status was saved. The author gets an email.
notice-moderation-hidden = It stays hidden.
notice-moderation-restored = It was restored and is visible again.

# Images and map point
ideas-images = Photos
ideas-images-hint = You can add up to { $max } photos (PNG, JPEG, WebP or GIF, at most 8 MB each). For each photo, write briefly what it shows.
ideas-images-full = You added { $max } photos. That is the maximum. Want a different photo? Remove one first.
ideas-image-alt-n = What does photo { $n } show?
ideas-image-alt-hint = For example: "Broken bench near the playground". This helps people who cannot see the photo.
ideas-image-remove = Remove photo { $n }
ideas-photo = Add a photo (optional)
ideas-photo-alt = What does this photo show?
ideas-photo-add = Add photo and continue
ideas-error-image-alt = Write in a few words what the photo shows. At least 3 characters.
ideas-error-image-alt-long = This text is too long. Use at most 200 characters.
ideas-error-image-max = You can add at most { $max } photos. Remove a photo first if you want a different one.
ideas-error-image-taken = This photo already belongs to another idea. Please add the photo again.
ideas-error-form = The form could not be read. Please try again.
ideas-point = Place on the map
ideas-point-hint = Optional. Do you know exactly where your idea should go? Enter the coordinates. You can find them on openstreetmap.org, for example: right-click the place and choose "Show address".
ideas-lat = Latitude
ideas-lat-hint = A number such as 52.2215
ideas-lon = Longitude
ideas-lon-hint = A number such as 6.8937
ideas-error-lat = Enter a latitude as a number, such as 52.2215. Or leave both boxes empty.
ideas-error-lon = Enter a longitude as a number, such as 6.8937. Or leave both boxes empty.
ideas-error-point-area = This place is not in the area you chose. Check the numbers or choose another area.
ideas-error-point-nl = This place is not in the Netherlands. Check the numbers. Did you swap latitude and longitude?
ideas-point-osm = View this place on OpenStreetMap
ideas-point-map = Map with the place of this idea

# Following and realisation
ideas-follow-title = Follow
ideas-follow = Follow this idea
ideas-unfollow = Stop following
ideas-follow-hint = Follow this idea to get an email when there is news about its realisation.
ideas-following = You follow this idea. You get an email when there is news about its realisation.
ideas-followers = { $count ->
    [one] 1 follower
   *[other] { $count } followers
}
ideas-progress-title = Progress
ideas-progress-timeline = Progress of the realisation
ideas-progress-none = No progress has been reported yet.
ideas-progress-done = Done:
ideas-progress-status = Current state
ideas-progress-status-hint = Short, for example: "Benches ordered" or "Work started".
ideas-progress-percent = What percentage is done?
ideas-progress-percent-hint = A whole number from 0 to 100.
ideas-progress-body = Explanation
ideas-progress-photo-hint = Optional. PNG, JPEG, WebP or GIF, at most 8 MB.
ideas-progress-save = Save progress and email followers
ideas-error-percent = Enter a whole number from 0 to 100.
ideas-error-progress-status = Progress can only be reported for an idea that was selected or realised.
ideas-mail-progress-subject = News about the idea: { $title }
ideas-mail-progress-body = Dear follower,

    There is news about the idea "{ $title }".

    Current state: { $status } ({ $percent }% done)

    { $text }

    Read more: { $link }

    You get this email because you follow this idea. Don't want it any more? Choose "Stop following" on the idea's page, or turn off messages on your account page.
notice-idea-followed = You now follow this idea.
notice-idea-unfollowed = You no longer follow this idea.
notice-idea-progress-saved = The progress was saved. Followers get an email.
ideas-api-bad-param = The value of { $name } is not valid. Use a valid number or a known value.
ideas-error-status-changed = Someone else changed the status of this idea meanwhile. Below you see the status as it is now. Choose again and save.
ideas-error-status-step = This idea cannot get this status now. A draft must be submitted first.
