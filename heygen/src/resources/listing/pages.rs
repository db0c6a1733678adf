//! The generated responses that are one page of a cursor listing (`data`, `has_more`,
//! `next_token`), and what they list: one plain [`CursorPage`] impl each.

use heygen_sys::types;

use super::CursorPage;
use crate::Page;

impl CursorPage for types::AiClippingPage {
    type Item = types::AiClipping;

    fn page(self) -> Page<types::AiClipping> {
        Page::from_envelope(self.data, self.has_more, self.next_token)
    }
}

impl CursorPage for types::AssetPage {
    type Item = types::Asset;

    fn page(self) -> Page<types::Asset> {
        Page::from_envelope(self.data, self.has_more, self.next_token)
    }
}

impl CursorPage for types::AssetSearchResultPage {
    type Item = types::AssetSearchResult;

    fn page(self) -> Page<types::AssetSearchResult> {
        Page::from_envelope(self.data, self.has_more, self.next_token)
    }
}

impl CursorPage for types::AudioSoundPage {
    type Item = types::AudioSound;

    fn page(self) -> Page<types::AudioSound> {
        Page::from_envelope(self.data, self.has_more, self.next_token)
    }
}

impl CursorPage for types::AudioVoiceItemPage {
    type Item = types::AudioVoiceItem;

    fn page(self) -> Page<types::AudioVoiceItem> {
        Page::from_envelope(self.data, self.has_more, self.next_token)
    }
}

impl CursorPage for types::AvatarGroupItemPage {
    type Item = types::AvatarGroupItem;

    fn page(self) -> Page<types::AvatarGroupItem> {
        Page::from_envelope(self.data, self.has_more, self.next_token)
    }
}

impl CursorPage for types::AvatarLookItemPage {
    type Item = types::AvatarLookItem;

    fn page(self) -> Page<types::AvatarLookItem> {
        Page::from_envelope(self.data, self.has_more, self.next_token)
    }
}

impl CursorPage for types::BackgroundRemovalPage {
    type Item = types::BackgroundRemoval;

    fn page(self) -> Page<types::BackgroundRemoval> {
        Page::from_envelope(self.data, self.has_more, self.next_token)
    }
}

impl CursorPage for types::BrandGlossaryPage {
    type Item = types::BrandGlossary;

    fn page(self) -> Page<types::BrandGlossary> {
        Page::from_envelope(self.data, self.has_more, self.next_token)
    }
}

impl CursorPage for types::BrandKitPage {
    type Item = types::BrandKit;

    fn page(self) -> Page<types::BrandKit> {
        Page::from_envelope(self.data, self.has_more, self.next_token)
    }
}

impl CursorPage for types::LipsyncDetailPage {
    type Item = types::LipsyncDetail;

    fn page(self) -> Page<types::LipsyncDetail> {
        Page::from_envelope(self.data, self.has_more, self.next_token)
    }
}

impl CursorPage for types::SessionSummaryPage {
    type Item = types::SessionSummary;

    fn page(self) -> Page<types::SessionSummary> {
        Page::from_envelope(self.data, self.has_more, self.next_token)
    }
}

impl CursorPage for types::StyleItemPage {
    type Item = types::StyleItem;

    fn page(self) -> Page<types::StyleItem> {
        Page::from_envelope(self.data, self.has_more, self.next_token)
    }
}

impl CursorPage for types::TemplateSummaryPage {
    type Item = types::TemplateSummary;

    fn page(self) -> Page<types::TemplateSummary> {
        Page::from_envelope(self.data, self.has_more, self.next_token)
    }
}

impl CursorPage for types::VideoDetailPage {
    type Item = types::VideoDetail;

    fn page(self) -> Page<types::VideoDetail> {
        Page::from_envelope(self.data, self.has_more, self.next_token)
    }
}

impl CursorPage for types::VideoTranslationDetailPage {
    type Item = types::VideoTranslationDetail;

    fn page(self) -> Page<types::VideoTranslationDetail> {
        Page::from_envelope(self.data, self.has_more, self.next_token)
    }
}

impl CursorPage for types::WebhookEndpointResponsePage {
    type Item = types::WebhookEndpointResponse;

    fn page(self) -> Page<types::WebhookEndpointResponse> {
        Page::from_envelope(self.data, self.has_more, self.next_token)
    }
}

impl CursorPage for types::WebhookEventResponsePage {
    type Item = types::WebhookEventResponse;

    fn page(self) -> Page<types::WebhookEventResponse> {
        Page::from_envelope(self.data, self.has_more, self.next_token)
    }
}
