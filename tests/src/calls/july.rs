//! The operations HeyGen added in July 2026 that no `heygen` resource method covers yet
//! (batches, bulk statuses, direct uploads, assets, templates, brand kits and glossaries, audio
//! sounds, AI clipping, background removal, voice and avatar management): the generated client,
//! run through the heygen client.

use std::num::NonZeroU64;

use heygen::types;

use super::{Way, whole};

/// One raw way per operation.
pub(super) fn ways() -> Vec<Way> {
    vec![
        way!("listAiClippings", "raw().list_ai_clippings", raw, |c, i| {
            let mut b = c.raw().list_ai_clippings();
            params!(b, i; limit: NonZeroU64 = "limit", token: String = "token");
            whole(c.run(b.send()).await)
        }),
        way!(
            "createAiClipping",
            "raw().create_ai_clipping",
            raw,
            |c, i| {
                let b = c
                    .raw()
                    .create_ai_clipping()
                    .body(i.body::<types::CreateAiClippingRequest>()?);
                whole(c.run(b.send()).await)
            }
        ),
        way!(
            "deleteAiClipping",
            "raw().delete_ai_clipping",
            raw,
            |c, i| {
                let b = c.raw().delete_ai_clipping().job_id(i.path("job_id")?);
                whole(c.run(b.send()).await)
            }
        ),
        way!("getAiClipping", "raw().get_ai_clipping", raw, |c, i| {
            let b = c.raw().get_ai_clipping().job_id(i.path("job_id")?);
            whole(c.run(b.send()).await)
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
        way!("listAudioSounds", "raw().list_audio_sounds", raw, |c, i| {
            let mut b = c
                .raw()
                .list_audio_sounds()
                .query(i.required::<String>("query")?);
            params!(b, i; limit: NonZeroU64 = "limit", min_score: f64 = "min_score", token: String = "token", type_: types::ListAudioSoundsType = "type");
            whole(c.run(b.send()).await)
        }),
        way!(
            "deleteAvatarLook",
            "raw().delete_avatar_look",
            raw,
            |c, i| {
                let b = c.raw().delete_avatar_look().look_id(i.path("look_id")?);
                whole(c.run(b.send()).await)
            }
        ),
        way!(
            "deleteAvatarGroup",
            "raw().delete_avatar_group",
            raw,
            |c, i| {
                let b = c.raw().delete_avatar_group().group_id(i.path("group_id")?);
                whole(c.run(b.send()).await)
            }
        ),
        way!(
            "listBackgroundRemovals",
            "raw().list_background_removals",
            raw,
            |c, i| {
                let mut b = c.raw().list_background_removals();
                params!(b, i; limit: NonZeroU64 = "limit", token: String = "token");
                whole(c.run(b.send()).await)
            }
        ),
        way!(
            "createBackgroundRemoval",
            "raw().create_background_removal",
            raw,
            |c, i| {
                let b = c
                    .raw()
                    .create_background_removal()
                    .body(i.body::<types::CreateBackgroundRemovalRequest>()?);
                whole(c.run(b.send()).await)
            }
        ),
        way!(
            "deleteBackgroundRemoval",
            "raw().delete_background_removal",
            raw,
            |c, i| {
                let b = c
                    .raw()
                    .delete_background_removal()
                    .job_id(i.path("job_id")?);
                whole(c.run(b.send()).await)
            }
        ),
        way!(
            "getBackgroundRemoval",
            "raw().get_background_removal",
            raw,
            |c, i| {
                let b = c.raw().get_background_removal().job_id(i.path("job_id")?);
                whole(c.run(b.send()).await)
            }
        ),
        way!(
            "listBrandGlossaries",
            "raw().list_brand_glossaries",
            raw,
            |c, i| {
                let mut b = c.raw().list_brand_glossaries();
                params!(b, i; limit: NonZeroU64 = "limit", token: String = "token");
                whole(c.run(b.send()).await)
            }
        ),
        way!("listBrandKits", "raw().list_brand_kits", raw, |c, i| {
            let mut b = c.raw().list_brand_kits();
            params!(b, i; limit: NonZeroU64 = "limit", token: String = "token");
            whole(c.run(b.send()).await)
        }),
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
        way!("listTemplates", "raw().list_templates", raw, |c, i| {
            let mut b = c.raw().list_templates();
            params!(b, i; limit: NonZeroU64 = "limit", token: String = "token");
            whole(c.run(b.send()).await)
        }),
        way!("getTemplate", "raw().get_template", raw, |c, i| {
            let b = c.raw().get_template().template_id(i.path("template_id")?);
            whole(c.run(b.send()).await)
        }),
        way!(
            "generateTemplateVideo",
            "raw().generate_template_video",
            raw,
            |c, i| {
                let b = c
                    .raw()
                    .generate_template_video()
                    .template_id(i.path("template_id")?)
                    .body(i.body::<types::GenerateTemplateVideoRequest>()?);
                whole(c.run(b.send()).await)
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
        way!("cloneVoice", "raw().clone_voice", raw, |c, i| {
            let b = c
                .raw()
                .clone_voice()
                .body(i.body::<types::CloneVoiceRequest>()?);
            whole(c.run(b.send()).await)
        }),
        way!("deleteVoice", "raw().delete_voice", raw, |c, i| {
            let b = c.raw().delete_voice().voice_id(i.path("voice_id")?);
            whole(c.run(b.send()).await)
        }),
        way!("getVoice", "raw().get_voice", raw, |c, i| {
            let b = c.raw().get_voice().voice_id(i.path("voice_id")?);
            whole(c.run(b.send()).await)
        }),
    ]
}
