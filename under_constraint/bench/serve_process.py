"""`mkdocs serve` as a child process, for the serve bench and tests: started, watched and stopped.

    with Server(project, log, extra_args, env) as server:
        server.wait_until_served(url, timeout)
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

EPOCH = re.compile(rb'<script src="[^"]*uc-livereload\.js" data-epoch="(\d+)"')
# Loopback only: a proxy from the environment must not stand between us and the server.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class BenchError(Exception):
    """A step failed or timed out: the message says which."""


def fetch(url: str, timeout: float = 120.0) -> bytes:
    try:
        with OPENER.open(url, timeout=max(1.0, timeout)) as response:
            return response.read()
    except (urllib.error.URLError, OSError) as error:
        raise BenchError(f"GET {url} failed: {error}") from error


class Server:
    """`mkdocs serve` on a free loopback port, as `make serve` starts it; stopped on leaving."""

    def __init__(self, project: Path, log: Path, extra: list[str], env: dict[str, str]):
        self.project, self.log, self.extra, self.env = project, log, extra, env
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        env = {**self.env, "SITE_URL": self.base}
        command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{self.port}",
                   *self.extra]
        with self.log.open("w") as output, _interruptible_children():
            self.process = subprocess.Popen(command, cwd=self.project, env=env, stdout=output,
                                            stderr=subprocess.STDOUT)
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        # Ctrl-C, as a contributor stops it: MkDocs then removes its temporary site folder.
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            print("`mkdocs serve` did not stop on Ctrl-C within 30 s; killed it", file=sys.stderr)
            self.process.kill()
            self.process.wait(timeout=30)

    def check_running(self) -> None:
        if self.process is not None and self.process.poll() is not None:
            raise BenchError(f"`mkdocs serve` exited with code {self.process.returncode}:\n{self.log_tail()}")

    def cpu_seconds(self) -> float | None:
        """User and system CPU seconds of the server so far, all its threads, from /proc (Linux)."""
        try:
            stat = Path(f"/proc/{self.process.pid}/stat").read_text()
        except (OSError, AttributeError):
            return None
        fields = stat.rsplit(")", 1)[1].split()  # after the command name, which may hold spaces
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def log_count(self, needle: str) -> int:
        return self.log_text().count(needle)

    def wait_for_log(self, needle: str, count: int, seconds: float) -> bool:
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            if self.log_count(needle) >= count:
                return True
            time.sleep(0.01)
        return False

    def wait_until_served(self, url: str, timeout: float) -> None:
        """The socket opens only after the first build, so the first answer means it is done."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            self.check_running()
            try:
                if EPOCH.search(fetch(url, 10.0)):
                    return
            except BenchError:
                pass
            time.sleep(0.2)
        raise BenchError(f"`mkdocs serve` did not serve {url} within {timeout:.0f} s:\n{self.log_tail()}")


@contextmanager
def _interruptible_children() -> Iterator[None]:
    """Children started in the block stop on Ctrl-C (SIGINT), even if this process ignores it.

    A shell that runs a command in the background makes it ignore SIGINT, and an ignored
    signal stays ignored across exec: the server would then sit out `stop`'s 30 s and be
    killed. A handled signal is reset to its default in a child, so handle it meanwhile.
    """
    main_thread = threading.current_thread() is threading.main_thread()
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN or not main_thread:
        yield
        return
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- report ---------------------------------------------------------------------------
