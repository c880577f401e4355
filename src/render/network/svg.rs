//! Drawing the network as inline SVG: nodes as links shaped by kind, relations as arrows
//! with their label, shared events as dashed lines thicker with more events.
//!
//! Colours come from the stylesheet's classes (`net-…`), so the drawing follows the light
//! and dark themes; every number is written with one decimal, so the bytes are the same
//! on every build. Text is escaped with the renderer's escaper.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::layout::{LABEL_DROP, RADIUS};
use super::{Edge, Link};
use crate::model::ActorId;
use crate::render::context::ActorLink;
use crate::render::escape::escape;

/// Labels longer than this many characters are shortened in the drawing (the node's
/// tooltip and the table give the whole name).
const LABEL_CHARS: usize = 24;
/// The width of a character of a label, on average, in drawing units (12 px text).
const CHAR_WIDTH: f64 = 6.9;
/// How far apart two links between the same actors are drawn.
const PARALLEL_GAP: f64 = 20.0;
/// The width of a character of a link's label (11 px italic), about.
const EDGE_CHAR_WIDTH: f64 = 6.2;
/// Where along a link its label may go, tried in turn until one overlaps no other label.
const LABEL_SPOTS: [f64; 9] = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.2, 0.8];

/// The words a drawing needs, in the dossier's language.
pub struct Words<'a> {
    /// Its name: `Network of 22 actors`.
    pub title: &'a str,
    /// What it shows, in a sentence.
    pub description: &'a str,
    /// `{n} shared events` for `n`.
    pub shared: &'a dyn Fn(u32) -> String,
}

/// Where a node's label goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// Centred under it.
    Below,
    /// Centred above it.
    Above,
    /// To its right.
    Right,
    /// To its left.
    Left,
}

/// A node placed in the drawing.
#[derive(Debug, Clone, Copy)]
pub struct Placed {
    /// Which actor.
    pub actor: ActorId,
    /// Its centre.
    pub at: (f64, f64),
    /// Where its label goes.
    pub label: Anchor,
    /// True for the actor whose neighbourhood is drawn.
    pub own: bool,
}

/// `name`, shortened to [`LABEL_CHARS`] characters with an ellipsis.
pub fn label(name: &str) -> String {
    if name.chars().count() <= LABEL_CHARS {
        return name.to_string();
    }
    let mut short: String = name.chars().take(LABEL_CHARS - 1).collect();
    short.truncate(short.trim_end().len());
    short.push('…');
    short
}

/// Half the width the label of `name` takes, about.
pub fn half_label(name: &str) -> f64 {
    label(name).chars().count() as f64 * CHAR_WIDTH / 2.0
}

/// The box `(min x, min y, max x, max y)` a placed node takes with its label.
pub fn extent(node: &Placed, name: &str) -> (f64, f64, f64, f64) {
    let (x, y) = node.at;
    let w = half_label(name) * 2.0;
    let r = RADIUS + 2.0;
    match node.label {
        Anchor::Below => (x - w / 2.0, y - r, x + w / 2.0, y + LABEL_DROP + 4.0),
        Anchor::Above => (x - w / 2.0, y - LABEL_DROP, x + w / 2.0, y + r),
        Anchor::Right => (x - r, y - r, x + r + 4.0 + w, y + r),
        Anchor::Left => (x - r - 4.0 - w, y - r, x + r, y + r),
    }
}

/// The `<svg>` of `nodes` and `edges` in the box `view` (`x, y, width, height`); `id`
/// prefixes the ids it defines, unique in the page.
pub fn draw(
    nodes: &[Placed],
    edges: &[Edge],
    actors: &[ActorLink],
    words: &Words,
    id: &str,
    view: (f64, f64, f64, f64),
) -> String {
    let at: BTreeMap<usize, (f64, f64)> = nodes.iter().map(|p| (p.actor.0, p.at)).collect();
    let mut svg = String::with_capacity(512 + nodes.len() * 260 + edges.len() * 160);
    let (x, y, w, h) = view;
    let _ = write!(
        svg,
        "<svg class=\"network-svg\" viewBox=\"{x:.1} {y:.1} {w:.1} {h:.1}\" width=\"{w:.0}\" height=\"{h:.0}\" \
         role=\"group\" aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>\
         <defs><marker id=\"{id}-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" \
         markerHeight=\"7\" orient=\"auto\"><path class=\"net-arrow\" d=\"M0 0L10 5L0 10z\"/></marker></defs>",
        escape(words.title),
        escape(words.description),
    );
    let name = |a: ActorId| actors.get(a.0).map_or("", |l| l.name);
    // links between the same two actors are drawn side by side
    let mut pairs: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for e in edges {
        *pairs.entry(pair(e)).or_default() += 1;
    }
    let mut seen: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    // what labels are placed on: the nodes and their names, then each link's label
    let mut taken: Vec<(f64, f64, f64, f64)> =
        (nodes.iter()).map(|p| extent(p, name(p.actor))).collect();
    let mut lines = String::new();
    let mut labels = String::new();
    for e in edges {
        let (Some(&from), Some(&to)) = (at.get(&e.from.0), at.get(&e.to.0)) else {
            continue;
        };
        let key = pair(e);
        let count = pairs.get(&key).copied().unwrap_or(1);
        let k = seen.entry(key).or_default();
        let offset = (*k as f64 - (count as f64 - 1.0) / 2.0) * PARALLEL_GAP;
        *k += 1;
        // the normal points the same way whichever end declares the link
        let flip = if e.from.0 <= e.to.0 { 1.0 } else { -1.0 };
        let curve = Curve::new(from, to, offset * flip);
        match e.link {
            Link::Relation(text) => {
                let end = curve.end_short_of(RADIUS + 3.0);
                let _ = write!(
                    lines,
                    "<path class=\"net-edge net-relation\" d=\"{}\" marker-end=\"url(#{id}-arrow)\"><title>{}</title></path>",
                    curve.path(end),
                    escape(&format!("{} → {text} → {}", name(e.from), name(e.to))),
                );
                let (mx, my) = curve.label_spot(&label(text), &mut taken);
                let _ = write!(
                    labels,
                    "<text x=\"{mx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                    my + 4.0,
                    escape(&label(text)),
                );
            }
            Link::Shared(n) => {
                let width = 1.0 + f64::from(n.clamp(1, 6) - 1) * 0.5;
                let _ = write!(
                    lines,
                    "<path class=\"net-edge net-shared\" d=\"{}\" stroke-width=\"{width:.1}\"><title>{}</title></path>",
                    curve.path(curve.to),
                    escape(&format!(
                        "{} – {}: {}",
                        name(e.from),
                        name(e.to),
                        (words.shared)(n)
                    )),
                );
            }
        }
    }
    let _ = write!(
        svg,
        "<g class=\"net-edges\" aria-hidden=\"true\">{lines}</g><g class=\"net-edge-labels\" aria-hidden=\"true\">{labels}</g><g class=\"net-nodes\">"
    );
    for node in nodes {
        if let Some(actor) = actors.get(node.actor.0) {
            node_into(&mut svg, node, actor);
        }
    }
    svg.push_str("</g></svg>");
    svg
}

/// The unordered pair of actors a link joins.
fn pair(e: &Edge) -> (usize, usize) {
    (e.from.0.min(e.to.0), e.from.0.max(e.to.0))
}

/// A node: a link to the actor's page, its shape and its label.
fn node_into(svg: &mut String, node: &Placed, actor: &ActorLink) {
    let (x, y) = node.at;
    let own = if node.own { " net-own" } else { "" };
    let _ = write!(
        svg,
        "<a class=\"net-node kind-{}{own}\" href=\"{}\"><title>{}</title>{}",
        escape(actor.kind),
        escape(&actor.url),
        escape(&format!("{} ({})", actor.name, actor.kind_label)),
        shape(actor.kind, x, y, RADIUS),
    );
    let (lx, ly, anchor) = match node.label {
        Anchor::Below => (x, y + LABEL_DROP, "middle"),
        Anchor::Above => (x, y - RADIUS - 6.0, "middle"),
        Anchor::Right => (x + RADIUS + 5.0, y + 4.0, "start"),
        Anchor::Left => (x - RADIUS - 5.0, y + 4.0, "end"),
    };
    let _ = write!(
        svg,
        "<text x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"{anchor}\">{}</text></a>",
        escape(&label(actor.name))
    );
}

/// The mark of an actor of `kind` centred on `(x, y)`: a circle for a person, a square for
/// an organisation, a house for a public body, a diamond for a state, a triangle for the
/// media, a hexagon for anything else.
pub fn shape(kind: &str, x: f64, y: f64, r: f64) -> String {
    let points: Vec<(f64, f64)> = match kind {
        "person" => {
            return format!(
                "<circle class=\"net-shape\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\"/>"
            );
        }
        "organisation" => {
            let s = r * 0.9;
            vec![(-s, -s), (s, -s), (s, s), (-s, s)]
        }
        "public-body" => vec![
            (-r, r * 0.9),
            (r, r * 0.9),
            (r, -r * 0.2),
            (0.0, -r * 1.1),
            (-r, -r * 0.2),
        ],
        "state" => {
            let s = r * 1.3;
            vec![(0.0, -s), (s, 0.0), (0.0, s), (-s, 0.0)]
        }
        "media" => vec![(0.0, -r * 1.2), (r * 1.15, r * 0.85), (-r * 1.15, r * 0.85)],
        _ => {
            let h = r * 0.87;
            vec![
                (-r, 0.0),
                (-r / 2.0, -h),
                (r / 2.0, -h),
                (r, 0.0),
                (r / 2.0, h),
                (-r / 2.0, h),
            ]
        }
    };
    let mut out = String::from("<polygon class=\"net-shape\" points=\"");
    for (i, (dx, dy)) in points.iter().enumerate() {
        let sep = if i == 0 { "" } else { " " };
        let _ = write!(out, "{sep}{:.1},{:.1}", x + dx, y + dy);
    }
    out.push_str("\"/>");
    out
}

/// A small drawing of the mark of `kind`, for a legend.
pub fn legend_icon(kind: &str) -> String {
    format!(
        "<svg class=\"net-icon\" viewBox=\"-10 -10 20 20\" width=\"20\" height=\"20\" aria-hidden=\"true\" focusable=\"false\">{}</svg>",
        shape(kind, 0.0, 0.0, RADIUS)
    )
}

/// A small drawing of a link, for a legend: a relation (arrow) or shared events (dashed).
pub fn legend_link(relation: bool) -> String {
    let line = if relation {
        "<path class=\"net-edge net-relation\" d=\"M2 8H26\"/><path class=\"net-arrow\" d=\"M24 4L32 8L24 12z\"/>"
    } else {
        "<path class=\"net-edge net-shared\" d=\"M2 8H32\" stroke-width=\"2.0\"/>"
    };
    format!(
        "<svg class=\"net-icon\" viewBox=\"0 0 34 16\" width=\"34\" height=\"16\" aria-hidden=\"true\" focusable=\"false\">{line}</svg>"
    )
}

/// A link drawn from one node to another, bowed sideways by an offset (0: straight).
struct Curve {
    from: (f64, f64),
    to: (f64, f64),
    control: (f64, f64),
}

impl Curve {
    fn new(from: (f64, f64), to: (f64, f64), offset: f64) -> Curve {
        let (dx, dy) = (to.0 - from.0, to.1 - from.1);
        let length = (dx * dx + dy * dy).sqrt().max(0.001);
        let normal = (-dy / length, dx / length);
        // the curve passes through the middle moved by `offset` when the control point
        // is moved by twice that
        let control = (
            (from.0 + to.0) / 2.0 + normal.0 * offset * 2.0,
            (from.1 + to.1) / 2.0 + normal.1 * offset * 2.0,
        );
        Curve { from, to, control }
    }

    /// The point at `t` along (0 at the start, 1 at the end).
    fn at(&self, t: f64) -> (f64, f64) {
        let (a, b, c) = ((1.0 - t) * (1.0 - t), 2.0 * (1.0 - t) * t, t * t);
        (
            a * self.from.0 + b * self.control.0 + c * self.to.0,
            a * self.from.1 + b * self.control.1 + c * self.to.1,
        )
    }

    /// Where to centre `text` on the link: the first of [`LABEL_SPOTS`] where it overlaps
    /// nothing in `taken` (else the middle), which it then takes.
    fn label_spot(&self, text: &str, taken: &mut Vec<(f64, f64, f64, f64)>) -> (f64, f64) {
        let half = text.chars().count() as f64 * EDGE_CHAR_WIDTH / 2.0;
        let boxed = |(x, y): (f64, f64)| (x - half, y - 6.0, x + half, y + 6.0);
        let overlaps = |b: (f64, f64, f64, f64)| {
            (taken.iter()).any(|t| b.0 < t.2 && t.0 < b.2 && b.1 < t.3 && t.1 < b.3)
        };
        let spot = (LABEL_SPOTS.iter())
            .map(|&t| self.at(t))
            .find(|&p| !overlaps(boxed(p)))
            .unwrap_or_else(|| self.at(0.5));
        taken.push(boxed(spot));
        spot
    }

    /// The end moved back towards the control point by `gap`, so an arrowhead shows.
    fn end_short_of(&self, gap: f64) -> (f64, f64) {
        let (dx, dy) = (self.to.0 - self.control.0, self.to.1 - self.control.1);
        let length = (dx * dx + dy * dy).sqrt();
        if length <= gap {
            return self.to;
        }
        (self.to.0 - dx / length * gap, self.to.1 - dy / length * gap)
    }

    /// The path's `d`, ending at `end`.
    fn path(&self, end: (f64, f64)) -> String {
        let (f, c) = (self.from, self.control);
        let straight = (c.0 - (f.0 + self.to.0) / 2.0).abs() < 0.05
            && (c.1 - (f.1 + self.to.1) / 2.0).abs() < 0.05;
        if straight {
            format!("M{:.1} {:.1}L{:.1} {:.1}", f.0, f.1, end.0, end.1)
        } else {
            format!(
                "M{:.1} {:.1}Q{:.1} {:.1} {:.1} {:.1}",
                f.0, f.1, c.0, c.1, end.0, end.1
            )
        }
    }
}
