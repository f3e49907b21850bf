"""A minimal SMTP server for the fault suite: accepts every message and writes it to a directory.

Run as a process of its own (`python smtp_sink.py PORT DIRECTORY`) so that the suite can stop it
(SIGKILL: connections are then refused, as when a mail relay is down) and start it again on the
same port. It speaks just enough SMTP for Django's backend without TLS or authentication: EHLO or
HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT. Each message becomes `<n>.eml` with its envelope
recipients in an `X-Envelope-To` header line first.
"""

import asyncio
import itertools
import sys
from pathlib import Path

counter = itertools.count(1)


async def session(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, directory: Path
) -> None:
    async def reply(line: str) -> None:
        writer.write(f"{line}\r\n".encode())
        await writer.drain()

    await reply("220 sink ESMTP")
    recipients: list[str] = []
    while True:
        raw = await reader.readline()
        if not raw:
            break
        command = raw.decode("utf-8", "replace").strip()
        verb = command[:4].upper()
        if verb == "EHLO":
            await reply("250-sink")
            await reply("250 8BITMIME")
        elif verb == "HELO":
            await reply("250 sink")
        elif verb == "MAIL":
            recipients = []
            await reply("250 OK")
        elif verb == "RCPT":
            recipients.append(command.split(":", 1)[1].strip().strip("<>"))
            await reply("250 OK")
        elif verb == "DATA":
            await reply("354 End data with <CR><LF>.<CR><LF>")
            lines: list[bytes] = []
            while True:
                line = await reader.readline()
                if line in (b".\r\n", b".\n", b""):
                    break
                lines.append(line[1:] if line.startswith(b"..") else line)
            envelope = f"X-Envelope-To: {', '.join(recipients)}\r\n".encode()
            path = directory / f"{next(counter):05d}.eml"
            temporary = path.with_suffix(".tmp")
            temporary.write_bytes(envelope + b"".join(lines))
            temporary.rename(path)  # readers never see half a message
            await reply("250 OK: queued")
        elif verb == "RSET":
            recipients = []
            await reply("250 OK")
        elif verb == "NOOP":
            await reply("250 OK")
        elif verb == "QUIT":
            await reply("221 Bye")
            break
        else:
            await reply("502 Command not implemented")
    writer.close()


async def main(port: int, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    # Numbering goes on after a restart: messages already received keep their files.
    global counter
    counter = itertools.count(len(list(directory.glob("*.eml"))) + 1)
    server = await asyncio.start_server(
        lambda r, w: session(r, w, directory), "127.0.0.1", port, reuse_address=True
    )
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), Path(sys.argv[2])))
