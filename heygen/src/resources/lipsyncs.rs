//! Lipsyncs (formerly "overdubs"): replace a video's audio and re-sync the lips.

use heygen_sys::types::{
    CreateLipsyncRequest, LipsyncCreateResponse, LipsyncDeleteResponse, LipsyncDetail,
    UpdateLipsyncRequest,
};

use super::{data_op, list_op, resource};

resource!(
    /// Lipsyncs (`/v3/lipsyncs`).
    Lipsyncs, lipsyncs
);

impl Lipsyncs {
    data_op!(
        /// Start a lipsync (`createLipsyncV3`).
        create(request: CreateLipsyncRequest) -> LipsyncCreateResponse, |raw| raw.create_lipsync_v3().body(request)
    );

    data_op!(
        /// A lipsync's details and status (`getLipsyncV3`).
        get(lipsync_id: &str) -> LipsyncDetail, |raw| raw.get_lipsync_v3().lipsync_id(lipsync_id)
    );

    data_op!(
        /// Update a lipsync (`updateLipsyncV3`).
        update(lipsync_id: &str, request: UpdateLipsyncRequest) -> LipsyncDetail,
            |raw| raw.update_lipsync_v3().lipsync_id(lipsync_id).body(request)
    );

    data_op!(
        /// Delete a lipsync (`deleteLipsyncV3`).
        delete(lipsync_id: &str) -> LipsyncDeleteResponse, |raw| raw.delete_lipsync_v3().lipsync_id(lipsync_id)
    );

    list_op!(
        /// Every lipsync (`listLipsyncsV3`).
        list, list_with, ListLipsyncsV3, list_lipsyncs_v3 -> LipsyncDetail
    );
}
