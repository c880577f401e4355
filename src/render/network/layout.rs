//! A deterministic force-directed layout (Fruchterman and Reingold, 1991) for the network
//! page: the same graph gives the same positions, to the bit, on every build.
//!
//! Nodes start on a sunflower spiral in the order given (the most connected in the middle),
//! turned by the golden angle with multiplications only (no trigonometry, whose last bits
//! may differ between platforms); then a fixed number of rounds of forces: every pair
//! repels, every link attracts, a weak pull keeps separate groups near the centre, and the
//! moves shrink as the layout cools. Last, nodes whose labels overlap are pushed apart.
//! Nothing random: no seed from the system, no hash of addresses.

/// One node to place: the half-width of its label, drawn centred under it.
#[derive(Debug, Clone, Copy)]
pub struct Node {
    /// Half the label's width, in drawing units.
    pub half_label: f64,
}

/// Where the nodes go, in a drawing of `width` × `height` with its origin at the top left.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// `(x, y)` of each node, in the order given.
    pub positions: Vec<(f64, f64)>,
    /// Width of the drawing, labels included.
    pub width: f64,
    /// Height of the drawing, labels included.
    pub height: f64,
}

/// The ideal distance between linked nodes.
const SPACING: f64 = 90.0;
/// Rounds of forces.
const ROUNDS: usize = 300;
/// Rounds of pushing overlapping labels apart.
const SPREAD_ROUNDS: usize = 300;
/// The pull towards the middle, across and down.
const GRAVITY: (f64, f64) = (0.8, 1.4);
/// The radius of a node's mark.
pub const RADIUS: f64 = 7.0;
/// Where a label's baseline is, below the node's centre.
pub const LABEL_DROP: f64 = RADIUS + 13.0;
/// A label's height, and the gap kept around it.
const LABEL_HEIGHT: f64 = 15.0;
const LABEL_GAP: f64 = 4.0;
/// The margin around the drawing.
const MARGIN: f64 = 12.0;
/// cos and sin of the golden angle (π (3 − √5) radians).
const GOLDEN: (f64, f64) = (-0.737_368_878_078_319_7, 0.675_490_294_261_523_9);

/// Places `nodes` linked by `edges` (`(a, b, strength)`, indices into `nodes`).
pub fn layout(nodes: &[Node], edges: &[(usize, usize, f64)]) -> Layout {
    let n = nodes.len();
    // a frame wider than high, as pages are, of about SPACING² per node
    let side = SPACING * (n.max(4) as f64).sqrt();
    let (frame_w, frame_h) = (side * 1.5, side * 0.85);
    let mut pos = spiral(n, frame_w, frame_h);
    let k = SPACING;
    let mut heat = frame_w / 8.0;
    let cooling = heat / ROUNDS as f64;
    let mut moves = vec![(0.0, 0.0); n];
    for _ in 0..ROUNDS {
        moves.iter_mut().for_each(|m| *m = (0.0, 0.0));
        for i in 0..n {
            for j in i + 1..n {
                let (dx, dy, d) = apart(pos[i], pos[j], i, j);
                let f = k * k / d;
                let (fx, fy) = (dx / d * f, dy / d * f);
                moves[i].0 += fx;
                moves[i].1 += fy;
                moves[j].0 -= fx;
                moves[j].1 -= fy;
            }
        }
        for &(a, b, strength) in edges {
            if a == b || a >= n || b >= n {
                continue;
            }
            let (dx, dy, d) = apart(pos[a], pos[b], a, b);
            let f = d * d / k * strength;
            let (fx, fy) = (dx / d * f, dy / d * f);
            moves[a].0 -= fx;
            moves[a].1 -= fy;
            moves[b].0 += fx;
            moves[b].1 += fy;
        }
        let centre = (frame_w / 2.0, frame_h / 2.0);
        for (p, m) in pos.iter_mut().zip(&moves) {
            // gravity, stronger upwards and downwards: the drawing comes out wider than
            // high, as pages are, and groups with no link between them stay near
            let m = (
                m.0 + (centre.0 - p.0) * GRAVITY.0,
                m.1 + (centre.1 - p.1) * GRAVITY.1,
            );
            let length = (m.0 * m.0 + m.1 * m.1).sqrt();
            if length > 0.0 {
                let step = length.min(heat);
                p.0 += m.0 / length * step;
                p.1 += m.1 / length * step;
            }
        }
        heat = (heat - cooling).max(1.0);
    }
    spread(&mut pos, nodes);
    fit(pos, nodes)
}

/// Start positions: a sunflower spiral filling the frame, first node in the middle.
fn spiral(n: usize, w: f64, h: f64) -> Vec<(f64, f64)> {
    let mut direction = (1.0, 0.0);
    let scale = (w.min(h) / 2.0) / (n.max(1) as f64).sqrt();
    (0..n)
        .map(|i| {
            let r = scale * (i as f64 + 0.5).sqrt();
            let p = (
                w / 2.0 + direction.0 * r * (w / h),
                h / 2.0 + direction.1 * r,
            );
            direction = (
                direction.0 * GOLDEN.0 - direction.1 * GOLDEN.1,
                direction.0 * GOLDEN.1 + direction.1 * GOLDEN.0,
            );
            p
        })
        .collect()
}

/// The vector from `b` to `a` and its length, never zero: two nodes at one spot are told
/// apart by their indices, so forces never divide by zero.
fn apart(a: (f64, f64), b: (f64, f64), i: usize, j: usize) -> (f64, f64, f64) {
    let (mut dx, mut dy) = (a.0 - b.0, a.1 - b.1);
    if dx * dx + dy * dy < 0.01 {
        dx = if i < j { 0.1 } else { -0.1 };
        dy = ((i + j) % 3) as f64 * 0.05;
    }
    (dx, dy, (dx * dx + dy * dy).sqrt())
}

/// Pushes nodes apart until no two labels (each a box under its node) or marks overlap.
fn spread(pos: &mut [(f64, f64)], nodes: &[Node]) {
    let n = pos.len();
    for _ in 0..SPREAD_ROUNDS {
        let mut moved = false;
        for i in 0..n {
            for j in i + 1..n {
                let wide = nodes[i].half_label + nodes[j].half_label + LABEL_GAP;
                let high = LABEL_DROP + LABEL_HEIGHT / 2.0 + LABEL_GAP;
                let (dx, dy, _) = apart(pos[i], pos[j], i, j);
                let (over_x, over_y) = (wide - dx.abs(), high - dy.abs());
                if over_x <= 0.0 || over_y <= 0.0 {
                    continue;
                }
                moved = true;
                // the shorter way out, half each; vertically when equal
                if over_y <= over_x {
                    let push = (over_y / 2.0 + 0.5) * dy.signum();
                    pos[i].1 += push;
                    pos[j].1 -= push;
                } else {
                    let push = (over_x / 2.0 + 0.5) * dx.signum();
                    pos[i].0 += push;
                    pos[j].0 -= push;
                }
            }
        }
        if !moved {
            break;
        }
    }
}

/// Moves the drawing to the origin and measures it, labels and margin included.
fn fit(pos: Vec<(f64, f64)>, nodes: &[Node]) -> Layout {
    if pos.is_empty() {
        return Layout {
            positions: pos,
            width: 2.0 * MARGIN,
            height: 2.0 * MARGIN,
        };
    }
    let mut min = (f64::INFINITY, f64::INFINITY);
    let mut max = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    for (p, node) in pos.iter().zip(nodes) {
        let half = node.half_label.max(RADIUS);
        min = (min.0.min(p.0 - half), min.1.min(p.1 - RADIUS));
        max = (max.0.max(p.0 + half), max.1.max(p.1 + LABEL_DROP + 4.0));
    }
    // whole units: the numbers written stay short and the same on every build
    let shift = ((MARGIN - min.0).round(), (MARGIN - min.1).round());
    Layout {
        positions: pos
            .into_iter()
            .map(|p| (p.0 + shift.0, p.1 + shift.1))
            .collect(),
        width: (max.0 - min.0 + 2.0 * MARGIN).ceil(),
        height: (max.1 - min.1 + 2.0 * MARGIN).ceil(),
    }
}

#[cfg(test)]
mod tests;
