pub mod declared_field;
pub mod demo_keys;
pub mod field;
pub mod header;
pub mod notifications;
pub mod request_list;
pub mod signer;
pub mod status;
