//! The compute service: what the app asks of the compute module (which runs in a Web Worker, or
//! on the page where workers cannot run) and what the module answers, as plain serde types that
//! cross the boundary as JSON text. [`answer`] runs one [`Request`] with the engine; the JS API
//! exports it as `compute(request)`. So the page that a keystroke waits for carries no goal seek,
//! tornado, waterfall, patient, protection or risk code, and none of their work runs on its
//! thread.
//!
//! May import: every layer below (`base`, `scenario`, `model`, `answers`); nothing imports it
//! but the JS API.

use crate::answers::attribution::{self, Waterfall};
use crate::answers::goal_seek::{self, Answer, Found, Lever, Question, Target};
use crate::answers::patient::{self, PatientCase, PatientComparison, TYPICAL_CASES};
use crate::answers::protection::{self, Protection};
use crate::answers::risk::{self, Risk, RiskOptions};
use crate::answers::sensitivity::{self, Tornado};
use crate::base::lang::{Lang, Text};
use crate::model::indicator::When;
use crate::model::projection::simulate;
use crate::scenario::file_format::{Edits, NamedPlan};
use crate::scenario::problem::Problem;
use crate::scenario::validate::{read_checked, CheckedScenario};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;

/// One question about a plan over a scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// The baseline scenario as a file (its assumptions applied), JSON text. The module keeps the
    /// last one it read, so a run of requests over one scenario reads it once.
    pub scenario: String,
    /// The plan asked about (the active plan's edits).
    pub plan: Edits,
    pub ask: Ask,
}

/// What is asked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Ask {
    /// A one-click question.
    Question { question: Question },
    /// Goal seek: a lever (a parameter path or a group name) against a target written as
    /// `indicator>=value` (`ncms solve`'s form; a protection figure too, `catastrophic_10<=0.1`,
    /// in the first year; a chance over the risk figures' draws, `p_deficit<=0.1`, and
    /// `p_exhausted<=0.05` in every year: within the horizon) in a year or in every year.
    GoalSeek {
        lever: String,
        target: String,
        when: When,
    },
    /// The tornado of an outcome (a report field's name, or a protection figure's:
    /// `catastrophic_10`) in its default year.
    Tornado { outcome: String },
    /// Why a figure changed: the waterfall of an outcome in its default year.
    Waterfall { outcome: attribution::Outcome },
    /// One patient under the baseline and the plan.
    Patient { case: PatientCase },
    /// The printed report's typical patient under the baseline and under each of `plans`.
    ReportPatients { plans: Vec<Edits> },
    /// What the baseline and each plan do for families.
    Protection {
        plans: Vec<NamedPlan>,
        baseline_name: String,
    },
    /// How sure the projection of the baseline and each plan is (`ncms risk`).
    Risk {
        plans: Vec<NamedPlan>,
        baseline_name: String,
        options: RiskOptions,
    },
}

/// The module's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Reply {
    Found {
        found: Found,
    },
    Answer {
        answer: Box<Answer>,
    },
    Tornado {
        tornado: Box<Tornado>,
    },
    Waterfall {
        waterfall: Box<Waterfall>,
    },
    Patient {
        patient: Box<PatientComparison>,
    },
    /// The typical patient's name, then one comparison per plan (the baseline first).
    ReportPatients {
        name: Text,
        patients: Vec<Result<PatientComparison, Text>>,
    },
    Protection {
        protection: Box<Protection>,
    },
    Risk {
        risk: Box<Risk>,
    },
    /// Why it could not be answered, in both languages.
    Refused {
        reason: Text,
    },
}

fn refused(describe: impl Fn(Lang) -> String) -> Reply {
    Reply::Refused {
        reason: Text::both(describe),
    }
}

fn problems(list: &[Problem]) -> Reply {
    refused(|lang| {
        list.iter()
            .map(|p| p.describe(lang))
            .collect::<Vec<_>>()
            .join("; ")
    })
}

thread_local! {
    /// The last scenario read, by its text.
    static READ: RefCell<Option<(String, CheckedScenario)>> = const { RefCell::new(None) };
}

/// The scenario of `json`, read once for a run of requests.
fn scenario(json: &str) -> Result<CheckedScenario, Vec<Problem>> {
    if let Some(found) = READ.with(|r| {
        r.borrow()
            .as_ref()
            .filter(|(text, _)| text == json)
            .map(|(_, s)| s.clone())
    }) {
        return Ok(found);
    }
    let checked = read_checked(json)?.scenario;
    READ.with(|r| *r.borrow_mut() = Some((json.to_string(), checked.clone())));
    Ok(checked)
}

/// Answers one request with the engine.
pub fn answer(request: &Request) -> Reply {
    let s = match scenario(&request.scenario) {
        Ok(s) => s,
        Err(list) => return problems(&list),
    };
    let plan = &request.plan;
    match &request.ask {
        Ask::Question { question } => match question.ask(&s, plan) {
            Ok(found) => Reply::Found { found },
            Err(e) => refused(|lang| e.describe(lang)),
        },
        Ask::GoalSeek {
            lever,
            target,
            when,
        } => match Lever::parse(lever, &s)
            .and_then(|lever| Ok((lever, Target::parse(target, *when)?)))
            .and_then(|(lever, target)| goal_seek::solve(&s, plan, lever, target))
        {
            Ok(answer) => Reply::Answer {
                answer: Box::new(answer),
            },
            Err(e) => refused(|lang| e.describe(lang)),
        },
        Ask::Tornado { outcome } => {
            let Some(outcome) = sensitivity::Outcome::parse(outcome, &s, None) else {
                return refused(|lang| lang.pick("没有这个结果指标", "no such outcome").into());
            };
            match sensitivity::tornado(&s, plan, outcome) {
                Ok(tornado) => Reply::Tornado {
                    tornado: Box::new(tornado),
                },
                Err(e) => refused(|lang| e.describe(lang)),
            }
        }
        Ask::Waterfall { outcome } => match attribution::explain(&s, plan, *outcome, None) {
            Ok(waterfall) => Reply::Waterfall {
                waterfall: Box::new(waterfall),
            },
            Err(e) => refused(|lang| e.describe(lang)),
        },
        Ask::Patient { case } => match patient::compare_plan(&s, plan, case) {
            Ok(p) => Reply::Patient {
                patient: Box::new(p),
            },
            Err(e) => refused(|lang| e.describe(lang)),
        },
        Ask::ReportPatients { plans } => {
            // The county inpatient stay where the fund has one, else the first it can price.
            let typical = TYPICAL_CASES
                .iter()
                .find(|c| {
                    c.id == "county-stay" && patient::levels_with(&s, c.kind).contains(&c.level)
                })
                .or_else(|| {
                    TYPICAL_CASES
                        .iter()
                        .find(|c| patient::levels_with(&s, c.kind).contains(&c.level))
                });
            let Some(case) = typical else {
                return refused(|lang| {
                    lang.pick("没有可测算的典型病例", "no typical patient to price")
                        .into()
                });
            };
            let patients = std::iter::once(&Edits::new())
                .chain(plans)
                .map(|edits| {
                    patient::compare_plan(&s, edits, &case.case())
                        .map_err(|e| Text::both(|lang| e.describe(lang)))
                })
                .collect();
            Reply::ReportPatients {
                name: case.name.into(),
                patients,
            }
        }
        Ask::Protection {
            plans,
            baseline_name,
        } => match protection::protection_of_plans(&s, &simulate(&s), plans, baseline_name) {
            Ok(p) => Reply::Protection {
                protection: Box::new(p),
            },
            Err(list) => problems(&list),
        },
        Ask::Risk {
            plans,
            baseline_name,
            options,
        } => match risk::risk_of_plans(&s, &simulate(&s), plans, baseline_name, options) {
            Ok(r) => Reply::Risk { risk: Box::new(r) },
            Err(list) => problems(&list),
        },
    }
}

/// [`answer`] from and to JSON text: what crosses the boundary to the compute module.
pub fn answer_json(request: &str) -> String {
    let reply = match serde_json::from_str::<Request>(request) {
        Ok(request) => answer(&request),
        Err(e) => refused(|_| format!("unreadable request: {e}")),
    };
    serde_json::to_string(&reply).unwrap_or_else(|e| {
        serde_json::to_string(&refused(|_| format!("unwritable answer: {e}"))).unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::compare::compare;

    fn request(ask: Ask) -> Request {
        let json = crate::scenario::bundled::bundled("taizhou-2013-plan").unwrap();
        let checked = read_checked(json).unwrap().scenario;
        let mut baseline = checked.scenario().clone();
        let plan = std::mem::take(&mut baseline.proposal);
        Request {
            scenario: serde_json::to_string(&baseline).unwrap(),
            plan,
            ask,
        }
    }

    /// A request through JSON, as the module gets it, and its reply read back as the page does.
    fn through_json(request: &Request) -> Reply {
        let text = answer_json(&serde_json::to_string(request).unwrap());
        serde_json::from_str(&text).expect("the page reads the reply")
    }

    #[test]
    fn every_one_click_question_answers_through_json_as_the_engine_does() {
        for question in Question::ALL {
            let request = request(Ask::Question { question });
            let reply = through_json(&request);
            let direct = answer(&request);
            assert_eq!(reply, direct, "{question:?}");
            assert!(
                matches!(reply, Reply::Found { .. }),
                "{question:?}: {reply:?}"
            );
        }
    }

    #[test]
    fn the_tornado_waterfall_and_patient_cross_the_boundary_unchanged() {
        for ask in [
            Ask::Tornado {
                outcome: "surplus".into(),
            },
            Ask::Waterfall {
                outcome: attribution::Outcome::Surplus,
            },
            Ask::Patient {
                case: TYPICAL_CASES[0].case(),
            },
            Ask::ReportPatients {
                plans: vec![Edits::new()],
            },
        ] {
            let request = request(ask.clone());
            let reply = through_json(&request);
            // Formats are not carried across (the page does not need them); the rest is equal.
            let strip = |r: Reply| match r {
                Reply::Waterfall { mut waterfall } => {
                    waterfall.format = "";
                    Reply::Waterfall { waterfall }
                }
                Reply::Patient { mut patient } => {
                    patient.format = "";
                    Reply::Patient { patient }
                }
                Reply::ReportPatients { name, patients } => Reply::ReportPatients {
                    name,
                    patients: patients
                        .into_iter()
                        .map(|p| {
                            p.map(|mut p| {
                                p.format = "";
                                p
                            })
                        })
                        .collect(),
                },
                other => other,
            };
            assert_eq!(strip(reply.clone()), strip(answer(&request)), "{ask:?}");
            assert!(
                !matches!(reply, Reply::Refused { .. }),
                "{ask:?}: {reply:?}"
            );
        }
    }

    #[test]
    fn goal_seek_answers_as_ncms_solve_and_a_bad_lever_is_refused_in_words() {
        let request = request(Ask::GoalSeek {
            lever: "funding_per_head".into(),
            target: "surplus>=0".into(),
            when: When::Year(2013),
        });
        let Reply::Answer { answer } = through_json(&request) else {
            panic!("an answer")
        };
        // Break-even funding for 2013 (tests/solve.rs): 438.11 yuan a head.
        assert_eq!(answer.value, 438.11);
        let bad = request.clone();
        let bad = Request {
            ask: Ask::GoalSeek {
                lever: "no_such_lever".into(),
                target: "surplus>=0".into(),
                when: When::Year(2013),
            },
            ..bad
        };
        let Reply::Refused { reason } = through_json(&bad) else {
            panic!("refused")
        };
        assert!(reason.get(Lang::En).contains("no_such_lever"));
    }

    #[test]
    fn a_target_on_a_chance_crosses_the_boundary_as_ncms_solve_answers_it() {
        let request = request(Ask::GoalSeek {
            lever: "funding_per_head".into(),
            target: "p_deficit<=10%".into(),
            when: When::Year(2013),
        });
        let reply = through_json(&request);
        assert_eq!(reply, answer(&request));
        let Reply::Answer { answer } = reply else {
            panic!("an answer")
        };
        // tests/solve.rs: 480.86 yuan a head, over 2000 draws from seed 1.
        assert_eq!(answer.value, 480.86);
        assert_eq!(answer.target.indicator.name(), "p_deficit");
    }

    #[test]
    fn protection_outcomes_and_targets_cross_the_boundary_as_the_engine_makes_them() {
        // The tornado of the inpatient catastrophic share: JSON equal to the engine's, the
        // county ratio's bar lowering the share.
        let tornado_request = request(Ask::Tornado {
            outcome: "inpatient_catastrophic_10".into(),
        });
        let reply = through_json(&tornado_request);
        assert_eq!(reply, answer(&tornado_request));
        let Reply::Tornado { tornado } = reply else {
            panic!("a tornado")
        };
        assert_eq!(
            tornado.outcome.indicator.name(),
            "inpatient_catastrophic_10"
        );
        let county = tornado
            .ten_percent
            .iter()
            .find(|b| b.path == "lines[2].inpatient.reimbursement_ratio")
            .unwrap();
        assert!(county.swing.value() < -0.04);
        // Goal seek on it, as `ncms solve` answers (tests/solve.rs): +6.72 points.
        let seek = request(Ask::GoalSeek {
            lever: "inpatient_ratios".into(),
            target: "inpatient_catastrophic_10<=15%".into(),
            when: When::Year(2013),
        });
        let reply = through_json(&seek);
        assert_eq!(reply, answer(&seek));
        let Reply::Answer { answer: found } = reply else {
            panic!("an answer")
        };
        assert_eq!(found.value, 0.067196);
        // Every year: refused, in words.
        let every = request(Ask::GoalSeek {
            lever: "inpatient_ratios".into(),
            target: "inpatient_catastrophic_10<=15%".into(),
            when: When::EveryYear,
        });
        let Reply::Refused { reason } = through_json(&every) else {
            panic!("refused")
        };
        assert_eq!(
            reason.get(Lang::Zh),
            "医疗保障效果指标只测算第一年（2013 年）"
        );
    }

    #[test]
    fn the_plan_asked_about_is_the_requests_plan() {
        // The plan's own comparison, through compare, and the patient of the same plan agree on
        // which plan they read: a different plan gives a different patient.
        let base = request(Ask::Patient {
            case: TYPICAL_CASES[0].case(),
        });
        let none = Request {
            plan: Edits::new(),
            ..base.clone()
        };
        assert_ne!(answer(&base), answer(&none));
        let s = scenario(&base.scenario).unwrap();
        assert!(compare(&s, &base.plan, None).is_ok());
    }

    #[test]
    fn risk_answers_through_json_as_the_engine_does_and_bad_options_are_refused() {
        let ask = |draws: u32| Ask::Risk {
            plans: vec![NamedPlan {
                name: "plan".into(),
                edits: request(Ask::Tornado {
                    outcome: "surplus".into(),
                })
                .plan,
            }],
            baseline_name: "baseline".into(),
            options: RiskOptions {
                draws,
                seed: 3,
                spread_scale: 1.0,
            },
        };
        let request = request(ask(300));
        let Reply::Risk { risk: through } = through_json(&request) else {
            panic!("the risk figures")
        };
        let s = scenario(&request.scenario).unwrap();
        let Ask::Risk {
            plans,
            baseline_name,
            options,
        } = &request.ask
        else {
            panic!("a risk request")
        };
        let direct = risk::risk_of_plans(&s, &simulate(&s), plans, baseline_name, options).unwrap();
        assert_eq!(through.plans.len(), 2);
        assert_eq!(through.plans[1].name, "plan");
        assert_eq!(through.plans, direct.plans);
        assert_eq!((through.draws, through.seed), (300, 3));
        let Reply::Refused { reason } = through_json(&Request {
            ask: ask(0),
            ..request.clone()
        }) else {
            panic!("refused")
        };
        assert!(reason.get(Lang::En).contains("draws"), "{reason:?}");
    }

    #[test]
    fn an_unreadable_request_is_refused_not_a_panic() {
        let reply: Reply = serde_json::from_str(&answer_json("{")).unwrap();
        assert!(matches!(reply, Reply::Refused { .. }));
        let reply: Reply = serde_json::from_str(&answer_json(
            &serde_json::to_string(&Request {
                scenario: "{}".into(),
                plan: Edits::new(),
                ask: Ask::Tornado {
                    outcome: "surplus".into(),
                },
            })
            .unwrap(),
        ))
        .unwrap();
        assert!(matches!(reply, Reply::Refused { .. }));
    }
}
