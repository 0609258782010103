"""Running botocore in a test as the oracle, cut off from the host: no AWS or boto environment
variables, HOME in the test's folder, instance metadata off, and every attempt to resolve a
name or open a connection refused and recorded (the tests assert there was none)."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

import pytest


class NetworkAttempted(Exception):
    """Raised by the socket guard: nothing in these tests may touch the network."""


class SocketGuard:
    """Records (and refuses) every attempt to resolve a name or open a connection."""

    def __init__(self) -> None:
        self.attempts: list[str] = []

    def refuse(self, *args: Any, **kwargs: Any) -> Any:
        self.attempts.append(repr(args[-1] if args else kwargs))
        raise NetworkAttempted(f"network access attempted: {args!r} {kwargs!r}")

    def check(self) -> None:
        assert not self.attempts, f"network access attempted: {self.attempts}"


def isolate_botocore(monkeypatch: pytest.MonkeyPatch, home: Path) -> SocketGuard:
    """Isolate botocore for the rest of the test (``monkeypatch`` undoes it); call ``check()`` at the end."""
    for name in list(os.environ):
        if name.startswith(("AWS_", "BOTO")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("BOTO_CONFIG", "/nonexistent")
    guard = SocketGuard()
    monkeypatch.setattr(socket.socket, "connect", guard.refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", guard.refuse)
    monkeypatch.setattr(socket, "create_connection", guard.refuse)
    monkeypatch.setattr(socket, "getaddrinfo", guard.refuse)
    return guard
