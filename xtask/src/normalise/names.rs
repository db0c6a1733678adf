//! Position-derived names: the singular of an array property names its items.

use super::walk;

/// The name of the items of array property `prop` of `parent`: the singular of the property
/// (`videos` → `<Parent>Video`) unless it has none or a sibling property already has that name,
/// else `<Parent><Prop>Item`.
pub fn singular_item(parent: &str, prop: &str, siblings: &[String]) -> String {
    let plural = walk::pascal(prop);
    match singular(&plural) {
        Some(one)
            if !siblings
                .iter()
                .any(|s| walk::pascal(s) == one && s.as_str() != prop) =>
        {
            format!("{parent}{one}")
        }
        _ => format!("{parent}{plural}Item"),
    }
}

/// English singular of a plural ending in `s`; `None` when the word is not plainly plural.
pub fn singular(word: &str) -> Option<String> {
    let lower = word.to_ascii_lowercase();
    let cut = |n: usize| Some(word[..word.len() - n].to_string());
    if lower.len() < 3 {
        None
    } else if lower.ends_with("ies") {
        Some(format!("{}y", &word[..word.len() - 3]))
    } else if ["sses", "uses", "shes", "ches", "xes", "zes"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        cut(2)
    } else if ["ss", "us", "is"].iter().any(|e| lower.ends_with(e)) {
        None
    } else if lower.ends_with('s') {
        cut(1)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singulars() {
        let cases = [
            ("Videos", Some("Video")),
            ("Items", Some("Item")),
            ("Lipsyncs", Some("Lipsync")),
            ("Categories", Some("Category")),
            ("Boxes", Some("Box")),
            ("Statuses", Some("Status")),
            ("Status", None),
            ("Address", None),
            ("Data", None),
        ];
        for (plural, one) in cases {
            assert_eq!(singular(plural).as_deref(), one, "{plural}");
        }
        assert_eq!(singular_item("Req", "videos", &[]), "ReqVideo");
        assert_eq!(singular_item("Req", "data", &[]), "ReqDataItem");
        let siblings = ["video".to_string(), "videos".to_string()];
        assert_eq!(singular_item("Req", "videos", &siblings), "ReqVideosItem");
    }
}
