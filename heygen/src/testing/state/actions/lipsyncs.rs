//! Creating a lipsync (`POST /v3/lipsyncs`, and each item of a lipsync batch): a video and an
//! audio that exist, a sensible span, within the concurrent-job limit.

use heygen_sys::types::CreateLipsyncRequest;
use tokio::time::Instant;

use crate::testing::house_rules::{check_url, end_after_start, given};
use crate::testing::reply::ApiErr;
use crate::testing::state::records::Lipsync;
use crate::testing::state::store::find_mut;
use crate::testing::state::timeline::ResourceKind;
use crate::testing::state::world::State;

impl State {
    /// Creates the lipsync `request` asks for at `now`, or says why not (nothing changed): its id.
    pub(crate) fn create_lipsync(
        &mut self,
        request: &CreateLipsyncRequest,
        now: Instant,
    ) -> Result<String, ApiErr> {
        self.check_reference(&request.video, "video")?;
        self.check_reference(&request.audio, "audio")?;
        if let Some(url) = request.callback_url.as_deref() {
            check_url(url, "callback_url")?;
        }
        end_after_start(request.start_time, request.end_time)?;
        let duration = match (request.start_time, request.end_time) {
            (Some(start), Some(end)) => end - start,
            _ => 20.0,
        };
        self.gauge.admit(now, 1)?;
        let title = given(request.title.as_deref()).map(str::to_string);
        let callback_id = request.callback_id.clone();
        let record = self.new_record(ResourceKind::Lipsync, now, title, callback_id);
        let id = record.id.clone();
        self.lipsyncs.push(Lipsync { record, duration });
        Ok(id)
    }

    /// Renames a lipsync: the lipsync as renamed.
    pub(crate) fn rename_lipsync(
        &mut self,
        lipsync_id: &str,
        title: String,
    ) -> Result<Lipsync, ApiErr> {
        let lipsync = find_mut(&mut self.lipsyncs, lipsync_id)?;
        lipsync.record.title = Some(title);
        Ok(lipsync.clone())
    }
}
