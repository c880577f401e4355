//! Pagefind 1.6 indexing the records of a dossier, for bench/README.md (issue #23): not
//! part of dossier's build; see bench/README.md for how to build and run it.
//! Reads JSON lines (url, title, content, lang, type, kind, year), times indexing, writes the files.
use std::collections::BTreeMap;
use std::io::BufRead;
use std::time::Instant;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (records, out) = (&args[1], &args[2]);
    let lines: Vec<serde_json::Value> = std::io::BufReader::new(std::fs::File::open(records)?)
        .lines()
        .map(|l| serde_json::from_str(&l.unwrap()).unwrap())
        .collect();
    let started = Instant::now();
    let config = PagefindServiceConfig::builder().keep_index_url(true).force_language("en".into()).build();
    let mut index = PagefindIndex::new(Some(config))?;
    for r in &lines {
        let s = |k: &str| r[k].as_str().unwrap_or("").to_string();
        let mut meta = BTreeMap::new();
        meta.insert("title".to_string(), s("title"));
        let mut filters = BTreeMap::new();
        filters.insert("type".to_string(), vec![s("type")]);
        if !s("kind").is_empty() { filters.insert("kind".to_string(), vec![s("kind")]); }
        if !s("year").is_empty() { filters.insert("year".to_string(), vec![s("year")]); }
        index.add_custom_record(s("url"), s("content"), s("lang"), Some(meta), Some(filters), None).await?;
    }
    let added = started.elapsed();
    let files = index.get_files().await?;
    let total = started.elapsed();
    let mut bytes = 0;
    for f in &files {
        let path = std::path::Path::new(out).join(&f.filename);
        std::fs::create_dir_all(path.parent().unwrap())?;
        std::fs::write(&path, &f.contents)?;
        bytes += f.contents.len();
    }
    eprintln!("pagefind: {} records, add {} ms, index+files {} ms, {} files, {} bytes", lines.len(), added.as_millis(), total.as_millis(), files.len(), bytes);
    Ok(())
}
