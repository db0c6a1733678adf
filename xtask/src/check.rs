//! `cargo xtask check`: the committed generated code is what the pinned document generates.

use std::path::Path;

use anyhow::{Result, bail};

use crate::generate::{NAMES, OUTPUT, render};

pub fn run(root: &Path) -> Result<()> {
    // render() refuses a cache whose sha256 differs from the lock.
    let (expected, report) = render(root)?;
    let committed = std::fs::read_to_string(root.join(OUTPUT)).unwrap_or_default();
    compare(&committed, &expected)?;
    let (lock, doc, _) = crate::generate::normalised(root)?;
    let ways = crate::contract_ways::render(&expected, &doc, &lock.file)?;
    let committed =
        std::fs::read_to_string(root.join(crate::contract_ways::OUTPUT)).unwrap_or_default();
    if committed != ways {
        bail!(
            "{} is stale; run `cargo xtask generate`",
            crate::contract_ways::OUTPUT
        );
    }
    let names = std::fs::read_to_string(root.join(NAMES)).unwrap_or_default();
    if names != report.names_file() {
        bail!("{NAMES} is stale; run `cargo xtask generate`");
    }
    println!("{OUTPUT} and {NAMES} are up to date");
    crate::rules::check(root)?;
    Ok(())
}

/// Fails with a unified diff when the committed code differs from the generated code.
fn compare(committed: &str, expected: &str) -> Result<()> {
    if committed != expected {
        let diff = similar::TextDiff::from_lines(committed, expected);
        let text = diff
            .unified_diff()
            .context_radius(2)
            .header(
                &format!("{OUTPUT} (committed)"),
                &format!("{OUTPUT} (generated)"),
            )
            .to_string();
        let shown: String = text.lines().take(200).collect::<Vec<_>>().join("\n");
        bail!("{OUTPUT} is stale; run `cargo xtask generate`\n{shown}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fetch::{count_operations, load_cached};
    use crate::generate::normalised;

    fn root() -> std::path::PathBuf {
        crate::workspace_root()
    }

    #[test]
    fn generating_twice_gives_identical_bytes_equal_to_the_committed_file() {
        let (first, _) = render(&root()).unwrap();
        let (second, _) = render(&root()).unwrap();
        assert!(first == second, "generation is not deterministic");
        let committed = std::fs::read_to_string(root().join(OUTPUT)).unwrap();
        compare(&committed, &first).unwrap();
    }

    #[test]
    fn a_one_byte_edit_of_the_generated_file_is_stale() {
        let (expected, _) = render(&root()).unwrap();
        let mut edited = expected.clone().into_bytes();
        let at = edited.iter().position(|b| *b == b'{').unwrap();
        edited[at] = b'(';
        let err = compare(&String::from_utf8(edited).unwrap(), &expected)
            .unwrap_err()
            .to_string();
        assert!(err.contains("is stale") && err.contains("@@"), "{err}");
    }

    #[test]
    fn a_changed_cache_file_is_refused() {
        let dir = std::env::temp_dir().join(format!("xtask-check-{}", std::process::id()));
        let (lock, doc) = load_cached(&root()).unwrap();
        std::fs::create_dir_all(dir.join("openapi/cache")).unwrap();
        lock.save(&dir).unwrap();
        let mut changed = serde_json::to_vec(&doc).unwrap();
        changed.push(b' ');
        std::fs::write(lock.cache_path(&dir), changed).unwrap();
        let err = load_cached(&dir).unwrap_err().to_string();
        std::fs::remove_dir_all(&dir).ok();
        assert!(err.contains("does not match openapi/spec.lock"), "{err}");
    }

    #[test]
    fn every_operation_is_generated_or_set_aside_for_the_hand_written_crate() {
        let (lock, original) = load_cached(&root()).unwrap();
        let (_, doc, report) = normalised(&root()).unwrap();
        assert_eq!(count_operations(&original), lock.operations);
        assert_eq!(report.set_aside, ["uploadAsset"]);
        assert_eq!(
            count_operations(&doc) + report.set_aside.len(),
            count_operations(&original)
        );
        let code = std::fs::read_to_string(root().join(OUTPUT)).unwrap();
        let file = syn::parse_file(&code).unwrap();
        let methods: Vec<String> = file
            .items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Impl(i)
                    if i.trait_.is_none()
                        && quote::quote!(#i).to_string().starts_with("impl Client") =>
                {
                    Some(i)
                }
                _ => None,
            })
            .flat_map(|i| i.items.iter())
            .filter_map(|item| match item {
                syn::ImplItem::Fn(f)
                    if f.sig.output != syn::ReturnType::Default
                        && quote::quote!(#f).to_string().contains("builder ::") =>
                {
                    Some(f.sig.ident.to_string())
                }
                _ => None,
            })
            .collect();
        assert_eq!(methods.len(), count_operations(&doc), "{methods:?}");
        assert_eq!(methods.len(), lock.operations - report.set_aside.len());
    }
}
