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
    data(typed::<UserInfoResponse>(
        json!({"billing_type": Some(BillingType::Subscription), "email": "simulator@example.com", "first_name": "Sim", "last_name": "Ulator", "subscription": Some(json!({"credits": json!({"add_on_credits": Some(json!({"remaining": Some(0), "resets_at": null})), "premium_credits": Some(json!({"remaining": Some(1000), "resets_at": null}))}), "plan": SubscriptionTier::Pro})), "usage_based": null, "username": "simulator", "wallet": Some(json!({"auto_reload": Some(json!({"amount_usd": null, "enabled": false, "threshold_usd": null})), "currency": WalletCurrency::Usd, "remaining_balance": Some(100.0)}))}),
    ))
}
