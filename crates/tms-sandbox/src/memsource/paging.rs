//! Paged lists: `pageNumber` from 0, `pageSize` 1..50 (default 50), answered with the page
//! metadata every `PageDto…` carries (`totalElements`, `totalPages`, `pageSize`, `pageNumber`,
//! `numberOfElements`).

use axum::response::Response;

use super::http::bad_request;

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

/// Builds a `PageDto…` from a [`Paged`] of its elements.
pub(crate) trait FromPaged<T>: Sized {
    fn from_paged(paged: Paged<T>) -> Self;
}

macro_rules! from_paged {
    ($($page:ident => $item:ident,)+) => {$(
        impl FromPaged<memsource_api::types::$item> for memsource_api::types::$page {
            fn from_paged(paged: Paged<memsource_api::types::$item>) -> Self {
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

from_paged! {
    PageDtoAbstractProjectDto => AbstractProjectDto,
    PageDtoAnalyseReference => AnalyseReference,
    PageDtoAsyncRequestDto => AsyncRequestDto,
    PageDtoJobPartReferenceV2 => JobPartReferenceV2,
    PageDtoProjectTemplateReference => ProjectTemplateReference,
    PageDtoTermBaseDto => TermBaseDto,
    PageDtoTransMemoryDto => TransMemoryDto,
    PageDtoUserDto => UserDto,
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
