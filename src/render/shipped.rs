//! The built-in templates and assets this version ships, embedded in the binary, and every
//! version dossier has shipped, by hash, so that `check` can tell a copy an older
//! `dossier init` made, and nobody edited since, from a file its author changed.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

macro_rules! embedded {
    ($dir:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/", $dir, "/", $name)))),*]
    };
}

macro_rules! font {
    ($name:literal) => {
        (
            concat!("fonts/", $name),
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/static/fonts/", $name)),
        )
    };
}

/// The built-in templates and interface strings, by name.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = embedded!("templates":
    "base.html", "overview.html", "documents.html", "document.html", "actors.html",
    "actor.html", "timeline.html", "search.html", "briefing.html", "briefing_citation.html", "source.html",
    "integrity.html", "data.html", "network.html", "tags.html", "tag.html", "pagination.html", "pagination_head.html", "404.html", "feed.xml",
    "sitemap.xml", "robots.txt",
    "i18n/en.toml", "i18n/fr.toml",
);

/// The built-in static assets, by path in the site.
pub const DEFAULT_ASSETS: &[(&str, &str)] = embedded!("static":
    "style.css", "search.js", "timeline.js", "favicon.svg", "fonts/OFL.txt",
);

/// The built-in fonts (Source Serif 4, for source texts: Latin and Latin Extended subsets
/// of the regular, italic and bold styles), by path in the site. Binary, so not text a
/// project would eject and edit: they are not listed in [`SHIPPED`].
pub const DEFAULT_FONTS: &[(&str, &[u8])] = &[
    font!("source-serif-4-latin-400-normal.woff2"),
    font!("source-serif-4-latin-400-italic.woff2"),
    font!("source-serif-4-latin-700-normal.woff2"),
    font!("source-serif-4-latin-ext-400-normal.woff2"),
    font!("source-serif-4-latin-ext-400-italic.woff2"),
    font!("source-serif-4-latin-ext-700-normal.woff2"),
];

/// `(path in a project, hash)` of each version shipped, oldest first, the current one
/// included (a test keeps it so: add the line it prints when you change a built-in file).
/// Older versions come from `git log -p templates/ static/`; the commit that shipped each
/// is in the comment.
const SHIPPED: &[(&str, u64)] = &[
    ("templates/404.html", 0x56709553f5f09055),      // 2431a30
    ("templates/404.html", 0x4c8b4ebe88c37a4d),      // d167b8b
    ("templates/actor.html", 0x307842d10a941fa8),    // 2431a30
    ("templates/actor.html", 0xd261063fc8684182),    // d167b8b
    ("templates/actor.html", 0x9eb432d99421945c),    // cfb095d
    ("templates/actor.html", 0x9c41bbd34ac13289),    // 1f0ffbc
    ("templates/actor.html", 0x95ba573511d131bf),    // 6934363
    ("templates/actors.html", 0xbdc0acf05ec1f771),   // 2431a30
    ("templates/actors.html", 0xf1a40a7828da5f90),   // 8c3571f
    ("templates/base.html", 0x174d82b64dc944ff),     // 2431a30
    ("templates/base.html", 0x680b7f0f91aac1cd),     // a2d06f3
    ("templates/briefing.html", 0x8d9cbf82cdf7e79b), // a2d06f3
    ("templates/document.html", 0x84744bd54488966a), // 2431a30
    ("templates/document.html", 0x40c4f438e54c3a00), // 8c3571f
    ("templates/documents.html", 0xb30dcbc2382e4068), // 2431a30
    ("templates/feed.xml", 0x4f16805e51c033d4),      // 2431a30
    ("templates/i18n/en.toml", 0x6c53611dfa489c32),  // 2431a30
    ("templates/i18n/en.toml", 0xf70fafd976590dc1),  // d167b8b
    ("templates/i18n/en.toml", 0x71c35f81d2a5496a),  // a2d06f3
    ("templates/i18n/fr.toml", 0xb42fe88cba04502b),  // 2431a30
    ("templates/i18n/fr.toml", 0x02167d4df24c4090),  // d167b8b
    ("templates/i18n/fr.toml", 0x1273b6dcc831822b),  // a2d06f3
    ("templates/overview.html", 0xcf194c5c9bcb5519), // 2431a30
    ("templates/robots.txt", 0x6732a8f674a82e82),    // 2431a30
    ("templates/search.html", 0xa2b7eccdee8300f3),   // a2d06f3
    ("templates/sitemap.xml", 0x4bbca39f15382696),   // 2431a30
    ("templates/timeline.html", 0x8029c64d7047bd6d), // 2431a30
    ("templates/timeline.html", 0x98d8961f38b11cd2), // a2d06f3
    ("static/favicon.svg", 0xc699a163f8422636),      // a2d06f3
    ("static/search.js", 0xce4590f61bf31b8c),        // a2d06f3
    ("static/style.css", 0x267490c3d7c45897),        // 2431a30
    ("static/style.css", 0xb97a2b96d2df9e16),        // d167b8b
    ("static/style.css", 0x89f078e3a38615c1),        // 8c3571f
    ("static/style.css", 0x3e6723d279bed37d),        // a2d06f3
    ("static/timeline.js", 0x86e1ef8015531a11),      // a2d06f3
    ("templates/document.html", 0xa323cc7db34b5393), // session 12 (evidence)
    ("templates/actor.html", 0x168ad89246924171),    // session 12 (evidence)
    ("templates/timeline.html", 0xbe1088fc41a828e7), // session 12 (evidence)
    ("templates/briefing.html", 0x3ca3cf61d8d0eb47), // session 12 (evidence)
    ("templates/i18n/en.toml", 0xe3c84b266e9b6d9c),  // session 12 (evidence)
    ("templates/i18n/fr.toml", 0x558f43d0ebc121c9),  // session 12 (evidence)
    ("static/style.css", 0xe0d7e3e082ec9eb4),        // session 12 (evidence)
    ("templates/document.html", 0x108065530327f0b8), // originals, pages, archives (#24)
    ("templates/actor.html", 0x2c11cf6b6b9b9e1f),    // originals, pages, archives (#24)
    ("templates/timeline.html", 0xcf52c00d59faf1d3), // originals, pages, archives (#24)
    ("templates/briefing.html", 0x189f452cadb3af5c), // originals, pages, archives (#24)
    ("templates/i18n/en.toml", 0xa7ecb4f0b689ab68),  // originals, pages, archives (#24)
    ("templates/i18n/fr.toml", 0x16cd644aa620dcb1),  // originals, pages, archives (#24)
    ("static/style.css", 0xf08800a98c343cc4),        // originals, pages, archives (#24)
    ("static/style.css", 0x335eec79153f096b),        // page boundaries (#24)
    ("templates/document.html", 0x73c381bdf0b75321), // claims (#21)
    ("templates/actor.html", 0x91d5aef3425ee859),    // claims (#21)
    ("templates/timeline.html", 0x3cfb7f369ef71e86), // claims (#21)
    ("templates/briefing.html", 0xfa7e72397a260610), // claims (#21)
    ("templates/i18n/en.toml", 0xf126aa135229bdf6),  // claims (#21)
    ("templates/i18n/fr.toml", 0xe71700b54356d560),  // claims (#21)
    ("static/style.css", 0xfcc94a2535ff5d2d),        // claims (#21)
    ("static/timeline.js", 0x8d3636376968bbfd),      // claims (#21)
    ("templates/overview.html", 0xf0d88d014de4f69d), // integrity report (#21)
    ("templates/integrity.html", 0xdab11ac9a88b3965), // integrity report (#21)
    ("templates/i18n/en.toml", 0x5efae076b3c2cbe7),  // integrity report (#21)
    ("templates/i18n/fr.toml", 0xd1082b17cb480864),  // integrity report (#21)
    ("static/style.css", 0xab3c0fc2b3b2e458),        // integrity report (#21)
    ("templates/overview.html", 0xac9c5fdab4e0548f), // open data (#21)
    ("templates/i18n/en.toml", 0x19e052596210f9a1),  // open data (#21)
    ("templates/i18n/fr.toml", 0x56065ca8d67cc82a),  // open data (#21)
    ("templates/overview.html", 0x78d1315bb810e80b), // integrity report and open data (#21)
    ("templates/i18n/en.toml", 0x22d77e57d6434e68),  // integrity report and open data (#21)
    ("templates/i18n/fr.toml", 0x77134b0e71ed2ae3),  // integrity report and open data (#21)
    ("templates/document.html", 0xffac3caaf9ab9e32), // sourced relations (#21)
    ("templates/actor.html", 0xa4583775cd20d8b7),    // sourced relations (#21)
    ("templates/briefing.html", 0x5ad28ab07622b2c5), // sourced relations (#21)
    ("templates/briefing_citation.html", 0x31d5b957c7a8ce4f), // sourced relations (#21)
    ("templates/i18n/en.toml", 0xb282cdab3833c08e),  // sourced relations (#21)
    ("templates/i18n/fr.toml", 0xf7afacab61d67e7d),  // sourced relations (#21)
    ("static/style.css", 0x18fe140447fe2a31),        // sourced relations (#21)
    ("templates/timeline.html", 0x1de254a7a75c556e), // events placed with `after` (#23)
    ("templates/i18n/en.toml", 0xd027b74b0baf7ffd),  // events placed with `after` (#23)
    ("templates/i18n/fr.toml", 0xfdb4454b1d0e4d57),  // events placed with `after` (#23)
    ("static/style.css", 0x0717aa4c78e52fe5),        // events placed with `after` (#23)
    ("templates/overview.html", 0x56fd2cf02a2428fe), // kinds in words (#23)
    ("templates/documents.html", 0x9a0ba211c97afe37), // kinds in words (#23)
    ("templates/document.html", 0x359021efc88c1f90), // kinds in words (#23)
    ("templates/actor.html", 0x508773b811fc57d5),    // kinds in words (#23)
    ("templates/briefing.html", 0x32e28fd13d02fbc8), // kinds in words (#23)
    ("templates/search.html", 0x81635a173fffbe9e),   // search (#23)
    ("templates/i18n/en.toml", 0x9a57a9e4009ce4c0),  // search (#23)
    ("templates/i18n/fr.toml", 0xe1bb5490540ce75e),  // search (#23)
    ("static/style.css", 0x617a8838bc1e9cfe),        // search (#23)
    ("static/search.js", 0xf5aaf6a2f1216280),        // search (#23)
    ("templates/i18n/en.toml", 0xa0efc7ac7dc37845),  // relations, `after` and search merged
    ("templates/i18n/fr.toml", 0x83744986c2fe6aaa),  // relations, `after` and search merged
    ("static/style.css", 0x5f052b54acc727e3),        // relations, `after` and search merged
    ("templates/base.html", 0xe61b05e6dfd368ae),     // JSON-LD, data page, integrity menu (#21)
    ("templates/overview.html", 0xab0776506c323726), // JSON-LD, data page, integrity menu (#21)
    ("templates/i18n/en.toml", 0x5e171567fcba95eb),  // JSON-LD, data page, integrity menu (#21)
    ("templates/i18n/fr.toml", 0x3c0efac2a81e263b),  // JSON-LD, data page, integrity menu (#21)
    ("templates/data.html", 0x65d796023765471a),     // JSON-LD, data page, integrity menu (#21)
    ("static/style.css", 0xe3185bef998e9504),        // JSON-LD, data page, integrity menu (#21)
    ("templates/overview.html", 0x3b8c8937bb79bac3), // JSON-LD and search merged
    ("templates/i18n/en.toml", 0x4a9f9fa7dd295d50),  // JSON-LD and search merged
    ("templates/i18n/fr.toml", 0x7b9916c6f9503a92),  // JSON-LD and search merged
    ("static/style.css", 0x0898097f7f9a44bf),        // JSON-LD and search merged
    ("templates/base.html", 0xab660fda617cb969),     // network
    ("templates/actor.html", 0xef443e05b64a92b1),    // network
    ("templates/network.html", 0x5b8c520fe375aee3),  // network
    ("templates/overview.html", 0x57a486176181299c), // network
    ("templates/i18n/en.toml", 0x182225c9936eb442),  // network
    ("templates/i18n/fr.toml", 0xc99d0c69710a86a2),  // network
    ("static/style.css", 0x420369632cc61d5a),        // network
    ("templates/base.html", 0xcbf4819ff20e3b12),     // network, JSON-LD, relations merged
    ("templates/overview.html", 0xd39c0c8543ecc7ec), // network, JSON-LD, relations merged
    ("templates/actor.html", 0xfe94cf561e7e60dd),    // network, JSON-LD, relations merged
    ("templates/i18n/en.toml", 0x48497e29e3c15192),  // network, JSON-LD, relations merged
    ("templates/i18n/fr.toml", 0x58fce339a3344f63),  // network, JSON-LD, relations merged
    ("static/style.css", 0xec0bf06a9d2b8a6f),        // network, JSON-LD, relations merged
    ("templates/actor.html", 0x7a66e69b8946bfbd),    // one source partial
    ("templates/timeline.html", 0xde077b71cf10b1ed), // one source partial
    ("templates/source.html", 0x4a266639e6fd7f41),   // one source partial
    ("templates/base.html", 0x208d508fd1106d79),     // typography and print (#23)
    ("templates/briefing.html", 0x504f6dcd92505581), // typography and print (#23)
    ("templates/i18n/en.toml", 0x84f060b2748ed83d),  // typography and print (#23)
    ("templates/i18n/fr.toml", 0x00efc0be098ea41e),  // typography and print (#23)
    ("static/style.css", 0xf58b80dd5d5accdf),        // typography and print (#23)
    ("static/fonts/OFL.txt", 0xfef1be584f666c5f),    // typography and print (#23)
    ("templates/timeline.html", 0x27a735ceaa869a83),
    ("templates/i18n/en.toml", 0xfcffac194226a8d1),
    ("templates/i18n/fr.toml", 0x644548491bd856c9),
    ("static/style.css", 0x6567ccccd966a0db),
    ("static/timeline.js", 0xa93a671c249c29cd),
    ("templates/i18n/en.toml", 0x0ecaa60288cbbaa0), // timeline split and typography
    ("templates/i18n/fr.toml", 0x39260c4abd7d0516), // timeline split and typography
    ("static/style.css", 0xb080435a4e5340f3),       // timeline split and typography
    ("templates/base.html", 0xd9b6c92f28b461c8),    // indexes: documents pages, tags
    ("templates/documents.html", 0x6ff29673f03558a7), // indexes: documents pages, tags
    ("templates/document.html", 0x800e757436bdb9f0), // indexes: documents pages, tags
    ("templates/actor.html", 0x13b49e29d42468d9),   // indexes: documents pages, tags
    ("templates/tags.html", 0x1d644fc1dd61723c),    // indexes: documents pages, tags
    ("templates/tag.html", 0x76996376ab1f9de8),     // indexes: documents pages, tags
    ("templates/pagination.html", 0x0ffd429551dd8a3d), // indexes: documents pages, tags
    ("templates/i18n/en.toml", 0x7eb743c93416901d), // indexes: documents pages, tags
    ("templates/i18n/fr.toml", 0xca91494dc04e445a), // indexes: documents pages, tags
    ("static/style.css", 0x0d20ca98516cee9c),       // indexes: documents pages, tags
    ("static/style.css", 0x197610c5c510ab3c),       // indexes: tag chips as 24 px targets
    ("static/style.css", 0xcb5ce9f97ef4eba8),       // indexes: facet values beside their label
    ("templates/base.html", 0x1dd795a69fd09053),    // merged: timeline, typography, indexes
    ("templates/timeline.html", 0x6cd05b0622f321af), // merged: timeline, typography, indexes
    ("templates/i18n/en.toml", 0x374a2b61990d859b), // merged: timeline, typography, indexes
    ("templates/i18n/fr.toml", 0xd851a3c062ffbb1b), // merged: timeline, typography, indexes
    ("static/style.css", 0x763ecede1df3ebcc),       // merged: timeline, typography, indexes
    ("templates/overview.html", 0x981755b818fe37fe), // evidence
    ("templates/document.html", 0x8083d6bdd2268b3b), // evidence
    ("templates/actor.html", 0x5e70b93a760f6446),   // evidence
    ("templates/source.html", 0x5c9c7daddaf06f83),  // evidence
    ("templates/i18n/en.toml", 0xe54ab0db6ed5be8e), // evidence
    ("templates/i18n/fr.toml", 0x4c651cc41c29c938), // evidence
    ("static/style.css", 0xd27af2c2ae7641d1),       // evidence
    ("static/style.css", 0x2e10bc4cdb31087d),       // evidence, references apart
    ("templates/document.html", 0xa297262cd56451cf), // merged: evidence
    ("templates/actor.html", 0x7a585ffe7574b902),   // merged: evidence
    ("templates/i18n/en.toml", 0xc0e505ebba963aed), // merged: evidence
    ("templates/i18n/fr.toml", 0x94d62291ce51e642), // merged: evidence
    ("static/style.css", 0xb836ee56a06e513e),       // merged: evidence
    ("templates/documents.html", 0x8a5a48cf09977fd4), // one partial for the rel links of a listing page
    ("templates/tag.html", 0x374c5e9fc9de716d), // one partial for the rel links of a listing page
    ("templates/pagination_head.html", 0x13ebe6bbe7691d28), // one partial for the rel links of a listing page
    ("templates/briefing_citation.html", 0x6920f31afc25f6b7), // the briefing quotes in the sentence
    ("static/style.css", 0x14a3dd55f2d47bf7),               // title and menu on one line at 1366 px
    ("templates/actor.html", 0xa69382e6d8d66cd4),           // snippets written by the renderer
];

/// FNV-1a over the bytes, carriage returns left out (a checkout on Windows may have added
/// them): the same on every platform and Rust version, which `DefaultHasher` is not.
pub fn hash(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .filter(|&&b| b != b'\r')
        .fold(0xcbf2_9ce4_8422_2325, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
}

/// The built-in files, by their path in a project (`templates/base.html`, `static/style.css`).
pub fn built_in_files() -> impl Iterator<Item = (String, &'static str)> {
    let templates = DEFAULT_TEMPLATES
        .iter()
        .map(|(name, text)| (format!("templates/{name}"), *text));
    let assets = DEFAULT_ASSETS
        .iter()
        .map(|(name, text)| (format!("static/{name}"), *text));
    templates.chain(assets)
}

/// True when `bytes`, the file at `path` in a project, is a built-in version older than
/// the one this dossier has.
pub fn is_older_built_in(path: &str, bytes: &[u8], current: &str) -> bool {
    let h = hash(bytes);
    h != hash(current.as_bytes()) && SHIPPED.iter().any(|&(p, v)| p == path && v == h)
}

/// True when the file at `path` in the project at `root` (`static/style.css`) is an
/// unedited copy of an older version of a built-in file: the current built-in file is used
/// instead, since an older template may not render with the context of today's dossier
/// (it fails on a field since renamed, or a string added since).
pub fn is_older_copy(root: &Path, path: &str) -> bool {
    let Some((_, current)) = built_in_files().find(|(p, _)| p == path) else {
        return false;
    };
    std::fs::read(root.join(path)).is_ok_and(|b| is_older_built_in(path, &b, current))
}

/// The files of the project at `root` that are unedited copies of an older built-in
/// template or asset, relative to `root`.
pub fn older_copies(root: &Path) -> Vec<PathBuf> {
    built_in_files()
        .filter(|(path, current)| {
            std::fs::read(root.join(path)).is_ok_and(|b| is_older_built_in(path, &b, current))
        })
        .map(|(path, _)| PathBuf::from(path))
        .collect()
}

/// One warning for all the older copies in the project at `root`, if it has any: they are
/// left out for the current built-in files, and can be deleted.
pub fn older_copies_warning(root: &Path) -> Option<Diagnostic> {
    let copies = older_copies(root);
    let first = copies.first()?;
    let list: Vec<String> = copies
        .iter()
        .map(|p| p.display().to_string().replace('\\', "/"))
        .collect();
    let message = if copies.len() == 1 {
        format!(
            "{} is an unedited copy of a built-in file of an older dossier: the current built-in file is used instead",
            list[0]
        )
    } else {
        format!(
            "{} files are unedited copies of built-in files of an older dossier, and the current built-in files are used instead: {}",
            copies.len(),
            list.join(", ")
        )
    };
    Some(Diagnostic::warning(
        first,
        0..0,
        message,
        format!(
            "delete {} (`rm {}`); `dossier theme eject NAME` copies the current version of a file you want to edit",
            if copies.len() == 1 { "it" } else { "them" },
            list.join(" ")
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_file_is_listed_as_shipped() {
        let missing: Vec<String> = built_in_files()
            .map(|(path, text)| (path, hash(text.as_bytes())))
            .filter(|(path, h)| !SHIPPED.contains(&(path.as_str(), *h)))
            .map(|(path, h)| format!("    (\"{path}\", {h:#018x}),"))
            .collect();
        assert!(
            missing.is_empty(),
            "add to SHIPPED in src/render/shipped.rs:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn the_current_version_and_an_edited_copy_are_not_older_copies() {
        let (path, current) = built_in_files()
            .find(|(p, _)| p == "templates/actor.html")
            .unwrap();
        assert!(!is_older_built_in(&path, current.as_bytes(), current));
        let edited = format!("{current}<!-- mine -->");
        assert!(!is_older_built_in(&path, edited.as_bytes(), current));
    }

    #[test]
    fn carriage_returns_do_not_change_the_hash() {
        assert_eq!(hash(b"a\r\nb\r\n"), hash(b"a\nb\n"));
        assert_ne!(hash(b"a\nb\n"), hash(b"a\nc\n"));
    }
}
