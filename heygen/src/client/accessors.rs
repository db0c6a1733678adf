//! Every accessor of [`Client`]: one method per resource handle (`client.videos()`, …), and
//! the waits that have no resource handle of their own.

use heygen_sys::types::WorkflowExecutionDetailResponse;

use crate::Client;
use crate::error::Result;
#[allow(deprecated)]
use crate::migrate::overdubs::Overdubs;
use crate::resources::ai_clipping::AiClippings;
use crate::resources::assets::Assets;
use crate::resources::audio::Audio;
use crate::resources::avatars::Avatars;
use crate::resources::background_removals::BackgroundRemovals;
use crate::resources::brand_kits::BrandKits;
use crate::resources::lipsyncs::Lipsyncs;
use crate::resources::templates::Templates;
use crate::resources::users::Users;
use crate::resources::video_agents::VideoAgents;
use crate::resources::video_translations::VideoTranslations;
use crate::resources::videos::Videos;
use crate::resources::voices::Voices;
use crate::resources::webhook_endpoints::Webhooks;
use crate::resources::workflows;
use crate::wait::WaitOptions;

impl Client {
    /// The [`AiClippings`] resource.
    pub fn ai_clippings(&self) -> AiClippings {
        AiClippings {
            client: self.clone(),
        }
    }

    /// The [`Assets`] resource.
    pub fn assets(&self) -> Assets {
        Assets {
            client: self.clone(),
        }
    }

    /// The [`Audio`] resource.
    pub fn audio(&self) -> Audio {
        Audio {
            client: self.clone(),
        }
    }

    /// The [`Avatars`] resource.
    pub fn avatars(&self) -> Avatars {
        Avatars {
            client: self.clone(),
        }
    }

    /// The [`BackgroundRemovals`] resource.
    pub fn background_removals(&self) -> BackgroundRemovals {
        BackgroundRemovals {
            client: self.clone(),
        }
    }

    /// The [`BrandKits`] resource.
    pub fn brand_kits(&self) -> BrandKits {
        BrandKits {
            client: self.clone(),
        }
    }

    /// The [`Lipsyncs`] resource.
    pub fn lipsyncs(&self) -> Lipsyncs {
        Lipsyncs {
            client: self.clone(),
        }
    }

    /// The [`Templates`] resource.
    pub fn templates(&self) -> Templates {
        Templates {
            client: self.clone(),
        }
    }

    /// The [`Users`] resource.
    pub fn users(&self) -> Users {
        Users {
            client: self.clone(),
        }
    }

    /// The [`VideoAgents`] resource.
    pub fn video_agents(&self) -> VideoAgents {
        VideoAgents {
            client: self.clone(),
        }
    }

    /// The [`VideoTranslations`] resource.
    pub fn video_translations(&self) -> VideoTranslations {
        VideoTranslations {
            client: self.clone(),
        }
    }

    /// The [`Videos`] resource.
    pub fn videos(&self) -> Videos {
        Videos {
            client: self.clone(),
        }
    }

    /// The [`Voices`] resource.
    pub fn voices(&self) -> Voices {
        Voices {
            client: self.clone(),
        }
    }

    /// The [`Webhooks`] resource.
    pub fn webhooks(&self) -> Webhooks {
        Webhooks {
            client: self.clone(),
        }
    }

    /// Wait for a v1 workflow execution (`GET /v1/workflows/executions/{id}` polled); a
    /// `not_found` status is [`Error::JobFailed`](crate::Error::JobFailed) with code `not_found`.
    /// Workflow executions have no resource handle: their other operations are reached through
    /// [`Client::raw`].
    pub async fn wait_for_workflow_execution(
        &self,
        execution_id: &str,
        options: &WaitOptions,
    ) -> Result<WorkflowExecutionDetailResponse> {
        workflows::wait_for_execution(self, execution_id, options).await
    }

    /// The old overdub resource: [`lipsyncs`](Self::lipsyncs) under its former name.
    ///
    /// ```no_run
    /// # #![allow(deprecated)]
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// let stored = r#"{"video": {"type": "url", "url": "https://example.com/in.mp4"},
    ///                  "audio": {"type": "asset_id", "asset_id": "a1"}}"#;
    /// let created = client.overdubs().create(serde_json::from_str(stored).unwrap()).await?;
    /// let overdub = client.overdubs().get(&created.lipsync_id).await?;
    /// println!("{:?}", overdub.status);
    /// # Ok(()) }
    /// ```
    #[allow(deprecated)]
    #[deprecated(
        since = "0.1.0",
        note = "overdubs are lipsyncs now: use client.lipsyncs(); see MIGRATING.md"
    )]
    #[doc(alias = "overdub")]
    pub fn overdubs(&self) -> Overdubs {
        Overdubs {
            client: self.clone(),
        }
    }
}
