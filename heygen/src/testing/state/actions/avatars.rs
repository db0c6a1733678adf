//! Avatars through the API: creating a look (in the account's own group, or a new one; a
//! digital twin's group waits for consent), giving consent, renaming a look, and deleting groups
//! and looks.

use heygen_sys::types::{
    AvatarLookType, CreateAvatarConsentRequest, CreateAvatarRequestBody, PreferredOrientation,
    UpdateAvatarLookRequest,
};
use tokio::time::Instant;

use crate::testing::house_rules::{check_url, given, not_blank};
use crate::testing::reply::ApiErr;
use crate::testing::state::avatars::{Group, Look};
use crate::testing::state::store::{find, find_mut, take};
use crate::testing::state::timeline::ResourceKind;
use crate::testing::state::world::{State, new_id};

impl State {
    /// Creates the look `request` asks for at `now`, in a new group unless it names one of the
    /// account's own, or says why not (nothing changed): the look's group and the look. A
    /// digital twin (a video avatar, the API's newer name for it) waits for its group's consent.
    pub(crate) fn create_avatar(
        &mut self,
        request: &CreateAvatarRequestBody,
        now: Instant,
    ) -> Result<(Group, Look), ApiErr> {
        use AvatarLookType::{DigitalTwin, PhotoAvatar};
        use CreateAvatarRequestBody as Body;
        let (name, group_id, file, avatar_type) = match request {
            Body::Video(v) => (&v.name, &v.avatar_group_id, Some(&v.file), DigitalTwin),
            Body::DigitalTwin(t) => (&t.name, &t.avatar_group_id, Some(&t.file), DigitalTwin),
            Body::Photo(p) => (&p.name, &p.avatar_group_id, Some(&p.file), PhotoAvatar),
            Body::Prompt(p) => {
                not_blank(&p.prompt, "prompt")?;
                for (index, image) in p.reference_images.iter().flatten().enumerate() {
                    self.check_input(image, &format!("reference_images[{index}]"))?;
                }
                (&p.name, &p.avatar_group_id, None, PhotoAvatar)
            }
            #[allow(unreachable_patterns)] // a member a newer API description adds
            other => return Err(ApiErr::not_simulated("", other)),
        };
        if let Some(file) = file {
            self.check_input(file, "file")?;
        }
        not_blank(name, "name")?;
        let gated = avatar_type == DigitalTwin;
        let group_id = match group_id {
            Some(id) => {
                let group = self.groups.iter().find(|g| &g.id == id).ok_or_else(|| {
                    let message = format!("Avatar group '{id}' not found.");
                    ApiErr::invalid(Some("avatar_group_id"), message)
                })?;
                if group.public {
                    let message = "Looks can only be added to your own avatar groups.";
                    return Err(ApiErr::invalid(Some("avatar_group_id"), message));
                }
                id.clone()
            }
            None => {
                let id = new_id();
                let group = Group {
                    seq: self.next_seq(),
                    id: id.clone(),
                    name: name.clone(),
                    created_at: self.clock.unix(now),
                    gender: None,
                    default_voice_id: None,
                    public: false,
                    consent: None,
                };
                self.groups.push(group);
                id
            }
        };
        let job = self.new_job(ResourceKind::Avatar, now, gated);
        let look = Look {
            seq: self.next_seq(),
            id: new_id(),
            group_id,
            name: name.clone(),
            avatar_type,
            gender: None,
            default_voice_id: None,
            public: false,
            orientation: PreferredOrientation::Portrait,
            tags: Vec::new(),
            job: Some(job),
        };
        self.looks.push(look.clone());
        let group = find_mut(&mut self.groups, &look.group_id)?;
        if gated {
            group.consent.get_or_insert(false);
        }
        Ok((group.clone(), look))
    }

    /// Records consent for `group_id` at once (the simulator's subject always agrees), or says
    /// why not (nothing changed): the looks waiting in `pending_consent` go on processing from
    /// `now`. Whether the subject has a consent page to visit (not when a pre-recorded consent
    /// video is submitted), and the group.
    pub(crate) fn give_consent(
        &mut self,
        group_id: &str,
        request: &CreateAvatarConsentRequest,
        now: Instant,
    ) -> Result<(bool, Group), ApiErr> {
        if let Some(url) = request.reroute_url.as_deref() {
            check_url(url, "reroute_url")?;
        }
        if request
            .consent_text
            .as_ref()
            .is_some_and(|t| t.contains(['<', '>']))
        {
            let message = "'consent_text' is plain text: '<' and '>' are not allowed.";
            return Err(ApiErr::invalid(Some("consent_text"), message));
        }
        if let Some(video) = &request.consent_video {
            if request.reroute_url.is_some() || request.consent_text.is_some() {
                let message =
                    "'consent_video' cannot be combined with 'reroute_url' or 'consent_text'.";
                return Err(ApiErr::invalid(Some("consent_video"), message));
            }
            self.check_input(video, "consent_video")?;
        }
        let group = find_mut(&mut self.groups, group_id)?;
        if group.public {
            return Err(ApiErr::invalid(None, "Public avatars need no consent."));
        }
        group.consent = Some(true);
        let group = group.clone();
        for look in self.looks.iter_mut().filter(|l| l.group_id == group_id) {
            if let Some(job) = look.job.as_mut() {
                job.release.get_or_insert(now);
            }
        }
        Ok((request.consent_video.is_none(), group))
    }

    /// Renames a look created through the API, or says why not (nothing changed).
    pub(crate) fn rename_look(
        &mut self,
        look_id: &str,
        request: &UpdateAvatarLookRequest,
    ) -> Result<Look, ApiErr> {
        let look = find_mut(&mut self.looks, look_id)?;
        if look.avatar_type == AvatarLookType::StudioAvatar {
            let message = "Only photo and video avatar looks can be renamed.";
            return Err(ApiErr::invalid(None, message));
        }
        let name = given(request.name.as_deref().map(String::as_str));
        look.name = name
            .ok_or_else(|| ApiErr::invalid(Some("name"), "'name' is required."))?
            .to_string();
        Ok(look.clone())
    }

    /// Deletes one of the account's own groups with all its looks, or says why not.
    pub(crate) fn delete_group(&mut self, group_id: &str) -> Result<(), ApiErr> {
        if find(&self.groups, group_id)?.public {
            let message = "Public avatar groups cannot be deleted.";
            return Err(ApiErr::invalid(Some("group_id"), message));
        }
        take(&mut self.groups, group_id)?;
        self.looks.retain(|look| look.group_id != group_id);
        Ok(())
    }

    /// Deletes one of the account's own looks, or says why not; a group's last look takes the
    /// group with it.
    pub(crate) fn delete_look(&mut self, look_id: &str) -> Result<(), ApiErr> {
        let look = find(&self.looks, look_id)?;
        if look.public || look.avatar_type == AvatarLookType::StudioAvatar {
            let message = "Studio avatar looks cannot be deleted through the API.";
            return Err(ApiErr::invalid(Some("look_id"), message));
        }
        let group_id = take(&mut self.looks, look_id)?.group_id;
        if !self.looks.iter().any(|l| l.group_id == group_id) {
            self.groups.retain(|g| g.id != group_id);
        }
        Ok(())
    }
}
