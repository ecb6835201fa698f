"""Headless Chromium driven through the DevTools protocol over a pipe (--remote-debugging-pipe:
JSON messages, each ended by a NUL byte, the browser reading fd 3 and writing fd 4), with
the standard library only; and the built web page served on 127.0.0.1.

Used by tests/test_web.py and scripts/benchmark_web.py: open a page, wait for a condition,
evaluate JavaScript, list every request the page made, take a screenshot.
"""

from __future__ import annotations

import base64
import functools
import http.server
import json
import os
import pathlib
import select
import shutil
import subprocess
import tempfile
import threading
import time

EXECUTABLES = ("/usr/lib/chromium/chromium", "chromium", "chromium-headless-shell", "chromium-browser")


def executable():
    """Debian's Chromium (its binary itself, past the wrapper script), or None."""
    for name in EXECUTABLES:
        path = name if os.path.isabs(name) and os.access(name, os.X_OK) else shutil.which(name)
        if path:
            return path
    return None


class BrowserError(RuntimeError):
    pass


class Chromium:
    """One headless browser with a fresh profile (so every start is a cold load)."""

    def __init__(self, width=1280, height=900):
        path = executable()
        if path is None:
            raise BrowserError("no Chromium found: apt-get install chromium")
        self.profile = tempfile.mkdtemp(prefix="convcalc-chromium-")
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()

        def onto_3_and_4():  # in the child, before exec: the pipe ends Chromium expects
            os.dup2(to_browser_read, 3)
            os.dup2(from_browser_write, 4)

        self.process = subprocess.Popen(
            [path, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             f"--user-data-dir={self.profile}", "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--disable-default-apps", "--mute-audio", f"--window-size={width},{height}",
             "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=onto_3_and_4)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self.events = []

    def _read_message(self, deadline):
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise BrowserError("Chromium did not answer in time")
            ready, _, _ = select.select([self._from_browser], [], [], remaining)
            if ready:
                chunk = os.read(self._from_browser, 1 << 20)
                if not chunk:
                    raise BrowserError("Chromium closed its pipe")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=None, timeout=60):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            answer = self._read_message(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error']}")
                return answer["result"]
            self.events.append(answer)

    def pump(self, seconds=0.0):
        """Collect the events that arrive within `seconds`."""
        deadline = time.monotonic() + seconds
        try:
            while True:
                if b"\0" not in self._buffer and not select.select([self._from_browser], [], [],
                                                                    max(0.0, deadline - time.monotonic()))[0]:
                    return
                self.events.append(self._read_message(deadline + 1))
        except BrowserError:
            return

    def cpu_seconds(self):
        """CPU time (user and system) the browser's processes have used so far, from /proc:
        on a shared machine, the part of a wall time that is this page's own work."""
        parents, times = {}, {}
        for stat in pathlib.Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            pid = int(stat.parent.name)
            parents[pid] = int(fields[1])
            times[pid] = sum(int(v) for v in fields[11:15])  # utime, stime, cutime, cstime
        ours = {self.process.pid}
        for pid in parents:  # the browser's descendants: their parent chains reach it
            chain, p = [], pid
            while p in parents and p not in ours and p > 1:
                chain.append(p)
                p = parents[p]
            if p in ours:
                ours.update(chain)
        return sum(times.get(pid, 0) for pid in ours) / os.sysconf("SC_CLK_TCK")

    def page(self):
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        return Page(self, session)

    def close(self):
        try:
            self.send("Browser.close", timeout=10)
        except (BrowserError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Page:
    def __init__(self, browser, session):
        self.browser, self.session = browser, session
        for domain in ("Page", "Runtime", "Network"):
            self.send(f"{domain}.enable")

    def send(self, method, params=None, timeout=60):
        return self.browser.send(method, params, session=self.session, timeout=timeout)

    def navigate(self, url):
        self.send("Page.navigate", {"url": url})

    def evaluate(self, expression, timeout=60):
        """The value of a JavaScript expression (awaited when it is a promise)."""
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True}, timeout=timeout)
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression}: {result['exceptionDetails'].get('exception', {}).get('description')}")
        return result["result"].get("value")

    def wait_for(self, expression, timeout=60, poll=0.05):
        """Wait until `expression` is truthy; its value."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                value = self.evaluate(expression)
            except BrowserError:  # the page is still being replaced (navigation)
                value = None
            if value:
                return value
            if time.monotonic() > deadline:
                raise BrowserError(f"timed out waiting for {expression}")
            time.sleep(poll)

    def requests(self):
        """Every URL this page asked for."""
        self.browser.pump()
        return [event["params"]["request"]["url"] for event in self.browser.events
                if event.get("method") == "Network.requestWillBeSent" and event.get("sessionId") == self.session]

    def console_errors(self):
        self.browser.pump()
        return [event["params"] for event in self.browser.events if event.get("sessionId") == self.session
                and event.get("method") in ("Runtime.exceptionThrown",)]

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False})["data"]
        pathlib.Path(path).write_bytes(base64.b64decode(data))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class Site:
    """The built folder served on 127.0.0.1 (a free port), as `python -m http.server` serves it."""

    def __init__(self, folder):
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
