//! Interrupts as a terminal, a service manager or an impatient user send them: Ctrl-C
//! (SIGINT), SIGTERM and a closed terminal (SIGHUP) all stop dossier, at once while no
//! staging directory exists, and a second interrupt stops a build that is cleaning up.

#![cfg(unix)]

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};

use crate::harness::{Project, tree, wait_for_exit};

/// Sends `signal` (`INT`, `TERM`, `HUP`) to `child`.
fn kill(child: &Child, signal: &str) {
    let status = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .expect("running kill");
    assert!(status.success());
}

/// The staging directories a build left beside the site.
fn staged(project: &Project) -> Vec<String> {
    std::fs::read_dir(project.root())
        .expect("listing the project")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with(".site.staging-"))
        .collect()
}

#[test]
fn each_interrupting_signal_ends_a_watching_build_at_once_with_130() {
    let project = Project::fixture("build/minimal");
    for signal in ["INT", "TERM", "HUP"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["build", "--watch"])
            .current_dir(project.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting dossier");
        // Between rebuilds no staging directory exists: nothing to clean up.
        let stdout = child.stdout.take().expect("piped stdout");
        let watching = BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .any(|line| line.starts_with("watching"));
        assert!(watching, "{signal}: dossier stopped before watching");
        kill(&child, signal);
        let exit = wait_for_exit(&mut child, 20);
        assert_eq!(
            exit.code(),
            Some(i32::from(dossier::interrupt::EXIT_CODE)),
            "{signal}: {exit:?}"
        );
        assert_eq!(staged(&project), Vec::<String>::new(), "{signal}");
    }
}

#[test]
fn a_second_interrupt_ends_a_build_that_is_cleaning_up_at_once() {
    let project = Project::fixture("build/minimal");
    project.build_clean();
    let site = tree(&project.site_dir());
    // Pages that take a while: the build is still writing when both interrupts arrive,
    // whichever page each thread is on when the first file (the search index or a data
    // file, which need no template) is written.
    let slow = "{{ page.title }}{% for i in range(end=10000) %}{% for j in range(end=3000) %}{% endfor %}{% endfor %}";
    for page in [
        "document",
        "actor",
        "overview",
        "documents",
        "actors",
        "timeline",
    ] {
        project.write(&format!("templates/{page}.html"), slow);
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("build")
        .current_dir(project.root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting dossier");
    let staging = project.root().join(format!(".site.staging-{}", child.id()));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    // Once a first file is written, every page that needs no template is done within a few
    // milliseconds: after that, each thread is in a slow page (an interrupt while the
    // render is starting would find none in flight, and the clean-up would be over before
    // the second signal).
    let written = || std::fs::read_dir(&staging).is_ok_and(|mut d| d.next().is_some());
    while !written() {
        assert!(child.try_wait().expect("polling").is_none(), "ended early");
        assert!(std::time::Instant::now() < deadline, "no {staging:?}");
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    std::thread::sleep(std::time::Duration::from_millis(100));
    // Two different signals: two pending SIGINTs would be delivered as one.
    kill(&child, "INT");
    kill(&child, "TERM");
    let exit = wait_for_exit(&mut child, 60);
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        pipe.read_to_string(&mut stderr).expect("reading stderr");
    }
    assert_eq!(
        exit.code(),
        Some(i32::from(dossier::interrupt::EXIT_CODE)),
        "{stderr}"
    );
    assert!(
        stderr.contains("interrupt again to quit at once"),
        "{stderr}"
    );
    // Ended by the second interrupt, not by the build returning after its clean-up.
    assert!(!stderr.contains("previous one left untouched"), "{stderr}");
    assert_eq!(tree(&project.site_dir()), site);
}
