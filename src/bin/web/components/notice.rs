//! Banners over the results: a refused file or link (every problem with its field path, in the
//! current language, and the reassurance that the work in progress is untouched), values far from
//! the usual in a file just opened, and a failed autosave.

use crate::state::reducer::{Notice, NoticeKind};
use crate::view::ui_words::{fill, ui};
use ncms_sim::{Lang, Text};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticeBannerProps {
    pub notice: Notice,
    pub lang: Lang,
    pub on_dismiss: Callback<()>,
}

#[function_component]
pub fn NoticeBanner(props: &NoticeBannerProps) -> Html {
    let ui = ui(props.lang);
    let (title, footer, class) = match props.notice.kind {
        NoticeKind::File => (ui.file_rejected, ui.work_kept, "alert"),
        NoticeKind::Link => (ui.link_rejected, ui.work_kept, "alert"),
        NoticeKind::Unusual => (ui.unusual_values, ui.unusual_footer, "warn"),
        NoticeKind::Structure => (ui.structure_refused, ui.work_kept, "alert"),
    };
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class={classes!(class, "notice", "no-print")} role="alert" data-testid="notice"
            data-kind={format!("{:?}", props.notice.kind).to_lowercase()}>
            <p><strong>{ title }</strong></p>
            <ul>
                { for props.notice.problems.iter().map(|p| html! {
                    <li data-path={p.path.clone()}>{ p.describe(props.lang) }</li>
                }) }
            </ul>
            <p>{ footer }</p>
            <button type="button" class="secondary" data-testid="notice-dismiss" onclick={on_dismiss}>
                { ui.dismiss }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct AutosaveBannerProps {
    pub reason: Text,
    pub lang: Lang,
}

/// Shown while the browser refuses to keep the work: the work is still on the page, and a saved
/// file keeps it for good.
#[function_component]
pub fn AutosaveBanner(props: &AutosaveBannerProps) -> Html {
    let ui = ui(props.lang);
    html! {
        <div class="alert autosave no-print" role="alert" data-testid="autosave-failed">
            <strong>{ ui.autosave_failed }</strong>{ " " }
            { props.reason.get(props.lang) }{ ui.autosave_advice }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct PendingBannerProps {
    /// The labels of the fields whose typed text is not applied.
    pub fields: Vec<String>,
    pub lang: Lang,
}

/// Over the results while typed text is pending: the figures are those of the last confirmed
/// state, and which fields are not applied.
#[function_component]
pub fn PendingBanner(props: &PendingBannerProps) -> Html {
    let ui = ui(props.lang);
    html! {
        <div class="notice pending-notice" role="status" data-testid="pending-notice">
            { fill(ui.not_applied, &[("fields", &props.fields.join(ui.list_separator))]) }
        </div>
    }
}
