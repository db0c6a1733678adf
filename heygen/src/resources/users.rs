//! The account behind the credentials.

use heygen_sys::types::UserInfoResponse;

use super::{data_op, resource};

resource!(
    /// The account (`/v3/users/me`).
    Users, users
);

impl Users {
    data_op!(
        /// The account's profile, billing and credits (`getUserMeV3`, `GET /v3/users/me`; the
        /// April 2026 changelog calls it `GET /v3/user/me`).
        #[doc(alias = "user/me")]
        #[doc(alias = "user_me")]
        me() -> UserInfoResponse, |raw| raw.get_user_me_v3()
    );
}
