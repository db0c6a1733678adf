//! The accept loop, driven by hand rather than by `axum::serve` so that a fault can close a
//! connection: a response marked [`CloseConnection`] is never sent, and its socket is dropped.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio::task::JoinSet;
use tower::ServiceExt as _;

/// A response marked to close its connection instead of being sent.
#[derive(Debug, Clone, Copy)]
pub(super) struct CloseConnection;

/// Accepts connections until aborted; each is served by hyper, and closed early when a
/// response carries [`CloseConnection`].
pub(super) async fn serve(listener: TcpListener, router: axum::Router) {
    let mut connections = JoinSet::new();
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors or similar: back off instead of spinning.
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        connections.spawn(async move {
            let close = Arc::new(Notify::new());
            let on_close = close.clone();
            let service = hyper::service::service_fn(
                move |request: hyper::Request<hyper::body::Incoming>| {
                    let (router, close) = (router.clone(), on_close.clone());
                    async move {
                        let response = match router.oneshot(request.map(Body::new)).await {
                            Ok(response) => response,
                            Err(never) => match never {},
                        };
                        if response.extensions().get::<CloseConnection>().is_some() {
                            close.notify_one();
                            std::future::pending::<()>().await;
                        }
                        Ok::<_, Infallible>(response)
                    }
                },
            );
            let connection = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service);
            // Dropping the connection closes the socket, whatever it was doing.
            tokio::select! {
                _ = connection => {}
                _ = close.notified() => {}
            }
        });
        while connections.try_join_next().is_some() {}
    }
}
