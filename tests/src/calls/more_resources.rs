//! The resource methods for templates, brand kits and glossaries, audio sounds, AI clipping,
//! background removal, and voice and avatar management. (Every operation also has its generated
//! raw way, in `generated.rs`.)

use std::num::NonZeroU64;

use heygen_sdk::types;

use super::{Way, data, page};

/// One way per resource method.
pub(super) fn ways() -> Vec<Way> {
    vec![
        way!(
            "listAiClippings",
            "ai_clippings().list_with",
            resource,
            |c, i| {
                page(
                    c.ai_clippings()
                        .list_with(
                            configure!(i; limit: NonZeroU64 = "limit", token: String = "token"),
                        )
                        .first_page()
                        .await,
                )
            }
        ),
        way!(
            "createAiClipping",
            "ai_clippings().create",
            resource,
            |c, i| {
                data(
                    c.ai_clippings()
                        .create(i.body::<types::CreateAiClippingRequest>()?)
                        .await,
                )
            }
        ),
        way!(
            "deleteAiClipping",
            "ai_clippings().delete",
            resource,
            |c, i| { data(c.ai_clippings().delete(&i.path("job_id")?).await) }
        ),
        way!("getAiClipping", "ai_clippings().get", resource, |c, i| {
            data(c.ai_clippings().get(&i.path("job_id")?).await)
        }),
        way!(
            "listAudioSounds",
            "audio().list_sounds_with",
            resource,
            |c, i| {
                let query = i.required::<String>("query")?;
                page(c.audio().list_sounds_with(&query, configure!(i; limit: NonZeroU64 = "limit", min_score: f64 = "min_score", token: String = "token", type_: types::ListAudioSoundsType = "type")).first_page().await)
            }
        ),
        way!(
            "deleteAvatarLook",
            "avatars().delete_look",
            resource,
            |c, i| { data(c.avatars().delete_look(&i.path("look_id")?).await) }
        ),
        way!("deleteAvatarGroup", "avatars().delete", resource, |c, i| {
            data(c.avatars().delete(&i.path("group_id")?).await)
        }),
        way!(
            "listBackgroundRemovals",
            "background_removals().list_with",
            resource,
            |c, i| {
                page(
                    c.background_removals()
                        .list_with(
                            configure!(i; limit: NonZeroU64 = "limit", token: String = "token"),
                        )
                        .first_page()
                        .await,
                )
            }
        ),
        way!(
            "createBackgroundRemoval",
            "background_removals().create",
            resource,
            |c, i| {
                data(
                    c.background_removals()
                        .create(i.body::<types::CreateBackgroundRemovalRequest>()?)
                        .await,
                )
            }
        ),
        way!(
            "deleteBackgroundRemoval",
            "background_removals().delete",
            resource,
            |c, i| { data(c.background_removals().delete(&i.path("job_id")?).await) }
        ),
        way!(
            "getBackgroundRemoval",
            "background_removals().get",
            resource,
            |c, i| { data(c.background_removals().get(&i.path("job_id")?).await) }
        ),
        way!(
            "listBrandGlossaries",
            "brand_kits().list_glossaries_with",
            resource,
            |c, i| {
                page(
                    c.brand_kits()
                        .list_glossaries_with(
                            configure!(i; limit: NonZeroU64 = "limit", token: String = "token"),
                        )
                        .first_page()
                        .await,
                )
            }
        ),
        way!(
            "listBrandKits",
            "brand_kits().list_with",
            resource,
            |c, i| {
                page(
                    c.brand_kits()
                        .list_with(
                            configure!(i; limit: NonZeroU64 = "limit", token: String = "token"),
                        )
                        .first_page()
                        .await,
                )
            }
        ),
        way!(
            "listTemplates",
            "templates().list_with",
            resource,
            |c, i| {
                page(
                    c.templates()
                        .list_with(
                            configure!(i; limit: NonZeroU64 = "limit", token: String = "token"),
                        )
                        .first_page()
                        .await,
                )
            }
        ),
        way!("getTemplate", "templates().get", resource, |c, i| {
            data(c.templates().get(&i.path("template_id")?).await)
        }),
        way!(
            "generateTemplateVideo",
            "templates().generate",
            resource,
            |c, i| {
                let body = i.body::<types::GenerateTemplateVideoRequest>()?;
                data(c.templates().generate(&i.path("template_id")?, body).await)
            }
        ),
        way!("cloneVoice", "voices().clone_voice", resource, |c, i| {
            data(
                c.voices()
                    .clone_voice(i.body::<types::CloneVoiceRequest>()?)
                    .await,
            )
        }),
        way!("deleteVoice", "voices().delete", resource, |c, i| {
            data(c.voices().delete(&i.path("voice_id")?).await)
        }),
        way!("getVoice", "voices().get", resource, |c, i| {
            data(c.voices().get(&i.path("voice_id")?).await)
        }),
    ]
}
