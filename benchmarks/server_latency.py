"""Latency of `dossierlint server`: initialize, and diagnostics after a change when warm.

    python benchmarks/server_latency.py [--changes 50] [--collection N]

Speaks LSP over the server's stdin/stdout as an editor does (standard
library only; the server needs the `server` extra). Measured:

- spawn -> `initialize` answered (Python start and imports included), and the
  `initialize` round trip alone on a server already started;
- `didOpen` of the reference dossier -> its diagnostics (cold: the collection
  index is built and the rules load);
- warm: `didChange` (a word edited in a paragraph) -> the diagnostics of that
  version, with the debounce set to 0 (`initializationOptions.debounceMs`), so
  the figure is the server's own work; an editor adds the debounce (200 ms);
- a `didChange` that edits the title, which rebuilds the collection index.

With `--collection N`, N generated dossiers (benchmarks/generate.py) sit
beside the reference, to show that an ordinary edit costs the same in a
large collection.
"""

from __future__ import annotations

import argparse
import json
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO / "dossiers" / "soviet-union-stalin.md"
SERVER = [sys.executable, "-m", "dossierlint", "server"]


class Client:
    """A minimal LSP client over a subprocess's pipes."""

    def __init__(self, cwd: Path) -> None:
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            SERVER, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self.messages: queue.Queue[dict] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                self.messages.put({})  # the server ended: `wait` says so at once
                return
            self.messages.put(json.loads(stream.read(length)))

    def send(self, method: str, params: object, request: bool = False) -> int | None:
        message: dict = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return message.get("id")

    def wait(self, matches) -> dict:
        while True:
            message = self.messages.get(timeout=60)
            if not message:
                code = self.process.wait()
                raise SystemExit(f"server_latency.py: the server exited ({code}); see its stderr")
            if matches(message):
                return message

    def request(self, method: str, params: object) -> dict:
        number = self.send(method, params, request=True)
        return self.wait(lambda m: m.get("id") == number and "method" not in m)

    def diagnostics(self, uri: str, version: int) -> dict:
        return self.wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and m["params"].get("version") == version
            )
        )

    def close(self) -> None:
        self.request("shutdown", None)
        self.send("exit", None)
        self.process.wait(timeout=30)


def initialize(client: Client, root: Path) -> float:
    start = time.perf_counter()
    client.request(
        "initialize",
        {
            "processId": None,
            "rootUri": root.as_uri(),
            "capabilities": {},
            "initializationOptions": {"debounceMs": 0},
        },
    )
    client.send("initialized", {})
    return time.perf_counter() - start


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def project(collection: int) -> Path:
    root = Path(tempfile.mkdtemp(prefix="dossierlint-server-bench-"))
    (root / "pyproject.toml").write_text('[tool.dossierlint]\ndossiers = "dossiers"\n')
    dossiers = root / "dossiers"
    if collection:
        subprocess.run(
            [
                sys.executable,
                str(REPO / "benchmarks" / "generate.py"),
                "--count",
                str(collection),
                "--out",
                str(dossiers),
            ],
            check=True,
            capture_output=True,
        )
    else:
        dossiers.mkdir()
    shutil.copy(REFERENCE, dossiers / REFERENCE.name)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=50)
    parser.add_argument("--collection", type=int, default=0, help="generated dossiers beside it")
    parser.add_argument(
        "--idle", type=float, default=5, help="seconds to let a server start before initialize"
    )
    args = parser.parse_args()
    root = project(args.collection)
    path = root / "dossiers" / REFERENCE.name
    uri, text = path.as_uri(), path.read_text(encoding="utf-8")
    try:
        client = Client(root)
        first = initialize(client, root)
        print(f"spawn -> initialize answered: {ms(time.perf_counter() - client.started)}")
        print(f"  (initialize request -> response: {ms(first)})")
        client.close()

        client = Client(root)
        time.sleep(args.idle)  # started and idle: the round trip alone
        print(f"initialize round trip, server started: {ms(initialize(client, root))}")

        start = time.perf_counter()
        document = {"uri": uri, "languageId": "markdown", "version": 1, "text": text}
        client.send("textDocument/didOpen", {"textDocument": document})
        found = client.diagnostics(uri, 1)["params"]["diagnostics"]
        print(
            f"didOpen -> diagnostics (cold, {len(found)} diagnostics): "
            f"{ms(time.perf_counter() - start)}"
        )

        timings = []
        for version in range(2, args.changes + 2):
            edited = text.replace("Extensive secret police", f"Extensive secret police {version}")
            start = time.perf_counter()
            client.send(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"text": edited}],
                },
            )
            client.diagnostics(uri, version)
            timings.append(time.perf_counter() - start)
        timings.sort()
        print(
            f"didChange -> diagnostics, warm, debounce 0 ({len(timings)} changes): "
            f"median {ms(statistics.median(timings))}, "
            f"p90 {ms(timings[int(len(timings) * 0.9) - 1])}, max {ms(timings[-1])}"
        )

        version = args.changes + 2
        retitled = text.replace("# The Soviet Union Under Joseph Stalin", "# The USSR Under Stalin")
        start = time.perf_counter()
        client.send(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": retitled}],
            },
        )
        client.diagnostics(uri, version)
        print(
            f"didChange of the title (index rebuilt) -> diagnostics: "
            f"{ms(time.perf_counter() - start)}"
        )
        client.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"collection: the reference + {args.collection} generated dossiers")


if __name__ == "__main__":
    main()
