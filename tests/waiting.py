"""Waiting for something another process or thread does (a worker finishing, a file appearing, a status
changing) by polling for it, never by sleeping a fixed time: the test goes on as soon as it has happened, and
fails with a message saying what never happened."""

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_until(
    predicate: Callable[[], T], *, timeout: float = 30, interval: float = 0.05, message: str | Callable[[], str] = ""
) -> T:
    """The first truthy value `predicate()` returns, polled every `interval` seconds; AssertionError after
    `timeout` seconds, with `message` (or a callable giving it, for details known only then, such as a log)."""
    deadline = time.monotonic() + timeout
    while True:
        if value := predicate():
            return value
        if time.monotonic() > deadline:
            text = message() if callable(message) else message
            name = getattr(predicate, "__name__", repr(predicate))
            raise AssertionError(f"timed out after {timeout} s waiting for {text or name}")
        time.sleep(interval)  # the polling interval, not a wait for the event itself
