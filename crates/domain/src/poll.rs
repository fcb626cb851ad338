//! The answer options of a quick poll, as staff type them (one per line or one per field).
//!
//! Rule: trim each label and drop empty ones; then 2 to 10 options, each at most 200
//! characters (Unicode characters, not bytes: "één" is 3), and no option twice, ignoring case
//! ("Ja" and "ja" are the same answer to a voter).

use std::collections::BTreeSet;

use thiserror::Error;

pub const MIN_CHOICES: usize = 2;
pub const MAX_CHOICES: usize = 10;
pub const MAX_CHOICE_CHARS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Error)]
pub enum PollError {
    #[error("{count} choices, at least {MIN_CHOICES} required")]
    TooFewChoices { count: usize },
    #[error("{count} choices, at most {MAX_CHOICES} allowed")]
    TooManyChoices { count: usize },
    /// `position` is 1-based among the non-empty choices.
    #[error("choice {position} has {chars} characters, at most {MAX_CHOICE_CHARS} allowed")]
    ChoiceTooLong { position: usize, chars: usize },
    /// `label` is the later, repeated entry as typed (trimmed).
    #[error("choice {label:?} appears more than once")]
    DuplicateChoice { label: String },
}

/// Cleans and checks poll options; returns them trimmed, in the order given.
pub fn validate_choices(labels: &[String]) -> Result<Vec<String>, PollError> {
    clean(labels.iter().map(String::as_str))
}

/// The same rule for a textarea with one option per line.
pub fn validate_choices_text(text: &str) -> Result<Vec<String>, PollError> {
    clean(text.lines())
}

fn clean<'a>(labels: impl Iterator<Item = &'a str>) -> Result<Vec<String>, PollError> {
    let choices: Vec<String> = labels
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    // Check each option first: the fix ("shorten option 3") is more specific than a count.
    let mut seen = BTreeSet::new();
    for (i, label) in choices.iter().enumerate() {
        let chars = label.chars().count();
        if chars > MAX_CHOICE_CHARS {
            return Err(PollError::ChoiceTooLong {
                position: i + 1,
                chars,
            });
        }
        if !seen.insert(label.to_lowercase()) {
            return Err(PollError::DuplicateChoice {
                label: label.clone(),
            });
        }
    }
    match choices.len() {
        n if n < MIN_CHOICES => Err(PollError::TooFewChoices { count: n }),
        n if n > MAX_CHOICES => Err(PollError::TooManyChoices { count: n }),
        _ => Ok(choices),
    }
}

impl PollError {
    /// B1 Dutch, for the staff form.
    pub fn message_nl(&self) -> String {
        match self {
            PollError::TooFewChoices { count } => format!(
                "U heeft {count} {} ingevuld. Vul er minstens {MIN_CHOICES} in.",
                if *count == 1 { "keuze" } else { "keuzes" }
            ),
            PollError::TooManyChoices { count } => format!(
                "U heeft {count} keuzes ingevuld. Dat mogen er maximaal {MAX_CHOICES} zijn. \
                 Haal er {} weg.",
                count - MAX_CHOICES
            ),
            PollError::ChoiceTooLong { position, chars } => format!(
                "Keuze {position} heeft {chars} tekens. Dat is te lang. \
                 Gebruik maximaal {MAX_CHOICE_CHARS} tekens."
            ),
            PollError::DuplicateChoice { label } => format!(
                "De keuze ‘{label}’ staat er twee keer in. Zet elke keuze er maar één keer in."
            ),
        }
    }

    pub fn message_en(&self) -> String {
        match self {
            PollError::TooFewChoices { count } => format!(
                "You entered {count} {}. Enter at least {MIN_CHOICES}.",
                if *count == 1 { "choice" } else { "choices" }
            ),
            PollError::TooManyChoices { count } => format!(
                "You entered {count} choices. The maximum is {MAX_CHOICES}. Remove {}.",
                count - MAX_CHOICES
            ),
            PollError::ChoiceTooLong { position, chars } => format!(
                "Choice {position} has {chars} characters. That is too long. \
                 Use at most {MAX_CHOICE_CHARS} characters."
            ),
            PollError::DuplicateChoice { label } => {
                format!("The choice ‘{label}’ appears twice. Enter each choice only once.")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn trims_and_drops_empty_lines() {
        assert_eq!(
            validate_choices(&s(&["  Ja ", "", "   ", "\tNee\r"])),
            Ok(s(&["Ja", "Nee"]))
        );
        assert_eq!(
            validate_choices_text("Ja\r\n\r\nNee\nWeet ik niet\n"),
            Ok(s(&["Ja", "Nee", "Weet ik niet"]))
        );
    }

    #[test]
    fn counts_between_two_and_ten() {
        assert_eq!(
            validate_choices(&s(&["Ja", " "])),
            Err(PollError::TooFewChoices { count: 1 })
        );
        let eleven: Vec<String> = (1..=11).map(|i| format!("Optie {i}")).collect();
        assert_eq!(
            validate_choices(&eleven),
            Err(PollError::TooManyChoices { count: 11 })
        );
        assert!(validate_choices(&eleven[..10]).is_ok());
    }

    #[test]
    fn length_in_characters_not_bytes() {
        let ok = "é".repeat(200);
        let long = "é".repeat(201);
        assert!(validate_choices(&[ok.clone(), "b".into()]).is_ok());
        assert_eq!(
            validate_choices(&["a".into(), long]),
            Err(PollError::ChoiceTooLong {
                position: 2,
                chars: 201
            })
        );
    }

    #[test]
    fn duplicates_ignore_case() {
        let e = validate_choices(&s(&["Ja", "Nee", " JA "])).unwrap_err();
        assert_eq!(e, PollError::DuplicateChoice { label: "JA".into() });
        assert_eq!(
            e.message_nl(),
            "De keuze ‘JA’ staat er twee keer in. Zet elke keuze er maar één keer in."
        );
        assert_eq!(
            PollError::TooFewChoices { count: 1 }.message_nl(),
            "U heeft 1 keuze ingevuld. Vul er minstens 2 in."
        );
        assert!(PollError::TooManyChoices { count: 12 }
            .message_en()
            .contains("Remove 2"));
    }
}
