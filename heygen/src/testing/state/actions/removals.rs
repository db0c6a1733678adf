//! Creating a background removal: a video that exists and the layers asked for; a create
//! repeating an earlier one's `request_id` returns that job, as HeyGen's endpoint does.

use heygen_sys::types::CreateBackgroundRemovalRequest;
use tokio::time::Instant;

use crate::testing::house_rules::{at_most, given};
use crate::testing::reply::ApiErr;
use crate::testing::state::records::Removal;
use crate::testing::state::timeline::ResourceKind;
use crate::testing::state::world::{State, new_id};

/// The layers a background removal can produce, in the order the API lists them.
const LAYERS: [&str; 3] = ["foreground", "mask", "background"];

impl State {
    /// Creates the background removal `request` asks for at `now`, or returns the one an
    /// earlier create with its `request_id` made: its index in the removals.
    pub(crate) fn create_removal(
        &mut self,
        request: &CreateBackgroundRemovalRequest,
        now: Instant,
    ) -> Result<usize, ApiErr> {
        let request_id = given(request.request_id.as_deref());
        let earlier = (self.removals.iter())
            .position(|r| request_id.is_some() && r.request_id.as_deref() == request_id);
        if let Some(earlier) = earlier {
            return Ok(earlier);
        }
        self.check_input(&request.video, "video")?;
        if let Some(index) = (request.layers.iter()).position(|l| !LAYERS.contains(&l.as_str())) {
            let message = "Each layer must be one of: foreground, mask, background.";
            return Err(ApiErr::invalid(Some(&format!("layers[{index}]")), message));
        }
        at_most(request.title.as_deref(), 255, "title")?;
        // The API's order, each layer once; none asked for means all three.
        let asked =
            |layer: &str| request.layers.is_empty() || request.layers.iter().any(|l| l == layer);
        let layers = (LAYERS.into_iter())
            .filter(|layer| asked(layer))
            .map(str::to_string)
            .collect();
        let removal = Removal {
            seq: self.next_seq(),
            id: new_id(),
            request_id: request_id.map(str::to_string),
            layers,
            job: self.new_job(ResourceKind::BackgroundRemoval, now, false),
        };
        self.removals.push(removal);
        Ok(self.removals.len() - 1)
    }
}
