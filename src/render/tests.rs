//! Tests of the render stage on the repository's example dossier: the order of the plan,
//! and what happens when the sink cannot write.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::fingerprint::shows_everything;
use super::*;
use crate::config::BuildOptions;
use crate::diagnostic::Sources;

/// The example dossier at the repository's root, resolved, and its theme: what [`render`]
/// takes. Loading only reads the project, so it is read in place.
fn example_resolved() -> (Dossier, Theme) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut content = crate::load::Content::default();
    let options = BuildOptions::new(root);
    let loaded = crate::load::load(&options, &mut content, &mut Default::default())
        .expect("loading the example");
    let resolved = crate::resolve::resolve(loaded, &mut Default::default(), None);
    let (dossier, problems) = (resolved.dossier, resolved.diagnostics);
    assert!(problems.is_empty(), "{problems:?}");
    let urls = Urls::new(&dossier.settings.base_url);
    let theme = theme::load(root, &dossier.settings, &urls, &mut Sources::default())
        .unwrap_or_else(|problems| panic!("{problems:?}"));
    (dossier, theme)
}

#[test]
fn a_build_starts_with_the_search_index_and_ends_the_whole_dossier_pages_with_the_timeline() {
    let (dossier, theme) = example_resolved();
    // The order keeps the search index's working memory and the Tera values the timeline
    // fills from being held at once (the peak of a 100,000-document build).
    let whole: Vec<Page> = plan(&dossier, &theme)
        .pages
        .into_iter()
        .filter(shows_everything)
        .collect();
    assert_eq!(whole.first(), Some(&Page::SearchIndex), "{whole:?}");
    assert_eq!(whole.last(), Some(&Page::Timeline), "{whole:?}");
    // the search index is a manifest, one shard of terms and one chunk of entries here;
    // the documents index, narrowed to each of 3 kinds, 2 languages and 3 years (one page
    // each); the tags index and the pages of the 13 tags
    assert_eq!(whole.len(), 40, "{whole:?}");
}

#[test]
fn no_page_is_rendered_after_a_write_failed() {
    let (dossier, theme) = example_resolved();
    let plan = plan(&dossier, &theme);
    let written = AtomicUsize::new(0);
    let sink = |file: OutputFile| {
        written.fetch_add(1, Ordering::Relaxed);
        Err(Diagnostic::error(
            Path::new(&file.path),
            0..0,
            "the disk is full",
            "free some space",
        ))
    };
    let (_, problems) = render(&dossier, &theme, &plan, None, sink, |_| {}, &|| false);
    // Only the pages already rendering when the first write failed reach the sink.
    let tried = written.into_inner();
    assert!(
        tried <= rayon::current_num_threads() && tried < plan.pages.len(),
        "{tried} of {} pages were rendered after the first write failed",
        plan.pages.len()
    );
    assert_eq!(problems.len(), tried);
}
