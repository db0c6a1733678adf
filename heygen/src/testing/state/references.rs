//! Whether what a request names exists on this account, as HeyGen checks it: assets, voices
//! (seeded, designed, or cloned and completed) and avatar looks (completed), and the asset
//! inputs and references that name a URL, an asset or inline bytes. A union member the
//! simulator does not know (one a newer API description adds) is refused as not simulated.

use base64::Engine as _;
use heygen_sys::types::{AssetInput, AssetReference};
use tokio::time::Instant;

use super::world::State;
use crate::testing::house_rules::check_url;
use crate::testing::reply::ApiErr;

impl State {
    /// Checks an uploaded asset's id.
    pub(crate) fn check_asset_id(&self, asset_id: &str, param: &str) -> Result<(), ApiErr> {
        if self.assets.iter().any(|asset| asset.id == asset_id) {
            Ok(())
        } else {
            Err(ApiErr::invalid(
                Some(param),
                format!("Asset '{asset_id}' not found; upload files with POST /v3/assets."),
            ))
        }
    }

    /// Checks a `{type: url | asset_id | base64}` input.
    pub(crate) fn check_input(&self, input: &AssetInput, param: &str) -> Result<(), ApiErr> {
        match input {
            AssetInput::Url(url) => check_url(&url.url, &format!("{param}.url")),
            AssetInput::AssetId(id) => {
                self.check_asset_id(&id.asset_id, &format!("{param}.asset_id"))
            }
            AssetInput::Base64(inline) => {
                let decoded =
                    base64::engine::general_purpose::STANDARD.decode(inline.data.as_bytes());
                match decoded {
                    Ok(bytes) if !bytes.is_empty() => Ok(()),
                    _ => Err(ApiErr::invalid(
                        Some(&format!("{param}.data")),
                        "'data' must be non-empty base64.",
                    )),
                }
            }
            #[allow(unreachable_patterns)] // a member a newer API description adds
            other => Err(ApiErr::not_simulated(param, other)),
        }
    }

    /// Checks a `{type: url | asset_id}` reference.
    pub(crate) fn check_reference(
        &self,
        reference: &AssetReference,
        param: &str,
    ) -> Result<(), ApiErr> {
        match reference {
            AssetReference::Url(url) => check_url(&url.url, &format!("{param}.url")),
            AssetReference::AssetId(id) => {
                self.check_asset_id(&id.asset_id, &format!("{param}.asset_id"))
            }
            #[allow(unreachable_patterns)] // a member a newer API description adds
            other => Err(ApiErr::not_simulated(param, other)),
        }
    }

    /// Checks a voice id.
    pub(crate) fn check_voice(&self, voice_id: &str, param: &str) -> Result<(), ApiErr> {
        let now = Instant::now();
        let cloned = |id: &str| {
            let mut clones = self.voice_clones.iter();
            clones.any(|c| c.id == id && c.job.phase(now).completed())
        };
        if self.voices.iter().any(|voice| voice.voice_id == voice_id) || cloned(voice_id) {
            Ok(())
        } else {
            Err(ApiErr::invalid(
                Some(param),
                format!("Voice '{voice_id}' not found; list voices with GET /v3/voices."),
            ))
        }
    }

    /// Checks an avatar look id: it must exist and be completed.
    pub(crate) fn check_look(
        &self,
        look_id: &str,
        param: &str,
        now: Instant,
    ) -> Result<(), ApiErr> {
        let Some(look) = self.looks.iter().find(|look| look.id == look_id) else {
            return Err(ApiErr::invalid(
                Some(param),
                format!(
                    "Avatar look '{look_id}' not found; list looks with GET /v3/avatars/looks."
                ),
            ));
        };
        match look.job.as_ref().map(|job| job.phase(now)) {
            None => Ok(()),
            Some(phase) if phase.completed() => Ok(()),
            Some(phase) => Err(ApiErr::invalid(
                Some(param),
                format!(
                    "Avatar look '{look_id}' is not ready (status '{}').",
                    phase.status()
                ),
            )),
        }
    }
}
