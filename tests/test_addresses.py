"""The address parser and the allow-lists, without a build: every spelling of a refused address
is refused, and the addresses the collection uses are allowed."""

from __future__ import annotations

import pytest
from conftest import DOCS

from community_trust.pages import addresses, allowed, plain
from community_trust.pages.addresses import Verdict
from community_trust.pages.reader import load_collection
from community_trust.tools import lint

REFUSED = {
    "javascript:alert(1)": Verdict.SCHEME,
    "JaVaScRiPt:alert(1)": Verdict.SCHEME,
    " javascript:alert(1)": Verdict.SCHEME,
    "java\tscript:alert(1)": Verdict.CONTROL,
    "java script:alert(1)": Verdict.SCHEME,  # docutils joins a directive argument's words
    "javascript&colon;alert(1)": Verdict.SCHEME,
    "javascript&#58;alert(1)": Verdict.SCHEME,
    "&#x6A;avascript:alert(1)": Verdict.SCHEME,
    "vbscript:msgbox(1)": Verdict.SCHEME,
    "data:text/html,<script>alert(1)</script>": Verdict.SCHEME,
    "data:image/png;base64,AAAA": Verdict.SCHEME,
    "file:///etc/passwd": Verdict.SCHEME,
    "FILE:///etc/passwd": Verdict.SCHEME,
    "ftp://example.org/x": Verdict.SCHEME,
    "mailto:someone@example.org": Verdict.SCHEME,
    "http://example.org/": Verdict.HTTP,
    "https://user:pass@evil.example/": Verdict.USER_INFO,
    "https://evil.example@good.example/": Verdict.USER_INFO,
    "https:evil.example": Verdict.NO_HOST,
    "https:/evil.example": Verdict.NO_HOST,
    "https:\\\\evil.example": Verdict.NO_HOST,
    "//evil.example/x.png": Verdict.OTHER_HOST,
    "\\\\evil.example\\share": Verdict.OTHER_HOST,
    "/etc/passwd": Verdict.ABSOLUTE,
    "C:\\secret.png": Verdict.ABSOLUTE,
    "https://example.org/\nTY  - GEN": Verdict.CONTROL,
}
ALLOWED = {
    "https://www.ojp.gov/ncjrs/virtual-library/abstracts/x": Verdict.HTTPS,
    "HTTPS://example.org/": Verdict.HTTPS,
    "../topics/use-of-force.md": Verdict.LOCAL,
    "../images/chart.png": Verdict.LOCAL,
    "#summary": Verdict.LOCAL,
    "catalog": Verdict.LOCAL,
}


@pytest.mark.parametrize("address", list(REFUSED) + list(ALLOWED))
def test_each_spelling_is_read_as_a_browser_reads_it(address: str) -> None:
    assert addresses.classify(address) is {**REFUSED, **ALLOWED}[address]


def test_every_address_of_the_collection_is_allowed() -> None:
    collection = load_collection(DOCS)
    for resource in collection.resources.values():
        for url in [resource.url, *(link.url for link in resource.alternate_urls)]:
            if url:
                assert addresses.is_public_https(url), url


@pytest.mark.parametrize("name", ["IMAGE", "Image", " image ", "iMaGe"])
def test_names_are_matched_as_docutils_matches_them(name: str) -> None:
    assert allowed.normalised(name) == "image" and "image" in allowed.DIRECTIVES


@pytest.mark.parametrize("name", ["raw", "include", "literalinclude", "eval-rst", "math", "button-link", "button-ref",
                                  "dropdown", "tab-set", "code-cell", "csv-table", "list-table", "rst-class", "py:function",
                                  "only", "ifconfig", "meta", "container", "admonition", "sidebar", "topic", "highlight"])
def test_directives_off_the_list_are_refused(name: str) -> None:
    assert allowed.normalised(name) not in allowed.DIRECTIVES


def test_every_directive_and_role_the_collection_uses_is_allowed() -> None:
    md = lint.markdown_parser()
    from community_trust.pages import rules

    for page in load_collection(DOCS).pages.values():
        for name, _, _, _ in rules.directives(page.text, md):
            assert name in allowed.DIRECTIVES, (page.docname, name)


TITLES = [
    ("Building Communities of Trust", "Building Communities of Trust"),
    ("Building Communities of Trust", "BUILDING COMMUNITIES OF TRUST"),
    ("Building Communities of Trust", "Building Communities \u043ef Trust"),  # Cyrillic o
    ("A Guide", "\u0410 Guide"),  # Cyrillic A
    ("A Guide", "A\u200b Guide"),  # zero-width space
    ("A Guide", "\uff21 Guide"),  # fullwidth A (NFKC)
    ("Café Guide", "Cafe\u0301 Guide"),  # combining accent
    ("The Chief’s Guide", "The Chief's Guide"),
]


@pytest.mark.parametrize(("one", "other"), TITLES)
def test_titles_that_read_the_same_compare_the_same(one: str, other: str) -> None:
    assert plain.title_key(one) == plain.title_key(other)


def test_titles_that_differ_stay_apart() -> None:
    assert plain.title_key("Police Pursuits") != plain.title_key("Police Pursuit")
