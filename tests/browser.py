"""Headless Chromium driven over its DevTools pipe: a page's DOM once a condition holds.

``--dump-dom`` serializes the page when its virtual time budget runs out, and TensorBoard
builds each card only once an IntersectionObserver has seen it, which needs a painted frame
that virtual time does not always produce (seen here: 2 of 6 dumps had empty card slots).
Here the page runs in real time, and the DOM is read once the page itself says it is ready
(a JavaScript expression, checked on load and at each change of the DOM), with a deadline
instead of a guess of how long rendering takes.

The protocol over ``--remote-debugging-pipe``: JSON messages ended by a NUL byte, commands on
the browser's fd 3, replies and events on its fd 4.
"""
import fcntl
import json
import os
import subprocess
import sys
import tempfile

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--remote-debugging-pipe"]


def _above_4(fd):
    """``fd`` moved to a number above 4 (putting the other end on 3 or 4 must not close it)."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return moved


# puts the pipe's ends on fds 3 and 4, then runs Chromium (no preexec_fn in a threaded
# process; dash, the usual sh, takes no fd number above 9 in a redirection)
ON_FDS_3_AND_4 = """import os, sys
for fd, target in zip(map(int, sys.argv[1:3]), (3, 4)):
    os.dup2(fd, target)
    os.close(fd)
os.execv(sys.argv[3], sys.argv[3:])"""


class BrowserError(RuntimeError):
    """Chromium answered a command with an error, or exited."""


class Browser:
    """One headless Chromium with a new empty profile; use as a context manager."""

    def __init__(self, executable, width=1400, height=3000):
        self._profile = tempfile.TemporaryDirectory()
        to_browser, self._commands = os.pipe()
        self._replies, from_browser = os.pipe()
        to_browser, from_browser = _above_4(to_browser), _above_4(from_browser)
        self._process = subprocess.Popen(
            [sys.executable, "-c", ON_FDS_3_AND_4, str(to_browser), str(from_browser),
             executable, *FLAGS, f"--user-data-dir={self._profile.name}",
             f"--window-size={width},{height}", "about:blank"],
            pass_fds=(to_browser, from_browser), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser)
        os.close(from_browser)
        self._reader, self._buffer, self._next_id = os.fdopen(self._replies, "rb"), b"", 0
        self._session, self._events = None, []

    def __enter__(self):
        page = next(t for t in self.command("Target.getTargets")["targetInfos"]
                    if t["type"] == "page")
        self._session = self.command("Target.attachToTarget", targetId=page["targetId"],
                                     flatten=True)["sessionId"]
        self.command("Page.enable")  # load events
        return self

    def __exit__(self, *exc_info):
        try:
            self.command("Browser.close", session=False)
        except (BrowserError, OSError):
            pass
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._commands)
        self._reader.close()
        self._profile.cleanup()

    def command(self, method, session=True, **params):
        """Sends one command (to the attached page unless ``session`` is False); returns its
        result. The events that come before it are kept for ``wait_for_event``."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session and self._session:
            message["sessionId"] = self._session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if "method" in reply:
                self._events.append(reply["method"])
            elif reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})

    def wait_for_event(self, method):
        """Returns once the page has sent the event ``method`` (since the last wait)."""
        while method not in self._events:
            reply = self._read()
            if "method" in reply:
                self._events.append(reply["method"])
        self._events.clear()

    def _read(self):
        while b"\0" not in self._buffer:
            chunk = self._reader.read1(1 << 16)
            if not chunk:
                raise BrowserError(f"Chromium exited with status {self._process.poll()}")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def evaluate(self, expression):
        """The value of a JavaScript expression in the page (awaited if it is a promise)."""
        result = self.command("Runtime.evaluate", expression=expression, returnByValue=True,
                              awaitPromise=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression!r}: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def dom_when(self, url, ready, timeout=120.0):
        """Opens ``url`` and returns ``document.documentElement.outerHTML`` once the
        JavaScript expression ``ready`` is true: checked when the page has loaded and at each
        change of its DOM after that.

        Raises:
          TimeoutError: ``ready`` was still false after ``timeout`` seconds.
        """
        self._events.clear()
        self.command("Page.navigate", url=url)
        self.wait_for_event("Page.loadEventFired")
        if not self.evaluate(WHEN.replace("READY", ready).replace("TIMEOUT_MS",
                                                                 str(int(timeout * 1000)))):
            raise TimeoutError(f"{url}: {ready} still false after {timeout:g} s")
        return self.evaluate("document.documentElement.outerHTML")


# a promise of whether READY became true before the deadline, checked at each DOM change
WHEN = """new Promise(resolve => {
    const ready = () => READY;
    if (ready()) return resolve(true);
    const observer = new MutationObserver(() => {
        if (ready()) { observer.disconnect(); resolve(true); }
    });
    observer.observe(document, {subtree: true, childList: true, attributes: true,
                                characterData: true});
    setTimeout(() => { observer.disconnect(); resolve(ready()); }, TIMEOUT_MS);
})"""
