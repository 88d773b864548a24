"""A minimal asyncio HTTP/1.1 client for load tests: one connection per request, cookies kept.

Written on raw sockets rather than with an HTTP library so that the client's own CPU stays
small next to the server's on a 2-core machine (gunicorn's sync workers close each
connection anyway, so there is no keep-alive to manage).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from urllib.parse import urlencode

Form = list[tuple[str, str]]


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: str

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


class ConnectionLost(Exception):
    """The server closed the connection before a full reply (a killed worker, a restart)."""


@dataclass
class Browser:
    """One student's cookie jar against one server."""

    host: str
    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    async def get(self, path: str) -> Reply:
        return await self.request("GET", path)

    async def post(self, path: str, form: Form) -> Reply:
        return await self.request("POST", path, urlencode(form).encode())

    async def request(self, method: str, path: str, body: bytes = b"") -> Reply:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", "Connection: close"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if method == "POST":
            lines.append("Content-Type: application/x-www-form-urlencoded")
            lines.append(f"Content-Length: {len(body)}")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode()
        try:
            reader, writer = await asyncio.open_connection(self.host, self.port)
        except OSError as error:
            raise ConnectionLost(str(error)) from error
        try:
            writer.write(head + body)
            raw = await reader.read()
        except OSError as error:
            raise ConnectionLost(str(error)) from error
        finally:
            writer.close()
        return self._parse(raw)

    def _parse(self, raw: bytes) -> Reply:
        head, separator, body = raw.partition(b"\r\n\r\n")
        if not separator:
            raise ConnectionLost(f"incomplete reply ({len(raw)} bytes)")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        headers: dict[str, str] = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                self._keep_cookie(value)
            else:
                headers[name] = value
        length = headers.get("content-length")
        if length is not None and len(body) < int(length):
            raise ConnectionLost(f"reply cut after {len(body)} of {length} bytes")
        return Reply(int(status_line.split(" ", 2)[1]), headers, body.decode("utf-8", "replace"))

    def _keep_cookie(self, value: str) -> None:
        pair, *attributes = value.split(";")
        name, _, cookie = pair.strip().partition("=")
        expired = any(
            a.strip().lower() in ("max-age=0", "expires=thu, 01 jan 1970 00:00:00 gmt")
            for a in attributes
        )
        if expired or not cookie:
            self.cookies.pop(name, None)
        else:
            self.cookies[name] = cookie
