//! Who may vote on a ballot: every "may this person vote here?" decision goes through
//! [`admit`] (which proof of identity the ballot accepts) and [`check_age`] (the optional
//! minimum age), so the rules live in one place.
//!
//! A voter proves who they are with a [`Proof`]:
//! - [`Proof::Member`]: a logged-in member with a verified email address; voter key `u:{id}`;
//! - [`Proof::Code`]: a single-use voting code sent by letter; voter key `c:{id}`.
//!
//! **Adding OIDC (DigiD through the municipality's broker)** is one new variant,
//! `Proof::Resident { subject, birth_date }`, with voter key `oidc:{subject}` (the ballots
//! table already documents that key), one settings flag `allow_oidc` checked in [`admit`], and
//! in [`check_age`] the broker's verified birth date instead of a declared one. Nothing else
//! in the cast path changes: it calls these two functions before its write transaction, which
//! only goes ahead while the ballot's settings are unchanged (`store::cast`).
//!
//! **Minimum age.** A ballot may set `min_age`. Members declare their birth date the first
//! time they vote on such a ballot; it is stored on their ballot row only (so it is part of the
//! data download and erased with the account), and a changed ballot reuses it. Age counts on
//! the day the ballot is cast. Voting codes are sent by the municipality to residents who may
//! vote, age included, so a code is proof enough; paper ballots are checked by staff at the
//! polling place.

use super::store::{Settings, Voter};

/// The proof a person brings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proof {
    /// A logged-in member; `verified` once their email address was confirmed.
    Member { user_id: i64, verified: bool },
    /// A checked voting code (its id).
    Code { code_id: i64 },
}

/// Why someone may not vote here. Each has a message key in `locales/*/ballot.ftl`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// This ballot does not take members (codes only).
    MembersOff,
    /// This ballot does not take voting codes.
    CodesOff,
    /// The member has not confirmed their email address yet.
    NotVerified,
    /// The ballot has a minimum age and no birth date was declared (or it was unreadable).
    BirthDateNeeded,
    /// Younger than the ballot's minimum age on the day of voting.
    TooYoung { min_age: i64 },
}

impl Refusal {
    pub fn key(&self) -> &'static str {
        match self {
            Refusal::MembersOff => "ballot-members-off",
            Refusal::CodesOff => "ballot-codes-off",
            Refusal::NotVerified => "error-not-verified",
            Refusal::BirthDateNeeded => "ballot-birth-needed",
            Refusal::TooYoung { .. } => "ballot-too-young",
        }
    }
}

/// Which voter a proof makes on this ballot, or why it is refused.
pub fn admit(s: &Settings, proof: &Proof) -> Result<Voter, Refusal> {
    match *proof {
        Proof::Member { user_id, verified } => {
            if !s.allow_members {
                Err(Refusal::MembersOff)
            } else if !verified {
                Err(Refusal::NotVerified)
            } else {
                Ok(Voter::Member(user_id))
            }
        }
        Proof::Code { code_id } => {
            if s.allow_codes {
                Ok(Voter::Code(code_id))
            } else {
                Err(Refusal::CodesOff)
            }
        }
    }
}

/// Whether this voter must declare a birth date on this ballot.
pub fn needs_birth_date(s: &Settings, voter: &Voter) -> bool {
    s.min_age.is_some() && matches!(voter, Voter::Member(_))
}

/// The minimum-age rule. `birth_date` is the declared date (`YYYY-MM-DD`), `today` the day of
/// the vote. Returns the birth date to store on the ballot (members on a ballot with a minimum
/// age), or `None` when none applies.
pub fn check_age(
    s: &Settings,
    voter: &Voter,
    birth_date: Option<&str>,
    today: time::Date,
) -> Result<Option<String>, Refusal> {
    let Some(min_age) = s.min_age else {
        return Ok(None);
    };
    if !needs_birth_date(s, voter) {
        return Ok(None);
    }
    let born = birth_date
        .and_then(crate::projects::parse_date)
        .filter(|b| *b <= today && today.year() - b.year() <= 130)
        .ok_or(Refusal::BirthDateNeeded)?;
    if age_on(born, today) < min_age {
        return Err(Refusal::TooYoung { min_age });
    }
    Ok(Some(format!(
        "{:04}-{:02}-{:02}",
        born.year(),
        u8::from(born.month()),
        born.day()
    )))
}

/// Full years between `born` and `on` (a birthday on 29 February counts on 1 March in other
/// years).
pub fn age_on(born: time::Date, on: time::Date) -> i64 {
    let mut years = i64::from(on.year() - born.year());
    if (u8::from(on.month()), on.day()) < (u8::from(born.month()), born.day()) {
        years -= 1;
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> time::Date {
        crate::projects::parse_date(s).unwrap()
    }

    #[test]
    fn ages() {
        assert_eq!(age_on(d("2010-03-05"), d("2026-03-05")), 16);
        assert_eq!(age_on(d("2010-03-06"), d("2026-03-05")), 15);
        assert_eq!(age_on(d("2008-02-29"), d("2026-02-28")), 17);
        assert_eq!(age_on(d("2008-02-29"), d("2026-03-01")), 18);
    }
}
