//! Lipsyncs (formerly "overdubs"): replace a video's audio and re-sync the lips; with their
//! waits.

use heygen_sys::types::{
    CreateLipsyncRequest, LipsyncCreateResponse, LipsyncDeleteResponse, LipsyncDetail,
    UpdateLipsyncRequest,
};

use super::{SendAt as _, builder, cursor_list, path_id};
use crate::wait::{WaitOptions, poll};
use crate::{Client, Error, Paginator, Result};

mod batches;
mod job;
mod many;

/// Lipsyncs (`/v3/lipsyncs`): `client.lipsyncs()`.
#[derive(Debug, Clone)]
pub struct Lipsyncs {
    pub(crate) client: Client,
}

impl Lipsyncs {
    /// Start a lipsync (`createLipsyncV3`); takes the builder of [`CreateLipsyncRequest`] or
    /// the type.
    pub async fn create<R>(&self, request: R) -> Result<LipsyncCreateResponse>
    where
        R: TryInto<CreateLipsyncRequest>,
        R::Error: Into<Error>,
    {
        let body = request.try_into().map_err(Into::into)?;
        let raw = self.client.raw();
        self.client
            .data(raw.create_lipsync_v3().body(body).send(), |e| e.data)
            .await
    }

    /// A lipsync's details and status (`getLipsyncV3`).
    pub async fn get(&self, lipsync_id: &str) -> Result<LipsyncDetail> {
        path_id("lipsync_id", lipsync_id)?;
        let raw = self.client.raw();
        let request = raw.get_lipsync_v3().lipsync_id(lipsync_id);
        self.client.data(request.send(), |e| e.data).await
    }

    /// Update a lipsync (`updateLipsyncV3`); takes the builder of [`UpdateLipsyncRequest`] or
    /// the type.
    pub async fn update<R>(&self, lipsync_id: &str, request: R) -> Result<LipsyncDetail>
    where
        R: TryInto<UpdateLipsyncRequest>,
        R::Error: Into<Error>,
    {
        path_id("lipsync_id", lipsync_id)?;
        let body = request.try_into().map_err(Into::into)?;
        let raw = self.client.raw();
        let request = raw.update_lipsync_v3().lipsync_id(lipsync_id).body(body);
        self.client.data(request.send(), |e| e.data).await
    }

    /// Delete a lipsync (`deleteLipsyncV3`).
    pub async fn delete(&self, lipsync_id: &str) -> Result<LipsyncDeleteResponse> {
        path_id("lipsync_id", lipsync_id)?;
        let raw = self.client.raw();
        let request = raw.delete_lipsync_v3().lipsync_id(lipsync_id);
        self.client.data(request.send(), |e| e.data).await
    }

    /// Every lipsync (`listLipsyncsV3`).
    pub fn list(&self) -> Paginator<LipsyncDetail> {
        self.list_with(|request| request)
    }

    /// [`Self::list`] with the generated request builder configured (`limit` sets the page
    /// size) (`listLipsyncsV3`).
    pub fn list_with<F>(&self, configure: F) -> Paginator<LipsyncDetail>
    where
        F: for<'a> Fn(builder::ListLipsyncsV3<'a>) -> builder::ListLipsyncsV3<'a>
            + Send
            + Sync
            + 'static,
    {
        cursor_list(&self.client, move |raw, token| {
            configure(raw.list_lipsyncs_v3()).send_at(token)
        })
    }

    /// Wait, with the default [`WaitOptions`], for a lipsync to finish (`getLipsyncV3`
    /// polled); see [`crate::wait`].
    pub async fn wait(&self, lipsync_id: &str) -> Result<LipsyncDetail> {
        self.wait_with(lipsync_id, &WaitOptions::default()).await
    }

    /// [`Self::wait`] with the given [`WaitOptions`].
    pub async fn wait_with(
        &self,
        lipsync_id: &str,
        options: &WaitOptions,
    ) -> Result<LipsyncDetail> {
        poll(lipsync_id, options, || self.get(lipsync_id)).await
    }

    /// Start a lipsync ([`Self::create`]), then wait for it with the default [`WaitOptions`];
    /// every error after the create names the new lipsync.
    pub async fn create_and_wait<R>(&self, request: R) -> Result<LipsyncDetail>
    where
        R: TryInto<CreateLipsyncRequest>,
        R::Error: Into<Error>,
    {
        self.create_and_wait_with(request, &WaitOptions::default())
            .await
    }

    /// [`Self::create_and_wait`] with the given [`WaitOptions`].
    pub async fn create_and_wait_with<R>(
        &self,
        request: R,
        options: &WaitOptions,
    ) -> Result<LipsyncDetail>
    where
        R: TryInto<CreateLipsyncRequest>,
        R::Error: Into<Error>,
    {
        let created = self.create(request).await?;
        self.wait_with(&created.lipsync_id, options).await
    }
}
