//! Outlines of the demo's districts and neighbourhoods of Enschede, made in code.
//!
//! Approximate, not the real borders: each neighbourhood is the part of the city nearer to its
//! centre (`spaces::demo::CENTRES`, roughly where the real neighbourhood is) than to any other
//! centre, a Voronoi diagram cut off at a rounded outline around all centres. A district is the
//! union of its neighbourhoods. So a point near a neighbourhood's centre lies in that
//! neighbourhood and in its district, which is how the demo places its spaces and ideas
//! ([`nearest`]), and the outlines of neighbouring areas share their borders exactly.
//!
//! Distances are measured in kilometres on a local flat projection around the city centre
//! (at this latitude a degree of longitude is 0.61 of a degree of latitude), so the cells look
//! right on a Web Mercator map.

use crate::spaces::demo::CENTRES;

/// The projection's origin: Enschede's centre.
const LAT0: f64 = 52.2215;
const LON0: f64 = 6.8937;
/// Kilometres per degree of latitude, and of longitude at `LAT0`.
const KM_LAT: f64 = 110.574;
fn km_lon() -> f64 {
    111.320 * LAT0.to_radians().cos()
}
/// How far the city's outline lies beyond the outermost centres, in km.
const MARGIN_KM: f64 = 1.6;

type P = (f64, f64);

fn to_xy(lat: f64, lon: f64) -> P {
    ((lon - LON0) * km_lon(), (lat - LAT0) * KM_LAT)
}

fn to_lonlat((x, y): P) -> (f64, f64) {
    (LON0 + x / km_lon(), LAT0 + y / KM_LAT)
}

/// The neighbourhood whose centre is nearest to a point (the one whose outline holds it).
pub fn nearest(lat: f64, lon: f64) -> &'static str {
    let p = to_xy(lat, lon);
    CENTRES
        .iter()
        .map(|(n, la, lo)| {
            let c = to_xy(*la, *lo);
            (n, (c.0 - p.0).powi(2) + (c.1 - p.1).powi(2))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(n, _)| *n)
        .unwrap_or("")
}

/// The centre of neighbourhood `name` (lat, lon).
pub fn centre(name: &str) -> Option<(f64, f64)> {
    CENTRES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, la, lo)| (*la, *lo))
}

/// The point `dlat`/`dlon` degrees from the centre of neighbourhood `name`, pulled back
/// towards the centre until it lies in the neighbourhood's own outline.
pub fn point_in(name: &str, dlat: f64, dlon: f64) -> Option<(f64, f64)> {
    let (lat0, lon0) = centre(name)?;
    let (mut dy, mut dx) = (dlat, dlon);
    for _ in 0..12 {
        let (lat, lon) = (lat0 + dy, lon0 + dx);
        if nearest(lat, lon) == name {
            return Some((lat, lon));
        }
        dy /= 2.0;
        dx /= 2.0;
    }
    Some((lat0, lon0))
}

fn cross(o: P, a: P, b: P) -> f64 {
    (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
}

/// Convex hull, counter-clockwise (Andrew's monotone chain).
fn hull(mut pts: Vec<P>) -> Vec<P> {
    pts.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    pts.dedup();
    if pts.len() < 3 {
        return pts;
    }
    let mut lower: Vec<P> = Vec::new();
    for p in &pts {
        while lower.len() >= 2 && cross(lower[lower.len() - 2], lower[lower.len() - 1], *p) <= 0.0 {
            lower.pop();
        }
        lower.push(*p);
    }
    let mut upper: Vec<P> = Vec::new();
    for p in pts.iter().rev() {
        while upper.len() >= 2 && cross(upper[upper.len() - 2], upper[upper.len() - 1], *p) <= 0.0 {
            upper.pop();
        }
        upper.push(*p);
    }
    lower.pop();
    upper.pop();
    lower.extend(upper);
    lower
}

/// The city's outline: the hull of all centres grown by `MARGIN_KM` with rounded corners
/// (convex, counter-clockwise).
fn city_outline() -> Vec<P> {
    let h = hull(CENTRES.iter().map(|(_, la, lo)| to_xy(*la, *lo)).collect());
    let n = h.len();
    let mut out = Vec::new();
    for i in 0..n {
        let (prev, cur, next) = (h[(i + n - 1) % n], h[i], h[(i + 1) % n]);
        // Outward normals of the edges before and after this corner (CCW: right-hand side).
        let normal = |a: P, b: P| {
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            dy.atan2(dx) - std::f64::consts::FRAC_PI_2
        };
        let a0 = normal(prev, cur);
        let mut a1 = normal(cur, next);
        while a1 < a0 {
            a1 += std::f64::consts::TAU;
        }
        let steps = ((a1 - a0) / 0.3).ceil().max(1.0) as usize;
        for k in 0..=steps {
            let a = a0 + (a1 - a0) * k as f64 / steps as f64;
            out.push((cur.0 + MARGIN_KM * a.cos(), cur.1 + MARGIN_KM * a.sin()));
        }
    }
    out
}

/// Keeps the part of convex polygon `poly` where `n·p <= c` (Sutherland–Hodgman, one edge).
fn clip(poly: &[P], n: P, c: f64) -> Vec<P> {
    let inside = |p: P| n.0 * p.0 + n.1 * p.1 <= c;
    let mut out = Vec::with_capacity(poly.len() + 1);
    for i in 0..poly.len() {
        let (a, b) = (poly[i], poly[(i + 1) % poly.len()]);
        let (ia, ib) = (inside(a), inside(b));
        if ia {
            out.push(a);
        }
        if ia != ib {
            let da = n.0 * a.0 + n.1 * a.1 - c;
            let db = n.0 * b.0 + n.1 * b.1 - c;
            let t = da / (da - db);
            out.push((a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t));
        }
    }
    out
}

/// The cell of every centre, in `CENTRES` order (counter-clockwise rings in km).
fn cells() -> Vec<Vec<P>> {
    let outline = city_outline();
    let sites: Vec<P> = CENTRES.iter().map(|(_, la, lo)| to_xy(*la, *lo)).collect();
    sites
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut cell = outline.clone();
            for (j, t) in sites.iter().enumerate() {
                if i == j || cell.is_empty() {
                    continue;
                }
                // Nearer to s than to t: (t - s)·p <= (|t|² - |s|²) / 2.
                let n = (t.0 - s.0, t.1 - s.1);
                let c = (t.0 * t.0 + t.1 * t.1 - s.0 * s.0 - s.1 * s.1) / 2.0;
                cell = clip(&cell, n, c);
            }
            // Drop points that coincide with the one before (a clip through a corner).
            let mut clean: Vec<P> = Vec::with_capacity(cell.len());
            for p in cell {
                if clean
                    .last()
                    .is_none_or(|q: &P| (q.0 - p.0).abs() + (q.1 - p.1).abs() > 1e-9)
                {
                    clean.push(p);
                }
            }
            while clean.len() > 1 && {
                let (f, l) = (clean[0], clean[clean.len() - 1]);
                (f.0 - l.0).abs() + (f.1 - l.1).abs() <= 1e-9
            } {
                clean.pop();
            }
            clean
        })
        .collect()
}

fn area2(ring: &[P]) -> f64 {
    (0..ring.len())
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum()
}

fn contains(ring: &[P], p: P) -> bool {
    let mut inside = false;
    let n = ring.len();
    for i in 0..n {
        let (a, b) = (ring[i], ring[(i + n - 1) % n]);
        if (a.1 > p.1) != (b.1 > p.1) && p.0 < (b.0 - a.0) * (p.1 - a.1) / (b.1 - a.1) + a.0 {
            inside = !inside;
        }
    }
    inside
}

/// The outline of the union of `rings` (cells that share whole edges): edges that two cells
/// share cancel, the rest are chained into rings. Returns polygons (outer ring, then holes).
fn union(rings: &[&Vec<P>]) -> Vec<Vec<Vec<P>>> {
    // Vertices that are equal up to rounding become one.
    let mut verts: Vec<P> = Vec::new();
    let mut index = |p: P| -> usize {
        if let Some(i) = verts
            .iter()
            .position(|q| (q.0 - p.0).abs() < 1e-7 && (q.1 - p.1).abs() < 1e-7)
        {
            return i;
        }
        verts.push(p);
        verts.len() - 1
    };
    let mut edges: Vec<(usize, usize)> = Vec::new();
    for r in rings {
        let ids: Vec<usize> = r.iter().map(|p| index(*p)).collect();
        for i in 0..ids.len() {
            let (a, b) = (ids[i], ids[(i + 1) % ids.len()]);
            if a == b {
                continue;
            }
            if let Some(k) = edges.iter().position(|&(x, y)| x == b && y == a) {
                edges.swap_remove(k);
            } else {
                edges.push((a, b));
            }
        }
    }
    let mut loops: Vec<Vec<P>> = Vec::new();
    while let Some((start, mut next)) = edges.pop() {
        let mut ring = vec![verts[start]];
        let mut guard = 0;
        while next != start && guard < 10_000 {
            ring.push(verts[next]);
            let Some(k) = edges.iter().position(|&(x, _)| x == next) else {
                break;
            };
            next = edges.swap_remove(k).1;
            guard += 1;
        }
        if ring.len() >= 3 {
            loops.push(ring);
        }
    }
    let (outer, holes): (Vec<Vec<P>>, Vec<Vec<P>>) =
        loops.into_iter().partition(|r| area2(r) > 0.0);
    let mut polys: Vec<Vec<Vec<P>>> = outer.into_iter().map(|r| vec![r]).collect();
    for h in holes {
        if let Some(p) = polys.iter_mut().find(|p| contains(&p[0], h[0])) {
            p.push(h);
        }
    }
    polys
}

fn ring_json(ring: &[P]) -> String {
    let mut pts: Vec<String> = ring
        .iter()
        .map(|p| {
            let (lon, lat) = to_lonlat(*p);
            format!("[{lon:.5},{lat:.5}]")
        })
        .collect();
    if let Some(first) = pts.first().cloned() {
        pts.push(first);
    }
    format!("[{}]", pts.join(","))
}

fn polygon_json(rings: &[Vec<P>]) -> String {
    format!(
        "[{}]",
        rings
            .iter()
            .map(|r| ring_json(r))
            .collect::<Vec<_>>()
            .join(",")
    )
}

fn geometry(polys: &[Vec<Vec<P>>]) -> String {
    match polys {
        [one] => format!(
            r#"{{"type":"Polygon","coordinates":{}}}"#,
            polygon_json(one)
        ),
        many => format!(
            r#"{{"type":"MultiPolygon","coordinates":[{}]}}"#,
            many.iter()
                .map(|p| polygon_json(p))
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

/// GeoJSON geometries of the demo's areas: every neighbourhood in `CENTRES`, and every district
/// of `districts` (name and its neighbourhoods) as the union of its neighbourhoods.
pub fn outlines(districts: &[(&str, &[&str])]) -> Vec<(String, String)> {
    let cells = cells();
    let cell_of = |name: &str| {
        CENTRES
            .iter()
            .position(|(n, _, _)| *n == name)
            .map(|i| &cells[i])
    };
    let mut out = Vec::new();
    for (i, (name, _, _)) in CENTRES.iter().enumerate() {
        if cells[i].len() >= 3 {
            out.push((name.to_string(), geometry(&[vec![cells[i].clone()]])));
        }
    }
    for (district, hoods) in districts {
        let rings: Vec<&Vec<P>> = hoods
            .iter()
            .filter_map(|h| cell_of(h))
            .filter(|c| c.len() >= 3)
            .collect();
        let polys = union(&rings);
        if !polys.is_empty() {
            out.push((district.to_string(), geometry(&polys)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DISTRICTS: &[(&str, &[&str])] = &[
        ("Zuid", &["Wesselerbrink", "Helmerhoek", "Stroinkslanden"]),
        ("Oost", &["Glanerbrug", "Eschmarke", "Dolphia"]),
    ];

    fn lonlat_rings(g: &str) -> Vec<Vec<(f64, f64)>> {
        let v: serde_json::Value = serde_json::from_str(g).unwrap();
        let polys: Vec<&serde_json::Value> = match v["type"].as_str().unwrap() {
            "Polygon" => vec![&v["coordinates"]],
            _ => v["coordinates"].as_array().unwrap().iter().collect(),
        };
        polys
            .iter()
            .flat_map(|p| p.as_array().unwrap().iter())
            .map(|r| {
                r.as_array()
                    .unwrap()
                    .iter()
                    .map(|pt| (pt[0].as_f64().unwrap(), pt[1].as_f64().unwrap()))
                    .collect()
            })
            .collect()
    }

    fn inside(rings: &[Vec<(f64, f64)>], lat: f64, lon: f64) -> bool {
        rings.iter().filter(|r| contains(r, (lon, lat))).count() % 2 == 1
    }

    #[test]
    fn every_centre_lies_in_its_own_outline_and_its_districts() {
        let all = outlines(DISTRICTS);
        let get = |n: &str| lonlat_rings(&all.iter().find(|(k, _)| k == n).unwrap().1);
        for (name, lat, lon) in CENTRES {
            assert!(inside(&get(name), *lat, *lon), "{name}");
            assert_eq!(nearest(*lat, *lon), *name);
            for (other, ..) in CENTRES.iter().filter(|(o, ..)| o != name).take(5) {
                assert!(!inside(&get(other), *lat, *lon), "{name} in {other}");
            }
        }
        let zuid = get("Zuid");
        assert_eq!(zuid.len(), 1, "one ring: the cells are joined");
        for h in ["Wesselerbrink", "Helmerhoek", "Stroinkslanden"] {
            let (lat, lon) = centre(h).unwrap();
            assert!(inside(&zuid, lat, lon), "{h} in Zuid");
        }
        let (lat, lon) = centre("Binnenstad").unwrap();
        assert!(!inside(&zuid, lat, lon));
        // Roughly Enschede: within 52.15..52.30 N, 6.74..7.05 E.
        for (_, g) in &all {
            for r in lonlat_rings(g) {
                assert!(r.len() >= 4 && r.first() == r.last());
                for (lon, lat) in r {
                    assert!((52.15..52.30).contains(&lat) && (6.74..7.05).contains(&lon));
                }
            }
        }
    }

    #[test]
    fn points_are_pulled_into_their_neighbourhood() {
        for (name, ..) in CENTRES {
            for (a, b) in [
                (0.003, 0.004),
                (-0.003, 0.004),
                (0.003, -0.004),
                (-0.003, -0.004),
            ] {
                let (lat, lon) = point_in(name, a, b).unwrap();
                assert_eq!(nearest(lat, lon), *name);
            }
        }
        assert!(point_in("Nergens", 0.0, 0.0).is_none());
    }
}
