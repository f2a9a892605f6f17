//! `cargo xtask coverage`: how much of the official Phrase TMS (Memsource) API the hand-written
//! spec covers. The official list (`openapi/memsource-official-operations.txt`, one
//! `METHOD /path` a line, as the vendor's own spec spells method, path and version segment) is
//! compared with the operations of `openapi/memsource.yaml`. It prints covered / official and
//! the official operations still missing, and fails when the spec holds an operation the
//! official list does not (a typo in a path, a parameter name or a version segment).

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result};

/// The spec whose coverage is measured, relative to the workspace root.
const SPEC: &str = "openapi/memsource.yaml";
/// The official operations, relative to the workspace root.
const OFFICIAL: &str = "openapi/memsource-official-operations.txt";

/// The comparison of the spec's operations with the official list.
#[derive(Debug, PartialEq, Eq)]
pub struct Coverage {
    /// Official operations the spec has.
    pub covered: BTreeSet<String>,
    /// Official operations the spec lacks.
    pub missing: BTreeSet<String>,
    /// Spec operations the official list does not know.
    pub unknown: BTreeSet<String>,
    /// How many operations the official list has.
    pub official: usize,
}

/// The `METHOD /path` lines of the official list; blank lines and `#` comments are skipped.
pub fn official_operations(text: &str) -> BTreeSet<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// The spec's operations as `METHOD /path`.
pub fn spec_operations(spec: &openapiv3::OpenAPI) -> BTreeSet<String> {
    spec.operations()
        .map(|(path, method, _)| format!("{} {path}", method.to_uppercase()))
        .collect()
}

/// Compares the spec's operations with the official ones.
pub fn compare(spec: &BTreeSet<String>, official: &BTreeSet<String>) -> Coverage {
    Coverage {
        covered: spec.intersection(official).cloned().collect(),
        missing: official.difference(spec).cloned().collect(),
        unknown: spec.difference(official).cloned().collect(),
        official: official.len(),
    }
}

/// The report `cargo xtask coverage` prints.
pub fn report(coverage: &Coverage) -> String {
    let mut out = format!(
        "{SPEC}: {} of {} official operations covered\n",
        coverage.covered.len(),
        coverage.official
    );
    out.push_str(&format!("missing ({}):\n", coverage.missing.len()));
    for op in &coverage.missing {
        out.push_str(&format!("  {op}\n"));
    }
    if !coverage.unknown.is_empty() {
        out.push_str(&format!(
            "NOT in the official list ({}; a typo in method, path or version?):\n",
            coverage.unknown.len()
        ));
        for op in &coverage.unknown {
            out.push_str(&format!("  {op}\n"));
        }
    }
    out
}

/// Runs the comparison on the checked-in files; `Ok(false)` when the spec has unknown operations.
pub fn run(root: &Path) -> Result<bool> {
    let text =
        std::fs::read_to_string(root.join(SPEC)).with_context(|| format!("reading {SPEC}"))?;
    let spec: openapiv3::OpenAPI =
        serde_yaml::from_str(&text).with_context(|| format!("parsing {SPEC}"))?;
    let official = std::fs::read_to_string(root.join(OFFICIAL))
        .with_context(|| format!("reading {OFFICIAL}"))?;
    let coverage = compare(&spec_operations(&spec), &official_operations(&official));
    print!("{}", report(&coverage));
    Ok(coverage.unknown.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(ops: &[&str]) -> BTreeSet<String> {
        ops.iter().map(|op| (*op).to_owned()).collect()
    }

    #[test]
    fn official_list_skips_comments_and_blank_lines() {
        let ops = official_operations("# header\nGET /api2/v1/a\n\n  POST /api2/v2/b  \n");
        assert_eq!(ops, set(&["GET /api2/v1/a", "POST /api2/v2/b"]));
    }

    #[test]
    fn compare_splits_covered_missing_and_unknown() {
        let official = set(&["GET /api2/v1/a", "POST /api2/v1/a", "GET /api2/v2/b"]);
        // The version segment and the method are part of the identity.
        let spec = set(&["GET /api2/v1/a", "GET /api2/v3/b"]);
        let coverage = compare(&spec, &official);
        assert_eq!(coverage.covered, set(&["GET /api2/v1/a"]));
        assert_eq!(
            coverage.missing,
            set(&["GET /api2/v2/b", "POST /api2/v1/a"])
        );
        assert_eq!(coverage.unknown, set(&["GET /api2/v3/b"]));
        let text = report(&coverage);
        assert!(
            text.contains("1 of 3 official operations covered"),
            "{text}"
        );
        assert!(text.contains("NOT in the official list (1"), "{text}");
    }

    #[test]
    fn spec_operations_read_method_and_path() {
        let spec: openapiv3::OpenAPI = serde_yaml::from_str(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /api2/v1/x:\n    get:\n      responses: {}\n    delete:\n      responses: {}\n",
        )
        .expect("test spec parses");
        assert_eq!(
            spec_operations(&spec),
            set(&["DELETE /api2/v1/x", "GET /api2/v1/x"])
        );
    }
}
