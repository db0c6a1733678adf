//! `GET /v3/user/me` (the April 2026 changelog's name) → `GET /v3/users/me` (the document's,
//! operation `getUserMeV3`): [`Users::me`] is the call; `user_me` is its deprecated alias.

use heygen_sys::types::UserInfoResponse;

use crate::resources::users::Users;

impl Users {
    /// The account behind the credentials under the changelog's name (`GET /v3/user/me`):
    /// calls [`me`](Self::me) (`GET /v3/users/me`).
    ///
    /// ```no_run
    /// # #![allow(deprecated)]
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// let me = client.users().user_me().await?;
    /// println!("{me:?}");
    /// # Ok(()) }
    /// ```
    #[deprecated(
        since = "0.1.0",
        note = "the endpoint is `GET /v3/users/me`: use users().me()"
    )]
    #[doc(alias = "user/me")]
    pub async fn user_me(&self) -> crate::Result<UserInfoResponse> {
        self.me().await
    }
}
