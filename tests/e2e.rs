//! Drives the real `poa` binary in a pseudo-terminal, as a writer would:
//! `poa new`, an answer in every step, a fix applied, a playbook suggestion
//! inserted, the three documents exported, and quit. Then reads the files.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const TAB: &str = "\t";
const ENTER: &str = "\r";
const BACKSPACE: &str = "\x7f";
const DOWN: &str = "\x1b[B";
const F2: &str = "\x1bOQ";
const F3: &str = "\x1bOR";
const F4: &str = "\x1bOS";
const F5: &str = "\x1b[15~";
const F6: &str = "\x1b[17~";
const F10: &str = "\x1b[21~";
const CTRL_Q: &str = "\x11";

/// A terminal with the editor running in it.
struct Term {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    // Closing the master hangs the editor up; keep it until the end.
    _master: Box<dyn MasterPty + Send>,
}

impl Term {
    fn spawn(dir: &Path, args: &[&str], cols: u16, rows: u16) -> Term {
        Term::spawn_with(dir, args, cols, rows, &[])
    }

    /// `spawn`, with more environment variables (an `EDITOR`).
    fn spawn_with(dir: &Path, args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Term {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_poa"));
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "en_US.UTF-8");
        // No Chinese font, whatever the machine has: the PDF prints "?".
        cmd.env("POA_CJK_FONT", "");
        for var in ["LC_ALL", "LC_MESSAGES", "NO_COLOR", "EDITOR", "VISUAL"] {
            cmd.env_remove(var);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("poa starts");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("a reader");
        let writer = pty.master.take_writer().expect("a writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
            0,
        )));
        let feed = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 16 * 1024];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
            }
        });
        Term {
            screen,
            writer,
            child,
            _master: pty.master,
        }
    }

    fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `needle`; returns the screen.
    fn wait_for(&self, needle: &str) -> String {
        self.wait_until(needle, |s| s.contains(needle))
    }

    /// Waits until the screen shows every one of `needles` at once: a
    /// screen is drawn in pieces, and the first may show before the rest.
    fn wait_for_all(&self, needles: &[&str]) -> String {
        self.wait_until(&needles.join(" + "), |s| {
            needles.iter().all(|n| s.contains(n))
        })
    }

    fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let text = self.text();
            if ok(&text) {
                return text;
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("waited 20 s for {what:?}; the screen shows:\n{text}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // One key burst at a time, as fingers would.
        std::thread::sleep(Duration::from_millis(30));
    }

    /// Types into the focused field, then Tab to the next one.
    fn answer(&mut self, text: &str) {
        self.send(text);
        self.send(TAB);
    }

    /// Makes the terminal `cols` x `rows`, as a window resized by hand.
    fn resize(&mut self, cols: u16, rows: u16) {
        // The screen takes its new size before the editor can hear of it,
        // and holds the reader until then, so no frame drawn for the new
        // size lands in the old one.
        let mut screen = self.screen.lock().unwrap();
        screen.set_size(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
        );
        self._master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("the pseudo-terminal resizes");
    }

    /// Kills the editor as a crash or a power cut would (SIGKILL).
    fn kill_hard(&mut self) {
        let pid = self.child.process_id().expect("poa runs");
        let killed = std::process::Command::new("kill")
            .args(["-9", &pid.to_string()])
            .status()
            .expect("kill runs");
        assert!(killed.success());
        let _ = self.wait_status();
    }

    /// The line the terminal's cursor is on, and its column.
    fn cursor(&self) -> (String, u16) {
        let parser = self.screen.lock().unwrap();
        let (row, col) = parser.screen().cursor_position();
        let line = parser
            .screen()
            .contents()
            .lines()
            .nth(row as usize)
            .unwrap_or_default()
            .to_string();
        (line, col)
    }

    fn paste(&mut self, text: &str) {
        self.send(&format!("\x1b[200~{text}\x1b[201~"));
    }

    fn wait_exit(&mut self) {
        let status = self.wait_status();
        assert!(status.success(), "poa exited with {status:?}");
    }

    fn wait_status(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("poa did not quit; the screen shows:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn days_ago(n: i64) -> String {
    let today = jiff::ZonedDateTime::now().date();
    today
        .checked_sub(jiff::Span::new().days(n))
        .unwrap()
        .to_string()
}

#[test]
fn a_whole_case_from_new_to_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Term::spawn(
        dir.path(),
        &[
            "new",
            "case.poa.yaml",
            "--violation",
            "late-shipment-rate",
            "--marketplace",
            "US",
        ],
        120,
        40,
    );

    // Seller.
    t.wait_for("What is your company's legal name?");
    t.answer("Harbor Lane Goods LLC");
    t.answer("Harbor Lane Home");
    t.answer("A3HV8Q2LKZ7N5R");
    t.answer(""); // the marketplace came from --marketplace
    t.answer("Dana Whitfield");
    t.answer("Operations Manager");

    // Notice: a date is checked as it is typed, and a bad one is kept, not lost.
    t.wait_for("What is the notice about?");
    t.send(TAB);
    t.send(TAB);
    t.send("2026-13-0");
    t.wait_for("not a date yet");
    for _ in 0..4 {
        t.send(BACKSPACE);
    }
    let received = days_ago(5);
    t.send(&received[5..]);
    t.wait_until("the date accepted", |s| !s.contains("not a date yet"));
    t.send(TAB);
    t.send(TAB); // no deadline in this notice
    t.answer("B0C7KXW2PL");
    t.send(TAB);
    t.send(TAB);
    t.send(TAB);
    t.paste(
        "Hello,\r\n\r\nYour Late Shipment Rate is 8.0%, above our 4% target.\r\n\
         我们已经收到通知，并会在 17 天内回复。\r\nPlease send a plan of action.",
    );
    t.wait_for("我们已经收到通知");
    t.send(TAB);

    // Metrics.
    t.wait_for("How many orders shipped late");
    t.answer("96");
    t.answer("1,200");
    t.answer("");

    // Root causes, with a contraction that F2 fixes.
    t.wait_for("Root causes — item 1 of 1");
    t.answer("We confirmed shipments by hand, once a day, after the evening pickup");
    t.answer("58 of the 96 late orders left our warehouse on time, but we confirmed them one business day late.");
    t.answer("On 11 of the 14 business days from 20 October to 7 November 2026.");
    t.answer("The end-of-day tracking upload from our own warehouse in Reno, Nevada.");
    t.answer("The office assistant ran the upload each evening; no one checked it.");
    t.send("Our label software didn't connect to Seller Central, so nobody saw an order still unconfirmed at 6 pm.");
    t.wait_for("did not");
    // F2 on each finding in turn until the contraction's fix is applied:
    // the field itself shows it, whatever the status line says by then.
    let fixed = |s: &str| s.contains("software did not connect");
    for _ in 0..12 {
        t.send(F2);
        let screen = t.wait_until("F2's answer", |s| {
            fixed(s) || s.contains("→") || s.contains("no automatic fix")
        });
        if fixed(&screen) {
            break;
        }
        t.send(F3);
    }
    t.wait_until("the contraction fixed by F2", fixed);
    t.send(TAB);
    t.answer("On 12 November 2026 we compared the order report with the carrier scans for all 96 orders.");

    // Corrective actions: a suggestion from the playbook, its placeholder filled in.
    t.wait_for("What have you already done to fix it?");
    t.send(F5);
    t.wait_for("Suggestions from the playbook");
    t.send(ENTER);
    t.wait_for("Ship-confirmed all {number} open orders");
    t.send("14");
    t.wait_for("Ship-confirmed all 14 open orders");
    t.send(TAB);
    t.answer(&days_ago(3));
    t.send(TAB); // the owner came with the suggestion
    t.answer("1");
    t.answer("E1");

    // Preventive measures.
    t.wait_for("What will keep it from happening again?");
    t.answer("Our shipping software now confirms each order when its label is bought, and the shift lead checks the unshipped-orders report at 3 pm.");
    t.answer("Shift lead");
    t.answer(&days_ago(2));
    t.answer("every business day");
    t.answer("1");
    t.answer("E1");

    // Evidence: the list starts empty; F6 adds an item.
    t.wait_for("No items yet");
    t.send(F6);
    t.wait_for("item 1 of 1");
    t.answer("Shipping confirmation report, 14 open orders");
    t.send(DOWN);
    t.send(TAB);
    t.answer(&days_ago(2));
    t.send(TAB);
    t.send(TAB);

    // Review: export everything, see where it went.
    t.wait_for("F10");
    t.send(F10);
    t.wait_for_all(&["case.pdf", "case.md", "case.txt"]);
    t.send(ENTER);
    t.send(CTRL_Q);
    t.wait_exit();

    // The case file holds every answer.
    let saved = dir.path().join("case.poa.yaml");
    let source = std::fs::read_to_string(&saved).unwrap();
    let case = poa::case::from_yaml(&source, "case.poa.yaml").expect("the saved case loads");
    assert_eq!(case.seller.legal_name, "Harbor Lane Goods LLC");
    assert_eq!(case.seller.contact_role, "Operations Manager");
    assert_eq!(case.notice.received.unwrap().to_string(), received);
    assert_eq!(case.notice.asins, ["B0C7KXW2PL"]);
    assert!(
        case.notice.text.contains("我们已经收到通知"),
        "{}",
        case.notice.text
    );
    assert_eq!(
        case.notice.text.lines().count(),
        5,
        "{:?}",
        case.notice.text
    );
    assert_eq!(case.metrics[0].count, Some(96));
    assert_eq!(case.metrics[0].total, Some(1200));
    let cause = &case.root_causes[0];
    assert!(cause.why.contains("did not connect"), "{}", cause.why);
    assert!(!cause.why.contains("didn't"), "{}", cause.why);
    assert!(cause.how.contains("carrier scans"), "{}", cause.how);
    let action = &case.corrective_actions[0];
    assert!(
        action
            .action
            .starts_with("Ship-confirmed all 14 open orders with valid tracking numbers"),
        "{}",
        action.action
    );
    assert_eq!(action.owner, "Warehouse manager");
    assert_eq!(
        action.causes,
        ["R1"],
        "the number typed names the first root cause by its id"
    );
    assert_eq!(case.preventive_measures[0].cadence, "every business day");
    assert_eq!(case.evidence.len(), 1);
    assert!(
        case.evidence[0]
            .title
            .starts_with("Shipping confirmation report")
    );

    // The documents were written beside it, from that case.
    let md = std::fs::read_to_string(dir.path().join("case.md")).unwrap();
    assert!(md.contains("Harbor Lane Goods LLC"), "{md}");
    assert!(md.contains("did not connect to Seller Central"), "{md}");
    assert!(md.contains("Ship-confirmed all 14 open orders"), "{md}");
    let txt = std::fs::read_to_string(dir.path().join("case.txt")).unwrap();
    assert!(txt.contains("Dana Whitfield"), "{txt}");
    let pdf = std::fs::read(dir.path().join("case.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(lopdf::Document::load_mem(&pdf).unwrap().get_pages().len() >= 2);

    // A clean quit leaves no lock and no recovery copy behind.
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    // The record of the documents it wrote stays (so that it never
    // replaces a file it did not write); no lock, no recovery copy.
    assert_eq!(left, [".case.poa.yaml.written"], "left behind: {left:?}");
}

#[test]
fn a_change_made_on_disk_while_editing_is_not_overwritten_and_the_text_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case.poa.yaml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/late-shipment.poa.yaml"),
        &case,
    )
    .unwrap();
    let mut t = Term::spawn(dir.path(), &["edit", "case.poa.yaml"], 100, 30);
    t.wait_for("Harbor Lane Goods LLC");
    // Another program changes the file while it is open.
    let other = std::fs::read_to_string(&case).unwrap().replace(
        "store_name: Harbor Lane Home",
        "store_name: Changed Elsewhere",
    );
    std::fs::write(&case, &other).unwrap();
    t.send("\x1b[F");
    t.send(" Inc");
    // The save that follows the pause asks instead of writing.
    t.wait_for("changed outside this editor");
    t.send("n");
    t.wait_for("Not saved");
    t.send(CTRL_Q);
    // Quitting with text the file does not hold is no success.
    assert!(!t.wait_status().success());
    assert_eq!(
        std::fs::read_to_string(&case).unwrap(),
        other,
        "the other change stands"
    );
    let kept = std::fs::read_to_string(dir.path().join(".case.poa.yaml.recover")).unwrap();
    assert!(
        kept.contains("legal_name: Harbor Lane Goods LLC Inc"),
        "{kept}"
    );
}

#[test]
fn the_language_may_be_given_before_the_command() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/late-shipment.poa.yaml"),
        dir.path().join("case.poa.yaml"),
    )
    .unwrap();
    let mut t = Term::spawn(
        dir.path(),
        &["--lang", "zh", "edit", "case.poa.yaml"],
        100,
        30,
    );
    t.wait_for("卖家信息");
    t.send(CTRL_Q);
    t.wait_exit();
}

/// The date `n` days ago as a Chinese notice writes it (2026年11月29日), and
/// as ISO.
fn chinese_date(n: i64) -> (String, String) {
    let iso = days_ago(n);
    let (y, rest) = iso.split_at(4);
    let m: u32 = rest[1..3].parse().unwrap();
    let d: u32 = rest[4..6].parse().unwrap();
    (format!("{y}年{m}月{d}日"), iso)
}

fn plus_days(iso: &str, n: i64) -> String {
    let d: jiff::civil::Date = iso.parse().unwrap();
    d.checked_add(jiff::Span::new().days(n))
        .unwrap()
        .to_string()
}

#[test]
fn a_chinese_notice_pasted_with_cr_line_breaks_at_80x24_is_read_and_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Term::spawn(dir.path(), &["--lang", "zh"], 80, 24);
    t.wait_for("新建案例：粘贴通知内容");
    t.send(DOWN);
    t.send(ENTER);
    t.wait_for("粘贴完整的通知内容");
    let (cn, received) = chinese_date(3);
    // A real terminal sends CR for each line break of a paste.
    let notice = format!(
        "通知日期：{cn}\r\r我们停用了您的销售权限，因为您的订单缺陷率超过了 1% 的目标。在过去 60 天内，您有 14 个订单出现缺陷。\r受影响的 ASIN：B0C9X2KLMP\r请在 17 天内向我们提交行动计划，其中应包括：\r• 问题的根本原因\r• 您已经采取的措施\r• 防止问题再次发生的措施"
    );
    t.paste(&notice);
    t.wait_for("• 防止问题再次发生的措施");
    t.send(F2);
    let deadline = plus_days(&received, 17);
    t.wait_for_all(&[
        "从通知中读到的内容",
        "订单缺陷率超标",
        &format!("通知日期：{received}"),
        &format!("截止日期：{deadline}"),
        "通知里的问题：3 个",
        "这些问题保留在通知原文里",
    ]);
    t.send(ENTER);
    // F1 and Ctrl+Q stay on the key bar at 80 columns.
    t.wait_until("卖家信息 with F1 and Ctrl+Q on the key bar", |s| {
        let bar = s.lines().last().unwrap_or_default();
        s.contains("卖家信息") && bar.contains("F1") && bar.contains("Ctrl+Q")
    });
    t.send(CTRL_Q);
    t.wait_exit();
    let file = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".poa.yaml"))
        .expect("the case was made");
    let case = poa::case::from_yaml(&std::fs::read_to_string(&file).unwrap(), "c").unwrap();
    assert_eq!(case.notice.violation, "order-defect-rate");
    assert_eq!(case.notice.received.unwrap().to_string(), received);
    assert_eq!(case.appeal_deadline().unwrap().to_string(), deadline);
    assert_eq!(
        case.notice.text.lines().count(),
        8,
        "{:?}",
        case.notice.text
    );
}

#[test]
fn an_english_72_hour_notice_pasted_with_cr_line_breaks_keeps_its_own_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Term::spawn(dir.path(), &[], 120, 40);
    t.wait_for("paste the notice");
    t.send(DOWN);
    t.send(ENTER);
    let received = days_ago(1);
    let d: jiff::civil::Date = received.parse().unwrap();
    let written = format!(
        "{} {}, {}",
        poa::case::MONTHS[d.month() as usize - 1],
        d.day(),
        d.year()
    );
    let notice = format!(
        "Account Health > Restricted Products Policy violations\r\rOn {written} we removed your selling privileges on Amazon.com because you listed products that are not allowed under our Restricted Products policy.\r\rThe following listings are affected:\rB0D8PZ3K5W\rB0D8PZ6QJ1\r\rTo keep selling, submit a plan of action within 72 hours. Your plan of action should include:\r\r• An explanation of the root cause\r• Confirmation that all restricted listings have been closed\r• The steps you have taken to prevent it"
    );
    t.paste(&notice);
    t.wait_for("The steps you have taken to prevent it");
    t.send(F2);
    // The 72 hours, not 17 days.
    let deadline = plus_days(&received, 3);
    t.wait_for_all(&[
        "Read from the notice",
        "restricted-products",
        &deadline,
        "B0D8PZ3K5W, B0D8PZ6QJ1",
    ]);
    t.send(ENTER);
    t.wait_until("2 or 3 days left to appeal", |s| {
        s.contains("2 days left to appeal") || s.contains("3 days left to appeal")
    });
    t.send(CTRL_Q);
    t.wait_exit();
}

#[test]
fn a_name_the_pdf_cannot_print_is_flagged_at_its_field_and_a_draft_export_is_marked() {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/weak-draft.poa.yaml");
    let mut case = poa::case::from_yaml(&std::fs::read_to_string(src).unwrap(), "w").unwrap();
    case.seller.legal_name = "深圳市华南贸易有限公司".into();
    poa::case::save_atomic(&dir.path().join("case.poa.yaml"), &case).unwrap();
    let mut t = Term::spawn(
        dir.path(),
        &["--lang", "zh", "edit", "case.poa.yaml"],
        80,
        24,
    );
    // Live, at the field, before any export.
    t.wait_for("L003");
    // To the Review, and export all three with errors left: d marks a draft.
    for _ in 0..10 {
        t.send("\x1b[6~"); // PgDn
    }
    t.wait_for("检查与导出");
    t.send(F10);
    t.wait_for("按 y 照原样导出");
    t.send("d");
    // What the PDF printed otherwise is said in Chinese too.
    t.wait_for_all(&["已导出", "PDF 没能按原样印出", "印成了 ?"]);
    t.send(ENTER);
    t.send(CTRL_Q);
    t.wait_exit();
    let md = std::fs::read_to_string(dir.path().join("case.md")).unwrap();
    assert!(
        md.starts_with("**DRAFT, NOT FOR SUBMISSION"),
        "{}",
        &md[..200.min(md.len())]
    );
    assert!(dir.path().join("case.pdf").exists());
}

/// A folder with a copy of the late-shipment example as case.poa.yaml.
fn case_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/late-shipment.poa.yaml"),
        dir.path().join("case.poa.yaml"),
    )
    .unwrap();
    dir
}

/// Waits for a file to hold `needle` (the editor writes in its own time).
fn wait_for_file(path: &Path, needle: &str) -> String {
    let start = Instant::now();
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if text.contains(needle) {
            return text;
        }
        if start.elapsed() > Duration::from_secs(20) {
            panic!(
                "waited 20 s for {} to hold {needle:?}:\n{text}",
                path.display()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// From the first screen to the notice's date field.
fn to_notice_date(t: &mut Term) {
    t.send("\x1b[6~"); // PgDn: the notice
    t.wait_for("What is the notice about?");
    t.send(TAB);
    t.send(TAB);
    t.wait_for("On what date did you get the notice?");
}

#[test]
fn a_half_typed_date_survives_a_crash_and_comes_back_with_the_copy() {
    let dir = case_folder();
    let mut t = Term::spawn(dir.path(), &["edit", "case.poa.yaml"], 120, 40);
    t.wait_for("What is your company's legal name?");
    to_notice_date(&mut t);
    // A slip: the date is not a date yet, and stays as typed.
    t.send("9");
    t.wait_for("2026-11-109");
    let copy = dir.path().join(".case.poa.yaml.recover");
    wait_for_file(&copy, "2026-11-109");
    t.kill_hard();
    // The next editor offers the copy, and the half-typed date is back.
    let mut t = Term::spawn(dir.path(), &["edit", "case.poa.yaml"], 120, 40);
    t.wait_for("A copy of this case newer than the file");
    t.send("y");
    t.send("\x1b[6~");
    t.wait_for("What is the notice about?");
    t.send(TAB);
    t.send(TAB);
    t.wait_for_all(&[
        "On what date did you get the notice?",
        "2026-11-109",
        "not a date yet",
    ]);
    // Mended, it is a date, saved in the file.
    t.send(BACKSPACE);
    t.wait_until("2026-11-10 with no 'not a date yet'", |s| {
        !s.contains("not a date yet")
    });
    t.send(CTRL_Q);
    t.wait_exit();
    let case = poa::case::from_yaml(
        &std::fs::read_to_string(dir.path().join("case.poa.yaml")).unwrap(),
        "case",
    )
    .unwrap();
    assert_eq!(case.notice.received.unwrap().to_string(), "2026-11-10");
}

#[test]
fn quitting_on_a_half_typed_date_asks_then_keeps_it_and_says_where() {
    let dir = case_folder();
    let before = std::fs::read_to_string(dir.path().join("case.poa.yaml")).unwrap();
    let mut t = Term::spawn(dir.path(), &["edit", "case.poa.yaml"], 80, 24);
    t.wait_for("What is your company's legal name?");
    to_notice_date(&mut t);
    t.send("9");
    t.wait_for("2026-11-109");
    t.send(CTRL_Q);
    t.wait_for("not in the case file");
    t.send(CTRL_Q);
    t.wait_exit();
    // The file holds the date as it was; the copy holds what was typed,
    // and the terminal was told where.
    let after = std::fs::read_to_string(dir.path().join("case.poa.yaml")).unwrap();
    assert_eq!(after, before);
    let copy = std::fs::read_to_string(dir.path().join(".case.poa.yaml.recover")).unwrap();
    assert!(copy.contains("2026-11-109"), "{copy}");
    t.wait_for(".case.poa.yaml.recover");
}

#[test]
#[cfg(unix)]
fn a_text_too_large_for_a_case_from_another_editor_is_refused_and_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = case_folder();
    let before = std::fs::read_to_string(dir.path().join("case.poa.yaml")).unwrap();
    // An "editor" that writes 5 MB into the file it is given.
    let editor = dir.path().join("big-editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nhead -c 5000000 /dev/zero | tr '\\0' 'a' > \"$1\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut t = Term::spawn_with(
        dir.path(),
        &["edit", "case.poa.yaml"],
        80,
        24,
        &[("EDITOR", editor.to_str().unwrap())],
    );
    t.wait_for("What is your company's legal name?");
    t.send("\x05"); // Ctrl+E
    let s = t.wait_for("not put in the field");
    assert!(s.contains("4.8 MB"), "{s}");
    // The text is kept where the message says.
    let kept = poa_kept_path(&t.wait_for_all(&["is kept in", ".txt"]));
    assert_eq!(std::fs::metadata(&kept).unwrap().len(), 5_000_000);
    std::fs::remove_file(&kept).unwrap();
    t.send("x"); // closes the message
    t.send(CTRL_Q);
    t.wait_exit();
    let after = std::fs::read_to_string(dir.path().join("case.poa.yaml")).unwrap();
    assert_eq!(after, before, "the case is as it was");
}

/// The path in "… is kept in /tmp/poa-field-XXXX.txt." on the screen,
/// which may wrap it across lines.
fn poa_kept_path(screen: &str) -> PathBuf {
    let flat: String = screen
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '│' || c.is_whitespace()))
        .collect::<Vec<_>>()
        .join("");
    let at = flat.find("is kept in").expect("the message names the file") + "is kept in".len();
    let rest = &flat[at..];
    let end = rest.find(".txt").expect("a .txt file") + 4;
    PathBuf::from(rest[..end].trim())
}

#[test]
fn a_second_editors_change_is_never_overwritten_without_asking() {
    let dir = case_folder();
    let file = dir.path().join("case.poa.yaml");
    let mut first = Term::spawn(dir.path(), &["edit", "case.poa.yaml"], 120, 40);
    first.wait_for("What is your company's legal name?");
    // The second editor is told the case is open, edits anyway, saves, quits.
    let mut second = Term::spawn(dir.path(), &["edit", "case.poa.yaml"], 120, 40);
    second.wait_for("This case is open in another poa editor");
    second.send(ENTER);
    second.wait_for("What is your company's legal name?");
    second.send(" (Nevada)");
    second.send("\x13"); // Ctrl+S
    wait_for_file(&file, "Harbor Lane Goods LLC (Nevada)");
    second.send(CTRL_Q);
    second.wait_exit();
    // The first, which read the file before, types and saves: it is asked.
    first.send(" Inc");
    first.send("\x13");
    first.wait_for("The case file was changed outside this editor");
    first.send("n");
    first.wait_for("Not saved");
    first.send(CTRL_Q);
    let _ = first.wait_status();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("Harbor Lane Goods LLC (Nevada)"), "{text}");
    assert!(!text.contains(" Inc"), "{text}");
}

#[test]
fn keys_typed_in_a_window_too_small_go_nowhere_and_the_cursor_marks_the_field() {
    let dir = case_folder();
    let mut t = Term::spawn(dir.path(), &["edit", "case.poa.yaml"], 100, 30);
    t.wait_for("What is your company's legal name?");
    // An input method opens its window where the terminal's cursor is:
    // just after the last letter typed in the field.
    t.send("xq");
    t.wait_for("LLCxq");
    let (line, col) = t.cursor();
    assert!(
        line.chars()
            .take(col as usize)
            .collect::<String>()
            .ends_with("LLCxq"),
        "the cursor is at column {col} of {line:?}"
    );
    t.send(BACKSPACE);
    t.send(BACKSPACE);
    t.wait_until("the field back as it was", |s| {
        !s.contains("LLCxq") && !s.contains("LLCx")
    });
    // Too small: a message, and what is typed goes into no field.
    t.resize(50, 12);
    t.wait_for("too small");
    t.send("ZZZ");
    // Said, and counted: the three keys were read while it was small.
    t.wait_for("Keys not taken: 3");
    t.resize(100, 30);
    t.wait_for("What is your company's legal name?");
    t.send("\x13");
    t.send(CTRL_Q);
    t.wait_exit();
    let text = std::fs::read_to_string(dir.path().join("case.poa.yaml")).unwrap();
    assert!(!text.contains("ZZZ"), "{text}");
    assert!(
        text.contains("legal_name: Harbor Lane Goods LLC\n"),
        "{text}"
    );
}

const CTRL_Z: &str = "\x1a";
const CTRL_S: &str = "\x13";
const PG_DN: &str = "\x1b[6~";

#[test]
fn a_suggestion_adds_to_what_is_written_is_one_undo_and_says_what_else_it_filled() {
    let dir = case_folder();
    let file = dir.path().join("case.poa.yaml");
    let mut t = Term::spawn(dir.path(), &["edit", "case.poa.yaml"], 120, 40);
    t.wait_for("What is your company's legal name?");
    for _ in 0..4 {
        t.send(PG_DN);
    }
    t.wait_for_all(&[
        "What have you already done to fix it?",
        "We sent each of these buyers",
    ]);
    // Into an action already written: added after it, nothing replaced.
    t.send(F5);
    t.wait_for("Suggestions from the playbook");
    t.send(ENTER);
    t.wait_for_all(&[
        "We sent each of these buyers",
        "Ship-confirmed all {number} open orders",
    ]);
    // One Ctrl+Z takes the whole suggestion back, and only it.
    t.send(CTRL_Z);
    t.wait_until("the suggestion taken back", |s| {
        !s.contains("Ship-confirmed all {number}") && s.contains("We sent each of these buyers")
    });
    // A new item: the suggestion fills the owner too, and says so.
    t.send(F6);
    t.wait_for("item 7 of 7");
    t.send(F5);
    t.wait_for("Suggestions from the playbook");
    t.send(ENTER);
    t.wait_for_all(&[
        "Ship-confirmed all {number} open orders",
        "The suggestion also filled: Owner",
    ]);
    t.send("3");
    t.wait_for("Ship-confirmed all 3 open orders");
    t.send(TAB);
    t.answer(&days_ago(1));
    // Typing in the filled owner replaces it: no "Warehouse managerShift lead".
    t.send("Shift lead");
    t.send(CTRL_S);
    wait_for_file(&file, "Ship-confirmed all 3 open orders");
    t.send(CTRL_Q);
    t.wait_exit();
    let case = poa::case::from_yaml(&std::fs::read_to_string(&file).unwrap(), "c").unwrap();
    let first = &case.corrective_actions[0].action;
    assert!(first.contains("We sent each of these buyers"), "{first}");
    assert!(!first.contains("Ship-confirmed all"), "{first}");
    let added = &case.corrective_actions[6];
    assert!(
        added.action.starts_with("Ship-confirmed all 3 open orders"),
        "{}",
        added.action
    );
    assert_eq!(added.owner, "Shift lead");
}

#[test]
fn a_finding_leads_to_where_it_is_answered_and_f3_says_where_the_findings_are() {
    let dir = case_folder();
    let file = dir.path().join("case.poa.yaml");
    // The notice names an ASIN the letter never mentions, and an evidence
    // file that is not there.
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("  asins: []", "  asins: [B0ZZQ4K7M2]")
        .replacen(
            "    kind: tracking\n",
            "    kind: tracking\n    file: scans/carrier-log.pdf\n",
            1,
        );
    std::fs::write(&file, text).unwrap();
    let mut t = Term::spawn(dir.path(), &["edit", "case.poa.yaml"], 80, 24);
    t.wait_for("What is your company's legal name?");
    // F3 where there is nothing says where there is something.
    t.send(F3);
    t.wait_for_all(&["No finding in this", "Notice (2)", "Evidence (1)"]);
    // The editor checks the evidence files as poa check does.
    for _ in 0..6 {
        t.send(PG_DN);
    }
    let screen = t.wait_for_all(&["Evidence — item 1 of 3", "C007", "carrier-log.pdf"]);
    // The status spoke of the Seller step: it went with it.
    assert!(!screen.contains("No finding in this"), "{screen}");
    // F4 on the unmentioned ASIN goes to the answer that should name it,
    // and says why the writer is there.
    for _ in 0..6 {
        t.send("\x1b[5~"); // PgUp
    }
    t.wait_for("What is your company's legal name?");
    t.send(PG_DN);
    t.wait_for("C012");
    t.send(F4);
    t.wait_for_all(&[
        "What happened, in facts and numbers?",
        "C012 The notice names",
        "B0ZZQ4K7M2",
    ]);
    // Written there, the finding goes; the notice's list is untouched.
    t.send("\x1b[F"); // End
    t.send(" ASIN B0ZZQ4K7M2 was one of them.");
    t.send(CTRL_S);
    wait_for_file(&file, "ASIN B0ZZQ4K7M2 was one of them.");
    t.send(CTRL_Q);
    t.wait_exit();
    let case = poa::case::from_yaml(&std::fs::read_to_string(&file).unwrap(), "c").unwrap();
    assert_eq!(case.notice.asins, ["B0ZZQ4K7M2"]);
}

#[test]
fn a_chinese_writer_finds_the_violation_by_typing_in_chinese() {
    let dir = case_folder();
    let mut t = Term::spawn(
        dir.path(),
        &["--lang", "zh", "edit", "case.poa.yaml"],
        80,
        24,
    );
    t.wait_for("卖家信息");
    t.send(PG_DN);
    // The list names each type in Chinese, beside its id.
    t.wait_for_all(&["违规类型", "late-shipment-rate — 迟发率超标"]);
    t.send("评论");
    t.wait_for_all(&["1 个选项", "review-manipulation — 操纵评论"]);
    t.send(ENTER);
    t.wait_for("申诉方式");
    t.send(CTRL_S);
    t.send(CTRL_Q);
    t.wait_exit();
    let case = poa::case::from_yaml(
        &std::fs::read_to_string(dir.path().join("case.poa.yaml")).unwrap(),
        "c",
    )
    .unwrap();
    assert_eq!(case.notice.violation, "review-manipulation");
}

#[test]
fn the_review_shows_the_letter_as_it_reads_not_its_markdown() {
    let dir = case_folder();
    let mut t = Term::spawn(dir.path(), &["edit", "case.poa.yaml"], 120, 40);
    t.wait_for("What is your company's legal name?");
    for _ in 0..8 {
        t.send(PG_DN);
    }
    let screen = t.wait_for_all(&["F10", "Harbor Lane Goods LLC", "Root cause"]);
    for markup in ["## ", "**", "| ---", "](", "\\."] {
        assert!(
            !screen.contains(markup),
            "{markup:?} on the Review:\n{screen}"
        );
    }
    t.send(CTRL_Q);
    t.wait_exit();
}

#[test]
fn a_paste_of_five_thousand_lines_is_kept_whole_and_the_next_key_lands() {
    let dir = case_folder();
    let file = dir.path().join("case.poa.yaml");
    let mut t = Term::spawn(dir.path(), &["edit", "case.poa.yaml"], 120, 40);
    t.wait_for("What is your company's legal name?");
    for _ in 0..3 {
        t.send(PG_DN);
    }
    t.wait_for("In one line, what went wrong");
    t.send(TAB);
    t.wait_for("What happened, in facts and numbers?");
    // An order report pasted whole, with the CR line breaks of a terminal.
    let lines: Vec<String> = (0..5000)
        .map(|i| format!("112-{:07}-{:07} shipped late", 1_000_000 + i, 2_000_000 + i))
        .collect();
    t.send("\x1b[F");
    t.paste(&format!("\r{}", lines.join("\r")));
    t.send("X");
    t.send(CTRL_S);
    let saved = wait_for_file(&file, "112-1004999-2004999 shipped lateX");
    t.send(CTRL_Q);
    t.wait_exit();
    let case = poa::case::from_yaml(&saved, "c").unwrap();
    let what = &case.root_causes[0].what;
    assert!(
        what.starts_with("58 of the 96 late orders"),
        "{}",
        &what[..80]
    );
    assert_eq!(what.matches(" shipped late").count(), 5000);
    assert!(!what.contains('\r'));
}
