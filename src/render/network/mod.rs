//! The actor network, `/network/` and each actor page's neighbourhood: who is linked to
//! whom, by the relations actors declare and by the events they take part in together.
//!
//! 1. [`Network::new`] builds the graph once per build (a petgraph `Graph`, node `i` being
//!    actor `i`): one edge per declared relation, from the actor that declares it (the
//!    incoming copies the resolver adds are not drawn twice), and one per pair of actors
//!    sharing events, weighted by how many;
//! 2. [`Network::selection`] keeps what the page can show legibly: the most connected
//!    [`MAX_NODES`] actors and, between them, every relation and the strongest shared-event
//!    links up to [`MAX_EDGES`];
//! 3. [`layout`] places them (a seeded force layout) and [`svg`] draws them; an actor's
//!    neighbourhood is drawn around it in a circle, no layout needed.

pub mod layout;
mod page;
pub mod svg;

use std::collections::BTreeMap;

use petgraph::Direction;
use petgraph::graph::{EdgeIndex, Graph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::model::{ActorId, Dossier};

/// The network page draws at most this many actors, the most connected.
pub const MAX_NODES: usize = 150;
/// ... and at most this many links between them (relations first).
pub const MAX_EDGES: usize = 450;
/// An actor page draws at most this many neighbours, the closest.
pub const MAX_NEIGHBOURS: usize = 12;

/// What links two actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link<'a> {
    /// A relation the edge's source declares: `founded by`.
    Relation(&'a str),
    /// How many events both take part in.
    Shared(u32),
}

/// One link as drawn and listed: from, what, to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge<'a> {
    /// The actor declaring the relation (for shared events, the one first in the dossier).
    pub from: ActorId,
    /// The other actor.
    pub to: ActorId,
    /// What links them.
    pub link: Link<'a>,
}

/// The graph of the whole dossier.
pub struct Network<'a> {
    graph: Graph<ActorId, Link<'a>>,
}

/// What the network page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection<'a> {
    /// The actors drawn, most connected first.
    pub nodes: Vec<ActorId>,
    /// The links drawn between them: relations, then shared events, strongest first.
    pub edges: Vec<Edge<'a>>,
    /// How many actors the dossier has.
    pub total_nodes: usize,
    /// How many links the drawn actors have between them.
    pub total_edges: usize,
}

/// An actor's neighbourhood: its closest neighbours and the links to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neighbourhood<'a> {
    /// The neighbours drawn, closest first.
    pub neighbours: Vec<ActorId>,
    /// Every link between the actor and a drawn neighbour.
    pub edges: Vec<Edge<'a>>,
    /// Neighbours left out of the drawing.
    pub more: usize,
}

impl<'a> Network<'a> {
    /// The network of `dossier`.
    pub fn new(dossier: &'a Dossier) -> Network<'a> {
        let mut graph = Graph::with_capacity(dossier.actors.len(), dossier.actors.len());
        for i in 0..dossier.actors.len() {
            graph.add_node(ActorId(i));
        }
        for (i, actor) in dossier.actors.iter().enumerate() {
            for r in actor.relations.iter().filter(|r| !r.incoming) {
                if r.actor.0 != i {
                    let link = Link::Relation(r.label.as_str());
                    graph.add_edge(NodeIndex::new(i), NodeIndex::new(r.actor.0), link);
                }
            }
        }
        // Pairs in a BTreeMap: edges are added in the same order on every build.
        let mut shared: BTreeMap<(usize, usize), u32> = BTreeMap::new();
        let mut present = Vec::new();
        for event in &dossier.events {
            present.clear();
            present.extend(event.actors.iter().map(|a| a.0));
            present.sort_unstable();
            present.dedup();
            for (k, &a) in present.iter().enumerate() {
                for &b in &present[k + 1..] {
                    *shared.entry((a, b)).or_default() += 1;
                }
            }
        }
        for ((a, b), n) in shared {
            graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), Link::Shared(n));
        }
        Network { graph }
    }

    fn edge(&self, e: EdgeIndex) -> Option<Edge<'a>> {
        let (from, to) = self.graph.edge_endpoints(e)?;
        Some(Edge {
            from: self.graph[from],
            to: self.graph[to],
            link: *self.graph.edge_weight(e)?,
        })
    }

    /// How many links `actor` has, and how many shared events in all (a tie-breaker).
    fn degree(&self, actor: ActorId) -> (usize, u32) {
        let n = NodeIndex::new(actor.0);
        let edges = || {
            (self.graph.edges_directed(n, Direction::Outgoing))
                .chain(self.graph.edges_directed(n, Direction::Incoming))
        };
        let weight = edges()
            .map(|e| match e.weight() {
                Link::Relation(_) => 1,
                Link::Shared(w) => *w,
            })
            .sum();
        (edges().count(), weight)
    }

    /// What the network page shows: the [`MAX_NODES`] most connected actors (actors with
    /// as many links in dossier order), and between them every relation and the strongest
    /// shared-event links, [`MAX_EDGES`] links in all.
    pub fn selection(&self) -> Selection<'a> {
        let total_nodes = self.graph.node_count();
        let mut nodes: Vec<(ActorId, (usize, u32))> = (self.graph.node_indices())
            .map(|n| (self.graph[n], self.degree(self.graph[n])))
            .collect();
        nodes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.0.cmp(&b.0.0)));
        nodes.truncate(MAX_NODES);
        let mut shown = vec![false; total_nodes];
        for (a, _) in &nodes {
            shown[a.0] = true;
        }
        let mut edges: Vec<Edge<'a>> = (self.graph.edge_indices())
            .filter_map(|e| self.edge(e))
            .filter(|e| shown[e.from.0] && shown[e.to.0])
            .collect();
        let total_edges = edges.len();
        // relations first (as declared), then shared events, strongest first; a stable sort
        edges.sort_by_key(|e| match e.link {
            Link::Relation(_) => (0, 0),
            Link::Shared(w) => (1, u32::MAX - w),
        });
        edges.truncate(MAX_EDGES);
        Selection {
            nodes: nodes.into_iter().map(|(a, _)| a).collect(),
            edges,
            total_nodes,
            total_edges,
        }
    }

    /// The neighbourhood of `actor`: neighbours by relation first (as declared), then by
    /// shared events (most first), [`MAX_NEIGHBOURS`] at most.
    pub fn neighbourhood(&self, actor: ActorId) -> Neighbourhood<'a> {
        let n = NodeIndex::new(actor.0);
        let mut edges: Vec<Edge<'a>> = (self.graph.edges_directed(n, Direction::Outgoing))
            .chain(self.graph.edges_directed(n, Direction::Incoming))
            .filter_map(|e| self.edge(e.id()))
            .collect();
        let other = |e: &Edge| if e.from == actor { e.to } else { e.from };
        // closeness of each neighbour: a relation (the first one's order), else shared events
        let mut rank: BTreeMap<usize, (u8, u32, usize)> = BTreeMap::new();
        for (i, e) in edges.iter().enumerate() {
            let key = match e.link {
                Link::Relation(_) => (0, 0, i),
                Link::Shared(w) => (1, u32::MAX - w, 0),
            };
            let entry = rank.entry(other(e).0).or_insert(key);
            *entry = (*entry).min(key);
        }
        let mut neighbours: Vec<(usize, (u8, u32, usize))> = rank.into_iter().collect();
        neighbours.sort_by_key(|&(id, key)| (key, id));
        let more = neighbours.len().saturating_sub(MAX_NEIGHBOURS);
        neighbours.truncate(MAX_NEIGHBOURS);
        let neighbours: Vec<ActorId> = neighbours.into_iter().map(|(a, _)| ActorId(a)).collect();
        edges.retain(|e| neighbours.contains(&other(e)));
        let position = |e: &Edge| neighbours.iter().position(|a| *a == other(e));
        edges.sort_by_key(|e| (position(e), matches!(e.link, Link::Shared(_))));
        Neighbourhood {
            neighbours,
            edges,
            more,
        }
    }
}

#[cfg(test)]
mod tests;
