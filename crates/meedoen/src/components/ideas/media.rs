//! Images and the map point of an idea.
//!
//! Images go through `uploads::store_image` (sniffed, limited, re-encoded) as soon as they
//! arrive, also when the rest of the form has errors: the form then carries the upload ids in
//! hidden fields, so a person never has to choose a file twice. An id from the form is only
//! accepted when the upload belongs to this idea already, or was made by the same person and
//! belongs to no idea yet. `idea_images` keeps positions 1..5 unique per idea, so the database
//! refuses a sixth image whatever the requests.
//!
//! The point is an optional latitude/longitude, checked against the bounding box of the chosen
//! area's GeoJSON, or of the Netherlands when the area has none.

use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{header, StatusCode};

use crate::args;
use crate::db::{now, Db, DbError, DbResult, Tx};
use crate::state::AppState;
use crate::web::forms::FieldErrors;
use crate::web::{AppError, AppResult, Ctx};

/// Most images an idea can have.
pub const MAX_IMAGES: usize = 5;

/// Field names of the text alternative of the image at position 1..=5 (also the error keys).
pub const ALT_FIELDS: [&str; MAX_IMAGES] = [
    "image_1_alt",
    "image_2_alt",
    "image_3_alt",
    "image_4_alt",
    "image_5_alt",
];

/// An image in the form: stored already, with the text the person gave for it.
#[derive(Debug, Clone, Default)]
pub struct ImageInput {
    pub upload_id: i64,
    pub key: String,
    pub alt: String,
}

impl ImageInput {
    pub fn small(&self) -> String {
        crate::uploads::small_key(&self.key)
    }
}

/// A file that came with the form, not stored yet.
pub struct NewPhoto {
    pub name: String,
    pub bytes: Vec<u8>,
    pub alt: String,
}

/// The raw form: text fields in order, and files in the `photo` field(s) paired in order with
/// `photo_alt`. Accepts `multipart/form-data` and `application/x-www-form-urlencoded`.
pub struct RawForm {
    pub pairs: Vec<(String, String)>,
    pub photos: Vec<NewPhoto>,
}

fn too_large_or(e_status: StatusCode, other: AppError) -> AppError {
    if e_status == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::PayloadTooLarge
    } else {
        other
    }
}

pub async fn read_form(ctx: &Ctx, req: Request) -> AppResult<RawForm> {
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
    let bad = || AppError::BadRequest(ctx.t("ideas-error-form"));
    if !multipart {
        let body = String::from_request(req, &())
            .await
            .map_err(|e| too_large_or(e.status(), bad()))?;
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&body).unwrap_or_default();
        return Ok(RawForm {
            pairs,
            photos: Vec::new(),
        });
    }
    let mp = Multipart::from_request(req, &()).await.map_err(|_| bad())?;
    // No limit per file here: `uploads::store_image` refuses what is too large, with its
    // own message; the body limit bounds the reading.
    let parts = crate::web::multipart::read(mp, &["photo"], usize::MAX)
        .await
        .map_err(|_| bad())?;
    if parts.body_too_large {
        return Err(AppError::PayloadTooLarge);
    }
    let alts: Vec<String> = parts
        .fields
        .iter()
        .filter(|(k, _)| k == "photo_alt")
        .map(|(_, v)| v.clone())
        .collect();
    let files: Vec<(String, Vec<u8>)> = parts
        .files
        .into_iter()
        .map(|u| {
            let name = if u.file_name.is_empty() {
                "foto".to_string()
            } else {
                u.file_name
            };
            (name, u.bytes)
        })
        .collect();
    let pairs = parts.fields;
    // An empty file input still sends a part with no bytes; it pairs with its alt field.
    let photos = files
        .into_iter()
        .enumerate()
        .filter(|(_, (_, b))| !b.is_empty())
        .map(|(i, (name, bytes))| NewPhoto {
            name,
            bytes,
            alt: alts.get(i).cloned().unwrap_or_default(),
        })
        .collect();
    Ok(RawForm { pairs, photos })
}

/// The images listed in the form (`image_N` = upload id, `image_N_alt`, `image_N_remove`),
/// in position order. Ids that do not parse are dropped here; ownership is checked later.
pub fn listed_images(pairs: &[(String, String)]) -> Vec<(i64, String, bool)> {
    let mut out = Vec::new();
    for n in 1..=MAX_IMAGES {
        let id_field = format!("image_{n}");
        let Some(id) = pairs
            .iter()
            .find(|(k, _)| *k == id_field)
            .and_then(|(_, v)| v.trim().parse::<i64>().ok())
        else {
            continue;
        };
        let alt_field = format!("image_{n}_alt");
        let alt = pairs
            .iter()
            .find(|(k, _)| *k == alt_field)
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let rm_field = format!("image_{n}_remove");
        let remove = pairs.iter().any(|(k, v)| *k == rm_field && v == "1");
        if !out.iter().any(|(i, _, _): &(i64, String, bool)| *i == id) {
            out.push((id, alt, remove));
        }
    }
    out
}

/// The storage key of upload `upload_id` when this person may attach it to idea `idea_id`
/// (0 for a new idea): it is on this idea already, or it is theirs and on no idea.
async fn usable_upload(
    db: &Db,
    org: i64,
    idea_id: i64,
    user_id: i64,
    upload_id: i64,
) -> DbResult<Option<String>> {
    db.scalar(
        "SELECT u.storage_key FROM uploads u WHERE u.org_id = $1 AND u.id = $2 AND \
         (EXISTS (SELECT 1 FROM idea_images x WHERE x.org_id = $1 AND x.upload_id = u.id AND x.idea_id = $3) \
          OR (u.owner_id = $4 AND NOT EXISTS (SELECT 1 FROM idea_images y WHERE y.upload_id = u.id)))",
        args![org, upload_id, idea_id, user_id],
    )
    .await
}

/// Checks a text alternative; the message is for people at language level B1.
fn check_alt(ctx: &Ctx, errors: &mut FieldErrors, pos: usize, alt: &str) {
    let n = alt.trim().chars().count();
    if n < 3 {
        errors.add(ALT_FIELDS[pos], ctx.t("ideas-error-image-alt"));
    } else if n > 200 {
        errors.add(ALT_FIELDS[pos], ctx.t("ideas-error-image-alt-long"));
    }
}

/// Works out the images of the form: keeps the listed ones this person may use, drops the
/// ones marked for removal (their ids are returned so they can be deleted after saving),
/// stores new files (also when other fields have errors) and checks every text alternative.
pub async fn settle_images(
    ctx: &Ctx,
    state: &AppState,
    idea_id: i64,
    user_id: i64,
    raw: &mut RawForm,
    errors: &mut FieldErrors,
) -> AppResult<(Vec<ImageInput>, Vec<i64>)> {
    let org = ctx.org.id;
    let mut kept: Vec<ImageInput> = Vec::new();
    let mut removed = Vec::new();
    for (id, alt, remove) in listed_images(&raw.pairs) {
        let Some(key) = usable_upload(&state.db, org, idea_id, user_id, id).await? else {
            continue;
        };
        if remove {
            removed.push(id);
        } else {
            kept.push(ImageInput {
                upload_id: id,
                key,
                alt: alt.trim().to_string(),
            });
        }
    }
    for p in std::mem::take(&mut raw.photos) {
        if kept.len() >= MAX_IMAGES {
            errors.add(
                "photo",
                crate::web::i18n::t_args(
                    ctx.lang,
                    "ideas-error-image-max",
                    &[("max", MAX_IMAGES.to_string())],
                ),
            );
            break;
        }
        match crate::uploads::store_image(state, org, Some(user_id), &p.name, p.bytes).await {
            Ok(img) => kept.push(ImageInput {
                upload_id: img.id,
                key: img.key,
                alt: p.alt.trim().to_string(),
            }),
            Err(e) => {
                if let crate::uploads::UploadError::Internal(ref err) = e {
                    tracing::error!(error = %err, "idea image upload failed");
                }
                errors.add("photo", ctx.t(e.message_key()));
            }
        }
    }
    for (i, img) in kept.iter().enumerate() {
        check_alt(ctx, errors, i, &img.alt);
    }
    Ok((kept, removed))
}

/// Makes the idea's images exactly `images`, in this order, inside `tx`.
pub async fn save_images(
    ctx: &Ctx,
    tx: &mut Tx,
    idea_id: i64,
    images: &[ImageInput],
) -> AppResult<()> {
    let org = ctx.org.id;
    tx.run(
        "DELETE FROM idea_images WHERE org_id = $1 AND idea_id = $2",
        args![org, idea_id],
    )
    .await?;
    let t = now();
    for (i, img) in images.iter().enumerate() {
        let r = tx
            .run(
                "INSERT INTO idea_images (org_id, idea_id, upload_id, position, alt, created_at) \
                 SELECT $1, $2, u.id, $4, $5, $6 FROM uploads u WHERE u.org_id = $1 AND u.id = $3",
                args![org, idea_id, img.upload_id, (i + 1) as i64, &img.alt, t],
            )
            .await;
        match r {
            Ok(_) => {}
            Err(DbError::Unique(_)) => {
                return Err(AppError::Conflict(ctx.t("ideas-error-image-taken")))
            }
            Err(DbError::Constraint(_)) => {
                return Err(AppError::Conflict(crate::web::i18n::t_args(
                    ctx.lang,
                    "ideas-error-image-max",
                    &[("max", MAX_IMAGES.to_string())],
                )))
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// Deletes uploads that were taken off an idea (or never attached), and their files.
/// Only uploads on no idea go; a failure to delete a file is logged, not shown.
pub async fn delete_uploads(state: &AppState, org: i64, ids: &[i64]) {
    for id in ids {
        let key = state
            .db
            .write_scalar::<String>(
                "DELETE FROM uploads WHERE org_id = $1 AND id = $2 \
                 AND NOT EXISTS (SELECT 1 FROM idea_images x WHERE x.upload_id = uploads.id) \
                 AND NOT EXISTS (SELECT 1 FROM idea_updates y WHERE y.upload_id = uploads.id) RETURNING storage_key",
                args![org, *id],
            )
            .await;
        match key {
            Ok(key) => {
                for k in [crate::uploads::small_key(&key), key] {
                    if let Err(e) = state.storage.delete(&k).await {
                        tracing::warn!(error = %e, key = %k, "could not delete upload file");
                    }
                }
            }
            Err(DbError::NotFound) => {}
            Err(e) => tracing::warn!(error = %e, "could not delete upload row"),
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow, meedoen_macros::LiteRow)]
pub struct ImageRow {
    pub upload_id: i64,
    pub storage_key: String,
    pub alt: String,
    pub width: i64,
    pub height: i64,
}

impl ImageRow {
    pub fn small(&self) -> String {
        crate::uploads::small_key(&self.storage_key)
    }

    pub fn picture(&self) -> crate::uploads::Picture {
        crate::uploads::Picture::new(&self.storage_key, self.width, self.height, &self.alt)
    }
}

pub async fn images_of(db: &Db, org: i64, idea_id: i64) -> DbResult<Vec<ImageRow>> {
    db.all(
        "SELECT x.upload_id, u.storage_key, x.alt, u.width, u.height FROM idea_images x JOIN uploads u ON u.id = x.upload_id AND u.org_id = x.org_id \
         WHERE x.org_id = $1 AND x.idea_id = $2 ORDER BY x.position",
        args![org, idea_id],
    )
    .await
}

// ---------------------------------------------------------------------------------------
// The map point

/// South, west, north, east.
pub type BBox = (f64, f64, f64, f64);

/// The European Netherlands, with a little margin.
pub const NETHERLANDS: BBox = (50.70, 3.20, 53.70, 7.30);

/// The bounding box of every position in a GeoJSON document (geometry, feature or
/// collection), or None when it holds none.
pub fn geojson_bbox(src: &str) -> Option<BBox> {
    fn walk(v: &serde_json::Value, b: &mut Option<BBox>) {
        match v {
            serde_json::Value::Array(a) => {
                if a.len() >= 2 && a[0].is_number() && a[1].is_number() {
                    let (Some(lon), Some(lat)) = (a[0].as_f64(), a[1].as_f64()) else {
                        return;
                    };
                    let nb = match *b {
                        None => (lat, lon, lat, lon),
                        Some((s, w, n, e)) => (s.min(lat), w.min(lon), n.max(lat), e.max(lon)),
                    };
                    *b = Some(nb);
                } else {
                    for x in a {
                        walk(x, b);
                    }
                }
            }
            serde_json::Value::Object(o) => {
                for (k, x) in o {
                    if k != "bbox" && k != "properties" {
                        walk(x, b);
                    }
                }
            }
            _ => {}
        }
    }
    let v: serde_json::Value = serde_json::from_str(src).ok()?;
    let mut b = None;
    walk(&v, &mut b);
    b
}

fn parse_coord(s: &str) -> Option<f64> {
    let v: f64 = s.trim().replace(',', ".").parse().ok()?;
    v.is_finite().then_some(v)
}

/// Checks the optional point. Both empty means no point.
pub fn check_point(
    ctx: &Ctx,
    errors: &mut FieldErrors,
    lat: &str,
    lon: &str,
    area_geojson: Option<&str>,
) -> Option<(f64, f64)> {
    if lat.trim().is_empty() && lon.trim().is_empty() {
        return None;
    }
    let la = parse_coord(lat).filter(|v| (-90.0..=90.0).contains(v));
    let lo = parse_coord(lon).filter(|v| (-180.0..=180.0).contains(v));
    if la.is_none() {
        errors.add("lat", ctx.t("ideas-error-lat"));
    }
    if lo.is_none() {
        errors.add("lon", ctx.t("ideas-error-lon"));
    }
    let (la, lo) = (la?, lo?);
    let (bbox, key) = match area_geojson.and_then(geojson_bbox) {
        Some(b) => (b, "ideas-error-point-area"),
        None => (NETHERLANDS, "ideas-error-point-nl"),
    };
    let (s, w, n, e) = bbox;
    if !(s..=n).contains(&la) || !(w..=e).contains(&lo) {
        errors.add("lat", ctx.t(key));
        return None;
    }
    Some((la, lo))
}

/// Coordinates as people read them: five decimals (about a metre).
pub fn fmt_coord(v: f64) -> String {
    format!("{v:.5}")
}

/// A link to the point on openstreetmap.org.
pub fn osm_url(lat: f64, lon: f64) -> String {
    format!(
        "https://www.openstreetmap.org/?mlat={}&mlon={}#map=17/{}/{}",
        fmt_coord(lat),
        fmt_coord(lon),
        fmt_coord(lat),
        fmt_coord(lon)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bbox_of_polygon_and_feature() {
        let poly = r#"{"type":"Polygon","coordinates":[[[6.85,52.20],[6.95,52.20],[6.95,52.25],[6.85,52.25],[6.85,52.20]]]}"#;
        assert_eq!(geojson_bbox(poly), Some((52.20, 6.85, 52.25, 6.95)));
        let feat = format!(
            r#"{{"type":"Feature","bbox":[0,0,99,99],"properties":{{"x":[1,2]}},"geometry":{poly}}}"#
        );
        assert_eq!(geojson_bbox(&feat), Some((52.20, 6.85, 52.25, 6.95)));
        assert_eq!(geojson_bbox("nonsense"), None);
        assert_eq!(geojson_bbox(r#"{"type":"Polygon","coordinates":[]}"#), None);
    }

    #[test]
    fn listed_images_in_order() {
        let p = |k: &str, v: &str| (k.to_string(), v.to_string());
        let pairs = vec![
            p("image_2", "9"),
            p("image_2_alt", "Bank"),
            p("image_1", "7"),
            p("image_1_alt", "Boom"),
            p("image_1_remove", "1"),
            p("image_3", "x"),
            p("image_4", "9"),
        ];
        assert_eq!(
            listed_images(&pairs),
            vec![(7, "Boom".into(), true), (9, "Bank".into(), false)]
        );
        assert_eq!(parse_coord("52,2215"), Some(52.2215));
        assert!(osm_url(52.2, 6.9).contains("mlat=52.20000"));
    }
}
