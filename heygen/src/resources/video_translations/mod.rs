//! Video translations (their caption URLs are fields of the translation) and proofreads, with
//! their waits.

use futures::future::try_join_all;
use heygen_sys::types::{
    CreateProofreadRequest, CreateProofreadResponse, CreateVideoTranslationRequest,
    DownloadSrtResponse, GenerateVideoRequest, GenerateVideoResponse, ProofreadDetail,
    UpdateVideoTranslationRequest, UploadSrtRequest, VideoTranslationCreateResponse,
    VideoTranslationDeleteResponse, VideoTranslationDetail, VideoTranslationLanguagesResponse,
};

use super::{SendAt as _, builder, cursor_list, path_id};
use crate::wait::{WaitOptions, Waitable, naming_all, poll};
use crate::{Client, Error, Paginator, Result};

mod batches;
mod job;
mod many;

/// Video translations (`/v3/video-translations`), proofreads included:
/// `client.video_translations()`.
#[derive(Debug, Clone)]
pub struct VideoTranslations {
    pub(crate) client: Client,
}

impl VideoTranslations {
    /// Translate a video (`createVideoTranslationV3`): one translation per output language.
    /// Takes the builder of [`CreateVideoTranslationRequest`] or the type.
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// use heygen_sdk::AssetReferenceExt;
    /// use heygen_sdk::types::{AssetReference, CreateVideoTranslationRequest};
    /// let created = client
    ///     .video_translations()
    ///     .create(
    ///         CreateVideoTranslationRequest::builder()
    ///             .video(AssetReference::url("https://example.com/talk.mp4"))
    ///             .output_languages(vec!["French".to_string()]),
    ///     )
    ///     .await?;
    /// println!("{:?}", created.video_translation_ids);
    /// # Ok(()) }
    /// ```
    pub async fn create<R>(&self, request: R) -> Result<VideoTranslationCreateResponse>
    where
        R: TryInto<CreateVideoTranslationRequest>,
        R::Error: Into<Error>,
    {
        let body = request.try_into().map_err(Into::into)?;
        let raw = self.client.raw();
        let request = raw.create_video_translation_v3().body(body);
        self.client.data(request.send(), |e| e.data).await
    }

    /// A translation's details and status (`getVideoTranslationV3`).
    pub async fn get(&self, video_translation_id: &str) -> Result<VideoTranslationDetail> {
        path_id("video_translation_id", video_translation_id)?;
        let raw = self.client.raw();
        let request = raw
            .get_video_translation_v3()
            .video_translation_id(video_translation_id);
        self.client.data(request.send(), |e| e.data).await
    }

    /// Update a translation (`updateVideoTranslationV3`); takes the builder of
    /// [`UpdateVideoTranslationRequest`] or the type.
    pub async fn update<R>(
        &self,
        video_translation_id: &str,
        request: R,
    ) -> Result<VideoTranslationDetail>
    where
        R: TryInto<UpdateVideoTranslationRequest>,
        R::Error: Into<Error>,
    {
        path_id("video_translation_id", video_translation_id)?;
        let body = request.try_into().map_err(Into::into)?;
        let raw = self.client.raw();
        let request = raw
            .update_video_translation_v3()
            .video_translation_id(video_translation_id)
            .body(body);
        self.client.data(request.send(), |e| e.data).await
    }

    /// Delete a translation (`deleteVideoTranslationV3`).
    pub async fn delete(
        &self,
        video_translation_id: &str,
    ) -> Result<VideoTranslationDeleteResponse> {
        path_id("video_translation_id", video_translation_id)?;
        let raw = self.client.raw();
        let request = raw
            .delete_video_translation_v3()
            .video_translation_id(video_translation_id);
        self.client.data(request.send(), |e| e.data).await
    }

    /// Target languages (`listVideoTranslationLanguagesV3`).
    pub async fn languages(&self) -> Result<VideoTranslationLanguagesResponse> {
        let raw = self.client.raw();
        let request = raw.list_video_translation_languages_v3();
        self.client.data(request.send(), |e| e.data).await
    }

    /// Every translation (`listVideoTranslationsV3`).
    pub fn list(&self) -> Paginator<VideoTranslationDetail> {
        self.list_with(|request| request)
    }

    /// [`Self::list`] with the generated request builder configured (`limit` sets the page
    /// size) (`listVideoTranslationsV3`).
    pub fn list_with<F>(&self, configure: F) -> Paginator<VideoTranslationDetail>
    where
        F: for<'a> Fn(builder::ListVideoTranslationsV3<'a>) -> builder::ListVideoTranslationsV3<'a>
            + Send
            + Sync
            + 'static,
    {
        cursor_list(&self.client, move |raw, token| {
            configure(raw.list_video_translations_v3()).send_at(token)
        })
    }

    /// Start a proofread (`createProofreadV3`): one per output language. Takes the builder of
    /// [`CreateProofreadRequest`] or the type.
    pub async fn create_proofread<R>(&self, request: R) -> Result<CreateProofreadResponse>
    where
        R: TryInto<CreateProofreadRequest>,
        R::Error: Into<Error>,
    {
        let body = request.try_into().map_err(Into::into)?;
        let raw = self.client.raw();
        let request = raw.create_proofread_v3().body(body);
        self.client.data(request.send(), |e| e.data).await
    }

    /// A proofread's details and status (`getProofreadV3`).
    pub async fn get_proofread(&self, proofread_id: &str) -> Result<ProofreadDetail> {
        path_id("proofread_id", proofread_id)?;
        let raw = self.client.raw();
        let request = raw.get_proofread_v3().proofread_id(proofread_id);
        self.client.data(request.send(), |e| e.data).await
    }

    /// The proofread's SRT (`downloadProofreadSrtV3`).
    pub async fn download_proofread_srt(&self, proofread_id: &str) -> Result<DownloadSrtResponse> {
        path_id("proofread_id", proofread_id)?;
        let raw = self.client.raw();
        let request = raw.download_proofread_srt_v3().proofread_id(proofread_id);
        self.client.data(request.send(), |e| e.data).await
    }

    /// Replace the proofread's SRT (`uploadProofreadSrtV3`); takes the builder of
    /// [`UploadSrtRequest`] or the type.
    pub async fn upload_proofread_srt<R>(
        &self,
        proofread_id: &str,
        request: R,
    ) -> Result<ProofreadDetail>
    where
        R: TryInto<UploadSrtRequest>,
        R::Error: Into<Error>,
    {
        path_id("proofread_id", proofread_id)?;
        let body = request.try_into().map_err(Into::into)?;
        let raw = self.client.raw();
        let request = raw
            .upload_proofread_srt_v3()
            .proofread_id(proofread_id)
            .body(body);
        self.client.data(request.send(), |e| e.data).await
    }

    /// Render the translated video from a proofread (`generateFromProofreadV3`); takes the
    /// builder of [`GenerateVideoRequest`] or the type.
    pub async fn generate_from_proofread<R>(
        &self,
        proofread_id: &str,
        request: R,
    ) -> Result<GenerateVideoResponse>
    where
        R: TryInto<GenerateVideoRequest>,
        R::Error: Into<Error>,
    {
        path_id("proofread_id", proofread_id)?;
        let body = request.try_into().map_err(Into::into)?;
        let raw = self.client.raw();
        let request = raw
            .generate_from_proofread_v3()
            .proofread_id(proofread_id)
            .body(body);
        self.client.data(request.send(), |e| e.data).await
    }

    /// Wait, with the default [`WaitOptions`], for a translation to finish
    /// (`getVideoTranslationV3` polled); see [`crate::wait`].
    pub async fn wait(&self, video_translation_id: &str) -> Result<VideoTranslationDetail> {
        self.wait_with(video_translation_id, &WaitOptions::default())
            .await
    }

    /// [`Self::wait`] with the given [`WaitOptions`].
    pub async fn wait_with(
        &self,
        video_translation_id: &str,
        options: &WaitOptions,
    ) -> Result<VideoTranslationDetail> {
        poll(video_translation_id, options, || {
            self.get(video_translation_id)
        })
        .await
    }

    /// Create translations (one per output language), then wait for all of them with the
    /// default [`WaitOptions`]; the first failure ends the wait with [`Error::Wait`] naming
    /// every translation created.
    pub async fn create_and_wait<R>(&self, request: R) -> Result<Vec<VideoTranslationDetail>>
    where
        R: TryInto<CreateVideoTranslationRequest>,
        R::Error: Into<Error>,
    {
        self.create_and_wait_with(request, &WaitOptions::default())
            .await
    }

    /// [`Self::create_and_wait`] with the given [`WaitOptions`] (one deadline per translation,
    /// all waited on at once).
    pub async fn create_and_wait_with<R>(
        &self,
        request: R,
        options: &WaitOptions,
    ) -> Result<Vec<VideoTranslationDetail>>
    where
        R: TryInto<CreateVideoTranslationRequest>,
        R::Error: Into<Error>,
    {
        let ids = self.create(request).await?.video_translation_ids;
        wait_all(&ids, |id| self.wait_with(id, options)).await
    }

    /// Wait, with the default [`WaitOptions`], for a proofread to finish (`getProofreadV3`
    /// polled).
    pub async fn wait_proofread(&self, proofread_id: &str) -> Result<ProofreadDetail> {
        self.wait_proofread_with(proofread_id, &WaitOptions::default())
            .await
    }

    /// [`Self::wait_proofread`] with the given [`WaitOptions`].
    pub async fn wait_proofread_with(
        &self,
        proofread_id: &str,
        options: &WaitOptions,
    ) -> Result<ProofreadDetail> {
        poll(proofread_id, options, || self.get_proofread(proofread_id)).await
    }

    /// Create proofreads, then wait for all of them with the default [`WaitOptions`]; the
    /// first failure ends the wait with [`Error::Wait`] naming every proofread created.
    pub async fn create_proofread_and_wait<R>(&self, request: R) -> Result<Vec<ProofreadDetail>>
    where
        R: TryInto<CreateProofreadRequest>,
        R::Error: Into<Error>,
    {
        self.create_proofread_and_wait_with(request, &WaitOptions::default())
            .await
    }

    /// [`Self::create_proofread_and_wait`] with the given [`WaitOptions`].
    pub async fn create_proofread_and_wait_with<R>(
        &self,
        request: R,
        options: &WaitOptions,
    ) -> Result<Vec<ProofreadDetail>>
    where
        R: TryInto<CreateProofreadRequest>,
        R::Error: Into<Error>,
    {
        let ids = self.create_proofread(request).await?.proofread_ids;
        wait_all(&ids, |id| self.wait_proofread_with(id, options)).await
    }
}

/// Waits on every job of `ids` at once with `wait`; the first failure ends the wait with
/// [`Error::Wait`] naming them all.
async fn wait_all<'a, T, F, Fut>(ids: &'a [String], wait: F) -> Result<Vec<T>>
where
    T: Waitable,
    F: Fn(&'a str) -> Fut,
    Fut: Future<Output = Result<T>>,
{
    try_join_all(ids.iter().map(|id| wait(id)))
        .await
        .map_err(|error| naming_all(T::KIND, ids, error))
}
