"""The documentation site in a real browser (slow tier): the built site, served on localhost,
renders its home page, the models page and an API page in headless Chromium without a console
error, and its search finds ``resnet50d``.

The browser is driven through the DevTools protocol over a pipe (``--remote-debugging-pipe``:
JSON messages separated by NUL bytes on file descriptors 3 and 4), which needs nothing beyond
the standard library. Chromium comes from the system: ``apt-get install -y chromium`` on Debian
or Ubuntu.
"""

from __future__ import annotations

import fcntl
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time

import pytest

from tests import ROOT

pytestmark = pytest.mark.slow

#: the names Chromium's binary has in Debian's, Ubuntu's and Google's packages
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: seconds a page may take to load, and the search to answer
TIMEOUT = 60.0


def chromium() -> str:
    """The path of a Chromium binary; a test failure naming the package to install if none."""
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    pytest.fail(
        "no Chromium found (looked for " + ", ".join(BROWSERS) + "): the browser test needs "
        "Debian's chromium package: apt-get install -y chromium"
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site built from docs/, served on a free localhost port; yields its base URL. Built
    without ``--strict``: CI's own build step is strict, and a page that is being written (not
    yet in the navigation) must not stop the browser from checking the others."""
    folder = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--no-strict", "--site-dir", str(folder)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


class Browser:
    """Headless Chromium driven through the DevTools protocol over a pipe: one page, the
    console errors it logged, JavaScript evaluated in it."""

    def __init__(self, binary: str, profile: str) -> None:
        to_browser, self._write = os.pipe()
        self._read, from_browser = os.pipe()

        def fds() -> None:
            """In the child: the browser reads commands on fd 3 and writes answers on fd 4.
            Both ends are first copied above 10, so that neither is overwritten by the other's
            move, and each move clears close-on-exec."""
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser, from_browser)]
            for fd, target in zip(high, (3, 4), strict=True):
                os.dup2(fd, target)

        self.process = subprocess.Popen(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--remote-debugging-pipe",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=fds,
            close_fds=False,  # fds 3 and 4, made in preexec_fn, must stay open
        )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable", session=True)

    def _message(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("the browser did not answer")
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                raise RuntimeError("the browser closed its pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, session: bool = False, **params) -> dict:
        """Sends one command and returns its result; events that arrive meanwhile are kept."""
        self._next_id += 1
        command = {"id": self._next_id, "method": method, "params": params}
        if session:
            command["sessionId"] = self.session
        os.write(self._write, json.dumps(command).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self._message(deadline)
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]
            self.events.append(message)

    def evaluate(self, expression: str):
        result = self.send(
            "Runtime.evaluate", session=True, expression=expression, returnByValue=True
        )
        return result["result"].get("value")

    def open(self, url: str) -> None:
        """Navigates to `url` and waits until the page has loaded."""
        self.events.clear()
        self.send("Page.navigate", session=True, url=url)
        self.wait_for("document.readyState === 'complete' && location.href", "the page loaded")

    def wait_for(self, expression: str, what: str):
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.25)
        raise TimeoutError(f"{what}: not within {TIMEOUT:.0f} s")

    def console_errors(self) -> list[str]:
        """What the page logged as an error: console.error calls, uncaught exceptions and the
        browser's own error entries (a resource that failed to load)."""
        errors = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                errors.append(" ".join(str(a.get("value", a)) for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                errors.append(details.get("exception", {}).get("description") or str(details))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                entry = params["entry"]
                errors.append(f"{entry.get('text')} ({entry.get('url', '')})")
        return errors

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (OSError, RuntimeError, TimeoutError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._write)
        os.close(self._read)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    opened = Browser(chromium(), str(tmp_path_factory.mktemp("chromium-profile")))
    try:
        yield opened
    finally:
        opened.close()


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/", "keras_resnet"),
        ("/guides/models/", "Models and variants"),
        ("/api/export/", "keras_resnet.export"),
    ],
)
def test_pages_render_without_console_errors(site, browser, path, heading):
    browser.open(site + path)
    browser.wait_for("document.fonts.status === 'loaded'", "the fonts loaded")
    time.sleep(0.5)  # scripts that run after the load event
    # the heading's own text, without the permalink anchor after it
    assert browser.evaluate("document.querySelector('h1').firstChild.textContent.trim()") == heading
    assert browser.evaluate("document.querySelector('.md-nav') !== null")
    assert browser.console_errors() == []


def test_the_models_page_holds_the_model_table(site, browser):
    browser.open(site + "/guides/models/")
    rows = browser.evaluate(
        "[...document.querySelectorAll('table code')].map(c => c.textContent)"
        ".filter(t => /^(resnet|cifar_)/.test(t)).length"
    )
    assert rows >= 90


def test_the_search_finds_resnet50d(site, browser):
    """mkdocs-material opens its search with ``?q=``; its worker indexes the site and lists the
    pages that mention the word."""
    browser.open(site + "/?q=resnet50d")
    found = browser.wait_for(
        "[...document.querySelectorAll('.md-search-result__item')]"
        ".map(i => i.textContent + ' ' + (i.querySelector('a') || {}).href).join('\\n')",
        "the search results",
    )
    assert "resnet50d" in found.lower()
    assert "/guides/models/" in found
    assert browser.console_errors() == []
