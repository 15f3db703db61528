pub mod field;
pub mod header;
pub mod history;
pub mod status;
