"""The snapshot store: one folder of `<name>.txt` (the page's main text) plus `<name>.json`.

Reading is safe on a hostile working tree: files are read only when they are
regular files inside the project (a symbolic link may point elsewhere in the
project, never out of it), FIFOs and devices are skipped without being opened,
each file is capped in size, and nothing is executed or imported. A snapshot
that cannot be used is left out with a reason (`SnapshotProblem`), never an
exception. Standard library only: `check` reads the store.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from datetime import date, datetime
from pathlib import Path

from dossierlint import regex
from dossierlint.files import not_a_file
from dossierlint.grammar.urls import normalise_url, url_host
from dossierlint.records import Record, field

__all__ = [
    "FORMAT_VERSION",
    "MAX_META_BYTES",
    "MAX_TEXT_BYTES",
    "Snapshot",
    "SnapshotProblem",
    "Store",
    "folder_problem",
    "load_snapshots",
    "read_store",
    "save_snapshot",
    "snapshot_name",
    "stamps",
]

FORMAT_VERSION = 1
MAX_TEXT_BYTES = 4 * 1024 * 1024
"""Largest `<name>.txt` read: 4 MiB of text is several books; a bigger file is refused."""
MAX_META_BYTES = 64 * 1024
"""Largest `<name>.json` read: the metadata is a dozen short fields."""
MAX_NAME_LENGTH = 80
"""Longest `<name>` (without `.txt`/`.json`): well under every filesystem's limit."""
_HASH_LENGTH = 10
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{n}" for n in range(10)} | {f"lpt{n}" for n in range(10)}
)
_UNSAFE = regex.compile(r"[^a-z0-9]+")
_UNSAFE_LABEL = regex.compile(r"[^a-z0-9-]+")
_ESCAPE = regex.compile(r"%[0-9A-Fa-f]{2}")
_NONBLOCKING = getattr(os, "O_NONBLOCK", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class Snapshot(Record, frozen=True):
    """One stored source page."""

    name: str
    """The file stem shared by the text and the metadata file."""
    url: str
    """The URL as the researcher gave it."""
    normalised_url: str
    """`normalise_url(url)`, recomputed on reading: the key dossiers' sources are matched by."""
    text: str
    text_path: Path
    meta_path: Path
    retrieved: date
    content_type: str
    sha256: str
    """Of the original bytes (the saved HTML or text), not of `text`."""
    original_size: int
    extractor: str
    """Name and version of what turned the original into `text`, e.g. "trafilatura 2.0.0"."""
    title: str = ""


class SnapshotProblem(Record, frozen=True):
    """A file in the store that was left out, and why (one line, for a message)."""

    path: Path
    reason: str


class Store(Record):
    """What `read_store` found: usable snapshots by normalised URL, and the rest with reasons."""

    folder: Path
    snapshots: dict[str, Snapshot] = field(default_factory=dict)
    problems: list[SnapshotProblem] = field(default_factory=list)


def load_snapshots(folder: Path, root: Path | None = None) -> dict[str, Snapshot]:
    """The usable snapshots in `folder`, keyed by normalised URL (see `read_store`)."""
    return read_store(folder, root).snapshots


def read_store(folder: Path, root: Path | None = None) -> Store:
    """Read every `<name>.json` in `folder` (not its subfolders) with its `<name>.txt`.

    `root` is the project root (default: the folder's parent); nothing outside it is
    read. A missing folder is an empty store. When two snapshots have the same
    normalised URL the first by name is kept and the other is a problem.
    """
    folder = Path(os.path.abspath(folder))
    store = Store(folder)
    boundary = Path(os.path.realpath(root if root is not None else folder.parent))
    if not folder.exists() and not folder.is_symlink():
        return store
    problem = folder_problem(folder, boundary)
    if problem:
        store.problems.append(SnapshotProblem(folder, problem))
        return store
    for meta_path in _metadata_files(folder):
        snapshot = _read_snapshot(meta_path, boundary, store)
        if snapshot is None:
            continue
        kept = store.snapshots.get(snapshot.normalised_url)
        if kept is not None:
            reason = f"same URL as {kept.meta_path.name}; ignored"
            store.problems.append(SnapshotProblem(meta_path, reason))
            continue
        store.snapshots[snapshot.normalised_url] = snapshot
    return store


def _metadata_files(folder: Path) -> list[Path]:
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.name.endswith(".json"))
    except OSError:
        return []
    return [folder / name for name in names if not name.startswith(".")]


def _read_snapshot(meta_path: Path, boundary: Path, store: Store) -> Snapshot | None:
    def skip(path: Path, reason: str) -> None:
        store.problems.append(SnapshotProblem(path, reason))

    raw, problem = _read_capped(meta_path, boundary, MAX_META_BYTES)
    if raw is None:
        skip(meta_path, problem)
        return None
    try:
        meta = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        skip(meta_path, "metadata is not UTF-8")
        return None
    except (json.JSONDecodeError, RecursionError) as error:
        skip(meta_path, f"metadata is not valid JSON ({_json_reason(error)})")
        return None
    fields, problem = _metadata_fields(meta)
    if fields is None:
        skip(meta_path, f"metadata {problem}")
        return None
    text_path = meta_path.with_suffix(".txt")
    raw, problem = _read_capped(text_path, boundary, MAX_TEXT_BYTES)
    if raw is None:
        skip(text_path, problem)
        return None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        skip(text_path, "text is not UTF-8")
        return None
    return Snapshot(
        name=meta_path.stem, text=text, text_path=text_path, meta_path=meta_path, **fields
    )


def _json_reason(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} at line {error.lineno}"
    return "nested too deeply"


def _metadata_fields(meta: object) -> tuple[dict | None, str]:
    """The Snapshot fields from the parsed metadata, or None and what is wrong."""
    if not isinstance(meta, dict):
        return None, "is not a JSON object"
    version = meta.get("format", FORMAT_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version > FORMAT_VERSION:
        return None, f"'format' is {version!r}; this dossierlint reads format {FORMAT_VERSION}"
    url = meta.get("url")
    if not isinstance(url, str) or url_host(url) is None:
        return None, "has no 'url' with a host"
    retrieved = _date(meta.get("retrieved"))
    if retrieved is None:
        return None, "'retrieved' is not an ISO date (YYYY-MM-DD)"
    for key in ("content_type", "sha256", "extractor"):
        if not isinstance(meta.get(key), str):
            return None, f"has no text field {key!r}"
    size = meta.get("original_size")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        return None, "'original_size' is not a whole number of bytes"
    title = meta.get("title", "")
    fields = {
        "url": url,
        "normalised_url": normalise_url(url),
        "retrieved": retrieved,
        "content_type": meta["content_type"],
        "sha256": meta["sha256"],
        "original_size": size,
        "extractor": meta["extractor"],
        "title": title if isinstance(title, str) else "",
    }
    return fields, ""


def _date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _read_capped(path: Path, boundary: Path, cap: int) -> tuple[bytes | None, str]:
    """The file's bytes, or None and why: only a regular file inside `boundary`, at most `cap`."""
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(boundary):
        return None, "is a symbolic link out of the project; not read"
    try:
        kind = not_a_file(os.stat(real).st_mode)
        if kind:
            return None, f"is {kind}; not read"
        descriptor = os.open(real, os.O_RDONLY | _NONBLOCKING | _NOFOLLOW)
        with open(descriptor, "rb") as file:
            info = os.fstat(descriptor)
            kind = not_a_file(info.st_mode)  # replaced since the stat?
            if kind:
                return None, f"is {kind}; not read"
            data = file.read(cap + 1)
    except FileNotFoundError:
        return None, "is missing"
    except OSError as error:
        return None, f"cannot be read: {error.strerror or error}"
    if len(data) > cap:
        return None, f"is larger than {cap // 1024} KiB; not read"
    return data, ""


def snapshot_name(url: str) -> str:
    """The file stem for `url`: host and path as lowercase ASCII words, plus a short hash.

    The hash is of the normalised URL, so two URLs for the same page share a name
    and two different pages never do. Bounded to `MAX_NAME_LENGTH`, made only of
    `a-z 0-9 . -`, never a Windows-reserved device name.
    """
    normalised = normalise_url(url)
    digest = hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()
    host = _ascii_host(url_host(normalised) or "")
    path = _ESCAPE.sub("-", normalised.split("//", 1)[-1].partition("/")[2])
    words = _UNSAFE.sub("-", path.lower()).strip("-")
    stem = "-".join(part for part in (host or "source", words) if part)
    stem = stem[: MAX_NAME_LENGTH - _HASH_LENGTH - 1].rstrip("-.")
    if stem.partition(".")[0].partition("-")[0] in _WINDOWS_RESERVED:
        stem = f"_{stem}"
    return f"{stem}-{digest[:_HASH_LENGTH]}"


def _ascii_host(host: str) -> str:
    """The host as dot-separated `a-z 0-9 -` labels (IDN hosts in their xn-- form)."""
    with contextlib.suppress(UnicodeError):
        host = host.encode("idna").decode("ascii")
    labels = (_UNSAFE_LABEL.sub("-", label.lower()).strip("-") for label in host.split("."))
    return ".".join(label for label in labels if label)


def save_snapshot(
    folder: Path,
    url: str,
    text: str,
    original: bytes,
    *,
    content_type: str,
    extractor: str,
    title: str = "",
    retrieved: date | None = None,
) -> tuple[Path, bool]:
    """Write the snapshot of `url` into `folder`: `(text path, True if it replaced one)`.

    Each file is written atomically, the text first: a reader never sees metadata
    without its text.
    """
    from dossierlint.writing import write_atomically

    name = snapshot_name(url)
    text_path, meta_path = folder / f"{name}.txt", folder / f"{name}.json"
    replaced = meta_path.exists() or text_path.exists()
    meta = {
        "format": FORMAT_VERSION,
        "url": url,
        "normalised_url": normalise_url(url),
        "retrieved": (retrieved or date.today()).isoformat(),
        "content_type": content_type,
        "sha256": hashlib.sha256(original).hexdigest(),
        "original_size": len(original),
        "extractor": extractor,
        "title": title,
    }
    body = json.dumps(meta, indent=2, ensure_ascii=False) + "\n"
    write_atomically(text_path, text.encode("utf-8"))
    write_atomically(meta_path, body.encode("utf-8"))
    return text_path, replaced


def folder_problem(folder: Path, root: Path) -> str | None:
    """Why `folder` cannot hold snapshots (None when it can, or is missing and can be made).

    Neither read nor written: a file, or a symbolic link that leads out of `root`.
    """
    real = Path(os.path.realpath(folder))
    if not real.is_relative_to(Path(os.path.realpath(root))):
        return "is a symbolic link out of the project; not used"
    if real.exists() and not real.is_dir():
        return "is not a folder"
    return None


def stamps(folder: Path) -> list[tuple[str, int, int]]:
    """(file name, mtime_ns, size) of each `.txt`/`.json` file in the store, sorted by name.

    Cheap (one stat per file, no reads): fold it into a results-cache key so that a
    changed, added or removed snapshot invalidates cached findings.
    """
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    result = []
    for entry in entries:
        if not entry.name.endswith((".txt", ".json")):
            continue
        try:
            info = entry.stat()
        except OSError:
            continue
        result.append((entry.name, info.st_mtime_ns, info.st_size))
    result.sort()
    return result
