//! What commands print: aligned columns for people, JSON with `--json`.

use std::io::Write;

use serde::Serialize;

use crate::error::CliError;

/// Writes `text` to stdout; a closed pipe (`tms … | head`) is not an error worth a panic.
pub fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// Prints `value` as pretty JSON.
///
/// # Errors
/// A value that does not serialize (never for the clients' types).
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| CliError::Failed(format!("cannot write JSON: {e}")))?;
    print(&format!("{text}\n"));
    Ok(())
}

/// A table of left-aligned columns separated by two spaces.
#[derive(Debug)]
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column titles.
    pub fn new(header: &[&str]) -> Self {
        Self {
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (missing cells print empty; line breaks become spaces).
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(
            cells
                .into_iter()
                .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect(),
        );
    }

    /// The table as text, one line per row.
    pub fn render(&self) -> String {
        let columns = self.header.len();
        let width = |i: usize| {
            std::iter::once(&self.header)
                .chain(&self.rows)
                .filter_map(|r| r.get(i))
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0)
        };
        let widths: Vec<usize> = (0..columns).map(width).collect();
        let mut out = String::new();
        for row in std::iter::once(&self.header).chain(&self.rows) {
            let mut line = String::new();
            for (i, w) in widths.iter().enumerate() {
                let cell = row.get(i).map_or("", String::as_str);
                line.push_str(cell);
                if i + 1 < columns {
                    line.push_str(&" ".repeat(w - cell.chars().count() + 2));
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// Prints the table.
    pub fn print(&self) {
        print(&self.render());
    }
}

/// Two-column `field  value` lines for one object.
pub fn fields(pairs: &[(&str, String)]) {
    let mut table = Table::new(&["FIELD", "VALUE"]);
    for (name, value) in pairs {
        table.row(vec![(*name).to_owned(), value.clone()]);
    }
    table.print();
}

/// An optional value as text (`-` when absent).
pub fn opt<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_on_the_widest_cell() {
        let mut table = Table::new(&["ID", "NAME"]);
        table.row(vec!["1".into(), "Zürich\nTM".into()]);
        table.row(vec!["1234".into(), String::new()]);
        assert_eq!(table.render(), "ID    NAME\n1     Zürich TM\n1234\n");
    }
}
