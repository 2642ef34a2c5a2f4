"""Downloading a cited page for `dossierlint sources fetch` (httpx, the `[sources]` extra).

Redirects are followed by hand, at most `MAX_REDIRECTS`, so that each hop is checked
like the cited URL: a public page cannot redirect the download to a private
address. The body is read in chunks and abandoned past `MAX_ORIGINAL_BYTES` or
past the overall deadline, so a huge or trickling page cannot fill the disk or
hang the run.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from dossierlint import __version__
from dossierlint.errors import printable
from dossierlint.files import display_path
from dossierlint.grammar.urls import normalise_url, url_problem
from dossierlint.records import Record
from dossierlint.snapshots.extract import MAX_ORIGINAL_BYTES, ExtractionError, extract
from dossierlint.snapshots.store import Snapshot, save_snapshot

if TYPE_CHECKING:
    import httpx

MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = 20.0
"""Seconds to wait for a connection or for the next bytes."""
DEADLINE_FACTOR = 4
"""A whole download may take this many timeouts, however steadily the bytes trickle in."""
USER_AGENT = (
    f"dossierlint/{__version__} (saves the pages a dossier cites; "
    "+https://pypi.org/project/dossierlint/)"
)
_CHUNK = 64 * 1024


class FetchError(Exception):
    """The page could not be downloaded; str() is the reason, one line."""


class Page(Record, frozen=True):
    data: bytes
    content_type: str | None
    final_url: str


def fetch_missing(
    urls: list[str],
    have: dict[str, Snapshot],
    folder: Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    allow_private: bool = False,
) -> Iterator[tuple[str, bool]]:
    """Download and store each of `urls` that `have` has no snapshot of, one at a time.

    Yields one line per URL (saved / skipped: has snapshot / failed: reason) and
    whether it failed.
    """
    with open_client(timeout) as client:
        for url in urls:
            shown = printable(url)
            snapshot = have.get(normalise_url(url))
            if snapshot is not None:
                yield f"skipped: {shown}: has snapshot {display_path(snapshot.text_path)}", False
                continue
            try:
                page = download(client, url, allow_private=allow_private)
                content = extract(page.data, page.content_type)
            except (FetchError, ExtractionError) as error:
                yield f"failed: {shown}: {printable(str(error))}", True
                continue
            text_path, _ = save_snapshot(
                folder,
                url,
                content.text,
                page.data,
                content_type=content.content_type,
                extractor=content.extractor,
                title=content.title,
            )
            yield f"saved: {shown}: {display_path(text_path)}", False


def open_client(timeout: float) -> httpx.Client:
    """An httpx client with the polite User-Agent and `timeout`; the caller closes it."""
    import httpx

    return httpx.Client(
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html, text/plain;q=0.9, */*;q=0.1",
            "Accept-Encoding": "identity",  # no compressed body to inflate past the size cap
        },
        timeout=httpx.Timeout(timeout),
        follow_redirects=False,
    )


def download(client: httpx.Client, url: str, *, allow_private: bool = False) -> Page:
    """The body of `url` after at most MAX_REDIRECTS redirects; FetchError with a reason else."""
    import httpx

    timeout = client.timeout.read or DEFAULT_TIMEOUT
    deadline = time.monotonic() + timeout * DEADLINE_FACTOR
    seen = [url]
    try:
        while True:
            _check_target(url, allow_private)
            with client.stream("GET", url) as response:
                if response.is_redirect:
                    url = _next_hop(response, seen)
                    continue
                if response.status_code >= 400:
                    raise FetchError(
                        f"HTTP {response.status_code} {response.reason_phrase}".strip()
                    )
                data = _read_body(response, deadline)
                return Page(data, response.headers.get("content-type"), str(response.url))
    except httpx.TimeoutException:
        raise FetchError(f"timed out (no answer within {timeout:g} s)") from None
    except (httpx.HTTPError, httpx.InvalidURL) as error:
        raise FetchError(_network_reason(error)) from None


def _check_target(url: str, allow_private: bool) -> None:
    problem = url_problem(url)
    if problem is None:
        return
    if allow_private and url.lower().startswith(("http://", "https://")):
        return
    raise FetchError(f"not a public web address ({problem})")


def _next_hop(response: httpx.Response, seen: list[str]) -> str:
    location = response.headers.get("location")
    if not location:
        raise FetchError(f"HTTP {response.status_code} redirect without a Location")
    target = str(response.url.join(location))
    if target in seen:
        raise FetchError(f"redirect loop (back to {target})")
    if len(seen) > MAX_REDIRECTS:
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")
    seen.append(target)
    return target


def _read_body(response: httpx.Response, deadline: float) -> bytes:
    cap = MAX_ORIGINAL_BYTES
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise FetchError(f"page is larger than {cap // (1024 * 1024)} MiB")
    chunks, size = [], 0
    for chunk in response.iter_bytes(_CHUNK):
        size += len(chunk)
        if size > cap:
            raise FetchError(f"page is larger than {cap // (1024 * 1024)} MiB")
        if time.monotonic() > deadline:
            raise FetchError("download too slow; gave up")
        chunks.append(chunk)
    return b"".join(chunks)


def _network_reason(error: Exception) -> str:
    """A short reason from an httpx error: what failed and its first line."""
    import httpx

    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    if isinstance(error, httpx.ConnectError):
        return f"cannot connect: {text}"
    return f"{type(error).__name__}: {text}"
