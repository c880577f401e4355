//! Accepting connections, with limits, so that clients holding connections open (a
//! slowloris attack, or just a crowd of idle ones) cannot take the preview down.
//!
//! `axum::serve` waits forever for a request's head and accepts without bound, so the
//! connections are served by hyper here: a client has [`Limits::header_timeout`] to send
//! each request's head, counted from when the server starts waiting for it (on a kept-alive
//! connection, from the end of the previous response), and is closed past it. Once the
//! head is in, a response may last as long as it needs: the live-reload event stream is
//! open for as long as its page. At most [`Limits::connections`] connections are served at
//! once; the next ones wait in the listen queue until one closes.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::Semaphore;

/// What the server allows its clients.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// How long a client may take to send a request's head; an idle kept-alive connection
    /// is closed after as long. Requests from a browser take milliseconds.
    pub header_timeout: Duration,
    /// How many connections are served at once. A browser opens at most six to a host,
    /// the live-reload streams of its pages included.
    pub connections: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(5),
            connections: 256,
        }
    }
}

/// How many connections may wait to be accepted, past the limit or in a burst, before the
/// system stops taking more: std's and tokio's 128 fill quickly once the limit is reached.
const BACKLOG: u32 = 1024;

/// Binds `addr` to listen with a queue of [`BACKLOG`]. Call it inside the runtime.
pub(super) fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = match addr {
        SocketAddr::V4(_) => TcpSocket::new_v4()?,
        SocketAddr::V6(_) => TcpSocket::new_v6()?,
    };
    // As std and tokio do: a restarted preview takes its port back at once. (On Windows
    // the option would let two servers share the port.)
    #[cfg(not(windows))]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}

/// How long to wait after a failed accept (out of file descriptors, most likely) before
/// the next one, rather than spinning.
const ACCEPT_RETRY: Duration = Duration::from_millis(100);

/// Serves `app` on the connections `listener` accepts, within `limits`, until the runtime
/// is dropped (which closes every connection).
pub(super) async fn serve(listener: TcpListener, app: Router, limits: Limits) {
    let slots = Arc::new(Semaphore::new(limits.connections.max(1)));
    loop {
        // A free slot first: past the limit, connections wait in the listen queue.
        let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
            return;
        };
        let tcp = match listener.accept().await {
            Ok((tcp, _)) => tcp,
            Err(_) => {
                tokio::time::sleep(ACCEPT_RETRY).await;
                continue;
            }
        };
        // Small event-stream writes must not wait for Nagle's algorithm.
        let _ = tcp.set_nodelay(true);
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let connection = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout)
                .serve_connection(TokioIo::new(tcp), service);
            // A client that leaves or is timed out is not the server's problem.
            let _ = connection.await;
            drop(slot);
        });
    }
}
