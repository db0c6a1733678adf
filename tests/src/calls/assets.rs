//! The SDK's asset methods (`assets().list_with`, `get`,
//! `delete`, `search_with`, `create_upload`, `complete_upload`, and the upload batches'
//! `create_upload_batch`, `complete_upload_batch`), beside their raw ways in `generated.rs`.
//! `listAssetStatuses` keeps its raw way only: the resource method needs ids, and the document
//! requires none; so does `getAssetBatch`, whose `limit` and `token` `assets().get_batch` does
//! not send (the simulator contract calls it).

use std::num::NonZeroU64;

use heygen_sdk::types;

use super::{Way, data, page};

/// One resource way per asset operation.
pub(super) fn ways() -> Vec<Way> {
    vec![
        way!("listAssets", "assets().list_with", resource, |c, i| {
            let username: String = i.required("username")?;
            page(
                c.assets()
                    .list_with(
                        &username,
                        configure!(i; folder_id: String = "folder_id", limit: NonZeroU64 = "limit", token: String = "token"),
                    )
                    .first_page()
                    .await,
            )
        }),
        way!("getAsset", "assets().get", resource, |c, i| {
            data(c.assets().get(&i.path("asset_id")?).await)
        }),
        way!("deleteAsset", "assets().delete", resource, |c, i| {
            data(c.assets().delete(&i.path("asset_id")?).await)
        }),
        way!("searchAssets", "assets().search_with", resource, |c, i| {
            let query: String = i.required("query")?;
            let type_: types::SearchAssetsType = i.required("type")?;
            page(
                c.assets()
                    .search_with(
                        &query,
                        type_,
                        configure!(i; limit: NonZeroU64 = "limit", scope: types::SearchAssetsScope = "scope", token: String = "token"),
                    )
                    .first_page()
                    .await,
            )
        }),
        way!(
            "createAssetUpload",
            "assets().create_upload",
            resource,
            |c, i| {
                data(
                    c.assets()
                        .create_upload(i.body::<types::CreateAssetUploadRequest>()?)
                        .await,
                )
            }
        ),
        way!(
            "completeAssetUpload",
            "assets().complete_upload",
            resource,
            |c, i| {
                data(
                    c.assets()
                        .complete_upload(
                            &i.path("asset_id")?,
                            i.body::<types::CompleteAssetUploadRequest>()?,
                        )
                        .await,
                )
            }
        ),
        way!(
            "createAssetUploadBatch",
            "assets().create_upload_batch",
            resource,
            |c, i| {
                data(
                    c.assets()
                        .create_upload_batch(i.body::<types::CreateAssetUploadBatchRequest>()?)
                        .await,
                )
            }
        ),
        way!(
            "completeAssetUploadBatch",
            "assets().complete_upload_batch",
            resource,
            |c, i| {
                let body = i.body::<types::CompleteAssetUploadBatchRequest>()?;
                data(c.assets().complete_upload_batch(&body.batch_id).await)
            }
        ),
    ]
}
