//! `users/me`.

use heygen_sdk::testing::Simulator;

#[tokio::test]
async fn users_me_is_a_fixed_profile() {
    let sim = Simulator::start().await;
    let me = sim.client().users().me().await.unwrap();
    assert_eq!(
        (me.username.as_str(), me.email.as_deref()),
        ("simulator", Some("simulator@example.com"))
    );
    assert!(me.subscription.is_some() && me.wallet.is_some());
}
