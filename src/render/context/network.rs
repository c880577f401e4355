//! Contexts of the actor network: the `/network/` page and an actor's neighbourhood.

use serde::Serialize;

use super::shared::once;
use super::{ActorLink, PageMeta};

/// The network page (template `network.html`).
#[derive(Debug, Serialize)]
pub struct NetworkPage<'a> {
    /// Page metadata.
    pub page: PageMeta<'a>,
    /// The drawing (an inline `<svg>`), when the dossier has actors.
    pub svg: Option<String>,
    /// What the shapes and lines mean.
    pub legend: Vec<LegendEntry>,
    /// The links drawn, as a table.
    pub edges: Vec<EdgeRow<'a>>,
    /// How many actors are drawn.
    pub shown: usize,
    /// How many actors the dossier has.
    pub total: usize,
    /// How many links the drawn actors have between them (the table lists `edges`).
    pub total_edges: usize,
}

/// One entry of the legend: a small drawing and what it stands for.
#[derive(Debug, Serialize)]
pub struct LegendEntry {
    /// An inline `<svg>`, hidden from screen readers (the label says it all).
    pub icon: String,
    /// `Person`, `Declared relation`.
    pub label: String,
}

/// One link as the tables list it: from, what, to.
#[derive(Debug, Serialize)]
pub struct EdgeRow<'a> {
    /// The actor declaring the relation (for shared events, either).
    #[serde(serialize_with = "once")]
    pub from: &'a ActorLink<'a>,
    /// The relation's label, or `3 shared events`.
    pub label: String,
    /// True for a link by shared events.
    pub shared: bool,
    /// The other actor.
    #[serde(serialize_with = "once")]
    pub to: &'a ActorLink<'a>,
}

/// An actor's neighbourhood, on its page.
#[derive(Debug, Serialize)]
pub struct NeighbourhoodView<'a> {
    /// The drawing (an inline `<svg>`).
    pub svg: String,
    /// The links drawn, as a table.
    pub edges: Vec<EdgeRow<'a>>,
    /// How many neighbours are left out of the drawing.
    pub more: usize,
    /// The network page.
    pub network: String,
}
