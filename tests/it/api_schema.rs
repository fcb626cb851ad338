//! The API answers what its OpenAPI document says. Every `/api/` route from the registry is
//! fetched with seeded data (ideas with photos, progress and comments, a poll with answers, a
//! ballot with published results, spaces), and each body is validated against the response
//! schema in the served `/api/v1/openapi.json`; every route with an id also answers an unknown
//! one with a 404 whose body is validated against the problem schema. Every `/api/` answer
//! carries `API-Version`.
//!
//! [`Schemas`] is a small JSON-schema validator for the subset utoipa emits.

use std::collections::{BTreeMap, BTreeSet};

use meedoen::args;
use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};

use crate::both;
use crate::projects::png;
use crate::support::TestApp;

/// The version every `/api/` answer names.
const VERSION: &str = "1.0.0";

/// Validates JSON values against the schemas of an OpenAPI 3.1 document, for the subset
/// utoipa emits: `type` (a name or a list of names, `null` included), `properties`,
/// `required`, `additionalProperties`, `propertyNames`, `items`, `$ref` (into
/// `#/components/schemas`), `allOf`, `anyOf`, `oneOf`, `enum`, `const`, and the bounds
/// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `minLength`, `maxLength`,
/// `minItems`, `maxItems`. `format` and the annotations (`description`, `title`, `example`…)
/// are ignored. Any other keyword fails, so a schema the validator cannot judge never passes
/// unseen.
///
/// One rule is stricter than JSON Schema: an object whose schema lists `properties` (itself
/// or through `allOf`) and says nothing of `additionalProperties` may carry no other field,
/// as if it said `unevaluatedProperties: false`. A field an answer has but the document does
/// not describe is a mistake in the document.
///
/// Errors name the offending value by its path (`$.results[2].area.name`).
pub struct Schemas<'d> {
    doc: &'d Value,
}

const KEYWORDS: [&str; 21] = [
    "$ref",
    "type",
    "enum",
    "const",
    "properties",
    "required",
    "additionalProperties",
    "propertyNames",
    "items",
    "minItems",
    "maxItems",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "allOf",
    "anyOf",
    "oneOf",
    "format",
];

/// Keywords that say something about a value but restrict nothing.
const ANNOTATIONS: [&str; 9] = [
    "description",
    "title",
    "example",
    "examples",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "contentMediaType",
];

/// A short rendering of a value for error messages.
fn show(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 80 {
        format!("{}…", s.chars().take(80).collect::<String>())
    } else {
        s
    }
}

fn is_type(v: &Value, t: &str, path: &str) -> Result<bool, String> {
    Ok(match t {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "string" => v.is_string(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64(),
        other => return Err(format!("{path}: unknown type `{other}` in the schema")),
    })
}

impl<'d> Schemas<'d> {
    pub fn new(doc: &'d Value) -> Schemas<'d> {
        Schemas { doc }
    }

    /// Checks `value` against `schema`.
    pub fn check(&self, schema: &Value, value: &Value) -> Result<(), String> {
        self.at(schema, value, "$", true, 0)
    }

    fn resolve(&self, r: &Value, path: &str) -> Result<&'d Value, String> {
        let r = r
            .as_str()
            .ok_or_else(|| format!("{path}: $ref is not a string"))?;
        let name = r
            .strip_prefix("#/components/schemas/")
            .ok_or_else(|| format!("{path}: $ref {r} does not point into #/components/schemas"))?;
        self.doc["components"]["schemas"]
            .get(name)
            .ok_or_else(|| format!("{path}: $ref {r} names no schema of the document"))
    }

    /// `closed`: apply the no-undocumented-fields rule here (not inside `allOf` members,
    /// which each describe only part of the object).
    fn at(
        &self,
        schema: &Value,
        v: &Value,
        path: &str,
        closed: bool,
        depth: usize,
    ) -> Result<(), String> {
        if depth > 64 {
            return Err(format!("{path}: schemas nest too deep (a $ref loop?)"));
        }
        let s = match schema {
            Value::Bool(true) => return Ok(()),
            Value::Bool(false) => return Err(format!("{path}: no value allowed, got {}", show(v))),
            Value::Object(s) => s,
            other => return Err(format!("{path}: the schema is not an object: {other}")),
        };
        if let Some(k) = s
            .keys()
            .find(|k| !KEYWORDS.contains(&k.as_str()) && !ANNOTATIONS.contains(&k.as_str()))
        {
            return Err(format!(
                "{path}: the validator does not know the keyword `{k}` (schema {})",
                show(schema)
            ));
        }
        if let Some(r) = s.get("$ref") {
            self.at(self.resolve(r, path)?, v, path, closed, depth + 1)?;
        }
        if let Some(t) = s.get("type") {
            let types: Vec<&str> = match t {
                Value::String(t) => vec![t.as_str()],
                Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                other => return Err(format!("{path}: `type` is {other}")),
            };
            let mut ok = false;
            for t in &types {
                ok |= is_type(v, t, path)?;
            }
            if !ok {
                return Err(format!(
                    "{path}: expected {}, got {}",
                    types.join(" or "),
                    show(v)
                ));
            }
        }
        if let Some(e) = s.get("enum") {
            let values = e
                .as_array()
                .ok_or_else(|| format!("{path}: `enum` is not a list"))?;
            if !values.contains(v) {
                return Err(format!(
                    "{path}: {} is not one of the documented values {}",
                    show(v),
                    show(e)
                ));
            }
        }
        if let Some(c) = s.get("const") {
            if c != v {
                return Err(format!("{path}: expected {}, got {}", show(c), show(v)));
            }
        }
        if let Some(n) = v.as_f64() {
            let bound = |k: &str| s.get(k).and_then(Value::as_f64);
            let fails = [
                ("minimum", bound("minimum").is_some_and(|m| n < m)),
                ("maximum", bound("maximum").is_some_and(|m| n > m)),
                (
                    "exclusiveMinimum",
                    bound("exclusiveMinimum").is_some_and(|m| n <= m),
                ),
                (
                    "exclusiveMaximum",
                    bound("exclusiveMaximum").is_some_and(|m| n >= m),
                ),
            ];
            if let Some((k, _)) = fails.iter().find(|(_, f)| *f) {
                return Err(format!("{path}: {} is outside {k} {}", show(v), s[*k]));
            }
        }
        if let Some(text) = v.as_str() {
            let n = text.chars().count() as u64;
            if s.get("minLength")
                .and_then(Value::as_u64)
                .is_some_and(|m| n < m)
                || s.get("maxLength")
                    .and_then(Value::as_u64)
                    .is_some_and(|m| n > m)
            {
                return Err(format!("{path}: length of {} is out of bounds", show(v)));
            }
        }
        if let Value::Array(xs) = v {
            let n = xs.len() as u64;
            if s.get("minItems")
                .and_then(Value::as_u64)
                .is_some_and(|m| n < m)
                || s.get("maxItems")
                    .and_then(Value::as_u64)
                    .is_some_and(|m| n > m)
            {
                return Err(format!("{path}: {n} items is out of bounds"));
            }
            if let Some(items) = s.get("items") {
                for (i, x) in xs.iter().enumerate() {
                    self.at(items, x, &format!("{path}[{i}]"), true, depth + 1)?;
                }
            }
        }
        if let Value::Object(m) = v {
            if let Some(required) = s.get("required") {
                let required = required
                    .as_array()
                    .ok_or_else(|| format!("{path}: `required` is not a list"))?;
                for name in required.iter().filter_map(Value::as_str) {
                    if !m.contains_key(name) {
                        return Err(format!("{path}: required field `{name}` is missing"));
                    }
                }
            }
            let props = s.get("properties").and_then(Value::as_object);
            for (k, x) in m {
                let sub = format!("{path}.{k}");
                if let Some(p) = props.and_then(|p| p.get(k)) {
                    self.at(p, x, &sub, true, depth + 1)?;
                } else if let Some(extra) = s.get("additionalProperties") {
                    self.at(extra, x, &sub, true, depth + 1)?;
                }
                if let Some(names) = s.get("propertyNames") {
                    self.at(
                        names,
                        &Value::String(k.clone()),
                        &format!("{path} (the key {k:?})"),
                        true,
                        depth + 1,
                    )?;
                }
            }
            let describes_fields = s.contains_key("properties") || s.contains_key("allOf");
            if closed && describes_fields {
                let mut known = BTreeSet::new();
                let mut open = false;
                let mut any_properties = false;
                self.fields(
                    schema,
                    &mut known,
                    &mut open,
                    &mut any_properties,
                    path,
                    depth,
                )?;
                if any_properties && !open {
                    if let Some(k) = m.keys().find(|k| !known.contains(k.as_str())) {
                        return Err(format!(
                            "{path}.{k}: the field is not described in the schema"
                        ));
                    }
                }
            }
        }
        if let Some(all) = s.get("allOf").and_then(Value::as_array) {
            for part in all {
                self.at(part, v, path, false, depth + 1)?;
            }
        }
        if let Some(any) = s.get("anyOf").and_then(Value::as_array) {
            let errors: Vec<String> = any
                .iter()
                .filter_map(|b| self.at(b, v, path, closed, depth + 1).err())
                .collect();
            if errors.len() == any.len() {
                return Err(format!(
                    "{path}: matches none of anyOf: {}",
                    errors.join("; ")
                ));
            }
        }
        if let Some(one) = s.get("oneOf").and_then(Value::as_array) {
            let errors: Vec<String> = one
                .iter()
                .filter_map(|b| self.at(b, v, path, closed, depth + 1).err())
                .collect();
            let matched = one.len() - errors.len();
            if matched != 1 {
                return Err(format!(
                    "{path}: {} matches {matched} of oneOf's {} schemas (exactly one must): {}",
                    show(v),
                    one.len(),
                    errors.join("; ")
                ));
            }
        }
        Ok(())
    }

    /// The field names `schema` describes, through `$ref` and `allOf`; `open` when extra
    /// fields are allowed.
    fn fields(
        &self,
        schema: &Value,
        known: &mut BTreeSet<String>,
        open: &mut bool,
        any_properties: &mut bool,
        path: &str,
        depth: usize,
    ) -> Result<(), String> {
        if depth > 64 {
            return Err(format!("{path}: schemas nest too deep (a $ref loop?)"));
        }
        let Some(s) = schema.as_object() else {
            *open |= schema == &Value::Bool(true);
            return Ok(());
        };
        if let Some(p) = s.get("properties").and_then(Value::as_object) {
            *any_properties = true;
            known.extend(p.keys().cloned());
        }
        if s.contains_key("additionalProperties") {
            *open = true;
        }
        if let Some(r) = s.get("$ref") {
            let target = self.resolve(r, path)?;
            self.fields(target, known, open, any_properties, path, depth + 1)?;
        }
        for part in s
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            self.fields(part, known, open, any_properties, path, depth + 1)?;
        }
        Ok(())
    }
}

#[test]
fn the_validator_catches_what_matters() {
    let doc = json!({ "components": { "schemas": {
        "Status": { "type": "string", "enum": ["open", "closed"] },
        "Point": { "type": "object", "required": ["lat", "lon"], "properties": {
            "lat": { "type": "number", "format": "double" }, "lon": { "type": "number" } } },
        "Item": { "type": "object", "required": ["id", "status", "point", "note"], "properties": {
            "id": { "type": "integer", "format": "int64", "minimum": 1 },
            "status": { "$ref": "#/components/schemas/Status" },
            "point": { "oneOf": [{ "type": "null" }, { "$ref": "#/components/schemas/Point" }] },
            "note": { "type": ["string", "null"] } } },
        "List": { "type": "object", "required": ["results"], "properties": {
            "results": { "type": "array", "items": { "$ref": "#/components/schemas/Item" } } } },
        "Detail": { "allOf": [{ "$ref": "#/components/schemas/Item" }, { "type": "object",
            "required": ["text"], "properties": { "text": { "type": "string" } } }] },
        "Counts": { "type": "object", "additionalProperties": { "type": "integer" },
            "propertyNames": { "type": "string" } }
    }}});
    let s = Schemas::new(&doc);
    let list = json!({ "$ref": "#/components/schemas/List" });
    let item = |id: Value, status: &str, point: Value, note: Value| json!({ "id": id, "status": status, "point": point, "note": note });
    let good = json!({ "results": [
        item(json!(1), "open", Value::Null, Value::Null),
        item(json!(2), "closed", json!({ "lat": 52.2, "lon": 6.9 }), json!("tekst")),
    ]});
    s.check(&list, &good).unwrap();
    let fails = |v: Value, schema: &Value, wanted: &str| {
        let e = s.check(schema, &v).expect_err(&format!("{v} must fail"));
        assert!(e.contains(wanted), "{wanted:?} in {e:?}");
    };
    // A wrong type, with the path to the value.
    let first = good["results"][0].clone();
    fails(
        json!({ "results": [first, item(json!("2"), "open", Value::Null, Value::Null)] }),
        &list,
        "$.results[1].id: expected integer, got \"2\"",
    );
    fails(
        json!({ "results": [item(json!(1.5), "open", Value::Null, Value::Null)] }),
        &list,
        "$.results[0].id: expected integer",
    );
    // A missing required field.
    fails(
        json!({ "results": [{ "id": 1, "status": "open", "point": null }] }),
        &list,
        "$.results[0]: required field `note` is missing",
    );
    fails(
        json!({ "results": [item(json!(1), "open", json!({ "lat": 52.2 }), Value::Null)] }),
        &list,
        "required field `lon` is missing",
    );
    // An unknown enum value.
    fails(
        json!({ "results": [item(json!(1), "geheim", Value::Null, Value::Null)] }),
        &list,
        "$.results[0].status: \"geheim\" is not one of the documented values",
    );
    // Null where the schema does not allow it.
    fails(
        json!({ "results": [{ "id": 1, "status": null, "point": null, "note": null }] }),
        &list,
        "$.results[0].status: expected string, got null",
    );
    fails(
        json!({ "results": null }),
        &list,
        "$.results: expected array",
    );
    // oneOf: neither null nor a point.
    fails(
        json!({ "results": [item(json!(1), "open", json!("hier"), Value::Null)] }),
        &list,
        "$.results[0].point: \"hier\" matches 0 of oneOf",
    );
    // Bounds.
    fails(
        json!({ "results": [item(json!(0), "open", Value::Null, Value::Null)] }),
        &list,
        "outside minimum",
    );
    // A field the schema does not describe, also through allOf.
    fails(
        json!({ "results": [{ "id": 1, "status": "open", "point": null, "note": null, "extra": 1 }] }),
        &list,
        "$.results[0].extra: the field is not described",
    );
    let detail = json!({ "$ref": "#/components/schemas/Detail" });
    let mut d = item(json!(1), "open", Value::Null, Value::Null);
    d["text"] = json!("x");
    s.check(&detail, &d).unwrap();
    d["geheim"] = json!(true);
    fails(d.clone(), &detail, "$.geheim: the field is not described");
    d.as_object_mut().unwrap().remove("geheim");
    d.as_object_mut().unwrap().remove("text");
    fails(d, &detail, "required field `text` is missing");
    // Maps: any key, values of one type.
    let counts = json!({ "$ref": "#/components/schemas/Counts" });
    s.check(&counts, &json!({ "12": 3, "wifi": 0 })).unwrap();
    fails(json!({ "12": "3" }), &counts, "$.12: expected integer");
    // What the validator does not know, and refs that go nowhere, fail.
    fails(
        json!("x"),
        &json!({ "type": "string", "pattern": "^a" }),
        "keyword `pattern`",
    );
    fails(
        json!(1),
        &json!({ "$ref": "#/components/schemas/Nope" }),
        "names no schema",
    );
}

/// What an answer came with.
struct Answer {
    status: u16,
    content_type: String,
    version: Option<String>,
    body: Value,
}

async fn fetch(c: &reqwest::Client, app: &TestApp, path: &str) -> Answer {
    let r = c.get(app.url(path)).send().await.unwrap();
    let header = |name: &str| {
        r.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let content_type = header("content-type").unwrap_or_default();
    let version = header("api-version");
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}: {text}"));
    Answer {
        status,
        content_type,
        version,
        body,
    }
}

/// The schema of the `status` answer of `route` in `media`.
fn response_schema<'a>(doc: &'a Value, route: &str, status: &str, media: &str) -> &'a Value {
    let s = &doc["paths"][route]["get"]["responses"][status]["content"][media]["schema"];
    assert!(
        !s.is_null(),
        "{route}: the document has no {media} schema for {status}"
    );
    s
}

/// Every array at the top of `body` has something in it: the seed gave this route real data.
fn assert_content(url: &str, body: &Value) {
    for (k, v) in body.as_object().into_iter().flatten() {
        if let Value::Array(a) = v {
            assert!(!a.is_empty(), "{url}: `{k}` is empty; seed data for it");
        }
    }
}

/// Seeds everything the API shows, through the real forms where they exist. Returns the
/// objects by name.
async fn seed(app: &TestApp) -> BTreeMap<&'static str, String> {
    let fx = crate::authz::seed(app).await;
    let v = |k: &str| -> i64 { fx.vars[k].parse().unwrap() };
    let o = app.org_id;
    let member = app.session_for(fx.users["member"].0, false).await;
    let author = app.session_for(fx.users["author"].0, false).await;
    let staff = app.session_for(fx.users["editor"].0, true).await;
    let (poll, ballot, ideas, idea, district, space) = (
        v("poll"),
        v("ballot"),
        v("ideas"),
        v("idea"),
        v("area"),
        v("space"),
    );
    let write = |sql: &'static str, a: Vec<meedoen::db::Arg>| async move {
        app.db.write_scalar::<i64>(sql, a).await.unwrap()
    };
    // A neighbourhood in the district and one without a district; a theme (the project has
    // one from its form).
    let hood = write(
        "INSERT INTO areas (org_id, parent_id, kind, name, slug) VALUES ($1, $2, 'neighbourhood', 'Matrixbuurt', 'matrixbuurt') RETURNING id",
        args![o, district],
    )
    .await;
    write(
        "INSERT INTO areas (org_id, parent_id, kind, name, slug) VALUES ($1, NULL, 'neighbourhood', 'Losse buurt', 'losse-buurt') RETURNING id",
        args![o],
    )
    .await;
    // (Forms offer the areas and themes of the municipality as cached before these.)
    let theme: i64 = app
        .db
        .scalar(
            "SELECT id FROM themes WHERE org_id = $1 ORDER BY id LIMIT 1",
            args![o],
        )
        .await
        .unwrap()
        .expect("a municipality starts with themes");
    // The poll gets an answer.
    let choice: i64 = app
        .db
        .scalar(
            "SELECT id FROM poll_choices WHERE component_id = $1 ORDER BY position LIMIT 1",
            args![poll],
        )
        .await
        .unwrap()
        .unwrap();
    let r = member
        .post(app.url(&format!("/peilingen/{poll}/antwoord")))
        .form(&[("choice", choice.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "poll answer");
    // An idea with a photo, a place, an area and a theme; selected, with progress.
    let r = author
        .post(app.url(&format!("/onderdelen/{ideas}/ideeen/nieuw")))
        .multipart(
            Form::new()
                .text("title", "Bomen langs de Matrixlaan")
                .text("summary", "Meer schaduw en groen in de straat.")
                .text("description", crate::ideas::DESCRIPTION)
                .text("cost", "12000")
                .text("area_id", district.to_string())
                .text("themes", theme.to_string())
                .text("lat", "52.2215")
                .text("lon", "6.8937")
                .text("action", "submit")
                .part(
                    "photo",
                    Part::bytes(png(40, 30))
                        .file_name("a.png")
                        .mime_str("image/png")
                        .unwrap(),
                )
                .text("photo_alt", "De kale straat"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let rich: i64 = crate::ideas::location(&r)
        .trim_start_matches("/ideeen/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let r = staff
        .post(app.url(&format!("/beheer/idee/{rich}")))
        .form(&[
            ("status", "selected"),
            ("answer", "Gekozen bij de stemming."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "status");
    let progress = app.url(&format!("/beheer/idee/{rich}/voortgang"));
    let r = staff
        .post(&progress)
        .multipart(
            Form::new()
                .text("status_text", "Bomen besteld")
                .text("percent", "40")
                .text("body", "De **bomen** zijn besteld.")
                .part(
                    "photo",
                    Part::bytes(png(60, 40))
                        .file_name("boom.png")
                        .mime_str("image/png")
                        .unwrap(),
                )
                .text("photo_alt", "Jonge bomen bij de kwekerij"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let r = staff
        .post(&progress)
        .form(&[
            ("status_text", "Geplant"),
            ("percent", "100"),
            ("body", "Klaar."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    // Comments on it: a reply and a hidden one.
    for body in ["Mooi plan voor de straat", "Weg met deze reactie"] {
        let r = member
            .post(app.url(&format!("/ideeen/{rich}/reacties")))
            .form(&[("body", body), ("stance", "against")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "comment");
    }
    let first: i64 = app
        .db
        .scalar(
            "SELECT MIN(id) FROM idea_comments WHERE idea_id = $1",
            args![rich],
        )
        .await
        .unwrap()
        .unwrap();
    let r = author
        .post(app.url(&format!("/ideeen/{rich}/reacties")))
        .form(&[
            ("body", "Dank u voor de steun"),
            ("stance", "neutral"),
            ("parent_id", &first.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "reply");
    app.db
        .exec(
            "UPDATE idea_comments SET hidden = TRUE WHERE idea_id = $1 AND body = 'Weg met deze reactie'",
            args![rich],
        )
        .await
        .unwrap();
    // Ideas that were merged and sent on: the answer's other fields.
    let mut plain = Vec::new();
    for (title, sql) in [
        (
            "Bankjes bij de Matrixvijver",
            "UPDATE ideas SET status = 'merged', merged_into_id = $2 WHERE id = $1",
        ),
        (
            "Een brug over het Matrixkanaal",
            "UPDATE ideas SET status = 'redirected', redirect_to = 'Waterschap Vechtstromen' \
             WHERE id = $1 AND $2 > 0",
        ),
    ] {
        let r = member
            .post(app.url(&format!("/onderdelen/{ideas}/ideeen/nieuw")))
            .form(&[
                ("title", title),
                ("summary", "Een korte samenvatting van dit idee."),
                ("description", crate::ideas::DESCRIPTION),
                ("cost", "0"),
                ("area_id", ""),
                ("action", "submit"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
        let id: i64 = crate::ideas::location(&r)
            .trim_start_matches("/ideeen/")
            .split('?')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        app.db.exec(sql, args![id, rich]).await.unwrap();
        plain.push(id);
    }
    // The ballot: a vote, then published results.
    let r = member
        .post(app.url(&format!("/stemmen/{ballot}/bevestigen")))
        .form(&[("idea", idea.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "vote");
    app.db
        .exec(
            "UPDATE ballot_settings SET closes_at = $2 WHERE component_id = $1",
            args![ballot, meedoen::db::now() - 1],
        )
        .await
        .unwrap();
    let r = staff
        .post(app.url(&format!("/beheer/stemmen/{ballot}/publiceren")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "publish results");
    // A space on the map.
    app.db
        .exec(
            "UPDATE spaces SET lat = 52.2215, lon = 6.8937, area_id = $2 WHERE id = $1",
            args![space, hood],
        )
        .await
        .unwrap();
    BTreeMap::from([
        ("slug", fx.vars["slug"].clone()),
        ("poll", poll.to_string()),
        ("ballot", ballot.to_string()),
        ("idea", rich.to_string()),
        ("ideas", ideas.to_string()),
        ("hood", hood.to_string()),
        ("district", district.to_string()),
        ("merged", plain[0].to_string()),
        ("redirected", plain[1].to_string()),
        ("voted", idea.to_string()),
    ])
}

/// The seeded object that fills the placeholder of `route`.
fn placeholder(route: &str, vars: &BTreeMap<&'static str, String>) -> String {
    if !route.contains('{') {
        return route.to_string();
    }
    let collection = route
        .trim_start_matches("/api/v1/")
        .split('/')
        .next()
        .unwrap_or("");
    let (name, key) = match collection {
        "projecten" => ("{slug}", "slug"),
        "peilingen" => ("{id}", "poll"),
        "stemmingen" => ("{id}", "ballot"),
        "ideeen" => ("{id}", "idea"),
        _ => panic!("{route}: seed an object for it in api_schema.rs and name it here"),
    };
    let concrete = route.replace(name, &vars[key]);
    assert!(!concrete.contains('{'), "{route}: a placeholder is left");
    concrete
}

/// More ways to ask a route, each validated too (filters, pages, the nulls).
fn variants(route: &str, vars: &BTreeMap<&'static str, String>) -> Vec<String> {
    match route {
        "/api/v1/ideeen" => vec![
            "/api/v1/ideeen?status=merged".into(),
            format!("/api/v1/ideeen?component={}&page=1", vars["ideas"]),
            format!("/api/v1/ideeen?area={}", vars["district"]),
            "/api/v1/ideeen?page=99".into(),
        ],
        "/api/v1/ideeen/{id}" => ["merged", "redirected", "voted"]
            .iter()
            .map(|k| format!("/api/v1/ideeen/{}", vars[k]))
            .collect(),
        "/api/v1/ideeen/{id}/reacties" => vec![
            format!("/api/v1/ideeen/{}/reacties?page=2", vars["idea"]),
            format!("/api/v1/ideeen/{}/reacties", vars["voted"]),
        ],
        "/api/v1/ruimtes" => vec![
            "/api/v1/ruimtes?q=zaal&sorteer=recent".into(),
            format!("/api/v1/ruimtes?wijk={}&kitchen=1&pagina=2", vars["hood"]),
        ],
        _ => Vec::new(),
    }
}

async fn api_answers_match_the_document(app: TestApp) {
    let vars = seed(&app).await;
    let c = app.client();
    let doc = fetch(&c, &app, "/api/v1/openapi.json").await.body;
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["version"], VERSION);
    let schemas = Schemas::new(&doc);
    let routes = crate::routes::api();
    assert!(routes.len() >= 11, "{routes:?}");
    let mut errors_checked = 0;
    for route in &routes {
        assert!(
            doc["paths"][route]["get"].is_object(),
            "{route} is not in the document"
        );
        let ok = response_schema(&doc, route, "200", "application/json");
        let main = placeholder(route, &vars);
        for (i, url) in std::iter::once(main.clone())
            .chain(variants(route, &vars))
            .enumerate()
        {
            let a = fetch(&c, &app, &url).await;
            assert_eq!(a.status, 200, "{url}: {}", a.body);
            assert!(
                a.content_type.starts_with("application/json"),
                "{url}: {}",
                a.content_type
            );
            assert_eq!(a.version.as_deref(), Some(VERSION), "{url}: API-Version");
            if let Err(e) = schemas.check(ok, &a.body) {
                panic!("{url} does not match the document: {e}\n{}", a.body);
            }
            if i == 0 {
                assert_content(&url, &a.body);
            }
        }
        // An unknown id: 404 with a problem document.
        if route.contains('{') {
            let url = route
                .replace("{slug}", "bestaat-niet")
                .replace("{id}", "999999");
            let a = fetch(&c, &app, &url).await;
            assert_eq!(a.status, 404, "{url}");
            assert_eq!(a.content_type, "application/problem+json", "{url}");
            assert_eq!(a.version.as_deref(), Some(VERSION), "{url}: API-Version");
            let problem = response_schema(&doc, route, "404", "application/problem+json");
            if let Err(e) = schemas.check(problem, &a.body) {
                panic!(
                    "{url}: the 404 does not match the document: {e}\n{}",
                    a.body
                );
            }
            errors_checked += 1;
        }
        // A route that documents 422 refuses a page that is not a number.
        if doc["paths"][route]["get"]["responses"]["422"].is_object() {
            let url = format!("{main}?page=abc");
            let a = fetch(&c, &app, &url).await;
            assert_eq!(a.status, 422, "{url}");
            let problem = response_schema(&doc, route, "422", "application/problem+json");
            if let Err(e) = schemas.check(problem, &a.body) {
                panic!(
                    "{url}: the 422 does not match the document: {e}\n{}",
                    a.body
                );
            }
        }
    }
    assert!(errors_checked >= 5, "routes with an id: {errors_checked}");
    app.stop().await;
}
both!(api_schema, api_answers_match_the_document);

/// `API-Version` on every `/api/` answer: success, errors, unknown paths and methods, an
/// unknown host; not on pages.
async fn api_version_on_every_answer(app: TestApp) {
    let c = app.client();
    let mut paths: Vec<String> = crate::routes::api()
        .iter()
        .map(|r| {
            r.replace("{slug}", "bestaat-niet")
                .replace("{id}", "999999")
        })
        .collect();
    paths.extend([
        "/api/v1/bestaat-niet".to_string(),
        "/api/v1/ideeen?page=abc".to_string(),
        "/api/v1/peilingen/geen-getal/uitslag".to_string(),
    ]);
    for p in &paths {
        let r = c.get(app.url(p)).send().await.unwrap();
        assert_eq!(
            r.headers().get("api-version").and_then(|v| v.to_str().ok()),
            Some(VERSION),
            "{p}: {}",
            r.status()
        );
    }
    let r = c.post(app.url("/api/v1/ideeen")).send().await.unwrap();
    assert!(r.status().is_client_error(), "{}", r.status());
    assert_eq!(r.headers()["api-version"], VERSION, "POST");
    let r = app
        .client_for_host("onbekend.test")
        .get(app.url_for_host("onbekend.test", "/api/v1/gemeente"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(r.headers()["api-version"], VERSION, "unknown host");
    let r = c.get(app.url("/")).send().await.unwrap();
    assert!(r.headers().get("api-version").is_none(), "pages do not");
    app.stop().await;
}
both!(api_version, api_version_on_every_answer);
