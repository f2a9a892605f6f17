//! One view over Memsource's paged answers.
//!
//! Every list operation answers with its own `PageDto…` type of the same shape
//! (`totalElements, totalPages, pageSize, pageNumber, numberOfElements, content`); [`Page`] gives
//! them one interface, which the pagination stream builds on.

use std::future::Future;

use futures_core::Stream;

use crate::{Error, types};

/// The largest page Memsource serves.
pub const MAX_PAGE_SIZE: i32 = 50;

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

// The pipeline's lists (workflow, jobs, project resources, webhooks).
page! {
    PageDtoAdditionalWorkflowStepDto => AdditionalWorkflowStepDto,
    PageDtoAssignedJobDto => AssignedJobDto,
    PageDtoProviderReference => ProviderReference,
    PageDtoWebHookDtoV2 => WebHookDtoV2,
    PageDtoWebhookCallDto => WebhookCallDto,
    PageDtoWorkflowStepDto => WorkflowStepDto,
    PageDtoWorkflowStepReference => WorkflowStepReference,
    ReferenceFilePageDto => ReferenceFileReference,
}

/// Every element of a paged list, page after page, as a stream.
///
/// `fetch(page_number, page_size)` makes one call (page numbers start at 0). The stream stops after
/// the last page by the page metadata (or an empty page), fails with [`Error::Protocol`] when the
/// server answers a different page than the one asked for (a loop would never end), and when
/// the server refuses the page size with "Maximum value is: N" it shrinks to N and asks again.
///
/// ```no_run
/// # async fn demo(client: memsource_api::Client) -> Result<(), memsource_api::Error> {
/// use futures_util::TryStreamExt;
/// use memsource_api::paging::all;
///
/// let projects: Vec<_> = all(50, |page, size| {
///     client.project_list().page_number(page).page_size(size).send()
/// })
/// .try_collect()
/// .await?;
/// # Ok(()) }
/// ```
pub fn all<P, F, Fut>(page_size: i32, fetch: F) -> impl Stream<Item = Result<P::Item, Error>>
where
    P: Page,
    F: FnMut(i32, i32) -> Fut,
    Fut: Future<Output = Result<crate::ResponseValue<P>, Error>>,
{
    struct State<F> {
        fetch: F,
        page: i32,
        size: i32,
        done: bool,
    }
    let state = State {
        fetch,
        page: 0,
        size: page_size.clamp(1, MAX_PAGE_SIZE),
        done: false,
    };
    let pages = futures_util::stream::try_unfold(state, |mut state| async move {
        if state.done {
            return Ok(None);
        }
        let page = loop {
            match (state.fetch)(state.page, state.size).await {
                Ok(page) => break page.into_inner(),
                Err(err) => match maximum_page_size(&err) {
                    Some(max) if max >= 1 && max < state.size => state.size = max,
                    _ => return Err(err),
                },
            }
        };
        if let Some(number) = page.page_number()
            && number != state.page
        {
            return Err(Error::Protocol(format!(
                "asked for page {}, got page {number}",
                state.page
            )));
        }
        state.done = !page.has_next();
        state.page += 1;
        Ok(Some((page.into_items(), state)))
    });
    futures_util::StreamExt::flat_map(pages, |page| {
        let items: Vec<Result<P::Item, Error>> = match page {
            Ok(items) => items.into_iter().map(Ok).collect(),
            Err(err) => vec![Err(err)],
        };
        futures_util::stream::iter(items)
    })
}

/// `N` from a 400 answer saying "Maximum value is: N".
fn maximum_page_size(err: &Error) -> Option<i32> {
    let text = match err {
        Error::Api { body, .. } => body.error_description.clone().unwrap_or_default(),
        Error::UnexpectedBody { body, .. } => body.clone(),
        _ => return None,
    };
    let rest = &text[text.find("Maximum value is")? + "Maximum value is".len()..];
    let digits: String = rest
        .trim_start_matches([':', ' '])
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

// The pages of the organisation, machine translation, analysis, TM/TB and file operations.
page! {
    PageDtoAnalyseJobDto => AnalyseJobDto,
    PageDtoBusinessUnitDto => BusinessUnitDto,
    PageDtoClientDto => ClientDto,
    PageDtoCostCenterDto => CostCenterDto,
    PageDtoCustomFieldDto => CustomFieldDto,
    PageDtoCustomFieldInstanceDto => CustomFieldInstanceDto,
    PageDtoCustomFieldOptionDto => CustomFieldOptionDto,
    PageDtoDomainDto => DomainDto,
    PageDtoImportSettingsReference => ImportSettingsReference,
    PageDtoMachineTranslateSettingsPbmDto => MachineTranslateSettingsPbmDto,
    PageDtoNetRateSchemeReference => NetRateSchemeReference,
    PageDtoNetRateSchemeWorkflowStepReference => NetRateSchemeWorkflowStepReference,
    PageDtoSubDomainDto => SubDomainDto,
    PageDtoUploadedFileDto => UploadedFileDto,
    PageDtoVendorDto => VendorDto,
}
