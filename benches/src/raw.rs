//! The baseline: the same calls hand-written with reqwest and serde into the same generated
//! types, as a careful user would write them without the SDK (auth and user-agent headers,
//! status check, `serde_json::from_slice`), with no retries, tracing or per-call options.

use heygen_sdk::types::{
    CreateAvatarVideoResponse, CreateAvatarVideoResponseEnvelope, CreateVideoV3RequestBody,
    VideoDetail, VideoDetailEnvelope, VideoDetailPage,
};
use reqwest::header::{ACCEPT, HeaderValue, USER_AGENT};

/// Any failure of a baseline call.
pub type RawError = Box<dyn std::error::Error + Send + Sync>;

/// The hand-written client.
#[derive(Clone)]
pub struct Raw {
    http: reqwest::Client,
    base_url: String,
    api_key: HeaderValue,
    user_agent: HeaderValue,
    accept: HeaderValue,
}

impl Raw {
    /// A baseline client on `http`, sending the headers `heygen` sends.
    pub fn new(base_url: &str, http: reqwest::Client) -> Self {
        Self {
            http,
            base_url: base_url.trim_end_matches('/').to_string(),
            api_key: HeaderValue::from_static(crate::API_KEY),
            user_agent: HeaderValue::from_static("heygen-rs/0.1.0"),
            accept: HeaderValue::from_static("application/json"),
        }
    }

    async fn send<T: serde::de::DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<T, RawError> {
        let response = request
            .header("x-api-key", self.api_key.clone())
            .header(USER_AGENT, self.user_agent.clone())
            .header(ACCEPT, self.accept.clone())
            .send()
            .await?
            .error_for_status()?;
        let bytes = response.bytes().await?;
        Ok(serde_json::from_slice(&bytes)?)
    }

    /// `GET /v3/videos/{video_id}`.
    pub async fn get_video(&self, video_id: &str) -> Result<VideoDetail, RawError> {
        let url = format!("{}/v3/videos/{video_id}", self.base_url);
        let envelope: VideoDetailEnvelope = self.send(self.http.get(url)).await?;
        envelope.data.ok_or_else(|| "no data".into())
    }

    /// `POST /v3/videos`.
    pub async fn create_video(
        &self,
        body: &CreateVideoV3RequestBody,
    ) -> Result<CreateAvatarVideoResponse, RawError> {
        let url = format!("{}/v3/videos", self.base_url);
        let envelope: CreateAvatarVideoResponseEnvelope =
            self.send(self.http.post(url).json(body)).await?;
        envelope.data.ok_or_else(|| "no data".into())
    }

    /// One page of `GET /v3/videos`.
    pub async fn list_videos(
        &self,
        limit: u32,
        token: Option<&str>,
    ) -> Result<VideoDetailPage, RawError> {
        let url = format!("{}/v3/videos", self.base_url);
        let mut request = self.http.get(url).query(&[("limit", limit)]);
        if let Some(token) = token {
            request = request.query(&[("token", token)]);
        }
        self.send(request).await
    }

    /// Every item of the listing, by a cursor loop; calls `each` on each and returns the count.
    pub async fn for_each_video(
        &self,
        limit: u32,
        mut each: impl FnMut(VideoDetail),
    ) -> Result<usize, RawError> {
        let (mut token, mut count) = (None::<String>, 0);
        loop {
            let page = self.list_videos(limit, token.as_deref()).await?;
            count += page.data.len();
            page.data.into_iter().for_each(&mut each);
            match page.next_token {
                Some(next) if page.has_more == Some(true) => token = Some(next),
                _ => return Ok(count),
            }
        }
    }
}
