"""The generated parts of a resource page, so contributors write only prose.

A contributor writes the front matter and three sections (Summary, Who it is
for, Using it in training). At read time, ``source-read`` appends the
generated sections to the page's text in memory (the file in ``docs/`` is
never touched, and the contributor's line numbers stay right):

- ``{resource-facts}``: the lead sentence, the key facts and the keyword
  index entries; a transform moves it up under the title;
- ``How to get it`` with ``{resource-access}``: addresses, access, a
  citation, the sources and the dates of checking and review;
- ``Related resources`` with ``{related-resources}``: cards.
"""

from __future__ import annotations

from itertools import islice

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from . import cards, collection
from .collection import RESOURCE_PREFIX, TOPIC_LIST, navigation_key, resource_key, topic_key
from .markup import GeneratingDirective, doc_link, escape
from .notice import ACCESS_PAGE, members_only_notice
from .schema import ACCESS_LEVELS, IDENTIFIER_SCHEMES, RESOURCE_TYPES, VERIFIED_BY, Resource, format_date

logger = logging.getLogger(__name__)

FACTS_CLASS = "ctr-facts"
LEAD_CLASS = "ctr-lead"
RELATED_FALLBACK = 3

GENERATED_SECTIONS = """

```{resource-facts}
```

## How to get it

```{resource-access}
```

## Related resources

```{related-resources}
```
"""

CONFLICT_LABELS = {"date": "Published", "pages": "Length", "publisher": "Publisher",
                   "partners": "Partners", "authors": "Authors", "type": "Type", "volumes": "Volumes"}


def resource_for(env: BuildEnvironment, docname: str) -> Resource | None:
    """The checked record of a resource page, or None (another page, or broken front matter)."""
    if not docname.startswith(RESOURCE_PREFIX):
        return None
    return collection.data(env).resources.get(docname[len(RESOURCE_PREFIX):])


def append_generated_sections(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: add the generated sections to a resource page's text."""
    if resource_for(app.env, docname) is not None:
        source[0] = source[0].rstrip("\n") + "\n" + GENERATED_SECTIONS


class ResourceDirective(GeneratingDirective):
    """A directive that renders part of the current resource page."""

    @property
    def resource(self) -> Resource | None:
        return resource_for(self.env, self.env.docname)


def citation(resource: Resource) -> str:
    """A plain-text citation readers can copy."""
    credit = "; ".join(resource.authors) or resource.publisher
    identifiers = ". ".join(f"{IDENTIFIER_SCHEMES[s]} {v}" for s, v in resource.identifiers
                            if s in ("ncj", "isbn"))
    # "n.d" without its own period: the sentence's period closes it ("n.d.", not "n.d..")
    if resource.type == "article":
        text = f'{credit}. "{resource.title}." {resource.publisher}, {format_date(resource.date) or "n.d"}.'
    else:
        publisher = f" {resource.publisher}," if resource.authors and resource.publisher else ""
        text = f"{credit + '. ' if credit else ''}{resource.title}.{publisher} {resource.year or 'n.d'}."
    if identifiers:
        text += f" {identifiers}."
    address = resource.url or next((link.url for link in resource.alternate_urls), "")
    if address:
        text += f" {address}"
    return text


COPY_NOTE = " (seen only in a copy hosted by a third party)"


def _fact(resource: Resource, field: str, value: str) -> str:
    """The value, marked when it comes only from a copy, or shown with the sources' disagreement."""
    if value and field in resource.copy_only:
        value += COPY_NOTE
    conflict = resource.conflict_for(field)
    if conflict is None:
        return value
    disagree = "; ".join(escape(v) for v in conflict.values)
    return f"{value} (sources disagree: {disagree})" if value else f"Sources disagree: {disagree}"


class ResourceFacts(ResourceDirective):
    """``{resource-facts}``: the lead sentence and the key facts."""

    def run(self) -> list[nodes.Node]:
        resource = self.resource
        if resource is None:
            return self.problem("'resource-facts' is generated on resource pages; remove it here")
        topics = self.collection.topics
        self.shows(TOPIC_LIST, navigation_key(resource.home_topic))
        publisher = escape(resource.publisher) or "not known"
        facts: list[tuple[str, str]] = [("Publisher", _fact(resource, "publisher", publisher))]
        if resource.partners or resource.conflict_for("partners"):
            facts.append(("Partners", _fact(resource, "partners", "; ".join(map(escape, resource.partners)))))
        if resource.authors or resource.conflict_for("authors"):
            facts.append(("Authors", _fact(resource, "authors", "; ".join(map(escape, resource.authors)))))
        facts.append(("Published", _fact(resource, "date", format_date(resource.date) or "not known")))
        facts.append(("Type", _fact(resource, "type", RESOURCE_TYPES[resource.type])))
        if resource.type != "article":
            length = f"{resource.pages} pages" if resource.pages else ("" if resource.conflict_for("pages") else "not known")
            facts.append(("Length", _fact(resource, "pages", length)))
        if resource.conflict_for("volumes"):
            facts.append(("Volumes", _fact(resource, "volumes", "")))
        if resource.identifiers:
            facts.append(("Identifiers", _fact(resource, "identifiers", "; ".join(
                f"{IDENTIFIER_SCHEMES[s]} {escape(v)}" for s, v in resource.identifiers))))
        if resource.also_known_as:
            facts.append(("Other titles", "; ".join(f"*{escape(t)}*" for t in resource.also_known_as)))
        facts.append(("Topics", ", ".join(doc_link(topics[t].docname, topics[t].title)
                                          for t in resource.topics if t in topics)))
        access = ACCESS_LEVELS[resource.access]
        if resource.members_only:
            access += f" ({doc_link(ACCESS_PAGE, 'how access works')})"
        facts.append(("Access", access))

        markup = "\n".join(f":{label}: {value}" for label, value in facts)
        lead = nodes.container(classes=[LEAD_CLASS])
        lead += self.parse(escape(resource.description))
        fact_list = nodes.container(classes=[FACTS_CLASS])
        fact_list += self.parse(markup)
        return [*self.keyword_index(resource), lead, fact_list]

    def keyword_index(self, resource: Resource) -> list[nodes.Node]:
        """Main index entries for the keywords: the general index, the PDF's
        back-of-book index and Sphinx's search (where index entries rank first)."""
        target_id = "keywords"
        target = nodes.target("", "", ids=[target_id])
        index = addnodes.index(entries=[("single", keyword, target_id, "main", None)
                                        for keyword in resource.keywords])
        self.set_source_info(index)
        return [target, index]


class ResourceAccess(ResourceDirective):
    """``{resource-access}``: how to get the document, how to cite it, where facts come from."""

    def run(self) -> list[nodes.Node]:
        resource = self.resource
        if resource is None:
            return self.problem("'resource-access' is generated on resource pages; remove it here")
        parts = []
        if resource.url:
            parts.append(f"**Official address:** <{resource.url}>")
        else:
            parts.append("**Official address:** not known. The sources give no verified address "
                         "on the publisher's own site.")
        if resource.alternate_urls:
            parts.append("**Other public copies and records:**\n\n" + "\n".join(
                f"- {escape(link.label)}: <{link.url}>" for link in resource.alternate_urls))
        if resource.members_only:
            parts.append("**Access:** only IACP members and IACP Net customers can open it; "
                         f"see {doc_link(ACCESS_PAGE, 'IACP and member access')}.")
        if resource.verified:
            parts.append(f"**Addresses last checked:** {format_date(resource.verified)} "
                         f"({VERIFIED_BY[resource.verified_by]}).")
        parts.append("**Cite as:**\n\n```{code-block} text\n:class: ctr-citation\n\n"
                     + citation(resource) + "\n```")
        sources = []
        for source in resource.sources:
            line = f"- {escape(source.label)}"
            if source.url:
                line += f": <{source.url}>"
            if source.backs:
                line += f" (backs: {escape(source.backs)})"
            sources.append(line)
        parts.append("**Where these facts come from:**\n\n" + "\n".join(sources))
        parts.append(f"*This page was last reviewed against its sources on {format_date(resource.reviewed)}.*")
        return self.parse("\n\n".join(parts))


class RelatedResources(ResourceDirective):
    """``{related-resources}``: cards for the resources named in ``related``,
    or else a few others from the same home topic."""

    def run(self) -> list[nodes.Node]:
        resource = self.resource
        if resource is None:
            return self.problem("'related-resources' is generated on resource pages; remove it here")
        state = self.collection
        related = [state.resources[s] for s in resource.related if s in state.resources]
        if related:
            self.shows(*(resource_key(r.slug) for r in related))
        else:
            self.shows(topic_key(resource.home_topic))
            # the first few others: stop there, a topic may hold thousands
            related = list(islice((r for r in state.resources_in(resource.home_topic)
                                   if r.slug != resource.slug), RELATED_FALLBACK))
        if not related:
            return self.parse("No related resource in the collection yet.")
        return self.parse(cards.grid(cards.resource_card(r) for r in related))


class MoveFactsUnderTitle(SphinxTransform):
    """Put the lead sentence and the facts right under the page title,
    followed by the member-only notice when there is one."""

    default_priority = 500

    def apply(self, **kwargs: object) -> None:
        if resource_for(self.env, self.env.docname) is None:
            return
        top = next(iter(self.document.findall(nodes.section)), None)
        if top is None:
            return
        lead = next((n for n in top.findall(nodes.container) if LEAD_CLASS in n["classes"]), None)
        facts = next((n for n in top.findall(nodes.container) if FACTS_CLASS in n["classes"]), None)
        if lead is None or facts is None:
            return
        # the keyword target and index entries come just before the lead
        siblings = lead.parent.children
        keyword_nodes = siblings[max(siblings.index(lead) - 2, 0):siblings.index(lead)]
        moved: list[nodes.Node] = [*keyword_nodes, lead]
        notice = next(iter(top.findall(members_only_notice)), None)
        if notice is not None and notice.parent is top:
            moved.append(notice)
        moved.append(facts)
        for node in moved:
            node.parent.remove(node)
        position = 1 if top.children and isinstance(top[0], nodes.title) else 0
        top[position:position] = moved


def check_notice(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: a member-only page must carry the notice; a public one must not."""
    docname = app.env.docname
    resource = resource_for(app.env, docname)
    if resource is None:
        return
    notices = list(doctree.findall(members_only_notice))
    if resource.members_only and not notices:
        logger.warning(
            "this page is 'access: members-only' but has no notice; add a '```{members-only}' "
            "block before '## Summary' saying in one or two sentences what the public description says",
            location=(docname, resource.line_of("access")), type="community_trust", subtype="notice")
    elif not resource.members_only and notices:
        logger.warning(
            "the members-only notice is on a page marked 'access: public'; remove the notice "
            "or set 'access: members-only'",
            location=notices[0], type="community_trust", subtype="notice")


def setup(app: Sphinx) -> None:
    app.connect("source-read", append_generated_sections)
    app.connect("doctree-read", check_notice)
    app.add_directive("resource-facts", ResourceFacts)
    app.add_directive("resource-access", ResourceAccess)
    app.add_directive("related-resources", RelatedResources)
    app.add_transform(MoveFactsUnderTitle)
