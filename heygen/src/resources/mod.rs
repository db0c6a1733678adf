//! The v3 API by area, one module each: `client.videos()`, `client.avatars()`, …
//!
//! Each method takes the generated request type (or an id), sends it through the client's
//! retries and auth, unwraps the `{"data": …}` envelope, and returns the generated payload
//! type. Listings return a lazy [`Paginator`](crate::Paginator); `list_with` configures the
//! generated request builder (filters, `limit` as page size).

pub mod assets;
pub mod avatars;
pub mod batches;
mod bulk;
pub mod lipsyncs;
pub mod users;
pub mod video_agents;
pub mod video_translations;
pub mod videos;
pub mod voices;
pub mod webhooks;

pub use heygen_sys::builder;

/// A method that sends one generated operation and returns its envelope's `data`. Its `&str`
/// arguments are path ids, checked before anything is built (see [`PathId`]).
macro_rules! data_op {
    ($(#[$doc:meta])* $name:ident($($arg:ident: $ty:ty),*) -> $out:ty, |$raw:ident| $build:expr) => {
        $(#[$doc])*
        pub async fn $name(&self, $($arg: $ty),*) -> $crate::Result<$out> {
            {
                #[allow(unused_imports)]
                use $crate::resources::{NotAnId as _, PathId as _};
                $((&$crate::resources::Arg(&$arg)).check_path_id(stringify!($arg))?;)*
            }
            let $raw = self.client.raw();
            self.client.data($build.send(), |envelope| envelope.data).await
        }
    };
}

/// `list()` and `list_with(configure)` over a generated cursor-list operation.
macro_rules! list_op {
    ($(#[$doc:meta])* $list:ident, $list_with:ident, $builder:ident, $method:ident -> $item:ty) => {
        $(#[$doc])*
        pub fn $list(&self) -> $crate::Paginator<$item> {
            self.$list_with(|request| request)
        }

        #[doc = concat!("[`Self::", stringify!($list), "`] with the generated request builder configured (filters; `limit` sets the page size).")]
        pub fn $list_with<F>(&self, configure: F) -> $crate::Paginator<$item>
        where
            F: for<'a> Fn($crate::resources::builder::$builder<'a>) -> $crate::resources::builder::$builder<'a> + Send + Sync + 'static,
        {
            let client = self.client.clone();
            let configure = std::sync::Arc::new(configure);
            $crate::Paginator::new(move |token: Option<String>| {
                let client = client.clone();
                let configure = configure.clone();
                async move {
                    let raw = client.raw();
                    let mut request = configure(raw.$method());
                    if let Some(token) = token {
                        request = request.token(token);
                    }
                    let page = client.run(request.send()).await?.into_inner();
                    Ok($crate::Page::from_envelope(page.data, page.has_more, page.next_token))
                }
            })
        }
    };
}

/// An argument of a [`data_op!`] method, for its path-id check. Method resolution picks
/// [`PathId`] for an `Arg<&str>` (found on the value) and [`NotAnId`] for any other argument (a
/// request body; found one reference further), so the macro checks exactly its `&str` ids.
pub(crate) struct Arg<'a, T>(pub &'a T);

/// A path id: refused before any request when empty, `.` or `..`.
pub(crate) trait PathId {
    fn check_path_id(&self, name: &str) -> crate::Result<()>;
}

impl PathId for Arg<'_, &str> {
    fn check_path_id(&self, name: &str) -> crate::Result<()> {
        crate::call::path_id(name, self.0)
    }
}

/// Any other argument: nothing to check.
pub(crate) trait NotAnId {
    fn check_path_id(&self, _name: &str) -> crate::Result<()> {
        Ok(())
    }
}

impl<T> NotAnId for &Arg<'_, T> {}

pub(crate) use {data_op, list_op};

macro_rules! resource {
    ($(#[$doc:meta])* $name:ident, $accessor:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $name {
            pub(crate) client: $crate::Client,
        }

        impl $crate::Client {
            #[doc = concat!("The [`", stringify!($name), "`] resource.")]
            pub fn $accessor(&self) -> $name {
                $name { client: self.clone() }
            }
        }
    };
}

pub(crate) use resource;
