//! Per-operation retry safety. Every operation of the spec is listed (a test keeps the table
//! complete); an operation missing from it is treated as unsafe.

use tms_runtime::engine::Idempotency::{self, Safe, Unsafe};

/// `(operation id, whether sending it twice is harmless)`.
///
/// Reads, searches and full replacements (`PUT`) are safe, and so is setting a status twice.
/// Everything that creates something or starts asynchronous work (job and project creation,
/// uploads, pre-translation, analyses, TM import and export, the target-file export `PUT`) is
/// unsafe: a duplicate would cost money or pending-request slots. `PATCH` and `DELETE` are
/// unsafe too: a replay after a successful first send would report a misleading 404 or conflict.
/// Logging in twice would only waste a session, but is not retried either.
pub const OPERATIONS: &[(&str, Idempotency)] = &[
    ("auth_login", Unsafe),                         // POST /api2/v1/auth/login
    ("auth_login_v3", Unsafe),                      // POST /api2/v3/auth/login
    ("auth_who_am_i", Safe),                        // GET /api2/v1/auth/whoAmI
    ("auth_logout", Safe),                          // POST /api2/v1/auth/logout
    ("async_request_list_pending", Safe),           // GET /api2/v1/async
    ("async_request_status", Safe),                 // GET /api2/v1/async/status
    ("async_request_get", Safe),                    // GET /api2/v1/async/{asyncRequestId}
    ("project_list", Safe),                         // GET /api2/v1/projects
    ("project_create", Unsafe),                     // POST /api2/v3/projects
    ("project_get", Safe),                          // GET /api2/v1/projects/{projectUid}
    ("project_patch", Unsafe),                      // PATCH /api2/v1/projects/{projectUid}
    ("project_delete", Unsafe),                     // DELETE /api2/v1/projects/{projectUid}
    ("project_edit", Safe),                         // PUT /api2/v2/projects/{projectUid}
    ("project_set_status", Safe),                   // POST /api2/v1/projects/{projectUid}/setStatus
    ("project_clone", Unsafe),                      // POST /api2/v1/projects/{projectUid}/clone
    ("project_template_list", Safe),                // GET /api2/v1/projectTemplates
    ("project_template_get", Safe), // GET /api2/v1/projectTemplates/{projectTemplateUid}
    ("project_create_from_template", Unsafe), // POST /api2/v2/projects/applyTemplate/{templateUid}
    ("project_create_from_template_async", Unsafe), // POST /api2/v2/projects/applyTemplate/async/{templateUid}
    ("job_create", Unsafe),                         // POST /api2/v1/projects/{projectUid}/jobs
    ("job_list", Safe),                             // GET /api2/v2/projects/{projectUid}/jobs
    ("job_get", Safe),        // GET /api2/v1/projects/{projectUid}/jobs/{jobUid}
    ("job_update", Safe),     // PUT /api2/v1/projects/{projectUid}/jobs/{jobUid}
    ("job_patch", Unsafe),    // PATCH /api2/v1/projects/{projectUid}/jobs/{jobUid}
    ("job_set_status", Safe), // POST /api2/v1/projects/{projectUid}/jobs/{jobUid}/setStatus
    ("job_delete_batch", Unsafe), // DELETE /api2/v1/projects/{projectUid}/jobs/batch
    ("job_download_original", Safe), // GET /api2/v1/projects/{projectUid}/jobs/{jobUid}/original
    ("job_export_target_file", Unsafe), // PUT /api2/v2/projects/{projectUid}/jobs/{jobUid}/targetFile
    ("job_download_target_file", Safe), // GET /api2/v2/projects/{projectUid}/jobs/{jobUid}/downloadTargetFile/{asyncRequestId}
    ("job_pre_translate", Unsafe),      // POST /api2/v2/projects/{projectUid}/jobs/preTranslate
    ("job_update_source", Unsafe),      // POST /api2/v1/projects/{projectUid}/jobs/source
    ("job_update_target", Unsafe),      // POST /api2/v1/projects/{projectUid}/jobs/target
    ("job_split", Unsafe),              // POST /api2/v1/projects/{projectUid}/jobs/{jobUid}/split
    ("job_segments", Safe),             // GET /api2/v1/projects/{projectUid}/jobs/{jobUid}/segments
    ("analysis_create", Unsafe),        // POST /api2/v2/analyses
    ("analysis_get", Safe),             // GET /api2/v3/analyses/{analyseUid}
    ("analysis_list_by_project", Safe), // GET /api2/v3/projects/{projectUid}/analyses
    ("analysis_download", Safe),        // GET /api2/v1/analyses/{analyseUid}/download
    ("tm_list", Safe),                  // GET /api2/v1/transMemories
    ("tm_create", Unsafe),              // POST /api2/v1/transMemories
    ("tm_get", Safe),                   // GET /api2/v1/transMemories/{transMemoryUid}
    ("tm_update", Safe),                // PUT /api2/v1/transMemories/{transMemoryUid}
    ("tm_delete", Unsafe),              // DELETE /api2/v1/transMemories/{transMemoryUid}
    ("tm_import", Unsafe),              // POST /api2/v2/transMemories/{transMemoryUid}/import
    ("tm_export", Unsafe),              // POST /api2/v2/transMemories/{transMemoryUid}/export
    ("tm_download_export", Safe), // GET /api2/v1/transMemories/downloadExport/{asyncRequestId}
    ("tm_search", Safe),          // POST /api2/v1/transMemories/{transMemoryUid}/search
    ("tm_segment_insert", Unsafe), // POST /api2/v1/transMemories/{transMemoryUid}/segments
    ("tm_segment_delete", Unsafe), // DELETE /api2/v1/transMemories/{transMemoryUid}/segments/{segmentId}
    ("tb_list", Safe),             // GET /api2/v1/termBases
    ("tb_create", Unsafe),         // POST /api2/v1/termBases
    ("tb_get", Safe),              // GET /api2/v1/termBases/{termBaseUid}
    ("tb_search", Safe),           // POST /api2/v1/termBases/{termBaseUid}/search
    ("tb_term_create", Unsafe),    // POST /api2/v1/termBases/{termBaseUid}/terms
    ("tb_term_get", Safe),         // GET /api2/v1/termBases/{termBaseUid}/terms/{termId}
    ("tb_term_update", Safe),      // PUT /api2/v1/termBases/{termBaseUid}/terms/{termId}
    ("tb_term_delete", Unsafe),    // DELETE /api2/v1/termBases/{termBaseUid}/terms/{termId}
    ("tb_export", Safe),           // GET /api2/v1/termBases/{termBaseUid}/export
    ("user_list", Safe),           // GET /api2/v1/users
    ("user_get", Safe),            // GET /api2/v3/users/{userUid}
    ("language_list", Safe),       // GET /api2/v1/languages
];

/// How safe it is to send `operation` twice.
pub fn idempotency(operation: &str) -> Idempotency {
    OPERATIONS
        .iter()
        .find(|(name, _)| *name == operation)
        .map_or(Unsafe, |(_, idempotency)| *idempotency)
}

/// Operations whose answer is a file, read under the transfer timeout.
pub const DOWNLOADS: &[&str] = &[
    "job_download_original",
    "job_download_target_file",
    "analysis_download",
    "tm_download_export",
    "tb_export",
];

/// Whether `operation` answers with a file.
pub fn is_download(operation: &str) -> bool {
    DOWNLOADS.contains(&operation)
}
