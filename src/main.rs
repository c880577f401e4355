//! The `dossier` command line: parses arguments, runs the library, maps outcomes to exit codes
//! (0 success, 1 content errors, 2 usage errors).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use dossier::{BuildOptions, Error, Outcome, scaffold};

// Rendering allocates many short-lived strings on every thread; mimalloc keeps that cheap.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (`mimalloc.h`): how many milliseconds freed memory
/// waits before it is handed back to the system.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Makes a one-shot command keep the memory it frees until it exits. By default mimalloc
/// hands freed pages back a second later, and a long build takes them back soon after,
/// each page faulted in and zeroed again: at 100,000 documents, 40,000 to 80,000 page
/// faults. Without this, a 100,000-document build takes 5 % more time and 13 % more CPU
/// time; at 10,000 documents it makes no difference (`benches/ab.py --build`, 2026-12-06;
/// `bench/README.md`). `serve` and `build --watch` run for hours and keep the default.
fn keep_freed_memory() {
    // SAFETY: this stores one integer option; -1 is mimalloc's documented "never purge".
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

/// Static website generator for briefing dossiers.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output directory (default ROOT/site).
    Build(BuildArgs),
    /// Verify everything `build` verifies, writing nothing.
    Check(CheckArgs),
    /// Build, serve on http://127.0.0.1:1111 and rebuild on every edit, with live reload.
    Serve(ServeArgs),
    /// Create a new dossier project in DIR: content, settings and a GitHub Pages workflow.
    Init(InitArgs),
    /// Create a new document, actor or event that builds as written.
    New(NewArgs),
    /// Work with the built-in theme.
    Theme(ThemeArgs),
    /// Turn PDF, HTML, DOCX, text or Markdown files into documents, keeping the originals.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
struct ImportArgs {
    /// The files: .pdf, .html or .htm (a saved web page), .docx, .txt or .md.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The project root (holds dossier.toml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The document's id, for a single file (default: from its title, or its file name).
    #[arg(long)]
    id: Option<String>,
    /// A free word for what the documents are: letter, article, report, ...
    #[arg(long)]
    kind: Option<String>,
    /// The language of their text, a BCP 47 tag (default: detected from the text).
    #[arg(long)]
    lang: Option<String>,
    /// Show the text with the lines of each paragraph joined (the text stays verbatim).
    #[arg(long)]
    reflow: bool,
}

#[derive(Debug, Args)]
struct InitArgs {
    /// The directory to create (or an existing one without a dossier.toml; nothing in it is
    /// overwritten).
    dir: PathBuf,
    /// Leave out the GitHub Pages workflow (.github/workflows/pages.yml).
    #[arg(long)]
    no_workflow: bool,
}

#[derive(Debug, Args)]
struct NewArgs {
    #[command(subcommand)]
    what: NewCommand,
    /// The project root (holds dossier.toml).
    #[arg(long, default_value = ".", global = true)]
    root: PathBuf,
}

#[derive(Debug, Subcommand)]
enum NewCommand {
    /// A source document: content/documents/ID.md.
    Document(NewDocumentArgs),
    /// An actor: content/actors/ID.md.
    Actor(NewActorArgs),
    /// An event: content/events/ID.md.
    Event(NewEventArgs),
}

#[derive(Debug, Args)]
struct NewDocumentArgs {
    /// Its id, which is its file name and URL: lowercase letters, digits, `-` and `_`.
    id: String,
    /// The title (default: from the id).
    #[arg(long)]
    title: Option<String>,
    /// The date: 2018, 2018-12 or 2018-12-07 (default: today).
    #[arg(long)]
    date: Option<String>,
    /// A free word: letter, article, report, ...
    #[arg(long)]
    kind: Option<String>,
    /// The language of its text, a BCP 47 tag (default: the dossier's).
    #[arg(long)]
    lang: Option<String>,
}

#[derive(Debug, Args)]
struct NewActorArgs {
    /// Its id, which is its file name and URL: lowercase letters, digits, `-` and `_`.
    id: String,
    /// The name shown and found in documents (default: from the id).
    #[arg(long)]
    name: Option<String>,
    /// What kind of actor it is (default: other).
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(dossier::ACTOR_KINDS))]
    kind: Option<String>,
}

#[derive(Debug, Args)]
struct NewEventArgs {
    /// Its id, which is its file name and URL: lowercase letters, digits, `-` and `_`.
    id: String,
    /// The title (default: from the id).
    #[arg(long)]
    title: Option<String>,
    /// The date: 2018, 2018-12 or 2018-12-07 (default: today).
    #[arg(long)]
    date: Option<String>,
    /// The id of the document that is its source (with --quote).
    #[arg(long, requires = "quote")]
    source: Option<String>,
    /// The passage of that document that supports it, verbatim (with --source).
    #[arg(long, requires = "source")]
    quote: Option<String>,
}

#[derive(Debug, Args)]
struct ThemeArgs {
    #[command(subcommand)]
    command: ThemeCommand,
}

#[derive(Debug, Subcommand)]
enum ThemeCommand {
    /// Copy built-in templates and assets into the project, to edit them (never overwriting).
    Eject(EjectArgs),
}

#[derive(Debug, Args)]
struct EjectArgs {
    /// What to copy, e.g. base.html, i18n/fr.toml, style.css (default: every file).
    names: Vec<String>,
    /// The project root (holds dossier.toml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

#[derive(Debug, Args)]
struct BuildArgs {
    /// The project root (holds dossier.toml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site (default: ROOT/site).
    #[arg(long)]
    output: Option<PathBuf>,
    /// Override base_url from dossier.toml (e.g. https://user.github.io/repo/).
    #[arg(long)]
    base_url: Option<String>,
    /// Include content marked `draft = true`.
    #[arg(long)]
    drafts: bool,
    /// Keep watching and rebuild what each edit touches.
    #[arg(long)]
    watch: bool,
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// The project root (holds dossier.toml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Port to listen on.
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Address to listen on (only this machine by default).
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Override base_url; the site is served under its path (e.g. /repo/).
    #[arg(long)]
    base_url: Option<String>,
    /// Include content marked `draft = true`.
    #[arg(long)]
    drafts: bool,
    /// Open the site in a browser.
    #[arg(long)]
    open: bool,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// The project root (holds dossier.toml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Include content marked `draft = true`.
    #[arg(long)]
    drafts: bool,
    /// Also list the dossier's weak points (the integrity report): unsourced events, claims
    /// on one source, uncited documents, unconnected actors, … (exit 0 all the same).
    #[arg(long)]
    report: bool,
}

impl ImportArgs {
    fn options(self) -> dossier::import::ImportOptions {
        dossier::import::ImportOptions {
            root: self.root,
            files: self.files,
            id: self.id,
            kind: self.kind,
            lang: self.lang,
            reflow: self.reflow,
        }
    }
}

impl BuildArgs {
    fn options(&self) -> BuildOptions {
        let mut options = BuildOptions::new(&self.root);
        if let Some(output) = &self.output {
            options.output = output.clone();
        }
        options.base_url = self.base_url.clone();
        options.drafts = self.drafts;
        options
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            dossier::warnln!("error: {e}");
            match e {
                Error::NotADossier(_)
                | Error::UnsafeOutput { .. }
                | Error::Scaffold(_)
                | Error::Usage(_)
                | Error::PortInUse(_) => ExitCode::from(2),
                Error::Io { .. } => ExitCode::from(1),
                Error::Interrupted => ExitCode::from(dossier::interrupt::EXIT_CODE),
            }
        }
    }
}

fn run(command: Command) -> Result<ExitCode, Error> {
    match command {
        Command::Build(args) if args.watch => {
            dossier::interrupt::listen();
            dossier::serve::watch_build(args.options())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(args) => {
            let options = dossier::serve::ServeOptions {
                root: args.root,
                bind: args.bind,
                port: args.port,
                base_url: args.base_url,
                drafts: args.drafts,
                open: args.open,
            };
            dossier::serve::serve(&options)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Build(args) => {
            keep_freed_memory();
            dossier::interrupt::listen();
            let options = args.options();
            let outcome = dossier::build(&options)?;
            Ok(finish(
                &outcome,
                &format!(
                    "built {} files into {}",
                    outcome.files,
                    options.output.display()
                ),
                "the previous site was left untouched",
            ))
        }
        Command::Check(args) => {
            keep_freed_memory();
            let mut options = BuildOptions::new(&args.root);
            options.drafts = args.drafts;
            options.report = args.report;
            let outcome = dossier::check(&options)?;
            if args.report {
                dossier::say!("{}", outcome.integrity_report());
            }
            Ok(finish(&outcome, "no problems found", "nothing was written"))
        }
        Command::Init(args) => {
            let options = scaffold::InitOptions {
                workflow: !args.no_workflow,
            };
            let created = scaffold::init(&args.dir, options)?;
            dossier::say!("{}", created.summary(&args.dir));
            Ok(ExitCode::SUCCESS)
        }
        Command::New(args) => {
            let root = &args.root;
            let path = match &args.what {
                NewCommand::Document(a) => scaffold::new_document(root, &a.id, &a.options())?,
                NewCommand::Actor(a) => scaffold::new_actor(root, &a.id, &a.options())?,
                NewCommand::Event(a) => scaffold::new_event(root, &a.id, &a.options())?,
            };
            let shown = path.strip_prefix(".").unwrap_or(&path);
            dossier::sayln!(
                "created {}: fill it in, then run `dossier check`",
                shown.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Import(args) => {
            let reports = dossier::import::import(&args.options())?;
            Ok(report_imports(&reports))
        }
        Command::Theme(ThemeArgs {
            command: ThemeCommand::Eject(args),
        }) => {
            let written = scaffold::theme_eject(&args.root, &args.names)?;
            for path in &written {
                dossier::sayln!("copied {}", path.display());
            }
            dossier::sayln!(
                "these files now override the built-in ones; delete one to go back to the built-in file"
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

impl NewDocumentArgs {
    fn options(&self) -> scaffold::NewDocument {
        scaffold::NewDocument {
            title: self.title.clone(),
            date: self.date.clone(),
            kind: self.kind.clone(),
            lang: self.lang.clone(),
        }
    }
}

impl NewActorArgs {
    fn options(&self) -> scaffold::NewActor {
        scaffold::NewActor {
            name: self.name.clone(),
            kind: self.kind.clone(),
        }
    }
}

impl NewEventArgs {
    fn options(&self) -> scaffold::NewEvent {
        scaffold::NewEvent {
            title: self.title.clone(),
            date: self.date.clone(),
            source: self.source.clone(),
            quote: self.quote.clone(),
        }
    }
}

/// Prints a line per imported file and an error per file that was not; exit 2 when a file
/// would have overwritten something, 1 when one could not be read.
fn report_imports(reports: &[dossier::import::FileReport]) -> ExitCode {
    use dossier::import::Failure;
    let mut code = ExitCode::SUCCESS;
    let mut refused = false;
    let mut imported = 0;
    for report in reports {
        match &report.result {
            Ok(doc) => {
                imported += 1;
                let pages = doc.pages.map_or(String::new(), |n| {
                    format!("{n} page{}, ", if n == 1 { "" } else { "s" })
                });
                let lang = match &doc.lang {
                    Some(l) if l.reliable => l.tag.clone(),
                    Some(l) => format!("{}? (unsure, left as a comment)", l.tag),
                    None => "language unknown".to_string(),
                };
                let actors = if doc.actors.is_empty() {
                    "no actor named".to_string()
                } else {
                    format!("actors: {}", doc.actors.join(", "))
                };
                dossier::sayln!(
                    "imported {} as `{}`: {pages}{} words, {lang}, {actors}\n  wrote {} and {}",
                    report.file.display(),
                    doc.id,
                    doc.words,
                    doc.document.display(),
                    doc.original.display()
                );
            }
            Err(failure) => {
                dossier::warnln!("error: {failure}");
                if matches!(failure, Failure::Refused(_)) {
                    refused = true;
                }
                code = ExitCode::from(1);
            }
        }
    }
    if imported > 0 {
        dossier::sayln!(
            "check the front matter of what was imported (title, date, kind, the actors it concerns), then run `dossier check`"
        );
    }
    let failed = reports.len() - imported;
    if failed > 0 {
        dossier::warnln!("error: {failed} of {} file(s) not imported", reports.len());
    }
    if refused {
        code = ExitCode::from(2);
    }
    code
}

/// Prints diagnostics and a summary; exit 1 when there were errors.
fn finish(outcome: &Outcome, success: &str, failure_note: &str) -> ExitCode {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    if !outcome.diagnostics.is_empty() {
        dossier::warn!("{}", outcome.report(color));
    }
    let t = &outcome.timings;
    if outcome.failed() {
        dossier::warnln!(
            "error: {} problem(s) found; {failure_note}",
            outcome.errors()
        );
        return ExitCode::from(1);
    }
    let total = t.load + t.resolve + t.render + t.links + t.write;
    // Writing overlaps rendering on every thread: its share is told apart, in thread time.
    let writing = if t.writing.is_zero() {
        String::new()
    } else {
        format!(
            "; writing files took {} ms of the threads' time",
            t.writing.as_millis()
        )
    };
    dossier::sayln!(
        "{success} in {} ms (load {} ms, resolve {} ms, render+write {} ms, links {} ms, swap {} ms{writing})",
        total.as_millis(),
        t.load.as_millis(),
        t.resolve.as_millis(),
        t.render.as_millis(),
        t.links.as_millis(),
        t.write.as_millis(),
    );
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn the_purge_delay_option_is_the_one_mimalloc_documents() {
        // Its default in mimalloc 3, one second; the options around it default to 1 and 0.
        // SAFETY: reads one integer option.
        let delay = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(delay, 1000);
        }
    }
}
