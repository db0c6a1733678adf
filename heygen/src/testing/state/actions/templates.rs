//! Rendering a seeded template into a video: what the request must name (the template, its
//! variables and scenes, what the variables point at), the house rules on `fps` and
//! `dimension`, and the video it makes, an ordinary video of `/v3/videos`.

use heygen_sys::types::{GenerateTemplateVideoRequest, Template};
use serde_json::Value;
use tokio::time::Instant;

use crate::testing::house_rules::{check_url, given};
use crate::testing::reply::ApiErr;
use crate::testing::state::records::Video;
use crate::testing::state::timeline::ResourceKind;
use crate::testing::state::world::State;

/// Seconds of video per rendered scene.
const SCENE_SECONDS: f64 = 6.0;

impl State {
    /// The seeded template with this id, or 404.
    pub(crate) fn template(&self, template_id: &str) -> Result<&Template, ApiErr> {
        (self.catalog.templates.iter())
            .find(|t| t.id == template_id)
            .ok_or_else(|| ApiErr::not_found("Template"))
    }

    /// Renders the template into the video `request` asks for at `now`, or says why not
    /// (nothing changed): the video.
    pub(crate) fn render_template(
        &mut self,
        template_id: &str,
        request: &GenerateTemplateVideoRequest,
        now: Instant,
    ) -> Result<&Video, ApiErr> {
        let template = self.template(template_id)?;
        for (name, value) in &request.variables {
            self.check_variable(template, name, value, now)?;
        }
        let scenes = request.scene_ids.as_ref().unwrap_or(&template.scene_ids);
        if scenes.is_empty() && request.scene_ids.is_some() {
            let message = "'scene_ids' must name at least one scene; omit it to render them all.";
            return Err(ApiErr::invalid(Some("scene_ids"), message));
        }
        let unknown = scenes
            .iter()
            .position(|id| !template.scene_ids.contains(id));
        if let Some(index) = unknown {
            let (param, scene) = (format!("scene_ids[{index}]"), &scenes[index]);
            let message = format!("Template '{template_id}' has no scene '{scene}'.");
            return Err(ApiErr::invalid(Some(&param), message));
        }
        if ![25.0, 30.0, 60.0].contains(&request.fps) {
            return Err(ApiErr::invalid(Some("fps"), "'fps' must be 25, 30 or 60."));
        }
        if let Some(dimension) = &request.dimension {
            let (width, height) = (dimension.width, dimension.height);
            let valid = |side: i64| (128..=4096).contains(&side) && side % 2 == 0;
            if !valid(width) || !valid(height) {
                let message = "'dimension' sides must be even numbers of pixels from 128 to 4096.";
                return Err(ApiErr::invalid(Some("dimension"), message));
            }
            let aspect_ratio = template.aspect_ratio.as_deref();
            if (aspect_ratio == Some("9:16")) != (height > width) {
                let message = format!(
                    "'dimension' must match the template's aspect ratio ({}).",
                    aspect_ratio.unwrap_or("unknown")
                );
                return Err(ApiErr::invalid(Some("dimension"), message));
            }
        }
        if let Some(url) = request.callback_url.as_deref() {
            check_url(url, "callback_url")?;
        }
        let seconds = scenes.len() as f64 * SCENE_SECONDS;
        let title = given(request.title.as_deref()).unwrap_or(&template.name);
        let title = Some(title.to_string());
        let callback_id = request.callback_id.clone();
        let record = self.new_record(ResourceKind::Video, now, title, callback_id);
        self.videos.push(Video {
            record,
            folder_id: given(request.folder_id.as_deref()).map(str::to_string),
            duration: seconds,
        });
        Ok(&self.videos[self.videos.len() - 1])
    }

    /// Checks one variable replacement against the template's variable of that name, and what
    /// it points at (a look, a voice, a URL or an asset).
    fn check_variable(
        &self,
        template: &Template,
        name: &str,
        value: &Value,
        now: Instant,
    ) -> Result<(), ApiErr> {
        let refuse = |at: &str, message: String| -> Result<(), ApiErr> {
            let param = format!("variables.{name}{at}");
            Err(ApiErr::invalid(Some(&param), message))
        };
        let default = template.variables.get(name);
        let Some(kind) = default.and_then(|default| default["type"].as_str()) else {
            let id = &template.id;
            let message = format!(
                "Template '{id}' has no variable '{name}'; GET /v3/templates/{id} lists them."
            );
            return refuse("", message);
        };
        if value["type"].as_str().is_some_and(|given| given != kind) {
            return refuse(".type", format!("Variable '{name}' is of type '{kind}'."));
        }
        let Some(properties) = value["properties"].as_object() else {
            let message = format!("Variable '{name}' needs 'properties'.");
            return refuse(".properties", message);
        };
        let field = |key: &str| properties.get(key).and_then(Value::as_str);
        let param = |key: &str| format!("variables.{name}.properties.{key}");
        let (key, needs) = match kind {
            "text" => ("content", "a string 'content'"),
            "character" => ("character_id", "'character_id' (an avatar look id)"),
            "voice" => ("voice_id", "'voice_id'"),
            _ => ("url", "one of 'url' or 'asset_id'"),
        };
        let missing = || {
            let message = format!("A {kind} variable needs {needs}.");
            refuse(&format!(".properties.{key}"), message)
        };
        match (kind, field(key), field("asset_id")) {
            ("text", Some(_), _) => Ok(()),
            ("character", Some(look), _) => self.check_look(look, &param(key), now),
            ("voice", Some(voice), _) => self.check_voice(voice, &param(key)),
            ("text" | "character" | "voice", None, _) => missing(),
            (_, Some(url), None) => check_url(url, &param(key)),
            (_, None, Some(asset)) => self.check_asset_id(asset, &param("asset_id")),
            _ => missing(),
        }
    }
}
