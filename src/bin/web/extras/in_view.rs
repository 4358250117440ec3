//! Work that is not in view waits until it is: a part of the page the official has scrolled away
//! from asks the worker nothing. [`use_in_view`] follows whether an element is on screen (or
//! near it); [`InView`] hands that to every panel under it, and `compute::use_compute_after`
//! holds their requests while it is `false`. The last reply stays, marked stale.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
use yew::prelude::*;

/// How near the screen an element counts as in view: its work starts just before it scrolls in.
const MARGIN: &str = "200px";

/// Whether the panels under this context are on screen; no context: they always are.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct InView(pub bool);

/// Whether `node`'s element is on screen or within [`MARGIN`] of it. `true` until the browser has
/// said otherwise, and always where it cannot tell (no `IntersectionObserver`).
#[hook]
pub fn use_in_view(node: NodeRef) -> bool {
    let in_view = use_state_eq(|| true);
    {
        let in_view = in_view.clone();
        use_effect_with(node, move |node| {
            let watching = node.cast::<web_sys::Element>().and_then(|element| {
                let on_change =
                    Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                        // Entries come in order: the last is the element's state now.
                        if let Some(entry) = entries.iter().last() {
                            let entry: IntersectionObserverEntry = entry.unchecked_into();
                            in_view.set(entry.is_intersecting());
                        }
                    });
                let options = IntersectionObserverInit::new();
                options.set_root_margin(MARGIN);
                let observer = IntersectionObserver::new_with_options(
                    on_change.as_ref().unchecked_ref(),
                    &options,
                )
                .ok()?;
                observer.observe(&element);
                Some((observer, on_change))
            });
            move || {
                if let Some((observer, _on_change)) = watching {
                    observer.disconnect();
                }
            }
        });
    }
    *in_view
}
