"""A minimal Language Server Protocol client over stdio: enough to open YAML files in
yaml-language-server and read what an editor would show (diagnostics, hover)."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SERVER = HERE / "node_modules" / ".bin" / "yaml-language-server"


def install() -> Path:
    """yaml-language-server at the version of package-lock.json (scripts/test.sh installs it; so does this)."""
    for attempt in range(3):  # the registry's proxy sometimes drops a connection
        if SERVER.exists():
            break
        done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, timeout=600)
        if done.returncode != 0 and attempt == 2:
            raise RuntimeError("npm ci failed three times (tests/editor)")
    return SERVER


class Client:
    """One server process; `open()` a file and read its diagnostics, `hover()` at a position."""

    def __init__(self, root: Path, settings: dict[str, Any], env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen([str(install()), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})})
        self.inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.settings = settings
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": {},
                                    "initializationOptions": settings})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": settings})

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()

    # --- protocol ------------------------------------------------------------------
    def _send(self, message: dict[str, Any]) -> None:
        data = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.proc.stdin.flush()

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not line:
                self.inbox.put(None)
                return
            self.inbox.put(json.loads(stream.read(length)))

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any], timeout: float = 60) -> Any:
        self.next_id += 1
        self._send({"id": self.next_id, "method": method, "params": params})
        return self._wait(lambda m: m.get("id") == self.next_id and "method" not in m, timeout).get("result")

    def _wait(self, done: Any, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            message = self.inbox.get(timeout=max(0.01, deadline - time.monotonic()))
            if message is None:
                raise RuntimeError("yaml-language-server exited")
            if "method" in message and "id" in message:  # a request from the server
                self._send({"id": message["id"], "result": self._answer(message)})
            elif message.get("method") == "textDocument/publishDiagnostics":
                self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
            if done(message):
                return message

    def _answer(self, request: dict[str, Any]) -> Any:
        """The settings the server pulls (`workspace/configuration`), section by section, as an editor sends them."""
        if request["method"] == "workspace/configuration":
            return [self.settings.get(item.get("section", "")) for item in request["params"]["items"]]
        return None

    # --- what an editor does -------------------------------------------------------
    def open(self, file: Path, text: str | None = None, timeout: float = 60) -> list[dict[str, Any]]:
        """Open `file` (with `text` instead of its content if given); the diagnostics it gets."""
        uri = file.as_uri()
        self.diagnostics.pop(uri, None)
        content = file.read_text(encoding="utf-8") if text is None else text
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": content}})
        self._wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri, timeout)
        return self.diagnostics[uri]

    def hover(self, file: Path, line: int, character: int) -> str:
        result = self.request("textDocument/hover", {"textDocument": {"uri": file.as_uri()},
                                                     "position": {"line": line, "character": character}})
        contents = (result or {}).get("contents", "")
        return contents.get("value", "") if isinstance(contents, dict) else str(contents)
