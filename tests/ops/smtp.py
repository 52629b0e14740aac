"""A tiny SMTP server for tests (aiosmtpd is not installed): enough of RFC 5321 for
smtplib — EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT — run in a thread of its own."""

import asyncio
import threading
from email import message_from_bytes
from email.message import Message


class SMTPServer:
    def __init__(self, port: int, host: str = "127.0.0.1") -> None:
        self.host, self.port = host, port
        self.messages: list[Message] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.AbstractServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> "SMTPServer":
        ready = threading.Event()

        def run() -> None:
            self._loop = asyncio.new_event_loop()
            self._server = self._loop.run_until_complete(
                asyncio.start_server(self._session, self.host, self.port, reuse_address=True)
            )
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        assert ready.wait(5), "the SMTP server did not start"
        return self

    def stop(self) -> None:
        if self._loop is None or self._server is None:
            return
        loop, server = self._loop, self._server

        async def close() -> None:
            server.close()
            await server.wait_closed()
            loop.stop()

        asyncio.run_coroutine_threadsafe(close(), loop)
        if self._thread:
            self._thread.join(5)
        self._loop = self._server = None

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        async def reply(line: str) -> None:
            writer.write((line + "\r\n").encode())
            await writer.drain()

        await reply("220 test ESMTP")
        try:
            while line := (await reader.readline()).decode(errors="replace").strip():
                verb = line.split(" ", 1)[0].upper()
                if verb == "EHLO":
                    await reply("250-test\r\n250 8BITMIME")
                elif verb in {"HELO", "MAIL", "RCPT", "RSET", "NOOP"}:
                    await reply("250 OK")
                elif verb == "DATA":
                    await reply("354 End data with <CR><LF>.<CR><LF>")
                    self.messages.append(message_from_bytes(await self._data(reader)))
                    await reply("250 OK queued")
                elif verb == "QUIT":
                    await reply("221 Bye")
                    break
                else:
                    await reply("502 Not implemented")
        finally:
            writer.close()

    @staticmethod
    async def _data(reader: asyncio.StreamReader) -> bytes:
        lines = []
        while (line := await reader.readline()) not in (b".\r\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        return b"".join(lines)
