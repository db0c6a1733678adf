//! Video translations (their caption URLs are fields of the translation), and proofreads.

use heygen_sys::types::{
    CreateProofreadRequest, CreateProofreadResponse, CreateVideoTranslationRequest,
    DownloadSrtResponse, GenerateVideoRequest, GenerateVideoResponse, ProofreadDetail,
    UpdateVideoTranslationRequest, UploadSrtRequest, VideoTranslationCreateResponse,
    VideoTranslationDeleteResponse, VideoTranslationDetail, VideoTranslationLanguagesResponse,
};

use super::{data_op, list_op, resource};

resource!(
    /// Video translations (`/v3/video-translations`), proofreads included.
    VideoTranslations, video_translations
);

impl VideoTranslations {
    data_op!(
        /// Translate a video (`createVideoTranslationV3`).
        create(request: CreateVideoTranslationRequest) -> VideoTranslationCreateResponse,
            |raw| raw.create_video_translation_v3().body(request)
    );

    data_op!(
        /// A translation's details and status (`getVideoTranslationV3`).
        get(video_translation_id: &str) -> VideoTranslationDetail,
            |raw| raw.get_video_translation_v3().video_translation_id(video_translation_id)
    );

    data_op!(
        /// Update a translation (`updateVideoTranslationV3`).
        update(video_translation_id: &str, request: UpdateVideoTranslationRequest) -> VideoTranslationDetail,
            |raw| raw.update_video_translation_v3().video_translation_id(video_translation_id).body(request)
    );

    data_op!(
        /// Delete a translation (`deleteVideoTranslationV3`).
        delete(video_translation_id: &str) -> VideoTranslationDeleteResponse,
            |raw| raw.delete_video_translation_v3().video_translation_id(video_translation_id)
    );

    data_op!(
        /// Target languages (`listVideoTranslationLanguagesV3`).
        languages() -> VideoTranslationLanguagesResponse, |raw| raw.list_video_translation_languages_v3()
    );

    list_op!(
        /// Every translation (`listVideoTranslationsV3`).
        list, list_with, ListVideoTranslationsV3, list_video_translations_v3 -> VideoTranslationDetail
    );

    data_op!(
        /// Start a proofread (`createProofreadV3`).
        create_proofread(request: CreateProofreadRequest) -> CreateProofreadResponse,
            |raw| raw.create_proofread_v3().body(request)
    );

    data_op!(
        /// A proofread's details and status (`getProofreadV3`).
        get_proofread(proofread_id: &str) -> ProofreadDetail, |raw| raw.get_proofread_v3().proofread_id(proofread_id)
    );

    data_op!(
        /// The proofread's SRT (`downloadProofreadSrtV3`).
        download_proofread_srt(proofread_id: &str) -> DownloadSrtResponse,
            |raw| raw.download_proofread_srt_v3().proofread_id(proofread_id)
    );

    data_op!(
        /// Replace the proofread's SRT (`uploadProofreadSrtV3`).
        upload_proofread_srt(proofread_id: &str, request: UploadSrtRequest) -> ProofreadDetail,
            |raw| raw.upload_proofread_srt_v3().proofread_id(proofread_id).body(request)
    );

    data_op!(
        /// Render the translated video from a proofread (`generateFromProofreadV3`).
        generate_from_proofread(proofread_id: &str, request: GenerateVideoRequest) -> GenerateVideoResponse,
            |raw| raw.generate_from_proofread_v3().proofread_id(proofread_id).body(request)
    );
}
