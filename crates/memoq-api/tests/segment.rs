//! Segment markup: escaping, every inline tag form, what the server sends, malformed input,
//! and properties (render then parse is the identity; no input panics).

mod support;
use memoq_api::segment::{Part, Position, Segment, TagKind};
use proptest::prelude::*;

#[test]
fn escaping_table() {
    let cases = [
        ("plain", "<seg>plain</seg>"),
        ("R&D", "<seg>R&amp;D</seg>"),
        ("a < b > c", "<seg>a &lt; b &gt; c</seg>"),
        (
            r#"quotes " and ' stay"#,
            r#"<seg>quotes " and ' stay</seg>"#,
        ),
        ("Zürich 東京 🙂", "<seg>Zürich 東京 🙂</seg>"),
        ("&amp; literally", "<seg>&amp;amp; literally</seg>"),
        ("", "<seg></seg>"),
    ];
    for (text, wire) in cases {
        let segment = Segment::from_text(text);
        assert_eq!(segment.to_wire(), wire, "{text:?}");
        assert_eq!(segment.plain_text(), text);
        assert_eq!(Segment::parse(wire).expect("parses"), segment, "{wire}");
    }
}

#[test]
fn inline_tag_forms() {
    let segment = Segment::builder()
        .it(Position::Begin, "<i>")
        .text("Press ")
        .bpt(1, "<b>")
        .text("Print")
        .ept(1, "</b>")
        .ph("<br/>")
        .text(" & wait")
        .it(Position::End, "</i>")
        .build();
    let wire = segment.to_wire();
    assert_eq!(
        wire,
        concat!(
            r#"<seg><it pos="begin">&lt;i&gt;</it>Press <bpt i="1">&lt;b&gt;</bpt>Print"#,
            r#"<ept i="1">&lt;/b&gt;</ept><ph>&lt;br/&gt;</ph> &amp; wait<it pos="end">&lt;/i&gt;</it></seg>"#
        )
    );
    let parsed = Segment::parse(&wire).expect("parses");
    assert_eq!(parsed, segment);
    assert_eq!(parsed.plain_text(), "Press Print & wait");
    let kinds: Vec<_> = parsed.tags().map(|t| t.kind().clone()).collect();
    assert_eq!(
        kinds,
        [
            TagKind::It,
            TagKind::Bpt,
            TagKind::Ept,
            TagKind::Ph,
            TagKind::It
        ]
    );
    let bpt = parsed.tags().nth(1).expect("bpt");
    assert_eq!(bpt.attribute("i"), Some("1"));
    assert_eq!(bpt.content(), Some("<b>"));
}

#[test]
fn server_markup_round_trips_exactly() {
    let inputs = [
        "<seg>Második szegmens</seg>",
        r#"<seg>Click <bpt i="1" type="bold" x="7">{1}</bpt>OK<ept i='1'>{/1}</ept></seg>"#,
        r#"<seg><ph x="2"/>Text &#233;&#xE9; &apos;&quot; &nbsp; kept</seg>"#,
        r#"<seg>a<hi type="emphasis">b</hi>c<ph>x<sub>nested</sub>y</ph></seg>"#,
        "<seg >spaced</seg >",
        "<seg lang=\"hu\">with an attribute</seg>",
        "<seg/>",
        "<seg>literal > is fine</seg>",
    ];
    for wire in inputs {
        let segment = Segment::parse(wire).unwrap_or_else(|e| panic!("{wire}: {e}"));
        assert_eq!(segment.to_wire(), wire);
    }
    let odd = Segment::parse(inputs[2]).expect("parses");
    assert_eq!(
        odd.plain_text(),
        "Text éé '\" &nbsp; kept",
        "unknown entities stay as written"
    );
    let nested = Segment::parse(inputs[3]).expect("parses");
    assert!(matches!(&nested.parts()[1], Part::Tag(t) if t.kind() == &TagKind::Other("hi".into())));
    assert_eq!(
        nested.tags().nth(1).and_then(|t| t.content()),
        Some("x<sub>nested</sub>y")
    );
}

#[test]
fn malformed_markup_is_a_clear_error() {
    let cases = [
        ("plain text", 0, "starts with <seg>"),
        ("<seg>no end", 11, "never closed"),
        ("<seg>R&D</seg>", 6, "'&'"),
        ("<seg>a &#xD800; b</seg>", 7, "character reference"),
        ("<seg>a</seg>trailing", 12, "after </seg>"),
        ("<seg><bpt i=1>x</bpt></seg>", 12, "quoted"),
        ("<seg><bpt i=\"1\">x</seg>", 16, "never closed"),
        ("<seg>x</b></seg>", 6, "closes no open element"),
        ("<para>x</para>", 1, "not <para>"),
        ("<seg><ph a=\"<\"/></seg>", 12, "'<' inside"),
        ("<seg", 4, "not closed"),
    ];
    for (input, offset, reason) in cases {
        let err = Segment::parse(input).expect_err(input);
        assert!(err.reason.contains(reason), "{input}: {err}");
        assert_eq!(err.offset, offset, "{input}: {err}");
    }
}

#[test]
fn segments_travel_as_json_strings() {
    let segment = Segment::from_text("R&D");
    let json = serde_json::to_string(&segment).expect("encodes");
    assert_eq!(json, r#""<seg>R&amp;D</seg>""#);
    let back: Segment = serde_json::from_str(&json).expect("decodes");
    assert_eq!(back, segment);
}

fn text_strategy() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just('&'),
            Just('<'),
            Just('>'),
            Just('"'),
            Just('\''),
            Just(';'),
            Just('#'),
            any::<char>().prop_filter("no NUL", |c| *c != '\0'),
        ],
        0..12,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

#[derive(Debug, Clone)]
enum Piece {
    Text(String),
    Bpt(u32, String),
    Ept(u32, String),
    Ph(String),
    It(bool, String),
}

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        3 => text_strategy().prop_map(Piece::Text),
        1 => (1u32..9, text_strategy()).prop_map(|(i, n)| Piece::Bpt(i, n)),
        1 => (1u32..9, text_strategy()).prop_map(|(i, n)| Piece::Ept(i, n)),
        1 => text_strategy().prop_map(Piece::Ph),
        1 => (any::<bool>(), text_strategy()).prop_map(|(b, n)| Piece::It(b, n)),
    ]
}

fn build(pieces: &[Piece]) -> Segment {
    pieces
        .iter()
        .fold(Segment::builder(), |b, p| match p {
            Piece::Text(t) => b.text(t),
            Piece::Bpt(i, n) => b.bpt(*i, n),
            Piece::Ept(i, n) => b.ept(*i, n),
            Piece::Ph(n) => b.ph(n),
            Piece::It(begin, n) => b.it(
                if *begin {
                    Position::Begin
                } else {
                    Position::End
                },
                n,
            ),
        })
        .build()
}

proptest! {
    #[test]
    fn render_then_parse_is_the_identity(pieces in proptest::collection::vec(piece(), 0..8)) {
        let segment = build(&pieces);
        let wire = segment.to_wire();
        let parsed = Segment::parse(&wire).expect("rendered markup parses");
        prop_assert_eq!(&parsed, &segment);
        prop_assert_eq!(parsed.to_wire(), wire);
        let text: String = pieces.iter().filter_map(|p| match p { Piece::Text(t) => Some(t.as_str()), _ => None }).collect();
        prop_assert_eq!(parsed.plain_text(), text);
    }

    #[test]
    fn no_input_panics(input in ".{0,64}") {
        let _ = Segment::parse(&input);
        let _ = Segment::parse(&format!("<seg>{input}</seg>"));
    }

    #[test]
    fn parsed_markup_renders_back_exactly(input in "[a-z <>&;/=\"'#x0-9]{0,40}") {
        let wire = format!("<seg>{input}</seg>");
        if let Ok(segment) = Segment::parse(&wire) {
            prop_assert_eq!(segment.to_wire(), wire);
        }
    }
}

#[tokio::test]
async fn lookup_takes_segments_and_parses_the_targets() {
    use memoq_api_httpmock::MockServerExt;

    let (server, client) = support::logged_in().await;
    let segments = [
        Segment::from_text("R&D <beta>"),
        Segment::from_text("Print"),
    ];
    let wire: Vec<String> = segments.iter().map(Segment::to_wire).collect();
    server.tm_lookup_segments(|when, then| {
        when.into_inner().json_body(serde_json::json!({
            "Segments": [{"Segment": wire[0]}, {"Segment": wire[1]}]
        }));
        then.into_inner()
            .status(200)
            .header("content-type", "application/json")
            .body(r#"{"Result":[{"TMHits":[{"MatchRate":100,"TransUnit":{"SourceSegment":"<seg>R&amp;D &lt;beta&gt;</seg>","TargetSegment":"<seg>F&amp;E <ph>&lt;br/&gt;</ph>&lt;Beta&gt;</seg>"}}]},{"TMHits":null}]}"#);
    });
    let hits = client.lookup("tm", &segments, None).await.expect("lookup");
    assert_eq!(hits.len(), 2);
    assert!(hits[1].is_empty());
    let target = hits[0][0].target().expect("a target").expect("parses");
    assert_eq!(target.plain_text(), "F&E <Beta>");
    assert_eq!(target.tags().count(), 1);
    assert_eq!(hits[0][0].match_rate, Some(100));
}
