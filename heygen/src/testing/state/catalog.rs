//! The simulator's seeded catalogs: two templates (their variables' defaults use the first
//! seeded look and voice), two brand kits, two brand glossaries, a few tracks of music and
//! sound effects (and their search), and the video agent's styles. They are read-only through
//! the API, as HeyGen's are: templates, kits and glossaries are made in HeyGen's web app.

use heygen_sys::types::{AudioSound, BrandGlossary, BrandKit, Template};
use serde_json::{Map, Value, json};

use super::clock::rfc3339;
use crate::testing::reply::{ApiErr, typed};

/// `(style_id, name, tags)` of the seeded styles (`GET /v3/video-agents/styles`).
pub(crate) const STYLES: [(&str, &str, &[&str]); 4] = [
    ("sim_style_cinematic", "Cinematic", &["cinematic"]),
    ("sim_style_retro_tech", "Retro tech", &["retro-tech"]),
    ("sim_style_handmade", "Handmade", &["handmade", "print"]),
    (
        "sim_style_pop",
        "Pop culture",
        &["pop-culture", "iconic-artist"],
    ),
];

/// Everything seeded.
#[derive(Debug, Clone, Default)]
pub(crate) struct Catalog {
    pub templates: Vec<Template>,
    pub brand_kits: Vec<BrandKit>,
    pub glossaries: Vec<BrandGlossary>,
    /// Music and sound effects, their `score` 0 until a search computes it.
    pub sounds: Vec<AudioSound>,
}

/// Where a sound effect's loudest moment is (seconds in), and how to place the effect.
type Peak = (f64, &'static str);

/// The tracks: type, name, description, seconds, and a sound effect's peak.
#[rustfmt::skip] // a table: one track a line
const SOUNDS: [(&str, &str, &str, f64, Option<Peak>); 8] = [
    ("music", "Sunny Loft", "upbeat lofi hip-hop with warm keys", 94.0, None),
    ("music", "Night Drive", "tense cinematic synth riser building suspense", 61.0, None),
    ("music", "Open Roads", "bright acoustic folk guitar, optimistic", 128.0, None),
    ("music", "Boardroom", "calm corporate piano for presentations", 150.0, None),
    ("sound_effects", "Swoosh", "fast whoosh for a scene change", 1.2, Some((0.4, "hit"))),
    ("sound_effects", "Ka-ching", "cash register cha-ching", 1.8, Some((0.3, "hit"))),
    ("sound_effects", "Rise Up", "cinematic riser before a reveal", 4.0, Some((3.6, "riser"))),
    ("sound_effects", "Office Hum", "quiet office room tone", 30.0, Some((0.0, "bed"))),
];

impl Catalog {
    /// The seeded catalog of a simulator at `base_url` started at Unix second `now`; the
    /// templates' defaults use `look_id` and `voice_id` when the simulator has them.
    pub(crate) fn seed(
        base_url: &str,
        now: i64,
        look_id: Option<&str>,
        voice_id: Option<&str>,
    ) -> Self {
        let file = |kind: &str, name: &str| format!("{base_url}/files/{kind}/{name}");
        let created = now - 86_400 * 10;
        let (look, voice) = (look_id.unwrap_or_default(), voice_id.unwrap_or_default());
        let background = file("templates", "background.jpg");
        let templates = [
            json!({
                "aspect_ratio": "16:9", "created_at": created, "id": "sim_template_announcement",
                "name": "Product announcement", "updated_at": created + 600,
                "thumbnail_url": file("templates", "sim_template_announcement.jpg"),
                "variables": {
                    "headline": ["text", {"content": "Introducing our new product"}],
                    "presenter": ["character", {"type": "avatar", "character_id": look}],
                    "background": ["image", {"url": background, "asset_id": null, "fit": "cover"}],
                },
                "scenes": [
                    ["scene_intro", "{{headline}}. Here is what is new.",
                        ["headline", "presenter", "background"]],
                    ["scene_details", "It is faster, simpler and ready today.", ["presenter"]],
                    ["scene_outro", "{{headline}}. Try it now.", ["headline"]],
                ],
            }),
            json!({
                "aspect_ratio": "9:16", "created_at": created + 3600, "id": "sim_template_welcome",
                "name": "Personal welcome", "updated_at": created + 4200,
                "thumbnail_url": file("templates", "sim_template_welcome.jpg"),
                "variables": {
                    "first_name": ["text", {"content": "there"}],
                    "narrator": ["voice", {"voice_id": voice}],
                },
                "scenes": [
                    ["scene_greeting", "Hi {{first_name}}, welcome aboard!",
                        ["first_name", "narrator"]],
                ],
            }),
        ];
        let brand_kits = vec![
            typed(json!({
                "brand_kit_id": "sim_brand_kit_main",
                "colors": ["#1A73E8", "#FFFFFF", "#202124"],
                "logo_url": file("brand", "logo.jpg"),
                "name": "Main brand",
            })),
            typed(json!({
                "brand_kit_id": "sim_brand_kit_holiday",
                "colors": ["#C62828", "#2E7D32"],
                "name": "Holiday campaign",
            })),
        ];
        let glossaries = (0..)
            .zip(["Product names", "Fitness terms"])
            .map(|(index, name)| {
                typed(json!({
                    "brand_glossary_id": format!("sim_glossary_{}", index + 1),
                    "created_at": rfc3339(created + index * 60),
                    "name": name,
                    "updated_at": rfc3339(created + 86_400 + index * 60),
                }))
            });
        let sounds = SOUNDS
            .iter()
            .map(|(kind, name, description, seconds, peak)| {
                let id = format!("sim_sound_{}", name.to_lowercase().replace([' ', '-'], "_"));
                typed(json!({
                    "audio_url": file("sounds", &format!("{id}.mp3")),
                    "description": description,
                    "duration": seconds,
                    "id": id,
                    "name": name,
                    "peak_offset": peak.map(|(offset, _)| offset),
                    "placement": peak.map(|(_, placement)| placement),
                    "score": 0.0,
                    "type": kind,
                }))
            });
        Self {
            templates: templates.into_iter().map(template).collect(),
            brand_kits,
            glossaries: glossaries.collect(),
            sounds: sounds.collect(),
        }
    }
}

impl Catalog {
    /// The tracks of `kind` that `query` finds with at least `min_score`, best first, or says
    /// why not: a query must say something.
    pub(crate) fn search_sounds(
        &self,
        query: &str,
        kind: &str,
        min_score: f64,
    ) -> Result<Vec<AudioSound>, ApiErr> {
        if query.trim().is_empty() {
            let message = "'query' is required: describe the audio you want.";
            return Err(ApiErr::invalid(Some("query"), message));
        }
        let words: Vec<String> = (query.to_lowercase().split(|c: char| !c.is_alphanumeric()))
            .filter(|w| w.len() > 2)
            .map(str::to_string)
            .collect();
        let mut ranked: Vec<(f64, &AudioSound)> = (self.sounds.iter())
            .filter(|s| s.type_.as_str() == kind)
            .map(|s| (score(s, &words), s))
            .filter(|(score, _)| *score >= min_score)
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
        let scored = |(score, sound): (f64, &AudioSound)| {
            let mut sound = sound.clone();
            sound.score = (score * 1000.0).round() / 1000.0;
            sound
        };
        Ok(ranked.into_iter().map(scored).collect())
    }
}

/// How well `sound` matches the query's words (lower case): the simulator's "semantic" score
/// is word overlap, from 0.7 (one word in many) to 1.0 (every word) for a track matching any
/// word, 0.2 for any other.
fn score(sound: &AudioSound, words: &[String]) -> f64 {
    let text = format!("{} {}", sound.name, sound.description).to_lowercase();
    let matched = words.iter().filter(|w| text.contains(w.as_str())).count();
    if matched == 0 {
        0.2
    } else {
        0.7 + 0.3 * matched as f64 / words.len() as f64
    }
}

/// A seeded template from its short form, which writes each fact once: each variable
/// `name: [type, properties]` (its default, as a generate request takes it), each scene
/// `[id, script, names of the variables it uses]`; the scene ids follow from the scenes.
fn template(mut short: Value) -> Template {
    let variables: Value = (short["variables"].as_object().into_iter().flatten())
        .map(|(name, v)| {
            let default = json!({"name": name, "type": v[0], "properties": v[1]});
            (name.clone(), default)
        })
        .collect::<Map<_, _>>()
        .into();
    let scenes: Vec<Value> = (short["scenes"].as_array().into_iter().flatten())
        .map(|scene| {
            let used = (scene[2].as_array().into_iter().flatten()).map(|name| {
                let kind = &variables[name.as_str().unwrap_or_default()]["type"];
                json!({"name": name, "variable_type": kind})
            });
            json!({"scene_id": scene[0], "script": scene[1], "variables": used.collect::<Vec<_>>()})
        })
        .collect();
    short["scene_ids"] = scenes
        .iter()
        .map(|scene| scene["scene_id"].clone())
        .collect();
    short["scenes"] = scenes.into();
    short["variables"] = variables;
    typed(short)
}
