//! Every operation of the document as a call through the SDK: its generated raw way
//! ([`heygen_sdk::Client::raw`] + [`heygen_sdk::Client::run`], written by `cargo xtask generate`
//! into `calls/generated.rs` for every operation of the pinned document, so a new operation is
//! exercised the day it appears), and the hand-written `heygen` resource methods for the
//! operations they cover (the multipart `uploadAsset` through `assets().upload_bytes`).
//!
//! A [`Way`] takes an [`Input`] (path and query parameters and a JSON body, synthesised from
//! the document or scripted) and turns it into typed SDK values: the body is deserialised into
//! the generated request type, the parameters into the generated parameter types, and the call
//! is sent. Its [`Outcome`] is what the SDK handed back, as JSON (`serde_json::to_value` of the
//! decoded value), with a note of which part of the response body it must equal
//! ([`Expected`]). An operation with a resource method has both ways.
//!
//! The same table drives the response contract, the request contract and the Prism run.

use std::collections::BTreeMap;
use std::num::NonZeroU64;

use futures::future::BoxFuture;
use heygen_sdk::types;
use heygen_sdk::{Client, Page};
use heygen_sys::ResponseValue;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::spec::{Location, Operation};
use crate::synth::Synth;

/// The parameters and body of one call.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Input {
    /// Path parameters by name.
    pub path: BTreeMap<String, Value>,
    /// Query parameters by name (optional ones included when the SDK should send them).
    pub query: BTreeMap<String, Value>,
    /// The JSON request body; for `uploadAsset`, `{"file": "<the file's text>"}`.
    pub body: Option<Value>,
}

/// Why a call did not produce an [`Outcome`].
#[derive(Debug)]
pub enum CallError {
    /// The SDK returned an error.
    Sdk(heygen_sdk::Error),
    /// The input could not be turned into the SDK's typed values (a generated type that
    /// cannot hold a value the document allows, or a missing input).
    Input(String),
}

impl From<heygen_sdk::Error> for CallError {
    fn from(e: heygen_sdk::Error) -> Self {
        CallError::Sdk(e)
    }
}

impl std::fmt::Display for CallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CallError::Sdk(e) => write!(f, "SDK error: {e}"),
            CallError::Input(e) => write!(f, "input error: {e}"),
        }
    }
}

/// Which part of the response body the decoded value must equal.
#[derive(Debug, Clone, Copy)]
pub enum Expected {
    /// The whole body (raw calls return the generated envelope).
    Whole,
    /// The value at a JSON pointer (`/data` for resource methods that unwrap the envelope).
    At(&'static str),
    /// A value computed from the body (pages: items, `has_more`, `next_token`).
    Derived(fn(&Value) -> Value),
}

impl Expected {
    /// The part of `served` the decoded value must equal.
    pub fn of(&self, served: &Value) -> Value {
        match self {
            Expected::Whole => served.clone(),
            Expected::At(pointer) => served.pointer(pointer).cloned().unwrap_or(Value::Null),
            Expected::Derived(f) => f(served),
        }
    }
}

/// What a successful call handed back.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// `serde_json::to_value` of the SDK's return value.
    pub decoded: Value,
    /// Which part of the response it must equal.
    pub expected: Expected,
}

/// The result of a call.
pub type CallResult = Result<Outcome, CallError>;

/// A call of one operation through the SDK.
pub type CallFn = for<'a> fn(&'a Client, &'a Input) -> BoxFuture<'a, CallResult>;

/// One way of calling an operation through the SDK.
#[derive(Clone, Copy)]
pub struct Way {
    /// The operation's `operationId`.
    pub operation_id: &'static str,
    /// The SDK surface used (`videos().get`, `raw().get_video`, ...).
    pub via: &'static str,
    /// Whether this way goes through a hand-written resource method (else the raw builder).
    pub resource: bool,
    /// The call.
    pub call: CallFn,
}

impl std::fmt::Debug for Way {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} via {}", self.operation_id, self.via)
    }
}

impl Input {
    /// Every parameter of `op` (required and optional) from [`Synth::parameter_value`], and
    /// `body`.
    pub fn synthesised(op: &Operation<'_>, synth: &Synth<'_>, body: Option<Value>) -> Input {
        let mut input = Input {
            body,
            ..Input::default()
        };
        for p in op.parameters() {
            let value = synth.parameter_value(&p);
            match p.location {
                Location::Path => input.path.insert(p.name, value),
                Location::Query => input.query.insert(p.name, value),
                Location::Header | Location::Cookie => None,
            };
        }
        input
    }

    /// A path parameter, as the string that goes into the URL.
    pub fn path(&self, name: &str) -> Result<String, CallError> {
        match self.path.get(name) {
            Some(Value::String(s)) => Ok(s.clone()),
            Some(other) => Ok(other.to_string()),
            None => Err(CallError::Input(format!("no path parameter `{name}`"))),
        }
    }

    /// A path parameter, deserialised into the SDK's type for it (a string stays a string).
    pub fn path_as<T: DeserializeOwned>(&self, name: &str) -> Result<T, CallError> {
        let value = self
            .path
            .get(name)
            .ok_or_else(|| CallError::Input(format!("no path parameter `{name}`")))?;
        serde_json::from_value(value.clone()).map_err(|e| {
            CallError::Input(format!(
                "path parameter `{name}` = {value} does not fit the SDK's type {}: {e}",
                std::any::type_name::<T>()
            ))
        })
    }

    /// An optional query parameter, deserialised into the SDK's type for it.
    pub fn query<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, CallError> {
        self.query
            .get(name)
            .map(|v| {
                serde_json::from_value(v.clone()).map_err(|e| {
                    CallError::Input(format!(
                        "query parameter `{name}` = {v} does not fit the SDK's type {}: {e}",
                        std::any::type_name::<T>()
                    ))
                })
            })
            .transpose()
    }

    /// A required query parameter.
    pub fn required<T: DeserializeOwned>(&self, name: &str) -> Result<T, CallError> {
        self.query(name)?
            .ok_or_else(|| CallError::Input(format!("no query parameter `{name}`")))
    }

    /// The body, deserialised into the generated request type.
    pub fn body<T: DeserializeOwned>(&self) -> Result<T, CallError> {
        let body = self
            .body
            .clone()
            .ok_or_else(|| CallError::Input("no request body".into()))?;
        serde_json::from_value(body.clone()).map_err(|e| {
            CallError::Input(format!(
                "the body does not deserialise into {}: {e}; body: {body}",
                std::any::type_name::<T>()
            ))
        })
    }
}

fn to_value<T: Serialize>(value: &T) -> Result<Value, CallError> {
    serde_json::to_value(value)
        .map_err(|e| CallError::Input(format!("cannot serialise the decoded value: {e}")))
}

/// A resource method's unwrapped `data`.
fn data<T: Serialize>(result: heygen_sdk::Result<T>) -> CallResult {
    Ok(Outcome {
        decoded: to_value(&result?)?,
        expected: Expected::At("/data"),
    })
}

/// A raw call's whole envelope.
fn whole<T: Serialize>(result: heygen_sdk::Result<ResponseValue<T>>) -> CallResult {
    Ok(Outcome {
        decoded: to_value(result?.as_ref())?,
        expected: Expected::Whole,
    })
}

fn page_value<T: Serialize>(page: &Page<T>) -> Result<Value, CallError> {
    Ok(json!({
        "items": to_value(&page.items)?,
        "has_more": page.has_more,
        "next_token": page.next_token,
    }))
}

/// A cursor page (`{data: [...], has_more, next_token}`): the paginator's first page.
fn page<T: Serialize>(result: heygen_sdk::Result<Page<T>>) -> CallResult {
    Ok(Outcome {
        decoded: page_value(&result?)?,
        expected: Expected::Derived(cursor_page),
    })
}

/// What [`heygen_sdk::Paginator`] makes of a `{data, has_more, next_token}` body: `has_more`
/// absent or `null` counts as `false`.
fn cursor_page(served: &Value) -> Value {
    json!({
        "items": served.get("data").cloned().unwrap_or(Value::Null),
        "has_more": served.get("has_more").and_then(Value::as_bool).unwrap_or(false),
        "next_token": served.get("next_token").cloned().unwrap_or(Value::Null),
    })
}

/// A `list_with` configuration closure setting each optional query parameter of the input.
macro_rules! configure {
    ($input:ident; $($method:ident: $ty:ty = $key:literal),* $(,)?) => {{
        $(let $method: Option<$ty> = $input.query::<$ty>($key)?;)*
        move |mut request| {
            $(
                if let Some(value) = $method.clone() {
                    request = request.$method(value);
                }
            )*
            request
        }
    }};
}

macro_rules! way {
    ($op:literal, $via:literal, resource, |$client:ident, $input:ident| $body:block) => {
        Way {
            operation_id: $op,
            via: $via,
            resource: true,
            call: |$client, $input| Box::pin(async move $body),
        }
    };
    ($op:literal, $via:literal, raw, |$client:ident, $input:ident| $body:block) => {
        Way {
            operation_id: $op,
            via: $via,
            resource: false,
            call: |$client, $input| Box::pin(async move $body),
        }
    };
}

mod assets;
#[rustfmt::skip]
mod generated;
mod more_resources;

/// Every way of calling every operation, in no particular order.
pub fn ways() -> Vec<Way> {
    let mut ways = vec![
        // ---- v1 / v2: the generated client, run through the heygen client.
        way!(
            "listAudioVoices",
            "voices().list_v1_with",
            resource,
            |c, i| {
                page(c.voices().list_v1_with(configure!(i; gender: String = "gender", language: String = "language", limit: NonZeroU64 = "limit", token: String = "token", type_: types::AudioVoiceType = "type")).first_page().await)
            }
        ),
        way!("listVideos", "videos().list_v2_with", resource, |c, i| {
            page(c.videos().list_v2_with(configure!(i; folder_id: String = "folder_id", limit: NonZeroU64 = "limit", title: String = "title", token: String = "token")).first_page().await)
        }),
        // ---- v3: the resources.
        way!(
            "createVideoAgentV3",
            "video_agents().create",
            resource,
            |c, i| {
                data(
                    c.video_agents()
                        .create(i.body::<types::CreateVideoAgentRequest>()?)
                        .await,
                )
            }
        ),
        way!(
            "listVideoAgentStyles",
            "video_agents().list_styles_with",
            resource,
            |c, i| {
                page(c.video_agents().list_styles_with(configure!(i; limit: NonZeroU64 = "limit", tag: String = "tag", token: String = "token")).first_page().await)
            }
        ),
        way!("createAvatar", "avatars().create", resource, |c, i| {
            data(
                c.avatars()
                    .create(i.body::<types::CreateAvatarRequestBody>()?)
                    .await,
            )
        }),
        way!(
            "listAvatarGroups",
            "avatars().list_with",
            resource,
            |c, i| {
                page(c.avatars().list_with(configure!(i; limit: NonZeroU64 = "limit", ownership: types::AvatarOwnership = "ownership", token: String = "token")).first_page().await)
            }
        ),
        way!(
            "createSpeechV3",
            "voices().create_speech",
            resource,
            |c, i| {
                data(
                    c.voices()
                        .create_speech(i.body::<types::TextToSpeechRequest>()?)
                        .await,
                )
            }
        ),
        way!("designVoice", "voices().design", resource, |c, i| {
            data(
                c.voices()
                    .design(i.body::<types::DesignVoiceRequest>()?)
                    .await,
            )
        }),
        way!("listVoicesV3", "voices().list_with", resource, |c, i| {
            page(c.voices().list_with(configure!(i; engine: String = "engine", gender: String = "gender", language: String = "language", limit: NonZeroU64 = "limit", token: String = "token", type_: types::AudioVoiceType = "type")).first_page().await)
        }),
        way!("createVideo", "videos().create", resource, |c, i| {
            data(
                c.videos()
                    .create(i.body::<types::CreateVideoV3RequestBody>()?)
                    .await,
            )
        }),
        way!("listVideosV3", "videos().list_with", resource, |c, i| {
            page(c.videos().list_with(configure!(i; folder_id: String = "folder_id", limit: NonZeroU64 = "limit", title: String = "title", token: String = "token")).first_page().await)
        }),
        way!("getVideoV3", "videos().get", resource, |c, i| {
            data(c.videos().get(&i.path("video_id")?).await)
        }),
        way!("deleteVideoV3", "videos().delete", resource, |c, i| {
            data(c.videos().delete(&i.path("video_id")?).await)
        }),
        way!(
            "listVideoTranslationsV3",
            "video_translations().list_with",
            resource,
            |c, i| {
                page(
                    c.video_translations()
                        .list_with(
                            configure!(i; limit: NonZeroU64 = "limit", token: String = "token"),
                        )
                        .first_page()
                        .await,
                )
            }
        ),
        way!(
            "createVideoTranslationV3",
            "video_translations().create",
            resource,
            |c, i| {
                data(
                    c.video_translations()
                        .create(i.body::<types::CreateVideoTranslationRequest>()?)
                        .await,
                )
            }
        ),
        way!(
            "getVideoTranslationV3",
            "video_translations().get",
            resource,
            |c, i| {
                data(
                    c.video_translations()
                        .get(&i.path("video_translation_id")?)
                        .await,
                )
            }
        ),
        way!(
            "updateVideoTranslationV3",
            "video_translations().update",
            resource,
            |c, i| {
                data(
                    c.video_translations()
                        .update(
                            &i.path("video_translation_id")?,
                            i.body::<types::UpdateVideoTranslationRequest>()?,
                        )
                        .await,
                )
            }
        ),
        way!(
            "deleteVideoTranslationV3",
            "video_translations().delete",
            resource,
            |c, i| {
                data(
                    c.video_translations()
                        .delete(&i.path("video_translation_id")?)
                        .await,
                )
            }
        ),
        way!(
            "listVideoTranslationLanguagesV3",
            "video_translations().languages",
            resource,
            |c, _i| { data(c.video_translations().languages().await) }
        ),
        way!(
            "createProofreadV3",
            "video_translations().create_proofread",
            resource,
            |c, i| {
                data(
                    c.video_translations()
                        .create_proofread(i.body::<types::CreateProofreadRequest>()?)
                        .await,
                )
            }
        ),
        way!(
            "getProofreadV3",
            "video_translations().get_proofread",
            resource,
            |c, i| {
                data(
                    c.video_translations()
                        .get_proofread(&i.path("proofread_id")?)
                        .await,
                )
            }
        ),
        way!(
            "downloadProofreadSrtV3",
            "video_translations().download_proofread_srt",
            resource,
            |c, i| {
                data(
                    c.video_translations()
                        .download_proofread_srt(&i.path("proofread_id")?)
                        .await,
                )
            }
        ),
        way!(
            "uploadProofreadSrtV3",
            "video_translations().upload_proofread_srt",
            resource,
            |c, i| {
                data(
                    c.video_translations()
                        .upload_proofread_srt(
                            &i.path("proofread_id")?,
                            i.body::<types::UploadSrtRequest>()?,
                        )
                        .await,
                )
            }
        ),
        way!(
            "generateFromProofreadV3",
            "video_translations().generate_from_proofread",
            resource,
            |c, i| {
                data(
                    c.video_translations()
                        .generate_from_proofread(
                            &i.path("proofread_id")?,
                            i.body::<types::GenerateVideoRequest>()?,
                        )
                        .await,
                )
            }
        ),
        way!(
            "listLipsyncsV3",
            "lipsyncs().list_with",
            resource,
            |c, i| {
                page(
                    c.lipsyncs()
                        .list_with(
                            configure!(i; limit: NonZeroU64 = "limit", token: String = "token"),
                        )
                        .first_page()
                        .await,
                )
            }
        ),
        way!("createLipsyncV3", "lipsyncs().create", resource, |c, i| {
            data(
                c.lipsyncs()
                    .create(i.body::<types::CreateLipsyncRequest>()?)
                    .await,
            )
        }),
        way!("getLipsyncV3", "lipsyncs().get", resource, |c, i| {
            data(c.lipsyncs().get(&i.path("lipsync_id")?).await)
        }),
        way!("updateLipsyncV3", "lipsyncs().update", resource, |c, i| {
            data(
                c.lipsyncs()
                    .update(
                        &i.path("lipsync_id")?,
                        i.body::<types::UpdateLipsyncRequest>()?,
                    )
                    .await,
            )
        }),
        way!("deleteLipsyncV3", "lipsyncs().delete", resource, |c, i| {
            data(c.lipsyncs().delete(&i.path("lipsync_id")?).await)
        }),
        way!("getUserMeV3", "users().me", resource, |c, _i| {
            data(c.users().me().await)
        }),
        way!("getAvatarGroup", "avatars().get", resource, |c, i| {
            data(c.avatars().get(&i.path("group_id")?).await)
        }),
        way!(
            "createAvatarConsent",
            "avatars().create_consent",
            resource,
            |c, i| {
                data(
                    c.avatars()
                        .create_consent(
                            &i.path("group_id")?,
                            i.body::<types::CreateAvatarConsentRequest>()?,
                        )
                        .await,
                )
            }
        ),
        way!(
            "listAvatarLooks",
            "avatars().list_looks_with",
            resource,
            |c, i| {
                page(c.avatars().list_looks_with(configure!(i; avatar_type: types::ListAvatarLooksAvatarType = "avatar_type", group_id: String = "group_id", limit: NonZeroU64 = "limit", ownership: types::AvatarOwnership = "ownership", token: String = "token")).first_page().await)
            }
        ),
        way!("getAvatarLook", "avatars().get_look", resource, |c, i| {
            data(c.avatars().get_look(&i.path("look_id")?).await)
        }),
        way!(
            "updateAvatarLook",
            "avatars().update_look",
            resource,
            |c, i| {
                data(
                    c.avatars()
                        .update_look(
                            &i.path("look_id")?,
                            i.body::<types::UpdateAvatarLookRequest>()?,
                        )
                        .await,
                )
            }
        ),
        way!(
            "listWebhookEventTypes",
            "webhooks().event_types",
            resource,
            |c, _i| {
                Ok(Outcome {
                    decoded: to_value(&c.webhooks().event_types().await?)?,
                    expected: Expected::At("/data"),
                })
            }
        ),
        way!(
            "listWebhookEndpoints",
            "webhooks().list_endpoints_with",
            resource,
            |c, i| {
                page(
                    c.webhooks()
                        .list_endpoints_with(
                            configure!(i; limit: NonZeroU64 = "limit", token: String = "token"),
                        )
                        .first_page()
                        .await,
                )
            }
        ),
        way!(
            "createWebhookEndpoint",
            "webhooks().create_endpoint",
            resource,
            |c, i| {
                data(
                    c.webhooks()
                        .create_endpoint(i.body::<types::CreateWebhookEndpointRequest>()?)
                        .await,
                )
            }
        ),
        way!(
            "updateWebhookEndpoint",
            "webhooks().update_endpoint",
            resource,
            |c, i| {
                data(
                    c.webhooks()
                        .update_endpoint(
                            &i.path("endpoint_id")?,
                            i.body::<types::UpdateWebhookEndpointRequest>()?,
                        )
                        .await,
                )
            }
        ),
        way!(
            "deleteWebhookEndpoint",
            "webhooks().delete_endpoint",
            resource,
            |c, i| { data(c.webhooks().delete_endpoint(&i.path("endpoint_id")?).await) }
        ),
        way!(
            "rotateWebhookEndpointSecret",
            "webhooks().rotate_secret",
            resource,
            |c, i| { data(c.webhooks().rotate_secret(&i.path("endpoint_id")?).await) }
        ),
        way!(
            "listWebhookEvents",
            "webhooks().list_events_with",
            resource,
            |c, i| {
                page(c.webhooks().list_events_with(configure!(i; entity_id: String = "entity_id", event_type: types::ListWebhookEventsEventType = "event_type", limit: NonZeroU64 = "limit", token: String = "token")).first_page().await)
            }
        ),
        way!("uploadAsset", "assets().upload_bytes", resource, |c, i| {
            let body = i
                .body
                .as_ref()
                .ok_or_else(|| CallError::Input("no file".into()))?;
            let file = match body.get("file") {
                Some(Value::String(s)) => s.clone().into_bytes(),
                other => {
                    return Err(CallError::Input(format!(
                        "`file` is not a string: {other:?}"
                    )));
                }
            };
            data(
                c.assets()
                    .upload_bytes("contract.txt", Some("text/plain"), file)
                    .await,
            )
        }),
        way!(
            "getVideoAgentSession",
            "video_agents().get_session",
            resource,
            |c, i| { data(c.video_agents().get_session(&i.path("session_id")?).await) }
        ),
        way!(
            "continueVideoAgentSession",
            "video_agents().send_message",
            resource,
            |c, i| {
                data(
                    c.video_agents()
                        .send_message(&i.path("session_id")?, i.body()?)
                        .await,
                )
            }
        ),
        way!(
            "getVideoAgentSessionResource",
            "video_agents().session_resource",
            resource,
            |c, i| {
                data(
                    c.video_agents()
                        .session_resource(&i.path("session_id")?, &i.path("resource_id")?)
                        .await,
                )
            }
        ),
        way!(
            "listVideoAgentSessionVideos",
            "video_agents().session_videos",
            resource,
            |c, i| {
                Ok(Outcome {
                    decoded: to_value(
                        &c.video_agents()
                            .session_videos(&i.path("session_id")?)
                            .await?,
                    )?,
                    expected: Expected::Whole,
                })
            }
        ),
        way!(
            "listVideoAgentSessions",
            "video_agents().list_sessions_with",
            resource,
            |c, i| {
                page(
                    c.video_agents()
                        .list_sessions_with(
                            configure!(i; limit: NonZeroU64 = "limit", token: String = "token"),
                        )
                        .first_page()
                        .await,
                )
            }
        ),
        way!(
            "stopVideoAgentSession",
            "video_agents().stop_session",
            resource,
            |c, i| {
                data(
                    c.video_agents()
                        .stop_session(&i.path("session_id")?, i.body()?)
                        .await,
                )
            }
        ),
        // The batch creates, through the resources (their gets and statuses take parameters
        // the resource methods do not send: the raw ways cover them).
        way!(
            "createVideoBatch",
            "videos().create_batch",
            resource,
            |c, i| {
                data(
                    c.videos()
                        .create_batch(i.body::<types::CreateVideoBatchRequest>()?)
                        .await,
                )
            }
        ),
        way!(
            "createVideoTranslationBatch",
            "video_translations().create_batch",
            resource,
            |c, i| {
                data(
                    c.video_translations()
                        .create_batch(i.body::<types::CreateVideoTranslationBatchRequest>()?)
                        .await,
                )
            }
        ),
        way!(
            "createLipsyncBatch",
            "lipsyncs().create_batch",
            resource,
            |c, i| {
                data(
                    c.lipsyncs()
                        .create_batch(i.body::<types::CreateLipsyncBatchRequest>()?)
                        .await,
                )
            }
        ),
    ];
    ways.extend(more_resources::ways());
    ways.extend(generated::ways());
    ways.extend(assets::ways());
    ways
}
