"""Sentences about the collection as a whole, computed from the records at build time.

A count written by hand goes false as soon as the collection grows ("most of these are the
IACP's" was true at 15 resources and false at 25), so a page says it with
``{collection-count}`` and the build writes the numbers.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx

from community_trust.build.markup import CollectionDirective
from community_trust.build.staleness import EVERY_RESOURCE
from community_trust.pages.schema import ACCESS_LEVELS, Resource


def _resources(count: int) -> str:
    return f"{count:,} resource" + ("" if count == 1 else "s")


class CollectionCount(CollectionDirective):
    """``{collection-count}``: how many resources the collection holds, and how many of them
    name ``:publisher:`` (a part of the publisher's name) or have ``:access:``."""

    option_spec = {"publisher": directives.unchanged_required, "access": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        self.shows(EVERY_RESOURCE)
        publisher, access = self.options.get("publisher", "").strip(), self.options.get("access", "").strip()
        if access and access not in ACCESS_LEVELS:
            return self.problem(f"':access: {access}' is not an access level; use one of "
                                f"{', '.join(ACCESS_LEVELS)}")
        every = list(self.collection.resources.values())

        def matches(resource: Resource) -> bool:
            return ((not publisher or publisher.casefold() in (resource.publisher or "").casefold())
                    and (not access or resource.access == access))

        chosen = sum(1 for resource in every if matches(resource))
        paragraph = nodes.paragraph(classes=["ctr-collection-count"])
        if not publisher and not access:
            paragraph += nodes.Text(f"The collection holds {_resources(len(every))}.")
        else:
            what = []
            if publisher:
                what.append(f"{'names' if chosen == 1 else 'name'} “{publisher}” as publisher")
            if access:
                what.append(f"{'is' if chosen == 1 else 'are'} marked “{ACCESS_LEVELS[access]}”")
            paragraph += nodes.Text(f"Of the {_resources(len(every))} in the collection, {chosen:,} "
                                    f"{' and '.join(what)}.")
        self.set_source_info(paragraph)
        return [paragraph]


def setup(app: Sphinx) -> None:
    app.add_directive("collection-count", CollectionCount)
