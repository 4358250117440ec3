//! The browser app (Yew). On native targets this is an empty program.
fn main() {}
