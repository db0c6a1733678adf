//! The limits of a wait on many jobs: ids per statuses request, their length, detail GETs in
//! flight.

/// The most ids one statuses request carries: the API's documented limit ("up to 100").
pub const MAX_IDS_PER_REQUEST: usize = 100;

/// The longest the ids of one statuses request may be, percent-encoded and comma-joined, in
/// bytes: with the base URL, the path and the parameter name (under 2 KiB together) the URL
/// stays under 8 KiB, the limit many proxies and servers enforce. HeyGen's ids (32 hex digits)
/// reach [`MAX_IDS_PER_REQUEST`] first, at about 3.5 KiB.
pub const MAX_IDS_QUERY_BYTES: usize = 6 * 1024;

/// The longest id a wait on many jobs accepts, in bytes.
pub const MAX_ID_BYTES: usize = 256;

/// Detail GETs of finished jobs in flight at once.
pub const DETAIL_CONCURRENCY: usize = 8;
