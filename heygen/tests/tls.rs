//! The SDK's clients speak TLS (ALPN h2 + http/1.1) with the rustls features, leave the
//! process-wide rustls crypto provider to the application, and with the default `rustls` leave
//! the application's own `reqwest::Client::new()` working. Its own test binary: the provider is
//! process-global.
#![cfg(all(
    any(feature = "rustls", feature = "rustls-ring"),
    not(feature = "native-tls")
))]

use tokio::io::AsyncReadExt;
use tokio::net::TcpListener;

/// The first bytes a TLS client sends to a local listener (its ClientHello), after which the
/// listener hangs up.
async fn client_hello(send: impl AsyncFnOnce(String)) -> Vec<u8> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
    let url = format!(
        "https://localhost:{}",
        listener.local_addr().unwrap().port()
    );
    let accept = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut hello = vec![0; 4096];
        let n = stream.read(&mut hello).await.unwrap();
        hello.truncate(n);
        hello
    });
    send(url).await;
    accept.await.unwrap()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The ClientHello of the SDK's own client, built with its defaults.
async fn sdk_client_hello() -> Vec<u8> {
    client_hello(async |url| {
        let client = heygen_sdk::Client::builder()
            .api_key("key")
            .base_url(url)
            .max_retries(0)
            .build()
            .unwrap();
        assert!(client.videos().get("v1").await.is_err());
    })
    .await
}

/// The default feature is reqwest's own `rustls`: features unify across the dependency graph,
/// and an application whose reqwest has no TLS feature of its own must still get a working
/// `reqwest::Client::new()` (with reqwest's `rustls-no-provider` alone it panics: "No rustls
/// crypto provider is configured").
#[cfg(feature = "rustls")]
#[tokio::test]
async fn the_applications_own_reqwest_client_works_beside_the_sdk() {
    let hello = sdk_client_hello().await;
    assert_eq!(hello.first(), Some(&0x16), "a TLS handshake record");
    assert!(contains(&hello, b"\x02h2"), "ALPN offers h2");
    assert!(contains(&hello, b"\x08http/1.1"), "ALPN offers http/1.1");

    let hello = client_hello(async |url| {
        let http = std::panic::catch_unwind(reqwest::Client::new)
            .expect("reqwest::Client::new() panics beside the SDK");
        assert!(http.get(url).send().await.is_err());
    })
    .await;
    assert_eq!(hello.first(), Some(&0x16));
}

#[cfg(all(feature = "rustls-ring", not(feature = "rustls")))]
#[tokio::test]
async fn clients_speak_tls_without_installing_a_process_wide_provider() {
    use rustls::crypto::CryptoProvider;

    assert!(CryptoProvider::get_default().is_none());

    let hello = sdk_client_hello().await;
    assert_eq!(hello.first(), Some(&0x16), "a TLS handshake record");
    assert!(contains(&hello, b"\x02h2"), "ALPN offers h2");
    assert!(contains(&hello, b"\x08http/1.1"), "ALPN offers http/1.1");
    assert!(
        CryptoProvider::get_default().is_none(),
        "the SDK installed a process-wide provider"
    );

    // A client from `http_client_builder`.
    let hello = client_hello(async |url| {
        let http = heygen_sdk::http_client_builder().unwrap().build().unwrap();
        assert!(http.get(url).send().await.is_err());
    })
    .await;
    assert_eq!(hello.first(), Some(&0x16));
    assert!(CryptoProvider::get_default().is_none());

    // The application's own provider, once installed, is the one used.
    rustls::crypto::ring::default_provider()
        .install_default()
        .unwrap();
    let hello = client_hello(async |url| {
        let http = heygen_sdk::http_client_builder().unwrap().build().unwrap();
        assert!(http.get(url).send().await.is_err());
    })
    .await;
    assert_eq!(hello.first(), Some(&0x16));
}
