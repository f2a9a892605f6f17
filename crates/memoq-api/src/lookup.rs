//! Task-shaped TM lookup over [`Segment`]s.

use crate::ids::TmGuid;
use crate::segment::{Segment, SegmentError};
use crate::{Client, Error, types};

/// One TM hit for a looked-up segment.
#[derive(Debug, Clone, PartialEq)]
pub struct LookupHit {
    /// The match rate (up to 100; 101 context, 102 double context).
    pub match_rate: Option<i32>,
    /// The TM entry (its context fields are not filled by lookups; fetch the entry by `Key`).
    pub entry: types::TmEntryModel,
}

impl LookupHit {
    /// The entry's target segment, parsed (`None` when the server sent none).
    pub fn target(&self) -> Option<Result<Segment, SegmentError>> {
        self.entry.target_segment.as_deref().map(Segment::parse)
    }

    /// The entry's source segment, parsed.
    pub fn source(&self) -> Option<Result<Segment, SegmentError>> {
        self.entry.source_segment.as_deref().map(Segment::parse)
    }
}

impl Client {
    /// Looks up `segments` in the TM `tm_guid` in one call; the result has one list of hits per
    /// segment, in the same order (memoQ answers positionally).
    ///
    /// ```no_run
    /// # async fn demo(client: memoq_api::Client) -> Result<(), memoq_api::Error> {
    /// use memoq_api::ids::TmGuid;
    /// use memoq_api::segment::Segment;
    ///
    /// let segments = ["Print the document.", "R&D <beta>"].map(Segment::from_text);
    /// let tm = TmGuid::from("2433ea4e-0ea6-4339-9c1f-f84bce41ad3b");
    /// let hits = client.lookup(&tm, &segments, None).await?;
    /// for (segment, hits) in segments.iter().zip(&hits) {
    ///     if let Some(Ok(target)) = hits.first().and_then(|h| h.target()) {
    ///         println!("{} → {}", segment.plain_text(), target.plain_text());
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// The lookup's error; `Error::Protocol` when the answer has a different number of results
    /// than segments were sent.
    pub async fn lookup(
        &self,
        tm_guid: impl Into<TmGuid>,
        segments: &[Segment],
        options: Option<types::LookupSegmentOptions>,
    ) -> Result<Vec<Vec<LookupHit>>, Error> {
        let request = types::LookupSegmentRequest {
            segments: segments
                .iter()
                .map(|segment| types::QuerySegment {
                    segment: segment.to_wire(),
                    preceding_segment: None,
                    following_segment: None,
                    context_id: None,
                })
                .collect(),
            options,
        };
        let answer = self
            .tm_lookup_segments()
            .tm_guid(tm_guid.into())
            .body(request)
            .send()
            .await?
            .into_inner();
        let results = answer.result.unwrap_or_default();
        if results.len() != segments.len() {
            return Err(Error::Protocol(format!(
                "{} segments looked up, {} results returned",
                segments.len(),
                results.len()
            )));
        }
        Ok(results
            .into_iter()
            .map(|result| {
                result
                    .tm_hits
                    .unwrap_or_default()
                    .into_iter()
                    .map(|hit| LookupHit {
                        match_rate: hit.match_rate,
                        entry: hit.trans_unit.unwrap_or_default(),
                    })
                    .collect()
            })
            .collect())
    }
}

impl Client {
    /// The TMs for a language pair, given in any scheme via [`crate::lang`]:
    ///
    /// ```no_run
    /// # async fn demo(client: memoq_api::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use memoq_api::lang;
    ///
    /// // A Memsource job's languages, as memoQ names them: `eng-US` and `ger-DE`.
    /// let tms = client
    ///     .tms_for_languages(lang::from_memsource("en_us")?, lang::from_memsource("de_de")?)
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// The list call's error.
    pub async fn tms_for_languages(
        &self,
        source: crate::lang::Language,
        target: crate::lang::Language,
    ) -> Result<Vec<types::TmModel>, Error> {
        Ok(self
            .tm_list()
            .src_lang(source)
            .target_lang(target)
            .send()
            .await?
            .into_inner())
    }
}
