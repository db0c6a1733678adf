//! Templates: videos designed in HeyGen's editor with variables (text, image, video, audio,
//! character, voice), listed and read here and rendered with the variables replaced. The
//! rendered video is an ordinary video (`/v3/videos/{video_id}`), so its wait is the videos'.

use heygen_sys::types::{
    GenerateTemplateVideoRequest, GeneratedVideo, Template, TemplateSummary, VideoDetail,
};

use super::{SendAt as _, builder, cursor_list};
use crate::wait::{WaitOptions, poll};
use crate::{Client, Error, Paginator, Result};

/// Templates (`/v3/templates`): `client.templates()`.
#[derive(Debug, Clone)]
pub struct Templates {
    pub(crate) client: Client,
}

impl Templates {
    /// The workspace's API-ready templates (those with variables) (`listTemplates`, `GET
    /// /v3/templates`).
    pub fn list(&self) -> Paginator<TemplateSummary> {
        self.list_with(|request| request)
    }

    /// [`Self::list`] with the generated request builder configured (`limit` sets the page
    /// size) (`listTemplates`).
    pub fn list_with<F>(&self, configure: F) -> Paginator<TemplateSummary>
    where
        F: for<'a> Fn(builder::ListTemplates<'a>) -> builder::ListTemplates<'a>
            + Send
            + Sync
            + 'static,
    {
        cursor_list(&self.client, move |raw, token| {
            configure(raw.list_templates()).send_at(token)
        })
    }

    /// A template with its variables (current default values, in the shape
    /// [`Self::generate`] takes them) and its scenes (`getTemplate`, `GET
    /// /v3/templates/{template_id}`).
    pub async fn get(&self, template_id: &str) -> Result<Template> {
        crate::call::path_id("template_id", template_id)?;
        let raw = self.client.raw();
        let request = raw.get_template().template_id(template_id);
        self.client.data(request.send(), |e| e.data).await
    }

    /// Render a video from a template, its variables replaced (`generateTemplateVideo`, `POST
    /// /v3/templates/{template_id}`); takes the builder of [`GenerateTemplateVideoRequest`] or
    /// the type. Answers at once with the new video (`pending`); wait for it with
    /// [`Self::generate_and_wait`] or `client.videos()`' wait.
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// use heygen_sdk::types::GenerateTemplateVideoRequest;
    /// let mut variables = serde_json::Map::new();
    /// variables.insert(
    ///     "headline".into(),
    ///     serde_json::json!({"name": "headline", "type": "text", "properties": {"content": "Hello, Ada"}}),
    /// );
    /// let request = GenerateTemplateVideoRequest::builder()
    ///     .variables(variables)
    ///     .title("Welcome, Ada");
    /// let video = client.templates().generate("template_id", request).await?;
    /// println!("video {} is {}", video.id, video.status);
    /// # Ok(()) }
    /// ```
    pub async fn generate<R>(&self, template_id: &str, request: R) -> Result<GeneratedVideo>
    where
        R: TryInto<GenerateTemplateVideoRequest>,
        R::Error: Into<Error>,
    {
        crate::call::path_id("template_id", template_id)?;
        let body = request.try_into().map_err(Into::into)?;
        let raw = self.client.raw();
        let request = raw
            .generate_template_video()
            .template_id(template_id)
            .body(body);
        self.client.data(request.send(), |e| e.data).await
    }

    /// Render a video from a template ([`Self::generate`]), then wait for it with the default
    /// [`WaitOptions`] (`getVideoV3` polled); every error after the generate names the video.
    pub async fn generate_and_wait<R>(&self, template_id: &str, request: R) -> Result<VideoDetail>
    where
        R: TryInto<GenerateTemplateVideoRequest>,
        R::Error: Into<Error>,
    {
        self.generate_and_wait_with(template_id, request, &WaitOptions::default())
            .await
    }

    /// [`Self::generate_and_wait`] with the given [`WaitOptions`].
    pub async fn generate_and_wait_with<R>(
        &self,
        template_id: &str,
        request: R,
        options: &WaitOptions,
    ) -> Result<VideoDetail>
    where
        R: TryInto<GenerateTemplateVideoRequest>,
        R::Error: Into<Error>,
    {
        let video_id = self.generate(template_id, request).await?.id;
        let videos = self.client.videos();
        poll(&video_id, options, || videos.get(&video_id)).await
    }
}
