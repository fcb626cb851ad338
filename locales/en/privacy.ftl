# Retention periods (GDPR), on /beheer/instellingen.
privacy-retention-legend = Retention periods
privacy-retention-intro = After these periods we remove personal data. Votes and results stay correct.
privacy-retention-voters = Make voters anonymous after (days)
privacy-retention-voters-hint = Number of days after a project ends. After that, nobody can tell who cast which vote. Default: 60.
privacy-retention-ip = Keep IP addresses for (days)
privacy-retention-ip-hint = Counters that protect against abuse. We never store IP addresses in readable form. Default: 60.
privacy-retention-days-invalid = Enter a whole number from 0 to 3650.
