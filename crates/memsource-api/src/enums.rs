//! Memsource's growing string enums, as open enums: named variants for the documented values,
//! `Unknown(String)` for anything a newer server sends.

use tms_runtime::open_str_enum;

open_str_enum! {
    /// What an asynchronous request does (`action`). The list grows with every release.
    AsyncRequestAction {
        /// `PRE_ANALYSE`.
        PreAnalyse = "PRE_ANALYSE",
        /// `POST_ANALYSE`.
        PostAnalyse = "POST_ANALYSE",
        /// `CONTINUOUS_PRE_ANALYSE`.
        ContinuousPreAnalyse = "CONTINUOUS_PRE_ANALYSE",
        /// `CONTINUOUS_POST_ANALYSE`.
        ContinuousPostAnalyse = "CONTINUOUS_POST_ANALYSE",
        /// `COMPARE_ANALYSE`.
        CompareAnalyse = "COMPARE_ANALYSE",
        /// `PARENT_ANALYSE`.
        ParentAnalyse = "PARENT_ANALYSE",
        /// `PRE_TRANSLATE`.
        PreTranslate = "PRE_TRANSLATE",
        /// `ASYNC_TRANSLATE`.
        AsyncTranslate = "ASYNC_TRANSLATE",
        /// `IMPORT_JOB`.
        ImportJob = "IMPORT_JOB",
        /// `IMPORT_FILE`.
        ImportFile = "IMPORT_FILE",
        /// `ALIGN`.
        Align = "ALIGN",
        /// `EXPORT_TMX_BY_QUERY`.
        ExportTmxByQuery = "EXPORT_TMX_BY_QUERY",
        /// `EXPORT_TMX`.
        ExportTmx = "EXPORT_TMX",
        /// `IMPORT_TMX`.
        ImportTmx = "IMPORT_TMX",
        /// `IMPORT_MXLF_INTO_TM`.
        ImportMxlfIntoTm = "IMPORT_MXLF_INTO_TM",
        /// `IMPORT_TBX`.
        ImportTbx = "IMPORT_TBX",
        /// `IMPORT_TBX_TB3`.
        ImportTbxTb3 = "IMPORT_TBX_TB3",
        /// `INSERT_INTO_TM`.
        InsertIntoTm = "INSERT_INTO_TM",
        /// `DELETE_TM`.
        DeleteTm = "DELETE_TM",
        /// `CLEAR_TM`.
        ClearTm = "CLEAR_TM",
        /// `QA`.
        Qa = "QA",
        /// `QA_V3`.
        QaV3 = "QA_V3",
        /// `UPDATE_CONTINUOUS_JOB`.
        UpdateContinuousJob = "UPDATE_CONTINUOUS_JOB",
        /// `UPDATE_SOURCE`.
        UpdateSource = "UPDATE_SOURCE",
        /// `UPDATE_TARGET`.
        UpdateTarget = "UPDATE_TARGET",
        /// `EXTRACT_CLEANED_TMS`.
        ExtractCleanedTms = "EXTRACT_CLEANED_TMS",
        /// `GLOSSARY_PUT`.
        GlossaryPut = "GLOSSARY_PUT",
        /// `GLOSSARY_DELETE`.
        GlossaryDelete = "GLOSSARY_DELETE",
        /// `ASYNC_TRANSLATE_VERIFY`.
        AsyncTranslateVerify = "ASYNC_TRANSLATE_VERIFY",
        /// `CREATE_PROJECT`.
        CreateProject = "CREATE_PROJECT",
        /// `EXPORT_COMPLETE_FILE`.
        ExportCompleteFile = "EXPORT_COMPLETE_FILE",
        /// `IMPORT_ANNOTATIONS`.
        ImportAnnotations = "IMPORT_ANNOTATIONS",
        /// `FILE_FLOW_CONVERTER_IMPORT`.
        FileFlowConverterImport = "FILE_FLOW_CONVERTER_IMPORT",
        /// `FILE_FLOW_MT_PRETRANSLATE`.
        FileFlowMtPretranslate = "FILE_FLOW_MT_PRETRANSLATE",
        /// `FILE_FLOW_QUALITY_ESTIMATION`.
        FileFlowQualityEstimation = "FILE_FLOW_QUALITY_ESTIMATION",
        /// `AUTO_LQA`.
        AutoLqa = "AUTO_LQA",
        /// `ADOPT_SEGMENT_DATA`.
        AdoptSegmentData = "ADOPT_SEGMENT_DATA",
        /// `ADOPT_SEGMENT_SET_DATA`.
        AdoptSegmentSetData = "ADOPT_SEGMENT_SET_DATA",
        /// `QP_EVALUATION`.
        QpEvaluation = "QP_EVALUATION",
    }
}

open_str_enum! {
    /// A project's status.
    ProjectStatus {
        /// `NEW`.
        New = "NEW",
        /// `ASSIGNED`.
        Assigned = "ASSIGNED",
        /// `COMPLETED`.
        Completed = "COMPLETED",
        /// `ACCEPTED_BY_VENDOR`.
        AcceptedByVendor = "ACCEPTED_BY_VENDOR",
        /// `DECLINED_BY_VENDOR`.
        DeclinedByVendor = "DECLINED_BY_VENDOR",
        /// `COMPLETED_BY_VENDOR`.
        CompletedByVendor = "COMPLETED_BY_VENDOR",
        /// `CANCELLED`.
        Cancelled = "CANCELLED",
    }
}

open_str_enum! {
    /// A job's status.
    JobStatus {
        /// `NEW`.
        New = "NEW",
        /// `ACCEPTED`.
        Accepted = "ACCEPTED",
        /// `DECLINED`.
        Declined = "DECLINED",
        /// `REJECTED`.
        Rejected = "REJECTED",
        /// `DELIVERED`.
        Delivered = "DELIVERED",
        /// `EMAILED`.
        Emailed = "EMAILED",
        /// `COMPLETED`.
        Completed = "COMPLETED",
        /// `CANCELLED`.
        Cancelled = "CANCELLED",
        /// `COMPLETED_BY_LINGUIST`.
        CompletedByLinguist = "COMPLETED_BY_LINGUIST",
    }
}

open_str_enum! {
    /// A user's role; answers about projects and users differ by the caller's or the user's role.
    UserRole {
        /// `ADMIN`.
        Admin = "ADMIN",
        /// `PROJECT_MANAGER`.
        ProjectManager = "PROJECT_MANAGER",
        /// `LINGUIST`.
        Linguist = "LINGUIST",
        /// `GUEST`.
        Guest = "GUEST",
        /// `SUBMITTER`.
        Submitter = "SUBMITTER",
        /// `SYS_ADMIN`.
        SysAdmin = "SYS_ADMIN",
        /// `SYS_ADMIN_READ`.
        SysAdminRead = "SYS_ADMIN_READ",
        /// `BUYER`.
        Buyer = "BUYER",
        /// `VENDOR`.
        Vendor = "VENDOR",
    }
}

open_str_enum! {
    /// Whether a provider is a user or a vendor.
    ProviderType {
        /// `USER`.
        User = "USER",
        /// `VENDOR`.
        Vendor = "VENDOR",
    }
}

open_str_enum! {
    /// The kind of analysis.
    AnalyseType {
        /// `PreAnalyse`.
        PreAnalyse = "PreAnalyse",
        /// `PostAnalyse`.
        PostAnalyse = "PostAnalyse",
        /// `Compare`.
        Compare = "Compare",
        /// `PreAnalyseTarget`.
        PreAnalyseTarget = "PreAnalyseTarget",
        /// `PreAnalyseProvider`.
        PreAnalyseProvider = "PreAnalyseProvider",
    }
}
