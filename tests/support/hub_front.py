"""The test Hub's front layer: an ASGI middleware before olah (see tests/support/hub.py)."""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass

WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".pth", ".ckpt", ".h5", ".msgpack", ".onnx", ".gguf")
_REPO_PATH = re.compile(r"^/(?:api/(?:models|(?P<api_datasets>datasets))/|(?P<datasets>datasets)/)?"
                        r"(?P<org>[^/]+)/(?P<name>[^/]+)(?P<rest>/.*)?$")
_REVISION = re.compile(r"^/(?:revision|resolve|tree)/(?P<rev>[^/]+)")
_RANGE = re.compile(r"bytes=(\d+)-(\d*)$")


@dataclass
class Request:
    """One request as the server saw it; `bytes` counts the response body sent."""

    method: str
    path: str
    range: str | None
    status: int = 0
    bytes: int = 0
    authorization: bool = False

    @property
    def is_weight_download(self) -> bool:
        return self.method == "GET" and "/resolve/" in self.path and self.path.endswith(WEIGHT_SUFFIXES)


def repo_of(path: str) -> str | None:
    match = _REPO_PATH.match(path)
    return f"{match.group('org')}/{match.group('name')}" if match else None


def kind_of(path: str) -> str:
    """`datasets` for a request about a dataset repository, else `models`."""
    match = _REPO_PATH.match(path)
    return "datasets" if match and (match.group("api_datasets") or match.group("datasets")) else "models"


class FrontLayer:
    """ASGI middleware before olah: logging, and the Hub answers offline olah cannot give."""

    def __init__(self, app, hub):  # hub: tests.support.hub.HubServer
        self.app, self.hub = app, hub

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        entry = Request(scope["method"], scope["path"], headers.get("range"),
                        authorization="authorization" in headers)
        self.hub.log.append(entry)
        alias = self.hub.aliases.get(repo_of(entry.path))
        if alias is not None and alias[0] in scope["path"]:
            scope, send = _aliased(scope, send, *alias)
        if self.hub.behaviour.get(repo_of(entry.path)) == "slow":
            await asyncio.sleep(1.0)
        answer = self._special(entry, scope["path"])
        if answer is not None:
            return await _respond(send, entry, *answer)
        ranged = entry.range if scope["method"] == "GET" else None
        if ranged and "/resolve/" in entry.path:
            answer = self._range(entry)
            if answer is not None:
                return await _respond(send, entry, *answer)
        if ranged or self.hub.behaviour.get(repo_of(entry.path)) == "gated":
            return await self._buffered(scope, receive, send, entry, ranged)

        async def logging_send(message):
            if message["type"] == "http.response.start":
                entry.status = message["status"]
            elif message["type"] == "http.response.body":
                entry.bytes += len(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, logging_send)

    def _special(self, entry: Request, path: str):
        repo_id = repo_of(path)
        behaviour = self.hub.behaviour.get(repo_id)
        if behaviour == "rate-limited":
            return 429, {"retry-after": "1", "x-error-message": "You have been rate-limited."}, b""
        if behaviour == "gated" and "/resolve/" in entry.path:
            if entry.authorization:
                message = f"Access to model {repo_id} is restricted and you are not in the authorized list."
                return 403, {"x-error-code": "GatedRepo", "x-error-message": message}, b""
            message = (f"Access to model {repo_id} is restricted. You must have access to it and be "
                       "authenticated to access it. Please log in.")
            return 401, {"x-error-code": "GatedRepo", "x-error-message": message}, b""
        match = _REVISION.match(_REPO_PATH.match(path).group("rest") or "") if repo_id else None
        if match and self.hub.mirror(repo_id, kind_of(path)).exists():
            revision = match.group("rev")
            if not self.hub.revision_exists(repo_id, revision, kind_of(path)):
                message = f"Invalid rev id: {revision}"
                return 404, {"x-error-code": "RevisionNotFound", "x-error-message": message}, b""
        return None

    def _range(self, entry: Request):
        """A Range request on a mirrored file, read from disk (olah would stream the whole file)."""
        repo_id = repo_of(entry.path)
        match = _RANGE.match(entry.range or "")
        if repo_id is None or match is None or not (self.hub.mirrors / repo_id).exists():
            return None
        revision, _, path = entry.path.split("/resolve/", 1)[1].partition("/")
        first, last = int(match.group(1)), int(match.group(2)) if match.group(2) else None
        found = self.hub.read_range(repo_id, revision, path, first, last)
        if found is None:
            return None
        data, size = found
        headers = {"content-range": f"bytes {first}-{first + len(data) - 1}/{size}", "accept-ranges": "bytes"}
        return 206, headers, data

    async def _buffered(self, scope, receive, send, entry: Request, ranged: str | None):
        """Run olah, then answer a Range request with 206, or mark a gated repo's metadata."""
        start: dict = {}
        chunks: list[bytes] = []

        async def collect(message):
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, collect)
        body = b"".join(chunks)
        headers = {k.decode().lower(): v.decode() for k, v in start.get("headers", [])}
        status = start.get("status", 500)
        if ranged and status == 200 and "content-range" not in headers:
            first, last = _RANGE.match(ranged).groups()
            first, last = int(first), min(int(last) if last else len(body) - 1, len(body) - 1)
            headers["content-range"] = f"bytes {first}-{last}/{len(body)}"
            body, status = body[first:last + 1], 206
        elif status == 200 and "/revision/" in entry.path:
            info = json.loads(body)
            info["gated"] = "manual"
            body = json.dumps(info).encode()
        headers.pop("content-length", None)
        headers.pop("transfer-encoding", None)
        await _respond(send, entry, status, headers, body)


def _aliased(scope, send, published: str, real: str):
    """The request as olah must see it (the repository's real commit in place of the published
    one), and a `send` that says the published commit in headers and API answers."""
    path = scope["path"].replace(published, real)
    scope = {**scope, "path": path, "raw_path": path.encode()}
    api = path.startswith("/api/")
    old, new = real.encode(), published.encode()
    held: list[bytes] = []

    async def translating(message):
        if message["type"] == "http.response.start":
            message = {**message, "headers": [(k, v.replace(old, new)) for k, v in message["headers"]]}
        elif message["type"] == "http.response.body" and api:  # same length: content-length holds
            held.append(message.get("body", b""))
            if message.get("more_body"):
                return
            message = {**message, "body": b"".join(held).replace(old, new)}
        await send(message)

    return scope, translating


async def _respond(send, entry: Request, status: int, headers: dict, body: bytes) -> None:
    entry.status, entry.bytes = status, len(body)
    raw = [(k.encode(), v.encode()) for k, v in headers.items()]
    raw.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
