//! Which hosts the preview answers: only names of this machine, against DNS rebinding.
//!
//! A page on `http://evil.example:1111` can make its own name resolve to 127.0.0.1: its
//! requests then reach the preview, and the browser, which sees one origin, lets the page
//! read every answer, drafts included. Those requests still say `Host: evil.example:1111`,
//! so the preview answers only requests whose host is `localhost`, a loopback address or
//! the address it listens on, whatever the port (an SSH tunnel may forward another one);
//! when it listens on every address (`--bind 0.0.0.0`), any IP address, since a page
//! cannot rebind an address, only a name. Everything else, the live-reload endpoints
//! included, is answered 400. So is a request that names no host (HTTP/1.0 without
//! `Host`): browsers always send one, and a host that is not named cannot be checked.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The hosts a request may name.
#[derive(Debug)]
pub(super) struct Hosts {
    /// The address the server listens on.
    bound: IpAddr,
}

/// A host as a request names it, without its port.
#[derive(Debug, PartialEq, Eq)]
enum Host<'a> {
    /// An IP address (in brackets for IPv6).
    Ip(IpAddr),
    /// A name, as written.
    Name(&'a str),
}

impl Hosts {
    /// The hosts of a server listening on `bound`.
    pub(super) fn new(bound: IpAddr) -> Hosts {
        Hosts { bound }
    }

    /// True when every host `request` names is one of this machine's, and it names one:
    /// its `Host` header (exactly one), and the authority of an absolute-form target
    /// (`GET http://host/ HTTP/1.1`) if it has one.
    fn admit(&self, request: &Request) -> bool {
        let mut headers = request.headers().get_all(header::HOST).iter();
        let header = match (headers.next(), headers.next()) {
            (Some(value), None) => Some(value.to_str().ok()),
            (None, _) => None,
            (Some(_), Some(_)) => return false,
        };
        let target = request.uri().authority().map(|a| Some(a.as_str()));
        let mut named = header.into_iter().chain(target).peekable();
        named.peek().is_some()
            && named.all(|host| host.and_then(parse).is_some_and(|host| self.allows(&host)))
    }

    fn allows(&self, host: &Host) -> bool {
        match *host {
            Host::Name(name) => name.eq_ignore_ascii_case("localhost"),
            Host::Ip(ip) => {
                let ip = ip.to_canonical();
                ip.is_loopback() || ip == self.bound || self.bound.is_unspecified()
            }
        }
    }
}

/// Parses a `Host` value: `name`, `name:port`, `1.2.3.4[:port]` or `[v6][:port]`; `None`
/// when it is none of them.
fn parse(value: &str) -> Option<Host<'_>> {
    let (host, port) = match value.strip_prefix('[') {
        Some(rest) => {
            let (v6, after) = rest.split_once(']')?;
            let port = match after {
                "" => None,
                after => Some(after.strip_prefix(':')?),
            };
            (Host::Ip(IpAddr::V6(v6.parse::<Ipv6Addr>().ok()?)), port)
        }
        None => {
            let (host, port) = match value.split_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (value, None),
            };
            let host = match host.parse::<Ipv4Addr>() {
                Ok(ip) => Host::Ip(IpAddr::V4(ip)),
                Err(_) if !host.is_empty() => Host::Name(host),
                Err(_) => return None,
            };
            (host, port)
        }
    };
    let port_ok = port.is_none_or(|p| p.parse::<u16>().is_ok() && !p.starts_with('+'));
    port_ok.then_some(host)
}

/// The middleware in front of every route: a request for another host gets 400 and a line
/// saying why.
pub(super) async fn guard(
    State(hosts): State<Arc<Hosts>>,
    request: Request,
    next: Next,
) -> Response {
    if hosts.admit(&request) {
        return next.run(request).await;
    }
    (
        StatusCode::BAD_REQUEST,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        "400 Bad Request: the dossier preview answers only requests for localhost, a loopback \
         address or the address it listens on (this guards it against DNS rebinding)\n",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(bound: &str, value: &str) -> bool {
        let hosts = Hosts::new(bound.parse().unwrap());
        parse(value).is_some_and(|host| hosts.allows(&host))
    }

    #[test]
    fn local_names_and_addresses_are_allowed_with_or_without_a_port() {
        for value in [
            "localhost",
            "LocalHost:1111",
            "127.0.0.1",
            "127.0.0.1:1111",
            "127.0.0.2:8080",
            "[::1]",
            "[::1]:1111",
            "[::ffff:127.0.0.1]:1111",
        ] {
            assert!(allowed("127.0.0.1", value), "{value}");
        }
        assert!(allowed("192.168.1.5", "192.168.1.5:1111"));
        assert!(allowed("0.0.0.0", "192.168.1.5:1111"));
        assert!(allowed("::", "[fe80::1]:1111"));
    }

    #[test]
    fn other_hosts_and_malformed_values_are_refused() {
        for value in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "localhost.",
            "127.0.0.1.evil.example",
            "192.168.1.5",
            "[::2]:1111",
            "",
            ":1111",
            "localhost:",
            "localhost:99999",
            "localhost:+80",
            "localhost:1111:1111",
            "[::1]x",
            "[localhost]",
            "::1",
            "user@localhost",
        ] {
            assert!(!allowed("127.0.0.1", value), "{value:?}");
        }
        assert!(!allowed("0.0.0.0", "evil.example:1111"));
        assert!(!allowed("192.168.1.5", "10.0.0.1"));
    }
}
