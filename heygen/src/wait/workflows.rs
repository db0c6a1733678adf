//! The wait of a v1 workflow execution, the one waitable job with no resource module (its
//! operations are reached through `client.raw()`).

use heygen_sys::types::WorkflowExecutionDetailResponse;

use super::{WaitOptions, poll};
use crate::Client;
use crate::error::Result;

impl Client {
    /// Wait for a v1 workflow execution (`GET /v1/workflows/executions/{id}` polled); a
    /// `not_found` status is [`Error::JobFailed`](crate::Error::JobFailed) with code `not_found`.
    pub async fn wait_for_workflow_execution(
        &self,
        execution_id: &str,
        options: &WaitOptions,
    ) -> Result<WorkflowExecutionDetailResponse> {
        poll(execution_id, options, || async move {
            crate::call::path_id("execution_id", execution_id)?;
            let raw = self.raw();
            self.data(
                raw.get_workflow_execution()
                    .execution_id(execution_id)
                    .send(),
                |e| e.data,
            )
            .await
        })
        .await
    }
}
