"""A tiny real SMTP server for tests: enough of RFC 5321 for smtplib (EHLO, MAIL, RCPT, DATA,
RSET, NOOP, QUIT), on a port of the test's choosing, in a thread.

"SMTP refused" in a test is the same port with nothing listening.
"""

import socket
import socketserver
import threading
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: Message


@dataclass
class SMTPServer:
    port: int
    reject: set[str] = field(default_factory=set)  # addresses refused at RCPT (550)
    messages: list[Received] = field(default_factory=list)
    connections: int = 0
    _server: socketserver.ThreadingTCPServer | None = None

    def start(self) -> "SMTPServer":
        owner = self

        class Handler(socketserver.StreamRequestHandler):
            def reply(self, line: str) -> None:
                self.wfile.write(line.encode() + b"\r\n")

            def handle(self) -> None:
                owner.connections += 1
                self.reply("220 test ESMTP")
                sender, recipients = "", []
                while line := self.rfile.readline():
                    command = line.decode().strip()
                    verb = command[:4].upper()
                    if verb in ("EHLO", "HELO"):
                        self.reply("250 test")
                    elif verb == "MAIL":
                        sender, recipients = command.split(":", 1)[1].strip(" <>"), []
                        self.reply("250 OK")
                    elif verb == "RCPT":
                        address = command.split(":", 1)[1].strip(" <>")
                        if address in owner.reject:
                            self.reply(f"550 5.1.1 <{address}>: Recipient address rejected")
                        else:
                            recipients.append(address)
                            self.reply("250 OK")
                    elif verb == "DATA":
                        self.reply("354 End data with <CR><LF>.<CR><LF>")
                        data = b""
                        while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                            data += chunk[1:] if chunk.startswith(b"..") else chunk
                        owner.messages.append(
                            Received(sender, recipients, message_from_bytes(data))
                        )
                        self.reply("250 OK queued")
                    elif verb in ("RSET", "NOOP"):
                        self.reply("250 OK")
                    elif verb == "QUIT":
                        self.reply("221 Bye")
                        return
                    else:
                        self.reply("502 Command not implemented")

        self._server = _Server(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
