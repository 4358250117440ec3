//! The banner for a refused file or link: every problem with its field path, in the current
//! language, and the reassurance that the work in progress is untouched.

use crate::i18n::ui;
use crate::state::{Notice, NoticeKind};
use ncms_sim::Lang;
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
    let title = match props.notice.kind {
        NoticeKind::File => ui.file_rejected,
        NoticeKind::Link => ui.link_rejected,
    };
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="alert notice no-print" role="alert" data-testid="notice">
            <p><strong>{ title }</strong></p>
            <ul>
                { for props.notice.problems.iter().map(|p| html! {
                    <li data-path={p.path.clone()}>{ p.describe(props.lang) }</li>
                }) }
            </ul>
            <p>{ ui.work_kept }</p>
            <button type="button" class="secondary" data-testid="notice-dismiss" onclick={on_dismiss}>
                { ui.dismiss }</button>
        </div>
    }
}
