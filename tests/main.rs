//! dossier's integration tests: one binary, a module per feature.
//!
//! Each test copies a fixture dossier from `tests/fixtures/<feature>/<case>/` into a
//! temporary directory, builds it through the library (or runs the real binary), and
//! checks the site through CSS selectors; diagnostics and a few page fragments are insta
//! snapshots in `tests/snapshots/`.

mod harness;

#[path = "features/actors.rs"]
mod actors;
#[path = "features/base_path.rs"]
mod base_path;
#[path = "features/claims.rs"]
mod claims;
#[path = "features/commands.rs"]
mod commands;
#[path = "features/diagnostics.rs"]
mod diagnostics;
#[path = "features/documents.rs"]
mod documents;
#[path = "features/evidence.rs"]
mod evidence;
#[path = "features/example.rs"]
mod example;
#[path = "features/feed.rs"]
mod feed;
#[path = "features/import.rs"]
mod import;
#[path = "features/incremental.rs"]
mod incremental;
#[path = "features/indexes.rs"]
mod indexes;
#[path = "features/integrity.rs"]
mod integrity;
#[path = "features/interrupt.rs"]
mod interrupt;
#[path = "features/json_ld.rs"]
mod json_ld;
#[path = "features/links.rs"]
mod links;
#[path = "features/mentions.rs"]
mod mentions;
#[path = "features/network.rs"]
mod network;
#[path = "features/open_data.rs"]
mod open_data;
#[path = "features/originals.rs"]
mod originals;
#[path = "features/output.rs"]
mod output;
#[path = "features/print.rs"]
mod print;
#[path = "features/properties_build.rs"]
mod properties_build;
#[path = "features/quotes.rs"]
mod quotes;
#[path = "features/relations.rs"]
mod relations;
#[path = "features/sanitise.rs"]
mod sanitise;
#[path = "features/scaffold.rs"]
mod scaffold;
#[path = "features/serve.rs"]
mod serve;
#[path = "features/symlinks.rs"]
mod symlinks;
#[path = "features/theme.rs"]
mod theme;
#[path = "features/timeline.rs"]
mod timeline;
#[path = "features/timeline_split.rs"]
mod timeline_split;
#[path = "features/typography.rs"]
mod typography;
