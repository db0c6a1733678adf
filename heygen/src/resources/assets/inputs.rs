//! Building the asset unions of request bodies: [`AssetInputExt`] for [`AssetInput`]
//! (`{type: url | asset_id | base64}`), [`AssetReferenceExt`] for [`AssetReference`], and the
//! conversions between the two.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use heygen_sys::types::{
    AssetBase64, AssetBase64Type, AssetId, AssetIdType, AssetInput, AssetReference, AssetUrl,
    AssetUrlType,
};

use crate::error::{Error, Result};

/// Constructors for [`AssetInput`], the `{type: url | asset_id | base64}` union taken by asset
/// fields of request bodies. (`AssetInput` is generated in `heygen-sys`, hence a trait: bring
/// it into scope with `use heygen_sdk::AssetInputExt;`.)
pub trait AssetInputExt: Sized {
    /// `{"type": "url", "url": …}`: a publicly reachable HTTPS URL.
    fn url(url: impl Into<String>) -> Self;

    /// `{"type": "asset_id", "asset_id": …}`: an uploaded asset (see [`Assets::upload_file`](super::Assets::upload_file)).
    fn asset_id(asset_id: impl Into<String>) -> Self;

    /// `{"type": "base64", "media_type": …, "data": …}`: content sent inline.
    fn from_bytes(media_type: impl Into<String>, bytes: impl AsRef<[u8]>) -> Self;

    /// A file sent inline as base64, its media type from the extension. The file is read
    /// whole: for large files prefer [`Assets::upload_file`](super::Assets::upload_file) and [`AssetInputExt::asset_id`].
    /// An unreadable file is [`Error::Io`] naming the path.
    fn from_file(path: impl AsRef<Path>) -> impl Future<Output = Result<Self>> + Send;
}

impl AssetInputExt for AssetInput {
    fn url(url: impl Into<String>) -> Self {
        AssetInput::Url(AssetUrl {
            type_: AssetUrlType::Url,
            url: url.into(),
        })
    }

    fn asset_id(asset_id: impl Into<String>) -> Self {
        AssetInput::AssetId(AssetId {
            asset_id: asset_id.into(),
            type_: AssetIdType::AssetId,
        })
    }

    fn from_bytes(media_type: impl Into<String>, bytes: impl AsRef<[u8]>) -> Self {
        AssetInput::Base64(AssetBase64 {
            data: base64::engine::general_purpose::STANDARD.encode(bytes),
            media_type: media_type.into(),
            type_: AssetBase64Type::Base64,
        })
    }

    fn from_file(path: impl AsRef<Path>) -> impl Future<Output = Result<Self>> + Send {
        let path: PathBuf = path.as_ref().to_path_buf();
        async move {
            let bytes = tokio::fs::read(&path).await.map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            let media_type = mime_guess::from_path(&path)
                .first_or_octet_stream()
                .essence_str()
                .to_string();
            Ok(Self::from_bytes(media_type, bytes))
        }
    }
}

/// Constructors for [`AssetReference`], the `{type: url | asset_id}` union (no inline
/// content). Convert an [`AssetInput`] with [`to_reference`] or [`Assets::to_reference`](super::Assets::to_reference).
pub trait AssetReferenceExt: Sized {
    /// `{"type": "url", "url": …}`.
    fn url(url: impl Into<String>) -> Self;

    /// `{"type": "asset_id", "asset_id": …}`.
    fn asset_id(asset_id: impl Into<String>) -> Self;
}

impl AssetReferenceExt for AssetReference {
    fn url(url: impl Into<String>) -> Self {
        AssetReference::Url(AssetUrl {
            type_: AssetUrlType::Url,
            url: url.into(),
        })
    }

    fn asset_id(asset_id: impl Into<String>) -> Self {
        AssetReference::AssetId(AssetId {
            asset_id: asset_id.into(),
            type_: AssetIdType::AssetId,
        })
    }
}

/// The [`AssetReference`] for a URL or asset-id [`AssetInput`]; inline base64 content has none
/// and is given back (upload it with [`Assets::to_reference`](super::Assets::to_reference)).
pub fn to_reference(input: AssetInput) -> std::result::Result<AssetReference, AssetInput> {
    match input {
        AssetInput::Url(url) => Ok(AssetReference::Url(url)),
        AssetInput::AssetId(id) => Ok(AssetReference::AssetId(id)),
        other @ AssetInput::Base64(_) => Err(other),
    }
}

/// The [`AssetInput`] for an [`AssetReference`] (every reference is a valid input).
pub fn to_input(reference: AssetReference) -> AssetInput {
    match reference {
        AssetReference::Url(url) => AssetInput::Url(url),
        AssetReference::AssetId(id) => AssetInput::AssetId(id),
    }
}
