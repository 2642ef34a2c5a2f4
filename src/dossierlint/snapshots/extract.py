"""Turning a saved page (HTML or plain text) into the main text a snapshot stores.

HTML goes through trafilatura (the optional `[sources]` extra), which drops
navigation, menus, footers and other boilerplate: measured against
readability-lxml, jusText and BeautifulSoup's get_text on realistic pages, it kept
all of the article's text with the least boilerplate (BENCHMARKS.md, "Main-text
extraction"). Plain text is stored as it is. Anything else is refused with a
one-line reason (`ExtractionError`).
"""

from __future__ import annotations

import re

from dossierlint import regex
from dossierlint.records import Record

MAX_ORIGINAL_BYTES = 20 * 1024 * 1024
"""Largest page accepted by `sources add` and `sources fetch`: 20 MiB, ten times a long
encyclopedia article's HTML."""
INSTALL_HINT = "pip install 'dossierlint[sources]'"

_BINARY_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "an executable"),
    (b"RIFF", "a media file"),
    (b"\xd0\xcf\x11\xe0", "an old office document"),
)
_HTML_START = regex.compile(
    rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S
)
_DOCUMENT_TAG = regex.compile(rb"<(?:html|body)\b", re.I)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CHARSET = regex.compile(r"charset=[\"']?([\w.:-]+)", re.I)
_LINE_BREAK = regex.compile(r"\r\n?")


class ExtractionError(Exception):
    """The page cannot be stored; str() is the reason, to follow the file name."""


class MissingExtractor(ExtractionError):
    """HTML was given but trafilatura is not installed."""


class Extracted(Record, frozen=True):
    text: str
    title: str
    content_type: str
    extractor: str


def extract(data: bytes, content_type: str | None = None) -> Extracted:
    """The main text of `data`; `content_type` (from an HTTP header) guides the sniffing.

    Raises ExtractionError for an empty, too large, binary or textless page and
    MissingExtractor for HTML without trafilatura.
    """
    if not data.strip():
        raise ExtractionError("is empty")
    if len(data) > MAX_ORIGINAL_BYTES:
        raise ExtractionError(f"is larger than {MAX_ORIGINAL_BYTES // (1024 * 1024)} MiB")
    kind = _binary_kind(data)
    if kind == "a PDF document":
        raise ExtractionError("is a PDF document; PDF is not read: save the page's text as .txt")
    if kind:
        raise ExtractionError(f"is {kind}, not an HTML page or text")
    declared = (content_type or "").partition(";")[0].strip().lower()
    if declared in _HTML_TYPES or _HTML_START.match(data[:4096]):
        return _from_html(data)
    if declared and not declared.startswith("text/"):
        raise ExtractionError(f"is {declared}, not an HTML page or text")
    return _from_text(data, _charset(content_type or ""))


def _charset(content_type: str) -> str:
    """The `charset=` of a Content-Type header when Python knows it, else UTF-8."""
    import codecs

    match = _CHARSET.search(content_type)
    if match:
        try:
            return codecs.lookup(match.group(1)).name
        except LookupError:
            pass
    return "utf-8"


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 text: _from_text decodes it
    if b"\0" in data[:65536]:
        return "binary data"
    return None


def _from_text(data: bytes, encoding: str = "utf-8") -> Extracted:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _decode(data, "utf-16")
    else:
        text = _decode(data.removeprefix(b"\xef\xbb\xbf"), encoding)
    if len(_CONTROL.findall(text)) > max(8, len(text) // 1000):
        raise ExtractionError("is binary data, not an HTML page or text")
    text = _LINE_BREAK.sub("\n", text).strip("\n") + "\n"
    return Extracted(text, _first_line(text), "text/plain", "plain")


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ExtractionError(
            f"is not {encoding.upper()} text (byte 0x{data[error.start]:02x} at offset "
            f"{error.start}); save the page as UTF-8 text or HTML"
        ) from None


def _first_line(text: str) -> str:
    line = text.lstrip().partition("\n")[0].strip()
    return line if len(line) <= 200 else ""


def _from_html(data: bytes) -> Extracted:
    try:
        import trafilatura
    except ImportError:
        raise MissingExtractor(
            f"is HTML, and extracting its main text needs trafilatura: {INSTALL_HINT}"
        ) from None
    if not _DOCUMENT_TAG.search(data):  # a fragment: trafilatura reads only whole documents
        data = b"<html><body>" + data + b"</body></html>"
    document = trafilatura.bare_extraction(data, include_comments=False, with_metadata=True)
    text = (getattr(document, "text", None) or "").strip()
    if not text:
        raise ExtractionError("is HTML without any main text to keep")
    title = (getattr(document, "title", None) or "").strip()
    version = getattr(trafilatura, "__version__", "")
    return Extracted(text + "\n", title, "text/html", f"trafilatura {version}".strip())
