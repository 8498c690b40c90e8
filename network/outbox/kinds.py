"""Which preference switch governs which kind of e-mail, and how a kind is named to people.

A kind is a dotted name: ``digest``, ``reminder.event_7d``, ``announcement``, ``knowledge.reply``…
Kinds not listed here (transactional e-mails: verification, password reset, registration
confirmation) are always sent, unless they are bulk and the recipient muted them with one click.
"""

from django.utils.translation import gettext_lazy as _

# kind, or its first dotted part → EmailPreferences field
SWITCHES = {
    "digest": "digest",
    "reminder": "reminders",
    "announcement": "announcements",
    "knowledge.reply": "replies",
    "members.join_request": "join_requests",
    "events.event_changed": "event_changes",
    "events.event_cancelled": "event_changes",
    "events.message": "event_changes",
    "knowledge.review_decision": "review_results",
}

# What stops when someone unsubscribes from a kind, said on the unsubscribe page.
LABELS = {
    "digest": _("the digest of news from the network"),
    "reminders": _("reminders about events, pledges and reports"),
    "announcements": _("announcements from the network's coordinators"),
    "replies": _("notices of replies to your posts and threads"),
    "join_requests": _("notices of requests to join your organisation"),
    "event_changes": _("notices of changes to events you registered for"),
    "review_results": _("results of the review of your resources"),
}


def switch_for(kind: str) -> str | None:
    if kind in SWITCHES:
        return SWITCHES[kind]
    return SWITCHES.get(kind.split(".", 1)[0])


def label_for(kind: str):
    switch = switch_for(kind)
    if switch in LABELS:
        return LABELS[switch]
    return _("e-mails of this kind (%(kind)s)") % {"kind": kind}
