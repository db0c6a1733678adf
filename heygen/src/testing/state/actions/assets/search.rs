//! The search of assets (`GET /v3/assets/search`): a small seeded catalog of public images and
//! icons, or the account's own images by name, ranked by the words a description shares with
//! the query.

use crate::testing::state::world::State;

/// The public catalog, one line an item: id (`sim_icon_…` an icon, else an image), width,
/// height, description.
const CATALOG: &str = "\
sim_img_pizza 1600 1067 pepperoni pizza on a wooden table
sim_img_skyline 1920 1080 city skyline at night with lights
sim_img_lake 1920 1280 mountain lake at sunrise
sim_img_meeting 1600 1067 team meeting in a bright office
sim_img_dog 1080 1350 golden retriever running on the beach
sim_img_rocket 1080 1920 rocket launch at dawn with smoke
sim_img_desk 1600 1600 laptop on a wooden desk with coffee
sim_img_market 1920 1280 fresh vegetables at a street market
sim_icon_rocket 512 512 minimalist rocket icon
sim_icon_cart 512 512 shopping cart icon
sim_icon_check 512 512 green checkmark icon
sim_icon_play 512 512 play button icon
sim_icon_mail 512 512 envelope mail icon
sim_icon_idea 512 512 lightbulb idea icon";

/// Words that say nothing of an image.
const STOP_WORDS: [&str; 10] = [
    "a", "an", "and", "at", "for", "in", "of", "on", "the", "with",
];

/// The lower-case words of a text that say something.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

/// An asset a search found.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    pub id: String,
    pub icon: bool,
    pub width: i64,
    pub height: i64,
    pub url: String,
}

impl State {
    /// The assets of `kind` (`image` or `icon`) whose description shares a word with `query`,
    /// best first (in the catalog's order among equals): the public catalog's, or the
    /// account's own (`personal`: its images, by name).
    pub(crate) fn search_assets(&self, query: &str, kind: &str, personal: bool) -> Vec<Hit> {
        // Each candidate: (id, is an icon, width, height, description).
        let found: Vec<(&str, bool, i64, i64, &str)> = if personal {
            (self.assets.iter())
                .filter(|asset| asset.file_type() == "image")
                .map(|a| (&*a.id, false, 1024, 1024, &*a.name))
                .collect()
        } else {
            CATALOG.lines().filter_map(catalog_item).collect()
        };
        let wanted = words(query);
        let mut ranked: Vec<(usize, Hit)> = (found.into_iter())
            .filter(|(_, icon, ..)| kind == if *icon { "icon" } else { "image" })
            .filter_map(|(id, icon, width, height, description)| {
                let have = words(description);
                let score = wanted.iter().filter(|w| have.contains(w)).count();
                let extension = if icon { "png" } else { "jpg" };
                let url = match personal {
                    true => self.file_url("assets", id),
                    false => self.file_url("search", &format!("{id}.{extension}")),
                };
                let hit = Hit {
                    id: id.to_string(),
                    icon,
                    width,
                    height,
                    url,
                };
                (score > 0).then_some((score, hit))
            })
            .collect();
        // A stable sort keeps the catalog's order among equals.
        ranked.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
        ranked.into_iter().map(|(_, hit)| hit).collect()
    }
}

/// A line of the catalog: (id, is an icon, width, height, description).
fn catalog_item(line: &'static str) -> Option<(&'static str, bool, i64, i64, &'static str)> {
    let [id, width, height, description] = line.splitn(4, ' ').collect::<Vec<_>>()[..] else {
        return None;
    };
    let (width, height) = (width.parse().ok()?, height.parse().ok()?);
    Some((id, id.starts_with("sim_icon_"), width, height, description))
}
