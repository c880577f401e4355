//! URLs: every internal link comes from here, so the site works under any base path.

/// Builds site URLs under the path of `base_url` (`/repo/` for `https://user.github.io/repo/`).
#[derive(Debug, Clone)]
pub struct Urls {
    base_path: String,
    origin: String,
    /// On a timeline split into pages, the page of each event by id (`2019/`).
    event_pages: std::collections::HashMap<String, String>,
}

impl Urls {
    /// URLs for a site published at `base_url`.
    pub fn new(base_url: &str) -> Urls {
        let base_path = crate::config::base_path(base_url).unwrap_or_else(|_| "/".into());
        let origin = match base_url.find("://") {
            Some(i) => {
                let after = &base_url[i + 3..];
                let host_end = after.find('/').map_or(base_url.len(), |j| i + 3 + j);
                base_url[..host_end].to_string()
            }
            None => String::new(),
        };
        Urls {
            base_path,
            origin,
            event_pages: Default::default(),
        }
    }

    /// These URLs, with events on the pages of a split timeline: `(id, "2019/")`.
    pub fn with_event_pages<'i>(mut self, pages: impl Iterator<Item = (&'i str, String)>) -> Urls {
        self.event_pages = pages.map(|(id, page)| (id.to_string(), page)).collect();
        self
    }

    /// The base path, starting and ending with `/`.
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// A path under the site root: `path("style.css")` → `/repo/style.css`.
    pub fn path(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path.trim_start_matches('/'))
    }

    /// The home page.
    pub fn home(&self) -> String {
        self.base_path.clone()
    }

    /// A document's page.
    pub fn document(&self, id: &str) -> String {
        format!("{}documents/{id}/", self.base_path)
    }

    /// An actor's page.
    pub fn actor(&self, id: &str) -> String {
        format!("{}actors/{id}/", self.base_path)
    }

    /// An event, on the timeline (on its period's page when the timeline is split).
    pub fn event(&self, id: &str) -> String {
        let page = self.event_pages.get(id).map_or("", String::as_str);
        format!("{}timeline/{page}#{id}", self.base_path)
    }

    /// An absolute URL for feeds and sitemaps (a root-relative path when `base_url` has no host).
    pub fn absolute(&self, url: &str) -> String {
        format!("{}{url}", self.origin)
    }
}

/// The output file for a pretty URL path: `/repo/actors/x/` → `actors/x/index.html`.
pub fn file_for(urls: &Urls, url: &str) -> String {
    let rel = url
        .strip_prefix(urls.base_path())
        .unwrap_or(url)
        .trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_keep_the_base_path() {
        let u = Urls::new("https://user.github.io/repo/");
        assert_eq!(u.actor("huawei"), "/repo/actors/huawei/");
        assert_eq!(u.path("/style.css"), "/repo/style.css");
        assert_eq!(u.absolute(&u.home()), "https://user.github.io/repo/");
        assert_eq!(
            file_for(&u, "/repo/actors/huawei/"),
            "actors/huawei/index.html"
        );
        assert_eq!(file_for(&u, "/repo/"), "index.html");
    }

    #[test]
    fn root_site_has_root_paths() {
        let u = Urls::new("https://example.org");
        assert_eq!(u.document("a"), "/documents/a/");
        assert_eq!(u.absolute("/feed.xml"), "https://example.org/feed.xml");
    }
}
