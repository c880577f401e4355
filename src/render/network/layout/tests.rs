//! The layout's promises: the same bytes every time, finite numbers inside the drawing,
//! no two nodes on one spot, labels apart.

use super::{LABEL_DROP, Layout, Node, layout};

/// A graph of `n` nodes: a ring, a few chords, and an isolated tail of nodes.
fn graph(n: usize) -> (Vec<Node>, Vec<(usize, usize, f64)>) {
    let nodes = (0..n)
        .map(|i| Node {
            half_label: 20.0 + (i % 7) as f64 * 8.0,
        })
        .collect();
    let linked = n * 4 / 5;
    let mut edges: Vec<(usize, usize, f64)> = (0..linked)
        .map(|i| (i, (i + 1) % linked.max(1), 1.0))
        .collect();
    edges.extend((0..linked / 3).map(|i| (i, (i * 7 + 3) % linked.max(1), 0.4)));
    (nodes, edges)
}

fn check(layout: &Layout, nodes: &[Node]) {
    assert!(layout.width.is_finite() && layout.height.is_finite());
    for (i, &(x, y)) in layout.positions.iter().enumerate() {
        assert!(x.is_finite() && y.is_finite(), "node {i} at {x}, {y}");
        assert!(
            x - nodes[i].half_label >= 0.0 && x + nodes[i].half_label <= layout.width,
            "node {i} at x = {x} outside 0..{}",
            layout.width
        );
        assert!(
            y >= 0.0 && y + LABEL_DROP <= layout.height,
            "node {i} at y = {y} outside 0..{}",
            layout.height
        );
    }
}

#[test]
fn the_same_graph_is_laid_out_the_same_to_the_bit() {
    let (nodes, edges) = graph(60);
    let a = layout(&nodes, &edges);
    let b = layout(&nodes, &edges);
    let bits = |l: &Layout| {
        l.positions
            .iter()
            .map(|p| (p.0.to_bits(), p.1.to_bits()))
            .collect::<Vec<_>>()
    };
    assert_eq!(bits(&a), bits(&b));
    assert_eq!(a.width.to_bits(), b.width.to_bits());
}

#[test]
fn every_node_is_finite_and_inside_the_drawing() {
    for n in [0, 1, 2, 3, 10, 45, 150] {
        let (nodes, edges) = graph(n);
        check(&layout(&nodes, &edges), &nodes);
    }
}

#[test]
fn no_two_nodes_share_a_spot_and_labels_do_not_overlap() {
    for n in [2, 12, 40, 150] {
        let (nodes, edges) = graph(n);
        let l = layout(&nodes, &edges);
        let mut overlaps = 0;
        for i in 0..n {
            for j in i + 1..n {
                let (a, b) = (l.positions[i], l.positions[j]);
                assert!(
                    (a.0 - b.0).abs() > 1.0 || (a.1 - b.1).abs() > 1.0,
                    "nodes {i} and {j} of {n} at one spot"
                );
                let wide = nodes[i].half_label + nodes[j].half_label;
                if (a.0 - b.0).abs() < wide && (a.1 - b.1).abs() < 15.0 {
                    overlaps += 1;
                }
            }
        }
        // the spreading rounds are bounded: a rare overlap may remain in a dense graph
        assert!(
            overlaps <= n / 50,
            "{overlaps} labels overlap among {n} nodes"
        );
    }
}

#[test]
fn nodes_on_one_spot_are_pushed_apart_without_dividing_by_zero() {
    let nodes = vec![Node { half_label: 10.0 }; 3];
    // every node linked to every other, twice: the forces are symmetric
    let edges = [(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (1, 0, 1.0)];
    let l = layout(&nodes, &edges);
    check(&l, &nodes);
    assert_ne!(l.positions[0], l.positions[1]);
}
