//! A recording HTTP proxy on `127.0.0.1`: the SDK talks to it as its base URL, it forwards
//! every request to an upstream (the simulator, Prism) and records both sides, so that tests
//! can check the raw response bodies and headers the SDK decoded.

use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, StatusCode};
use axum::response::Response;

use crate::wire::WireRequest;

/// One request and the response it got.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// The request as it reached the proxy.
    pub request: WireRequest,
    /// The upstream's status (502 when the upstream could not be reached).
    pub status: u16,
    /// The upstream's response headers.
    pub headers: HeaderMap,
    /// The upstream's response body.
    pub body: Bytes,
}

impl Exchange {
    /// A response header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

#[derive(Clone)]
struct Shared {
    upstream: String,
    http: reqwest::Client,
    exchanges: Arc<Mutex<Vec<Exchange>>>,
}

/// A running recording proxy; stops when dropped.
pub struct Recorder {
    base_url: String,
    exchanges: Arc<Mutex<Vec<Exchange>>>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for Recorder {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// Hop-by-hop and framing headers that are not forwarded.
const SKIPPED: [&str; 5] = [
    "host",
    "connection",
    "content-length",
    "transfer-encoding",
    "keep-alive",
];

impl Recorder {
    /// Starts a proxy to `upstream` (`http://host:port`, no trailing slash).
    pub async fn start(upstream: impl Into<String>) -> std::io::Result<Recorder> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        // No idle-pool timer: the proxy also serves tests on tokio's paused clock.
        let http = heygen_sdk::http_client_builder()
            .map_err(std::io::Error::other)?
            .pool_idle_timeout(None)
            .build()
            .map_err(std::io::Error::other)?;
        let shared = Shared {
            upstream: upstream.into().trim_end_matches('/').to_owned(),
            http,
            exchanges: Arc::default(),
        };
        let exchanges = shared.exchanges.clone();
        let router = axum::Router::new().fallback(forward).with_state(shared);
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        Ok(Recorder {
            base_url: format!("http://{addr}"),
            exchanges,
            server,
        })
    }

    /// `http://127.0.0.1:<port>`: the base URL to give the SDK.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Every exchange so far, oldest first.
    pub fn exchanges(&self) -> Vec<Exchange> {
        self.exchanges
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Forgets the recorded exchanges.
    pub fn clear(&self) {
        self.exchanges
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }
}

async fn forward(State(shared): State<Shared>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 64 * 1024 * 1024)
        .await
        .unwrap_or_default();
    let path_and_query = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "/".into());
    let wire = WireRequest::new(
        parts.method.as_str(),
        parts.uri.path(),
        parts.uri.query(),
        parts.headers.iter().map(|(name, value)| {
            (
                name.as_str(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        }),
        body.to_vec(),
    );
    let method = reqwest::Method::from_bytes(parts.method.as_str().as_bytes())
        .unwrap_or(reqwest::Method::GET);
    let mut upstream = shared
        .http
        .request(method, format!("{}{path_and_query}", shared.upstream))
        .body(body);
    for (name, value) in &parts.headers {
        if !SKIPPED.contains(&name.as_str()) {
            upstream = upstream.header(name.as_str(), value.as_bytes());
        }
    }
    let (status, headers, bytes) = match upstream.send().await {
        Ok(response) => {
            let status = response.status().as_u16();
            let mut headers = HeaderMap::new();
            for (name, value) in response.headers() {
                if let (Ok(name), Ok(value)) = (
                    HeaderName::from_bytes(name.as_str().as_bytes()),
                    axum::http::HeaderValue::from_bytes(value.as_bytes()),
                ) {
                    headers.append(name, value);
                }
            }
            let bytes = response.bytes().await.unwrap_or_default();
            (status, headers, Bytes::from(bytes.to_vec()))
        }
        Err(e) => (
            502,
            HeaderMap::new(),
            Bytes::from(format!("recorder: upstream failed: {e}")),
        ),
    };
    shared
        .exchanges
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(Exchange {
            request: wire,
            status,
            headers: headers.clone(),
            body: bytes.clone(),
        });
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
    for (name, value) in &headers {
        if !SKIPPED.contains(&name.as_str()) {
            response.headers_mut().append(name, value.clone());
        }
    }
    response
}
