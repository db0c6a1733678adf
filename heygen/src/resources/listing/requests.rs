//! The generated requests that take a page cursor (a `token` setter), and what they answer:
//! one plain [`Cursor`] impl each. A new cursor listing adds one here and one in `pages.rs`.

use futures::FutureExt as _;
use futures::future::BoxFuture;
use heygen_sys::types;

use super::{Cursor, Sent};
use heygen_sys::builder;

impl<'a> Cursor<'a> for builder::GetAssetBatch<'a> {
    type Response = types::BatchEnvelope;

    fn at(self, token: Option<String>) -> Self {
        match token {
            Some(token) => self.token(token),
            None => self,
        }
    }

    fn send_at(self, token: Option<String>) -> BoxFuture<'a, Sent<types::BatchEnvelope>> {
        self.at(token).send().boxed()
    }
}

impl<'a> Cursor<'a> for builder::GetLipsyncBatch<'a> {
    type Response = types::BatchEnvelope;

    fn at(self, token: Option<String>) -> Self {
        match token {
            Some(token) => self.token(token),
            None => self,
        }
    }

    fn send_at(self, token: Option<String>) -> BoxFuture<'a, Sent<types::BatchEnvelope>> {
        self.at(token).send().boxed()
    }
}

impl<'a> Cursor<'a> for builder::GetVideoBatch<'a> {
    type Response = types::BatchEnvelope;

    fn at(self, token: Option<String>) -> Self {
        match token {
            Some(token) => self.token(token),
            None => self,
        }
    }

    fn send_at(self, token: Option<String>) -> BoxFuture<'a, Sent<types::BatchEnvelope>> {
        self.at(token).send().boxed()
    }
}

impl<'a> Cursor<'a> for builder::GetVideoTranslationBatch<'a> {
    type Response = types::BatchEnvelope;

    fn at(self, token: Option<String>) -> Self {
        match token {
            Some(token) => self.token(token),
            None => self,
        }
    }

    fn send_at(self, token: Option<String>) -> BoxFuture<'a, Sent<types::BatchEnvelope>> {
        self.at(token).send().boxed()
    }
}

impl<'a> Cursor<'a> for builder::ListAiClippings<'a> {
    type Response = types::AiClippingPage;

    fn at(self, token: Option<String>) -> Self {
        match token {
            Some(token) => self.token(token),
            None => self,
        }
    }

    fn send_at(self, token: Option<String>) -> BoxFuture<'a, Sent<types::AiClippingPage>> {
        self.at(token).send().boxed()
    }
}

impl<'a> Cursor<'a> for builder::ListAssets<'a> {
    type Response = types::AssetPage;

    fn at(self, token: Option<String>) -> Self {
        match token {
            Some(token) => self.token(token),
            None => self,
        }
    }

    fn send_at(self, token: Option<String>) -> BoxFuture<'a, Sent<types::AssetPage>> {
        self.at(token).send().boxed()
    }
}

impl<'a> Cursor<'a> for builder::ListAudioSounds<'a> {
    type Response = types::AudioSoundPage;

    fn at(self, token: Option<String>) -> Self {
        match token {
            Some(token) => self.token(token),
            None => self,
        }
    }

    fn send_at(self, token: Option<String>) -> BoxFuture<'a, Sent<types::AudioSoundPage>> {
        self.at(token).send().boxed()
    }
}

impl<'a> Cursor<'a> for builder::ListAudioVoices<'a> {
    type Response = types::AudioVoiceItemPage;

    fn at(self, token: Option<String>) -> Self {
        match token {
            Some(token) => self.token(token),
            None => self,
        }
    }

    fn send_at(self, token: Option<String>) -> BoxFuture<'a, Sent<types::AudioVoiceItemPage>> {
        self.at(token).send().boxed()
    }
}

impl<'a> Cursor<'a> for builder::ListAvatarGroups<'a> {
    type Response = types::AvatarGroupItemPage;

    fn at(self, token: Option<String>) -> Self {
        match token {
            Some(token) => self.token(token),
            None => self,
        }
    }

    fn send_at(self, token: Option<String>) -> BoxFuture<'a, Sent<types::AvatarGroupItemPage>> {
        self.at(token).send().boxed()
    }
}

impl<'a> Cursor<'a> for builder::ListAvatarLooks<'a> {
    type Response = types::AvatarLookItemPage;

    fn at(self, token: Option<String>) -> Self {
        match token {
            Some(token) => self.token(token),
            None => self,
        }
    }

    fn send_at(self, token: Option<String>) -> BoxFuture<'a, Sent<types::AvatarLookItemPage>> {
        self.at(token).send().boxed()
    }
}

impl<'a> Cursor<'a> for builder::ListBackgroundRemovals<'a> {
    type Response = types::BackgroundRemovalPage;

    fn at(self, token: Option<String>) -> Self {
        match token {
            Some(token) => self.token(token),
            None => self,
        }
    }

    fn send_at(self, token: Option<String>) -> BoxFuture<'a, Sent<types::BackgroundRemovalPage>> {
        self.at(token).send().boxed()
    }
}

impl<'a> Cursor<'a> for builder::ListBrandGlossaries<'a> {
    type Response = types::BrandGlossaryPage;

    fn at(self, token: Option<String>) -> Self {
        match token {
            Some(token) => self.token(token),
            None => self,
        }
    }

    fn send_at(self, token: Option<String>) -> BoxFuture<'a, Sent<types::BrandGlossaryPage>> {
        self.at(token).send().boxed()
    }
}

impl<'a> Cursor<'a> for builder::ListBrandKits<'a> {
    type Response = types::BrandKitPage;

    fn at(self, token: Option<String>) -> Self {
        match token {
            Some(token) => self.token(token),
            None => self,
        }
    }

    fn send_at(self, token: Option<String>) -> BoxFuture<'a, Sent<types::BrandKitPage>> {
        self.at(token).send().boxed()
    }
}

impl<'a> Cursor<'a> for builder::ListLipsyncsV3<'a> {
    type Response = types::LipsyncDetailPage;

    fn at(self, token: Option<String>) -> Self {
        match token {
            Some(token) => self.token(token),
            None => self,
        }
    }

    fn send_at(self, token: Option<String>) -> BoxFuture<'a, Sent<types::LipsyncDetailPage>> {
        self.at(token).send().boxed()
    }
}

impl<'a> Cursor<'a> for builder::ListTemplates<'a> {
    type Response = types::TemplateSummaryPage;

    fn at(self, token: Option<String>) -> Self {
        match token {
            Some(token) => self.token(token),
            None => self,
        }
    }

    fn send_at(self, token: Option<String>) -> BoxFuture<'a, Sent<types::TemplateSummaryPage>> {
        self.at(token).send().boxed()
    }
}

impl<'a> Cursor<'a> for builder::ListVideoAgentSessions<'a> {
    type Response = types::SessionSummaryPage;

    fn at(self, token: Option<String>) -> Self {
        match token {
            Some(token) => self.token(token),
            None => self,
        }
    }

    fn send_at(self, token: Option<String>) -> BoxFuture<'a, Sent<types::SessionSummaryPage>> {
        self.at(token).send().boxed()
    }
}

impl<'a> Cursor<'a> for builder::ListVideoAgentStyles<'a> {
    type Response = types::StyleItemPage;

    fn at(self, token: Option<String>) -> Self {
        match token {
            Some(token) => self.token(token),
            None => self,
        }
    }

    fn send_at(self, token: Option<String>) -> BoxFuture<'a, Sent<types::StyleItemPage>> {
        self.at(token).send().boxed()
    }
}

impl<'a> Cursor<'a> for builder::ListVideoTranslationsV3<'a> {
    type Response = types::VideoTranslationDetailPage;

    fn at(self, token: Option<String>) -> Self {
        match token {
            Some(token) => self.token(token),
            None => self,
        }
    }

    fn send_at(
        self,
        token: Option<String>,
    ) -> BoxFuture<'a, Sent<types::VideoTranslationDetailPage>> {
        self.at(token).send().boxed()
    }
}

impl<'a> Cursor<'a> for builder::ListVideos<'a> {
    type Response = types::VideoDetailPage;

    fn at(self, token: Option<String>) -> Self {
        match token {
            Some(token) => self.token(token),
            None => self,
        }
    }

    fn send_at(self, token: Option<String>) -> BoxFuture<'a, Sent<types::VideoDetailPage>> {
        self.at(token).send().boxed()
    }
}

impl<'a> Cursor<'a> for builder::ListVideosV3<'a> {
    type Response = types::VideoDetailPage;

    fn at(self, token: Option<String>) -> Self {
        match token {
            Some(token) => self.token(token),
            None => self,
        }
    }

    fn send_at(self, token: Option<String>) -> BoxFuture<'a, Sent<types::VideoDetailPage>> {
        self.at(token).send().boxed()
    }
}

impl<'a> Cursor<'a> for builder::ListVoicesV3<'a> {
    type Response = types::AudioVoiceItemPage;

    fn at(self, token: Option<String>) -> Self {
        match token {
            Some(token) => self.token(token),
            None => self,
        }
    }

    fn send_at(self, token: Option<String>) -> BoxFuture<'a, Sent<types::AudioVoiceItemPage>> {
        self.at(token).send().boxed()
    }
}

impl<'a> Cursor<'a> for builder::ListWebhookEndpoints<'a> {
    type Response = types::WebhookEndpointResponsePage;

    fn at(self, token: Option<String>) -> Self {
        match token {
            Some(token) => self.token(token),
            None => self,
        }
    }

    fn send_at(
        self,
        token: Option<String>,
    ) -> BoxFuture<'a, Sent<types::WebhookEndpointResponsePage>> {
        self.at(token).send().boxed()
    }
}

impl<'a> Cursor<'a> for builder::ListWebhookEvents<'a> {
    type Response = types::WebhookEventResponsePage;

    fn at(self, token: Option<String>) -> Self {
        match token {
            Some(token) => self.token(token),
            None => self,
        }
    }

    fn send_at(
        self,
        token: Option<String>,
    ) -> BoxFuture<'a, Sent<types::WebhookEventResponsePage>> {
        self.at(token).send().boxed()
    }
}

impl<'a> Cursor<'a> for builder::SearchAssets<'a> {
    type Response = types::AssetSearchResultPage;

    fn at(self, token: Option<String>) -> Self {
        match token {
            Some(token) => self.token(token),
            None => self,
        }
    }

    fn send_at(self, token: Option<String>) -> BoxFuture<'a, Sent<types::AssetSearchResultPage>> {
        self.at(token).send().boxed()
    }
}
