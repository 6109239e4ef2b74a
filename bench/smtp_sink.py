"""A small SMTP server on a thread, for delivery tests and benchmarks: it stores what it receives.

Only what Django's SMTP backend needs: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT. Listens on
127.0.0.1 on a free port. It can refuse connections (to exercise retries) and pause inside a session
(so that a test can kill a worker while a message is in flight, before it is accepted).
"""

from __future__ import annotations

import email
import email.policy
import socketserver
import threading
import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Received:
    mail_from: str
    recipients: list[str]
    data: bytes
    at: float

    @property
    def message(self):
        return email.message_from_bytes(self.data, policy=email.policy.default)

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"] or "")


@dataclass
class SinkBehaviour:
    refuse_connections: int = 0  # refuse this many connections (421), then accept (-1: refuse all)
    delay_before_data: float = 0.0  # seconds to wait after MAIL FROM, before accepting it
    pause_after: int = -1  # after this many stored messages, block the next session until released
    refused: int = 0
    paused: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)


class _Handler(socketserver.StreamRequestHandler):
    timeout = 30
    # Replies are small: without this, Nagle's algorithm and delayed ACKs add ~40 ms per exchange.
    disable_nagle_algorithm = True

    def _reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self) -> None:
        sink: SmtpSink = self.server.sink  # type: ignore[attr-defined]
        behaviour = sink.behaviour
        with sink.lock:
            refuse = behaviour.refuse_connections < 0 or behaviour.refused < behaviour.refuse_connections
            if refuse:
                behaviour.refused += 1
        if refuse:
            self._reply("421 sink.test Service not available, try again later")
            return
        self._reply("220 sink.test ESMTP ready")
        mail_from, recipients = "", []
        try:
            while True:
                raw = self.rfile.readline()
                if not raw:
                    return
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                verb = line[:4].upper()
                if verb == "EHLO":
                    self._reply("250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8")
                elif verb == "HELO":
                    self._reply("250 sink.test")
                elif verb == "MAIL":
                    if behaviour.pause_after >= 0 and sink.count() >= behaviour.pause_after:
                        behaviour.paused.set()
                        behaviour.release.wait(60)
                    if behaviour.delay_before_data:
                        time.sleep(behaviour.delay_before_data)
                    mail_from, recipients = line.split(":", 1)[1].strip(), []
                    self._reply("250 OK")
                elif verb == "RCPT":
                    recipients.append(line.split(":", 1)[1].strip())
                    self._reply("250 OK")
                elif verb == "DATA":
                    self._reply("354 End data with <CR><LF>.<CR><LF>")
                    chunks = []
                    while True:
                        data_line = self.rfile.readline()
                        if not data_line:
                            return  # the client went away mid-message: nothing is stored
                        if data_line in (b".\r\n", b".\n"):
                            break
                        if data_line.startswith(b".."):
                            data_line = data_line[1:]
                        chunks.append(data_line)
                    sink.store(Received(mail_from, recipients, b"".join(chunks), time.monotonic()))
                    self._reply("250 OK stored")
                elif verb == "RSET":
                    mail_from, recipients = "", []
                    self._reply("250 OK")
                elif verb == "NOOP":
                    self._reply("250 OK")
                elif verb == "QUIT":
                    self._reply("221 Bye")
                    return
                else:
                    self._reply("502 Command not implemented")
        except (ConnectionError, TimeoutError):
            return


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


class SmtpSink:
    """`with SmtpSink() as sink:` ... `sink.port`, `sink.messages`, `sink.duplicates()`."""

    def __init__(self, behaviour: SinkBehaviour | None = None):
        self.behaviour = behaviour or SinkBehaviour()
        self.lock = threading.Lock()
        self.messages: list[Received] = []
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.sink = self  # type: ignore[attr-defined]
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, name="smtp-sink", daemon=True)

    def __enter__(self) -> SmtpSink:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.behaviour.release.set()
        self._server.shutdown()
        self._server.server_close()

    def store(self, received: Received) -> None:
        with self.lock:
            self.messages.append(received)

    def count(self) -> int:
        with self.lock:
            return len(self.messages)

    def message_ids(self) -> list[str]:
        with self.lock:
            return [received.message_id for received in self.messages]

    def duplicates(self) -> dict[str, int]:
        return {mid: n for mid, n in Counter(self.message_ids()).items() if n > 1}

    def wait_for(self, count: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.count() >= count:
                return True
            time.sleep(0.05)
        return self.count() >= count


if __name__ == "__main__":  # pragma: no cover - manual use: python -m bench.smtp_sink
    with SmtpSink() as sink:
        print(f"SMTP sink listening on 127.0.0.1:{sink.port} (Ctrl-C to stop)")
        try:
            while True:
                time.sleep(5)
                print(f"{sink.count()} messages, {len(sink.duplicates())} duplicated")
        except KeyboardInterrupt:
            pass
