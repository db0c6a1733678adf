//! What a simulator holds from the start: public voices and avatar groups with two looks each,
//! named and spread over genders and languages so that listings and filters have something to
//! find. The seeded catalogs (templates, brand kits, sounds) are in `catalog.rs`.

use heygen_sys::types::{AudioVoiceItem, AudioVoiceType, AvatarLookType, PreferredOrientation};
use serde_json::json;

use super::avatars::{Group, Look};
use crate::testing::reply::typed;

const AVATAR_NAMES: [&str; 12] = [
    "Abigail", "Brandon", "Chloe", "Daniel", "Elena", "Farid", "Grace", "Hiro", "Imani", "Jonas",
    "Keiko", "Luca",
];
const OUTFITS: [&str; 2] = ["office", "casual"];
const VOICE_NAMES: [&str; 12] = [
    "Amber", "Blake", "Camila", "Diego", "Elise", "Felix", "Gia", "Hugo", "Ines", "Jasper", "Kira",
    "Leo",
];
const VOICE_LANGUAGES: [&str; 6] = [
    "English",
    "Spanish",
    "French",
    "German",
    "Japanese",
    "Portuguese",
];

fn gender(index: usize) -> &'static str {
    if index.is_multiple_of(2) {
        "female"
    } else {
        "male"
    }
}

/// `count` public voices, their preview files on the simulator at `base_url`.
pub(super) fn voices(base_url: &str, count: usize) -> Vec<AudioVoiceItem> {
    (0..count)
        .map(|index| {
            let name = match VOICE_NAMES.get(index) {
                Some(name) => name.to_string(),
                None => format!("Voice {}", index + 1),
            };
            let voice_id = format!(
                "sim_voice_{:02}_{}",
                index + 1,
                name.to_lowercase().replace(' ', "_")
            );
            typed(json!({
                "gender": gender(index),
                "language": VOICE_LANGUAGES[index % VOICE_LANGUAGES.len()],
                "name": name,
                "preview_audio_url": format!("{base_url}/files/voices/{voice_id}.mp3"),
                "support_locale": index % 3 == 0,
                "support_pause": true,
                "type": AudioVoiceType::Public,
                "voice_id": voice_id,
            }))
        })
        .collect()
}

/// `count` public avatar groups of two looks each, created a month before `now` (Unix
/// seconds), speaking `voices` by gender; `seq` hands out their listing keys.
pub(super) fn avatars(
    count: usize,
    voices: &[AudioVoiceItem],
    now: i64,
    mut seq: impl FnMut() -> u64,
) -> (Vec<Group>, Vec<Look>) {
    let (mut groups, mut looks) = (Vec::new(), Vec::new());
    let created_at = now - 86_400 * 30;
    for index in 0..count {
        let name = match AVATAR_NAMES.get(index) {
            Some(name) => name.to_string(),
            None => format!("Avatar{}", index + 1),
        };
        let gender = gender(index).to_string();
        let same: Vec<&AudioVoiceItem> = voices.iter().filter(|v| v.gender == gender).collect();
        let voice = match same.is_empty() {
            true => voices.first(),
            false => Some(same[index / 2 % same.len()]),
        };
        let default_voice_id = voice.map(|v| v.voice_id.clone());
        let group_id = format!("sim_group_{}", name.to_lowercase());
        groups.push(Group {
            seq: seq(),
            id: group_id.clone(),
            name: name.clone(),
            created_at: created_at + index as i64 * 3600,
            gender: Some(gender.clone()),
            default_voice_id: default_voice_id.clone(),
            public: true,
            consent: None,
        });
        for (n, outfit) in OUTFITS.iter().enumerate() {
            looks.push(Look {
                seq: seq(),
                id: format!("{name}_{outfit}_front"),
                group_id: group_id.clone(),
                name: format!("{name} ({outfit})"),
                avatar_type: AvatarLookType::StudioAvatar,
                gender: Some(gender.clone()),
                default_voice_id: default_voice_id.clone(),
                public: true,
                orientation: match n {
                    0 => PreferredOrientation::Landscape,
                    _ => PreferredOrientation::Portrait,
                },
                tags: vec![outfit.to_string(), "studio".to_string()],
                job: None,
            });
        }
    }
    (groups, looks)
}
