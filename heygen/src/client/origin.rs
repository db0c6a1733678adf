//! Where requests may go: the base URL's checks (https, no credentials, query or fragment)
//! and the redirect policy that keeps the API key on the configured origin.

use crate::error::{Error, Result};

/// The base URL without its trailing `/`, and its path: https (or http to a loopback host, or
/// with `allow_http`), no user or password, no query or fragment.
pub(super) fn check_base_url(url: &str, allow_http: bool) -> Result<(String, String)> {
    let refuse = |why: &str| Err(Error::Config(format!("base URL: {why}")));
    let parsed = match reqwest::Url::parse(url) {
        Ok(parsed) => parsed,
        // The text may hold a password: it is not echoed.
        Err(e) => return refuse(&format!("not a URL ({e})")),
    };
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return refuse("must not carry a user name or password (the API key authenticates)");
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return refuse(&format!(
            "`{}` must not carry a query or fragment",
            parsed.origin().ascii_serialization()
        ));
    }
    let Some(host) = parsed.host_str() else {
        return refuse(&format!("`{url}` has no host"));
    };
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    match parsed.scheme() {
        "https" => {}
        "http" if loopback || allow_http => {}
        "http" => {
            return refuse(&format!(
                "`{url}` is plain http: use https (http is accepted for loopback addresses, or with ClientBuilder::allow_http(true))"
            ));
        }
        other => return refuse(&format!("scheme `{other}` is not https")),
    }
    let base = url.trim_end_matches('/').to_string();
    let path = parsed.path().trim_end_matches('/').to_string();
    Ok((base, path))
}

/// The redirect policy of the client this crate builds: a redirect is followed only within
/// the origin (scheme, host and port) the request was sent to, at most 5 times. reqwest's
/// default follows redirects anywhere and strips only `Authorization` and `Cookie`, so the
/// `x-api-key` would go to the other host (even over an https → http downgrade). A refused
/// redirect is returned as it is: the call fails with its 3xx status.
///
/// [`http_client_builder`](crate::http_client_builder) already sets it; a client built from
/// `reqwest::Client::builder()` (with a TLS setup of your own) should set it too:
///
/// ```
/// let http = heygen_sdk::http_client_builder()?
///     .redirect(heygen_sdk::redirect_policy())
///     .build()
///     .unwrap();
/// let client = heygen_sdk::Client::builder().api_key("k").http_client(http).build()?;
/// # let _ = client; Ok::<(), heygen_sdk::Error>(())
/// ```
pub fn redirect_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let same_origin = attempt
            .previous()
            .first()
            .is_some_and(|first| first.origin() == attempt.url().origin());
        if same_origin && attempt.previous().len() <= 5 {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_must_be_https_unless_loopback_or_allowed() {
        for ok in [
            "https://api.heygen.com",
            "https://gw.example/heygen/",
            "http://127.0.0.1:8080",
            "http://localhost:3000",
            "http://[::1]:9",
        ] {
            check_base_url(ok, false).unwrap_or_else(|e| panic!("{ok}: {e}"));
        }
        assert_eq!(
            check_base_url("https://gw.example/heygen/", false).unwrap(),
            (
                "https://gw.example/heygen".to_string(),
                "/heygen".to_string()
            )
        );
        assert_eq!(
            check_base_url("https://api.heygen.com", false).unwrap().1,
            ""
        );
        for bad in [
            "http://api.heygen.com",
            "http://10.0.0.1",
            "https://user:hunter2@api.heygen.com",
            "https://api.heygen.com/?region=eu",
            "https://api.heygen.com/#x",
            "ftp://api.heygen.com",
            "not a url",
        ] {
            let error = check_base_url(bad, false).unwrap_err();
            assert!(matches!(error, Error::Config(_)), "{bad}");
            assert!(!error.to_string().contains("hunter2"), "{error}");
        }
        check_base_url("http://gateway.internal", true).unwrap();
    }
}
