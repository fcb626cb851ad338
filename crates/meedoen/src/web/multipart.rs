//! One reader for `multipart/form-data` forms (forms with a file input). It keeps every text
//! field in order (repeated names such as checkboxes keep every value) and every file part
//! with its bytes, and it never answers while the browser is still sending: an oversized file
//! is read to its end and dropped, because answering early makes the browser show a broken
//! connection instead of our message. The server's body limit bounds the reading.

use axum::extract::Multipart;
use axum::http::StatusCode;

/// One file part.
#[derive(Debug)]
pub struct Upload {
    /// The form field it came in (`photo`, `cover`…).
    pub field: String,
    /// The name the browser gave the file.
    pub file_name: String,
    /// Empty when the file input was left empty, or when the file was too large.
    pub bytes: Vec<u8>,
    /// Larger than the reader's limit; `bytes` was dropped.
    pub too_large: bool,
}

/// Everything that could be read.
#[derive(Debug, Default)]
pub struct Parts {
    pub fields: Vec<(String, String)>,
    pub files: Vec<Upload>,
    /// The whole body was over the server's limit: the fields before that point are here,
    /// the rest is lost.
    pub body_too_large: bool,
}

impl Parts {
    /// The first value of text field `name` ("" when absent).
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// The first non-empty file sent in field `name`, or the first one that was too large.
    pub fn file(&self, name: &str) -> Option<&Upload> {
        self.files
            .iter()
            .find(|u| u.field == name && (u.too_large || !u.bytes.is_empty()))
    }
}

/// The form could not be read at all (not multipart, or broken).
#[derive(Debug, thiserror::Error)]
#[error("the form could not be read")]
pub struct Unreadable;

/// Reads every part of `mp`. Parts named in `file_fields` are files, limited to `max_file`
/// bytes each; the others are text.
pub async fn read(
    mut mp: Multipart,
    file_fields: &[&str],
    max_file: usize,
) -> Result<Parts, Unreadable> {
    let mut out = Parts::default();
    loop {
        let mut field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                out.body_too_large = true;
                break;
            }
            Err(_) => return Err(Unreadable),
        };
        let name = field.name().unwrap_or("").to_string();
        if file_fields.contains(&name.as_str()) {
            let file_name = field.file_name().unwrap_or("").to_string();
            let mut bytes = Vec::new();
            let mut too_large = false;
            loop {
                match field.chunk().await {
                    Ok(Some(c)) => {
                        if too_large || bytes.len() + c.len() > max_file {
                            too_large = true;
                            bytes = Vec::new();
                            continue;
                        }
                        bytes.extend_from_slice(&c);
                    }
                    Ok(None) => break,
                    Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                        out.body_too_large = true;
                        break;
                    }
                    Err(_) => return Err(Unreadable),
                }
            }
            if out.body_too_large {
                break;
            }
            out.files.push(Upload {
                field: name,
                file_name,
                bytes,
                too_large,
            });
            continue;
        }
        match field.text().await {
            Ok(v) => out.fields.push((name, v)),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                out.body_too_large = true;
                break;
            }
            Err(_) => return Err(Unreadable),
        }
    }
    Ok(out)
}
