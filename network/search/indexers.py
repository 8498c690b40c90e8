"""How each app's rows become search documents."""

import html

from django.utils import timezone, translation
from django.utils.html import strip_tags

from .registry import Document, register

PUBLIC, MEMBERS = "public", "members"


def plain(stored_html: str) -> str:
    """The stored, sanitised HTML of a Markdown field (``*_html`` columns) as plain text."""
    if not stored_html:
        return ""
    return " ".join(html.unescape(strip_tags(str(stored_html))).split())


def path(obj) -> str:
    # Stored in the default language (no prefix); the search page turns it into the visitor's.
    with translation.override("th"):
        return obj.get_absolute_url()


def join(*parts) -> str:
    return "\n".join(p for p in parts if p)


def resource_visibility(resource) -> str | None:
    from knowledge.models import Resource, Visibility

    if resource.status != Resource.Status.PUBLISHED:
        return None
    return PUBLIC if resource.visibility == Visibility.PUBLIC else MEMBERS


def resource_document(resource) -> Document | None:
    visibility = resource_visibility(resource)
    if visibility is None:
        return None
    attachments = list(resource.attachments.all())
    _extract_pdf_text(attachments)
    return Document(
        kind="resource",
        title_th=resource.title_th or resource.title_en,
        title_en=resource.title_en or resource.title_th,
        text=join(
            resource.summary_th,
            resource.summary_en,
            plain(resource.body_html_th),
            plain(resource.body_html_en),
            *(  # case-study sections, in both languages like the body
                plain(getattr(resource, f"{name}_html_{language}"))
                for name, _label in resource.SECTIONS
                for language in ("th", "en")
            ),
        ),
        visibility=visibility,
        url=path(resource),
        updated=resource.updated,
        language=resource.language,
        extra=join(
            " ".join(tag.name for tag in resource.tags.all()),
            " ".join(f"{t.name_th} {t.name_en}" for t in resource.topics.all()),
            " ".join(f"{o.name_th} {o.name_en}" for o in resource.organisations.all()),
            " ".join(f"{c.name_th} {c.name_en}" for c in resource.cities.all()),
            " ".join(f"{p.name_th} {p.name_en}" for p in resource.authors.all()),
            *(join(item.title, item.filename, item.text) for item in attachments),
        ),
    )


def _extract_pdf_text(attachments) -> None:
    """Read the text of PDFs not read yet (in the indexing task, never in a request)."""
    from knowledge.models import Attachment
    from network.lib.uploads import extract_pdf_text

    for item in attachments:
        if item.file_kind != "pdf" or item.text_extracted:
            continue
        try:
            with item.file.open("rb") as handle:
                text = extract_pdf_text(handle)
        except OSError:
            text = ""
        # update() rather than save(): no signal, so no second indexing round.
        Attachment.objects.filter(pk=item.pk).update(text=text, text_extracted=True)
        item.text, item.text_extracted = text, True


def thread_visibility(thread) -> str | None:
    from knowledge.models import Visibility

    if thread.is_hidden:
        return None
    return PUBLIC if thread.visibility == Visibility.PUBLIC else MEMBERS


def thread_document(thread) -> Document | None:
    visibility = thread_visibility(thread)
    if visibility is None:
        return None
    replies = thread.replies.filter(is_hidden=False).values_list("body_html", flat=True)[:200]
    return Document(
        kind="discussion",
        title_th=thread.title,
        title_en=thread.title,
        text=plain(thread.body_html),
        visibility=visibility,
        url=path(thread),
        updated=thread.last_activity or thread.updated,
        extra=join(*(plain(body) for body in replies)),
    )


def event_visibility(event) -> str | None:
    from events.models import Event

    if event.status == Event.Status.DRAFT:
        return None
    return PUBLIC if event.visibility == Event.Visibility.PUBLIC else MEMBERS


def event_document(event) -> Document | None:
    visibility = event_visibility(event)
    if visibility is None:
        return None
    return Document(
        kind="event",
        title_th=event.title_th or event.title_en,
        title_en=event.title_en or event.title_th,
        text=join(plain(event.description_html_th), plain(event.description_html_en)),
        visibility=visibility,
        url=path(event),
        updated=event.updated,
        extra=join(
            event.venue_name,
            event.address,
            plain(event.lessons_html_th),
            plain(event.lessons_html_en),
            plain(event.report_summary_html_th),
            plain(event.report_summary_html_en),
            plain(event.resolutions_html_th),
            plain(event.resolutions_html_en),
        ),
    )


def organisation_visibility(organisation) -> str | None:
    return PUBLIC if organisation.is_listed else None


def organisation_document(organisation) -> Document | None:
    if organisation_visibility(organisation) is None:
        return None
    province = organisation.province
    return Document(
        kind="organisation",
        title_th=organisation.name_th,
        title_en=organisation.name_en or organisation.name_th,
        text=join(plain(organisation.description_html_th), plain(organisation.description_html_en)),
        visibility=PUBLIC,
        url=path(organisation),
        updated=organisation.updated or timezone.now(),
        extra=join(
            organisation.short_name,
            f"{province.name_th} {province.name_en}" if province else "",
            organisation.get_kind_display(),
        ),
    )


def project_visibility(project) -> str | None:
    return PUBLIC if project.is_public else MEMBERS


def project_document(project) -> Document | None:
    lead = project.lead
    return Document(
        kind="project",
        title_th=project.title_th or project.title_en,
        title_en=project.title_en or project.title_th,
        text=join(plain(project.summary_html_th), plain(project.summary_html_en)),
        visibility=project_visibility(project),
        url=path(project),
        updated=project.updated,
        extra=join(
            project.get_status_display(),
            f"{lead.name_th} {lead.name_en}",
            " ".join(f"{o.name_th} {o.name_en}" for o in project.partners.all()),
            " ".join(f"{c.name_th} {c.name_en}" for c in project.cities.all()),
            " ".join(f"{t.name_th} {t.name_en}" for t in project.topics.all()),
        ),
    )


def funding_call_visibility(call) -> str | None:
    from knowledge.models import FundingCall

    return PUBLIC if call.status == FundingCall.Status.PUBLISHED else None


def funding_call_document(call) -> Document | None:
    if funding_call_visibility(call) is None:
        return None
    return Document(
        kind="funding",
        title_th=call.title_th or call.title_en,
        title_en=call.title_en or call.title_th,
        text=join(call.funder, call.programme, plain(call.description_html_th),
                  plain(call.description_html_en)),
        visibility=PUBLIC,
        url=path(call),
        updated=call.updated,
        language=call.language,
        extra=join(
            " ".join(f"{t.name_th} {t.name_en}" for t in call.topics.all()),
            " ".join(document.title or document.filename for document in call.documents.all()),
        ),
    )  # fmt: skip


def register_all() -> None:
    from events.models import Event
    from knowledge.models import FundingCall, Resource, Thread
    from members.models import Organisation, Project

    register(
        Resource,
        related=("tags", "topics", "organisations", "cities", "authors", "attachments"),
        visibility=resource_visibility,
    )(resource_document)
    register(Thread, visibility=thread_visibility)(thread_document)
    register(Event, visibility=event_visibility)(event_document)
    register(Organisation, related=("province",), visibility=organisation_visibility)(
        organisation_document
    )
    register(
        Project, related=("lead", "partners", "cities", "topics"), visibility=project_visibility
    )(project_document)
    register(FundingCall, related=("topics", "documents"), visibility=funding_call_visibility)(
        funding_call_document
    )
