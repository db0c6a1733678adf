//! The SDK's ergonomics for operations reached through [`Client::raw`]: an operation newer than
//! this SDK's resource methods (or one no resource covers) is called through its generated
//! builder with the client's auth, retries and typed errors ([`Client::run`]); these helpers add
//! what resource methods add: the `{"data": …}` envelope unwrapped ([`Client::raw_data`]) and a
//! lazy [`Paginator`] over any cursor-paged list (`{data: [...], has_more, next_token}`,
//! [`Client::raw_pages`]). Both read the answer through `serde`, so they work for operations
//! the SDK has never seen.

use std::future::Future;

use futures::future::BoxFuture;
use heygen_sys::ResponseValue;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::{Client, Page, Paginator, Result};

/// What a generated request answers.
type Sent<T, E> = std::result::Result<ResponseValue<T>, heygen_sys::Error<E>>;

/// `value` as a `T`, or the reason it is not one.
fn decode<T: DeserializeOwned>(value: Value, what: &str) -> std::result::Result<T, String> {
    serde_json::from_value(value)
        .map_err(|e| format!("{what} does not fit the type asked for: {e}"))
}

/// The page of `T` a cursor-list body holds (`has_more` absent or `null` counts as `false`).
fn page_of<T: DeserializeOwned>(body: Value) -> std::result::Result<Page<T>, String> {
    let Value::Object(mut body) = body else {
        return Err("the response is not a JSON object".into());
    };
    let items = match body.remove("data") {
        Some(items @ Value::Array(_)) => decode(items, "`data`")?,
        Some(Value::Null) | None => Vec::new(),
        Some(_) => return Err("`data` is not a list".into()),
    };
    Ok(Page {
        items,
        has_more: body
            .get("has_more")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        next_token: body
            .get("next_token")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .map(str::to_owned),
    })
}

impl Client {
    /// Runs a raw call as [`Client::run`] does and returns its envelope's `data` as a `T`
    /// (any type `data` deserialises into: the generated one, or your own).
    ///
    /// Fails with [`Error::Decode`](crate::Error::Decode) when the body has no `data` or it does not fit `T`.
    ///
    /// ```no_run
    /// # async fn example(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// // The typed payload, or any type it deserialises into (here the raw JSON).
    /// let me: serde_json::Value = client.raw_data(client.raw().get_user_me_v3().send()).await?;
    /// println!("{me}");
    /// # Ok(()) }
    /// ```
    pub async fn raw_data<T, Env, E, F>(&self, send: F) -> Result<T>
    where
        T: DeserializeOwned,
        Env: Serialize,
        E: Serialize + std::fmt::Debug,
        F: Future<Output = Sent<Env, E>>,
    {
        self.call(send, |response, record| {
            let status = response.status().as_u16();
            let data = serde_json::to_value(response.into_inner())
                .map_err(|e| e.to_string())
                .and_then(|mut body| match body.get_mut("data").map(Value::take) {
                    Some(data) => decode(data, "`data`"),
                    None => Err("the response has no `data`".into()),
                });
            data.map_err(|message| record.decode_error(status, message))
        })
        .await
    }

    /// A lazy [`Paginator`] over any cursor-paged list operation: `send(raw, token)` sends the
    /// request for the page at `token` (`None`: the first page), usually by setting the
    /// generated builder's `token`. Each page runs as [`Client::run`] does.
    ///
    /// ```no_run
    /// # async fn example(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// use futures::FutureExt as _;
    /// let voices = client.raw_pages::<heygen_sdk::types::AudioVoiceItem, _, _, _>(
    ///     |raw, token| {
    ///         let request = raw.list_voices_v3();
    ///         match token {
    ///             Some(token) => request.token(token).send().boxed(),
    ///             None => request.send().boxed(),
    ///         }
    ///     },
    /// );
    /// for voice in voices.max_items(50).collect().await? {
    ///     println!("{}", voice.name);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn raw_pages<T, R, E, S>(&self, send: S) -> Paginator<T>
    where
        T: DeserializeOwned + Send + 'static,
        R: Serialize + Send + 'static,
        E: Serialize + std::fmt::Debug + Send + 'static,
        S: for<'a> Fn(&'a heygen_sys::Client, Option<String>) -> BoxFuture<'a, Sent<R, E>>
            + Send
            + Sync
            + 'static,
    {
        crate::resources::listing::paged(self, send, |response, record| {
            let status = response.status().as_u16();
            serde_json::to_value(response.into_inner())
                .map_err(|e| e.to_string())
                .and_then(page_of)
                .map_err(|message| record.decode_error(status, message))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_cursor_body_is_a_page() {
        let page: Page<u32> =
            page_of(json!({"data": [1, 2], "has_more": true, "next_token": "n"})).unwrap();
        assert_eq!(
            (page.items, page.has_more, page.next_token.as_deref()),
            (vec![1, 2], true, Some("n"))
        );
        let last: Page<u32> = page_of(json!({"data": [], "has_more": null})).unwrap();
        assert!(!last.has_more && last.next_token.is_none());
        assert!(page_of::<u32>(json!({"data": {"x": 1}})).is_err());
        assert!(page_of::<u32>(json!({"data": ["a"]})).is_err());
        assert!(page_of::<u32>(json!([1])).is_err());
    }
}
