//! cargo-fuzz entry for [`factsift_fuzz::html`]; the checks live in the library.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| factsift_fuzz::html(data));
