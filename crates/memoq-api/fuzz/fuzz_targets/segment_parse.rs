//! Any bytes: parsing never panics, and whatever parses renders back to exactly its input and
//! parses again to the same segment.
#![no_main]

use libfuzzer_sys::fuzz_target;
use memoq_api::segment::Segment;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    for candidate in [input.to_owned(), format!("<seg>{input}</seg>")] {
        if let Ok(segment) = Segment::parse(&candidate) {
            let wire = segment.to_wire();
            assert_eq!(wire, candidate);
            assert_eq!(Segment::parse(&wire).as_ref(), Ok(&segment));
            let _ = segment.plain_text();
        }
    }
});
