//! The word counts of an analysis, from the uploaded text (see `text`: segments are sentences,
//! words are whitespace-separated tokens with a letter or digit). Per target language: `all`
//! counts every segment; `repetitions` the segments whose text came earlier in the same
//! analysis; `transMemoryMatches.match100` the other segments with an identical source in a
//! translation memory that has that language pair, `match0` the rest.

use memsource_api::types;

use super::jobs::Job;
use super::{MemsourceState, text};

/// Segments, words and characters.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub(crate) struct Counts {
    pub(crate) segments: usize,
    pub(crate) words: usize,
    pub(crate) characters: usize,
}

impl Counts {
    fn add(&mut self, segment: &str) {
        self.segments += 1;
        self.words += text::words(segment);
        self.characters += text::characters(segment);
    }

    #[allow(clippy::cast_precision_loss)]
    pub(crate) fn dto(self, all_words: usize) -> types::CountsDto {
        let percent = if all_words == 0 {
            0.0
        } else {
            self.words as f64 * 100.0 / all_words as f64
        };
        types::CountsDto {
            segments: Some(self.segments as f64),
            words: Some(self.words as f64),
            characters: Some(self.characters as f64),
            normalized_pages: Some(self.characters as f64 / 1800.0),
            percent: Some(percent),
            editing_time: Some(0.0),
        }
    }
}

/// The counts of one target language.
pub(crate) struct Part {
    pub(crate) id: String,
    pub(crate) source_lang: String,
    pub(crate) target_lang: String,
    /// (uid, filename, inner id) of each job.
    pub(crate) jobs: Vec<(String, String, String)>,
    pub(crate) all: Counts,
    pub(crate) repetitions: Counts,
    pub(crate) match100: Counts,
    pub(crate) match0: Counts,
}

impl MemsourceState {
    /// Counts the jobs `uids` (all of project `project_uid`) per target language.
    pub(crate) fn count(&mut self, project_uid: &str, uids: &[String]) -> Vec<Part> {
        let mut langs: Vec<String> = Vec::new();
        for job in self.jobs.iter().filter(|j| uids.contains(&j.uid)) {
            if !langs.contains(&job.target_lang) {
                langs.push(job.target_lang.clone());
            }
        }
        let mut parts = Vec::new();
        for lang in langs {
            let jobs: Vec<&Job> = self
                .jobs
                .iter()
                .filter(|j| {
                    j.project_uid == project_uid && uids.contains(&j.uid) && j.target_lang == lang
                })
                .collect();
            let source_lang = jobs
                .first()
                .map(|j| j.source_lang.clone())
                .unwrap_or_default();
            let (mut all, mut repetitions, mut match100, mut match0) = (
                Counts::default(),
                Counts::default(),
                Counts::default(),
                Counts::default(),
            );
            let mut seen: Vec<String> = Vec::new();
            for job in &jobs {
                for segment in self.job_segments(job) {
                    all.add(&segment);
                    if seen.contains(&segment) {
                        repetitions.add(&segment);
                    } else if self.tm_has_exact(&source_lang, &lang, &segment) {
                        match100.add(&segment);
                    } else {
                        match0.add(&segment);
                    }
                    seen.push(segment);
                }
            }
            let jobs = jobs
                .iter()
                .map(|j| (j.uid.clone(), j.filename.clone(), j.inner_id.clone()))
                .collect();
            parts.push(Part {
                id: String::new(),
                source_lang,
                target_lang: lang,
                jobs,
                all,
                repetitions,
                match100,
                match0,
            });
        }
        for part in &mut parts {
            part.id = self.number().to_string();
        }
        parts
    }
}
