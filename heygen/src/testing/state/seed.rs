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
/// Each group's looks: outfit and orientation.
const LOOKS: [(&str, PreferredOrientation); 2] = [
    ("office", PreferredOrientation::Landscape),
    ("casual", PreferredOrientation::Portrait),
];

/// The gender of the `index`th seeded voice or avatar: they alternate.
fn gender(index: usize) -> &'static str {
    if index.is_multiple_of(2) {
        "female"
    } else {
        "male"
    }
}

/// The `index`th name of `names`, or `fallback` and its number past them.
fn name(names: &[&str], index: usize, fallback: &str) -> String {
    (names.get(index)).map_or_else(|| format!("{fallback}{}", index + 1), |n| n.to_string())
}

/// `count` public voices, their preview files on the simulator at `base_url`.
pub(super) fn voices(base_url: &str, count: usize) -> Vec<AudioVoiceItem> {
    (0..count)
        .map(|index| {
            let name = name(&VOICE_NAMES, index, "Voice ");
            let slug = name.to_lowercase().replace(' ', "_");
            let voice_id = format!("sim_voice_{:02}_{slug}", index + 1);
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
    for index in 0..count {
        let name = name(&AVATAR_NAMES, index, "Avatar");
        let gender = gender(index);
        let same: Vec<&AudioVoiceItem> = voices.iter().filter(|v| v.gender == gender).collect();
        // Avatars of a gender take turns at its voices; any voice when none is of it.
        let voice = same.get(index / 2 % same.len().max(1)).copied();
        let default_voice_id = voice.or(voices.first()).map(|v| v.voice_id.clone());
        let group_id = format!("sim_group_{}", name.to_lowercase());
        groups.push(Group {
            seq: seq(),
            id: group_id.clone(),
            name: name.clone(),
            created_at: now - 86_400 * 30 + index as i64 * 3600,
            gender: Some(gender.to_string()),
            default_voice_id: default_voice_id.clone(),
            public: true,
            consent: None,
        });
        for (outfit, orientation) in LOOKS {
            looks.push(Look {
                seq: seq(),
                id: format!("{name}_{outfit}_front"),
                group_id: group_id.clone(),
                name: format!("{name} ({outfit})"),
                avatar_type: AvatarLookType::StudioAvatar,
                gender: Some(gender.to_string()),
                default_voice_id: default_voice_id.clone(),
                public: true,
                orientation,
                tags: vec![outfit.to_string(), "studio".to_string()],
                job: None,
            });
        }
    }
    (groups, looks)
}
