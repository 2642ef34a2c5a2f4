"""Reading a dossier's bytes into text, reporting what is not UTF-8."""

from __future__ import annotations

from dossierlint.findings import Problem
from dossierlint.records import Record
from dossierlint.text import LINE_BREAK_BYTES

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class DecodedText(Record):
    text: str | None
    """The text to lint; None when the file is not text at all."""
    problems: list[Problem]
    bom: bool = False


def decode(data: bytes) -> DecodedText:
    """Decode UTF-8 (BOM tolerated); invalid bytes become U+FFFD and a problem each line."""
    if data.startswith(UTF16_BOMS):
        return DecodedText(None, [Problem(1, 1, "file is UTF-16; save it as UTF-8")])
    if b"\0" in data:
        line = len(LINE_BREAK_BYTES.findall(data, 0, data.index(b"\0"))) + 1
        return DecodedText(
            None, [Problem(line, 1, "file holds NUL bytes: a binary file, not a dossier")]
        )
    bom = data.startswith(UTF8_BOM)
    if bom:
        data = data[len(UTF8_BOM) :]
    try:
        return DecodedText(data.decode("utf-8"), [], bom)
    except UnicodeDecodeError:
        return DecodedText(data.decode("utf-8", "replace"), _invalid_bytes(data), bom)


def _invalid_bytes(data: bytes) -> list[Problem]:
    problems = []
    for number, raw in enumerate(data.splitlines(), 1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as error:
            column = len(raw[: error.start].decode("utf-8", "replace")) + 1
            problems.append(
                Problem(number, column, f"byte 0x{raw[error.start]:02x} is not valid UTF-8")
            )
    return problems
