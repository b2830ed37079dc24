//! Drives the real Cabildo binary in a real window: `tauri-driver` (with Debian's
//! WebKitWebDriver) starts the app, and the tests click and read through
//! WebDriver as a facilitator would. Run under Xvfb (`make test` does).
//!
//! Panics are the failure mode here: this is test code.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
// WebDriver runs on loopback over plain HTTP: no TLS stack to build.
use hyper_util::client::legacy::connect::HttpConnector;

/// The app binary under test: `$CABILDO_APP`, else the workspace's debug build.
pub fn app_binary() -> PathBuf {
    std::env::var_os("CABILDO_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/debug/cabildo-app")
        })
}

pub fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A folder that plays the user's home: the database and the export folder live here.
pub struct Profile {
    pub dir: tempfile::TempDir,
}

impl Profile {
    pub fn new() -> Profile {
        Profile {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    pub fn database(&self) -> PathBuf {
        self.dir.path().join("data/cabildo.sqlite3")
    }
    pub fn exports(&self) -> PathBuf {
        self.dir.path().join("exports")
    }
}

impl Default for Profile {
    fn default() -> Self {
        Self::new()
    }
}

pub struct App {
    pub client: Client,
    driver: Child,
}

impl App {
    /// Starts the app on the profile's database and waits for the first screen.
    pub async fn start(profile: &Profile) -> App {
        App::start_binary(profile, &app_binary()).await
    }

    /// `start` with another build of the app (the benchmarks use the release one).
    pub async fn start_binary(profile: &Profile, binary: &Path) -> App {
        let port = free_port();
        let native = free_port();
        let driver = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .env("CABILDO_DB", profile.database())
            .env("CABILDO_EXPORT_DIR", profile.exports())
            .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver is installed (make test installs it)");
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": binary }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(c) => break c,
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Err(e) => panic!("no WebDriver session: {e}"),
            }
        };
        let app = App { client, driver };
        app.wait_for("[data-testid=new-workshop]").await;
        app
    }

    pub async fn wait_for(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} never appeared: {e}"))
    }

    /// Clicks the element after bringing it to the middle of the window, where the
    /// sticky header cannot cover it.
    pub async fn click(&self, css: &str) {
        self.scroll_to(css).await;
        self.wait_for(css).await.click().await.unwrap();
    }

    /// Replaces the text of an input and lets the app see the change.
    pub async fn type_into(&self, css: &str, text: &str) {
        self.scroll_to(css).await;
        let el = self.wait_for(css).await;
        el.clear().await.unwrap();
        el.send_keys(text).await.unwrap();
    }

    /// Sets a <select> or date input by value, as a person's choice would.
    pub async fn set_value(&self, css: &str, value: &str) {
        self.wait_for(css).await;
        self.client
            .execute(
                "const el = document.querySelector(arguments[0]);
                 el.value = arguments[1];
                 el.dispatchEvent(new Event('input', {bubbles: true}));
                 el.dispatchEvent(new Event('change', {bubbles: true}));",
                vec![css.into(), value.into()],
            )
            .await
            .unwrap();
    }

    /// Brings an element into view, as a person scrolling down would.
    pub async fn scroll_to(&self, css: &str) {
        self.wait_for(css).await;
        self.client
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView({block: 'center'})",
                vec![css.into()],
            )
            .await
            .unwrap();
    }

    /// Waits for a second window (the presenter) and makes it the one driven; returns
    /// the handle of the window driven before, to come back with `switch_to`.
    pub async fn switch_to_new_window(&self) -> fantoccini::wd::WindowHandle {
        let before = self.client.window().await.unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let all = self.client.windows().await.unwrap();
            if let Some(other) = all.into_iter().find(|w| *w != before) {
                self.client.switch_to_window(other).await.unwrap();
                return before;
            }
            assert!(Instant::now() < deadline, "no second window appeared");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    pub async fn switch_to(&self, window: fantoccini::wd::WindowHandle) {
        self.client.switch_to_window(window).await.unwrap();
    }

    /// Scrolls so that the element's top is at the top of the window.
    pub async fn scroll_to_top_of(&self, css: &str) {
        self.wait_for(css).await;
        self.client
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView({block: 'start'})",
                vec![css.into()],
            )
            .await
            .unwrap();
    }

    pub async fn text(&self, css: &str) -> String {
        self.wait_for(css).await.text().await.unwrap()
    }

    /// The texts of every element matching `css`.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let mut out = Vec::new();
        for el in self.client.find_all(Locator::Css(css)).await.unwrap() {
            out.push(el.text().await.unwrap());
        }
        out
    }

    /// Waits until the text of `css` satisfies `ok`; returns it.
    pub async fn wait_text(&self, css: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let els = self.client.find_all(Locator::Css(css)).await.unwrap();
            for el in els {
                if let Ok(t) = el.text().await
                    && ok(&t)
                {
                    return t;
                }
            }
            if Instant::now() > deadline {
                panic!(
                    "{css} never showed the expected text; it shows {:?}",
                    self.texts(css).await
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Saves a PNG of the screen under target/e2e-screenshots, taken from the X
    /// display itself (WebKitWebDriver's own screenshot command hangs under Xvfb
    /// here). WebKit can paint up to ~0.8 s after the DOM changed: wait first.
    pub async fn screenshot(&self, name: &str) {
        tokio::time::sleep(Duration::from_millis(900)).await;
        let path = screenshot_dir().join(format!("{name}.png"));
        let status = Command::new("import")
            .args(["-window", "root"])
            .arg(&path)
            .status()
            .expect("ImageMagick's import is installed (make test installs it)");
        assert!(status.success(), "no screenshot of {name}");
    }

    /// Closes the window the normal way and waits for the app to end.
    pub async fn quit(mut self) {
        self.client.close().await.unwrap();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        wait_until_gone();
    }

    /// Kills the app process outright (SIGKILL), as a power cut or a crash would.
    pub async fn kill(mut self) {
        let pids = app_pids();
        assert!(!pids.is_empty(), "the app process was not found");
        for pid in pids {
            let status = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status()
                .unwrap();
            assert!(status.success());
        }
        wait_until_gone();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// The running processes of the app binary under test, found by their executable.
fn app_pids() -> Vec<u32> {
    let binary = app_binary().canonicalize().unwrap();
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.parse::<u32>().ok()))
        .filter(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == binary))
        .collect()
}

fn wait_until_gone() {
    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline {
        if app_pids().is_empty() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the app did not end");
}

/// Where phones reach the voting server the app started, and the PIN they join with.
pub struct Voting {
    pub base: String,
    pub pin: String,
}

impl App {
    /// Starts the voting server on loopback from the Voting tab, as a facilitator
    /// would, and reads its address and PIN off the screen.
    pub async fn start_voting_on_loopback(&self) -> Voting {
        self.click("[data-testid=tab-voting]").await;
        self.set_value("[data-testid=vt-address]", "127.0.0.1")
            .await;
        self.type_into("[data-testid=vt-port]", "0").await;
        self.click("[data-testid=vt-start]").await;
        let pin = self
            .wait_text("[data-testid=vt-pin]", |t| {
                t.chars().filter(char::is_ascii_digit).count() == 6
            })
            .await;
        let url = self
            .wait_text("[data-testid=vt-url]", |t| t.contains("http://127.0.0.1:"))
            .await;
        Voting {
            base: url.trim().split("/?").next().unwrap().to_string(),
            pin: pin.chars().filter(char::is_ascii_digit).collect(),
        }
    }
}

/// A simulated phone over loopback: it joins with the PIN and speaks the LAN API.
pub struct Phone {
    base: String,
    token: String,
}

/// An HTTP client that hands back 4xx and 5xx answers instead of failing on them.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// POSTs JSON; the status and the JSON answer (null when there is none).
pub fn post(url: &str, token: Option<&str>, body: &serde_json::Value) -> (u16, serde_json::Value) {
    let mut req = agent().post(url).header("Content-Type", "application/json");
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    let mut resp = req.send(body.to_string()).unwrap();
    let status = resp.status().as_u16();
    let text = resp.body_mut().read_to_string().unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::Null),
    )
}

impl Phone {
    pub fn join(voting: &Voting) -> Phone {
        let (status, joined) = post(
            &format!("{}/api/join", voting.base),
            None,
            &serde_json::json!({"pin": voting.pin}),
        );
        assert_eq!(status, 200, "{joined}");
        Phone {
            base: voting.base.clone(),
            token: joined["device_token"].as_str().unwrap().to_string(),
        }
    }

    /// What the phone sees: the open question, the counts, the results once revealed.
    pub fn state(&self) -> serde_json::Value {
        let mut resp = agent()
            .get(format!("{}/api/state", self.base))
            .header("Authorization", format!("Bearer {}", self.token))
            .call()
            .unwrap();
        serde_json::from_str(&resp.body_mut().read_to_string().unwrap()).unwrap()
    }

    /// Sends a ballot; the status and the server's answer.
    pub fn send(&self, ballot: &serde_json::Value) -> (u16, serde_json::Value) {
        post(
            &format!("{}/api/ballots", self.base),
            Some(&self.token),
            ballot,
        )
    }
}
