pub mod field;
pub mod header;
pub mod status;
