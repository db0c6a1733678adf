//! The simulator's seeded catalogs: two templates (their variables' defaults use
//! the first seeded look and voice), two brand kits, two brand glossaries and a few tracks of
//! music and sound effects. They are read-only through the API, as HeyGen's are: templates,
//! kits and glossaries are made in HeyGen's web app.

use heygen_sys::types::{BrandGlossary, BrandKit, ListAudioSoundsType, Template, TemplateScene};
use serde_json::{Map, Value, json};

use super::clock::rfc3339;
use crate::testing::reply::typed;

/// A track of the audio catalog; its `score` depends on the query, so it is computed per search.
#[derive(Debug, Clone)]
pub(crate) struct Sound {
    pub id: String,
    pub name: String,
    pub description: String,
    pub kind: ListAudioSoundsType,
    pub duration: f64,
    /// Sound effects only: where the loudest moment is, and how to place the effect.
    pub peak: Option<(f64, &'static str)>,
    pub audio_url: String,
}

/// Everything seeded.
#[derive(Debug, Clone, Default)]
pub(crate) struct Catalog {
    pub templates: Vec<Template>,
    pub brand_kits: Vec<BrandKit>,
    pub glossaries: Vec<BrandGlossary>,
    pub sounds: Vec<Sound>,
}

/// `(name, description, seconds)` of the music tracks.
const MUSIC: [(&str, &str, f64); 4] = [
    ("Sunny Loft", "upbeat lofi hip-hop with warm keys", 94.0),
    (
        "Night Drive",
        "tense cinematic synth riser building suspense",
        61.0,
    ),
    (
        "Open Roads",
        "bright acoustic folk guitar, optimistic",
        128.0,
    ),
    ("Boardroom", "calm corporate piano for presentations", 150.0),
];
/// `(name, description, seconds, peak offset, placement)` of the sound effects.
const EFFECTS: [(&str, &str, f64, f64, &str); 4] = [
    ("Swoosh", "fast whoosh for a scene change", 1.2, 0.4, "hit"),
    ("Ka-ching", "cash register cha-ching", 1.8, 0.3, "hit"),
    (
        "Rise Up",
        "cinematic riser before a reveal",
        4.0,
        3.6,
        "riser",
    ),
    ("Office Hum", "quiet office room tone", 30.0, 0.0, "bed"),
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
        let templates = vec![
            template(
                "sim_template_announcement",
                "Product announcement",
                "16:9",
                created,
                &file("templates", "sim_template_announcement.jpg"),
                vec![
                    variable(
                        "headline",
                        "text",
                        json!({"content": "Introducing our new product"}),
                    ),
                    variable(
                        "presenter",
                        "character",
                        json!({
                            "type": "avatar",
                            "character_id": look_id.unwrap_or_default(),
                        }),
                    ),
                    variable(
                        "background",
                        "image",
                        json!({
                            "url": file("templates", "background.jpg"),
                            "asset_id": null,
                            "fit": "cover",
                        }),
                    ),
                ],
                vec![
                    scene(
                        "scene_intro",
                        "{{headline}}. Here is what is new.",
                        &[
                            ("headline", "text"),
                            ("presenter", "character"),
                            ("background", "image"),
                        ],
                    ),
                    scene(
                        "scene_details",
                        "It is faster, simpler and ready today.",
                        &[("presenter", "character")],
                    ),
                    scene(
                        "scene_outro",
                        "{{headline}}. Try it now.",
                        &[("headline", "text")],
                    ),
                ],
            ),
            template(
                "sim_template_welcome",
                "Personal welcome",
                "9:16",
                created + 3600,
                &file("templates", "sim_template_welcome.jpg"),
                vec![
                    variable("first_name", "text", json!({"content": "there"})),
                    variable(
                        "narrator",
                        "voice",
                        json!({"voice_id": voice_id.unwrap_or_default()}),
                    ),
                ],
                vec![scene(
                    "scene_greeting",
                    "Hi {{first_name}}, welcome aboard!",
                    &[("first_name", "text"), ("narrator", "voice")],
                )],
            ),
        ];
        let brand_kits = vec![
            typed::<BrandKit>(json!({
                "brand_kit_id": "sim_brand_kit_main",
                "colors": ["#1A73E8", "#FFFFFF", "#202124"],
                "logo_url": file("brand", "logo.jpg"),
                "name": "Main brand",
            })),
            typed::<BrandKit>(json!({
                "brand_kit_id": "sim_brand_kit_holiday",
                "colors": vec!["#C62828".to_string(), "#2E7D32".to_string()],
                "logo_url": null,
                "name": "Holiday campaign",
            })),
        ];
        let glossaries = ["Product names", "Fitness terms"]
            .iter()
            .enumerate()
            .map(|(index, name)| {
                typed::<BrandGlossary>(json!({
                    "brand_glossary_id": format!("sim_glossary_{}", index + 1),
                    "created_at": rfc3339(created + index as i64 * 60),
                    "name": *name,
                    "updated_at": rfc3339(created + 86_400 + index as i64 * 60),
                }))
            })
            .collect();
        let music = MUSIC.iter().map(|(name, description, duration)| {
            (
                *name,
                *description,
                *duration,
                None,
                ListAudioSoundsType::Music,
            )
        });
        let effects = EFFECTS
            .iter()
            .map(|(name, description, duration, peak, placement)| {
                (
                    *name,
                    *description,
                    *duration,
                    Some((*peak, *placement)),
                    ListAudioSoundsType::SoundEffects,
                )
            });
        let sounds = music
            .chain(effects)
            .map(|(name, description, duration, peak, kind)| {
                let id = format!("sim_sound_{}", name.to_lowercase().replace([' ', '-'], "_"));
                Sound {
                    audio_url: file("sounds", &format!("{id}.mp3")),
                    id,
                    name: name.to_string(),
                    description: description.to_string(),
                    kind,
                    duration,
                    peak,
                }
            })
            .collect();
        Self {
            templates,
            brand_kits,
            glossaries,
            sounds,
        }
    }
}

/// A template variable's default, in the shape a generate request takes it.
fn variable(name: &str, kind: &str, properties: Value) -> (String, Value) {
    (
        name.to_string(),
        json!({
            "name": name,
            "type": kind,
            "properties": properties,
        }),
    )
}

fn scene(id: &str, script: &str, variables: &[(&str, &str)]) -> TemplateScene {
    typed::<TemplateScene>(json!({
        "scene_id": id,
        "script": script.to_string(),
        "variables": (variables
        .iter()
        .map(|(name, kind)| json!({
            "name": *name,
            "variable_type": *kind,
        }))
        .collect::<Vec<_>>()),
    }))
}

fn template(
    id: &str,
    name: &str,
    aspect_ratio: &str,
    created: i64,
    thumbnail: &str,
    variables: Vec<(String, Value)>,
    scenes: Vec<TemplateScene>,
) -> Template {
    typed::<Template>(json!({
        "aspect_ratio": aspect_ratio.to_string(),
        "created_at": created,
        "id": id,
        "name": name,
        "scene_ids": scenes.iter().map(|s| s.scene_id.clone()).collect::<Vec<_>>(),
        "scenes": scenes,
        "thumbnail_url": thumbnail.to_string(),
        "updated_at": created + 600,
        "variables": variables.into_iter().collect::<Map<String, Value>>(),
    }))
}
