//! CSV files for staff. Spreadsheet programs run a cell that starts with `=`, `+`, `-`, `@`,
//! a tab or a carriage return as a formula, so a resident who writes `=HYPERLINK(...)` in an
//! idea could run it on a civil servant's machine. Every text cell gets a leading apostrophe
//! when it starts like that; numbers are written as they are. The guard lives in the type of
//! the cell, so no export can forget it.

use std::borrow::Cow;

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

use super::{AppError, AppResult};

/// One value in a row.
pub trait Cell {
    fn cell(&self) -> Cow<'_, str>;
}

/// Text as a spreadsheet will read it: with a leading apostrophe when it would be a formula.
pub fn guard(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

impl Cell for str {
    fn cell(&self) -> Cow<'_, str> {
        guard(self)
    }
}
impl Cell for &str {
    fn cell(&self) -> Cow<'_, str> {
        guard(self)
    }
}
impl Cell for String {
    fn cell(&self) -> Cow<'_, str> {
        guard(self)
    }
}
impl<T: Cell> Cell for Option<T> {
    fn cell(&self) -> Cow<'_, str> {
        match self {
            Some(v) => v.cell(),
            None => Cow::Borrowed(""),
        }
    }
}
macro_rules! plain {
    ($($t:ty),*) => {$(
        impl Cell for $t {
            fn cell(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        }
    )*};
}
plain!(i64, i32, u32, u64, usize, f64, bool);

/// A CSV file being written.
pub struct Csv {
    w: csv::Writer<Vec<u8>>,
}

fn failed(e: csv::Error) -> AppError {
    AppError::Internal(anyhow::anyhow!("csv: {e}"))
}

impl Csv {
    /// A file with this header row (column names are ours, never guarded). Lines end in
    /// CRLF, as RFC 4180 has it.
    pub fn new(header: &[&str]) -> AppResult<Csv> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        w.write_record(header).map_err(failed)?;
        Ok(Csv { w })
    }

    pub fn row(&mut self, cells: &[&dyn Cell]) -> AppResult<()> {
        let cells: Vec<_> = cells.iter().map(|c| c.cell()).collect();
        self.w
            .write_record(cells.iter().map(|c| c.as_bytes()))
            .map_err(failed)
    }

    pub fn into_bytes(self) -> AppResult<Vec<u8>> {
        self.w
            .into_inner()
            .map_err(|e| AppError::Internal(anyhow::anyhow!("csv: {e}")))
    }

    /// The finished file as a download named `filename`.
    pub fn download(self, filename: &str) -> AppResult<Response> {
        Ok(download(self.into_bytes()?, filename))
    }
}

/// `body` as a CSV download that is never cached (it holds what staff may see).
pub fn download(body: Vec<u8>, filename: &str) -> Response {
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_would_be_a_formula_is_guarded_numbers_are_not() {
        let mut c = Csv::new(&["a", "b", "c", "d"]).unwrap();
        let text = String::from("=HYPERLINK(\"x\")");
        c.row(&[&text, &-5i64, &"+31 53", &Some("Ja")]).unwrap();
        c.row(&[&"@SUM(A1)", &None::<String>, &"\tx", &"-1"])
            .unwrap();
        let out = String::from_utf8(c.into_bytes().unwrap()).unwrap();
        assert_eq!(
            out,
            "a,b,c,d\r\n\"'=HYPERLINK(\"\"x\"\")\",-5,'+31 53,Ja\r\n'@SUM(A1),,'\tx,'-1\r\n"
        );
        assert_eq!(guard("Ja"), "Ja");
        assert_eq!(guard("=1+1"), "'=1+1");
    }
}
