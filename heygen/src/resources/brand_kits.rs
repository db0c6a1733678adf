//! Brand kits (colors, fonts, logos for video-agent sessions) and brand glossaries (term
//! translations for video translation). Both are made in HeyGen's web app, under Brand Kit;
//! the API lists them, to pass their ids on.

use heygen_sys::types::{BrandGlossary, BrandKit};

use super::{SendAt as _, builder, cursor_list};
use crate::{Client, Paginator};

/// Brand kits and glossaries (`/v3/brand-kits`, `/v3/brand-glossaries`): `client.brand_kits()`.
#[derive(Debug, Clone)]
pub struct BrandKits {
    pub(crate) client: Client,
}

impl BrandKits {
    /// The workspace's brand kits; pass a `brand_kit_id` to `POST /v3/video-agents`
    /// (`listBrandKits`, `GET /v3/brand-kits`).
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// for kit in client.brand_kits().list().collect().await? {
    ///     println!("{} {} {:?}", kit.brand_kit_id, kit.name, kit.colors);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list(&self) -> Paginator<BrandKit> {
        self.list_with(|request| request)
    }

    /// [`Self::list`] with the generated request builder configured (`limit` sets the page
    /// size) (`listBrandKits`).
    pub fn list_with<F>(&self, configure: F) -> Paginator<BrandKit>
    where
        F: for<'a> Fn(builder::ListBrandKits<'a>) -> builder::ListBrandKits<'a>
            + Send
            + Sync
            + 'static,
    {
        cursor_list(&self.client, move |raw, token| {
            configure(raw.list_brand_kits()).send_at(token)
        })
    }

    /// The workspace's brand glossaries (custom term translations); pass a
    /// `brand_glossary_id` to a video translation (`listBrandGlossaries`, `GET
    /// /v3/brand-glossaries`).
    pub fn list_glossaries(&self) -> Paginator<BrandGlossary> {
        self.list_glossaries_with(|request| request)
    }

    /// [`Self::list_glossaries`] with the generated request builder configured (`limit` sets
    /// the page size) (`listBrandGlossaries`).
    pub fn list_glossaries_with<F>(&self, configure: F) -> Paginator<BrandGlossary>
    where
        F: for<'a> Fn(builder::ListBrandGlossaries<'a>) -> builder::ListBrandGlossaries<'a>
            + Send
            + Sync
            + 'static,
    {
        cursor_list(&self.client, move |raw, token| {
            configure(raw.list_brand_glossaries()).send_at(token)
        })
    }
}
