//! The simulator's HTTP server: the [`Simulator`] handle and its [`SimulatorBuilder`], a
//! hand-driven accept loop (so that a fault can close a connection), and the request pipeline
//! (journal, faults, auth, idempotency) in front of the routes.

mod builder;
mod handle;
pub(crate) mod idempotency;
mod listener;
mod pipeline;

pub use builder::{DEFAULT_API_KEY, SimulatorBuilder};
pub use handle::Simulator;
