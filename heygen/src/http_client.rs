//! The `reqwest` client this crate builds: its TLS backend and crypto provider, chosen by the
//! crate's features, without deciding anything for the rest of the process.
//!
//! Cargo features unify across the application's whole dependency graph, so the default TLS
//! feature is reqwest's own `rustls` — the one an application's reqwest turns on by default —
//! and every `reqwest::Client` in the process keeps working. A library must not install a
//! process-wide rustls `CryptoProvider` either: that is the application's choice, and a second
//! install fails; with `rustls-ring`, the ring provider goes into a `rustls::ClientConfig` handed
//! to this client only. Proxies come from the environment (`HTTPS_PROXY`, `HTTP_PROXY`,
//! `ALL_PROXY`, `NO_PROXY`) as reqwest reads them, and with the `system-proxy` feature from the
//! macOS and Windows system settings too.

use crate::{Error, Result};

/// The crate's TLS features, as a sentence for errors about their absence.
const TLS_FEATURES: &str =
    "`rustls` (default), `rustls-ring`, `rustls-no-provider` or `native-tls`";

/// A `reqwest::ClientBuilder` set up for this crate's TLS features, to build the client passed
/// to [`ClientBuilder::http_client`](crate::ClientBuilder::http_client).
///
/// - `rustls` (default): reqwest's own rustls, with the provider the application installed
///   (`rustls::crypto::CryptoProvider::install_default`) or else aws-lc-rs. This is a plain
///   `reqwest::Client::builder()`: every reqwest TLS option applies.
/// - `rustls-ring` (without `rustls`): rustls with the ring provider, given to this client
///   only; nothing is installed process-wide. If the application installed a provider, reqwest
///   uses that one and this is a plain `reqwest::Client::builder()`. Otherwise the builder
///   carries a preconfigured rustls config (ring, the platform's root certificates, HTTP/2 and
///   HTTP/1.1): reqwest's own TLS options (`add_root_certificate`, `tls_version_min`, …) then do
///   not apply, so to change TLS start from `reqwest::Client::builder()` with a config of your
///   own (`tls_backend_preconfigured`) or install a provider first. The feature turns on
///   reqwest's `rustls-no-provider` for the whole dependency graph: another library's (or the
///   application's) `reqwest::Client::new()` panics there unless a provider is installed or that
///   reqwest has a TLS feature of its own.
/// - `rustls-no-provider`: rustls with the provider the application installs before building
///   a client; without one this fails with [`Error::Config`].
/// - `native-tls`: the platform's TLS library (OpenSSL on Linux); it wins over the others.
///
/// Redirects follow [`redirect_policy`](crate::redirect_policy): never to another origin.
///
/// Fails with [`Error::Config`] when no crypto provider is available or the platform's root
/// certificates cannot be loaded.
///
/// ```
/// let http = heygen_sdk::http_client_builder()?
///     .pool_idle_timeout(std::time::Duration::from_secs(30))
///     .build()
///     .map_err(|e| heygen_sdk::Error::Config(e.to_string()))?;
/// let client = heygen_sdk::Client::builder().api_key("key").http_client(http).build()?;
/// # let _ = client;
/// # Ok::<(), heygen_sdk::Error>(())
/// ```
pub fn http_client_builder() -> Result<reqwest::ClientBuilder> {
    // Never follow a redirect to another origin: the `x-api-key` header would travel along.
    let builder = reqwest::Client::builder().redirect(crate::redirect_policy());
    #[cfg(all(
        feature = "rustls-ring",
        not(any(feature = "rustls", feature = "native-tls"))
    ))]
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        return Ok(builder.tls_backend_preconfigured(ring_config()?));
    }
    #[cfg(all(
        feature = "rustls-no-provider",
        not(any(feature = "rustls", feature = "rustls-ring", feature = "native-tls"))
    ))]
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        return Err(Error::Config(
            "the `rustls-no-provider` feature needs a rustls crypto provider: call \
             rustls::crypto::CryptoProvider::install_default before building a client"
                .into(),
        ));
    }
    Ok(builder)
}

/// Refuses an `https://` base URL when the crate was built without any TLS feature: every call
/// would otherwise fail as a (retried) connection error, with the cause only in Debug output.
pub(crate) fn check_tls(base_url: &str) -> Result<()> {
    let https = base_url
        .get(..8)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"));
    if https && !TLS_COMPILED_IN {
        return Err(Error::Config(format!(
            "{base_url:?} needs TLS, and heygen-sdk was built without a TLS feature: \
             enable one of {TLS_FEATURES}"
        )));
    }
    Ok(())
}

/// Whether one of the crate's TLS features is on.
const TLS_COMPILED_IN: bool = cfg!(any(
    feature = "rustls",
    feature = "rustls-ring",
    feature = "rustls-no-provider",
    feature = "native-tls"
));

/// rustls with the ring provider and the platform's verifier, for this client alone.
#[cfg(all(
    feature = "rustls-ring",
    not(any(feature = "rustls", feature = "native-tls"))
))]
fn ring_config() -> Result<rustls::ClientConfig> {
    use rustls_platform_verifier::BuilderVerifierExt;

    let tls_error = |e: rustls::Error| Error::Config(format!("setting up TLS: {e}"));
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(tls_error)?
        .with_platform_verifier()
        .map_err(tls_error)?
        .with_no_client_auth();
    // reqwest sets ALPN only on configs it builds itself.
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

/// The client [`ClientBuilder::build`](crate::ClientBuilder::build) makes when given none.
pub(crate) fn default_http_client(
    timeout: std::time::Duration,
    connect_timeout: std::time::Duration,
) -> Result<reqwest::Client> {
    http_client_builder()?
        .timeout(timeout)
        .connect_timeout(connect_timeout)
        .build()
        .map_err(|e| Error::Config(format!("building the HTTP client: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Built without any TLS feature (`--no-default-features`): an `https://` client is refused
    /// at `build()`, naming the features, instead of failing every call as a retried
    /// "connection failed".
    #[cfg(not(any(
        feature = "rustls",
        feature = "rustls-ring",
        feature = "rustls-no-provider",
        feature = "native-tls"
    )))]
    #[test]
    fn https_without_a_tls_feature_fails_at_build() {
        let error = crate::Client::builder()
            .api_key("key")
            .base_url("https://api.heygen.com")
            .build()
            .unwrap_err();
        let Error::Config(message) = &error else {
            panic!("{error:?}")
        };
        for feature in ["rustls", "rustls-ring", "rustls-no-provider", "native-tls"] {
            assert!(message.contains(&format!("`{feature}`")), "{message}");
        }
        assert!(check_tls("HTTPS://api.heygen.com").is_err());
        // Plain http (loopback) needs no TLS, and a client of the application's own is its
        // business.
        assert!(check_tls("http://127.0.0.1:4010").is_ok());
        let http = reqwest::Client::new();
        assert!(
            crate::Client::builder()
                .api_key("key")
                .http_client(http)
                .build()
                .is_ok()
        );
    }

    #[cfg(any(feature = "rustls", feature = "rustls-ring", feature = "native-tls"))]
    #[test]
    fn https_with_a_tls_feature_builds() {
        assert!(check_tls("https://api.heygen.com").is_ok());
        assert!(
            crate::Client::builder()
                .api_key("key")
                .base_url("https://api.heygen.com")
                .build()
                .is_ok()
        );
    }
}
