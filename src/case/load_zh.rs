//! The load errors in Chinese, for `--lang zh`: where, what and what to
//! do, in the writer's language. A detail only the English knows (a YAML
//! parser's words, a value's type) is kept after "英文说明", never dropped.

use super::VERSION;
use super::load::LoadError;

impl LoadError {
    /// The message in Chinese; the English `Display` is the one for `en`.
    pub fn zh(&self) -> String {
        use LoadError::*;
        match self {
            NotFound { path } => format!("{path}：找不到这个文件。请检查文件名和当前所在的文件夹"),
            IsDir { path } => {
                format!("{path}：这是一个文件夹，不是文件。请给出文件夹里某个文件的路径")
            }
            NotAFile { path } => format!(
                "{path}：不是普通文件（而是管道、设备或套接字），poa 只读取保存在磁盘上的文件。请把内容保存成文件后再给出该文件"
            ),
            Io { path, source } => {
                format!("{path}：无法读取（{source}）。请确认文件存在，并且你有权限读取它")
            }
            TooLarge { path, size, limit } => format!(
                "{path}：大小为 {}，对案例文件或草稿来说太大了（上限是 {limit}）。请确认是不是选错了文件",
                size.beside(*limit)
            ),
            NotWord { path, detail } => format!(
                "{path}：这是一个 zip 压缩文件，但不是 poa 能读取的 Word 文档（英文说明：{detail}）。请用 Word 或 LibreOffice 打开后重新另存为 .docx，或把文字另存为 .txt"
            ),
            Empty { path, hint } => format!("{path}：文件是空的。{}", hint_zh(hint)),
            Utf16 { path } => format!(
                "{path}：文件保存成了 UTF-16（有些 Windows 编辑器叫它“Unicode”），poa 只读 UTF-8。请重新保存为 UTF-8：在记事本里选“文件 > 另存为”，编码选 UTF-8"
            ),
            Binary { path, line, column } => format!(
                "{path}:{line}:{column}：这不是文本文件（这里是二进制数据）。请给出保存为 UTF-8 的纯文本文件"
            ),
            ControlChar {
                path,
                line,
                column,
                code,
            } => format!(
                "{path}:{line}:{column}：这里有一个看不见的控制字符（U+{code:04X}）。请删除它；从 PDF 或聊天软件复制文字时常会带进来"
            ),
            Shape {
                path,
                line,
                column,
                what,
            } => {
                format!("{path}:{line}:{column}：{}", hint_zh(what))
            }
            EscapedControl {
                path,
                line,
                field,
                code,
            } => format!(
                "{path}:{line}：{field} 里有一个看不见的控制字符（U+{code:04X}），是用 \\e 或 \\x1b 这样的 YAML 转义写进去的。请删除它：它会改变终端显示的内容和行为"
            ),
            Syntax {
                path,
                line,
                column,
                detail,
                hint,
            } => format!(
                "{path}:{line}:{column}：YAML 格式有误{}。{}",
                detail_zh(detail),
                hint_zh(hint)
            ),
            UnknownKey {
                path,
                line,
                column,
                key,
                place,
                expected,
            } => format!(
                "{path}:{line}:{column}：不认识的键 `{key}`{}。这里可以用的键有：{expected}。请改正拼写，或删除这一行",
                place_zh(place)
            ),
            BadValue {
                path,
                line,
                column,
                field,
                message,
            } => format!(
                "{path}:{line}:{column}：{field} 的值写得不对。请按下面的英文说明修改这一行。英文说明：{message}"
            ),
            NoVersion { path } => format!(
                "{path}：没有 `version` 这一行，所以不是 poa 的案例文件。请在第一行加上 `version: {VERSION}`"
            ),
            NewerVersion { path, found } => format!(
                "{path}：这是第 {found} 版的案例文件，由更新的 poa 写成；这个 poa 只读第 {VERSION} 版。请更新 poa 后再打开"
            ),
            BadVersion { path, line, found } => format!(
                "{path}:{line}：`version: {found}` 不是 poa 认识的版本。请写成 `version: {VERSION}`"
            ),
            NotMapping { path } => format!(
                "{path}：不是案例文件：最上层应该是 `version:`、`seller:`、`notice:` 这样的键，每行一个"
            ),
        }
    }
}

/// The parser's detail: said in Chinese where poa wrote it, else kept in
/// English after "英文说明".
fn detail_zh(detail: &str) -> String {
    if detail == "this text opens a quotation mark (\") that no line closes" {
        return "：这段文字开了一个引号（\"），但后面没有任何一行把它关上".into();
    }
    if let Some(key) = detail
        .strip_prefix('`')
        .and_then(|r| r.strip_suffix("` is written a second time here"))
    {
        return format!("：`{key}` 在这里又写了一次");
    }
    format!("（英文说明：{detail}）")
}

/// " in `root_causes[0]`" → "（在 `root_causes[0]` 里）".
fn place_zh(place: &str) -> String {
    match place.trim() {
        "" => String::new(),
        "at the top level" => "（在最上层）".into(),
        p => match p.strip_prefix("in ") {
            Some(p) => format!("（在 {p} 里）"),
            None => format!("（{p}）"),
        },
    }
}

/// A hint or a shape poa wrote, in Chinese; one it does not know is kept
/// in English.
fn hint_zh(hint: &str) -> String {
    let known = [
        (
            "YAML keeps only one of them: join the two into one, or delete the one you do not want",
            "YAML 只会保留其中一个：请把两处合成一处，或删除不要的那一处".to_string(),
        ),
        (
            "Close the quotes: put the closing \" at the end of the text, or remove the opening one",
            "请把引号关上：在这段文字末尾加上 \"，或删除开头的引号".to_string(),
        ),
        (
            "Check the indentation and the quotes on this line and the line above; text that holds `: ` or starts with `#`, `-`, `[`, `{`, `*`, `&` or a quote needs quotes around it, or a `|` block",
            "请检查这一行和上一行的缩进和引号；含有 `: `，或以 `#`、`-`、`[`、`{`、`*`、`&`、引号开头的文字，需要用引号括起来，或写成 `|` 文本块".to_string(),
        ),
        (
            "lists or maps are nested too deep for a case file (more than 32 levels). Write the case as `poa new` does",
            "列表或键的嵌套层数太多（超过 32 层），案例文件用不到这么多。请按 `poa new` 生成的格式写".to_string(),
        ),
        (
            "uses a YAML tag (such as !!binary or !name), which a case file does not need and poa would drop. Delete the tag, or put the text in quotes",
            "用了 YAML 标签（例如 !!binary 或 !name），案例文件用不到它，poa 也会把它丢掉。请删除标签，或把这段文字放进引号".to_string(),
        ),
        (
            "uses a YAML anchor or alias (&name or *name), which a case file does not need. Write the value out in full",
            "用了 YAML 锚点或别名（&name 或 *name），案例文件用不到它。请把值完整写出来".to_string(),
        ),
        (
            "this line starts a second YAML document, and a file holds one. Delete this line and what follows it, or put the second part in a file of its own",
            "这一行开始了第二个 YAML 文档，而一个文件只能有一个。请删除这一行及后面的内容，或把后面的部分放进另一个文件".to_string(),
        ),
        (
            super::empty_case_hint(),
            format!(
                "案例文件以 `version: {VERSION}` 开头；可以用 `poa new 文件名 --violation 类型` 新建一个"
            ),
        ),
        ("Write one word per line", "每行写一个词".to_string()),
        (
            "Write phrases in the shape of templates/phrases.yaml",
            "请按 templates/phrases.yaml 的格式写短语".to_string(),
        ),
    ];
    match known.into_iter().find(|(en, _)| *en == hint) {
        Some((_, zh)) => zh,
        None if hint.is_empty() => String::new(),
        None => format!("英文说明：{hint}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hint_poa_writes_is_in_chinese() {
        // The hints load.rs writes, taken from its source, so a new one
        // without Chinese fails here.
        let source = include_str!("load.rs");
        let mut seen = 0;
        for line in source.lines() {
            let line = line.trim();
            let Some(rest) = line.strip_prefix("hint: \"").or_else(|| {
                (line.starts_with('"') && line.contains(", which a case file does not need"))
                    .then(|| &line[1..])
            }) else {
                continue;
            };
            let hint = rest
                .trim_end_matches(',')
                .trim_end_matches('"')
                .replace("\\\"", "\"");
            seen += 1;
            assert!(
                !hint_zh(&hint).starts_with("英文说明"),
                "no Chinese for {hint:?}"
            );
        }
        assert!(seen >= 4, "found {seen} hints");
    }
}
