//! Pictures for the demo, drawn in code when the demo loads: flat illustrations in a calm
//! palette (a playground, a park with benches, a street with trees, a square, a community
//! hall, a sports hall, a school, a church, a culture house, and rooms inside), different for
//! every item through a seed. Nothing is fetched from outside.
//!
//! Drawn with `tiny-skia` (paths, fills, strokes, gradients; five small crates) rather than as
//! SVG rendered by `resvg`, which would add an SVG parser, a CSS parser, text shaping and
//! their dependencies (about twenty crates) to a two-core build for the same flat shapes.
//! Each picture is 840 × 560 pixels and goes through the upload pipeline's
//! `uploads::variants`, so it is stored like any upload: a large and a small JPEG and an
//! `uploads` row, with a text alternative on the row that uses it.

use tiny_skia::{
    Color, FillRule, GradientStop, LineCap, LineJoin, LinearGradient, Paint, PathBuilder, Pixmap,
    Point, Rect, SpreadMode, Stroke, Transform,
};

use crate::args;
use crate::db::{now, Db};
use crate::uploads::Storage;

/// The drawing's own coordinates: scenes are designed on 1200 × 800.
const W: f32 = 1200.0;
const H: f32 = 800.0;
/// The stored picture's width and height (3:2): enough for a card on a sharp screen (the
/// large variant then serves 2× a 20rem card) and for a project page's cover. JPEG encoding
/// is most of a picture's cost in a debug build (about 90 ms here), so not larger.
pub const PICTURE_WIDTH: u32 = 840;
pub const PICTURE_HEIGHT: u32 = 560;

/// What a picture shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scene {
    Playground,
    WaterPlay,
    Park,
    Picnic,
    Fitness,
    Garden,
    Street,
    BusStop,
    SchoolStreet,
    Square,
    CommunityHall,
    SportsHall,
    School,
    Church,
    CultureHouse,
    Hall,
    Meeting,
    Kitchen,
    Stage,
}

impl Scene {
    /// The text alternative: what the drawing shows, for people who cannot see it.
    pub fn alt(self) -> &'static str {
        match self {
            Scene::Playground => "Tekening van een speeltuin met een glijbaan, een schommel, een zandbak en bomen.",
            Scene::WaterPlay => "Tekening van een speelplek met water: kinderen spelen tussen fonteintjes op het gras.",
            Scene::Park => "Tekening van een park met een wandelpad, bankjes, een vijver en bomen.",
            Scene::Picnic => "Tekening van een picknickplek op het gras, met picknicktafels en bomen.",
            Scene::Fitness => "Tekening van buitenfitness in een park: rekstokken naast een wandelpad.",
            Scene::Garden => "Tekening van een buurttuin met moestuinbakken en fruitbomen.",
            Scene::Street => "Tekening van een straat met rijtjeshuizen, bomen en een stoep.",
            Scene::BusStop => "Tekening van een bushalte met een bank in een straat met bomen.",
            Scene::SchoolStreet => "Tekening van een straat bij een school, met een zebrapad en kinderen op weg naar school.",
            Scene::Square => "Tekening van een plein met bomen, een fontein en bankjes, met gebouwen eromheen.",
            Scene::CommunityHall => "Tekening van een buurthuis van baksteen met grote ramen, een bank en bomen.",
            Scene::SportsHall => "Tekening van een sporthal van binnen, met lijnen op de vloer en een basketbalbord.",
            Scene::School => "Tekening van een schoolgebouw met veel ramen, een klok en fietsen.",
            Scene::Church => "Tekening van een kerk met een toren, tussen de bomen.",
            Scene::CultureHouse => "Tekening van een modern cultuurhuis met grote ramen en een plein.",
            Scene::Hall => "Tekening van een lichte zaal met ronde tafels, stoelen en grote ramen.",
            Scene::Meeting => "Tekening van een vergaderruimte met een lange tafel, stoelen en een raam.",
            Scene::Kitchen => "Tekening van een keuken met een aanrecht, een fornuis en een tafel.",
            Scene::Stage => "Tekening van een zaal met een podium en rijen stoelen.",
        }
    }

    /// The scene that fits a demo space: the building for its provider's first room, the
    /// room inside for the others.
    pub fn for_space(provider_kind: &str, room: &str, first: bool) -> Scene {
        if first {
            return match provider_kind {
                "buurthuis" => Scene::CommunityHall,
                "sportclub" => Scene::SportsHall,
                "speeltuinvereniging" => Scene::Playground,
                "school" => Scene::School,
                "kerk" => Scene::Church,
                _ => Scene::CultureHouse,
            };
        }
        let r = room.to_lowercase();
        if ["sporthal", "gymzaal", "dojo"]
            .iter()
            .any(|k| r.contains(k))
        {
            Scene::SportsHall
        } else if r.contains("keuken") {
            Scene::Kitchen
        } else if ["aula", "theater", "kerkzaal", "studio"]
            .iter()
            .any(|k| r.contains(k))
        {
            Scene::Stage
        } else if ["buitenterrein", "terras"].iter().any(|k| r.contains(k)) {
            Scene::Playground
        } else if [
            "vergader",
            "bestuurs",
            "consistorie",
            "lokaal",
            "mediatheek",
            "knutsel",
            "atelier",
            "werkplaats",
        ]
        .iter()
        .any(|k| r.contains(k))
        {
            Scene::Meeting
        } else {
            Scene::Hall
        }
    }

    /// The scene for a demo project, by its slug.
    pub fn for_project(slug: &str) -> Scene {
        match slug {
            s if s.contains("speel") => Scene::Playground,
            s if s.contains("plein") => Scene::Square,
            s if s.contains("school") => Scene::SchoolStreet,
            s if s.contains("buurthuis") => Scene::CommunityHall,
            s if s.contains("noord") => Scene::Street,
            _ => Scene::Park,
        }
    }

    /// The scene for a demo idea, by words in its title; `None` for ideas without a picture.
    pub fn for_idea(title: &str) -> Option<Scene> {
        let t = title.to_lowercase();
        let has = |ks: &[&str]| ks.iter().any(|k| t.contains(k));
        Some(if has(&["waterspeel"]) {
            Scene::WaterPlay
        } else if has(&["speel", "kabelbaan", "zandbak"]) {
            Scene::Playground
        } else if has(&["pluktuin", "moestuin"]) {
            Scene::Garden
        } else if has(&["picknick"]) {
            Scene::Picnic
        } else if has(&["fitness", "calisthenics", "beweegroute"]) {
            Scene::Fitness
        } else if has(&["bankjes", "wandel"]) {
            Scene::Park
        } else if has(&["bushalte"]) {
            Scene::BusStop
        } else if has(&["boomspiegel", "bermen"]) {
            Scene::Street
        } else {
            return None;
        })
    }
}

/// A small deterministic generator (xorshift), so every demo looks the same.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    /// 0.0..1.0
    fn f(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
    fn range(&mut self, a: f32, b: f32) -> f32 {
        a + (b - a) * self.f()
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[(self.next() % xs.len() as u64) as usize]
    }
    fn chance(&mut self, p: f32) -> bool {
        self.f() < p
    }
}

fn rgb(hex: u32) -> Color {
    Color::from_rgba8((hex >> 16) as u8, (hex >> 8) as u8, hex as u8, 255)
}

fn rgba(hex: u32, a: f32) -> Color {
    let mut c = rgb(hex);
    c.set_alpha(a);
    c
}

/// `c` lighter (amount > 0) or darker (< 0), by a share of the way to white or black.
fn shade(c: Color, amount: f32) -> Color {
    let f = |v: f32| {
        if amount >= 0.0 {
            v + (1.0 - v) * amount
        } else {
            v * (1.0 + amount)
        }
    };
    Color::from_rgba(f(c.red()), f(c.green()), f(c.blue()), c.alpha()).unwrap_or(c)
}

/// A slightly different tone of `c`, per picture.
fn vary(c: Color, rng: &mut Rng, amount: f32) -> Color {
    let d = rng.range(-amount, amount);
    shade(c, d)
}

struct Canvas {
    pm: Pixmap,
    /// From the design's coordinates to the picture's pixels.
    ts: Transform,
    /// The trees' colours: the season of this picture.
    leaves: &'static [u32],
}

impl Canvas {
    /// A canvas, drawn mirrored when `mirror` (the scenes have no text, so either way reads).
    fn new(mirror: bool, leaves: &'static [u32]) -> Canvas {
        let s = PICTURE_WIDTH as f32 / W;
        let ts = if mirror {
            Transform::from_row(-s, 0.0, 0.0, s, PICTURE_WIDTH as f32, 0.0)
        } else {
            Transform::from_scale(s, s)
        };
        Canvas {
            pm: Pixmap::new(PICTURE_WIDTH, PICTURE_HEIGHT).expect("picture size"),
            ts,
            leaves,
        }
    }

    fn paint(c: Color) -> Paint<'static> {
        let mut p = Paint::default();
        p.set_color(c);
        p.anti_alias = true;
        p
    }

    fn fill(&mut self, pb: PathBuilder, c: Color) {
        if let Some(path) = pb.finish() {
            self.pm
                .fill_path(&path, &Self::paint(c), FillRule::Winding, self.ts, None);
        }
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, c: Color) {
        if let Some(r) = Rect::from_xywh(x, y, w.max(0.5), h.max(0.5)) {
            self.pm.fill_rect(r, &Self::paint(c), self.ts, None);
        }
    }

    /// A rectangle with a vertical gradient from `top` to `bottom`.
    fn vgrad(&mut self, x: f32, y: f32, w: f32, h: f32, top: Color, bottom: Color) {
        let Some(r) = Rect::from_xywh(x, y, w, h) else {
            return;
        };
        let Some(shader) = LinearGradient::new(
            Point::from_xy(0.0, y),
            Point::from_xy(0.0, y + h),
            vec![GradientStop::new(0.0, top), GradientStop::new(1.0, bottom)],
            SpreadMode::Pad,
            Transform::identity(),
        ) else {
            return;
        };
        let p = Paint {
            shader,
            anti_alias: true,
            ..Paint::default()
        };
        self.pm.fill_rect(r, &p, self.ts, None);
    }

    fn rrect(&mut self, x: f32, y: f32, w: f32, h: f32, r: f32, c: Color) {
        let r = r.min(w / 2.0).min(h / 2.0);
        let mut pb = PathBuilder::new();
        pb.move_to(x + r, y);
        pb.line_to(x + w - r, y);
        pb.quad_to(x + w, y, x + w, y + r);
        pb.line_to(x + w, y + h - r);
        pb.quad_to(x + w, y + h, x + w - r, y + h);
        pb.line_to(x + r, y + h);
        pb.quad_to(x, y + h, x, y + h - r);
        pb.line_to(x, y + r);
        pb.quad_to(x, y, x + r, y);
        pb.close();
        self.fill(pb, c);
    }

    fn circle(&mut self, cx: f32, cy: f32, r: f32, c: Color) {
        let mut pb = PathBuilder::new();
        pb.push_circle(cx, cy, r.max(0.5));
        self.fill(pb, c);
    }

    fn ellipse(&mut self, cx: f32, cy: f32, rx: f32, ry: f32, c: Color) {
        if let Some(r) = Rect::from_xywh(cx - rx, cy - ry, rx * 2.0, ry * 2.0) {
            let mut pb = PathBuilder::new();
            pb.push_oval(r);
            self.fill(pb, c);
        }
    }

    fn poly(&mut self, pts: &[(f32, f32)], c: Color) {
        let mut pb = PathBuilder::new();
        for (i, (x, y)) in pts.iter().enumerate() {
            if i == 0 {
                pb.move_to(*x, *y);
            } else {
                pb.line_to(*x, *y);
            }
        }
        pb.close();
        self.fill(pb, c);
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, w: f32, c: Color) {
        self.polyline(&[(x1, y1), (x2, y2)], w, c);
    }

    fn polyline(&mut self, pts: &[(f32, f32)], w: f32, c: Color) {
        let mut pb = PathBuilder::new();
        for (i, (x, y)) in pts.iter().enumerate() {
            if i == 0 {
                pb.move_to(*x, *y);
            } else {
                pb.line_to(*x, *y);
            }
        }
        if let Some(path) = pb.finish() {
            let s = Stroke {
                width: w,
                line_cap: LineCap::Round,
                line_join: LineJoin::Round,
                ..Stroke::default()
            };
            self.pm
                .stroke_path(&path, &Self::paint(c), &s, self.ts, None);
        }
    }

    /// A stroked quadratic curve.
    fn curve(&mut self, from: (f32, f32), ctrl: (f32, f32), to: (f32, f32), w: f32, c: Color) {
        let mut pb = PathBuilder::new();
        pb.move_to(from.0, from.1);
        pb.quad_to(ctrl.0, ctrl.1, to.0, to.1);
        if let Some(path) = pb.finish() {
            let s = Stroke {
                width: w,
                line_cap: LineCap::Round,
                ..Stroke::default()
            };
            self.pm
                .stroke_path(&path, &Self::paint(c), &s, self.ts, None);
        }
    }

    /// The picture as RGB pixels (every pixel is opaque: scenes start with a full background,
    /// so premultiplied and plain colours are the same). Converted by the `image` crate, which
    /// is built optimised also in debug builds (see the workspace's Cargo.toml).
    fn into_rgb(self) -> image::RgbImage {
        let (w, h) = (self.pm.width(), self.pm.height());
        match image::RgbaImage::from_raw(w, h, self.pm.take()) {
            Some(rgba) => image::DynamicImage::ImageRgba8(rgba).into_rgb8(),
            None => image::RgbImage::new(w, h),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Palette: soft, not saturated; dark enough details to read at 400 pixels wide.

const TRUNK: u32 = 0x7a5a43;
const LEAF: [u32; 4] = [0x5f9560, 0x6da36a, 0x4f8556, 0x7aab6e];
const AUTUMN: [u32; 5] = [0xd19a3e, 0xc4733a, 0xe0b25a, 0x9fae5a, 0xb8623c];
const SPRING: [u32; 5] = [0x8cc27a, 0xa5cf86, 0xe8b4c4, 0xf0c8d4, 0x7db36f];
const BRICK: [u32; 4] = [0xb5654a, 0xa95d45, 0xc27b5c, 0x9c5a48];
const ROOF: [u32; 3] = [0x4e5560, 0x6b4a3e, 0x5d6470];
const CREAM: u32 = 0xf1e8d6;
const GLASS: u32 = 0xbcd8e4;
const WARM_GLASS: u32 = 0xf4d58d;
const WOOD: u32 = 0xc69c6d;
const METAL: u32 = 0x4a4f57;
const PAVING: u32 = 0xd9d2c4;
const PLAY: [u32; 4] = [0xe07a5f, 0x3d7ea6, 0xf2b84b, 0x81b29a];
const CLOTHES: [u32; 6] = [0x3d5a80, 0xe07a5f, 0x81b29a, 0xf2b84b, 0x9a6fb0, 0x5c7d8a];
const SKIN: [u32; 4] = [0xf1c9a5, 0xd9a47e, 0xa8714f, 0x7a4e34];

fn sky(c: &mut Canvas, rng: &mut Rng, horizon: f32) {
    let (top, bottom) = rng.pick(&[
        (0x9cc8e3, 0xe6f1f5),
        (0xa9cfe0, 0xf3ecdf),
        (0x8fbcd9, 0xdcebf2),
        (0xb4d3e6, 0xf6e8d8),
    ]);
    c.vgrad(0.0, 0.0, W, horizon + 2.0, rgb(top), rgb(bottom));
    if rng.chance(0.6) {
        let (sx, sy) = (rng.range(120.0, W - 120.0), rng.range(70.0, 150.0));
        c.circle(sx, sy, 70.0, rgba(0xfff4d6, 0.35));
        c.circle(sx, sy, 44.0, rgb(0xfbe3a1));
    }
    for _ in 0..rng.range(2.0, 4.99) as usize {
        cloud(
            c,
            rng.range(60.0, W - 60.0),
            rng.range(60.0, horizon * 0.45),
            rng.range(0.7, 1.3),
        );
    }
}

fn cloud(c: &mut Canvas, x: f32, y: f32, s: f32) {
    let col = rgba(0xffffff, 0.92);
    c.rrect(x - 90.0 * s, y, 180.0 * s, 34.0 * s, 17.0 * s, col);
    c.circle(x - 40.0 * s, y + 4.0 * s, 30.0 * s, col);
    c.circle(x + 12.0 * s, y - 6.0 * s, 40.0 * s, col);
    c.circle(x + 55.0 * s, y + 8.0 * s, 24.0 * s, col);
}

fn ground(c: &mut Canvas, rng: &mut Rng, y: f32) {
    let g = vary(rgb(0x9cc48a), rng, 0.08);
    c.vgrad(0.0, y, W, H - y, g, shade(g, -0.18));
}

/// Distant trees along the horizon: rounded shapes in a paler green.
fn far_trees(c: &mut Canvas, rng: &mut Rng, y: f32) {
    let col = rgb(0x8fb58a);
    let mut x = -30.0;
    while x < W + 30.0 {
        let r = rng.range(26.0, 48.0);
        c.circle(x, y - r * 0.6, r, col);
        x += r * rng.range(1.0, 1.6);
    }
    c.rect(0.0, y - 14.0, W, 16.0, col);
}

fn tree(c: &mut Canvas, rng: &mut Rng, x: f32, base: f32, s: f32) {
    let leaf = rgb(rng.pick(c.leaves));
    c.rrect(
        x - 0.07 * s,
        base - 0.55 * s,
        0.14 * s,
        0.55 * s,
        0.04 * s,
        rgb(TRUNK),
    );
    let cy = base - 0.8 * s;
    let dark = shade(leaf, -0.22);
    for (dx, dy, r) in [(0.16, 0.08, 0.3), (-0.18, 0.1, 0.26), (0.0, 0.14, 0.3)] {
        c.circle(x + dx * s, cy + dy * s, r * s, dark);
    }
    for (dx, dy, r) in [
        (-0.15, -0.02, 0.27),
        (0.12, -0.08, 0.3),
        (-0.02, -0.2, 0.28),
        (0.02, 0.05, 0.26),
    ] {
        c.circle(x + dx * s, cy + dy * s, r * s, leaf);
    }
    c.circle(x - 0.1 * s, cy - 0.2 * s, 0.1 * s, shade(leaf, 0.18));
}

fn conifer(c: &mut Canvas, x: f32, base: f32, s: f32) {
    c.rect(x - 0.05 * s, base - 0.25 * s, 0.1 * s, 0.25 * s, rgb(TRUNK));
    let col = rgb(0x4b7b55);
    for k in 0..3 {
        let k = k as f32;
        let y = base - 0.2 * s - k * 0.28 * s;
        let w = (0.42 - k * 0.1) * s;
        c.poly(&[(x - w, y), (x + w, y), (x, y - 0.5 * s)], col);
    }
}

fn bench(c: &mut Canvas, x: f32, y: f32, s: f32) {
    let wood = rgb(WOOD);
    let metal = rgb(METAL);
    c.line(x - 0.45 * s, y, x - 0.45 * s, y - 0.3 * s, 0.05 * s, metal);
    c.line(x + 0.45 * s, y, x + 0.45 * s, y - 0.3 * s, 0.05 * s, metal);
    c.rrect(
        x - 0.55 * s,
        y - 0.34 * s,
        1.1 * s,
        0.09 * s,
        0.03 * s,
        wood,
    );
    c.line(
        x - 0.45 * s,
        y - 0.34 * s,
        x - 0.45 * s,
        y - 0.62 * s,
        0.05 * s,
        metal,
    );
    c.line(
        x + 0.45 * s,
        y - 0.34 * s,
        x + 0.45 * s,
        y - 0.62 * s,
        0.05 * s,
        metal,
    );
    c.rrect(
        x - 0.55 * s,
        y - 0.66 * s,
        1.1 * s,
        0.08 * s,
        0.03 * s,
        wood,
    );
    c.rrect(
        x - 0.55 * s,
        y - 0.52 * s,
        1.1 * s,
        0.08 * s,
        0.03 * s,
        wood,
    );
}

fn lamp(c: &mut Canvas, x: f32, base: f32, h: f32) {
    let m = rgb(METAL);
    c.line(x, base, x, base - h, 6.0, m);
    c.rrect(x - 12.0, base - h - 22.0, 24.0, 24.0, 6.0, m);
    c.rect(x - 8.0, base - h - 16.0, 16.0, 12.0, rgb(0xf6e3a8));
}

fn person(c: &mut Canvas, rng: &mut Rng, x: f32, base: f32, h: f32) {
    let body = rgb(rng.pick(&CLOTHES));
    let legs = rgb(rng.pick(&[0x3b3f46, 0x5a4e44, 0x4d5d73]));
    c.line(
        x - 0.07 * h,
        base - 0.02 * h,
        x - 0.05 * h,
        base - 0.45 * h,
        0.1 * h,
        legs,
    );
    c.line(
        x + 0.07 * h,
        base - 0.02 * h,
        x + 0.05 * h,
        base - 0.45 * h,
        0.1 * h,
        legs,
    );
    c.rrect(
        x - 0.15 * h,
        base - 0.8 * h,
        0.3 * h,
        0.42 * h,
        0.1 * h,
        body,
    );
    c.circle(x, base - 0.9 * h, 0.11 * h, rgb(rng.pick(&SKIN)));
}

fn window(c: &mut Canvas, x: f32, y: f32, w: f32, h: f32, glass: Color) {
    c.rect(x - 4.0, y - 4.0, w + 8.0, h + 8.0, rgb(CREAM));
    c.rect(x, y, w, h, glass);
    c.line(x + w / 2.0, y, x + w / 2.0, y + h, 3.0, rgb(CREAM));
    c.rect(x, y, w * 0.35, h * 0.3, rgba(0xffffff, 0.25));
}

fn bike(c: &mut Canvas, x: f32, base: f32, s: f32, col: Color) {
    let r = 0.22 * s;
    let m = rgb(METAL);
    for cx in [x - 0.32 * s, x + 0.32 * s] {
        let mut pb = PathBuilder::new();
        pb.push_circle(cx, base - r, r);
        if let Some(path) = pb.finish() {
            c.pm.stroke_path(
                &path,
                &Canvas::paint(m),
                &Stroke {
                    width: 0.035 * s,
                    ..Stroke::default()
                },
                c.ts,
                None,
            );
        }
    }
    c.polyline(
        &[
            (x - 0.32 * s, base - r),
            (x - 0.05 * s, base - r),
            (x + 0.12 * s, base - 0.5 * s),
            (x - 0.12 * s, base - 0.5 * s),
            (x - 0.05 * s, base - r),
        ],
        0.04 * s,
        col,
    );
    c.line(
        x + 0.12 * s,
        base - 0.5 * s,
        x + 0.32 * s,
        base - r,
        0.04 * s,
        col,
    );
    c.line(
        x + 0.12 * s,
        base - 0.5 * s,
        x + 0.1 * s,
        base - 0.6 * s,
        0.04 * s,
        m,
    );
    c.line(
        x - 0.14 * s,
        base - 0.55 * s,
        x - 0.04 * s,
        base - 0.55 * s,
        0.05 * s,
        m,
    );
}

/// A Dutch row house: brick front with a gable or a flat top, windows and a door.
fn house(c: &mut Canvas, rng: &mut Rng, x: f32, base: f32, w: f32, h: f32) {
    let brick = vary(rgb(rng.pick(&BRICK)), rng, 0.08);
    let roof = rgb(rng.pick(&ROOF));
    c.rect(x, base - h, w, h, brick);
    match rng.next() % 3 {
        0 => c.poly(
            &[
                (x - 6.0, base - h),
                (x + w + 6.0, base - h),
                (x + w / 2.0, base - h - w * 0.55),
            ],
            roof,
        ),
        1 => {
            // A stepped gable.
            let steps = 3;
            let sw = w / (steps as f32 * 2.0 + 1.0);
            for k in 0..=steps {
                let k = k as f32;
                c.rect(
                    x + k * sw,
                    base - h - (k + 1.0) * 22.0,
                    w - 2.0 * k * sw,
                    24.0,
                    brick,
                );
            }
        }
        _ => c.rect(x - 4.0, base - h - 12.0, w + 8.0, 14.0, shade(brick, -0.25)),
    }
    let glass = rgb(GLASS);
    let rows = ((h - 90.0) / 90.0).floor().max(1.0) as usize;
    for r in 0..rows {
        let y = base - h + 30.0 + r as f32 * 90.0;
        c.rect(x + 0.14 * w, y, 0.3 * w, 52.0, rgb(CREAM));
        c.rect(x + 0.14 * w + 5.0, y + 5.0, 0.3 * w - 10.0, 42.0, glass);
        c.rect(x + 0.56 * w, y, 0.3 * w, 52.0, rgb(CREAM));
        c.rect(x + 0.56 * w + 5.0, y + 5.0, 0.3 * w - 10.0, 42.0, glass);
    }
    let door = rgb(rng.pick(&[0x3d5a80, 0x2f6b4f, 0x8a3b3b, 0x3b3f46]));
    c.rect(x + 0.14 * w, base - 78.0, 0.26 * w, 78.0, door);
    c.rect(x + 0.56 * w, base - 70.0, 0.3 * w, 40.0, rgb(CREAM));
    c.rect(x + 0.56 * w + 5.0, base - 65.0, 0.3 * w - 10.0, 30.0, glass);
}

// ---------------------------------------------------------------------------------------
// Scenes

fn playground(c: &mut Canvas, rng: &mut Rng, water: bool) {
    let horizon = 470.0;
    sky(c, rng, horizon);
    far_trees(c, rng, horizon + 10.0);
    ground(c, rng, horizon);
    // The play area: soft tiles.
    c.ellipse(620.0, 650.0, 560.0, 150.0, vary(rgb(0xe8c9a0), rng, 0.05));
    let flip = rng.chance(0.5);
    let fx = |x: f32| if flip { W - x } else { x };
    tree(c, rng, fx(90.0), 600.0, 300.0);
    tree(c, rng, fx(1120.0), 560.0, 240.0);
    // Slide: ladder, platform, chute.
    let (sx, base) = (fx(300.0), 660.0);
    let col = rgb(rng.pick(&PLAY));
    let m = rgb(METAL);
    c.line(sx - 40.0, base, sx - 40.0, base - 230.0, 10.0, m);
    c.line(sx + 10.0, base, sx + 10.0, base - 230.0, 10.0, m);
    for k in 0..6 {
        let y = base - 30.0 - k as f32 * 36.0;
        c.line(sx - 40.0, y, sx + 10.0, y, 7.0, m);
    }
    c.poly(
        &[
            (sx - 60.0, base - 250.0),
            (sx + 30.0, base - 250.0),
            (sx + 30.0, base - 230.0),
            (sx - 60.0, base - 230.0),
        ],
        shade(col, -0.2),
    );
    c.poly(
        &[
            (sx - 60.0, base - 250.0),
            (sx - 15.0, base - 300.0),
            (sx + 30.0, base - 250.0),
        ],
        col,
    );
    let dir = if flip { -1.0 } else { 1.0 };
    c.poly(
        &[
            (sx + 10.0 * dir, base - 240.0),
            (sx + 40.0 * dir, base - 240.0),
            (sx + 230.0 * dir, base - 30.0),
            (sx + 270.0 * dir, base - 20.0),
            (sx + 270.0 * dir, base),
            (sx + 200.0 * dir, base - 10.0),
        ],
        rgb(rng.pick(&PLAY)),
    );
    // Swing.
    let (wx, wb) = (fx(760.0), 640.0);
    let frame = rgb(rng.pick(&PLAY));
    c.line(wx - 170.0, wb, wx - 130.0, wb - 230.0, 12.0, frame);
    c.line(wx - 90.0, wb, wx - 130.0, wb - 230.0, 12.0, frame);
    c.line(wx + 170.0, wb, wx + 130.0, wb - 230.0, 12.0, frame);
    c.line(wx + 90.0, wb, wx + 130.0, wb - 230.0, 12.0, frame);
    c.line(wx - 140.0, wb - 228.0, wx + 140.0, wb - 228.0, 14.0, frame);
    for (k, off) in [-60.0f32, 50.0].iter().enumerate() {
        let swing = if k == 0 { rng.range(-30.0, 30.0) } else { 0.0 };
        c.line(
            wx + off - 20.0,
            wb - 228.0,
            wx + off - 20.0 + swing,
            wb - 70.0,
            3.0,
            m,
        );
        c.line(
            wx + off + 20.0,
            wb - 228.0,
            wx + off + 20.0 + swing,
            wb - 70.0,
            3.0,
            m,
        );
        c.rrect(
            wx + off - 28.0 + swing,
            wb - 74.0,
            56.0,
            12.0,
            4.0,
            rgb(0x3b3f46),
        );
    }
    if water {
        // Splash pad with fountains instead of a sandbox.
        c.ellipse(fx(560.0), 720.0, 200.0, 46.0, rgb(0x8ec5d6));
        c.ellipse(fx(560.0), 716.0, 150.0, 30.0, rgb(0xa9d6e3));
        for k in 0..5 {
            let x = fx(440.0 + k as f32 * 60.0);
            let top = 610.0 - rng.range(0.0, 40.0);
            c.curve(
                (x, 716.0),
                (x - 10.0, top),
                (x - 30.0, 700.0),
                5.0,
                rgba(0x6fb3cc, 0.9),
            );
            c.curve(
                (x, 716.0),
                (x + 10.0, top),
                (x + 30.0, 700.0),
                5.0,
                rgba(0x6fb3cc, 0.9),
            );
        }
        person(c, rng, fx(470.0), 730.0, 80.0);
        person(c, rng, fx(650.0), 740.0, 70.0);
    } else {
        // Sandbox with a bucket.
        let (bx, by) = (fx(560.0), 700.0);
        c.poly(
            &[
                (bx - 150.0, by),
                (bx + 150.0, by),
                (bx + 120.0, by - 60.0),
                (bx - 120.0, by - 60.0),
            ],
            rgb(WOOD),
        );
        c.poly(
            &[
                (bx - 132.0, by - 10.0),
                (bx + 132.0, by - 10.0),
                (bx + 108.0, by - 52.0),
                (bx - 108.0, by - 52.0),
            ],
            rgb(0xefd9a7),
        );
        c.poly(
            &[
                (bx + 30.0, by - 30.0),
                (bx + 60.0, by - 30.0),
                (bx + 56.0, by - 58.0),
                (bx + 34.0, by - 58.0),
            ],
            rgb(rng.pick(&PLAY)),
        );
        person(c, rng, fx(500.0), 690.0, 70.0);
    }
    person(c, rng, fx(1000.0), 700.0, 120.0);
    bench(c, fx(1010.0), 760.0, 150.0);
}

fn park(c: &mut Canvas, rng: &mut Rng, extra: Scene) {
    let horizon = 450.0;
    sky(c, rng, horizon);
    far_trees(c, rng, horizon + 10.0);
    ground(c, rng, horizon);
    // A winding path towards the horizon.
    let path = vary(rgb(0xe3d3b4), rng, 0.04);
    let bend = rng.range(-160.0, 160.0);
    let mut pb = PathBuilder::new();
    pb.move_to(430.0, H);
    pb.cubic_to(
        470.0 + bend,
        640.0,
        640.0 - bend,
        540.0,
        585.0,
        horizon + 8.0,
    );
    pb.line_to(615.0, horizon + 8.0);
    pb.cubic_to(700.0 - bend, 540.0, 620.0 + bend, 640.0, 820.0, H);
    pb.close();
    c.fill(pb, path);
    // A pond on one side.
    let left = rng.chance(0.5);
    let px = if left { 230.0 } else { 980.0 };
    if extra == Scene::Park {
        c.ellipse(px, 600.0, 170.0, 50.0, rgb(0x86bccf));
        c.ellipse(px - 30.0, 592.0, 110.0, 24.0, rgb(0xa7d2df));
    }
    let trees: Vec<(f32, f32, f32)> = vec![
        (70.0, 560.0, 260.0),
        (1130.0, 580.0, 280.0),
        (360.0, 500.0, 150.0),
        (860.0, 505.0, 160.0),
        (rng.range(180.0, 320.0), 490.0, 110.0),
        (rng.range(880.0, 1020.0), 488.0, 100.0),
    ];
    for (x, b, s) in trees.iter().rev() {
        if rng.chance(0.15) {
            conifer(c, *x, *b, *s);
        } else {
            tree(c, rng, *x, *b, *s);
        }
    }
    match extra {
        Scene::Picnic => {
            for (x, y, s) in [
                (260.0, 700.0, 1.0),
                (960.0, 690.0, 0.95),
                (760.0, 560.0, 0.6),
            ] {
                picnic_table(c, x, y, 220.0 * s);
            }
            person(c, rng, 300.0, 690.0, 110.0);
            person(c, rng, 910.0, 680.0, 100.0);
        }
        Scene::Fitness => {
            let m = rgb(METAL);
            for (x, s) in [(250.0, 1.0), (950.0, 0.9)] {
                for k in 0..3 {
                    let h = (150.0 + k as f32 * 40.0) * s;
                    let xx = x + k as f32 * 70.0 * s;
                    c.line(xx, 720.0, xx, 720.0 - h, 9.0, m);
                    c.line(xx + 60.0 * s, 720.0, xx + 60.0 * s, 720.0 - h, 9.0, m);
                    c.line(xx, 720.0 - h, xx + 60.0 * s, 720.0 - h, 8.0, rgb(PLAY[1]));
                }
            }
            c.ellipse(330.0, 730.0, 150.0, 20.0, rgba(0x6d8f5e, 0.5));
            person(c, rng, 330.0, 720.0, 120.0);
            person(c, rng, 640.0, 640.0, 100.0);
        }
        Scene::Garden => {
            for (k, x) in [140.0, 330.0, 880.0, 1070.0].iter().enumerate() {
                let y = 700.0 - (k % 2) as f32 * 30.0;
                c.rect(x - 80.0, y - 40.0, 160.0, 50.0, rgb(WOOD));
                c.rect(x - 72.0, y - 36.0, 144.0, 14.0, rgb(0x6b4f3a));
                for j in 0..5 {
                    let px = x - 60.0 + j as f32 * 30.0;
                    c.circle(px, y - 46.0, 16.0, rgb(rng.pick(&LEAF)));
                    if k % 2 == 0 && j % 2 == 0 {
                        c.circle(px + 6.0, y - 50.0, 6.0, rgb(0xd0553f));
                    }
                }
            }
            person(c, rng, 560.0, 720.0, 120.0);
        }
        _ => {
            let other = if left { 1000.0 } else { 200.0 };
            bench(c, other, 720.0, 200.0);
            bench(c, 520.0, 560.0, 90.0);
            lamp(c, 360.0, 740.0, 220.0);
            person(c, rng, if left { 760.0 } else { 470.0 }, 640.0, 110.0);
            person(c, rng, if left { 800.0 } else { 510.0 }, 650.0, 100.0);
        }
    }
}

fn picnic_table(c: &mut Canvas, x: f32, y: f32, w: f32) {
    let wood = rgb(WOOD);
    let dark = shade(wood, -0.25);
    c.line(x - 0.3 * w, y, x - 0.2 * w, y - 0.32 * w, 0.05 * w, dark);
    c.line(x + 0.3 * w, y, x + 0.2 * w, y - 0.32 * w, 0.05 * w, dark);
    c.rrect(x - 0.5 * w, y - 0.36 * w, w, 0.07 * w, 0.02 * w, wood);
    c.rrect(
        x - 0.55 * w,
        y - 0.16 * w,
        1.1 * w,
        0.05 * w,
        0.02 * w,
        dark,
    );
}

fn street(c: &mut Canvas, rng: &mut Rng, extra: Scene) {
    let base = 520.0;
    sky(c, rng, base);
    // Houses along the back.
    let mut x = rng.range(-80.0, -10.0);
    while x < W {
        let w = rng.range(150.0, 210.0);
        let h = rng.range(200.0, 280.0);
        house(c, rng, x, base, w, h);
        x += w + rng.range(0.0, 6.0);
    }
    c.rect(0.0, base, W, 44.0, rgb(PAVING));
    for k in 0..24 {
        c.line(
            k as f32 * 52.0,
            base,
            k as f32 * 52.0 - 10.0,
            base + 44.0,
            2.0,
            rgb(0xc6beaf),
        );
    }
    c.rect(0.0, base + 44.0, W, 8.0, rgb(0xb9b2a5));
    c.vgrad(0.0, base + 52.0, W, 160.0, rgb(0x8d9196), rgb(0x7b8086));
    if extra == Scene::SchoolStreet {
        for k in 0..7 {
            c.rect(
                470.0 + k as f32 * 44.0,
                base + 60.0,
                26.0,
                144.0,
                rgb(0xf2f2ee),
            );
        }
    } else {
        for k in 0..9 {
            c.rect(
                30.0 + k as f32 * 140.0,
                base + 128.0,
                80.0,
                8.0,
                rgb(0xf2f2ee),
            );
        }
    }
    c.rect(0.0, base + 212.0, W, 10.0, rgb(0xb9b2a5));
    c.rect(0.0, base + 222.0, W, H - base - 222.0, rgb(PAVING));
    // A car or a cyclist on the road.
    if rng.chance(0.5) && extra != Scene::SchoolStreet {
        let cx = rng.range(150.0, 900.0);
        let body = rgb(rng.pick(&[0x3d7ea6, 0xc9d1d9, 0x8a3b3b, 0x2f6b4f]));
        c.rrect(cx, base + 120.0, 240.0, 56.0, 18.0, body);
        c.rrect(cx + 45.0, base + 80.0, 140.0, 56.0, 22.0, body);
        c.rect(cx + 60.0, base + 90.0, 52.0, 34.0, rgb(GLASS));
        c.rect(cx + 120.0, base + 90.0, 52.0, 34.0, rgb(GLASS));
        c.circle(cx + 55.0, base + 176.0, 24.0, rgb(0x2f3237));
        c.circle(cx + 185.0, base + 176.0, 24.0, rgb(0x2f3237));
    } else {
        bike(
            c,
            rng.range(200.0, 900.0),
            base + 190.0,
            150.0,
            rgb(rng.pick(&PLAY)),
        );
    }
    // Trees on the front pavement, in planted tree pits.
    let flowers = extra == Scene::Street && rng.chance(0.7);
    let mut tx = rng.range(60.0, 160.0);
    while tx < W {
        if extra == Scene::SchoolStreet && (380.0..860.0).contains(&tx) {
            tx += 120.0;
            continue;
        }
        c.ellipse(tx, 770.0, 70.0, 16.0, rgb(0x6b4f3a));
        if flowers {
            for k in 0..9 {
                let a = k as f32 * 0.7;
                c.circle(
                    tx + a.cos() * 52.0,
                    768.0 + a.sin() * 10.0,
                    7.0,
                    rgb(rng.pick(&[0xe07a5f, 0xf2b84b, 0xffffff, 0x9a6fb0])),
                );
            }
        }
        tree(c, rng, tx, 770.0, 320.0);
        tx += rng.range(330.0, 420.0);
    }
    match extra {
        Scene::BusStop => {
            let bx = 640.0;
            c.rect(bx - 150.0, 585.0, 300.0, 14.0, rgb(METAL));
            c.line(bx - 140.0, 600.0, bx - 140.0, 780.0, 8.0, rgb(METAL));
            c.line(bx + 140.0, 600.0, bx + 140.0, 780.0, 8.0, rgb(METAL));
            c.rect(bx - 136.0, 600.0, 272.0, 150.0, rgba(0xcfe3ec, 0.55));
            bench(c, bx, 780.0, 180.0);
            c.line(bx + 200.0, 785.0, bx + 200.0, 560.0, 7.0, rgb(METAL));
            c.rrect(bx + 178.0, 540.0, 44.0, 44.0, 8.0, rgb(0xf2b84b));
            person(c, rng, bx - 60.0, 780.0, 130.0);
        }
        Scene::SchoolStreet => {
            person(c, rng, 540.0, base + 170.0, 90.0);
            person(c, rng, 600.0, base + 180.0, 110.0);
            person(c, rng, 660.0, base + 175.0, 80.0);
            c.line(900.0, 790.0, 900.0, 600.0, 7.0, rgb(METAL));
            c.poly(
                &[(870.0, 610.0), (930.0, 610.0), (900.0, 556.0)],
                rgb(0xffffff),
            );
            c.poly(
                &[(878.0, 605.0), (922.0, 605.0), (900.0, 566.0)],
                rgb(0xd0553f),
            );
        }
        _ => {
            let x = rng.range(300.0, 900.0);
            person(c, rng, x, 790.0, 150.0);
        }
    }
}

fn square(c: &mut Canvas, rng: &mut Rng) {
    let base = 420.0;
    sky(c, rng, base);
    let mut x = -20.0;
    while x < W {
        let w = rng.range(170.0, 260.0);
        let h = rng.range(180.0, 300.0);
        if rng.chance(0.35) {
            // A modern building with a flat roof and bands of glass.
            let wall = vary(rgb(0xd8d4cc), rng, 0.06);
            c.rect(x, base - h, w, h, wall);
            let mut y = base - h + 24.0;
            while y < base - 40.0 {
                c.rect(x + 14.0, y, w - 28.0, 34.0, rgb(GLASS));
                y += 56.0;
            }
        } else {
            house(c, rng, x, base, w, h);
        }
        x += w + 4.0;
    }
    // The square: paving in perspective.
    c.vgrad(0.0, base, W, H - base, rgb(0xe2dccf), rgb(0xcfc7b7));
    let vx = W / 2.0 + rng.range(-80.0, 80.0);
    for k in -12..=12 {
        let bx = vx + k as f32 * 150.0;
        c.line(vx + k as f32 * 14.0, base, bx, H, 2.0, rgb(0xc2baab));
    }
    let mut y = base + 10.0;
    let mut step = 12.0;
    while y < H {
        c.line(0.0, y, W, y, 2.0, rgb(0xc2baab));
        step *= 1.35;
        y += step;
    }
    // Rows of trees, smaller further away.
    for (row, (yb, s)) in [(470.0, 120.0), (560.0, 190.0), (700.0, 300.0)]
        .iter()
        .enumerate()
    {
        let n = 3 + row;
        for k in 0..n {
            let spread = W * (0.35 + row as f32 * 0.2);
            let tx = vx - spread / 2.0 + spread * k as f32 / (n - 1) as f32;
            if (tx - vx).abs() < 140.0 && row > 0 {
                continue;
            }
            tree(c, rng, tx, *yb, *s);
        }
    }
    // A fountain in the middle.
    c.ellipse(vx, 600.0, 160.0, 36.0, rgb(0xb7b0a2));
    c.ellipse(vx, 594.0, 140.0, 26.0, rgb(0x8ec5d6));
    for k in -2..=2 {
        let dx = k as f32 * 30.0;
        c.curve(
            (vx + dx * 0.3, 594.0),
            (vx + dx, 470.0),
            (vx + dx * 2.2, 590.0),
            5.0,
            rgba(0x7fbcd2, 0.9),
        );
    }
    bench(c, vx - 330.0, 680.0, 150.0);
    bench(c, vx + 330.0, 680.0, 150.0);
    person(c, rng, vx + 220.0, 720.0, 140.0);
    person(c, rng, vx - 200.0, 650.0, 110.0);
    person(c, rng, vx + 80.0, 520.0, 70.0);
}

/// A building on a green plot with trees, a bench and bicycles.
fn building_scene(c: &mut Canvas, rng: &mut Rng, kind: Scene) {
    let base = 600.0;
    sky(c, rng, base - 100.0);
    far_trees(c, rng, base - 90.0);
    ground(c, rng, base - 100.0);
    c.rect(0.0, base, W, 24.0, rgb(PAVING));
    c.vgrad(
        0.0,
        base + 24.0,
        W,
        H - base - 24.0,
        rgb(0xe0d8c8),
        rgb(0xcfc6b4),
    );
    let (bx, bw) = (rng.range(200.0, 300.0), rng.range(600.0, 700.0));
    match kind {
        Scene::CommunityHall => {
            let brick = vary(rgb(rng.pick(&BRICK)), rng, 0.06);
            let roof = rgb(rng.pick(&ROOF));
            c.rect(bx, base - 250.0, bw, 250.0, brick);
            c.poly(
                &[
                    (bx - 30.0, base - 250.0),
                    (bx + bw + 30.0, base - 250.0),
                    (bx + bw - 60.0, base - 370.0),
                    (bx + 60.0, base - 370.0),
                ],
                roof,
            );
            for k in 0..4 {
                window(
                    c,
                    bx + 40.0 + k as f32 * ((bw - 80.0) / 4.0),
                    base - 200.0,
                    (bw - 80.0) / 4.0 - 30.0,
                    110.0,
                    rgb(WARM_GLASS),
                );
            }
            let dx = bx + bw / 2.0 - 50.0;
            c.rect(dx - 20.0, base - 290.0, 140.0, 36.0, rgb(CREAM));
            c.rect(dx, base - 150.0, 100.0, 150.0, rgb(0x3d5a80));
            c.rect(dx + 8.0, base - 142.0, 38.0, 100.0, rgb(GLASS));
            c.rect(dx + 54.0, base - 142.0, 38.0, 100.0, rgb(GLASS));
            c.poly(
                &[
                    (dx - 30.0, base - 160.0),
                    (dx + 130.0, base - 160.0),
                    (dx + 110.0, base - 180.0),
                    (dx - 10.0, base - 180.0),
                ],
                roof,
            );
        }
        Scene::School => {
            let brick = vary(rgb(0xc98a5e), rng, 0.06);
            c.rect(bx - 80.0, base - 300.0, bw + 160.0, 300.0, brick);
            c.rect(
                bx - 90.0,
                base - 316.0,
                bw + 180.0,
                20.0,
                shade(brick, -0.3),
            );
            for row in 0..2 {
                for k in 0..7 {
                    let wx = bx - 50.0 + k as f32 * ((bw + 100.0) / 7.0);
                    window(
                        c,
                        wx,
                        base - 270.0 + row as f32 * 130.0,
                        (bw + 100.0) / 7.0 - 30.0,
                        80.0,
                        rgb(GLASS),
                    );
                }
            }
            let cx = bx + bw / 2.0;
            c.circle(cx, base - 356.0, 46.0, rgb(CREAM));
            c.circle(cx, base - 356.0, 40.0, rgb(0xffffff));
            c.line(cx, base - 356.0, cx, base - 386.0, 5.0, rgb(METAL));
            c.line(cx, base - 356.0, cx + 20.0, base - 350.0, 5.0, rgb(METAL));
            c.rect(cx - 50.0, base - 120.0, 100.0, 120.0, rgb(0x2f6b4f));
            for k in 0..4 {
                bike(
                    c,
                    120.0 + k as f32 * 60.0,
                    base + 90.0,
                    110.0,
                    rgb(rng.pick(&PLAY)),
                );
            }
        }
        Scene::Church => {
            let wall = vary(rgb(0xcdbfa8), rng, 0.05);
            let roof = rgb(rng.pick(&ROOF));
            let tx = bx + 40.0;
            c.rect(bx, base - 220.0, bw, 220.0, wall);
            c.poly(
                &[
                    (bx - 20.0, base - 220.0),
                    (bx + bw + 20.0, base - 220.0),
                    (bx + bw / 2.0 + 80.0, base - 380.0),
                    (bx + bw / 2.0 - 80.0, base - 380.0),
                ],
                roof,
            );
            c.rect(tx - 60.0, base - 440.0, 120.0, 440.0, shade(wall, -0.08));
            c.poly(
                &[
                    (tx - 70.0, base - 440.0),
                    (tx + 70.0, base - 440.0),
                    (tx, base - 640.0),
                ],
                roof,
            );
            c.circle(tx, base - 370.0, 30.0, rgb(CREAM));
            c.line(tx, base - 370.0, tx, base - 392.0, 4.0, rgb(METAL));
            c.line(tx, base - 370.0, tx + 14.0, base - 366.0, 4.0, rgb(METAL));
            for k in 0..4 {
                let wx = bx + 160.0 + k as f32 * ((bw - 200.0) / 4.0);
                c.rect(wx, base - 170.0, 44.0, 100.0, rgb(0x9db8c9));
                c.circle(wx + 22.0, base - 170.0, 22.0, rgb(0x9db8c9));
            }
            c.rect(tx - 30.0, base - 100.0, 60.0, 100.0, rgb(0x6b4a3e));
            c.circle(tx, base - 100.0, 30.0, rgb(0x6b4a3e));
        }
        _ => {
            // Culture house: glass front with coloured panels.
            let wall = vary(rgb(0xe6e0d4), rng, 0.04);
            c.poly(
                &[
                    (bx, base),
                    (bx, base - 280.0),
                    (bx + bw, base - 340.0),
                    (bx + bw, base),
                ],
                wall,
            );
            for k in 0..6 {
                let px = bx + 20.0 + k as f32 * ((bw - 40.0) / 6.0);
                let top = base - 260.0 - (px - bx) / bw * 60.0;
                let col = if k % 2 == 0 {
                    rgb(WARM_GLASS)
                } else {
                    rgb(GLASS)
                };
                c.rect(px, top, (bw - 40.0) / 6.0 - 12.0, base - top - 20.0, col);
            }
            c.rect(
                bx + bw - 140.0,
                base - 300.0,
                60.0,
                280.0,
                rgb(rng.pick(&PLAY)),
            );
            c.rect(bx + 40.0, base - 330.0, 12.0, 60.0, rgb(METAL));
        }
    }
    tree(c, rng, 110.0, base + 40.0, 300.0);
    tree(c, rng, 1110.0, base + 60.0, 330.0);
    bench(c, bx + bw + 40.0, base + 120.0, 150.0);
    person(c, rng, bx + bw / 2.0 - 120.0, base + 130.0, 150.0);
    if rng.chance(0.6) {
        person(c, rng, bx + bw / 2.0 - 60.0, base + 140.0, 140.0);
    }
}

/// Inside a room: a back wall with windows, a floor in perspective, and what fits the room.
fn room(c: &mut Canvas, rng: &mut Rng, kind: Scene) {
    let wall = vary(
        rgb(rng.pick(&[0xefe6d6, 0xe4ecea, 0xf1e3d3, 0xe8e4ef])),
        rng,
        0.03,
    );
    let floor_y = 470.0;
    c.rect(0.0, 0.0, W, floor_y, wall);
    // Side walls in perspective.
    c.poly(
        &[
            (0.0, 0.0),
            (120.0, 60.0),
            (120.0, floor_y),
            (0.0, floor_y + 60.0),
        ],
        shade(wall, -0.08),
    );
    c.poly(
        &[
            (W, 0.0),
            (W - 120.0, 60.0),
            (W - 120.0, floor_y),
            (W, floor_y + 60.0),
        ],
        shade(wall, -0.08),
    );
    c.rect(120.0, 48.0, W - 240.0, 12.0, shade(wall, -0.12));
    let floor = match kind {
        Scene::SportsHall => rgb(0xdcb27a),
        Scene::Kitchen => rgb(0xcfd4d6),
        _ => vary(rgb(0xc9a27c), rng, 0.06),
    };
    c.poly(
        &[
            (120.0, floor_y),
            (W - 120.0, floor_y),
            (W, floor_y + 60.0),
            (W, H),
            (0.0, H),
            (0.0, floor_y + 60.0),
        ],
        floor,
    );
    for k in 0..14 {
        let t = k as f32 / 13.0;
        c.line(
            120.0 + t * (W - 240.0),
            floor_y,
            -200.0 + t * (W + 400.0),
            H,
            2.0,
            shade(floor, -0.08),
        );
    }
    // Windows to the outside: sky and green.
    let outside = |c: &mut Canvas, x: f32, y: f32, w: f32, h: f32| {
        c.rect(x - 8.0, y - 8.0, w + 16.0, h + 16.0, rgb(0xffffff));
        c.vgrad(x, y, w, h * 0.7, rgb(0xa9cfe0), rgb(0xe3eff3));
        c.rect(x, y + h * 0.7, w, h * 0.3, rgb(0x9cc48a));
        c.circle(x + w * 0.3, y + h * 0.72, h * 0.22, rgb(0x6da36a));
        c.line(x + w / 2.0, y, x + w / 2.0, y + h, 6.0, rgb(0xffffff));
    };
    match kind {
        Scene::SportsHall => {
            for k in 0..5 {
                outside(c, 170.0 + k as f32 * 180.0, 90.0, 140.0, 70.0);
            }
            c.rect(120.0, 330.0, W - 240.0, 140.0, rgb(0x3d7ea6));
            for k in 0..8 {
                c.line(
                    120.0 + k as f32 * 120.0,
                    330.0,
                    120.0 + k as f32 * 120.0,
                    470.0,
                    3.0,
                    rgb(0x356d91),
                );
            }
            // Court lines.
            let line = rgb(0xffffff);
            c.polyline(
                &[
                    (220.0, 500.0),
                    (980.0, 500.0),
                    (1160.0, 780.0),
                    (40.0, 780.0),
                    (220.0, 500.0),
                ],
                5.0,
                line,
            );
            c.line(600.0, 500.0, 600.0, 780.0, 5.0, line);
            let mut pb = PathBuilder::new();
            if let Some(r) = Rect::from_xywh(520.0, 600.0, 160.0, 70.0) {
                pb.push_oval(r);
            }
            if let Some(path) = pb.finish() {
                c.pm.stroke_path(
                    &path,
                    &Canvas::paint(line),
                    &Stroke {
                        width: 5.0,
                        ..Stroke::default()
                    },
                    c.ts,
                    None,
                );
            }
            // A basketball board and hoop.
            let hx = 600.0 + rng.range(-200.0, 200.0);
            c.rect(hx - 70.0, 190.0, 140.0, 96.0, rgb(0xffffff));
            c.polyline(
                &[
                    (hx - 30.0, 250.0),
                    (hx + 30.0, 250.0),
                    (hx + 30.0, 286.0),
                    (hx - 30.0, 286.0),
                    (hx - 30.0, 250.0),
                ],
                4.0,
                rgb(0xe07a5f),
            );
            c.ellipse(hx, 296.0, 30.0, 8.0, rgb(0xe07a5f));
            c.ellipse(hx, 296.0, 24.0, 5.0, rgb(0xffffff));
            for k in 0..5 {
                let x = hx - 24.0 + k as f32 * 12.0;
                c.line(
                    x,
                    298.0,
                    hx - 12.0 + k as f32 * 6.0,
                    340.0,
                    2.0,
                    rgb(0xdedede),
                );
            }
            c.circle(rng.range(300.0, 900.0), 700.0, 26.0, rgb(0xe07a5f));
        }
        Scene::Kitchen => {
            outside(c, 460.0, 110.0, 280.0, 150.0);
            // Counter along the back wall.
            c.rect(120.0, 330.0, W - 240.0, 140.0, rgb(0xf7f7f4));
            for k in 0..8 {
                c.rect(
                    130.0 + k as f32 * 120.0,
                    346.0,
                    110.0,
                    116.0,
                    rgb(rng.pick(&[0x81b29a, 0x9db8c9, 0xf2d7a6])),
                );
                c.rect(175.0 + k as f32 * 120.0, 360.0, 20.0, 6.0, rgb(METAL));
            }
            c.rect(110.0, 316.0, W - 220.0, 18.0, rgb(0x5d6470));
            c.rect(800.0, 300.0, 160.0, 16.0, rgb(0x2f3237));
            c.poly(
                &[
                    (790.0, 110.0),
                    (970.0, 110.0),
                    (950.0, 190.0),
                    (810.0, 190.0),
                ],
                rgb(0xc9ced4),
            );
            c.rect(860.0, 40.0, 40.0, 70.0, rgb(0xc9ced4));
            // Wall cupboards.
            for k in 0..2 {
                c.rect(180.0 + k as f32 * 140.0, 110.0, 130.0, 140.0, rgb(0xf7f7f4));
            }
            c.rrect(300.0, 600.0, 600.0, 60.0, 10.0, rgb(WOOD));
            c.line(360.0, 660.0, 360.0, 780.0, 14.0, shade(rgb(WOOD), -0.3));
            c.line(840.0, 660.0, 840.0, 780.0, 14.0, shade(rgb(WOOD), -0.3));
            for k in 0..3 {
                c.circle(420.0 + k as f32 * 180.0, 590.0, 22.0, rgb(rng.pick(&PLAY)));
            }
        }
        Scene::Stage => {
            // A stage with curtains, and rows of chairs.
            c.rect(260.0, 90.0, 680.0, 300.0, rgb(0x3b3f46));
            c.rect(260.0, 380.0, 680.0, 70.0, rgb(WOOD));
            c.rect(240.0, 80.0, 720.0, 34.0, rgb(0x8a3b3b));
            for side in [0.0, 1.0] {
                let x0 = 240.0 + side * 600.0;
                for k in 0..4 {
                    c.rect(
                        x0 + k as f32 * 30.0,
                        90.0,
                        28.0,
                        360.0,
                        shade(rgb(0x9c4444), -(k % 2) as f32 * 0.15),
                    );
                }
            }
            for k in 0..3 {
                let x = 420.0 + k as f32 * 180.0;
                c.ellipse(x, 120.0, 70.0, 30.0, rgba(0xfff4d6, 0.15));
                c.circle(x, 100.0, 12.0, rgb(0xf6e3a8));
            }
            for row in 0..4 {
                let y = 540.0 + row as f32 * 70.0;
                let s = 0.8 + row as f32 * 0.18;
                let n = 9;
                for k in 0..n {
                    let x = 600.0 + (k as f32 - (n - 1) as f32 / 2.0) * 120.0 * s;
                    chair(c, x, y, 60.0 * s, rgb(0x3d5a80));
                }
            }
        }
        Scene::Meeting => {
            outside(c, 180.0, 110.0, 260.0, 190.0);
            // Screen or whiteboard.
            c.rect(620.0, 110.0, 360.0, 200.0, rgb(0xffffff));
            c.rect(614.0, 104.0, 372.0, 6.0, rgb(METAL));
            c.line(660.0, 160.0, 860.0, 160.0, 8.0, rgb(0x3d7ea6));
            c.line(660.0, 200.0, 920.0, 200.0, 8.0, rgb(0x81b29a));
            c.line(660.0, 240.0, 800.0, 240.0, 8.0, rgb(0xe07a5f));
            // A long table in perspective with chairs on both sides.
            let top = rgb(WOOD);
            c.poly(
                &[
                    (480.0, 500.0),
                    (720.0, 500.0),
                    (900.0, 760.0),
                    (300.0, 760.0),
                ],
                top,
            );
            c.poly(
                &[
                    (300.0, 760.0),
                    (900.0, 760.0),
                    (900.0, 780.0),
                    (300.0, 780.0),
                ],
                shade(top, -0.25),
            );
            for k in 0..4 {
                let t = k as f32 / 3.0;
                let s = 0.7 + t * 0.6;
                let y = 520.0 + t * 220.0;
                chair(c, 460.0 - t * 200.0, y, 70.0 * s, rgb(rng.pick(&CLOTHES)));
                chair(c, 740.0 + t * 200.0, y, 70.0 * s, rgb(rng.pick(&CLOTHES)));
            }
            // A plant and a lamp.
            c.rect(1000.0, 400.0, 60.0, 70.0, rgb(0xc9b79c));
            for k in 0..5 {
                c.circle(
                    1030.0 + (k as f32 - 2.0) * 16.0,
                    380.0 - (k % 2) as f32 * 30.0,
                    26.0,
                    rgb(rng.pick(&LEAF)),
                );
            }
            c.line(600.0, 0.0, 600.0, 120.0, 3.0, rgb(METAL));
            c.poly(
                &[
                    (560.0, 150.0),
                    (640.0, 150.0),
                    (620.0, 120.0),
                    (580.0, 120.0),
                ],
                rgb(0x3b3f46),
            );
        }
        _ => {
            // A hall: large windows, round tables with chairs, hanging lamps.
            for k in 0..3 {
                outside(c, 190.0 + k as f32 * 300.0, 100.0, 220.0, 230.0);
            }
            for k in 0..4 {
                let x = 230.0 + k as f32 * 250.0;
                c.line(x, 0.0, x, 90.0, 3.0, rgb(METAL));
                c.poly(
                    &[
                        (x - 40.0, 120.0),
                        (x + 40.0, 120.0),
                        (x + 20.0, 90.0),
                        (x - 20.0, 90.0),
                    ],
                    rgb(rng.pick(&PLAY)),
                );
            }
            for (x, y, s) in [
                (330.0, 560.0, 0.8),
                (870.0, 560.0, 0.8),
                (560.0, 700.0, 1.15),
            ] {
                let seat = rgb(rng.pick(&CLOTHES));
                chair(c, x - 170.0 * s, y + 20.0 * s, 90.0 * s, seat);
                chair(c, x + 170.0 * s, y + 20.0 * s, 90.0 * s, seat);
                let wood = rgb(WOOD);
                c.line(
                    x,
                    y - 40.0 * s,
                    x,
                    y + 50.0 * s,
                    14.0 * s,
                    shade(wood, -0.3),
                );
                c.ellipse(x, y + 52.0 * s, 50.0 * s, 10.0 * s, shade(wood, -0.3));
                c.ellipse(x, y - 36.0 * s, 150.0 * s, 38.0 * s, shade(wood, -0.2));
                c.ellipse(x, y - 44.0 * s, 150.0 * s, 38.0 * s, wood);
                c.circle(x - 40.0 * s, y - 54.0 * s, 14.0 * s, rgb(0xffffff));
                c.circle(x + 30.0 * s, y - 48.0 * s, 12.0 * s, rgb(0xffffff));
                c.rrect(
                    x - 4.0 * s,
                    y - 80.0 * s,
                    10.0 * s,
                    28.0 * s,
                    3.0 * s,
                    rgb(0x81b29a),
                );
            }
            person(c, rng, 1000.0, 760.0, 190.0);
        }
    }
}

fn chair(c: &mut Canvas, x: f32, y: f32, s: f32, col: Color) {
    let m = rgb(METAL);
    c.line(x - 0.3 * s, y, x - 0.3 * s, y - 0.5 * s, 0.06 * s, m);
    c.line(x + 0.3 * s, y, x + 0.3 * s, y - 0.5 * s, 0.06 * s, m);
    c.rrect(
        x - 0.38 * s,
        y - 0.56 * s,
        0.76 * s,
        0.12 * s,
        0.05 * s,
        col,
    );
    c.rrect(
        x - 0.34 * s,
        y - 1.05 * s,
        0.68 * s,
        0.42 * s,
        0.08 * s,
        col,
    );
}

/// Draws `scene` with variations chosen by `seed`: mirrored or not, the season of the
/// trees, the sky, and the sizes, places and colours within the scene.
pub fn draw(scene: Scene, seed: u64) -> image::RgbImage {
    let mut rng = Rng::new(seed ^ (scene as u64) << 32);
    let leaves: &'static [u32] = match rng.next() % 20 {
        0..=11 => &LEAF,
        12..=16 => &AUTUMN,
        _ => &SPRING,
    };
    let mut c = Canvas::new(rng.chance(0.5), leaves);
    c.pm.fill(rgb(0xffffff));
    match scene {
        Scene::Playground => playground(&mut c, &mut rng, false),
        Scene::WaterPlay => playground(&mut c, &mut rng, true),
        Scene::Park | Scene::Picnic | Scene::Fitness | Scene::Garden => {
            park(&mut c, &mut rng, scene)
        }
        Scene::Street | Scene::BusStop | Scene::SchoolStreet => street(&mut c, &mut rng, scene),
        Scene::Square => square(&mut c, &mut rng),
        Scene::CommunityHall | Scene::School | Scene::Church | Scene::CultureHouse => {
            building_scene(&mut c, &mut rng, scene)
        }
        Scene::SportsHall | Scene::Hall | Scene::Meeting | Scene::Kitchen | Scene::Stage => {
            room(&mut c, &mut rng, scene)
        }
    }
    c.into_rgb()
}

/// Where a picture goes.
enum Target {
    Project(i64),
    Idea(i64),
    Space(i64),
}

/// Draws and stores the demo's pictures for municipality `org`: one per project, the ideas
/// whose title fits a scene, and most spaces (the first room of each provider shows its
/// building, some also the room inside; every other further room shows the room). Pictures are drawn and encoded on the
/// blocking threads, two at a time; rows go in one transaction. Returns how many were stored.
pub async fn attach(db: &Db, storage: &dyn Storage, org: i64) -> anyhow::Result<usize> {
    let mut jobs: Vec<(Target, Scene, u64)> = Vec::new();
    let projects: Vec<(i64, String)> = db
        .all(
            "SELECT id, slug FROM projects WHERE org_id = $1 ORDER BY id",
            args![org],
        )
        .await?;
    for (id, slug) in projects {
        jobs.push((Target::Project(id), Scene::for_project(&slug), id as u64));
    }
    let ideas: Vec<(i64, String)> = db
        .all(
            "SELECT id, title FROM ideas WHERE org_id = $1 ORDER BY id",
            args![org],
        )
        .await?;
    for (id, title) in ideas {
        if let Some(scene) = Scene::for_idea(&title) {
            jobs.push((Target::Idea(id), scene, 1_000 + id as u64));
        }
    }
    let spaces: Vec<(i64, String, String, i64)> = db
        .all(
            "SELECT s.id, s.name, p.kind, p.id FROM spaces s JOIN space_providers p ON p.id = s.provider_id AND p.org_id = s.org_id \
             WHERE s.org_id = $1 ORDER BY p.id, s.id",
            args![org],
        )
        .await?;
    let mut last_provider = None;
    for (n, (id, name, kind, provider)) in spaces.into_iter().enumerate() {
        let room = name.split(" – ").next().unwrap_or(&name).to_string();
        let first = last_provider != Some(provider);
        last_provider = Some(provider);
        let seed = 2_000 + id as u64;
        if first {
            jobs.push((
                Target::Space(id),
                Scene::for_space(&kind, &room, true),
                seed,
            ));
            // A few show a gallery: the building and the room inside.
            if provider % 3 == 0 {
                jobs.push((
                    Target::Space(id),
                    Scene::for_space(&kind, &room, false),
                    seed + 7,
                ));
            }
        } else if n % 2 == 0 {
            jobs.push((
                Target::Space(id),
                Scene::for_space(&kind, &room, false),
                seed,
            ));
        }
    }

    // Draw and encode, two at a time (the pictures are independent; the machine may be small).
    let mut encoded = Vec::with_capacity(jobs.len());
    let mut pending = std::collections::VecDeque::new();
    for (i, (_, scene, seed)) in jobs.iter().enumerate() {
        let (scene, seed) = (*scene, *seed);
        pending.push_back((
            i,
            tokio::task::spawn_blocking(move || crate::uploads::variants(draw(scene, seed))),
        ));
        if pending.len() >= 2 {
            if let Some((i, h)) = pending.pop_front() {
                encoded.push((i, h.await??));
            }
        }
    }
    while let Some((i, h)) = pending.pop_front() {
        encoded.push((i, h.await??));
    }

    let t = now();
    let mut tx = db.begin().await?;
    let mut stored = 0;
    for (i, enc) in encoded {
        let (target, scene, _) = &jobs[i];
        let name = format!("tekening-{}.jpg", i + 1);
        let img = crate::uploads::store_variants(storage, &mut tx, org, None, &name, &enc).await?;
        let alt = scene.alt();
        match target {
            Target::Project(id) => {
                tx.run(
                    "UPDATE projects SET cover_upload_id = $3, cover_alt = $4 WHERE org_id = $1 AND id = $2",
                    args![org, *id, img.id, alt],
                )
                .await?;
            }
            Target::Idea(id) => {
                tx.run(
                    "INSERT INTO idea_images (org_id, idea_id, upload_id, position, alt, created_at) VALUES ($1, $2, $3, 1, $4, $5)",
                    args![org, *id, img.id, alt, t],
                )
                .await?;
            }
            Target::Space(id) => {
                tx.run(
                    "INSERT INTO space_photos (org_id, space_id, upload_id, alt, created_at) VALUES ($1, $2, $3, $4, $5)",
                    args![org, *id, img.id, alt, t],
                )
                .await?;
            }
        }
        stored += 1;
    }
    tx.commit().await?;
    Ok(stored)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Scene; 19] = [
        Scene::Playground,
        Scene::WaterPlay,
        Scene::Park,
        Scene::Picnic,
        Scene::Fitness,
        Scene::Garden,
        Scene::Street,
        Scene::BusStop,
        Scene::SchoolStreet,
        Scene::Square,
        Scene::CommunityHall,
        Scene::SportsHall,
        Scene::School,
        Scene::Church,
        Scene::CultureHouse,
        Scene::Hall,
        Scene::Meeting,
        Scene::Kitchen,
        Scene::Stage,
    ];

    /// Each scene draws a picture with a visible subject: many colours, not one flat fill,
    /// and different seeds give different pictures.
    #[test]
    fn scenes_are_pictures_and_vary_by_seed() {
        for s in ALL {
            let a = draw(s, 1);
            assert_eq!(a.dimensions(), (PICTURE_WIDTH, PICTURE_HEIGHT));
            let mut colours = std::collections::HashSet::new();
            for p in a.pixels().step_by(97) {
                colours.insert([p[0] >> 3, p[1] >> 3, p[2] >> 3]);
            }
            assert!(colours.len() > 40, "{s:?}: {} colours", colours.len());
            let b = draw(s, 2);
            assert_ne!(a.as_raw(), b.as_raw(), "{s:?} varies by seed");
            assert!(s.alt().starts_with("Tekening van"));
        }
        assert_eq!(Scene::for_space("kerk", "Kerkzaal", true), Scene::Church);
        assert_eq!(Scene::for_space("kerk", "Kerkzaal", false), Scene::Stage);
        assert_eq!(
            Scene::for_space("sportclub", "Sporthal", false),
            Scene::SportsHall
        );
        assert_eq!(
            Scene::for_idea("Gratis parkeren bij winkelcentrum Zuid"),
            None
        );
    }
}
