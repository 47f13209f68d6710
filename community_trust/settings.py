"""Every ``ctr_*`` setting of conf.py, declared once: its type, default, check and one line of help.

In the manner of MyST-Parser's ``MdParserConfig``: one typed dataclass. The
build registers each field as ``ctr_<name>`` (:func:`register`) and checks
every value once, when the configuration is read; a bad value stops the build
naming the setting and what it takes. Code reads values through
:func:`settings_of`. No Sphinx import at module level.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

PREFIX = "ctr_"
#: ``ctr_paper_size`` → (CSS page size, name printed on the back of the title page)
PAPER_SIZES = {"letter": ("letter", "US Letter"), "a4": ("A4", "A4")}
#: the binders' font roles; a character none of the fonts has fails the build
FONT_ROLES = ("text", "headings", "code")
DEFAULT_FONTS = {"text": "FreeSerif", "headings": "FreeSans", "code": "FreeMono"}


def _paper_size(value: str) -> str | None:
    if value.strip().lower() in PAPER_SIZES:
        return None
    return "use 'letter' (the default) or 'a4', for example: CTR_PAPER_SIZE=a4 make pdf"


def _fonts(value: dict[str, Any]) -> str | None:
    unknown = sorted(set(value) - set(FONT_ROLES))
    if unknown or not all(isinstance(name, str) and name.strip() for name in value.values()):
        return (f"name a font for any of {', '.join(FONT_ROLES)}, for example "
                "{'text': 'Noto Serif CJK SC'}" + (f" (not {', '.join(map(repr, unknown))})" if unknown else ""))
    return None


def _window(value: int) -> str | None:
    return None if value >= 0 else "use a whole number of resources, 20 by default; 0 lists every one"


def _repository(value: str) -> str | None:
    if not value.strip() or value.strip().startswith("https://"):
        return None
    return "use the repository's https:// address, like https://github.com/OWNER/REPO, or leave it empty"


def _branch(value: str) -> str | None:
    return None if value.strip() else "name the branch the pages are edited on, like 'main'"


def setting(default: Any, help: str, *, rebuild: str = "", check: Callable[[Any], str | None] | None = None,
            ) -> Any:
    """A field of :class:`CollectionSettings`: ``rebuild`` is Sphinx's (``"html"``: the site's pages)."""
    factory = (lambda: dict(default)) if isinstance(default, dict) else None
    metadata = {"help": help, "rebuild": rebuild, "check": check}
    if factory is not None:
        return field(default_factory=factory, metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class CollectionSettings:
    """The collection's settings; each is ``ctr_<field>`` in conf.py or on ``-D``."""

    sidebar_window: int = setting(20, "how many of a topic's resources the sidebar lists around the current one "
                                      "(0: all)", rebuild="html", check=_window)
    repository_url: str = setting("", "the repository (https://github.com/OWNER/REPO): pages get an "
                                      "'Edit this page' link; empty: none", rebuild="html", check=_repository)
    repository_branch: str = setting("main", "the branch the edit links open", rebuild="html", check=_branch)
    paper_size: str = setting("letter", "the binders' paper: 'letter' or 'a4'", check=_paper_size)
    print_fonts: dict = setting(DEFAULT_FONTS, "the binders' fonts by role (text, headings, code)",  # type: ignore[type-arg]
                                check=_fonts)
    print_theme: str = setting("theme/print", "the binders' template and stylesheet folder, beside conf.py")
    print_pdf: bool = setting(True, "False: write the binders' HTML only, no PDF (a quick look)")
    binders: str = setting("", "comma-separated binder names to build (default: all), "
                               "e.g. community-trust-use-of-force")

    @property
    def paper(self) -> tuple[str, str]:
        """(CSS page size, printed name) of :attr:`paper_size`."""
        return PAPER_SIZES[self.paper_size.strip().lower()]

    @property
    def fonts(self) -> dict[str, str]:
        return {**DEFAULT_FONTS, **self.print_fonts}


FIELDS = dataclasses.fields(CollectionSettings)


def register(app: Sphinx) -> None:
    """Declare every setting to Sphinx, and check them all once conf.py is read."""
    for item in FIELDS:
        default = item.default_factory() if item.default is dataclasses.MISSING else item.default  # type: ignore[misc]
        app.add_config_value(PREFIX + item.name, default, item.metadata["rebuild"],
                             types=frozenset({type(default)}), description=item.metadata["help"])
    app.connect("config-inited", check_settings, priority=100)


def _default(item: dataclasses.Field[Any]) -> Any:
    return item.default_factory() if item.default is dataclasses.MISSING else item.default  # type: ignore[misc]


def problems_of(config: Config) -> dict[str, str]:
    """Each setting whose value is wrong → ``ctr_name = value: what it takes``."""
    found = {}
    for item in FIELDS:
        value, default = getattr(config, PREFIX + item.name), _default(item)
        if not isinstance(value, type(default)):
            found[item.name] = (f"{PREFIX}{item.name} = {value!r}: it takes a {type(default).__name__} "
                                f"({item.metadata['help']})")
        elif item.metadata["check"] is not None and (fix := item.metadata["check"](value)):
            found[item.name] = f"{PREFIX}{item.name} = {value!r}: {fix}"
    return found


def check_settings(app: Sphinx, config: Config) -> None:
    """``config-inited``: a bad value is an error of the strict build, named with what it takes;
    the build goes on with the default, so nothing downstream meets a value it cannot use."""
    from sphinx.util import logging

    from community_trust.pages.problems import Kind

    for name, message in problems_of(config).items():
        logging.getLogger(__name__).warning(message, **Kind.SETTING.as_warning())
        setattr(config, PREFIX + name, _default(next(i for i in FIELDS if i.name == name)))


def settings_of(config: Config) -> CollectionSettings:
    """The checked settings of a build."""
    return CollectionSettings(**{item.name: getattr(config, PREFIX + item.name) for item in FIELDS})


def base_address(config: Config) -> str:
    """Sphinx's ``html_baseurl`` (from ``CTR_BASE_URL``) with exactly one trailing slash, or ``""``."""
    base = (config.html_baseurl or "").strip()
    return base.rstrip("/") + "/" if base else ""
