//! TM and termbase GUIDs are typed: listed resources hand them out without unwrapping, and a
//! resource the server sent without one is a protocol error, not a panic or an empty GUID.

use memoq_api::Error;
use memoq_api::ids::{TbGuid, TmGuid};
use memoq_api::types::{TbModel, TmModel};

#[test]
fn a_listed_tm_hands_out_its_guid() {
    let tms: Vec<TmModel> = serde_json::from_str(
        r#"[{"FriendlyName": "A", "TMGuid": "2433ea4e-0ea6-4339-9c1f-f84bce41ad3b"}, {"FriendlyName": "B"}]"#,
    )
    .expect("one TM without a GUID does not fail the list");
    assert_eq!(
        tms[0].guid().ok(),
        Some(TmGuid::from("2433ea4e-0ea6-4339-9c1f-f84bce41ad3b"))
    );
    match tms[1].guid() {
        Err(Error::Protocol(message)) => assert!(message.contains("TMGuid"), "{message}"),
        other => panic!("expected a protocol error, got {other:?}"),
    }
}

#[test]
fn a_listed_termbase_hands_out_its_guid() {
    let tb: TbModel = serde_json::from_str(r#"{"TBGuid": "tb-1"}"#).expect("decode");
    assert_eq!(tb.guid().ok(), Some(TbGuid::from("tb-1")));
    assert!(matches!(TbModel::default().guid(), Err(Error::Protocol(_))));
}

#[test]
fn guids_show_their_kind_and_compare_with_text() {
    let guid = TmGuid::from("g-1");
    assert_eq!(format!("{guid:?}"), r#"TmGuid("g-1")"#);
    assert_eq!(guid.to_string(), "g-1");
    assert_eq!(guid, "g-1");
    assert_eq!(serde_json::to_string(&guid).expect("encode"), r#""g-1""#);
    assert_eq!(String::from(guid), "g-1");
}
