//! Where each attempt's request comes from: a copy kept for a retry, or a request built anew.

use bytes::Bytes;
use reqwest::Request;

use crate::error::Result;

/// Where each attempt's request comes from.
pub(crate) trait Attempts: Send {
    /// Called before `request` is sent when another attempt may follow: keep what it needs.
    fn keep(&mut self, request: &Request);
    /// The request for the next attempt; `None` when the request cannot be sent again.
    fn again(&mut self) -> impl Future<Output = Result<Option<Box<Request>>>> + Send;
}

/// A generated operation's request, cloned for each attempt (a JSON body is bytes); a streamed
/// body cannot be cloned and gets one attempt. Boxed: the spare is kept through every call's
/// future, which stays smaller (and cheaper to allocate) without it inline.
pub(crate) struct Cloned(pub(super) Option<Box<Request>>);

impl Attempts for Cloned {
    fn keep(&mut self, request: &Request) {
        self.0 = spare(request).map(Box::new);
    }

    async fn again(&mut self) -> Result<Option<Box<Request>>> {
        Ok(self.0.take())
    }
}

/// A copy of `request` for a retry: `Request::try_clone`'s, without its wasted allocations
/// (reqwest gives every copy a timeout slot in its extensions, then replaces them with the
/// original's, empty without a timeout). `None` for a streamed body.
fn spare(request: &Request) -> Option<Request> {
    let body = match request.body() {
        Some(body) => Some(reqwest::Body::from(Bytes::copy_from_slice(
            body.as_bytes()?,
        ))),
        None => None,
    };
    let mut spare = Request::new(request.method().clone(), request.url().clone());
    *spare.headers_mut() = request.headers().clone();
    *spare.version_mut() = request.version();
    *spare.body_mut() = body;
    // The timeout is the only per-request setting reqwest makes public, so the only one a
    // request can carry (and `decorate` sets it again on each attempt).
    if let Some(timeout) = request.timeout() {
        *spare.timeout_mut() = Some(*timeout);
    }
    Some(spare)
}

/// A request built anew for each attempt (the multipart upload streams its file again).
pub(crate) struct Rebuilt<F>(pub F);

impl<F, Fut> Attempts for Rebuilt<F>
where
    F: FnMut() -> Fut + Send,
    Fut: Future<Output = Result<Request>> + Send,
{
    fn keep(&mut self, _: &Request) {}

    async fn again(&mut self) -> Result<Option<Box<Request>>> {
        (self.0)().await.map(|request| Some(Box::new(request)))
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use bytes::Bytes;
    use reqwest::header::HeaderValue;
    use reqwest::{Method, Request};

    use super::spare;

    #[test]
    fn a_spare_is_the_same_request_and_a_stream_has_none() {
        let url = |path: &str| reqwest::Url::parse(&format!("http://api.example{path}")).unwrap();
        let mut request = Request::new(Method::POST, url("/v3/videos?x=1"));
        let headers = request.headers_mut();
        headers.insert(
            reqwest::header::ACCEPT,
            HeaderValue::from_static("application/json"),
        );
        headers.insert("idempotency-key", HeaderValue::from_static("k1"));
        *request.body_mut() = Some(reqwest::Body::from(r#"{"title":"t"}"#));
        *request.timeout_mut() = Some(Duration::from_secs(7));
        *request.version_mut() = reqwest::Version::HTTP_11;
        let copy = spare(&request).unwrap();
        assert_eq!(copy.method(), request.method());
        assert_eq!(copy.url(), request.url());
        assert_eq!(copy.headers(), request.headers());
        assert_eq!(copy.version(), request.version());
        assert_eq!(copy.timeout(), Some(&Duration::from_secs(7)));
        assert_eq!(
            copy.body().and_then(reqwest::Body::as_bytes),
            Some(&br#"{"title":"t"}"#[..])
        );
        let copy = spare(&Request::new(Method::GET, url("/v3/videos"))).unwrap();
        assert!(copy.body().is_none() && copy.timeout().is_none());
        let stream = futures::stream::once(async { Ok::<_, std::io::Error>(Bytes::new()) });
        let mut streamed = Request::new(Method::POST, url("/v3/assets"));
        *streamed.body_mut() = Some(reqwest::Body::wrap_stream(stream));
        assert!(spare(&streamed).is_none());
    }
}
