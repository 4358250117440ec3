//! The compute module from the page: requests of the engine's compute service
//! (`ncms_sim::service`) sent to a Web Worker (`worker.js`, which runs the module in `tools/`),
//! one at a time, so that no answer ever blocks typing. Each request belongs to a channel (a
//! panel's kind of work): a newer request on a channel drops the older ones still queued, since a
//! newer plan makes them stale. Where the browser cannot run a module worker, the module is
//! loaded on the page and each request runs in a task of its own, between keystrokes; the page
//! says so ([`on_the_page`]).

use crate::browser::tools;
use crate::view::ui_words::{both, Ui};
use js_sys::{Function, Reflect};
use ncms_sim::service::{Reply, Request};
use std::cell::RefCell;
use std::collections::VecDeque;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A request waiting for its turn or its answer.
struct Waiting {
    id: u64,
    channel: String,
    request: String,
    /// Resolves the request's promise: with the reply's JSON text, `null` when it was dropped
    /// for a newer one, `undefined` when the module failed.
    done: Function,
}

#[derive(Default)]
struct Client {
    worker: Option<web_sys::Worker>,
    /// Whether a worker could not be made: requests then run on the page.
    no_worker: bool,
    queue: VecDeque<Waiting>,
    in_flight: Option<Waiting>,
    next_id: u64,
    /// The engine's time of the last reply per channel (ms), for the latency benchmark.
    last_ms: Vec<(String, f64)>,
    /// The last request answered and its reply: the same request asked again on another channel
    /// (the risk panel's and the printed report's) is answered from it, not worked out twice.
    last_answered: Option<(String, JsValue)>,
}

thread_local! {
    static CLIENT: RefCell<Client> = RefCell::new(Client::default());
}

/// The worker's address, beside the page.
fn worker_url() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    web_sys::Url::new_with_base("worker.js", &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| "./worker.js".into())
}

/// The worker, made on first use; `None` where the browser cannot run a module worker.
fn worker(client: &mut Client) -> Option<web_sys::Worker> {
    if client.no_worker {
        return None;
    }
    if let Some(w) = &client.worker {
        return Some(w.clone());
    }
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let Ok(worker) = web_sys::Worker::new_with_options(&worker_url(), &options) else {
        client.no_worker = true;
        return None;
    };
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
            let data = event.data();
            let reply = Reflect::get(&data, &"reply".into()).unwrap_or(JsValue::UNDEFINED);
            let ms = Reflect::get(&data, &"ms".into())
                .ok()
                .and_then(|m| m.as_f64())
                .unwrap_or(0.0);
            answered(reply, ms);
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let on_error = Closure::<dyn Fn()>::new(|| answered(JsValue::UNDEFINED, 0.0));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    client.worker = Some(worker.clone());
    Some(worker)
}

/// The in-flight request is answered: hand it over, and send the next.
fn answered(reply: JsValue, ms: f64) {
    let done = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let done = c.in_flight.take();
        if let Some(d) = &done {
            let channel = d.channel.clone();
            c.last_ms.retain(|(ch, _)| *ch != channel);
            c.last_ms.push((channel, ms));
            if reply.is_string() {
                c.last_answered = Some((d.request.clone(), reply.clone()));
            }
        }
        done
    });
    if let Some(d) = done {
        let _ = d.done.call1(&JsValue::NULL, &reply);
    }
    pump();
}

/// Sends the next queued request to the worker, if it is idle; one just answered is answered
/// again at once.
fn pump() {
    loop {
        let again = CLIENT.with(|c| {
            let mut c = c.borrow_mut();
            if c.in_flight.is_some() {
                return None;
            }
            let reply = match (&c.last_answered, c.queue.front()) {
                (Some((asked, reply)), Some(next)) if *asked == next.request => reply.clone(),
                _ => return None,
            };
            let waiting = c.queue.pop_front()?;
            Some((waiting, reply))
        });
        let Some((waiting, reply)) = again else {
            break;
        };
        let _ = waiting.done.call1(&JsValue::NULL, &reply);
    }
    let next = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        if c.in_flight.is_some() {
            return None;
        }
        let waiting = c.queue.pop_front()?;
        let worker = worker(&mut c);
        let message = js_sys::Object::new();
        let _ = Reflect::set(&message, &"id".into(), &(waiting.id as f64).into());
        let _ = Reflect::set(
            &message,
            &"request".into(),
            &waiting.request.as_str().into(),
        );
        c.in_flight = Some(waiting);
        Some((worker, message))
    });
    let Some((worker, message)) = next else {
        return;
    };
    match worker {
        Some(worker) => {
            if worker.post_message(&message).is_err() {
                answered(JsValue::UNDEFINED, 0.0);
            }
        }
        None => wasm_bindgen_futures::spawn_local(on_page(message)),
    }
}

/// Without a worker: the request runs on the page, in a task of its own.
async fn on_page(message: js_sys::Object) {
    gloo_timers::future::TimeoutFuture::new(0).await;
    let request = Reflect::get(&message, &"request".into()).unwrap_or(JsValue::UNDEFINED);
    let started = crate::browser::page::now();
    let result = match tools::module().await {
        Ok(module) => Reflect::get(&module, &"compute".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .and_then(|f| f.call1(&JsValue::NULL, &request).ok()),
        Err(_) => None,
    };
    answered(
        result.unwrap_or(JsValue::UNDEFINED),
        crate::browser::page::now() - started,
    );
}

/// Whether requests run on the page (no module worker in this browser).
pub fn on_the_page() -> bool {
    CLIENT.with(|c| c.borrow().no_worker)
}

/// The engine's time of the last reply on `channel` (ms).
pub fn last_ms(channel: &str) -> f64 {
    CLIENT.with(|c| {
        c.borrow()
            .last_ms
            .iter()
            .find(|(ch, _)| *ch == channel)
            .map_or(0.0, |(_, ms)| *ms)
    })
}

/// Asks the compute service `request` on `channel`. `None` when a newer request on the same
/// channel came before this one started (the older is stale); the reply otherwise, a refusal in
/// words when the module failed.
pub async fn ask(channel: &str, request: &Request) -> Option<Reply> {
    let text = serde_json::to_string(request).ok()?;
    let mut resolver = None;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| resolver = Some(resolve));
    let resolve = resolver?;
    let dropped = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        c.next_id += 1;
        let id = c.next_id;
        // A newer plan: what is queued on this channel will never be looked at.
        let mut dropped = Vec::new();
        c.queue.retain(|w| {
            if w.channel == channel {
                dropped.push(w.done.clone());
                false
            } else {
                true
            }
        });
        c.queue.push_back(Waiting {
            id,
            channel: channel.to_string(),
            request: text,
            done: resolve,
        });
        dropped
    });
    for d in dropped {
        let _ = d.call1(&JsValue::NULL, &JsValue::NULL);
    }
    pump();
    let value = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .unwrap_or(JsValue::UNDEFINED);
    if value.is_null() {
        return None;
    }
    let failed = |reason: fn(&Ui) -> &'static str| Reply::Refused {
        reason: both(reason),
    };
    Some(match value.as_string() {
        Some(json) => serde_json::from_str::<Reply>(&json)
            .unwrap_or_else(|_| failed(|w| w.tools_answer_unreadable)),
        None => failed(|w| w.tools_failed),
    })
}

/// A reply as a panel holds it: the reply, whether it answers the request the panel asks now
/// (`false`: a newer request is being computed, and the panel marks the reply stale), and the
/// engine's time (ms).
#[derive(Clone, PartialEq)]
pub struct Computed {
    pub reply: Option<std::rc::Rc<Reply>>,
    pub fresh: bool,
    pub ms: f64,
}

/// The compute service's reply to `request` on `channel`, asked each time the request changes
/// (`None`: nothing to ask) while the panel is in view (`in_view::InView`). The last reply stays,
/// marked not fresh, until the new one comes.
#[yew::hook]
pub fn use_compute(channel: String, request: Option<Request>) -> Computed {
    use_compute_after(channel, request, 0)
}

/// [`use_compute`] for work that takes the worker a long time (the chances over 2000 draws, half
/// a second on an old PC): asked only once the request has stayed the same for `after_ms`. The
/// worker cannot be stopped in the middle of a request, and on a two-core PC it then takes the
/// core the page's typing needs; a short pause in the typing no longer starts it.
#[yew::hook]
pub fn use_compute_after(channel: String, request: Option<Request>, after_ms: u32) -> Computed {
    use yew::prelude::*;
    // Out of view, nothing is asked: the request is asked when the panel scrolls back in.
    let in_view = use_context::<crate::extras::in_view::InView>().is_none_or(|v| v.0);
    let request = request.filter(|_| in_view);
    let held = use_state(|| None::<(Request, std::rc::Rc<Reply>, f64)>);
    let waiting = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    {
        let held = held.clone();
        use_effect_with(request.clone(), move |request| {
            // A newer request: the one still waiting is never asked (dropping it cancels it).
            waiting.borrow_mut().take();
            if let Some(request) = request.clone() {
                let asked = move || {
                    wasm_bindgen_futures::spawn_local(async move {
                        if let Some(reply) = ask(&channel, &request).await {
                            let ms = last_ms(&channel);
                            held.set(Some((request, std::rc::Rc::new(reply), ms)));
                        }
                    });
                };
                if after_ms == 0 {
                    asked();
                } else {
                    *waiting.borrow_mut() =
                        Some(gloo_timers::callback::Timeout::new(after_ms, asked));
                }
            }
        });
    }
    match held.as_ref() {
        Some((asked, reply, ms)) => Computed {
            reply: Some(reply.clone()),
            fresh: request.as_ref() == Some(asked),
            ms: *ms,
        },
        None => Computed {
            reply: None,
            fresh: false,
            ms: 0.0,
        },
    }
}
