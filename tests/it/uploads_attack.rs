//! Hostile uploads (issue 6): polyglots (GIF/JS, PNG or JPEG with HTML, ZIP or PHP behind
//! or inside), decompression bombs, SVG with script, an extension that lies, files that are
//! too large and path-traversal names. Each is refused with a clear Dutch message, and
//! nothing is stored: no `uploads` or `space_photos` row and no file in the storage folder.
//! A clean image through the same form is stored (the control).

use meedoen::args;
use reqwest::multipart::{Form, Part};

use crate::authz::seed;
use crate::both;
use crate::projects::{png, png_header};
use crate::support::TestApp;

fn gif(comment: Option<&[u8]>) -> Vec<u8> {
    let mut g = b"GIF89a".to_vec();
    g.extend_from_slice(&[1, 0, 1, 0, 0x80, 0, 0]);
    g.extend_from_slice(&[0, 0, 0, 255, 255, 255]);
    if let Some(c) = comment {
        g.extend_from_slice(&[0x21, 0xFE]);
        for chunk in c.chunks(255) {
            g.push(chunk.len() as u8);
            g.extend_from_slice(chunk);
        }
        g.push(0);
    }
    g.extend_from_slice(&[0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0]);
    g.extend_from_slice(&[0x02, 0x02, 0x44, 0x01, 0x00]);
    g.push(0x3B);
    g
}

fn jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_pixel(16, 16, image::Rgb([20, 120, 40]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(
            &mut std::io::Cursor::new(&mut out),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    out
}

fn with_tail(mut b: Vec<u8>, tail: &[u8]) -> Vec<u8> {
    b.extend_from_slice(tail);
    b
}

/// A PNG with a tEXt chunk right after IHDR.
fn png_with_text(text: &[u8]) -> Vec<u8> {
    let p = png(4, 4);
    let ihdr_end = 8 + 4 + 4 + 13 + 4;
    let mut chunk = b"tEXt".to_vec();
    chunk.extend_from_slice(b"Comment\0");
    chunk.extend_from_slice(text);
    let mut out = p[..ihdr_end].to_vec();
    out.extend_from_slice(&((chunk.len() - 4) as u32).to_be_bytes());
    out.extend_from_slice(&chunk);
    out.extend_from_slice(&crc32(&chunk).to_be_bytes());
    out.extend_from_slice(&p[ihdr_end..]);
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for b in data {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A JPEG with a comment segment right after SOI.
fn jpeg_with_comment(text: &[u8]) -> Vec<u8> {
    let j = jpeg();
    let mut out = j[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xFE]);
    out.extend_from_slice(&((text.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(text);
    out.extend_from_slice(&j[2..]);
    out
}

fn files_in(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        files_in(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

async fn stored(app: &TestApp) -> (i64, i64, usize) {
    let uploads: i64 = app
        .db
        .scalar("SELECT COUNT(*) FROM uploads", vec![])
        .await
        .unwrap()
        .unwrap_or(0);
    let photos: i64 = app
        .db
        .scalar("SELECT COUNT(*) FROM space_photos", vec![])
        .await
        .unwrap()
        .unwrap_or(0);
    (uploads, photos, files_in(&app.data_dir))
}

async fn hostile_uploads_are_refused(app: TestApp) {
    let fx = seed(&app).await;
    let (author, ..) = fx.users["author"];
    let url = app.url(&format!(
        "/makelpunt/aanbieder/{}/ruimtes/{}/fotos",
        fx.vars["provider"], fx.vars["space"]
    ));
    let hidden = "bevat naast de afbeelding ook iets anders";
    let not_image = "geen afbeelding die wij kunnen gebruiken";
    let wrong_ext = "past niet bij wat erin zit";
    let bad_name = "naam van dit bestand kunnen we niet gebruiken";
    let pixels = "te veel pixels";
    let big = "te groot";
    let svg = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert('XSS')"><script>alert('XSS')</script><rect width="10" height="10"/></svg>"#.to_vec();
    let mut too_large = png(8, 8);
    too_large.resize(9 * 1024 * 1024, 0);
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        (
            "GIF with script in a comment",
            gif(Some(b"*/=alert('XSS')//<script>alert(1)</script>")),
            "zaal.gif",
            hidden,
        ),
        (
            "GIF with JavaScript behind the trailer",
            with_tail(gif(None), b"\n;alert('XSS');//"),
            "zaal.gif",
            hidden,
        ),
        (
            "GIF/JS header polyglot",
            b"GIF89a/*\x01\x00\x01\x00\x80\x00\x00*/=alert('XSS');//\x00\x00\x3b".to_vec(),
            "zaal.gif",
            "",
        ),
        (
            "PNG with an HTML page behind IEND",
            with_tail(
                png(8, 8),
                b"<html><body><script>alert('XSS')</script></body></html>",
            ),
            "zaal.png",
            hidden,
        ),
        (
            "PNG with a ZIP behind IEND",
            with_tail(png(8, 8), b"PK\x03\x04\x14\x00\x00\x00\x08\x00evil.jsp"),
            "zaal.png",
            hidden,
        ),
        (
            "PNG with any data behind IEND",
            with_tail(png(8, 8), &[7u8; 64]),
            "zaal.png",
            hidden,
        ),
        (
            "PNG with script in a text chunk",
            png_with_text(b"<script>alert('XSS')</script>"),
            "zaal.png",
            hidden,
        ),
        (
            "JPEG with PHP in a comment",
            jpeg_with_comment(b"<?php system($_GET['c']); ?>"),
            "zaal.jpg",
            hidden,
        ),
        (
            "JPEG with HTML behind EOI",
            with_tail(jpeg(), b"<!doctype html><script>alert('XSS')</script>"),
            "zaal.jpg",
            hidden,
        ),
        (
            "JPEG with a PDF behind EOI",
            with_tail(jpeg(), b"%PDF-1.7\n1 0 obj <<>> endobj"),
            "zaal.jpg",
            hidden,
        ),
        (
            "PNG decompression bomb (50,000 x 50,000)",
            png_header(50_000, 50_000),
            "bom.png",
            pixels,
        ),
        (
            "PNG bomb of 1 x 1,000,000,000",
            png_header(1, 1_000_000_000),
            "bom.png",
            pixels,
        ),
        ("SVG with script", svg.clone(), "zaal.svg", not_image),
        ("SVG with script named .png", svg, "zaal.png", not_image),
        (
            "HTML named .png",
            b"<html><script>alert('XSS')</script></html>".to_vec(),
            "zaal.png",
            not_image,
        ),
        ("PNG named .jpg", png(8, 8), "zaal.jpg", wrong_ext),
        ("JPEG named .png", jpeg(), "zaal.png", wrong_ext),
        ("PNG named .html", png(8, 8), "zaal.html", wrong_ext),
        ("PNG named .svg", png(8, 8), "zaal.svg", wrong_ext),
        ("PNG named .png.php", png(8, 8), "zaal.png.php", wrong_ext),
        ("9 MB file", too_large, "groot.png", big),
        (
            "path traversal",
            png(8, 8),
            "../../../etc/cron.d/zaal.png",
            bad_name,
        ),
        (
            "path traversal, Windows",
            png(8, 8),
            "..\\..\\zaal.png",
            bad_name,
        ),
        ("absolute path", png(8, 8), "/etc/passwd.png", bad_name),
        ("hidden file name", png(8, 8), ".htaccess", bad_name),
    ];
    let before = stored(&app).await;
    let mut failures = Vec::new();
    for (what, bytes, name, message) in &cases {
        // Each upload from its own client: a body refused mid-way closes the connection.
        let c = app.session_for(author, false).await;
        let form = Form::new().text("alt", "Een zaal").part(
            "photo",
            Part::bytes(bytes.clone())
                .file_name(name.to_string())
                .mime_str("image/png")
                .unwrap(),
        );
        let r = c.post(&url).multipart(form).send().await;
        let Ok(r) = r else {
            failures.push(format!("{what}: connection error"));
            continue;
        };
        let status = r.status().as_u16();
        let body = r.text().await.unwrap_or_default();
        if !(status == 422 || status == 413) {
            failures.push(format!("{what}: status {status}"));
        } else if !message.is_empty() && !body.contains(message) {
            failures.push(format!("{what}: message \"{message}\" missing"));
        } else if !body.contains("lang=\"nl\"") {
            failures.push(format!("{what}: not a Dutch page"));
        }
        let now = stored(&app).await;
        if now != before {
            failures.push(format!(
                "{what}: something was stored: {before:?} -> {now:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "hostile uploads:\n{}",
        failures.join("\n")
    );
    // The control: a clean image through the same form is stored, re-encoded as JPEG.
    let c = app.session_for(author, false).await;
    let form = Form::new().text("alt", "Een zaal").part(
        "photo",
        Part::bytes(png(40, 30))
            .file_name("zaal.png")
            .mime_str("image/png")
            .unwrap(),
    );
    let r = c.post(&url).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let after = stored(&app).await;
    assert_eq!(after.0, before.0 + 1, "one upload row");
    assert_eq!(after.2, before.2 + 2, "two variants on disk");
    let name: Option<String> = app
        .db
        .scalar(
            "SELECT original_name FROM uploads WHERE org_id = $1 ORDER BY id DESC LIMIT 1",
            args![app.org_id],
        )
        .await
        .unwrap();
    assert_eq!(name.as_deref(), Some("zaal.png"));
    println!("uploads: {} hostile files refused", cases.len());
    app.stop().await;
}
both!(hostile_uploads, hostile_uploads_are_refused);
