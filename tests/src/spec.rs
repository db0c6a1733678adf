//! Loading the pinned upstream OpenAPI 3.1 document and walking its operations.
//!
//! The document is read at run time from `openapi/cache/<file>` (git-ignored) and verified
//! against `openapi/spec.lock`; it is kept as a `serde_json::Value`, with the corrections of
//! `openapi/overlay.toml` (its `[[patch]]` entries) applied, as the SDK is generated from it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{Context as _, bail};
use serde_json::{Map, Value, json};
use sha2::{Digest as _, Sha256};

// One reader of the spec cache for every test of the workspace (it fills it from ../shared).
#[path = "../../heygen/tests/spec_cache/mod.rs"]
mod spec_cache;

/// HTTP methods that may carry an operation in an OpenAPI path item, in document order.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Upper bound on `$ref` chains followed by [`Spec::resolve`] (guards against `$ref` loops).
const MAX_REF_CHAIN: usize = 32;

/// The contents of `openapi/spec.lock`: which upstream document is pinned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lock {
    /// Where the document was fetched from.
    pub source: String,
    /// File name of the document inside `openapi/cache/`.
    pub file: String,
    /// Lower-case hex sha256 of the document's bytes.
    pub sha256: String,
    /// The document's `openapi` version string.
    pub openapi: String,
    /// Number of operations the document declares.
    pub operations: usize,
    /// Date of the snapshot.
    pub date: String,
}

impl Lock {
    /// Parses the TOML text of a `spec.lock`.
    pub fn parse(text: &str) -> anyhow::Result<Lock> {
        let table: toml::Table = text.parse().context("spec.lock is not valid TOML")?;
        let string = |key: &str| -> anyhow::Result<String> {
            table
                .get(key)
                .and_then(toml::Value::as_str)
                .map(str::to_owned)
                .with_context(|| format!("spec.lock: missing string key `{key}`"))
        };
        let operations = table
            .get("operations")
            .and_then(toml::Value::as_integer)
            .context("spec.lock: missing integer key `operations`")?;
        Ok(Lock {
            source: string("source")?,
            file: string("file")?,
            sha256: string("sha256")?.to_ascii_lowercase(),
            openapi: string("openapi")?,
            operations: usize::try_from(operations).context("spec.lock: negative `operations`")?,
            date: string("date")?,
        })
    }
}

/// The pinned OpenAPI document, as loaded and verified from the cache.
#[derive(Debug, Clone)]
pub struct Spec {
    doc: Value,
    lock: Option<Lock>,
    path: Option<PathBuf>,
}

/// Where a parameter lives (`in` of an OpenAPI Parameter Object).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Location {
    /// A templated path segment (`/v3/videos/{video_id}`).
    Path,
    /// A query-string parameter.
    Query,
    /// A request header.
    Header,
    /// A cookie.
    Cookie,
}

impl Location {
    /// Parses the `in` value of a Parameter Object.
    pub fn parse(s: &str) -> Option<Location> {
        match s {
            "path" => Some(Location::Path),
            "query" => Some(Location::Query),
            "header" => Some(Location::Header),
            "cookie" => Some(Location::Cookie),
            _ => None,
        }
    }

    /// The OpenAPI spelling (`"path"`, `"query"`, `"header"`, `"cookie"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
            Location::Cookie => "cookie",
        }
    }
}

/// One parameter of an operation (path-item parameters merged with the operation's own).
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// The parameter's name.
    pub name: String,
    /// Where it goes.
    pub location: Location,
    /// Whether the operation requires it (path parameters always are).
    pub required: bool,
    /// Its schema (a fragment of the original document; `{}` when absent).
    pub schema: Value,
    /// The Parameter Object itself, `$ref` resolved.
    pub value: Value,
}

/// The request body of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    /// The media type chosen: `application/json` (or a `+json` type) when offered, else the first.
    pub content_type: String,
    /// The media type's schema (`{}` when absent).
    pub schema: Value,
    /// The media type's own `example` (or first of `examples`), if any.
    pub example: Option<Value>,
    /// Whether the body is required.
    pub required: bool,
}

/// One operation of the document (a method on a path).
#[derive(Debug, Clone)]
pub struct Operation<'a> {
    /// `operationId` (or `"METHOD path"` when the document has none).
    pub operation_id: String,
    /// Upper-case HTTP method (`"GET"`, `"POST"`, ...).
    pub method: String,
    /// The templated path (`/v3/videos/{video_id}`).
    pub path: String,
    /// The Operation Object in the document.
    pub value: &'a Value,
    path_item: &'a Value,
    spec: &'a Spec,
}

/// A JSON response of an operation: `(status, schema, media-type example)`.
pub type JsonResponse = (u16, Value, Option<Value>);

impl Spec {
    /// Loads `openapi/cache/<file>` named by `openapi/spec.lock` of this workspace and
    /// verifies its sha256 (and its version and operation count) against the lock.
    pub fn load() -> anyhow::Result<Spec> {
        Spec::load_from(&workspace_root())
    }

    /// Like [`Spec::load`], but loaded once per process and shared.
    pub fn shared() -> anyhow::Result<&'static Spec> {
        static SHARED: OnceLock<Result<Spec, String>> = OnceLock::new();
        match SHARED.get_or_init(|| Spec::load().map_err(|e| format!("{e:#}"))) {
            Ok(spec) => Ok(spec),
            Err(e) => bail!("{e}"),
        }
    }

    /// Loads the pinned document of the workspace rooted at `root` (see [`Spec::load`]).
    pub fn load_from(root: &Path) -> anyhow::Result<Spec> {
        let lock_path = root.join("openapi").join("spec.lock");
        let lock_text = std::fs::read_to_string(&lock_path)
            .with_context(|| format!("cannot read {}", lock_path.display()))?;
        let lock =
            Lock::parse(&lock_text).with_context(|| format!("in {}", lock_path.display()))?;
        // Filled from ../shared/heygen-openapi when missing and that folder holds it.
        let path = spec_cache::cached(root, &lock.file).map_err(anyhow::Error::msg)?;
        let bytes =
            std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let actual = sha256_hex(&bytes);
        if actual != lock.sha256 {
            bail!(
                "sha256 mismatch for {}: the lock pins {}, the file has {}; re-fetch it with \
                 `cargo xtask fetch --from ../shared/heygen-openapi/{}`",
                path.display(),
                lock.sha256,
                actual,
                lock.file
            );
        }
        let mut doc: Value = serde_json::from_slice(&bytes)
            .with_context(|| format!("{} is not valid JSON", path.display()))?;
        apply_overlay_patches(&mut doc, &root.join("openapi").join("overlay.toml"))?;
        let spec = Spec {
            doc,
            lock: Some(lock),
            path: Some(path),
        };
        spec.check_against_lock()?;
        Ok(spec)
    }

    /// Wraps an already-parsed document (no lock, no verification); for tests of the helpers.
    pub fn from_value(doc: Value) -> Spec {
        Spec {
            doc,
            lock: None,
            path: None,
        }
    }

    fn check_against_lock(&self) -> anyhow::Result<()> {
        let Some(lock) = &self.lock else {
            return Ok(());
        };
        let version = self.doc.get("openapi").and_then(Value::as_str);
        if version != Some(lock.openapi.as_str()) {
            bail!(
                "the document says openapi {version:?}, the lock says {:?}",
                lock.openapi
            );
        }
        let count = self.operations().len();
        if count != lock.operations {
            bail!(
                "the document has {count} operations, the lock says {}",
                lock.operations
            );
        }
        Ok(())
    }

    /// The whole original document.
    pub fn document(&self) -> &Value {
        &self.doc
    }

    /// The lock the document was verified against (`None` for [`Spec::from_value`]).
    pub fn lock(&self) -> Option<&Lock> {
        self.lock.as_ref()
    }

    /// Path of the cached document file (`None` for [`Spec::from_value`]).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// All operations: by path in the order of the parsed `paths` map (alphabetical unless
    /// serde_json's `preserve_order` feature is on; deterministic either way), then by method
    /// (`get`, `put`, `post`, `delete`, `options`, `head`, `patch`, `trace`).
    pub fn operations(&self) -> Vec<Operation<'_>> {
        let mut out = Vec::new();
        let Some(paths) = self.doc.get("paths").and_then(Value::as_object) else {
            return out;
        };
        for (path, item) in paths {
            let item = self.resolve(item);
            for method in METHODS {
                let Some(op) = item.get(method).filter(|op| op.is_object()) else {
                    continue;
                };
                let method = method.to_ascii_uppercase();
                let operation_id = op
                    .get("operationId")
                    .and_then(Value::as_str)
                    .map_or_else(|| format!("{method} {path}"), str::to_owned);
                out.push(Operation {
                    operation_id,
                    method,
                    path: path.clone(),
                    value: op,
                    path_item: item,
                    spec: self,
                });
            }
        }
        out
    }

    /// The operation with this `operationId`.
    pub fn operation(&self, operation_id: &str) -> Option<Operation<'_>> {
        self.operations()
            .into_iter()
            .find(|op| op.operation_id == operation_id)
    }

    /// Follows local `$ref`s (`#/...`) until a non-reference value; returns `value` itself when
    /// it is not a reference, and the last value reached when a reference does not resolve.
    pub fn resolve<'a>(&'a self, value: &'a Value) -> &'a Value {
        let mut current = value;
        for _ in 0..MAX_REF_CHAIN {
            match current
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| self.pointer(r))
            {
                Some(next) => current = next,
                None => return current,
            }
        }
        current
    }

    /// The value a local reference (`#/components/schemas/X`) points at.
    pub fn pointer(&self, reference: &str) -> Option<&Value> {
        let pointer = reference.strip_prefix('#')?;
        self.doc.pointer(&percent_decode(pointer))
    }

    /// The component schema `#/components/schemas/<name>`.
    pub fn schema(&self, name: &str) -> Option<&Value> {
        self.doc.get("components")?.get("schemas")?.get(name)
    }

    /// JSON pointers (`/components/schemas/X/properties/y`, `/paths/~1v3~1videos/post/...`) of
    /// every schema object in the document: component schemas, the schemas of parameters and
    /// media types, and every subschema below them (parents before children).
    pub fn schema_pointers(&self) -> Vec<String> {
        let mut out = Vec::new();
        walk_for_schemas(&self.doc, String::new(), &mut out);
        out
    }

    /// Names of all component schemas.
    pub fn schema_names(&self) -> Vec<&str> {
        self.doc
            .get("components")
            .and_then(|c| c.get("schemas"))
            .and_then(Value::as_object)
            .map(|m| m.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }
}

impl<'a> Operation<'a> {
    /// The spec this operation belongs to.
    pub fn spec(&self) -> &'a Spec {
        self.spec
    }

    /// Responses with `application/json` (or `+json`) content, in status order, as
    /// `(status, schema, media-type example)`; the schema is `{}` when the media type has none.
    /// Non-numeric status keys (`default`, `2XX`) are skipped.
    pub fn json_responses(&self) -> Vec<JsonResponse> {
        let mut out = Vec::new();
        let Some(responses) = self.value.get("responses").and_then(Value::as_object) else {
            return out;
        };
        for (status, response) in responses {
            let Ok(status) = status.parse::<u16>() else {
                continue;
            };
            let response = self.spec.resolve(response);
            let Some((_, media)) = json_media(response.get("content")) else {
                continue;
            };
            let schema = media.get("schema").cloned().unwrap_or_else(|| json!({}));
            out.push((status, schema, self.media_example(media)));
        }
        out
    }

    /// The JSON response for one status, as `(schema, media-type example)`.
    pub fn json_response(&self, status: u16) -> Option<(Value, Option<Value>)> {
        self.json_responses()
            .into_iter()
            .find(|(s, _, _)| *s == status)
            .map(|(_, schema, example)| (schema, example))
    }

    /// The request body, if the operation takes one.
    pub fn request_body(&self) -> Option<RequestBody> {
        let body = self.spec.resolve(self.value.get("requestBody")?);
        let content = body.get("content");
        let (content_type, media) = json_media(content).or_else(|| {
            content?
                .as_object()?
                .iter()
                .next()
                .map(|(k, v)| (k.as_str(), v))
        })?;
        Some(RequestBody {
            content_type: content_type.to_owned(),
            schema: media.get("schema").cloned().unwrap_or_else(|| json!({})),
            example: self.media_example(media),
            required: body.get("required").and_then(Value::as_bool) == Some(true),
        })
    }

    /// Parameters: the path item's, overridden by the operation's own with the same name and
    /// location; in order of appearance.
    pub fn parameters(&self) -> Vec<Parameter> {
        let mut out: Vec<Parameter> = Vec::new();
        for list in [
            self.path_item.get("parameters"),
            self.value.get("parameters"),
        ] {
            let Some(list) = list.and_then(Value::as_array) else {
                continue;
            };
            for p in list {
                let p = self.spec.resolve(p);
                let (Some(name), Some(location)) = (
                    p.get("name").and_then(Value::as_str),
                    p.get("in")
                        .and_then(Value::as_str)
                        .and_then(Location::parse),
                ) else {
                    continue;
                };
                let param = Parameter {
                    name: name.to_owned(),
                    location,
                    required: location == Location::Path
                        || p.get("required").and_then(Value::as_bool) == Some(true),
                    schema: p.get("schema").cloned().unwrap_or_else(|| json!({})),
                    value: p.clone(),
                };
                match out
                    .iter_mut()
                    .find(|q| q.name == param.name && q.location == param.location)
                {
                    Some(existing) => *existing = param,
                    None => out.push(param),
                }
            }
        }
        out
    }

    /// A media type's `example`, else the `value` of the first of its `examples`.
    fn media_example(&self, media: &Value) -> Option<Value> {
        if let Some(example) = media.get("example") {
            return Some(example.clone());
        }
        let examples = media.get("examples")?.as_object()?;
        examples
            .values()
            .find_map(|e| self.spec.resolve(e).get("value").cloned())
    }
}

/// Collects schema pointers outside schemas: under `components/schemas` every value is a
/// schema; elsewhere every `schema` member is. Example data is not walked.
fn walk_for_schemas(value: &Value, pointer: String, out: &mut Vec<String>) {
    let Value::Object(map) = value else {
        if let Value::Array(items) = value {
            for (i, v) in items.iter().enumerate() {
                walk_for_schemas(v, format!("{pointer}/{i}"), out);
            }
        }
        return;
    };
    for (key, v) in map {
        let child = format!("{pointer}/{}", escape_token(key));
        match key.as_str() {
            "example" | "examples" => {}
            "schema" if v.is_object() => walk_schema(v, child, out),
            "schemas" if pointer == "/components" => {
                for (name, schema) in v.as_object().into_iter().flatten() {
                    walk_schema(schema, format!("{child}/{}", escape_token(name)), out);
                }
            }
            _ => walk_for_schemas(v, child, out),
        }
    }
}

/// Pushes `pointer` (a schema) and the pointers of its subschemas.
fn walk_schema(schema: &Value, pointer: String, out: &mut Vec<String>) {
    let Value::Object(map) = schema else {
        return;
    };
    out.push(pointer.clone());
    for (key, v) in map {
        let child = format!("{pointer}/{}", escape_token(key));
        match key.as_str() {
            "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" => {
                for (name, sub) in v.as_object().into_iter().flatten() {
                    walk_schema(sub, format!("{child}/{}", escape_token(name)), out);
                }
            }
            "allOf" | "anyOf" | "oneOf" | "prefixItems" => {
                for (i, sub) in v.as_array().into_iter().flatten().enumerate() {
                    walk_schema(sub, format!("{child}/{i}"), out);
                }
            }
            "items"
            | "additionalProperties"
            | "not"
            | "contains"
            | "propertyNames"
            | "if"
            | "then"
            | "else"
            | "unevaluatedItems"
            | "unevaluatedProperties" => {
                walk_schema(v, child, out);
            }
            _ => {}
        }
    }
}

/// JSON-pointer escape of one reference token (`~` → `~0`, `/` → `~1`).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// A local `$ref` (`#...`) to a JSON pointer, percent-encoding what a URI fragment cannot hold
/// (`{`, `}`, spaces, ...).
pub fn pointer_ref(pointer: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + 1);
    out.push('#');
    for c in pointer.chars() {
        if c.is_ascii_alphanumeric() || "/~-._!$&'()*+,;=:@?".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// The first `application/json` (or `*/*+json`) entry of a `content` map.
fn json_media(content: Option<&Value>) -> Option<(&str, &Value)> {
    content?
        .as_object()?
        .iter()
        .find(|(media_type, _)| is_json_media_type(media_type))
        .map(|(k, v)| (k.as_str(), v))
}

/// Whether a media type is JSON (`application/json`, `application/problem+json`, parameters
/// ignored).
pub fn is_json_media_type(media_type: &str) -> bool {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// The workspace root: the parent of this crate's manifest directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from(".."), Path::to_path_buf)
}

/// Applies the `[[patch]]` corrections of the overlay at `path` (none when it does not exist):
/// each sets the value at a JSON pointer whose parent must exist (unless its `only_if` pointer
/// is not in the document: then it is skipped), as `cargo xtask generate` does before
/// generating, so the contracts check the document the SDK is generated from. Returns the
/// number of patches applied.
pub fn apply_overlay_patches(doc: &mut Value, path: &Path) -> anyhow::Result<usize> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let overlay: toml::Table = text
        .parse()
        .with_context(|| format!("{} is not valid TOML", path.display()))?;
    let patches = match overlay.get("patch") {
        None => return Ok(0),
        Some(toml::Value::Array(patches)) => patches,
        Some(_) => bail!("{}: `patch` is not an array of tables", path.display()),
    };
    let mut applied = 0;
    for patch in patches {
        let pointer = patch
            .get("pointer")
            .and_then(toml::Value::as_str)
            .with_context(|| format!("{}: a patch without `pointer`", path.display()))?;
        let value = patch
            .get("value")
            .with_context(|| format!("{}: patch {pointer} has no `value`", path.display()))?;
        let value = serde_json::to_value(value)?;
        // A correction of an operation this document does not have (it predates it).
        let only_if = patch.get("only_if").and_then(toml::Value::as_str);
        if only_if.is_some_and(|only_if| doc.pointer(only_if).is_none()) {
            continue;
        }
        let (parent, key) = pointer
            .rsplit_once('/')
            .with_context(|| format!("patch {pointer}: not a JSON pointer"))?;
        let key = key.replace("~1", "/").replace("~0", "~");
        match doc.pointer_mut(parent) {
            Some(Value::Object(map)) => {
                map.insert(key, value);
            }
            Some(Value::Array(items)) => {
                let slot = key
                    .parse::<usize>()
                    .ok()
                    .and_then(|index| items.get_mut(index))
                    .with_context(|| format!("patch {pointer}: no such array index"))?;
                *slot = value;
            }
            Some(_) => bail!("patch {pointer}: {parent} is not an object or array"),
            None => bail!("patch {pointer}: {parent} is not in the document"),
        }
        applied += 1;
    }
    Ok(applied)
}

/// Lower-case hex sha256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

/// Decodes `%XX` escapes of a URI fragment (JSON-pointer `~0`/`~1` are left to
/// [`Value::pointer`]).
pub(crate) fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
        {
            let hex = |b: u8| (b as char).to_digit(16).unwrap_or(0) as u8;
            out.push(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Inserts `value` at a JSON pointer inside `root`, creating intermediate objects.
pub(crate) fn insert_at_pointer(root: &mut Value, pointer: &str, value: Value) {
    let mut current = root;
    let tokens: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect();
    let Some((last, parents)) = tokens.split_last() else {
        *current = value;
        return;
    };
    for token in parents {
        if !current.is_object() && !current.is_array() {
            *current = Value::Object(Map::new());
        }
        current = match current {
            Value::Array(items) => match token.parse::<usize>() {
                Ok(i) if i < items.len() => &mut items[i],
                _ => return,
            },
            Value::Object(map) => map
                .entry(token.clone())
                .or_insert_with(|| Value::Object(Map::new())),
            _ => unreachable!(),
        };
    }
    match current {
        Value::Array(items) => {
            if let Ok(i) = last.parse::<usize>()
                && i < items.len()
            {
                items[i] = value;
            }
        }
        Value::Object(map) => {
            map.insert(last.clone(), value);
        }
        other => {
            let mut map = Map::new();
            map.insert(last.clone(), value);
            *other = Value::Object(map);
        }
    }
}
