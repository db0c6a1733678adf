//! Videos: `POST /v3/videos` (from an avatar or an image), get, list, delete.

use heygen_sys::types::{
    CreateAvatarVideoResponse, CreateVideoV3RequestBody, DeleteVideoResponse, VideoDetail,
};

use super::{data_op, list_op, resource};

resource!(
    /// Videos (`/v3/videos`).
    Videos, videos
);

impl Videos {
    /// Create a video (`createVideo`); answers at once with the id and `waiting`.
    ///
    /// ```no_run
    /// # async fn run(client: heygen::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use heygen::types::{CreateVideoFromAvatar, CreateVideoV3RequestBody};
    /// let request = CreateVideoFromAvatar::builder()
    ///     .avatar_id("Angela-inblackskirt-20220820")
    ///     .voice_id("1bd001e7e50f421d891986aad5158bc8")
    ///     .script("Hello!");
    /// let video = client.videos().create(CreateVideoV3RequestBody::try_from(request)?).await?;
    /// println!("{}", video.video_id);
    /// # Ok(()) }
    /// ```
    pub async fn create(
        &self,
        request: impl Into<CreateVideoV3RequestBody>,
    ) -> crate::Result<CreateAvatarVideoResponse> {
        let raw = self.client.raw();
        self.client
            .data(raw.create_video().body(request.into()).send(), |e| e.data)
            .await
    }

    data_op!(
        /// A video's details and status (`getVideoV3`).
        get(video_id: &str) -> VideoDetail, |raw| raw.get_video_v3().video_id(video_id)
    );

    data_op!(
        /// Delete a video (`deleteVideoV3`).
        delete(video_id: &str) -> DeleteVideoResponse, |raw| raw.delete_video_v3().video_id(video_id)
    );

    list_op!(
        /// Every video of the account, newest first (`listVideosV3`).
        list, list_with, ListVideosV3, list_videos_v3 -> VideoDetail
    );

    list_op!(
        /// The v2 listing (`listVideos`, `GET /v2/videos`), for accounts still on v2 ids.
        list_v2, list_v2_with, ListVideos, list_videos -> VideoDetail
    );
}
