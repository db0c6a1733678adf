//! The webhook-endpoints resource (`client.webhooks()`): endpoints, event types and delivered
//! events, as the API lists them. (A delivery's body, as your endpoint receives it, is parsed
//! by [`crate::webhooks::Event`].)

use heygen_sys::types::{
    CreateWebhookEndpointRequest, RotateSecretResponseData, UpdateWebhookEndpointRequest,
    WebhookEndpointResponse, WebhookEventResponse, WebhookEventTypeItem,
};

use heygen_sys::builder;

use super::{SendAt as _, cursor_list, path_id};
use crate::{Client, Error, Paginator, Result};

/// Webhooks (`/v3/webhooks`): `client.webhooks()`.
#[derive(Debug, Clone)]
pub struct Webhooks {
    pub(crate) client: Client,
}

impl Webhooks {
    /// Register an endpoint (`createWebhookEndpoint`); takes the builder of
    /// [`CreateWebhookEndpointRequest`] or the type. The answer carries the endpoint's signing
    /// `secret`.
    pub async fn create_endpoint<R>(&self, request: R) -> Result<WebhookEndpointResponse>
    where
        R: TryInto<CreateWebhookEndpointRequest>,
        R::Error: Into<Error>,
    {
        let body = request.try_into().map_err(Into::into)?;
        let raw = self.client.raw();
        self.client
            .data(raw.create_webhook_endpoint().body(body).send(), |e| e.data)
            .await
    }

    /// Update an endpoint (`updateWebhookEndpoint`); takes the builder of
    /// [`UpdateWebhookEndpointRequest`] or the type.
    pub async fn update_endpoint<R>(
        &self,
        endpoint_id: &str,
        request: R,
    ) -> Result<WebhookEndpointResponse>
    where
        R: TryInto<UpdateWebhookEndpointRequest>,
        R::Error: Into<Error>,
    {
        path_id("endpoint_id", endpoint_id)?;
        let body = request.try_into().map_err(Into::into)?;
        let raw = self.client.raw();
        let request = raw
            .update_webhook_endpoint()
            .endpoint_id(endpoint_id)
            .body(body);
        self.client.data(request.send(), |e| e.data).await
    }

    /// Delete an endpoint (`deleteWebhookEndpoint`); returns the API's `data` object as is
    /// (the document gives it no fields).
    pub async fn delete_endpoint(
        &self,
        endpoint_id: &str,
    ) -> Result<serde_json::Map<String, serde_json::Value>> {
        path_id("endpoint_id", endpoint_id)?;
        let raw = self.client.raw();
        let request = raw.delete_webhook_endpoint().endpoint_id(endpoint_id);
        Ok(self.client.run(request.send()).await?.into_inner().data)
    }

    /// Rotate an endpoint's signing secret (`rotateWebhookEndpointSecret`).
    pub async fn rotate_secret(&self, endpoint_id: &str) -> Result<RotateSecretResponseData> {
        path_id("endpoint_id", endpoint_id)?;
        let raw = self.client.raw();
        let request = raw
            .rotate_webhook_endpoint_secret()
            .endpoint_id(endpoint_id);
        self.client.data(request.send(), |e| e.data).await
    }

    /// Registered endpoints (`listWebhookEndpoints`).
    pub fn list_endpoints(&self) -> Paginator<WebhookEndpointResponse> {
        self.list_endpoints_with(|request| request)
    }

    /// [`Self::list_endpoints`] with the generated request builder configured (`limit` sets
    /// the page size) (`listWebhookEndpoints`).
    pub fn list_endpoints_with<F>(&self, configure: F) -> Paginator<WebhookEndpointResponse>
    where
        F: for<'a> Fn(builder::ListWebhookEndpoints<'a>) -> builder::ListWebhookEndpoints<'a>
            + Send
            + Sync
            + 'static,
    {
        cursor_list(&self.client, move |raw, token| {
            configure(raw.list_webhook_endpoints()).send_at(token)
        })
    }

    /// Delivered events (`listWebhookEvents`); each converts into a typed
    /// [`webhooks::Event`](crate::webhooks::Event) with `Event::try_from`.
    pub fn list_events(&self) -> Paginator<WebhookEventResponse> {
        self.list_events_with(|request| request)
    }

    /// [`Self::list_events`] with the generated request builder configured (`event_type`,
    /// `entity_id`; `limit` sets the page size) (`listWebhookEvents`).
    pub fn list_events_with<F>(&self, configure: F) -> Paginator<WebhookEventResponse>
    where
        F: for<'a> Fn(builder::ListWebhookEvents<'a>) -> builder::ListWebhookEvents<'a>
            + Send
            + Sync
            + 'static,
    {
        cursor_list(&self.client, move |raw, token| {
            configure(raw.list_webhook_events()).send_at(token)
        })
    }

    /// Every event type an endpoint can subscribe to (`listWebhookEventTypes`).
    pub async fn event_types(&self) -> Result<Vec<WebhookEventTypeItem>> {
        let raw = self.client.raw();
        let response = self
            .client
            .run(raw.list_webhook_event_types().send())
            .await?;
        Ok(response.into_inner().data)
    }
}
