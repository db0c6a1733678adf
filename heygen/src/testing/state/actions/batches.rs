//! Batches of videos, video translations and lipsyncs: creating one (1 to 100 items; a
//! translation into several languages is an item per language), and starting its items, each
//! through its kind's own create, as the concurrent-job limit leaves room.

use serde_json::{Value, json};
use tokio::time::Instant;

use crate::testing::house_rules::{batch_size, check_url, given};
use crate::testing::reply::{ApiErr, decode};
use crate::testing::state::batches::{SimBatch, Slot};
use crate::testing::state::timeline::ResourceKind;
use crate::testing::state::world::{State, new_id};

impl State {
    /// Creates a batch of `kind` from the request `raw` (already checked against the API
    /// description), its creates listed at `items`, and starts what it can at `now`: its index
    /// in the batches.
    pub(crate) fn create_batch(
        &mut self,
        kind: ResourceKind,
        items: &str,
        raw: &Value,
        now: Instant,
    ) -> Result<usize, ApiErr> {
        if let Some(url) = raw.get("callback_url").and_then(Value::as_str) {
            check_url(url, "callback_url")?;
        }
        let mut slots = Vec::new();
        for item in raw[items].as_array().into_iter().flatten() {
            // A translation into several languages is one item per language.
            match item.get("output_languages").and_then(Value::as_array) {
                Some(languages) if kind == ResourceKind::VideoTranslation => {
                    for language in languages {
                        let mut one = item.clone();
                        one["output_languages"] = json!([language]);
                        slots.push(Slot::new(one));
                    }
                }
                _ => slots.push(Slot::new(item.clone())),
            }
        }
        batch_size(slots.len(), items)?;
        self.batches.push(SimBatch {
            id: new_id(),
            kind,
            title: given(raw.get("title").and_then(Value::as_str)).map(str::to_string),
            created: now,
            items: slots,
        });
        self.start_batch_items(now);
        Ok(self.batches.len() - 1)
    }

    /// The batch of `kind` with this id, its queued items started as far as room allows at
    /// `now`: its index in the batches, or 404.
    pub(crate) fn batch(
        &mut self,
        kind: ResourceKind,
        batch_id: &str,
        now: Instant,
    ) -> Result<usize, ApiErr> {
        self.start_batch_items(now);
        (self.batches.iter())
            .position(|b| b.id == batch_id && b.kind == kind)
            .ok_or_else(|| ApiErr::not_found("Batch"))
    }

    /// Starts the queued batch items there is room for at `now`, oldest batch first, each
    /// through its kind's own create: one bad item fails alone, and the items a full
    /// concurrent-job limit holds back wait `queued`.
    pub(crate) fn start_batch_items(&mut self, now: Instant) {
        for batch in 0..self.batches.len() {
            for item in 0..self.batches[batch].items.len() {
                if self.gauge.free(now) == 0 {
                    return;
                }
                let slot = &self.batches[batch].items[item];
                if !slot.waiting() {
                    continue;
                }
                let (kind, body) = (self.batches[batch].kind, slot.body.clone());
                let created = self.create_item(kind, body, now);
                let slot = &mut self.batches[batch].items[item];
                match created {
                    Ok(id) => slot.job_id = Some(id),
                    Err(error) if error.status.as_u16() == 429 => return,
                    Err(error) => slot.error = Some((error.code, error.message)),
                }
            }
        }
    }

    /// Creates one batch item of `kind`: its job's id.
    fn create_item(
        &mut self,
        kind: ResourceKind,
        body: Value,
        now: Instant,
    ) -> Result<String, ApiErr> {
        match kind {
            ResourceKind::Video => self.create_video(&decode(body)?, now).map(|(id, _)| id),
            ResourceKind::VideoTranslation => {
                let ids = self.create_translations(&decode(body)?, now)?;
                Ok(ids.into_iter().next().unwrap_or_default())
            }
            _ => self.create_lipsync(&decode(body)?, now),
        }
    }
}
