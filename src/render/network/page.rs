//! The network page, `/network/`, and the neighbourhood on each actor page: the drawing,
//! its legend and the table of the same links, in the dossier's language.

use std::collections::BTreeMap;

use super::layout::{self, Node};
use super::svg::{self, Anchor, Placed, Words};
use super::{Edge, Link, Network};
use crate::diagnostic::Diagnostic;
use crate::model::{ACTOR_KINDS, ActorId};
use crate::render::context::{EdgeRow, LegendEntry, NeighbourhoodView, NetworkPage};
use crate::render::urls::file_for;
use crate::render::{OutputFile, Site};

/// The neighbourhood's ellipse: neighbours sit on it, around the actor.
const RING: (f64, f64) = (230.0, 135.0);

impl<'a> Site<'a, '_> {
    /// The dossier's network, built the first time a page asks.
    pub(in crate::render) fn network(&self) -> &Network<'a> {
        self.network.get_or_init(|| Network::new(self.dossier))
    }

    /// `{n} shared events`, `1 shared event`.
    fn shared_text(&self, n: u32) -> String {
        let strings = &self.theme.strings;
        if n == 1 {
            strings
                .text("network_shared_one", "1 shared event")
                .to_string()
        } else {
            (strings.text("network_shared_many", "{n} shared events"))
                .replace("{n}", &n.to_string())
        }
    }

    /// The description of a drawing of `actors` actors and `edges` links.
    fn description(&self, actors: usize, edges: &[Edge]) -> String {
        let relations = edges
            .iter()
            .filter(|e| matches!(e.link, Link::Relation(_)))
            .count();
        (self.theme.strings)
            .text(
                "network_description",
                "{actors} actors. Declared relations: {relations}; links by shared events: {shared}. The table after the drawing lists the same links.",
            )
            .replace("{actors}", &actors.to_string())
            .replace("{relations}", &relations.to_string())
            .replace("{shared}", &(edges.len() - relations).to_string())
    }

    /// The rows of a table of `edges`.
    fn edge_rows(&self, edges: &[Edge<'a>]) -> Vec<EdgeRow<'_>> {
        let actors = &self.links.actors;
        edges
            .iter()
            .map(|e| EdgeRow {
                from: &actors[e.from.0],
                label: match e.link {
                    Link::Relation(label) => label.to_string(),
                    Link::Shared(n) => self.shared_text(n),
                },
                shared: matches!(e.link, Link::Shared(_)),
                to: &actors[e.to.0],
            })
            .collect()
    }

    /// The shapes of the kinds drawn, then the two kinds of line.
    fn legend(&self, kinds: impl Fn(&str) -> bool) -> Vec<LegendEntry> {
        let strings = &self.theme.strings;
        let mut legend: Vec<LegendEntry> = (ACTOR_KINDS.iter())
            .filter(|k| kinds(k))
            .map(|k| LegendEntry {
                icon: svg::legend_icon(k),
                label: strings.kind(k, false),
            })
            .collect();
        legend.push(LegendEntry {
            icon: svg::legend_link(true),
            label: strings
                .text(
                    "network_relation",
                    "declared relation (arrow from the actor declaring it)",
                )
                .to_string(),
        });
        legend.push(LegendEntry {
            icon: svg::legend_link(false),
            label: strings
                .text("network_shared", "events in common (thicker for more)")
                .to_string(),
        });
        legend
    }

    /// The `/network/` page.
    pub(in crate::render) fn network_page(&self) -> Result<OutputFile, Diagnostic> {
        let selection = self.network().selection();
        let actors = &self.links.actors;
        let nodes: Vec<Node> = (selection.nodes.iter())
            .map(|a| Node {
                half_label: svg::half_label(actors[a.0].name),
            })
            .collect();
        let mut position = vec![None; self.dossier.actors.len()];
        for (i, a) in selection.nodes.iter().enumerate() {
            position[a.0] = Some(i);
        }
        // one pull per pair of actors, however many links join them: a relation pulls
        // less than close neighbours would, leaving room for its label
        let mut pulls: BTreeMap<(usize, usize), f64> = BTreeMap::new();
        for e in &selection.edges {
            let (Some(a), Some(b)) = (position[e.from.0], position[e.to.0]) else {
                continue;
            };
            let strength = match e.link {
                Link::Relation(_) => 0.5,
                Link::Shared(n) => (0.25 + 0.1 * f64::from(n)).min(0.6),
            };
            let pull = pulls.entry((a.min(b), a.max(b))).or_default();
            *pull = pull.max(strength);
        }
        let links: Vec<(usize, usize, f64)> =
            pulls.into_iter().map(|((a, b), s)| (a, b, s)).collect();
        let placed = layout::layout(&nodes, &links);
        let url = self.urls.path("network/");
        let svg = (!selection.nodes.is_empty()).then(|| {
            let placed_nodes: Vec<Placed> = (selection.nodes.iter())
                .zip(&placed.positions)
                .map(|(a, at)| Placed {
                    actor: *a,
                    at: *at,
                    label: Anchor::Below,
                    own: false,
                })
                .collect();
            let title = (self.theme.strings)
                .text("network_drawing", "Network of {n} actors")
                .replace("{n}", &selection.nodes.len().to_string());
            let description = self.description(selection.nodes.len(), &selection.edges);
            let shared = |n| self.shared_text(n);
            let words = Words {
                title: &title,
                description: &description,
                shared: &shared,
            };
            let view = (0.0, 0.0, placed.width, placed.height);
            svg::draw(
                &placed_nodes,
                &selection.edges,
                actors,
                &words,
                "network",
                view,
            )
        });
        let mut page = self.meta("network_title", "network", url.clone(), false);
        page.json_ld = self.json_ld(self.ld_page("WebPage", &page, None))?;
        let context = NetworkPage {
            page,
            svg,
            legend: self.legend(|k| selection.nodes.iter().any(|a| actors[a.0].kind == k)),
            edges: self.edge_rows(&selection.edges),
            shown: selection.nodes.len(),
            total: selection.total_nodes,
            total_edges: selection.total_edges,
        };
        self.html("network.html", file_for(self.urls, &url), &context)
    }

    /// The neighbourhood of `actor` for its page; `None` when it is linked to no one.
    pub(in crate::render) fn neighbourhood(&self, actor: ActorId) -> Option<NeighbourhoodView<'_>> {
        let hood = self.network().neighbourhood(actor);
        if hood.neighbours.is_empty() {
            return None;
        }
        let actors = &self.links.actors;
        let count = hood.neighbours.len();
        let mut nodes = vec![Placed {
            actor,
            at: (0.0, 0.0),
            label: Anchor::Below,
            own: true,
        }];
        for (i, a) in hood.neighbours.iter().enumerate() {
            let angle = std::f64::consts::TAU * i as f64 / count as f64;
            let (cos, sin) = (angle.cos(), angle.sin());
            let label = if cos > 0.35 {
                Anchor::Right
            } else if cos < -0.35 {
                Anchor::Left
            } else if sin < 0.0 {
                Anchor::Above
            } else {
                Anchor::Below
            };
            nodes.push(Placed {
                actor: *a,
                at: (RING.0 * cos, RING.1 * sin),
                label,
                own: false,
            });
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for node in &nodes {
            let (a, b, c, d) = svg::extent(node, actors[node.actor.0].name);
            (x0, y0, x1, y1) = (x0.min(a), y0.min(b), x1.max(c), y1.max(d));
        }
        let margin = 8.0;
        let view = (
            (x0 - margin).floor(),
            (y0 - margin).floor(),
            (x1 - x0 + 2.0 * margin).ceil(),
            (y1 - y0 + 2.0 * margin).ceil(),
        );
        let name = actors[actor.0].name;
        let title = (self.theme.strings)
            .text("network_neighbourhood", "Actors linked to {name}")
            .replace("{name}", name);
        let description = self.description(count + 1, &hood.edges);
        let shared = |n| self.shared_text(n);
        let words = Words {
            title: &title,
            description: &description,
            shared: &shared,
        };
        Some(NeighbourhoodView {
            svg: svg::draw(&nodes, &hood.edges, actors, &words, "neighbourhood", view),
            edges: self.edge_rows(&hood.edges),
            more: hood.more,
            network: self.urls.path("network/"),
        })
    }
}
