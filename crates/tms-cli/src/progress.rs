//! Progress bars on stderr, shown only to a person watching a terminal.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use memsource_api::flows::Progress;

/// A bar for a flow's [`Progress`]: bytes while uploading or downloading, a spinner while the
/// server works. Hidden with `--json` or when stderr is not a terminal.
pub fn bar(json: bool) -> ProgressBar {
    if json || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

fn bytes_style() -> ProgressStyle {
    ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}

fn spinner_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg} {elapsed}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

/// Shows one [`Progress`] report on `bar`.
pub fn report(bar: &ProgressBar, progress: Progress) {
    match progress {
        Progress::Uploading { sent, total }
        | Progress::Downloading {
            written: sent,
            total,
        } => {
            if let Some(total) = total {
                bar.set_style(bytes_style());
                bar.set_length(total);
            }
            bar.set_message("transferring");
            bar.set_position(sent);
        }
        Progress::Started { id } => {
            bar.set_style(spinner_style());
            bar.set_message(format!("waiting for asynchronous request {id}"));
        }
        Progress::Pending { id, polls, .. } => {
            bar.set_style(spinner_style());
            bar.set_message(format!("request {id} still running ({polls} polls)"));
        }
        Progress::Done => bar.finish_and_clear(),
        _ => {}
    }
}
