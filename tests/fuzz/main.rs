//! The fuzz harness (issue 6): structured mutations of the bundled scenarios and raw byte
//! mutations of their text, run in-process through the file reader, validation and the
//! comparison, on stable Rust with proptest. The laws checked on every case are in `laws`: no
//! panic (`fen_from_f64`'s debug assertion included: tests build with debug assertions); every
//! rejection names a path or a position; an accepted file simulates with its own proposal, its
//! money has two decimals and its ledger adds up to the fen.
//!
//! `cargo test --test fuzz` runs a short seeded run (1000 cases, half of each kind).
//! Environment: `NCMS_FUZZ_CASES` (total cases), `NCMS_FUZZ_SEED` (a number, or `random`),
//! `NCMS_FUZZ_PROGRESS` (print a line every N cases), `NCMS_FUZZ_THREADS` (threads per kind), `NCMS_FUZZ_KEEP_GOING=1` (record a broken
//! law under `target/tmp/fuzz-failures/` and go on rather than stop and shrink).
//! `scripts/fuzz.sh` runs a million cases in release with debug assertions.

mod bytes;
#[path = "../common/mod.rs"]
mod common;
mod laws;
mod structured;

use laws::{examine, Broken, Outcome};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use std::fmt::Debug;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Instant;

/// The default run: a few seconds in a debug build on two cores.
const DEFAULT_CASES: u64 = 1000;
/// The default seed, so that the default run is the same every time.
const DEFAULT_SEED: u64 = 6;
/// Broken laws written out in a keep-going run, at most.
const MAX_RECORDED: u64 = 200;

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn total_cases() -> u64 {
    env("NCMS_FUZZ_CASES").map_or(DEFAULT_CASES, |v| {
        v.replace('_', "")
            .parse()
            .expect("NCMS_FUZZ_CASES is a number")
    })
}

/// The run's seed: `NCMS_FUZZ_SEED`, a fixed one by default so that the default run is the
/// same every time, or a new one for `random`.
fn base_seed() -> u64 {
    static SEED: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *SEED.get_or_init(|| match env("NCMS_FUZZ_SEED").as_deref() {
        None => DEFAULT_SEED,
        Some("random") => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64),
        Some(v) => v.parse().expect("NCMS_FUZZ_SEED is a number or `random`"),
    })
}

/// The tally over both kinds, for the progress lines.
struct Tally {
    cases: AtomicU64,
    accepted: AtomicU64,
    rejected: AtomicU64,
    panics: AtomicU64,
    broken: AtomicU64,
}

impl Tally {
    const fn new() -> Tally {
        Tally {
            cases: AtomicU64::new(0),
            accepted: AtomicU64::new(0),
            rejected: AtomicU64::new(0),
            panics: AtomicU64::new(0),
            broken: AtomicU64::new(0),
        }
    }

    fn count(&self, result: &Result<Outcome, Broken>) -> u64 {
        match result {
            Ok(Outcome::Accepted) => self.accepted.fetch_add(1, Relaxed),
            Ok(Outcome::Rejected) => self.rejected.fetch_add(1, Relaxed),
            Err(b) if b.is_panic() => self.panics.fetch_add(1, Relaxed),
            Err(_) => self.broken.fetch_add(1, Relaxed),
        };
        self.cases.fetch_add(1, Relaxed) + 1
    }

    fn line(&self) -> String {
        format!(
            "cases={} accepted={} rejected={} panics={} broken={}",
            self.cases.load(Relaxed),
            self.accepted.load(Relaxed),
            self.rejected.load(Relaxed),
            self.panics.load(Relaxed),
            self.broken.load(Relaxed),
        )
    }
}

static ALL: Tally = Tally::new();
static STARTED: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

/// Runs `cases` cases of the strategy `make` makes, each turned into text by `text`, spread over
/// `NCMS_FUZZ_THREADS` threads (1 by default). A broken law fails the case (proptest then shrinks
/// it to a smallest input), or in a keep-going run is recorded and counted; the run fails at its
/// end if any was.
fn fuzz<T: Debug, S: Strategy<Value = T>>(
    kind: &'static str,
    kind_number: u64,
    cases: u64,
    make: impl Fn() -> S + Sync,
    text: impl Fn(&T) -> String + Sync,
    years: impl Fn(&T) -> Option<u32> + Sync,
) {
    // Without them a non-finite amount would pass `fen_from_f64` silently: refuse to run.
    if !cfg!(debug_assertions) {
        panic!("the fuzz harness needs debug assertions (fen_from_f64's among them): see scripts/fuzz.sh");
    }
    STARTED.get_or_init(Instant::now);
    let keep_going = env("NCMS_FUZZ_KEEP_GOING").is_some_and(|v| v != "0");
    let progress: u64 = env("NCMS_FUZZ_PROGRESS").map_or(0, |v| v.parse().unwrap_or(0));
    let threads: u64 = env("NCMS_FUZZ_THREADS").map_or(1, |v| v.parse().unwrap_or(1).max(1));
    let base = base_seed();
    let mine = Tally::new();
    let recorded = AtomicU64::new(0);
    eprintln!("fuzz {kind}: {cases} cases on {threads} threads, NCMS_FUZZ_SEED={base}");
    let shard = |thread: u64| {
        let config = Config {
            cases: u32::try_from(cases / threads + u64::from(thread < cases % threads))
                .expect("fewer than 2^32 cases a thread"),
            failure_persistence: None,
            max_shrink_iters: 4096,
            ..Config::default()
        };
        let seed = seed_bytes(base, kind_number, thread);
        let mut runner =
            TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed));
        runner
            .run(&make(), |input| {
                let text = text(&input);
                let result = examine(&text, years(&input));
                mine.count(&result);
                let n = ALL.count(&result);
                if progress > 0 && n % progress == 0 {
                    let seconds = STARTED.get().map_or(0.0, |s| s.elapsed().as_secs_f64());
                    eprintln!(
                        "fuzz progress: {} in {seconds:.0} s ({:.0} cases/s)",
                        ALL.line(),
                        n as f64 / seconds.max(1e-9)
                    );
                }
                match result {
                    Ok(_) => Ok(()),
                    Err(broken) if keep_going => {
                        record(kind, &recorded, &broken, &text, &input);
                        Ok(())
                    }
                    Err(broken) => Err(TestCaseError::fail(format!(
                        "{}: {}\ninput text ({} bytes):\n{}",
                        broken.law,
                        broken.detail,
                        text.len(),
                        shortened(&text)
                    ))),
                }
            })
            .map_err(|error| error.to_string())
    };
    let results: Vec<Result<(), String>> = std::thread::scope(|scope| {
        let shard = &shard;
        let handles: Vec<_> = (0..threads)
            .map(|thread| scope.spawn(move || shard(thread)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("a fuzz thread panicked".into()))
            })
            .collect()
    });
    eprintln!("fuzz totals {kind}: {}", mine.line());
    if let Some(error) = results.into_iter().find_map(Result::err) {
        panic!("fuzz {kind} (NCMS_FUZZ_SEED={base}): {error}");
    }
    let failed = mine.panics.load(Relaxed) + mine.broken.load(Relaxed);
    assert_eq!(
        failed, 0,
        "fuzz {kind}: {failed} cases broke a law (see target/tmp/fuzz-failures/)"
    );
}

/// The generator's seed for one thread of one kind of case: the run's seed, the kind, the thread.
fn seed_bytes(base: u64, kind: u64, thread: u64) -> [u8; 32] {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&base.to_le_bytes());
    bytes[8..16].copy_from_slice(&kind.to_le_bytes());
    bytes[16..24].copy_from_slice(&thread.to_le_bytes());
    bytes
}

fn shortened(text: &str) -> String {
    if text.len() <= 20_000 {
        return text.to_string();
    }
    let mut end = 20_000;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes more)", &text[..end], text.len() - end)
}

/// Writes a broken law's input and what broke to `target/tmp/fuzz-failures/`.
fn record(kind: &str, recorded: &AtomicU64, broken: &Broken, text: &str, input: &impl Debug) {
    let n = recorded.fetch_add(1, Relaxed);
    eprintln!(
        "fuzz {kind}: BROKEN {}: {}",
        broken.law,
        first_line(&broken.detail)
    );
    if n >= MAX_RECORDED {
        return;
    }
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-failures");
    let _ = std::fs::create_dir_all(&dir);
    let stem = dir.join(format!("{kind}-{n:03}"));
    let _ = std::fs::write(stem.with_extension("json"), text);
    let _ = std::fs::write(
        stem.with_extension("txt"),
        format!("{}\n{}\n\n{input:#?}\n", broken.law, broken.detail),
    );
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

#[test]
fn structured_mutations_of_the_bundled_scenarios() {
    fuzz(
        "structured",
        1,
        total_cases().div_ceil(2),
        || {
            (
                // Any mutation, or only values inside the ranges and at their edges, which are
                // accepted more often and so stress the model rather than the reader.
                prop_oneof![
                    2 => structured::structured(1..=4),
                    1 => structured::extremes(1..=8),
                ],
                // One case in four also runs over another horizon (`--years`), 0 and 11 included.
                prop_oneof![3 => Just(None), 1 => (0u32..=11).prop_map(Some)],
            )
        },
        |(s, _)| s.text(),
        |(_, years)| *years,
    );
}

#[test]
fn raw_byte_mutations_of_the_bundled_scenarios() {
    fuzz(
        "bytes",
        2,
        total_cases() / 2,
        bytes::bytes,
        bytes::Bytes::text,
        |_| None,
    );
}
