//! `/v3/users/me`: a fixed profile.

use axum::Router;
use axum::routing::get;
use heygen_sys::types::{BillingType, SubscriptionTier, UserInfoResponse, WalletCurrency};
use serde_json::json;

use crate::testing::reply::{Reply, data, typed};
use crate::testing::shared::Sim;

pub(super) fn routes() -> Router<Sim> {
    Router::new().route("/v3/users/me", get(me))
}

async fn me() -> Reply {
    data(typed::<UserInfoResponse>(json!({
        "billing_type": BillingType::Subscription,
        "email": "simulator@example.com",
        "first_name": "Sim",
        "last_name": "Ulator",
        "subscription": {
            "credits": {"add_on_credits": {"remaining": 0}, "premium_credits": {"remaining": 1000}},
            "plan": SubscriptionTier::Pro,
        },
        "username": "simulator",
        "wallet": {
            "auto_reload": {"enabled": false},
            "currency": WalletCurrency::Usd,
            "remaining_balance": 100.0,
        },
    })))
}
