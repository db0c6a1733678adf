//! Audio: HeyGen's catalog of background music and sound effects, searched by a
//! natural-language description and ranked by similarity, each track with a download URL.

use heygen_sys::types::AudioSound;

use super::{SendAt as _, builder, cursor_list, refused};
use crate::{Client, Paginator};

/// The audio catalog (`/v3/audio`): `client.audio()`.
#[derive(Debug, Clone)]
pub struct Audio {
    pub(crate) client: Client,
}

impl Audio {
    /// Tracks matching a description (music by default; sound effects with `type_`), best
    /// first (`listAudioSounds`, `GET /v3/audio/sounds`). A blank `query` is refused before
    /// any request.
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// use heygen_sdk::types::ListAudioSoundsType;
    /// let sounds = client.audio().list_sounds_with("whoosh for a scene change", |request| {
    ///     request.type_(ListAudioSoundsType::SoundEffects).min_score(0.5)
    /// });
    /// for sound in sounds.max_items(5).collect().await? {
    ///     println!("{:.2} {} {}", sound.score, sound.name, sound.audio_url);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list_sounds(&self, query: &str) -> Paginator<AudioSound> {
        self.list_sounds_with(query, |request| request)
    }

    /// [`Self::list_sounds`] with the generated request builder configured (`type_` for sound
    /// effects, `min_score`, `limit` as the page size) (`listAudioSounds`).
    pub fn list_sounds_with<F>(&self, query: &str, configure: F) -> Paginator<AudioSound>
    where
        F: for<'a> Fn(builder::ListAudioSounds<'a>) -> builder::ListAudioSounds<'a>
            + Send
            + Sync
            + 'static,
    {
        if query.trim().is_empty() {
            return refused(
                "query",
                "describe the audio to search for; the query cannot be blank",
            );
        }
        let query = query.to_string();
        cursor_list(&self.client, move |raw, token| {
            let request = configure(raw.list_audio_sounds()).query(query.as_str());
            request.send_at(token)
        })
    }
}
