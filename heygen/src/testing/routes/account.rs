//! `/v3/users/me`: a fixed profile.

use axum::Router;
use axum::routing::get;
use heygen_sys::types::{
    AutoReloadInfo, BillingType, CreditPool, SubscriptionCredits, SubscriptionInfo,
    SubscriptionTier, UserInfoResponse, UserInfoResponseEnvelope, WalletCurrency, WalletInfo,
};

use crate::testing::reply::{Reply, ok, response};
use crate::testing::shared::Sim;

pub(super) fn routes() -> Router<Sim> {
    Router::new().route("/v3/users/me", get(me))
}

async fn me() -> Reply {
    ok(response!(UserInfoResponseEnvelope {
        data: Some(response!(UserInfoResponse {
            billing_type: Some(BillingType::Subscription),
            email: Some("simulator@example.com".into()),
            first_name: Some("Sim".into()),
            last_name: Some("Ulator".into()),
            subscription: Some(response!(SubscriptionInfo {
                credits: response!(SubscriptionCredits {
                    add_on_credits: Some(response!(CreditPool {
                        remaining: Some(0),
                        resets_at: None,
                    })),
                    premium_credits: Some(response!(CreditPool {
                        remaining: Some(1000),
                        resets_at: None,
                    })),
                }),
                plan: SubscriptionTier::Pro,
            })),
            usage_based: None,
            username: "simulator",
            wallet: Some(response!(WalletInfo {
                auto_reload: Some(response!(AutoReloadInfo {
                    amount_usd: None,
                    enabled: false,
                    threshold_usd: None,
                })),
                currency: WalletCurrency::Usd,
                remaining_balance: Some(100.0),
            })),
        })),
    }))
}
