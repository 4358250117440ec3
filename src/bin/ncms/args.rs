//! The command line's words: a command, positional arguments and `--option value` pairs, read
//! once and then taken by the command that knows them. An option no command took is an error,
//! so a misspelt `--yeras 3` is never silently ignored.

use ncms_sim::Lang;
use std::collections::BTreeMap;

/// How a command prints its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
}

pub struct Args {
    pub command: String,
    positional: Vec<String>,
    options: BTreeMap<String, String>,
}

impl Args {
    /// Reads the raw arguments; `Err("")` asks for the usage text (`-h`, `--help`).
    pub fn parse(raw: &[String]) -> Result<Args, String> {
        let mut positional = Vec::new();
        let mut options = BTreeMap::new();
        let mut words = raw.iter();
        while let Some(word) = words.next() {
            match word.as_str() {
                "-h" | "--help" => return Err(String::new()),
                option if option.starts_with("--") => {
                    let (name, value) = match option.split_once('=') {
                        Some((name, value)) => (name.to_string(), value.to_string()),
                        None => {
                            let value = words
                                .next()
                                .ok_or_else(|| format!("{option} needs a value"))?;
                            (option.to_string(), value.clone())
                        }
                    };
                    if options.insert(name.clone(), value).is_some() {
                        return Err(format!("{name} is given twice"));
                    }
                }
                _ => positional.push(word.clone()),
            }
        }
        if positional.is_empty() {
            return Err("expected a command".into());
        }
        let command = positional.remove(0);
        Ok(Args {
            command,
            positional,
            options,
        })
    }

    /// The one FILE the command takes.
    pub fn file(&mut self) -> Result<String, String> {
        match self.positional.as_slice() {
            [file] => Ok(file.clone()),
            [] => Err(format!("{} needs a FILE", self.command)),
            _ => Err(format!("{} takes one FILE", self.command)),
        }
    }

    /// No positional argument.
    pub fn no_file(&self) -> Result<(), String> {
        if self.positional.is_empty() {
            Ok(())
        } else {
            Err(format!("{} takes no FILE", self.command))
        }
    }

    /// Takes `--name`'s value, if given.
    pub fn take(&mut self, name: &str) -> Option<String> {
        self.options.remove(name)
    }

    /// `--lang zh|en` (English by default, for terminals and logs).
    pub fn lang(&mut self) -> Result<Lang, String> {
        match self.take("--lang").as_deref() {
            None | Some("en") => Ok(Lang::En),
            Some("zh") => Ok(Lang::Zh),
            Some(other) => Err(format!("--lang is zh or en, not {other:?}")),
        }
    }

    /// `--format`, from the ones the command offers.
    pub fn format(&mut self, offered: &[Format]) -> Result<Format, String> {
        let format = match self.take("--format").as_deref() {
            None | Some("table") => Format::Table,
            Some("json") => Format::Json,
            Some("csv") => Format::Csv,
            Some(other) => return Err(format!("--format is table, json or csv, not {other:?}")),
        };
        if offered.contains(&format) {
            Ok(format)
        } else {
            Err(format!("{} does not print {format:?}", self.command).to_lowercase())
        }
    }

    /// A whole number option within `range`.
    pub fn whole(
        &mut self,
        name: &str,
        range: std::ops::RangeInclusive<u32>,
    ) -> Result<Option<u32>, String> {
        let Some(value) = self.take(name) else {
            return Ok(None);
        };
        let n: u32 = value
            .parse()
            .map_err(|_| format!("{name} takes a whole number, not {value:?}"))?;
        if !range.contains(&n) {
            return Err(format!(
                "{name} must be {} to {}, not {n}",
                range.start(),
                range.end()
            ));
        }
        Ok(Some(n))
    }

    /// After a command has taken its options: any left over is an error.
    pub fn finish(self) -> Result<(), String> {
        match self.options.keys().next() {
            Some(name) => Err(format!("unknown option {name} for {}", self.command)),
            None => Ok(()),
        }
    }
}
