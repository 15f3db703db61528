pub mod field;
pub mod header;
pub mod request_list;
pub mod status;
