//! Stream every avatar group and its looks, one page at a time, without loading the listing
//! into memory.
//!
//! ```sh
//! cargo run -p heygen-sdk --example list_avatars --features testing
//! ```
//!
//! With `HEYGEN_API_KEY` set it lists your HeyGen account's avatars; without, the simulator's.

use heygen_sdk::testing::Simulator;

#[tokio::main]
async fn main() -> heygen_sdk::Result<()> {
    let (client, _simulator) = match std::env::var_os("HEYGEN_API_KEY") {
        Some(_) => (heygen_sdk::Client::from_env()?, None),
        None => {
            let simulator = Simulator::start().await;
            println!("HEYGEN_API_KEY is not set: listing the in-process simulator's avatars");
            (simulator.client(), Some(simulator))
        }
    };
    // Two groups per request, to show the pages going by; the stream fetches lazily.
    let page_size = std::num::NonZeroU64::new(2).expect("non-zero");
    let mut groups = client
        .avatars()
        .list_with(move |request| request.limit(page_size))
        .items();
    let mut count = 0;
    while let Some(group) = groups.try_next().await? {
        count += 1;
        println!(
            "{count:>3}. {} ({}), {} looks",
            group.name, group.id, group.looks_count
        );
        let group_id = group.id.clone();
        let looks: Vec<_> = client
            .avatars()
            .list_looks_with(move |request| request.group_id(group_id.clone()))
            .max_items(5)
            .collect()
            .await?;
        for look in looks {
            println!("       look {} ({})", look.name, look.id);
        }
    }
    println!("{count} avatar groups");
    Ok(())
}
