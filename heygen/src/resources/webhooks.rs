//! Webhooks: endpoints, event types and delivered events.

use heygen_sys::types::{
    CreateWebhookEndpointRequest, RotateSecretResponseData, UpdateWebhookEndpointRequest,
    WebhookEndpointResponse, WebhookEventResponse, WebhookEventTypeItem,
};

use super::{data_op, list_op, resource};

resource!(
    /// Webhooks (`/v3/webhooks`).
    Webhooks, webhooks
);

impl Webhooks {
    data_op!(
        /// Register an endpoint (`createWebhookEndpoint`).
        create_endpoint(request: CreateWebhookEndpointRequest) -> WebhookEndpointResponse,
            |raw| raw.create_webhook_endpoint().body(request)
    );

    data_op!(
        /// Update an endpoint (`updateWebhookEndpoint`).
        update_endpoint(endpoint_id: &str, request: UpdateWebhookEndpointRequest) -> WebhookEndpointResponse,
            |raw| raw.update_webhook_endpoint().endpoint_id(endpoint_id).body(request)
    );

    /// Delete an endpoint (`deleteWebhookEndpoint`); returns the API's `data` object as is
    /// (the document gives it no fields).
    pub async fn delete_endpoint(
        &self,
        endpoint_id: &str,
    ) -> crate::Result<serde_json::Map<String, serde_json::Value>> {
        crate::call::path_id("endpoint_id", endpoint_id)?;
        let raw = self.client.raw();
        let request = raw.delete_webhook_endpoint().endpoint_id(endpoint_id);
        Ok(self.client.run(request.send()).await?.into_inner().data)
    }

    data_op!(
        /// Rotate an endpoint's signing secret (`rotateWebhookEndpointSecret`).
        rotate_secret(endpoint_id: &str) -> RotateSecretResponseData,
            |raw| raw.rotate_webhook_endpoint_secret().endpoint_id(endpoint_id)
    );

    list_op!(
        /// Registered endpoints (`listWebhookEndpoints`).
        list_endpoints, list_endpoints_with, ListWebhookEndpoints, list_webhook_endpoints -> WebhookEndpointResponse
    );

    list_op!(
        /// Delivered events (`listWebhookEvents`).
        list_events, list_events_with, ListWebhookEvents, list_webhook_events -> WebhookEventResponse
    );

    /// Every event type an endpoint can subscribe to (`listWebhookEventTypes`).
    pub async fn event_types(&self) -> crate::Result<Vec<WebhookEventTypeItem>> {
        let raw = self.client.raw();
        Ok(self
            .client
            .run(raw.list_webhook_event_types().send())
            .await?
            .into_inner()
            .data)
    }
}
