//! The outpatient share of income as a gauge against its cap (25 %): the proposal's bar, the
//! baseline's tick, the cap line, the part of the cap used and the headroom in yuan.

use crate::view::format::{money, share};
use crate::view::ui_words::ui;
use crate::view::year_props::YearProps;
use yew::prelude::*;

const WIDTH: f64 = 380.0;

#[function_component]
pub fn Gauge(props: &YearProps) -> Html {
    let lang = props.lang;
    let ui = ui(lang);
    let Some((b, p)) = props.years() else {
        return html! {};
    };
    let (bi, pi) = (&b.indicators, &p.indicators);
    let cap = pi.outpatient_share_cap;
    // The scale of the drawing only: the cap sits at 60 % of the bar unless a share is larger.
    let scale = (cap / 0.6)
        .max(pi.outpatient_share * 1.08)
        .max(bi.outpatient_share * 1.08)
        .max(0.01);
    let x = |share: f64| (share.max(0.0) / scale * WIDTH).min(WIDTH);
    let over = pi.outpatient_headroom.is_sign_negative() && !pi.outpatient_headroom.is_zero();
    let headroom_text = if over {
        format!("{} {}", ui.over_cap, money(-pi.outpatient_headroom, lang))
    } else {
        format!("{} {}", ui.headroom, money(pi.outpatient_headroom, lang))
    };
    let cap_x = x(cap);
    html! {
        <section class="panel gauge" aria-labelledby="gauge-title">
            <h2 id="gauge-title">{ ui.outpatient_gauge }</h2>
            <div class="gauge-figures">
                <span class={classes!("gauge-share", over.then_some("bad"))}
                    data-testid="outpatient-share" data-value={pi.outpatient_share.to_string()}
                    data-baseline={bi.outpatient_share.to_string()}>
                    { share(pi.outpatient_share) }
                </span>
                <span class="gauge-detail" data-testid="outpatient-cap-used"
                    data-value={pi.outpatient_cap_used.to_string()}>
                    { format!("{} {}", share(pi.outpatient_cap_used), ui.cap_used) }
                </span>
                <span class={classes!("gauge-detail", over.then_some("bad"))}
                    data-testid="outpatient-headroom" data-value={pi.outpatient_headroom.to_string()}>
                    { headroom_text }
                </span>
                <span class="gauge-detail muted">
                    { format!("{} {}", ui.baseline, share(bi.outpatient_share)) }
                </span>
            </div>
            <svg viewBox={format!("0 0 {} 46", WIDTH + 20.0)} class="gauge-svg" role="img"
                aria-label={format!("{} {} / {} {}", ui.proposal, share(pi.outpatient_share), ui.cap, share(cap))}>
                <rect x="0" y="8" width={WIDTH.to_string()} height="18" rx="3" class="gauge-track" />
                <rect x="0" y="8" width={x(pi.outpatient_share).to_string()} height="18" rx="3"
                    class={if over { "gauge-fill bad" } else { "gauge-fill" }} />
                <line x1={x(bi.outpatient_share).to_string()} x2={x(bi.outpatient_share).to_string()}
                    y1="3" y2="31" class="gauge-baseline" />
                <line x1={cap_x.to_string()} x2={cap_x.to_string()} y1="2" y2="32" class="gauge-cap" />
                <text x={cap_x.to_string()} y="44" class="gauge-cap-label" text-anchor="middle">
                    { format!("{} {}", ui.cap, share(cap)) }
                </text>
            </svg>
        </section>
    }
}
