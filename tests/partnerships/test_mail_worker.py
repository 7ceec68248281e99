"""E-mail through a real Celery worker: the mail server refuses connections when a message is posted; the
action succeeds, the worker retries with backoff, and once the server is back the e-mail leaves, once.

Run with PostgreSQL and Redis (see test_reports_worker.py)."""

import socket
import socketserver
import threading

import pytest
from django.urls import reverse

from partnerships.models import DossierMessage
from tests.waiting import wait_until

pytestmark = pytest.mark.integration


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend: greet, accept one message per DATA, keep it."""

    def _answer(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self._answer("220 test SMTP")
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip().upper()
            if command.startswith("DATA"):
                self._answer("354 end with <CRLF>.<CRLF>")
                data = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data.append(chunk)
                self.server.received.append(b"".join(data).decode(errors="replace"))
                self._answer("250 queued")
            elif command.startswith("QUIT"):
                self._answer("221 bye")
                return
            else:  # EHLO, HELO, MAIL, RCPT, RSET, NOOP
                self._answer("250 ok")


@pytest.fixture
def smtp_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mail_down_for_the_worker(monkeypatch, smtp_port):
    """Requested before the worker: its EMAIL_URL points at a port where nothing listens (yet)."""
    monkeypatch.setenv("EMAIL_URL", f"smtp://127.0.0.1:{smtp_port}")


def test_the_worker_retries_a_refused_email_and_sends_it_once_the_server_is_back(
    mail_down_for_the_worker, smtp_port, client, worker_process, dossier, rita
):
    client.force_login(rita)
    response = client.post(reverse("dossier_message", args=[dossier.uuid]), {"body": "Shall we meet on Tuesday?"})
    assert response.status_code == 302  # the mail server is down: the action answers normally
    assert DossierMessage.objects.filter(dossier=dossier).count() == 1
    # The worker takes the e-mail at once and is refused; only once it holds the retry (due 10 s later, hence
    # "scheduled") does the server come back.
    inspect = worker_process.app.control.inspect(timeout=0.5)
    wait_until(
        lambda: any(tasks for tasks in (inspect.scheduled() or {}).values()),
        timeout=30,
        interval=0.2,
        message="the worker to schedule the e-mail's retry",
    )

    server = socketserver.ThreadingTCPServer(("127.0.0.1", smtp_port), _SMTPHandler)
    server.received = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        # The first retry comes 10 s after the refusal.
        wait_until(lambda: server.received, timeout=60, interval=0.2, message="the e-mail to reach the server")
    finally:
        server.shutdown()
        server.server_close()
    [message] = server.received
    assert "alice@cardio.test" in message and "Shall we meet on Tuesday?" in message
