//! The graph: relations drawn once from the actor declaring them, shared events counted
//! once per pair, the most connected actors kept, neighbourhoods closest first.

use super::{Edge, Link, MAX_NEIGHBOURS, MAX_NODES, Network};
use crate::model::ActorId;

/// A dossier of `actors` actors (`a000`, `a001`, …, actor `i` being `ActorId(i)`) with
/// the given relations (from, to, label) and events (the actors of each), loaded and
/// resolved from a project written in a temporary directory.
fn dossier(
    actors: usize,
    relations: &[(usize, usize, &str)],
    events: &[&[usize]],
) -> crate::model::Dossier {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let root = dir.path();
    let write = |path: &str, text: String| {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("a directory");
        std::fs::write(path, text).expect("a file");
    };
    write("dossier.toml", "title = \"Network\"\n".into());
    for i in 0..actors {
        let declared: Vec<String> = (relations.iter())
            .filter(|r| r.0 == i)
            .map(|r| format!("{{ actor = \"a{:03}\", label = \"{}\" }}", r.1, r.2))
            .collect();
        write(
            &format!("content/actors/a{i:03}.md"),
            format!(
                "+++\nname = \"Actor {i:03}\"\nkind = \"person\"\nrelations = [{}]\n+++\n",
                declared.join(", ")
            ),
        );
    }
    for (i, who) in events.iter().enumerate() {
        let ids: Vec<String> = who.iter().map(|a| format!("\"a{a:03}\"")).collect();
        write(
            &format!("content/events/e{i:04}.md"),
            format!(
                "+++\ntitle = \"Event {i}\"\ndate = \"2020\"\nactors = [{}]\n+++\n",
                ids.join(", ")
            ),
        );
    }
    let options = crate::config::BuildOptions::new(root);
    let mut content = crate::load::Content::default();
    let loaded = crate::load::load(&options, &mut content, &mut Default::default())
        .expect("loading the project");
    let resolved = crate::resolve::resolve(loaded, &mut Default::default(), None);
    let errors: Vec<_> = (resolved.diagnostics.iter())
        .filter(|d| d.severity == crate::diagnostic::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let d = resolved.dossier;
    for (i, a) in d.actors.iter().enumerate() {
        assert_eq!(a.id, format!("a{i:03}"));
    }
    d
}

#[test]
fn a_relation_is_one_edge_from_the_actor_declaring_it() {
    let d = dossier(3, &[(0, 1, "founded by")], &[]);
    let network = Network::new(&d);
    let selection = network.selection();
    assert_eq!(
        selection.edges,
        [Edge {
            from: ActorId(0),
            to: ActorId(1),
            link: Link::Relation("founded by"),
        }]
    );
}

#[test]
fn actors_sharing_events_are_linked_once_weighted_by_the_events() {
    let d = dossier(3, &[], &[&[0, 1], &[1, 0, 2], &[2, 2]]);
    let edges = Network::new(&d).selection().edges;
    assert_eq!(
        edges,
        [
            Edge {
                from: ActorId(0),
                to: ActorId(1),
                link: Link::Shared(2)
            },
            Edge {
                from: ActorId(0),
                to: ActorId(2),
                link: Link::Shared(1)
            },
            Edge {
                from: ActorId(1),
                to: ActorId(2),
                link: Link::Shared(1)
            },
        ]
    );
}

#[test]
fn a_large_dossier_shows_its_most_connected_actors() {
    let n = MAX_NODES + 30;
    // actor 0 and its chain: every actor but the last 30 is in an event with the next
    let events: Vec<Vec<usize>> = (0..MAX_NODES).map(|i| vec![i, i + 1]).collect();
    let events: Vec<&[usize]> = events.iter().map(Vec::as_slice).collect();
    let d = dossier(n, &[], &events);
    let selection = Network::new(&d).selection();
    assert_eq!(selection.nodes.len(), MAX_NODES);
    assert_eq!(selection.total_nodes, n);
    // the two ends of the chain have one link; the isolated actors none
    assert!(selection.nodes.iter().all(|a| a.0 <= MAX_NODES));
}

#[test]
fn a_neighbourhood_lists_relations_then_the_most_shared_events() {
    let events: Vec<Vec<usize>> = (1..=MAX_NEIGHBOURS + 3)
        .flat_map(|i| std::iter::repeat_n(vec![0, i], i))
        .collect();
    let events: Vec<&[usize]> = events.iter().map(Vec::as_slice).collect();
    let d = dossier(MAX_NEIGHBOURS + 4, &[(0, 1, "funds")], &events);
    let hood = Network::new(&d).neighbourhood(ActorId(0));
    assert_eq!(hood.neighbours.len(), MAX_NEIGHBOURS);
    assert_eq!(hood.more, 3);
    assert_eq!(hood.neighbours[0], ActorId(1));
    assert_eq!(hood.neighbours[1], ActorId(MAX_NEIGHBOURS + 3));
    assert_eq!(hood.edges[0].link, Link::Relation("funds"));
    assert_eq!(hood.edges[1].link, Link::Shared(1));
}
