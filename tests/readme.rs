//! The workspace README's examples, compiled as doctests (`cargo test --workspace` runs them);
//! nothing else lives here.

#![cfg_attr(doctest, doc = include_str!("../README.md"))]
