//! Building the asset unions of request bodies beyond their generated constructors
//! (`AssetInput::url`, `AssetReference::asset_id`, …): [`AssetInputExt`] for inline base64
//! content, and the conversions between [`AssetInput`] and [`AssetReference`].

use std::path::{Path, PathBuf};

use base64::Engine as _;
use heygen_sys::types::{AssetBase64, AssetBase64Type, AssetInput, AssetReference};

use crate::error::{Error, Result};

/// Inline content for [`AssetInput`], the `{type: url | asset_id | base64}` union taken by
/// asset fields of request bodies. Its URL and asset-id members need no import
/// (`AssetInput::url(..)`, `AssetInput::asset_id(..)`, generated for every union); these two
/// read and encode content, hence a trait: `use heygen_sdk::AssetInputExt;`.
///
/// ```
/// use heygen_sdk::AssetInputExt;
/// use heygen_sdk::types::AssetInput;
///
/// let image = AssetInput::from_bytes("image/png", b"\x89PNG");
/// assert_eq!(image.tag(), "base64");
/// assert_eq!(AssetInput::url("https://example.com/a.png").tag(), "url");
/// ```
pub trait AssetInputExt: Sized {
    /// `{"type": "base64", "media_type": …, "data": …}`: content sent inline.
    fn from_bytes(media_type: impl Into<String>, bytes: impl AsRef<[u8]>) -> Self;

    /// A file sent inline as base64, its media type from the extension. The file is read
    /// whole: for large files prefer [`Assets::upload_file`](super::Assets::upload_file) and
    /// `AssetInput::asset_id`.
    /// An unreadable file is [`Error::Io`] naming the path.
    fn from_file(path: impl AsRef<Path>) -> impl Future<Output = Result<Self>> + Send;
}

impl AssetInputExt for AssetInput {
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
