"""A contributor's page file as text, whatever bytes it holds.

UTF-8 with or without a byte-order mark, LF or CRLF, give the same text; anything else gives the
text with U+FFFD and one :class:`~.problems.Problem` at the first bad byte, so a build never ends
in a traceback. Sphinx reads pages through :data:`CODEC`, registered here. No Sphinx import.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from community_trust.pages.problems import Kind, Problem

#: the codec name the build gives Sphinx as ``source_encoding``
CODEC = "community-trust-page"
#: far above any real page (the largest is under 20 KiB); a larger file is
#: refused and only this much of it is read, so a huge file cannot stall a build
MAX_BYTES = 512 * 1024
_BOM = codecs.BOM_UTF8

SAVE_AS_UTF8 = ("save the file as UTF-8 (in most editors: 'Save As', then the encoding 'UTF-8'; "
                "in Notepad, 'UTF-8'; in Word, 'Plain Text' with 'Unicode (UTF-8)')")


@dataclass(frozen=True)
class PageText:
    """A page's text, and the one problem with its bytes if there is one."""

    text: str
    problem: Problem | None = None
    #: False when nothing of the page is worth checking (empty, binary, too large):
    #: its one problem is then the only message, with no cascade of missing fields
    readable: bool = True


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes, size: int | None = None) -> PageText:
    """The text of a page's bytes; ``size`` is the file's full size when ``data`` was cut short."""
    problem = None
    readable = True
    size = len(data) if size is None else size
    if size > MAX_BYTES:
        data = data[:MAX_BYTES]
        data = data[:data.rfind(b"\n") + 1]  # whole lines only
        problem = Problem(1, f"the file is {size // 1024} KiB, more than a page may be "
                             f"({MAX_BYTES // 1024} KiB); a resource page is a summary of a few "
                             "screens: remove pasted text, and link to the document instead of copying it", Kind.BYTES)
        readable = False
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    zero = data.find(b"\0")
    if zero != -1 and problem is None:
        problem = Problem(_line_of(data, zero), "the file holds binary data (a zero byte on this line), "
                                                "not text; a page is a Markdown text file: "
                                                f"{SAVE_AS_UTF8}, or remove the file", Kind.BYTES)
        data = data.replace(b"\0", b"")
        readable = False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex().upper()
        if problem is None:
            problem = Problem(_line_of(data, exc.start),
                              f"the page is not UTF-8: the byte 0x{bad} on this line is not valid UTF-8 "
                              "(files saved as Windows-1252 or Latin-1 do this); " + SAVE_AS_UTF8, Kind.BYTES)
        text = data.decode("utf-8", "replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip() and problem is None:
        problem = Problem(1, "the page is empty; start a resource page with 'make new-resource' "
                             "(CONTRIBUTING.md), or remove the file", Kind.BYTES)
        readable = False
    return PageText(text, problem, readable)


def read(path: Path) -> PageText:
    """Read and decode the page at ``path``, at most :data:`MAX_BYTES` of it."""
    with path.open("rb") as file:
        data = file.read(MAX_BYTES + 1)
        size = len(data) if len(data) <= MAX_BYTES else path.stat().st_size
    return decode(data, size)


# --- the codec Sphinx reads pages with ----------------------------------------

class _Decoder(codecs.BufferedIncrementalDecoder):
    """Sphinx reads a whole page at once; keep the bytes until the last call."""

    def _buffer_decode(self, data: bytes, errors: str, final: bool) -> tuple[str, int]:
        if not final:
            return "", 0
        return decode(bytes(data)).text, len(data)


def _decode_all(data: bytes, errors: str = "strict") -> tuple[str, int]:
    return decode(bytes(data)).text, len(data)


def _encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
    return text.encode("utf-8", errors), len(text)


def _find(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != CODEC:
        return None
    return codecs.CodecInfo(name=CODEC, encode=_encode, decode=_decode_all, incrementaldecoder=_Decoder,
                            incrementalencoder=codecs.lookup("utf-8").incrementalencoder)


codecs.register(_find)
