//! Audio: HeyGen's catalog of background music and sound effects, searched by a
//! natural-language description and ranked by similarity, each track with a download URL.

use heygen_sys::types::AudioSound;

use super::builder;
use crate::{Client, Error, Page, Paginator};

/// The audio catalog (`/v3/audio`): `client.audio()`.
#[derive(Debug, Clone)]
pub struct Audio {
    pub(crate) client: Client,
}

impl Client {
    /// The [`Audio`] resource.
    pub fn audio(&self) -> Audio {
        Audio {
            client: self.clone(),
        }
    }
}

impl Audio {
    /// Tracks matching a description (music by default; sound effects with `type_`), best
    /// first (`listAudioSounds`, `GET /v3/audio/sounds`). A blank `query` is refused before
    /// any request.
    ///
    /// ```no_run
    /// # async fn run(client: heygen::Client) -> heygen::Result<()> {
    /// use heygen::types::ListAudioSoundsType;
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
        let client = self.client.clone();
        let configure = std::sync::Arc::new(configure);
        let query = query.to_string();
        Paginator::new(move |token: Option<String>| {
            let (client, configure, query) = (client.clone(), configure.clone(), query.clone());
            async move {
                if query.trim().is_empty() {
                    return Err(Error::invalid(
                        "query",
                        "describe the audio to search for; the query cannot be blank",
                    ));
                }
                let raw = client.raw();
                let mut request = configure(raw.list_audio_sounds()).query(query);
                if let Some(token) = token {
                    request = request.token(token);
                }
                let page = client.run(request.send()).await?.into_inner();
                Ok(Page::from_envelope(
                    page.data,
                    page.has_more,
                    page.next_token,
                ))
            }
        })
    }
}
