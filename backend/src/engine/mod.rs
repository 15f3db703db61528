//! The engine that runs every regulation's declaration (`ServiceCode::def()`) for the handlers:
//! who may see and touch a request (`access`), what they are shown (`view`), how it is taken in
//! at a desk (`intake`), whose signature a step carries (`signing`), and the one way a request
//! moves (`advance`). Handlers call the engine and never one another.

mod access;
mod advance;
mod intake;
mod signing;
mod view;

pub use access::{Read, load, note_read, own, visible, works_at, works_for};
pub use advance::{Advance, Notice, Timing, advance, advance_at, check, filing_deadlines, plan};
pub use intake::{Desk, applicant, takes_walk_ins, walk_in};
pub use signing::{verified, verified_as};
pub use view::{summary, view};
