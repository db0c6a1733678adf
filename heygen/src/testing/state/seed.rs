//! What a simulator holds from the start: public voices and avatar groups with two looks each,
//! named and spread over genders and languages so that listings and filters have something to
//! find. The seeded catalogs of July 2026 (templates, brand kits, sounds) are in
//! `testing/catalog.rs`.

use heygen_sys::types::{AudioVoiceItem, AudioVoiceType, AvatarLookType, PreferredOrientation};
use serde_json::json;

use super::{Group, Look, State};
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

impl State {
    /// Seeds `voices` public voices and `avatars` public avatar groups.
    pub(super) fn seed(&mut self, avatars: usize, voices: usize) {
        for index in 0..voices {
            let name = match VOICE_NAMES.get(index) {
                Some(name) => name.to_string(),
                None => format!("Voice {}", index + 1),
            };
            let voice_id = format!(
                "sim_voice_{:02}_{}",
                index + 1,
                name.to_lowercase().replace(' ', "_")
            );
            self.voices.push(typed::<AudioVoiceItem>(json!({"gender": gender(index).to_string(), "language": VOICE_LANGUAGES[index % VOICE_LANGUAGES.len()].to_string(), "name": name, "preview_audio_url": Some(format!("{}/files/voices/{voice_id}.mp3", self.base_url)), "support_locale": index % 3 == 0, "support_pause": true, "type": AudioVoiceType::Public, "voice_id": voice_id})));
        }
        let created_at = self.clock.unix_origin() - 86_400 * 30;
        for index in 0..avatars {
            let name = match AVATAR_NAMES.get(index) {
                Some(name) => name.to_string(),
                None => format!("Avatar{}", index + 1),
            };
            let gender = gender(index).to_string();
            let default_voice_id = {
                let same: Vec<&AudioVoiceItem> =
                    self.voices.iter().filter(|v| v.gender == gender).collect();
                let voice = if same.is_empty() {
                    self.voices.first()
                } else {
                    Some(same[index / 2 % same.len()])
                };
                voice.map(|v| v.voice_id.clone())
            };
            let group_id = format!("sim_group_{}", name.to_lowercase());
            let seq = self.next_seq();
            self.groups.push(Group {
                seq,
                id: group_id.clone(),
                name: name.clone(),
                created_at: created_at + index as i64 * 3600,
                gender: Some(gender.clone()),
                default_voice_id: default_voice_id.clone(),
                public: true,
                consent: None,
            });
            for (n, outfit) in OUTFITS.iter().enumerate() {
                let seq = self.next_seq();
                self.looks.push(Look {
                    seq,
                    id: format!("{name}_{outfit}_front"),
                    group_id: group_id.clone(),
                    name: format!("{name} ({outfit})"),
                    avatar_type: AvatarLookType::StudioAvatar,
                    gender: Some(gender.clone()),
                    default_voice_id: default_voice_id.clone(),
                    public: true,
                    orientation: if n == 0 {
                        PreferredOrientation::Landscape
                    } else {
                        PreferredOrientation::Portrait
                    },
                    tags: vec![outfit.to_string(), "studio".to_string()],
                    job: None,
                });
            }
        }
    }
}
