//! Paged lists: `pageNumber` from 0, `pageSize` 1..50 (default 50), answered with the page
//! metadata every `PageDto…` carries (`totalElements`, `totalPages`, `pageSize`, `pageNumber`,
//! `numberOfElements`), and the name filter the lists share.

use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;

use super::http::{Reply, bad_request, json};

/// The largest page the vendor serves.
pub(crate) const MAX_PAGE_SIZE: i32 = 50;

/// One page of a list, and where it sits in the whole.
pub(crate) struct Paged<T> {
    pub(crate) content: Vec<T>,
    pub(crate) total_elements: i32,
    pub(crate) total_pages: i32,
    pub(crate) page_size: i32,
    pub(crate) page_number: i32,
    pub(crate) number_of_elements: i32,
}

/// Cuts page `number` of `size` out of `items`. A size outside 1..50 or a negative number is
/// 400 `InvalidArguments`, with "Maximum value is: 50" as the vendor words it.
pub(crate) fn page<T>(
    items: Vec<T>,
    number: Option<i32>,
    size: Option<i32>,
) -> Result<Paged<T>, Response> {
    let size = size.unwrap_or(MAX_PAGE_SIZE);
    if size > MAX_PAGE_SIZE {
        return Err(bad_request(&format!(
            "pageSize: Maximum value is: {MAX_PAGE_SIZE}"
        )));
    }
    if size < 1 {
        return Err(bad_request("pageSize: Minimum value is: 1"));
    }
    let number = number.unwrap_or(0);
    if number < 0 {
        return Err(bad_request("pageNumber: Minimum value is: 0"));
    }
    let total = items.len();
    let total_elements = i32::try_from(total).unwrap_or(i32::MAX);
    let total_pages = (total_elements + size - 1) / size;
    let start = usize::try_from(number)
        .unwrap_or(usize::MAX)
        .saturating_mul(usize::try_from(size).unwrap_or(1));
    let content: Vec<T> = items
        .into_iter()
        .skip(start)
        .take(usize::try_from(size).unwrap_or(1))
        .collect();
    Ok(Paged {
        number_of_elements: i32::try_from(content.len()).unwrap_or(i32::MAX),
        content,
        total_elements,
        total_pages,
        page_size: size,
        page_number: number,
    })
}

/// An element of a paged list: names the `PageDto…` that carries it.
pub(crate) trait PageItem: Sized {
    /// The vendor's page type of this element.
    type Page: Serialize;

    /// Builds the page from a [`Paged`] of elements.
    fn page_dto(paged: Paged<Self>) -> Self::Page;
}

macro_rules! page_items {
    ($($page:ident => $item:ident,)+) => {$(
        impl PageItem for memsource_api::types::$item {
            type Page = memsource_api::types::$page;

            fn page_dto(paged: Paged<Self>) -> Self::Page {
                memsource_api::types::$page {
                    content: Some(paged.content),
                    number_of_elements: Some(paged.number_of_elements),
                    page_number: Some(paged.page_number),
                    page_size: Some(paged.page_size),
                    total_elements: Some(paged.total_elements),
                    total_pages: Some(paged.total_pages),
                }
            }
        }
    )+};
}

page_items! {
    PageDtoAbstractProjectDto => AbstractProjectDto,
    PageDtoAnalyseReference => AnalyseReference,
    PageDtoAsyncRequestDto => AsyncRequestDto,
    PageDtoJobPartReferenceV2 => JobPartReferenceV2,
    PageDtoProjectTemplateReference => ProjectTemplateReference,
    PageDtoTermBaseDto => TermBaseDto,
    PageDtoTransMemoryDto => TransMemoryDto,
    PageDtoUserDto => UserDto,
}

/// The answer of every list operation: page `number` of `size` of `items`, 200 with the
/// vendor's `PageDto…` (or 400 for a page outside the limits, see [`page`]).
pub(crate) fn paged_reply<T: PageItem>(
    items: Vec<T>,
    number: Option<i32>,
    size: Option<i32>,
) -> Reply {
    let paged = page(items, number, size)?;
    json(StatusCode::OK, &T::page_dto(paged))
}

/// The name filter of the list operations: `name` contains `filter`, case-insensitively (no
/// filter keeps everything).
pub(crate) fn name_matches(name: &str, filter: Option<&str>) -> bool {
    filter.is_none_or(|f| contains_ignoring_case(name, f))
}

/// Whether `haystack` contains `needle`, case-insensitively.
pub(crate) fn contains_ignoring_case(haystack: &str, needle: &str) -> bool {
    haystack.to_lowercase().contains(&needle.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cut_the_list_and_count_the_pages() {
        let paged = page((0..7).collect::<Vec<_>>(), Some(1), Some(3)).expect("valid");
        assert_eq!(paged.content, vec![3, 4, 5]);
        assert_eq!((paged.total_elements, paged.total_pages), (7, 3));
        let last = page((0..7).collect::<Vec<_>>(), Some(2), Some(3)).expect("valid");
        assert_eq!((last.content, last.number_of_elements), (vec![6], 1));
        let past = page((0..7).collect::<Vec<_>>(), Some(9), Some(3)).expect("valid");
        assert!(past.content.is_empty());
        assert!(page(vec![1], None, Some(51)).is_err());
        assert!(page(vec![1], None, Some(0)).is_err());
        assert!(page(vec![1], Some(-1), None).is_err());
    }
}
