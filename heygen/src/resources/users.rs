//! The account behind the credentials.

use heygen_sys::types::UserInfoResponse;

use crate::{Client, Result};

/// The account (`/v3/users/me`): `client.users()`.
#[derive(Debug, Clone)]
pub struct Users {
    pub(crate) client: Client,
}

impl Users {
    /// The account's profile, billing and credits (`getUserMeV3`, `GET /v3/users/me`; the
    /// April 2026 changelog calls it `GET /v3/user/me`).
    #[doc(alias = "user/me")]
    #[doc(alias = "user_me")]
    pub async fn me(&self) -> Result<UserInfoResponse> {
        let raw = self.client.raw();
        self.client
            .data(raw.get_user_me_v3().send(), |e| e.data)
            .await
    }
}
