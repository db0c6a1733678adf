//! The loopback server both sides of every comparison talk to: hyper, HTTP/1.1 keep-alive, on
//! its own thread and runtime, answering bodies rendered once at start. Its share of a round
//! trip is small, and the same for `heygen` and for the baseline.
//!
//! - `GET /v3/videos/{id}`: [`bodies::video_envelope`];
//! - `POST /v3/videos`: reads the request body, answers [`bodies::create_response`];
//! - `GET /v3/videos?limit=N&token=P`: page `P` (0 without a token) of a listing of
//!   [`Server::set_pages`] pages of `N` videos (`N` 10 or 100); the cursor of page `P` is `P+1`.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::sync::oneshot;

use crate::bodies;

/// Page sizes the server has pre-rendered.
pub const PAGE_SIZES: [usize; 2] = [10, 100];

struct Bodies {
    video: Bytes,
    created: Bytes,
    page_starts: HashMap<usize, Vec<u8>>,
    pages: AtomicUsize,
}

/// A running server; dropping it stops it.
pub struct Server {
    addr: SocketAddr,
    bodies: Arc<Bodies>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Binds `127.0.0.1:0` and serves on a new thread.
    pub fn start() -> Server {
        let bodies = Arc::new(Bodies {
            video: bodies::video_envelope().into(),
            created: bodies::create_response().into(),
            page_starts: PAGE_SIZES
                .iter()
                .map(|&n| (n, bodies::page_start(n)))
                .collect(),
            pages: AtomicUsize::new(1),
        });
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("nonblocking");
        let addr = listener.local_addr().expect("addr");
        let (stop, stopped) = oneshot::channel();
        let served = bodies.clone();
        let thread = std::thread::Builder::new()
            .name("bench-server".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("server runtime");
                runtime.block_on(serve(listener, served, stopped));
            })
            .expect("server thread");
        Server {
            addr,
            bodies,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// How many pages the listing has (default 1).
    pub fn set_pages(&self, pages: usize) {
        self.bodies.pages.store(pages.max(1), Ordering::Relaxed);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

async fn serve(
    listener: std::net::TcpListener,
    bodies: Arc<Bodies>,
    mut stopped: oneshot::Receiver<()>,
) {
    let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
    let mut connections = tokio::task::JoinSet::new();
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => continue,
            },
            _ = &mut stopped => return,
        };
        let _ = stream.set_nodelay(true);
        let bodies = bodies.clone();
        connections.spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let bodies = bodies.clone();
                async move { Ok::<_, Infallible>(answer(request, &bodies).await) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn answer(request: Request<Incoming>, bodies: &Bodies) -> Response<Full<Bytes>> {
    let path = request.uri().path();
    let json = |body: Bytes| {
        let mut response = Response::new(Full::new(body));
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers.insert(
            "x-request-id",
            HeaderValue::from_static("req_5f0c2a9e7d1b4c3a8e6f"),
        );
        response
    };
    match (request.method(), path) {
        (&Method::GET, "/v3/videos") => {
            let query = request.uri().query().unwrap_or("");
            let param = |name: &str| {
                query
                    .split('&')
                    .filter_map(|pair| pair.split_once('='))
                    .find(|(key, _)| *key == name)
                    .and_then(|(_, value)| value.parse::<usize>().ok())
            };
            let limit = param("limit").unwrap_or(10);
            let page = param("token").unwrap_or(0);
            let Some(start) = bodies.page_starts.get(&limit) else {
                return status(StatusCode::BAD_REQUEST);
            };
            let next = page + 1;
            let next = (next < bodies.pages.load(Ordering::Relaxed)).then(|| next.to_string());
            let end = bodies::page_end(next.as_deref());
            let mut body = Vec::with_capacity(start.len() + end.len());
            body.extend_from_slice(start);
            body.extend_from_slice(&end);
            json(body.into())
        }
        (&Method::GET, path) if path.starts_with("/v3/videos/") => json(bodies.video.clone()),
        (&Method::POST, "/v3/videos") => {
            if request.into_body().collect().await.is_err() {
                return status(StatusCode::BAD_REQUEST);
            }
            json(bodies.created.clone())
        }
        _ => status(StatusCode::NOT_FOUND),
    }
}

fn status(code: StatusCode) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::new()));
    *response.status_mut() = code;
    response
}
