"""QR codes for the print binders: where each resource's code leads, and the code itself.

A trainer holding a printed page scans the code to reach the resource. The
code is an SVG made by segno (a maintained, pure-Python QR encoder), embedded
in the page as an image with a text alternative that says where it leads,
so the tagged PDF reads it out as a Figure instead of skipping a picture.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno

from community_trust.pages.schema import Resource


@dataclass(frozen=True)
class QrTarget:
    """Where a resource's code leads and what the printed caption says of it."""

    address: str
    caption: str
    #: what the code leads to, for the image's text alternative
    destination: str


def qr_target(resource: Resource, base_url: str) -> QrTarget | None:
    """The hosted page when the collection's address is known, else the
    document itself (official address, a public copy, a source); ``None``
    when the sources give no address at all."""
    if base_url:  # ``settings.base_address``: it ends in one slash
        return QrTarget(f"{base_url}{resource.docname}.html",
                        "Scan for this page in the online collection:",
                        "this page in the online collection")
    if resource.url:
        return QrTarget(resource.url, "Scan for the document at its official address:",
                        "the document at its official address")
    if resource.alternate_urls:
        link = resource.alternate_urls[0]
        return QrTarget(link.url, f"Scan for a public copy or record of the document ({link.label}):",
                        f"a public copy or record of the document ({link.label})")
    source = next((s for s in resource.sources if s.url), None)
    if source is not None:
        return QrTarget(source.url, f"Scan for a source of the facts on this page: {source.label}.",
                        f"a source of the facts on this page ({source.label})")
    return None


def svg_data_uri(address: str) -> str:
    """The code as an SVG ``data:`` URI: vector, so it stays sharp at any
    printer resolution; error correction M and the standard four-module
    quiet zone, which phone cameras need."""
    code = segno.make(address, error="m", micro=False)
    return code.svg_data_uri(scale=4, border=4, dark="#000", light="#fff")


def alt_text(target: QrTarget) -> str:
    """The text alternative: what the code is and the address it leads to."""
    return f"QR code leading to {target.destination}: {target.address}"
