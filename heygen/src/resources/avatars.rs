//! Avatars: groups, looks, creation (digital twins, photo and prompt avatars) and consent; with
//! the waits for a group or a look to be ready.

use chrono::{DateTime, Utc};
use heygen_sys::types::{
    AvatarError, AvatarGroupItem, AvatarLookItem, AvatarStatus, CreateAvatarConsentRequest,
    CreateAvatarConsentResponse, CreateAvatarRequestBody, CreateAvatarResponse,
    UpdateAvatarLookRequest, VideoTranslationDeleteResponse,
};

use super::{SendAt as _, builder, cursor_list, path_id};
use crate::time::{Timestamps, instant};
use crate::wait::{JobState, WaitOptions, Waitable, poll};
use crate::{Client, Error, Paginator, Result};

/// Avatars (`/v3/avatars`): `client.avatars()`.
#[derive(Debug, Clone)]
pub struct Avatars {
    pub(crate) client: Client,
}

impl Avatars {
    /// Create an avatar from a video, a photo or a prompt (`createAvatar`). Takes a member's
    /// builder ([`CreateVideoAvatarRequest`](crate::types::CreateVideoAvatarRequest),
    /// [`CreatePhotoAvatarRequest`](crate::types::CreatePhotoAvatarRequest),
    /// [`CreatePromptAvatarRequest`](crate::types::CreatePromptAvatarRequest)), a member, or
    /// the [`CreateAvatarRequestBody`] union.
    pub async fn create<R>(&self, request: R) -> Result<CreateAvatarResponse>
    where
        R: TryInto<CreateAvatarRequestBody>,
        R::Error: Into<Error>,
    {
        let body = request.try_into().map_err(Into::into)?;
        let raw = self.client.raw();
        self.client
            .data(raw.create_avatar().body(body).send(), |e| e.data)
            .await
    }

    /// One avatar group (`getAvatarGroup`).
    pub async fn get(&self, group_id: &str) -> Result<AvatarGroupItem> {
        path_id("group_id", group_id)?;
        let raw = self.client.raw();
        let request = raw.get_avatar_group().group_id(group_id);
        self.client.data(request.send(), |e| e.data).await
    }

    /// Ask the avatar's subject for consent (`createAvatarConsent`); takes the builder of
    /// [`CreateAvatarConsentRequest`] or the type.
    pub async fn create_consent<R>(
        &self,
        group_id: &str,
        request: R,
    ) -> Result<CreateAvatarConsentResponse>
    where
        R: TryInto<CreateAvatarConsentRequest>,
        R::Error: Into<Error>,
    {
        path_id("group_id", group_id)?;
        let body = request.try_into().map_err(Into::into)?;
        let raw = self.client.raw();
        let request = raw.create_avatar_consent().group_id(group_id).body(body);
        self.client.data(request.send(), |e| e.data).await
    }

    /// One look (`getAvatarLook`).
    pub async fn get_look(&self, look_id: &str) -> Result<AvatarLookItem> {
        path_id("look_id", look_id)?;
        let raw = self.client.raw();
        let request = raw.get_avatar_look().look_id(look_id);
        self.client.data(request.send(), |e| e.data).await
    }

    /// Rename or otherwise update a look (`updateAvatarLook`); takes the builder of
    /// [`UpdateAvatarLookRequest`] or the type.
    pub async fn update_look<R>(&self, look_id: &str, request: R) -> Result<AvatarLookItem>
    where
        R: TryInto<UpdateAvatarLookRequest>,
        R::Error: Into<Error>,
    {
        path_id("look_id", look_id)?;
        let body = request.try_into().map_err(Into::into)?;
        let raw = self.client.raw();
        let request = raw.update_avatar_look().look_id(look_id).body(body);
        self.client.data(request.send(), |e| e.data).await
    }

    /// Avatar groups, public and private (`listAvatarGroups`).
    pub fn list(&self) -> Paginator<AvatarGroupItem> {
        self.list_with(|request| request)
    }

    /// [`Self::list`] with the generated request builder configured (filters; `limit` sets the
    /// page size) (`listAvatarGroups`).
    pub fn list_with<F>(&self, configure: F) -> Paginator<AvatarGroupItem>
    where
        F: for<'a> Fn(builder::ListAvatarGroups<'a>) -> builder::ListAvatarGroups<'a>
            + Send
            + Sync
            + 'static,
    {
        cursor_list(&self.client, move |raw, token| {
            configure(raw.list_avatar_groups()).send_at(token)
        })
    }

    /// Looks, optionally of one group (`listAvatarLooks`).
    pub fn list_looks(&self) -> Paginator<AvatarLookItem> {
        self.list_looks_with(|request| request)
    }

    /// [`Self::list_looks`] with the generated request builder configured (`group_id` and other
    /// filters; `limit` sets the page size) (`listAvatarLooks`).
    pub fn list_looks_with<F>(&self, configure: F) -> Paginator<AvatarLookItem>
    where
        F: for<'a> Fn(builder::ListAvatarLooks<'a>) -> builder::ListAvatarLooks<'a>
            + Send
            + Sync
            + 'static,
    {
        cursor_list(&self.client, move |raw, token| {
            configure(raw.list_avatar_looks()).send_at(token)
        })
    }

    /// Wait, with the default [`WaitOptions`], for an avatar group to be ready
    /// (`getAvatarGroup` polled); `pending_consent` ends the wait with
    /// [`Error::ConsentRequired`].
    pub async fn wait(&self, group_id: &str) -> Result<AvatarGroupItem> {
        self.wait_with(group_id, &WaitOptions::default()).await
    }

    /// [`Self::wait`] with the given [`WaitOptions`].
    pub async fn wait_with(
        &self,
        group_id: &str,
        options: &WaitOptions,
    ) -> Result<AvatarGroupItem> {
        poll(group_id, options, || self.get(group_id)).await
    }

    /// Wait, with the default [`WaitOptions`], for a look to be ready (`getAvatarLook`
    /// polled); `pending_consent` ends the wait with [`Error::ConsentRequired`].
    pub async fn wait_look(&self, look_id: &str) -> Result<AvatarLookItem> {
        self.wait_look_with(look_id, &WaitOptions::default()).await
    }

    /// [`Self::wait_look`] with the given [`WaitOptions`].
    pub async fn wait_look_with(
        &self,
        look_id: &str,
        options: &WaitOptions,
    ) -> Result<AvatarLookItem> {
        poll(look_id, options, || self.get_look(look_id)).await
    }
}

/// Deleting avatars.
impl Avatars {
    /// Delete an avatar group and all its looks, for good (`deleteAvatarGroup`, `DELETE
    /// /v3/avatars/{group_id}`). Public groups cannot be deleted.
    pub async fn delete(&self, group_id: &str) -> crate::Result<VideoTranslationDeleteResponse> {
        crate::call::path_id("group_id", group_id)?;
        let raw = self.client.raw();
        let request = raw.delete_avatar_group().group_id(group_id);
        self.client.data(request.send(), |e| e.data).await
    }

    /// Delete a look (`deleteAvatarLook`, `DELETE /v3/avatars/looks/{look_id}`): photo
    /// avatars, digital twins and kit-based looks; not studio avatars. Deleting a group's last
    /// look deletes the group too.
    pub async fn delete_look(
        &self,
        look_id: &str,
    ) -> crate::Result<VideoTranslationDeleteResponse> {
        crate::call::path_id("look_id", look_id)?;
        let raw = self.client.raw();
        let request = raw.delete_avatar_look().look_id(look_id);
        self.client.data(request.send(), |e| e.data).await
    }
}

/// An avatar without a status is a ready (stock) avatar.
fn avatar_state(status: Option<&AvatarStatus>, error: Option<&AvatarError>) -> JobState {
    match status {
        None | Some(AvatarStatus::Completed) => JobState::Completed,
        Some(AvatarStatus::PendingConsent) => JobState::ConsentRequired,
        Some(AvatarStatus::Failed) => {
            JobState::failed(error.map(|e| &e.code), error.map(|e| &e.message))
        }
        Some(_) => JobState::Running,
    }
}

impl Waitable for AvatarGroupItem {
    const KIND: &'static str = "avatar_group";

    fn status(&self) -> &str {
        self.status
            .as_ref()
            .map_or("completed", AvatarStatus::as_str)
    }

    fn recognized(&self) -> bool {
        !self.status.as_ref().is_some_and(AvatarStatus::is_unknown)
    }

    fn state(&self) -> JobState {
        avatar_state(self.status.as_ref(), self.error.as_ref())
    }
}

impl Waitable for AvatarLookItem {
    const KIND: &'static str = "avatar_look";

    fn status(&self) -> &str {
        self.status
            .as_ref()
            .map_or("completed", AvatarStatus::as_str)
    }

    fn recognized(&self) -> bool {
        !self.status.as_ref().is_some_and(AvatarStatus::is_unknown)
    }

    fn state(&self) -> JobState {
        avatar_state(self.status.as_ref(), self.error.as_ref())
    }
}

impl Timestamps for AvatarGroupItem {
    fn created(&self) -> Option<DateTime<Utc>> {
        instant(self.created_at)
    }
}
