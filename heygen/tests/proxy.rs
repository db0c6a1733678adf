//! Proxies from the environment: `HTTP_PROXY` (absolute-form requests), `HTTPS_PROXY` (a
//! `CONNECT` tunnel) and `NO_PROXY` (direct). Its own test binary, with one test: the
//! variables are process-global and read when a client is built.

use std::net::TcpListener as StdListener;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const VIDEO: &str = r#"{"data":{"id":"v1","status":"completed"}}"#;

/// Accepts one connection, returns its request head, and answers with `reply`.
async fn serve_once(listener: &TcpListener, reply: String) -> String {
    let (mut stream, _) = listener.accept().await.unwrap();
    let mut head = Vec::new();
    let mut buf = [0; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).await.unwrap();
        assert!(n > 0, "the connection closed before the request head ended");
        head.extend_from_slice(&buf[..n]);
    }
    stream.write_all(reply.as_bytes()).await.unwrap();
    stream.shutdown().await.unwrap();
    String::from_utf8(head).unwrap()
}

fn ok_json(body: &str) -> String {
    format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
}

fn client(base_url: &str) -> heygen_sdk::Client {
    heygen_sdk::Client::builder()
        .api_key("sk_proxy_test")
        .base_url(base_url)
        // The HTTP_PROXY leg needs a plain-http, non-loopback base URL.
        .allow_http(true)
        .max_retries(0)
        .build()
        .unwrap()
}

#[test]
fn the_environments_proxies_are_honoured() {
    let proxy = StdListener::bind("127.0.0.1:0").unwrap();
    let direct = StdListener::bind("127.0.0.1:0").unwrap();
    let proxy_url = format!("http://{}", proxy.local_addr().unwrap());
    // SAFETY: set before any other thread of this binary runs (it holds this one test, and
    // the runtime starts below).
    unsafe {
        for name in [
            "http_proxy",
            "https_proxy",
            "all_proxy",
            "no_proxy",
            "ALL_PROXY",
        ] {
            std::env::remove_var(name);
        }
        std::env::set_var("HTTP_PROXY", &proxy_url);
        std::env::set_var("HTTPS_PROXY", &proxy_url);
        std::env::set_var("NO_PROXY", "127.0.0.1");
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        proxy.set_nonblocking(true).unwrap();
        direct.set_nonblocking(true).unwrap();
        let proxy = TcpListener::from_std(proxy).unwrap();
        let direct = TcpListener::from_std(direct).unwrap();

        // HTTP_PROXY: the request goes to the proxy in absolute form.
        let api = client("http://api.heygen.invalid");
        let videos = api.videos();
        let (video, head) = tokio::join!(videos.get("v1"), serve_once(&proxy, ok_json(VIDEO)));
        assert_eq!(video.unwrap().id, "v1");
        assert!(
            head.starts_with("GET http://api.heygen.invalid/v3/videos/v1 HTTP/1.1\r\n"),
            "{head}"
        );
        assert!(
            head.to_ascii_lowercase()
                .contains("x-api-key: sk_proxy_test")
        );

        // HTTPS_PROXY: a CONNECT tunnel through the proxy (refused here).
        let api = client("https://api.heygen.invalid");
        let videos = api.videos();
        let (video, head) = tokio::join!(
            videos.get("v1"),
            serve_once(
                &proxy,
                "HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n".into()
            )
        );
        assert!(video.is_err());
        assert!(
            head.starts_with("CONNECT api.heygen.invalid:443 HTTP/1.1\r\n"),
            "{head}"
        );
        assert!(
            !head.contains("sk_proxy_test"),
            "the API key must not reach the proxy of a tunnel"
        );

        // NO_PROXY: straight to the server, in origin form.
        let base = format!("http://{}", direct.local_addr().unwrap());
        let api = client(&base);
        let videos = api.videos();
        let (video, head) = tokio::join!(videos.get("v1"), serve_once(&direct, ok_json(VIDEO)));
        assert_eq!(video.unwrap().id, "v1");
        assert!(head.starts_with("GET /v3/videos/v1 HTTP/1.1\r\n"), "{head}");
    });
}
