//! The actor network: `/network/` draws every actor and what links them (declared relations,
//! events in common), each actor page its neighbourhood, each drawing followed by a table
//! of the same links; the same dossier gives the same bytes; large dossiers are capped.

use std::collections::BTreeSet;
use std::fs;

use dossier::BuildOptions;
use dossier::rebuild::{Changes, Session};
use scraper::Html;

use crate::harness::{Project, one, select, select_attrs, snapshot, text};

/// (from, link, to) as ids and words.
type Link = (String, String, String);

fn built() -> crate::harness::Site {
    let site = Project::fixture("network/basic").build_site();
    assert!(!site.outcome.failed(), "{}", site.outcome.report(false));
    site
}

/// The id in an actor page's URL: `/actors/acme/` → `acme`.
fn id(url: &str) -> String {
    url.trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string()
}

fn link(from: &str, label: &str, to: &str) -> Link {
    (from.into(), label.into(), to.into())
}

/// The links the fixture declares: three relations from the actor declaring them, and the
/// actors of each event with two or more, counted per pair.
fn declared() -> BTreeSet<Link> {
    BTreeSet::from([
        link("alice", "works for", "acme"),
        link("acme", "registered in", "ruritania"),
        link("ministry", "ministry of", "ruritania"),
        link("club", "chaired by", "bob"),
        link("acme", "1 shared event", "alice"),
        link("acme", "1 shared event", "bob"),
        link("alice", "2 shared events", "bob"),
        link("ministry", "1 shared event", "daily"),
    ])
}

/// The rows of the link table in `scope`, as ids and words.
fn table(page: &Html, scope: &str) -> BTreeSet<Link> {
    select(page, &format!("{scope} table.network-table tbody tr"))
        .into_iter()
        .map(|row| {
            let cells: Vec<_> = row.select(&crate::harness::sel("td")).collect();
            let href = |i: usize| {
                let a = cells[i].select(&crate::harness::sel("a")).next().unwrap();
                id(a.value().attr("href").unwrap())
            };
            (href(0), text(cells[1]), href(2))
        })
        .collect()
}

#[test]
fn the_network_page_draws_every_actor_as_a_link_to_its_page() {
    let site = built();
    let page = site.page("network/");
    let hrefs: BTreeSet<String> = select_attrs(&page, "svg.network-svg a.net-node", "href")
        .into_iter()
        .collect();
    let actors: BTreeSet<String> = [
        "acme",
        "alice",
        "bob",
        "club",
        "daily",
        "hermit",
        "ministry",
        "ruritania",
    ]
    .iter()
    .map(|a| format!("/actors/{a}/"))
    .collect();
    assert_eq!(hrefs, actors);
    for href in &hrefs {
        assert!(site.has(&format!("{}index.html", href.trim_start_matches('/'))));
    }
    // each node is named by its title: the name, escaped, and the kind
    let ministry = one(&page, "a.net-node[href=\"/actors/ministry/\"] title");
    assert_eq!(text(ministry), "Ministry of <Things> & Stuff (public body)");
    // accessible: named and described by elements the drawing holds
    let svg = one(&page, "svg.network-svg");
    assert_eq!(svg.value().attr("role"), Some("group"));
    let title = svg.value().attr("aria-labelledby").unwrap();
    assert_eq!(
        text(one(&page, &format!("svg title#{title}"))),
        "Network of 8 actors"
    );
    let desc = svg.value().attr("aria-describedby").unwrap();
    assert!(text(one(&page, &format!("svg desc#{desc}"))).contains("Declared relations: 4;"));
    assert!(svg.value().attr("viewBox").is_some());
    // the menu and the sitemap lead to it
    let overview = site.page("");
    assert_eq!(
        select_attrs(&overview, "nav.site-nav a[href=\"/network/\"]", "href").len(),
        1
    );
    assert_eq!(
        select_attrs(&overview, "p.network-link a", "href"),
        ["/network/"]
    );
    assert!(
        site.text("sitemap.xml")
            .contains("<loc>https://example.org/network/</loc>")
    );
}

#[test]
fn the_drawing_and_its_table_show_the_links_the_dossier_declares() {
    let site = built();
    let page = site.page("network/");
    assert_eq!(table(&page, ""), declared());
    // relations are arrows titled with their label, once each; shared events dashed lines
    let relations: BTreeSet<String> = select(&page, "svg.network-svg path.net-relation title")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        relations,
        BTreeSet::from([
            "Acme Corporation → registered in → Ruritania".to_string(),
            "Alice Martin → works for → Acme Corporation".into(),
            "Chess Club → chaired by → Bob Roe".into(),
            "Ministry of <Things> & Stuff → ministry of → Ruritania".into(),
        ])
    );
    let labels: BTreeSet<String> = select(&page, ".net-edge-labels text")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        labels,
        BTreeSet::from(
            ["chaired by", "ministry of", "registered in", "works for"].map(String::from)
        )
    );
    let shared: Vec<(String, String)> = select(&page, "svg.network-svg path.net-shared")
        .into_iter()
        .map(|p| {
            let title = text(p.select(&crate::harness::sel("title")).next().unwrap());
            (title, p.value().attr("stroke-width").unwrap().to_string())
        })
        .collect();
    assert_eq!(shared.len(), 4, "{shared:?}");
    assert!(
        shared.contains(&(
            "Alice Martin – Bob Roe: 2 shared events".into(),
            "1.5".into()
        )),
        "{shared:?}"
    );
    assert!(
        shared.contains(&(
            "Acme Corporation – Alice Martin: 1 shared event".into(),
            "1.0".into()
        )),
        "{shared:?}"
    );
}

#[test]
fn each_kind_of_actor_has_its_own_shape_and_the_legend_names_them() {
    let site = built();
    let page = site.page("network/");
    let shape = |kind: &str| {
        let marks = select(
            &page,
            &format!("svg.network-svg a.net-node.kind-{kind} .net-shape"),
        );
        let mark = marks[0];
        let points = mark
            .value()
            .attr("points")
            .map_or(0, |p| p.split(' ').count());
        (mark.value().name().to_string(), points)
    };
    assert_eq!(shape("person"), ("circle".into(), 0));
    assert_eq!(shape("organisation"), ("polygon".into(), 4));
    assert_eq!(shape("public-body"), ("polygon".into(), 5));
    assert_eq!(shape("state"), ("polygon".into(), 4));
    assert_eq!(shape("media"), ("polygon".into(), 3));
    assert_eq!(shape("other"), ("polygon".into(), 6));
    let legend: Vec<String> = select(&page, ".network-legend li")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(legend.len(), 8, "{legend:?}");
    assert!(legend.iter().any(|l| l == "public body"), "{legend:?}");
    // colours come from the stylesheet: nothing in the drawing sets one
    let svg = one(&page, "svg.network-svg").html();
    for attr in ["fill=", "stroke=", "style="] {
        assert!(!svg.contains(attr), "the drawing sets {attr}");
    }
    snapshot("network_fixture_svg", &svg.replace("><", ">\n<"));
}

#[test]
fn an_actor_page_draws_its_neighbourhood_with_a_table_of_the_same_links() {
    let site = built();
    let page = site.page("actors/alice/");
    let hrefs: BTreeSet<String> = select_attrs(&page, ".neighbourhood svg a.net-node", "href")
        .into_iter()
        .map(|h| id(&h))
        .collect();
    assert_eq!(
        hrefs,
        BTreeSet::from(["acme", "alice", "bob"].map(String::from))
    );
    assert_eq!(
        select_attrs(&page, ".neighbourhood a.net-own", "href"),
        ["/actors/alice/"]
    );
    let own: BTreeSet<Link> = declared()
        .into_iter()
        .filter(|(from, _, to)| from == "alice" || to == "alice")
        .collect();
    assert_eq!(table(&page, ".neighbourhood"), own);
    assert_eq!(
        select_attrs(&page, ".neighbourhood p.meta a", "href"),
        ["/network/"]
    );
    // a relation declared by another actor is drawn from it
    let bob = site.page("actors/bob/");
    assert!(table(&bob, ".neighbourhood").contains(&link("club", "chaired by", "bob")));
    // an actor linked to no one has no neighbourhood
    let hermit = site.page("actors/hermit/");
    assert!(select(&hermit, ".neighbourhood").is_empty());
    let ministry = site.page("actors/ministry/");
    snapshot(
        "network_neighbourhood_svg",
        &one(&ministry, ".neighbourhood svg")
            .html()
            .replace("><", ">\n<"),
    );
}

#[test]
fn the_same_dossier_draws_the_same_bytes() {
    let first = built();
    let second = built();
    for page in [
        "network/index.html",
        "actors/alice/index.html",
        "actors/ruritania/index.html",
    ] {
        assert_eq!(first.text(page), second.text(page), "{page}");
    }
}

#[test]
fn a_dossier_of_more_than_150_actors_draws_the_150_most_connected_and_says_so() {
    let project = Project::fixture("network/basic");
    // a chain of 170 actors, each in an event with the next; Hermit and the rest have fewer links
    for i in 0..170 {
        project.write(
            &format!("content/actors/m{i:03}.md"),
            format!("+++\nname = \"Member {i}\"\nkind = \"person\"\n+++\n"),
        );
    }
    for i in 0..169 {
        project.write(
            &format!("content/events/m{i:03}-e.md"),
            format!(
                "+++\ntitle = \"Chain {i}\"\ndate = \"2021\"\nactors = [\"m{i:03}\", \"m{:03}\"]\n+++\n",
                i + 1
            ),
        );
    }
    let site = project.build_site();
    assert!(!site.outcome.failed(), "{}", site.outcome.report(false));
    let page = site.page("network/");
    let nodes = select_attrs(&page, "svg.network-svg a.net-node", "href");
    assert_eq!(nodes.len(), 150);
    assert!(!nodes.contains(&"/actors/hermit/".to_string()));
    let notice = text(one(&page, "p.notice"));
    assert!(
        notice.contains("178 actors") && notice.contains("the 150 most connected"),
        "{notice}"
    );
    // every link of the table joins two drawn actors
    for (from, _, to) in table(&page, "") {
        for a in [from, to] {
            assert!(nodes.contains(&format!("/actors/{a}/")), "{a} is not drawn");
        }
    }
    assert!(site.text("network/index.html").len() < 1_000_000);
}

#[test]
fn editing_a_relation_draws_the_network_again() {
    let project = Project::fixture("network/basic");
    let root = project.root().to_path_buf();
    let mut options = BuildOptions::new(&root);
    options.output = project.parent().join("incremental");
    let mut session = Session::new(options.clone());
    assert!(!session.build_all().unwrap().failed());
    let read = |rel: &str| fs::read_to_string(options.output.join(rel)).unwrap();
    assert!(read("network/index.html").contains("works for"));
    let alice = "content/actors/alice.md";
    let text = project.read(alice).replace("works for", "consults for");
    project.write(alice, text);
    let changes = Changes::classify(&root, &options.output, [root.join(alice)]);
    assert!(!session.apply(&changes).unwrap().failed());
    for page in ["network/index.html", "actors/acme/index.html"] {
        let html = read(page);
        assert!(
            html.contains("consults for") && !html.contains("works for"),
            "{page}"
        );
    }
    // a new event in common re-draws both actors' neighbourhoods
    let event = "content/events/dinner.md";
    project.write(
        event,
        "+++\ntitle = \"Dinner\"\ndate = \"2020-05-01\"\nactors = [\"hermit\", \"daily\"]\n+++\n",
    );
    let changes = Changes::classify(&root, &options.output, [root.join(event)]);
    assert!(!session.apply(&changes).unwrap().failed());
    assert!(read("actors/hermit/index.html").contains("class=\"neighbourhood\""));
    assert!(read("network/index.html").contains("Hermit – The Daily: 1 shared event"));
}
