//! The account's assets: list, get, delete, bulk statuses, and the search of images and icons
//! (`/v3/assets`, `/v3/assets/{asset_id}`, `/v3/assets/statuses`, `/v3/assets/search`).

use heygen_sys::types::{
    Asset, AssetSearchResult, SearchAssetsType, StatusEntry, VideoTranslationDeleteResponse,
};

use super::handle::Assets;
use crate::error::{Error, Result};
use crate::resources::{SendAt as _, builder, cursor_list, refused};

/// The most ids `listAssetStatuses` takes in one request.
pub const MAX_STATUS_IDS: usize = 100;

impl Assets {
    /// The assets `username` owns, newest first (`listAssets`, `GET /v3/assets`). While the
    /// endpoint is in beta HeyGen requires the owner's username: the `owner` of the asset
    /// items, the `username` of [`Users::me`](crate::resources::users::Users::me).
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// let me = client.users().me().await?;
    /// for asset in client.assets().list(&me.username).max_items(20).collect().await? {
    ///     println!("{} {} {}", asset.id, asset.type_, asset.name);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list(&self, username: &str) -> crate::Paginator<Asset> {
        self.list_with(username, |request| request)
    }

    /// [`Self::list`] with the generated request builder configured (`folder_id`; `limit`
    /// sets the page size).
    pub fn list_with<F>(&self, username: &str, configure: F) -> crate::Paginator<Asset>
    where
        F: for<'a> Fn(builder::ListAssets<'a>) -> builder::ListAssets<'a> + Send + Sync + 'static,
    {
        if username.trim().is_empty() {
            return refused("username", "the owner's username is empty");
        }
        let username = username.to_string();
        cursor_list(&self.client, move |raw, token| {
            let request = configure(raw.list_assets().username(username.as_str()));
            request.send_at(token)
        })
    }

    /// An asset: name, type, owner, upload time and URL (`getAsset`, `GET
    /// /v3/assets/{asset_id}`).
    pub async fn get(&self, asset_id: &str) -> Result<Asset> {
        crate::call::path_id("asset_id", asset_id)?;
        let raw = self.client.raw();
        let request = raw.get_asset().asset_id(asset_id);
        self.client.data(request.send(), |e| e.data).await
    }

    /// Delete an asset for good (`deleteAsset`, `DELETE /v3/assets/{asset_id}`); the answer
    /// names it. (The generated type is shared with the video-translation delete, which has
    /// the same shape.)
    pub async fn delete(&self, asset_id: &str) -> Result<VideoTranslationDeleteResponse> {
        crate::call::path_id("asset_id", asset_id)?;
        let raw = self.client.raw();
        let request = raw.delete_asset().asset_id(asset_id);
        self.client.data(request.send(), |e| e.data).await
    }

    /// The statuses of these assets (`listAssetStatuses`, `GET /v3/assets/statuses`), in the
    /// order the API gives them: `queued`, `processing`, `completed` or `failed`, and
    /// `not_found` for unknown ids; each entry's id is in its `video_id` (the API shares the
    /// shape with videos). More than [`MAX_STATUS_IDS`] ids are asked for in several requests.
    /// An empty id, or one with a comma, is refused before any request.
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// for entry in client.assets().statuses(["asset_1", "asset_2"]).await? {
    ///     println!("{:?}: {}", entry.video_id, entry.status);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn statuses<I, S>(&self, asset_ids: I) -> Result<Vec<StatusEntry>>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.statuses_by("asset_ids", asset_ids).await
    }

    /// The statuses of the assets of these upload batches (`listAssetStatuses` with
    /// `batch_ids`); entries carry their `batch_id`. As [`Self::statuses`].
    pub async fn batch_statuses<I, S>(&self, batch_ids: I) -> Result<Vec<StatusEntry>>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.statuses_by("batch_ids", batch_ids).await
    }

    async fn statuses_by<I, S>(&self, param: &'static str, ids: I) -> Result<Vec<StatusEntry>>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let ids: Vec<String> = ids.into_iter().map(|id| id.as_ref().to_string()).collect();
        if ids.is_empty() {
            return Err(Error::invalid(param, "no ids given"));
        }
        if let Some(bad) = ids
            .iter()
            .find(|id| id.trim().is_empty() || id.contains(','))
        {
            return Err(Error::invalid(
                param,
                format!("`{bad}` is not an id: ids are joined with commas"),
            ));
        }
        let mut entries = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(MAX_STATUS_IDS) {
            let joined = chunk.join(",");
            let raw = self.client.raw();
            let request = match param {
                "batch_ids" => raw.list_asset_statuses().batch_ids(joined),
                _ => raw.list_asset_statuses().asset_ids(joined),
            };
            entries.extend(self.client.run(request.send()).await?.into_inner().data);
        }
        Ok(entries)
    }

    /// Images or icons matching a description, best first (`searchAssets`, `GET
    /// /v3/assets/search`): the public catalog by default. An empty `query` is refused
    /// before any request.
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// use heygen_sdk::types::{AssetSearchResult, SearchAssetsType};
    /// let found = client.assets().search("rocket launch", SearchAssetsType::Image);
    /// for hit in found.max_items(5).collect().await? {
    ///     if let AssetSearchResult::Image(image) = hit {
    ///         println!("{} {:?}x{:?}", image.url, image.width, image.height);
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    pub fn search(
        &self,
        query: &str,
        type_: SearchAssetsType,
    ) -> crate::Paginator<AssetSearchResult> {
        self.search_with(query, type_, |request| request)
    }

    /// [`Self::search`] with the generated request builder configured (`scope`: `public` or
    /// `personal`; `limit` sets the page size).
    pub fn search_with<F>(
        &self,
        query: &str,
        type_: SearchAssetsType,
        configure: F,
    ) -> crate::Paginator<AssetSearchResult>
    where
        F: for<'a> Fn(builder::SearchAssets<'a>) -> builder::SearchAssets<'a>
            + Send
            + Sync
            + 'static,
    {
        if query.trim().is_empty() {
            return refused("query", "the search query is empty");
        }
        let query = query.to_string();
        cursor_list(&self.client, move |raw, token| {
            let request = raw
                .search_assets()
                .query(query.as_str())
                .type_(type_.clone());
            configure(request).send_at(token)
        })
    }
}
