//! One view over Memsource's paged answers.
//!
//! Every list operation answers with its own `PageDto…` type of the same shape
//! (`totalElements, totalPages, pageSize, pageNumber, numberOfElements, content`); [`Page`] gives
//! them one interface, which the pagination stream builds on.

use crate::types;

/// A page of a Memsource list answer. Page numbers start at 0.
pub trait Page {
    /// The element type.
    type Item;

    /// The elements of this page.
    fn items(&self) -> &[Self::Item];
    /// Consumes the page, giving its elements.
    fn into_items(self) -> Vec<Self::Item>;
    /// This page's number, from 0.
    fn page_number(&self) -> Option<i32>;
    /// How many pages there are in all.
    fn total_pages(&self) -> Option<i32>;
    /// How many elements there are in all.
    fn total_elements(&self) -> Option<i32>;

    /// Whether a page follows this one, by the page metadata; an empty page is always the last.
    fn has_next(&self) -> bool {
        if self.items().is_empty() {
            return false;
        }
        match (self.page_number(), self.total_pages()) {
            (Some(number), Some(total)) => number.saturating_add(1) < total,
            _ => false,
        }
    }
}

macro_rules! page {
    ($($page:ident => $item:ident,)+) => {$(
        impl Page for types::$page {
            type Item = types::$item;

            fn items(&self) -> &[Self::Item] {
                self.content.as_deref().unwrap_or_default()
            }

            fn into_items(self) -> Vec<Self::Item> {
                self.content.unwrap_or_default()
            }

            fn page_number(&self) -> Option<i32> {
                self.page_number
            }

            fn total_pages(&self) -> Option<i32> {
                self.total_pages
            }

            fn total_elements(&self) -> Option<i32> {
                self.total_elements
            }
        }
    )+};
}

page! {
    PageDtoAbstractProjectDto => AbstractProjectDto,
    PageDtoAnalyseReference => AnalyseReference,
    PageDtoAsyncRequestDto => AsyncRequestDto,
    PageDtoJobPartReferenceV2 => JobPartReferenceV2,
    PageDtoProjectTemplateReference => ProjectTemplateReference,
    PageDtoTermBaseDto => TermBaseDto,
    PageDtoTransMemoryDto => TransMemoryDto,
    PageDtoUserDto => UserDto,
}
