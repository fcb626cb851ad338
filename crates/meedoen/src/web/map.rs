//! Server-side maps: an inline SVG with area outlines and place markers, drawn in the
//! Web-Mercator projection. No JavaScript and no map library; the page works as it is.
//!
//! ```ignore
//! let svg = Map::new(640, 420)
//!     .label("Kaart met 12 ruimtes")
//!     .areas(vec![Area::from_geojson("Centrum", geojson).unwrap()])
//!     .markers(vec![Marker::new(52.22, 6.89, "De Kroon").href("/makelpunt/ruimtes/1").tag("1")])
//!     .tiles(Tiles::from_config(&state.config))
//!     .render();
//! ```
//! Put the string in a template with `|safe`: every text and attribute value in it is escaped
//! here.
//!
//! The view is the bounding box of all markers and area outlines (or, with
//! [`Map::focus_markers`], of the markers and highlighted areas), with a margin. With a tile
//! source (`MEEDOEN_MAP_TILE_URL`; by default PDOK's BRT-Achtergrondkaart, see
//! `config::PDOK_TILES`) the map draws the tiles of the nearest whole zoom level underneath,
//! scaled to the view, and shows the source's attribution. Tiles are HTML images without a
//! referrer, so a tile that does not load leaves the plain background, not a broken-image
//! icon. Without tiles (`none`) nothing outside the site is loaded: the map is outlines and
//! markers on a plain background. A page that shows a tiled map must let the browser load
//! the tile host: pass the response through [`allow_tiles`], which asks the security-header
//! middleware to add the tile origin to the CSP's `img-src` for that response only.
//!
//! Accessibility: when markers link somewhere the SVG is a labelled group and every marker is
//! an `<a>` (keyboard-focusable) whose `<title>` names the place; without links it is a
//! labelled image. Pages still put a text list of the same places beside the map.

use std::f64::consts::PI;
use std::fmt::Write;

use axum::response::Response;

use crate::config::Config;

/// Side of a map tile in pixels.
const TILE: f64 = 256.0;
/// Web Mercator stops at about ±85.0511°.
const MAX_LAT: f64 = 85.051_128_78;
/// Highest zoom level used (most tile servers stop at 19).
const MAX_ZOOM: u32 = 18;

/// A place on the map.
#[derive(Clone, Debug)]
pub struct Marker {
    pub lat: f64,
    pub lon: f64,
    /// Names the place: the `<title>` of the marker (its accessible name).
    pub title: String,
    /// Where the marker links to; without it the marker is not a link.
    pub href: Option<String>,
    /// A short text drawn in the marker, e.g. its number in the list beside the map.
    pub tag: Option<String>,
}

impl Marker {
    pub fn new(lat: f64, lon: f64, title: impl Into<String>) -> Marker {
        Marker {
            lat,
            lon,
            title: title.into(),
            href: None,
            tag: None,
        }
    }
    /// Makes the marker a link.
    pub fn href(mut self, href: impl Into<String>) -> Marker {
        self.href = Some(href.into());
        self
    }
    /// A short label inside the marker (at most 3 characters are drawn).
    pub fn tag(mut self, tag: impl Into<String>) -> Marker {
        self.tag = Some(tag.into());
        self
    }
    fn valid(&self) -> bool {
        self.lat.is_finite()
            && self.lon.is_finite()
            && (-90.0..=90.0).contains(&self.lat)
            && (-180.0..=180.0).contains(&self.lon)
    }
}

/// An area outline: one or more polygons, each a list of rings of `(lon, lat)` points (the
/// first ring is the outside, further rings are holes), as in GeoJSON.
#[derive(Clone, Debug, Default)]
pub struct Area {
    pub name: String,
    pub polygons: Vec<Vec<Vec<(f64, f64)>>>,
    /// Drawn emphasised (e.g. the neighbourhood being filtered on).
    pub highlight: bool,
}

impl Area {
    /// Reads a GeoJSON `Polygon` or `MultiPolygon` geometry (also inside a `Feature`).
    /// Returns `None` when the text is not such a geometry or holds no usable point.
    pub fn from_geojson(name: impl Into<String>, geojson: &str) -> Option<Area> {
        let v: serde_json::Value = serde_json::from_str(geojson).ok()?;
        let g = if v.get("type").and_then(|t| t.as_str()) == Some("Feature") {
            v.get("geometry")?.clone()
        } else {
            v
        };
        let coords = g.get("coordinates")?;
        let polys: Vec<&serde_json::Value> = match g.get("type")?.as_str()? {
            "Polygon" => vec![coords],
            "MultiPolygon" => coords.as_array()?.iter().collect(),
            _ => return None,
        };
        let mut polygons = Vec::new();
        for p in polys {
            let mut rings = Vec::new();
            for ring in p.as_array()? {
                let pts: Vec<(f64, f64)> = ring
                    .as_array()?
                    .iter()
                    .filter_map(|pt| {
                        let a = pt.as_array()?;
                        let lon = a.first()?.as_f64()?;
                        let lat = a.get(1)?.as_f64()?;
                        ((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat))
                            .then_some((lon, lat))
                    })
                    .collect();
                if pts.len() >= 3 {
                    rings.push(pts);
                }
            }
            if !rings.is_empty() {
                polygons.push(rings);
            }
        }
        if polygons.is_empty() {
            return None;
        }
        Some(Area {
            name: name.into(),
            polygons,
            highlight: false,
        })
    }

    /// Draw this area emphasised.
    pub fn highlighted(mut self, on: bool) -> Area {
        self.highlight = on;
        self
    }
}

/// A raster tile source: a URL template with `{z}`, `{x}`, `{y}` (and optionally `{s}` for
/// the subdomains a, b, c), plus the attribution its licence requires.
#[derive(Clone, Debug)]
pub struct Tiles {
    pub url_template: String,
    pub attribution: String,
    pub attribution_url: String,
}

impl Tiles {
    /// The configured tile source, or `None` when `map_tile_url` is `none`, empty or unusable.
    /// Without a configured attribution, the one its licence asks for: "Kaartgegevens ©
    /// Kadaster" for PDOK (as PDOK's own viewers and NL Maps credit the BRT-Achtergrondkaart),
    /// the OpenStreetMap credit for any other source (most tile servers draw OpenStreetMap).
    pub fn from_config(c: &Config) -> Option<Tiles> {
        let url = c.map_tile_url.trim();
        if url.is_empty() || url.eq_ignore_ascii_case("none") {
            return None;
        }
        let (attribution, attribution_url) = if !c.map_tile_attribution.trim().is_empty() {
            (
                c.map_tile_attribution.trim().to_string(),
                c.map_tile_attribution_url.trim().to_string(),
            )
        } else if url.starts_with("https://service.pdok.nl/") {
            (
                "Kaartgegevens © Kadaster".to_string(),
                "https://www.kadaster.nl".to_string(),
            )
        } else {
            (
                "© OpenStreetMap-bijdragers".to_string(),
                "https://www.openstreetmap.org/copyright".to_string(),
            )
        };
        let t = Tiles {
            url_template: url.to_string(),
            attribution,
            attribution_url,
        };
        t.origin().map(|_| t)
    }

    /// The CSP source for the tile host, e.g. `https://tile.openstreetmap.org` (a `{s}`
    /// subdomain becomes `*`). `None` when the template is not an http(s) URL with `{z}`,
    /// `{x}` and `{y}` and a plain host name, so nothing odd ever reaches a header.
    pub fn origin(&self) -> Option<String> {
        let u = &self.url_template;
        if !(u.contains("{z}") && u.contains("{x}") && u.contains("{y}")) {
            return None;
        }
        let (scheme, rest) = u.split_once("://")?;
        if scheme != "https" && scheme != "http" {
            return None;
        }
        let host = rest.split('/').next()?.replace("{s}", "*");
        let ok = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '*'))
            && !host.starts_with('.')
            && host.matches('*').count() <= 1
            && (!host.contains('*') || host.starts_with("*."));
        ok.then(|| format!("{scheme}://{host}"))
    }

    fn url(&self, z: u32, x: i64, y: i64) -> String {
        let s = ["a", "b", "c"][((x + y).rem_euclid(3)) as usize];
        self.url_template
            .replace("{z}", &z.to_string())
            .replace("{x}", &x.to_string())
            .replace("{y}", &y.to_string())
            .replace("{s}", s)
    }
}

/// Lets the browser load `tiles` on this response: the security-header middleware adds the
/// tile origin to `img-src`. Without tiles the response is returned unchanged.
pub fn allow_tiles(mut res: Response, tiles: Option<&Tiles>) -> Response {
    if let Some(o) = tiles.and_then(|t| t.origin()) {
        res.extensions_mut().insert(super::security::ExtraImgSrc(o));
    }
    res
}

/// Longitude/latitude to world pixels at zoom 0 (a 256 × 256 square).
fn project(lat: f64, lon: f64) -> (f64, f64) {
    let lat = lat.clamp(-MAX_LAT, MAX_LAT).to_radians();
    let x = (lon + 180.0) / 360.0 * TILE;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / PI) / 2.0 * TILE;
    (x, y)
}

/// Escapes text for SVG/HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            c => o.push(c),
        }
    }
    o
}

/// A map to render. See the module documentation.
#[derive(Clone, Debug)]
pub struct Map {
    width: u32,
    height: u32,
    label: String,
    areas: Vec<Area>,
    markers: Vec<Marker>,
    tiles: Option<Tiles>,
    /// Smallest span in degrees, so a single point does not zoom in to the street.
    min_span: f64,
    /// Fit the view to the markers (and highlighted areas) only, not to every outline.
    focus_markers: bool,
}

impl Map {
    /// A map of `width` × `height` pixels (its viewBox; CSS may scale it).
    pub fn new(width: u32, height: u32) -> Map {
        Map {
            width: width.clamp(50, 4000),
            height: height.clamp(50, 4000),
            label: String::new(),
            areas: Vec::new(),
            markers: Vec::new(),
            tiles: None,
            min_span: 0.01,
            focus_markers: false,
        }
    }
    /// The accessible name of the whole map, e.g. "Kaart met 12 ruimtes".
    pub fn label(mut self, label: impl Into<String>) -> Map {
        self.label = label.into();
        self
    }
    pub fn areas(mut self, areas: Vec<Area>) -> Map {
        self.areas = areas;
        self
    }
    pub fn markers(mut self, markers: Vec<Marker>) -> Map {
        self.markers = markers.into_iter().filter(|m| m.valid()).collect();
        self
    }
    /// A tile background (usually `Tiles::from_config(&config)`); `None` keeps it plain.
    pub fn tiles(mut self, tiles: Option<Tiles>) -> Map {
        self.tiles = tiles;
        self
    }
    /// The smallest width and height of the view in degrees (default 0.01, a few streets).
    pub fn min_span(mut self, degrees: f64) -> Map {
        if degrees.is_finite() && degrees > 0.0 {
            self.min_span = degrees;
        }
        self
    }

    /// Fit the view to the markers and the highlighted areas, so that outlines around them
    /// (a whole municipality's districts, say) do not shrink the places to a cluster; the
    /// outlines are still drawn, cut off at the map's edge. Without markers or highlighted
    /// areas the view holds every outline.
    pub fn focus_markers(mut self) -> Map {
        self.focus_markers = true;
        self
    }

    /// Bounding box (min lon, min lat, max lon, max lat) of what the view must hold, if
    /// anything: everything drawn, or with [`Map::focus_markers`] the markers and the
    /// highlighted areas.
    pub fn bounds(&self) -> Option<(f64, f64, f64, f64)> {
        let focused = self.focus_markers
            && (!self.markers.is_empty() || self.areas.iter().any(|a| a.highlight));
        let pts = self.markers.iter().map(|m| (m.lon, m.lat)).chain(
            self.areas
                .iter()
                .filter(|a| !focused || a.highlight)
                .flat_map(|a| a.polygons.iter().flatten().flatten().copied()),
        );
        let mut b: Option<(f64, f64, f64, f64)> = None;
        for (lon, lat) in pts {
            b = Some(match b {
                None => (lon, lat, lon, lat),
                Some((a, c, d, e)) => (a.min(lon), c.min(lat), d.max(lon), e.max(lat)),
            });
        }
        b.map(|(x0, y0, x1, y1)| {
            let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
            let hw = ((x1 - x0) / 2.0).max(self.min_span / 2.0);
            let hh = ((y1 - y0) / 2.0).max(self.min_span / 2.0);
            (cx - hw, cy - hh, cx + hw, cy + hh)
        })
    }

    /// The projection: zoom level `z` (world is 256·2^z px) and the world-pixel offset of the
    /// map's top-left corner, with a margin around the content.
    fn view(&self) -> Option<(f64, f64, f64)> {
        let (x0, y0, x1, y1) = self.bounds()?;
        let (ax, ay) = project(y1, x0); // top-left (north-west)
        let (bx, by) = project(y0, x1); // bottom-right (south-east)
        let (dw, dh) = ((bx - ax).max(1e-9), (by - ay).max(1e-9));
        let margin = 0.85;
        let fit = (self.width as f64 * margin / dw).min(self.height as f64 * margin / dh);
        let z = fit.log2().clamp(0.0, MAX_ZOOM as f64);
        let scale = 2f64.powf(z);
        let cx = (ax + bx) / 2.0 * scale;
        let cy = (ay + by) / 2.0 * scale;
        Some((
            z,
            cx - self.width as f64 / 2.0,
            cy - self.height as f64 / 2.0,
        ))
    }

    /// The SVG element, and with tiles the line crediting their source after it. Safe to
    /// insert unescaped: all text in it is escaped.
    pub fn render(&self) -> String {
        let (w, h) = (self.width, self.height);
        let linked = self.markers.iter().any(|m| m.href.is_some());
        let mut o = String::new();
        let _ = write!(
            o,
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="{}" aria-label="{}">"#,
            if linked { "group" } else { "img" },
            escape(&self.label),
        );
        let _ = write!(
            o,
            r#"<rect class="map-bg" x="0" y="0" width="{w}" height="{h}"/>"#
        );
        let Some((z, ox, oy)) = self.view() else {
            o.push_str("</svg>");
            return o;
        };
        let scale = 2f64.powf(z);
        let px = |lat: f64, lon: f64| {
            let (x, y) = project(lat, lon);
            (x * scale - ox, y * scale - oy)
        };
        if let Some(t) = &self.tiles {
            // Tiles of the nearest whole zoom level, drawn a little larger or smaller (at
            // most √2) to fit the view's exact zoom, so the map is as large as its content.
            let zi = z.round().clamp(0.0, MAX_ZOOM as f64) as u32;
            let n = 1i64 << zi;
            let ts = TILE * 2f64.powf(z - f64::from(zi));
            let tx0 = (ox / ts).floor() as i64;
            let tx1 = ((ox + w as f64) / ts).floor() as i64;
            let ty0 = ((oy / ts).floor() as i64).max(0);
            let ty1 = (((oy + h as f64) / ts).floor() as i64).min(n - 1);
            // HTML images in foreignObject, not SVG <image>: a tile that does not load (no
            // network, the service down) then shows nothing instead of a broken-image icon.
            // No referrer: the tile service learns nothing about the page.
            o.push_str(r#"<g class="map-tiles" aria-hidden="true">"#);
            let side = ts.ceil() as u32 + 1;
            for ty in ty0..=ty1 {
                for tx in tx0..=tx1 {
                    let _ = write!(
                        o,
                        r#"<foreignObject x="{:.1}" y="{:.1}" width="{side}" height="{side}"><img xmlns="http://www.w3.org/1999/xhtml" src="{}" alt="" width="{side}" height="{side}" referrerpolicy="no-referrer" decoding="async"/></foreignObject>"#,
                        tx as f64 * ts - ox,
                        ty as f64 * ts - oy,
                        escape(&t.url(zi, tx.rem_euclid(n), ty)),
                    );
                }
            }
            o.push_str("</g>");
        }
        if !self.areas.is_empty() {
            o.push_str(r#"<g class="map-areas">"#);
            for a in &self.areas {
                let mut d = String::new();
                for ring in a.polygons.iter().flatten() {
                    for (i, (lon, lat)) in ring.iter().enumerate() {
                        let (x, y) = px(*lat, *lon);
                        let _ = write!(d, "{}{x:.1} {y:.1}", if i == 0 { "M" } else { "L" });
                    }
                    d.push('Z');
                }
                let _ = write!(
                    o,
                    r#"<path class="map-area{}" fill-rule="evenodd" d="{d}"><title>{}</title></path>"#,
                    if a.highlight {
                        " map-area-highlight"
                    } else {
                        ""
                    },
                    escape(&a.name)
                );
            }
            o.push_str("</g>");
        }
        o.push_str(r#"<g class="map-markers">"#);
        // Markers grow with the map, which CSS shrinks on narrow screens.
        let r = (f64::from(w.min(h)) / 40.0).clamp(9.0, 13.0);
        for m in &self.markers {
            let (x, y) = px(m.lat, m.lon);
            let mut shape = format!(
                r#"<title>{}</title><circle class="map-marker" cx="{x:.1}" cy="{y:.1}" r="{r:.0}"/>"#,
                escape(&m.title)
            );
            if let Some(tag) = &m.tag {
                let tag: String = tag.chars().take(3).collect();
                let _ = write!(
                    shape,
                    r#"<text class="map-marker-tag" x="{x:.1}" y="{:.1}" text-anchor="middle" aria-hidden="true">{}</text>"#,
                    y + 4.0,
                    escape(&tag)
                );
            }
            match &m.href {
                Some(href) => {
                    // The focus ring: drawn only while the link has keyboard focus (app.css),
                    // so focus shows as a shape, not only as a change of colour.
                    let _ = write!(
                        o,
                        r#"<a class="map-link" href="{}">{shape}<ellipse class="map-marker-ring" cx="{x:.1}" cy="{y:.1}" rx="{ring:.0}" ry="{ring:.0}" fill="none"/></a>"#,
                        escape(href),
                        ring = r + 6.0
                    );
                }
                None => {
                    let _ = write!(o, "<g>{shape}</g>");
                }
            }
        }
        o.push_str("</g>");
        o.push_str("</svg>");
        // The credit the tile licence asks for, as text below the map: inside the SVG it
        // would shrink with the map and be unreadable on a phone.
        if let Some(t) = &self.tiles {
            let text = escape(&t.attribution);
            if t.attribution_url.starts_with("https://") || t.attribution_url.starts_with("http://")
            {
                let _ = write!(
                    o,
                    r#"<p class="map-credit"><a href="{}">{text}</a></p>"#,
                    escape(&t.attribution_url)
                );
            } else if !text.is_empty() {
                let _ = write!(o, r#"<p class="map-credit">{text}</p>"#);
            }
        }
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enschede() -> Vec<Marker> {
        vec![
            Marker::new(52.2215, 6.8937, "Stadhuis").href("/a?x=1&y=2"),
            Marker::new(52.2301, 6.8751, "De <Kroon> & \"Co\"")
                .href("/b")
                .tag("2"),
        ]
    }

    #[test]
    fn projection_is_web_mercator() {
        let (x, y) = project(0.0, 0.0);
        assert!((x - 128.0).abs() < 1e-9 && (y - 128.0).abs() < 1e-9);
        let (x, y) = project(MAX_LAT, -180.0);
        assert!(x.abs() < 1e-9 && y.abs() < 1e-6);
        // Enschede at zoom 0: x = (6.89+180)/360*256.
        let (x, _) = project(52.22, 6.89);
        assert!((x - 132.899).abs() < 0.01);
        // Further north is higher up (smaller y).
        assert!(project(53.0, 6.89).1 < project(52.0, 6.89).1);
    }

    #[test]
    fn markers_are_escaped_links_with_titles_inside_the_view() {
        let svg = Map::new(400, 300)
            .label("Kaart <2>")
            .markers(enschede())
            .render();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"role="group" aria-label="Kaart &lt;2&gt;""#));
        assert!(
            svg.contains(r#"<a class="map-link" href="/a?x=1&amp;y=2"><title>Stadhuis</title>"#)
        );
        assert!(svg.contains("<title>De &lt;Kroon&gt; &amp; &quot;Co&quot;</title>"));
        assert!(!svg.contains("<Kroon>"));
        assert!(svg.contains(">2</text>"));
        // No tiles configured: nothing external.
        assert!(!svg.contains("<image") && svg.matches("http").count() == 1); // the xmlns
                                                                              // Every marker centre lies inside the viewBox.
        for part in svg.split("<circle").skip(1) {
            let num = |k: &str| -> f64 {
                let s = part.split(&format!("{k}=\"")).nth(1).unwrap();
                s.split('"').next().unwrap().parse().unwrap()
            };
            let (cx, cy) = (num("cx"), num("cy"));
            assert!(
                (0.0..=400.0).contains(&cx) && (0.0..=300.0).contains(&cy),
                "{cx},{cy}"
            );
        }
    }

    #[test]
    fn west_is_left_and_north_is_up() {
        let svg = Map::new(400, 300).markers(enschede()).render();
        let cs: Vec<(f64, f64)> = svg
            .split("<circle")
            .skip(1)
            .map(|p| {
                let g = |k: &str| -> f64 {
                    p.split(&format!("{k}=\""))
                        .nth(1)
                        .unwrap()
                        .split('"')
                        .next()
                        .unwrap()
                        .parse()
                        .unwrap()
                };
                (g("cx"), g("cy"))
            })
            .collect();
        // The second marker is north-west of the first.
        assert!(cs[1].0 < cs[0].0 && cs[1].1 < cs[0].1);
    }

    #[test]
    fn unlinked_map_is_a_labelled_image_and_empty_map_renders() {
        let svg = Map::new(200, 150)
            .label("Ligging")
            .markers(vec![Marker::new(52.22, 6.89, "Hier")])
            .render();
        assert!(svg.contains(r#"role="img" aria-label="Ligging""#));
        assert!(!svg.contains("<a "));
        let empty = Map::new(200, 150).render();
        assert!(empty.contains("<rect") && !empty.contains("<circle"));
        // Invalid coordinates are dropped, not drawn at NaN.
        let bad = Map::new(200, 150)
            .markers(vec![
                Marker::new(f64::NAN, 6.0, "x"),
                Marker::new(95.0, 6.0, "y"),
            ])
            .render();
        assert!(!bad.contains("<circle") && !bad.contains("NaN"));
    }

    #[test]
    fn areas_from_geojson() {
        let poly = r#"{"type":"Polygon","coordinates":[[[6.88,52.21],[6.90,52.21],[6.90,52.23],[6.88,52.23],[6.88,52.21]]]}"#;
        let a = Area::from_geojson("Centrum & Oost", poly).unwrap();
        assert_eq!(a.polygons.len(), 1);
        let multi = r#"{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[6.8,52.2],[6.81,52.2],[6.81,52.21]]],[[[6.9,52.2],[6.91,52.2],[6.91,52.21]]]]}}"#;
        assert_eq!(Area::from_geojson("x", multi).unwrap().polygons.len(), 2);
        assert!(Area::from_geojson("x", r#"{"type":"Point","coordinates":[6,52]}"#).is_none());
        assert!(Area::from_geojson("x", "not json").is_none());
        let svg = Map::new(300, 300).areas(vec![a.highlighted(true)]).render();
        assert!(svg.contains("map-area map-area-highlight"));
        assert!(svg.contains("<title>Centrum &amp; Oost</title>"));
        assert!(svg.contains(r#"d="M"#) && svg.contains("Z\""));
    }

    #[test]
    fn tiles_cover_the_view_and_carry_attribution() {
        let t = Tiles {
            url_template: "https://tile.openstreetmap.org/{z}/{x}/{y}.png".into(),
            attribution: "© OpenStreetMap-bijdragers".into(),
            attribution_url: "https://www.openstreetmap.org/copyright".into(),
        };
        assert_eq!(
            t.origin().as_deref(),
            Some("https://tile.openstreetmap.org")
        );
        let svg = Map::new(400, 300)
            .markers(enschede())
            .tiles(Some(t))
            .render();
        let n = svg.matches("<img ").count();
        // 400 × 300 px with tiles of 181 to 362 px (a whole zoom level scaled at most √2)
        // needs at least 2 × 1 tiles and never more than 4 × 3.
        assert!((2..=12).contains(&n), "{n} tiles");
        assert!(svg.contains(r#"src="https://tile.openstreetmap.org/"#));
        assert!(
            svg.contains(r#"alt="" width="#) && svg.contains(r#"referrerpolicy="no-referrer""#)
        );
        assert!(
            !svg.contains("<image"),
            "no SVG image: it would show a broken icon offline"
        );
        assert!(svg.contains("© OpenStreetMap-bijdragers"));
        assert!(svg.contains(r#"href="https://www.openstreetmap.org/copyright""#));
        // The tile zoom is a whole number: Enschede at zoom z has x tile near 2^z * 0.519.
        let first = svg.split("tile.openstreetmap.org/").nth(1).unwrap();
        let z: u32 = first.split('/').next().unwrap().parse().unwrap();
        assert!((10..=MAX_ZOOM).contains(&z), "zoom {z}");
    }

    #[test]
    fn tile_origins_are_checked() {
        let t = |u: &str| Tiles {
            url_template: u.into(),
            attribution: String::new(),
            attribution_url: String::new(),
        };
        assert_eq!(
            t("https://{s}.tile.example.org/{z}/{x}/{y}.png")
                .origin()
                .as_deref(),
            Some("https://*.tile.example.org")
        );
        assert_eq!(
            t("http://localhost:8081/{z}/{x}/{y}.png")
                .origin()
                .as_deref(),
            Some("http://localhost:8081")
        );
        assert!(t("").origin().is_none());
        assert!(t("https://x.org/tiles.png").origin().is_none());
        assert!(t("javascript:alert(1)/{z}/{x}/{y}").origin().is_none());
        assert!(t("https://evil.org; script-src *;/{z}/{x}/{y}")
            .origin()
            .is_none());
        assert!(t("ftp://x.org/{z}/{x}/{y}").origin().is_none());
    }
}
