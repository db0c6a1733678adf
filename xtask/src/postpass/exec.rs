//! The hook every request runs through.
//!
//! progenitor calls `ClientHooks::exec` for each request. The generated client carries an
//! `Exec` (its inner type), so the `heygen-sdk` crate can supply auth, retries, idempotency keys and
//! tracing once, for every operation, including the v1/v2 ones reached through `raw()`.

use quote::quote;
use syn::Item;

pub fn items() -> Vec<Item> {
    let code = quote! {
        /// The future an [`Exec`] returns.
        pub type ExecFuture = ::std::pin::Pin<Box<dyn ::std::future::Future<Output = reqwest::Result<reqwest::Response>> + Send>>;

        /// How a [`Client`] sends each request: given the `reqwest::Client`, the built request
        /// and the operation id. The `heygen-sdk` crate supplies one with auth, retries, idempotency
        /// keys and tracing; [`Exec::direct`] sends the request as it is.
        #[derive(Clone)]
        pub struct Exec(::std::sync::Arc<dyn Fn(reqwest::Client, reqwest::Request, &'static str) -> ExecFuture + Send + Sync>);

        impl Exec {
            /// An executor from a function.
            pub fn new<F, Fut>(f: F) -> Self
            where
                F: Fn(reqwest::Client, reqwest::Request, &'static str) -> Fut + Send + Sync + 'static,
                Fut: ::std::future::Future<Output = reqwest::Result<reqwest::Response>> + Send + 'static,
            {
                Self(::std::sync::Arc::new(move |client, request, operation| Box::pin(f(client, request, operation))))
            }

            /// Sends each request once, as built.
            pub fn direct() -> Self {
                Self::new(|client: reqwest::Client, request, _| async move { client.execute(request).await })
            }
        }

        impl ::std::default::Default for Exec {
            fn default() -> Self {
                Self::direct()
            }
        }

        impl ::std::fmt::Debug for Exec {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("Exec")
            }
        }

        impl ClientHooks<Exec> for Client {
            // Not an `async fn`: the request goes to the `Exec` when the call is made, so the
            // future `send()` awaits is the `Exec`'s box alone, not one more copy of the request.
            // No `api-version` header to remove: the post-pass dropped it (api_version.rs).
            fn exec(&self, request: reqwest::Request, info: &OperationInfo) -> impl ::std::future::Future<Output = reqwest::Result<reqwest::Response>> {
                (self.inner.0)(self.client.clone(), request, info.operation_id)
            }
        }
    };
    syn::parse2::<syn::File>(code).expect("valid items").items
}
