//! Asset upload batches: the files a create announced, each a direct upload of its own (in
//! `uploads` until it is ingested), and, once the batch is completed, each file's ingestion,
//! a job on the simulator's clock like any other.

use tokio::time::Instant;

use super::jobs::Job;

/// An asset upload batch (`createAssetUploadBatch`).
#[derive(Debug, Clone)]
pub(crate) struct AssetBatch {
    pub id: String,
    pub title: Option<String>,
    pub created: Instant,
    /// In the order the create listed them.
    pub files: Vec<BatchFile>,
}

/// One file of an asset upload batch: its asset id and, once the batch was completed, its
/// ingestion.
#[derive(Debug, Clone)]
pub(crate) struct BatchFile {
    pub asset_id: String,
    pub ingest: Option<Ingest>,
}

/// A file's ingestion: its job (which fails when the file was refused) and why it was refused
/// at completion (code, message): nothing uploaded, or bytes that are not what was declared.
#[derive(Debug, Clone)]
pub(crate) struct Ingest {
    pub job: Job,
    pub refused: Option<(String, String)>,
}
