//! The operations HeyGen added in July 2026: the resource methods for templates, brand kits and
//! glossaries, audio sounds, AI clipping, background removal, and voice and avatar management;
//! the generated client, run through the heygen client, for those no `heygen` resource method
//! covers yet (batches, bulk statuses, direct uploads, assets).

use std::num::NonZeroU64;

use heygen_sdk::types;

use super::{Way, data, page, whole};

/// One raw way per operation.
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
        way!("listAssets", "raw().list_assets", raw, |c, i| {
            let mut b = c
                .raw()
                .list_assets()
                .username(i.required::<String>("username")?);
            params!(b, i; folder_id: String = "folder_id", limit: NonZeroU64 = "limit", token: String = "token");
            whole(c.run(b.send()).await)
        }),
        way!("getAssetBatch", "raw().get_asset_batch", raw, |c, i| {
            let mut b = c.raw().get_asset_batch().batch_id(i.path("batch_id")?);
            params!(b, i; limit: NonZeroU64 = "limit", token: String = "token");
            whole(c.run(b.send()).await)
        }),
        way!(
            "completeAssetUploadBatch",
            "raw().complete_asset_upload_batch",
            raw,
            |c, i| {
                let b = c
                    .raw()
                    .complete_asset_upload_batch()
                    .body(i.body::<types::CompleteAssetUploadBatchRequest>()?);
                whole(c.run(b.send()).await)
            }
        ),
        way!(
            "createAssetUpload",
            "raw().create_asset_upload",
            raw,
            |c, i| {
                let b = c
                    .raw()
                    .create_asset_upload()
                    .body(i.body::<types::CreateAssetUploadRequest>()?);
                whole(c.run(b.send()).await)
            }
        ),
        way!(
            "createAssetUploadBatch",
            "raw().create_asset_upload_batch",
            raw,
            |c, i| {
                let b = c
                    .raw()
                    .create_asset_upload_batch()
                    .body(i.body::<types::CreateAssetUploadBatchRequest>()?);
                whole(c.run(b.send()).await)
            }
        ),
        way!("searchAssets", "raw().search_assets", raw, |c, i| {
            let mut b = c
                .raw()
                .search_assets()
                .query(i.required::<String>("query")?)
                .type_(i.required::<types::SearchAssetsType>("type")?);
            params!(b, i; limit: NonZeroU64 = "limit", scope: types::SearchAssetsScope = "scope", token: String = "token");
            whole(c.run(b.send()).await)
        }),
        way!(
            "listAssetStatuses",
            "raw().list_asset_statuses",
            raw,
            |c, i| {
                let mut b = c.raw().list_asset_statuses();
                params!(b, i; asset_ids: String = "asset_ids", batch_ids: String = "batch_ids");
                whole(c.run(b.send()).await)
            }
        ),
        way!("deleteAsset", "raw().delete_asset", raw, |c, i| {
            let b = c.raw().delete_asset().asset_id(i.path("asset_id")?);
            whole(c.run(b.send()).await)
        }),
        way!("getAsset", "raw().get_asset", raw, |c, i| {
            let b = c.raw().get_asset().asset_id(i.path("asset_id")?);
            whole(c.run(b.send()).await)
        }),
        way!(
            "completeAssetUpload",
            "raw().complete_asset_upload",
            raw,
            |c, i| {
                let b = c
                    .raw()
                    .complete_asset_upload()
                    .asset_id(i.path("asset_id")?)
                    .body(i.body::<types::CompleteAssetUploadRequest>()?);
                whole(c.run(b.send()).await)
            }
        ),
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
            "createLipsyncBatch",
            "raw().create_lipsync_batch",
            raw,
            |c, i| {
                let b = c
                    .raw()
                    .create_lipsync_batch()
                    .body(i.body::<types::CreateLipsyncBatchRequest>()?);
                whole(c.run(b.send()).await)
            }
        ),
        way!("getLipsyncBatch", "raw().get_lipsync_batch", raw, |c, i| {
            let mut b = c.raw().get_lipsync_batch().batch_id(i.path("batch_id")?);
            params!(b, i; limit: NonZeroU64 = "limit", token: String = "token");
            whole(c.run(b.send()).await)
        }),
        way!(
            "listLipsyncStatuses",
            "raw().list_lipsync_statuses",
            raw,
            |c, i| {
                let mut b = c.raw().list_lipsync_statuses();
                params!(b, i; batch_ids: String = "batch_ids", lipsync_ids: String = "lipsync_ids");
                whole(c.run(b.send()).await)
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
        way!(
            "createVideoTranslationBatch",
            "raw().create_video_translation_batch",
            raw,
            |c, i| {
                let b = c
                    .raw()
                    .create_video_translation_batch()
                    .body(i.body::<types::CreateVideoTranslationBatchRequest>()?);
                whole(c.run(b.send()).await)
            }
        ),
        way!(
            "getVideoTranslationBatch",
            "raw().get_video_translation_batch",
            raw,
            |c, i| {
                let mut b = c
                    .raw()
                    .get_video_translation_batch()
                    .batch_id(i.path("batch_id")?);
                params!(b, i; limit: NonZeroU64 = "limit", token: String = "token");
                whole(c.run(b.send()).await)
            }
        ),
        way!(
            "listVideoTranslationStatuses",
            "raw().list_video_translation_statuses",
            raw,
            |c, i| {
                let mut b = c.raw().list_video_translation_statuses();
                params!(b, i; batch_ids: String = "batch_ids", video_translation_ids: String = "video_translation_ids");
                whole(c.run(b.send()).await)
            }
        ),
        way!(
            "createVideoBatch",
            "raw().create_video_batch",
            raw,
            |c, i| {
                let b = c
                    .raw()
                    .create_video_batch()
                    .body(i.body::<types::CreateVideoBatchRequest>()?);
                whole(c.run(b.send()).await)
            }
        ),
        way!("getVideoBatch", "raw().get_video_batch", raw, |c, i| {
            let mut b = c.raw().get_video_batch().batch_id(i.path("batch_id")?);
            params!(b, i; limit: NonZeroU64 = "limit", token: String = "token");
            whole(c.run(b.send()).await)
        }),
        way!(
            "listVideoStatuses",
            "raw().list_video_statuses",
            raw,
            |c, i| {
                let mut b = c.raw().list_video_statuses();
                params!(b, i; batch_ids: String = "batch_ids", video_ids: String = "video_ids");
                whole(c.run(b.send()).await)
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
