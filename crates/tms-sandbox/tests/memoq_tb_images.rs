//! memoQ termbase meta images in the sandbox, through the real client: entry, language and term
//! level, with and without the language code or term id in the path.

mod memoq_support;

use futures::TryStreamExt;
use memoq_api::{ByteStream, ErrorCode, ResponseValue};
use memoq_support::{client, code, sandbox};
use tms_sandbox::memoq::{ImageLevel, TB_TERMS};

async fn bytes(answer: ResponseValue<ByteStream>) -> Vec<u8> {
    answer
        .into_inner()
        .into_inner()
        .map_ok(|chunk| chunk.to_vec())
        .try_concat()
        .await
        .expect("the image arrives")
}

#[tokio::test]
async fn meta_images_round_trip_at_every_level() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let png = b"\x89PNG\r\n\x1a\n sandbox image".to_vec();
    let term_id = sandbox
        .memoq()
        .tb_entries(TB_TERMS)
        .and_then(|entries| entries[0].languages.as_ref()?[1].term_items.as_ref()?[0].id)
        .expect("entry 1 has a German term");

    assert_eq!(
        code(
            client
                .tb_entry_meta_get()
                .tb_guid(TB_TERMS)
                .entry_id(1)
                .metaname("Illustration")
                .send()
                .await
        ),
        Some(ErrorCode::EntryNotFound),
        "nothing stored yet"
    );
    client
        .tb_entry_meta_set()
        .tb_guid(TB_TERMS)
        .entry_id(1)
        .metaname("Illustration")
        .body(png.clone())
        .send()
        .await
        .expect("set entry image");
    let entry_image = client
        .tb_entry_meta_get()
        .tb_guid(TB_TERMS)
        .entry_id(1)
        .metaname("Illustration")
        .send()
        .await
        .expect("get entry image");
    assert_eq!(bytes(entry_image).await, png);

    client
        .tb_language_meta_set_for_language()
        .tb_guid(TB_TERMS)
        .entry_id(1)
        .language("ger")
        .metaname("Flag")
        .body(b"flag".to_vec())
        .send()
        .await
        .expect("set language image");
    let flag = client
        .tb_language_meta_get_for_language()
        .tb_guid(TB_TERMS)
        .entry_id(1)
        .language("ger")
        .metaname("Flag")
        .send()
        .await
        .expect("get language image");
    assert_eq!(bytes(flag).await, b"flag");

    client
        .tb_term_meta_set_for_term()
        .tb_guid(TB_TERMS)
        .entry_id(1)
        .term_id(term_id)
        .metaname("Icon")
        .body(b"icon".to_vec())
        .send()
        .await
        .expect("set term image");
    let icon = client
        .tb_term_meta_get_for_term()
        .tb_guid(TB_TERMS)
        .entry_id(1)
        .term_id(term_id)
        .metaname("Icon")
        .send()
        .await
        .expect("get term image");
    assert_eq!(bytes(icon).await, b"icon");

    {
        let state = sandbox.memoq();
        assert_eq!(
            state.tb_image(TB_TERMS, 1, ImageLevel::Entry, "Illustration"),
            Some(png)
        );
        assert_eq!(
            state.tb_image(TB_TERMS, 1, ImageLevel::Language("ger"), "Flag"),
            Some(b"flag".to_vec())
        );
        assert_eq!(
            state.tb_image(TB_TERMS, 1, ImageLevel::Term(term_id), "Icon"),
            Some(b"icon".to_vec())
        );
    }

    // A field of another level, or not an image, is a custom meta error.
    for metaname in ["Flag", "Status", "NoSuchField"] {
        assert_eq!(
            code(
                client
                    .tb_entry_meta_set()
                    .tb_guid(TB_TERMS)
                    .entry_id(1)
                    .metaname(metaname)
                    .body(b"x".to_vec())
                    .send()
                    .await
            ),
            Some(ErrorCode::CustomMetaError),
            "{metaname}"
        );
    }
}

#[tokio::test]
async fn images_without_a_language_or_term_go_to_the_first_block_and_term() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let (first_language, first_term) = sandbox
        .memoq()
        .tb_entries(TB_TERMS)
        .and_then(|entries| {
            let block = entries[0].languages.as_ref()?.first()?.clone();
            let term = block.term_items.as_ref()?.first()?.id?;
            Some((block.language.as_str().to_owned(), term))
        })
        .expect("entry 1 has a language block with a term");

    client
        .tb_language_meta_set()
        .tb_guid(TB_TERMS)
        .entry_id(1)
        .metaname("Flag")
        .body(b"first flag".to_vec())
        .send()
        .await
        .expect("set language image");
    let flag = client
        .tb_language_meta_get()
        .tb_guid(TB_TERMS)
        .entry_id(1)
        .metaname("Flag")
        .send()
        .await
        .expect("get language image");
    assert_eq!(bytes(flag).await, b"first flag");

    client
        .tb_term_meta_set()
        .tb_guid(TB_TERMS)
        .entry_id(1)
        .metaname("Icon")
        .body(b"first icon".to_vec())
        .send()
        .await
        .expect("set term image");
    let icon = client
        .tb_term_meta_get()
        .tb_guid(TB_TERMS)
        .entry_id(1)
        .metaname("Icon")
        .send()
        .await
        .expect("get term image");
    assert_eq!(bytes(icon).await, b"first icon");

    let state = sandbox.memoq();
    assert_eq!(
        state.tb_image(TB_TERMS, 1, ImageLevel::Language(&first_language), "Flag"),
        Some(b"first flag".to_vec())
    );
    assert_eq!(
        state.tb_image(TB_TERMS, 1, ImageLevel::Term(first_term), "Icon"),
        Some(b"first icon".to_vec())
    );
}
