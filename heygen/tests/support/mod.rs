//! A scripted HTTP server that runs on the test's own tokio runtime.
//!
//! wiremock serves from a thread of its own, so while a request is in flight the test's
//! runtime sees nothing to do, and a paused clock jumps to the next timer. Waits arm one (the
//! deadline bounds a poll in flight): against wiremock, the clock would jump to the deadline
//! during the first poll. Served from the same runtime, an answer is ready before the clock
//! moves, so the paused clock measures only the waits.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::Value;

/// A request the server received.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

/// An answer.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    /// `status` with a JSON body.
    pub fn json(status: u16, body: &Value) -> Self {
        Self {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.to_string().into_bytes(),
        }
    }

    /// `status` with a raw body.
    pub fn raw(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

type Respond = Arc<dyn Fn(&Seen) -> Reply + Send + Sync>;

struct Route {
    method: Option<String>,
    path: Path,
    times: Option<usize>,
    respond: Respond,
}

/// Which paths a route serves.
#[derive(Debug, Clone)]
pub enum Path {
    Any,
    Exact(String),
    Prefix(String),
}

impl Path {
    fn matches(&self, path: &str) -> bool {
        match self {
            Path::Any => true,
            Path::Exact(exact) => path == exact,
            Path::Prefix(prefix) => path.starts_with(prefix.as_str()),
        }
    }
}

/// The server: routes tried in the order added (a route with `times` retires after serving
/// them), every request recorded; unrouted requests get 404.
#[derive(Clone)]
pub struct LocalServer {
    addr: std::net::SocketAddr,
    routes: Arc<Mutex<Vec<Route>>>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl LocalServer {
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .unwrap();
        let addr = listener.local_addr().unwrap();
        let server = Self {
            addr,
            routes: Arc::default(),
            seen: Arc::default(),
        };
        let handle = server.clone();
        let app = axum::Router::new().fallback(move |request: axum::extract::Request| {
            let handle = handle.clone();
            async move { handle.answer(request).await }
        });
        tokio::spawn(async move { axum::serve(listener, app).await });
        server
    }

    pub fn uri(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Serves `method` (any when `None`) on `path` with `respond`.
    pub fn route(
        &self,
        method: Option<&str>,
        path: Path,
        respond: impl Fn(&Seen) -> Reply + Send + Sync + 'static,
    ) -> &Self {
        self.add(method, path, None, respond)
    }

    /// Like [`LocalServer::route`], for the next `times` matching requests only.
    pub fn route_times(
        &self,
        method: Option<&str>,
        path: Path,
        times: usize,
        respond: impl Fn(&Seen) -> Reply + Send + Sync + 'static,
    ) -> &Self {
        self.add(method, path, Some(times), respond)
    }

    fn add(
        &self,
        method: Option<&str>,
        path: Path,
        times: Option<usize>,
        respond: impl Fn(&Seen) -> Reply + Send + Sync + 'static,
    ) -> &Self {
        self.routes.lock().unwrap().push(Route {
            method: method.map(str::to_string),
            path,
            times,
            respond: Arc::new(respond),
        });
        self
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    async fn answer(&self, request: axum::extract::Request) -> Response {
        let (parts, body) = request.into_parts();
        let body = axum::body::to_bytes(body, usize::MAX)
            .await
            .unwrap_or_default();
        let seen = Seen {
            method: parts.method.as_str().to_string(),
            path: parts.uri.path().to_string(),
            query: parts.uri.query().map(str::to_string),
            headers: parts.headers,
            body: body.to_vec(),
        };
        self.seen.lock().unwrap().push(seen.clone());
        let respond = {
            let mut routes = self.routes.lock().unwrap();
            let found = routes.iter_mut().find(|route| {
                route.method.as_deref().is_none_or(|m| m == seen.method)
                    && route.path.matches(&seen.path)
                    && route.times != Some(0)
            });
            found.map(|route| {
                if let Some(times) = route.times.as_mut() {
                    *times -= 1;
                }
                route.respond.clone()
            })
        };
        let reply = match respond {
            Some(respond) => respond(&seen),
            None => Reply::raw(404, "no route"),
        };
        let mut response = Response::new(Body::from(reply.body));
        *response.status_mut() = StatusCode::from_u16(reply.status).unwrap();
        for (name, value) in reply.headers {
            response.headers_mut().insert(
                axum::http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.parse().unwrap(),
            );
        }
        response
    }
}

/// Answers the n-th request with the n-th body as JSON 200 (the last one repeats).
pub fn sequence(bodies: Vec<Value>) -> impl Fn(&Seen) -> Reply + Send + Sync + 'static {
    let next = AtomicUsize::new(0);
    move |_| {
        let n = next.fetch_add(1, Ordering::SeqCst).min(bodies.len() - 1);
        Reply::json(200, &bodies[n])
    }
}

/// Always the same JSON 200.
pub fn always(body: Value) -> impl Fn(&Seen) -> Reply + Send + Sync + 'static {
    move |_| Reply::json(200, &body)
}
