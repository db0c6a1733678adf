//! Avatars: groups, looks, creation (digital twins, photo and prompt avatars) and consent.

use heygen_sys::types::{
    AvatarGroupItem, AvatarLookItem, CreateAvatarConsentRequest, CreateAvatarConsentResponse,
    CreateAvatarRequestBody, CreateAvatarResponse, UpdateAvatarLookRequest,
};

use super::{data_op, list_op, resource};

resource!(
    /// Avatars (`/v3/avatars`).
    Avatars, avatars
);

impl Avatars {
    data_op!(
        /// Create an avatar from a video, a photo or a prompt (`createAvatar`).
        create(request: CreateAvatarRequestBody) -> CreateAvatarResponse, |raw| raw.create_avatar().body(request)
    );

    data_op!(
        /// One avatar group (`getAvatarGroup`).
        get(group_id: &str) -> AvatarGroupItem, |raw| raw.get_avatar_group().group_id(group_id)
    );

    data_op!(
        /// Ask the avatar's subject for consent (`createAvatarConsent`).
        create_consent(group_id: &str, request: CreateAvatarConsentRequest) -> CreateAvatarConsentResponse,
            |raw| raw.create_avatar_consent().group_id(group_id).body(request)
    );

    data_op!(
        /// One look (`getAvatarLook`).
        get_look(look_id: &str) -> AvatarLookItem, |raw| raw.get_avatar_look().look_id(look_id)
    );

    data_op!(
        /// Rename or otherwise update a look (`updateAvatarLook`).
        update_look(look_id: &str, request: UpdateAvatarLookRequest) -> AvatarLookItem,
            |raw| raw.update_avatar_look().look_id(look_id).body(request)
    );

    list_op!(
        /// Avatar groups, public and private (`listAvatarGroups`).
        list, list_with, ListAvatarGroups, list_avatar_groups -> AvatarGroupItem
    );

    list_op!(
        /// Looks, optionally of one group (`listAvatarLooks`).
        list_looks, list_looks_with, ListAvatarLooks, list_avatar_looks -> AvatarLookItem
    );
}

use heygen_sys::types::VideoTranslationDeleteResponse;

/// Deleting avatars (July 2026).
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
