//! Keys to messages, in one table that the help overlay also shows.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::model::{Kind, Model, Overlay, Start, Step};
use super::msg::Msg;
use crate::document::Format;
use crate::playbook::Lang;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Everywhere in the editor.
    Always,
    /// In steps that hold a list of items.
    List,
    /// On the Review step.
    Review,
}

/// One key binding.
pub struct Binding {
    pub keys: &'static str,
    /// A word or two for the key bar.
    pub short: (&'static str, &'static str),
    pub en: &'static str,
    pub zh: &'static str,
    pub when: When,
    pub matches: fn(&KeyEvent) -> bool,
    pub msg: fn() -> Msg,
}

impl Binding {
    pub fn short(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.short.0,
            Lang::Zh => self.short.1,
        }
    }

    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

fn plain(k: &KeyEvent, code: KeyCode) -> bool {
    k.code == code
        && !k
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

fn ctrl(k: &KeyEvent, c: char) -> bool {
    k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char(c)
}

fn alt(k: &KeyEvent, code: KeyCode) -> bool {
    k.modifiers.contains(KeyModifiers::ALT) && k.code == code
}

/// The editor's keys. The text box gets every key not listed here.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: "Tab",

        short: ("next", "下一项"),
        en: "next field",
        zh: "下一个字段",
        when: When::Always,
        matches: |k| plain(k, KeyCode::Tab),
        msg: || Msg::NextField,
    },
    Binding {
        keys: "Shift+Tab",

        short: ("back", "上一项"),
        en: "previous field",
        zh: "上一个字段",
        when: When::Always,
        matches: |k| k.code == KeyCode::BackTab,
        msg: || Msg::PrevField,
    },
    Binding {
        keys: "PgDn",

        short: ("next step", "下一步"),
        en: "next step",
        zh: "下一步",
        when: When::Always,
        matches: |k| plain(k, KeyCode::PageDown),
        msg: || Msg::NextStep,
    },
    Binding {
        keys: "PgUp",

        short: ("prev step", "上一步"),
        en: "previous step",
        zh: "上一步",
        when: When::Always,
        matches: |k| plain(k, KeyCode::PageUp),
        msg: || Msg::PrevStep,
    },
    Binding {
        keys: "Alt+↓",

        short: ("next item", "下一条"),
        en: "next item",
        zh: "下一条",
        when: When::List,
        matches: |k| alt(k, KeyCode::Down),
        msg: || Msg::NextItem,
    },
    Binding {
        keys: "Alt+↑",

        short: ("prev item", "上一条"),
        en: "previous item",
        zh: "上一条",
        when: When::List,
        matches: |k| alt(k, KeyCode::Up),
        msg: || Msg::PrevItem,
    },
    Binding {
        keys: "F6",

        short: ("add", "添加"),
        en: "add an item",
        zh: "添加一条",
        when: When::List,
        matches: |k| k.code == KeyCode::F(6) && k.modifiers.is_empty(),
        msg: || Msg::AddItem,
    },
    Binding {
        keys: "Ctrl+↑",

        short: ("move up", "上移"),
        en: "move the item up",
        zh: "把这一条上移",
        when: When::List,
        matches: |k| k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Up,
        msg: || Msg::MoveItemUp,
    },
    Binding {
        keys: "Ctrl+↓",

        short: ("move down", "下移"),
        en: "move the item down",
        zh: "把这一条下移",
        when: When::List,
        matches: |k| k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Down,
        msg: || Msg::MoveItemDown,
    },
    Binding {
        keys: "Ctrl+D",

        short: ("remove", "删除"),
        en: "remove the item",
        zh: "删除这一条",
        when: When::List,
        matches: |k| ctrl(k, 'd'),
        msg: || Msg::RemoveItem,
    },
    Binding {
        keys: "F5",

        short: ("suggest", "参考写法"),
        en: "playbook suggestions",
        zh: "插入参考写法",
        when: When::Always,
        matches: |k| k.code == KeyCode::F(5),
        msg: || Msg::OpenSuggestions,
    },
    Binding {
        keys: "Alt+P",

        short: ("placeholder", "占位符"),
        en: "next {placeholder}",
        zh: "选中下一个 {占位符}",
        when: When::Always,
        matches: |k| alt(k, KeyCode::Char('p')),
        msg: || Msg::NextPlaceholder,
    },
    Binding {
        keys: "F3",

        short: ("finding", "下个问题"),
        en: "next finding",
        zh: "下一个问题",
        when: When::Always,
        matches: |k| k.code == KeyCode::F(3),
        msg: || Msg::NextFinding,
    },
    Binding {
        keys: "F2",

        short: ("fix", "修正"),
        en: "apply the finding's fix",
        zh: "自动修正该问题",
        when: When::Always,
        matches: |k| k.code == KeyCode::F(2),
        msg: || Msg::ApplyFix,
    },
    Binding {
        keys: "F4",

        short: ("go to", "跳转"),
        en: "go to the finding's field",
        zh: "跳到问题所在字段",
        when: When::Always,
        matches: |k| k.code == KeyCode::F(4),
        msg: || Msg::JumpToFinding,
    },
    Binding {
        keys: "Ctrl+↓/↑",

        short: ("scroll", "滚动"),
        en: "scroll the letter",
        zh: "滚动预览",
        when: When::Review,
        matches: |_| false,
        msg: || Msg::ScrollPreview(0),
    },
    Binding {
        keys: "F6",

        short: ("word", "word"),
        en: "export a Word document",
        zh: "导出 Word 文档",
        when: When::Review,
        matches: |k| k.code == KeyCode::F(6) && k.modifiers.is_empty(),
        msg: || Msg::Export(vec![Format::Docx]),
    },
    Binding {
        keys: "F7",

        short: ("md", "md"),
        en: "export Markdown",
        zh: "导出 Markdown",
        when: When::Review,
        matches: |k| k.code == KeyCode::F(7),
        msg: || Msg::Export(vec![Format::Md]),
    },
    Binding {
        keys: "F8",

        short: ("txt", "txt"),
        en: "export text for the form",
        zh: "导出表单文本",
        when: When::Review,
        matches: |k| k.code == KeyCode::F(8),
        msg: || Msg::Export(vec![Format::Txt]),
    },
    Binding {
        keys: "F9",

        short: ("pdf", "pdf"),
        en: "export PDF",
        zh: "导出 PDF",
        when: When::Review,
        matches: |k| k.code == KeyCode::F(9),
        msg: || Msg::Export(vec![Format::Pdf]),
    },
    Binding {
        keys: "F10",

        short: ("export all", "全部导出"),
        en: "export all four",
        zh: "全部导出",
        when: When::Review,
        matches: |k| k.code == KeyCode::F(10),
        msg: || Msg::Export(Format::ALL.to_vec()),
    },
    Binding {
        keys: "Alt+PgDn",

        short: ("more hint", "更多提示"),
        en: "scroll the question and hint down",
        zh: "向下滚动问题与提示",
        when: When::Always,
        matches: |k| alt(k, KeyCode::PageDown),
        msg: || Msg::ScrollHint(1),
    },
    Binding {
        keys: "Alt+PgUp",

        short: ("hint up", "提示上移"),
        en: "scroll the question and hint up",
        zh: "向上滚动问题与提示",
        when: When::Always,
        matches: |k| alt(k, KeyCode::PageUp),
        msg: || Msg::ScrollHint(-1),
    },
    Binding {
        keys: "Ctrl+T",

        short: ("steps", "步骤栏"),
        en: "hide or show the steps",
        zh: "隐藏或显示步骤栏",
        when: When::Always,
        matches: |k| ctrl(k, 't'),
        msg: || Msg::ToggleRail,
    },
    Binding {
        keys: "Ctrl+E",

        short: ("$EDITOR", "外部编辑"),
        en: "edit the field in $EDITOR",
        zh: "用外部编辑器编辑",
        when: When::Always,
        matches: |k| ctrl(k, 'e'),
        msg: || Msg::EditExternally,
    },
    Binding {
        keys: "Ctrl+S",

        short: ("save", "保存"),
        en: "save now (it also autosaves)",
        zh: "立即保存（也会自动保存）",
        when: When::Always,
        matches: |k| ctrl(k, 's'),
        msg: || Msg::Save,
    },
    Binding {
        keys: "Ctrl+Z",

        short: ("undo", "撤销"),
        en: "undo",
        zh: "撤销",
        when: When::Always,
        matches: |k| ctrl(k, 'z'),
        // The text box's own undo key.
        msg: || Msg::Input(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    },
    Binding {
        keys: "Ctrl+Y",

        short: ("redo", "重做"),
        en: "redo",
        zh: "重做",
        when: When::Always,
        matches: |k| ctrl(k, 'y'),
        // The text box's own redo key.
        msg: || Msg::Input(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL)),
    },
    Binding {
        keys: "Alt+←/→",

        short: ("word", "按词"),
        en: "move by word",
        zh: "按词移动",
        when: When::Always,
        matches: |_| false,
        msg: || Msg::Save,
    },
    Binding {
        keys: "F1",

        short: ("help", "帮助"),
        en: "this help",
        zh: "本帮助",
        when: When::Always,
        matches: |k| k.code == KeyCode::F(1),
        msg: || Msg::Help,
    },
    Binding {
        keys: "Ctrl+Q",

        short: ("quit", "退出"),
        en: "save and quit",
        zh: "保存并退出",
        when: When::Always,
        matches: |k| ctrl(k, 'q') || ctrl(k, 'c'),
        msg: || Msg::Quit,
    },
];

fn applies(b: &Binding, step: Step) -> bool {
    match b.when {
        When::Always => true,
        When::List => step.is_list(),
        When::Review => step == Step::Review,
    }
}

/// The message for a key press.
pub fn to_msg(model: &Model, key: KeyEvent) -> Option<Msg> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    // A window too small to show the field: only quitting (which saves), so
    // that nothing is typed where the writer cannot see it.
    if model.too_small() {
        let quit = ctrl(&key, 'q') || ctrl(&key, 'c');
        return Some(if quit { Msg::Quit } else { Msg::NotTaken });
    }
    if let Some(overlay) = &model.overlay {
        return overlay_key(overlay, key);
    }
    if let Some(start) = &model.start {
        return start_key(start, key);
    }
    if model.step == Step::Review && key.modifiers.contains(KeyModifiers::CONTROL) {
        match key.code {
            KeyCode::Down => return Some(Msg::ScrollPreview(3)),
            KeyCode::Up => return Some(Msg::ScrollPreview(-3)),
            _ => {}
        }
    }
    if let Some(b) = BINDINGS
        .iter()
        .find(|b| applies(b, model.step) && (b.matches)(&key))
    {
        return Some((b.msg)());
    }
    let kind = model.spec().map(|s| s.kind);
    match (kind, key.code) {
        (Some(Kind::Choice), KeyCode::Up) => Some(Msg::ChoicePrev),
        (Some(Kind::Choice), KeyCode::Down) => Some(Msg::ChoiceNext),
        // Enter in a one-line field moves on.
        (Some(k), KeyCode::Enter) if !k.is_multiline() => Some(Msg::NextField),
        (Some(_), _) => Some(Msg::Input(key)),
        (None, _) => None,
    }
}

fn overlay_key(overlay: &Overlay, key: KeyEvent) -> Option<Msg> {
    if ctrl(&key, 'q') || ctrl(&key, 'c') {
        return Some(Msg::Quit);
    }
    match overlay {
        Overlay::ConfirmRemove
        | Overlay::Recovered
        | Overlay::ChangedOnDisk
        | Overlay::ExportWithErrors(_) => match key.code {
            KeyCode::Char('d' | 'D') if matches!(overlay, Overlay::ExportWithErrors(_)) => {
                Some(Msg::ExportDraft)
            }
            KeyCode::Char('y' | 'Y') => Some(Msg::Answer(true)),
            KeyCode::Char('n' | 'N') | KeyCode::Esc => Some(Msg::Answer(false)),
            _ if matches!(overlay, Overlay::ConfirmRemove) => Some(Msg::Answer(false)),
            _ => None,
        },
        Overlay::Suggestions { .. } => match key.code {
            KeyCode::Up => Some(Msg::OverlayUp),
            KeyCode::Down => Some(Msg::OverlayDown),
            KeyCode::Enter => Some(Msg::OverlayEnter),
            KeyCode::Esc | KeyCode::F(5) => Some(Msg::Close),
            _ => None,
        },
        Overlay::Locked => match key.code {
            KeyCode::Enter => Some(Msg::Close),
            _ => None,
        },
        Overlay::Exported(_) => match (key.code, scroll_key(&key)) {
            (_, Some(d)) => Some(Msg::ScrollMessage(d)),
            (KeyCode::Char('s' | 'S'), _) => Some(Msg::Submit),
            _ => Some(Msg::Close),
        },
        Overlay::Message(_) => Some(scroll_key(&key).map_or(Msg::Close, Msg::ScrollMessage)),
        Overlay::Help => Some(Msg::Close),
    }
}

/// The lines a key scrolls a message box by: the arrows one, the page keys
/// a box's worth.
fn scroll_key(key: &KeyEvent) -> Option<i16> {
    match key.code {
        KeyCode::Up => Some(-1),
        KeyCode::Down => Some(1),
        KeyCode::PageUp => Some(-10),
        KeyCode::PageDown => Some(10),
        _ => None,
    }
}

fn start_key(start: &Start, key: KeyEvent) -> Option<Msg> {
    if ctrl(&key, 'q') || ctrl(&key, 'c') {
        return Some(Msg::Quit);
    }
    match start {
        Start::Menu { .. } | Start::PickViolation { .. } => match key.code {
            KeyCode::Up => Some(Msg::StartUp),
            KeyCode::Down => Some(Msg::StartDown),
            KeyCode::Enter => Some(Msg::StartEnter),
            KeyCode::Esc => Some(Msg::Close),
            _ => None,
        },
        Start::PasteNotice => match key.code {
            KeyCode::F(2) => Some(Msg::StartContinue),
            KeyCode::Esc => Some(Msg::Close),
            _ => Some(Msg::Input(key)),
        },
        Start::NameFile { .. } => match key.code {
            KeyCode::Enter => Some(Msg::StartContinue),
            KeyCode::Esc => Some(Msg::Close),
            _ => Some(Msg::Input(key)),
        },
    }
}
