//! Actors' names and aliases: each names one actor, so that a mention found in a text
//! never has to guess whom it means.

use std::collections::HashMap;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::load::frontmatter::Located;
use crate::load::raw::{RawActor, RawFile};

/// Reports every name or alias that a second actor declares again (after folding runs of
/// whitespace, as mention detection does), at the second declaration, naming the first.
/// An actor repeating its own name among its aliases is harmless and not reported.
pub(super) fn check_shared(actors: &[Arc<RawFile<RawActor>>], out: &mut Vec<Diagnostic>) {
    let mut owners: HashMap<String, (usize, &Located)> = HashMap::new();
    for (i, actor) in actors.iter().enumerate() {
        let names = std::iter::once(&actor.front.name).chain(&actor.front.aliases);
        for name in names {
            let folded = name.value.split_whitespace().collect::<Vec<_>>().join(" ");
            if folded.is_empty() {
                continue;
            }
            match owners.get(&folded) {
                None => {
                    owners.insert(folded, (i, name));
                }
                Some(&(owner, _)) if owner == i => {}
                Some(&(owner, first)) => {
                    let other = &actors[owner];
                    let line = other.text[..first.span.start.min(other.text.len())]
                        .matches('\n')
                        .count()
                        + 1;
                    out.push(Diagnostic::error(
                        &actor.path,
                        name.span.clone(),
                        format!(
                            "`{folded}` is also a name of actor `{}` ({}:{line})",
                            other.id,
                            other.path.display()
                        ),
                        "a name shared by two actors makes its mentions ambiguous: keep it on one and give the other a longer alias (or set `allow_shared_names = true` in dossier.toml)",
                    ));
                }
            }
        }
    }
}
