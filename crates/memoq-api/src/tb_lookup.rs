//! One view over the two TB lookup answer shapes seen from memoQ servers.

use crate::types::{TbLookupHit, TbLookupHits, TbLookupResponse, TbLookupSegmentResult};

impl TbLookupResponse {
    /// One result per query segment, in request order, whether the server wrapped them in
    /// `{"Result": [...]}` or sent the bare array.
    pub fn results(&self) -> &[TbLookupSegmentResult] {
        match self {
            Self::ResultList(list) => &list.0,
            Self::Envelope(envelope) => envelope.result.as_deref().unwrap_or_default(),
        }
    }
}

impl TbLookupSegmentResult {
    /// Every hit for this segment, whether the server sent them flat or grouped.
    pub fn hits(&self) -> impl Iterator<Item = &TbLookupHit> {
        let (groups, flat): (&[_], &[_]) = match &self.tb_hits {
            Some(TbLookupHits::Groups(groups)) => (&groups.0, &[]),
            Some(TbLookupHits::List(list)) => (&[], &list.0),
            None => (&[], &[]),
        };
        groups.iter().flat_map(|group| group.0.iter()).chain(flat)
    }
}
