//! Workflow executions (v1): the one waitable job with no resource handle (its operations are
//! reached through `client.raw()`, its wait through
//! [`Client::wait_for_workflow_execution`]): how an execution says where it stands, and its
//! poll.

use heygen_sys::types::WorkflowExecutionDetailResponse;

use crate::Client;
use crate::call::path_id;
use crate::error::Result;
use crate::wait::{JobState, WaitOptions, Waitable, poll};

/// Workflow statuses: `submitted, running, completed, failed, not_found`.
const WORKFLOW_STATUSES: &[&str] = &["submitted", "running", "completed", "failed", "not_found"];

impl Waitable for WorkflowExecutionDetailResponse {
    const KIND: &'static str = "workflow_execution";

    fn status(&self) -> &str {
        &self.status
    }

    fn recognized(&self) -> bool {
        WORKFLOW_STATUSES.contains(&self.status.as_str())
    }

    fn state(&self) -> JobState {
        match self.status.as_str() {
            "completed" => JobState::Completed,
            "failed" => JobState::failed(
                self.error.as_ref().map(|e| &e.code),
                self.error.as_ref().map(|e| &e.message),
            ),
            "not_found" => JobState::Failed {
                code: Some("not_found".into()),
                message: Some(format!("no workflow execution {}", self.execution_id)),
            },
            _ => JobState::Running,
        }
    }
}

/// Polls a workflow execution until it ends (`getWorkflowExecution`).
pub(crate) async fn wait_for_execution(
    client: &Client,
    execution_id: &str,
    options: &WaitOptions,
) -> Result<WorkflowExecutionDetailResponse> {
    poll(execution_id, options, || async move {
        path_id("execution_id", execution_id)?;
        let raw = client.raw();
        client
            .data(
                raw.get_workflow_execution()
                    .execution_id(execution_id)
                    .send(),
                |e| e.data,
            )
            .await
    })
    .await
}
