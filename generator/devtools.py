"""A headless Chromium as a child process, spoken to in the Chrome DevTools Protocol over its pipe.

Started with --remote-debugging-pipe, Chromium reads commands from its file descriptor 3 and writes answers
and events to 4, each message JSON ended by a NUL byte. No driver program runs beside it.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import select
import shutil
import signal
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# How long Chromium may take to quit when asked before it is killed.
QUIT_SECONDS = 5.0
READ_BYTES = 1 << 20

Message = dict[str, Any]


class ChromiumError(Exception):
    """Chromium did not start, stopped, did not answer in time, or answered a command with an error."""


class Chromium:
    """One Chromium process and its pipe: commands out; answers and events (to on_event) in."""

    def __init__(self, binary: Path, args: list[str], on_event: Callable[[Message], None], timeout: float) -> None:
        """Start binary with args and a fresh profile folder; wait at most timeout seconds for any answer."""
        self.on_event = on_event
        self.timeout = timeout
        self._folder = Path(tempfile.mkdtemp(prefix="chromium-"))
        self._log = self._folder / "chromium.log"
        self._last_id = 0
        self._awaited: dict[int, Message | None] = {}
        self._received = bytearray()
        self._searched = 0
        child_commands, self._commands = os.pipe()
        self._events, child_events = os.pipe()
        profile = f"--user-data-dir={self._folder / 'profile'}"
        try:
            self.pid = _spawn(binary, [*args, profile], self._log, child_commands, child_events)
        except OSError as exc:
            self._release()
            raise ChromiumError(f"{binary}: {exc.strerror}") from exc
        finally:
            os.close(child_commands)
            os.close(child_events)
        os.set_blocking(self._commands, False)

    def call(self, method: str, params: Message | None = None, session: str | None = None) -> Message:
        """Send a command and wait for its answer, passing the events that come first to on_event."""
        number = self.send(method, params, session)
        self._awaited[number] = None
        try:
            self.wait_until(lambda: self._awaited[number] is not None, method)
            answer = self._awaited[number] or {}
        finally:
            del self._awaited[number]
        if "error" in answer:
            raise ChromiumError(f"{method}: {answer['error'].get('message')}")
        result: Message = answer.get("result", {})
        return result

    def send(self, method: str, params: Message | None = None, session: str | None = None) -> int:
        """Send a command without waiting for its answer (which is dropped); returns its id."""
        self._last_id += 1
        message: Message = {"id": self._last_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        data = memoryview(json.dumps(message).encode("utf-8") + b"\0")
        deadline = time.monotonic() + self.timeout
        while data:
            # Chromium reads as it can; a hung one must not block the build in write().
            if select.select([], [self._commands], [], self._left(deadline, method))[1]:
                try:
                    data = data[os.write(self._commands, data) :]
                except BlockingIOError:
                    pass
                except OSError as exc:
                    raise ChromiumError(self._stopped()) from exc
        return self._last_id

    def wait_until(self, done: Callable[[], bool], what: str) -> None:
        """Read and handle messages until done() holds; ChromiumError after timeout seconds."""
        deadline = time.monotonic() + self.timeout
        while not done():
            message = self._receive(deadline, what)
            if "method" in message:
                self.on_event(message)
            elif message.get("id") in self._awaited:
                self._awaited[message["id"]] = message

    def _receive(self, deadline: float, what: str) -> Message:
        """The next message; a large one (a PDF) comes in many reads, each searched once for the NUL."""
        while (end := self._received.find(b"\0", self._searched)) < 0:
            self._searched = len(self._received)
            if select.select([self._events], [], [], self._left(deadline, what))[0]:
                chunk = os.read(self._events, READ_BYTES)
                if not chunk:
                    raise ChromiumError(self._stopped())
                self._received += chunk
        message: Message = json.loads(self._received[:end])
        del self._received[: end + 1]
        self._searched = 0
        return message

    def _left(self, deadline: float, what: str) -> float:
        """Seconds until deadline, or ChromiumError once it passed."""
        left = deadline - time.monotonic()
        if left <= 0:
            raise ChromiumError(f"Chromium did not answer in {self.timeout:g} s ({what})")
        return left

    def _stopped(self) -> str:
        """Why the pipe closed: how Chromium ended and the last line it wrote."""
        code = _ended(self.pid, QUIT_SECONDS)
        status = "still running" if code is None else f"exit status {code}" if code >= 0 else f"signal {-code}"
        lines = self._log.read_text(encoding="utf-8", errors="replace").splitlines() if self._log.is_file() else []
        return f"Chromium stopped ({status})" + (f": {lines[-1][:300]}" if lines else "")

    def close(self) -> None:
        """Ask Chromium to quit, kill it and its helper processes if it does not, reap it, delete its files."""
        with contextlib.suppress(ChromiumError):
            self.send("Browser.close")
        if _ended(self.pid, QUIT_SECONDS) is None:
            os.kill(self.pid, signal.SIGKILL)
        # Chromium leads its own process group, with its renderer and other helpers: none may outlive it.
        # It is not reaped yet, so the group id cannot have been reused.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        self._release()

    def _release(self) -> None:
        os.close(self._commands)
        os.close(self._events)
        shutil.rmtree(self._folder, ignore_errors=True)


def _spawn(binary: Path, args: list[str], log: Path, commands: int, events: int) -> int:
    """Start Chromium, leading a process group of its own, with the pipe at fds 3 and 4 and its output to log.

    posix_spawn, not subprocess: the printer runs in a thread of the build (so no preexec_fn), and the fds are
    placed without a shell in between, so the child is Chromium itself.
    """
    # Copies above 4, so that placing one at 3 or 4 cannot overwrite the other; not inherited otherwise.
    high = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 5) for fd in (commands, events)]
    try:
        return os.posix_spawn(
            binary,
            [str(binary), "--remote-debugging-pipe", *args],
            os.environ,
            file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_OPEN, 1, str(log), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
                (os.POSIX_SPAWN_DUP2, 1, 2),
                (os.POSIX_SPAWN_DUP2, high[0], 3),
                (os.POSIX_SPAWN_DUP2, high[1], 4),
            ],
            setpgroup=0,
        )
    finally:
        for fd in high:
            os.close(fd)


def _ended(pid: int, seconds: float) -> int | None:
    """How a child ended (exit status, or minus the signal) once it has, within seconds; it is not reaped."""
    deadline = time.monotonic() + seconds
    while True:
        ended = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        if ended is not None and ended.si_pid == pid:
            return int(ended.si_status if ended.si_code == os.CLD_EXITED else -ended.si_status)
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.01)
