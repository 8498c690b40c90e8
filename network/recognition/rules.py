"""The rules of recognition in one place: what each action is worth, the levels and the badges.

docs/network-health.md explains them to coordinators; change them here and rebuild
(``manage.py rebuild_recognition``): every point is recomputed from the records.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    RESOURCE_PUBLISHED = "resource", _("Resource published")
    ANSWER_HELPFUL = "helpful_answer", _("Answer marked helpful")
    EVENT_HOSTED = "hosted", _("Event hosted")
    EVENT_ATTENDED = "attended", _("Event attended")
    STUDY_VISIT = "delegation", _("Study-visit delegation")
    PLEDGE_DONE = "pledge_done", _("Pledge carried out")
    MEMBER_BROUGHT_IN = "brought_in", _("New member brought in")


POINTS = {
    Action.RESOURCE_PUBLISHED: 10,
    Action.ANSWER_HELPFUL: 5,
    Action.EVENT_HOSTED: 20,
    Action.EVENT_ATTENDED: 2,
    Action.STUDY_VISIT: 5,
    Action.PLEDGE_DONE: 8,
    Action.MEMBER_BROUGHT_IN: 10,
}


class Badge(models.TextChoices):
    FIRST_RESOURCE = "first_resource", _("First resource")
    HOST_CITY = "host_city", _("Host city")
    BRIDGE_BUILDER = "bridge_builder", _("Bridge builder")
    STUDY_VISIT_DELEGATE = "delegate", _("Study-visit delegate")
    HELPFUL_ANSWER = "helpful", _("Helpful answer")
    PLEDGE_KEPT = "pledge_kept", _("Pledge kept")
    DOOR_OPENER = "door_opener", _("Door opener")


BADGE_HELP = {
    Badge.FIRST_RESOURCE: _("Published a resource in the library."),
    Badge.HOST_CITY: _("Hosted an event or a study visit of the network."),
    Badge.BRIDGE_BUILDER: _(
        "Has ties with organisations of at least three other kinds or regions."
    ),
    Badge.STUDY_VISIT_DELEGATE: _("Went on a study visit to another member city."),
    Badge.HELPFUL_ANSWER: _("Gave an answer its asker marked helpful."),
    Badge.PLEDGE_KEPT: _("Carried out what they pledged to apply after an event."),
    Badge.DOOR_OPENER: _("Brought a new member into the network."),
}
BADGE_ICONS = {
    Badge.FIRST_RESOURCE: "bi-journal-check",
    Badge.HOST_CITY: "bi-house-heart",
    Badge.BRIDGE_BUILDER: "bi-signpost-split",
    Badge.STUDY_VISIT_DELEGATE: "bi-bus-front",
    Badge.HELPFUL_ANSWER: "bi-chat-heart",
    Badge.PLEDGE_KEPT: "bi-check2-circle",
    Badge.DOOR_OPENER: "bi-door-open",
}
# Ties to this many organisations of other kinds, or in other regions, make a bridge builder.
BRIDGE_MIN_OTHERS = 3


@dataclass(frozen=True)
class Level:
    number: int
    threshold: int
    name: str
    icon: str


LEVELS = (
    Level(0, 0, _("Newcomer"), "bi-circle"),
    Level(1, 10, _("Contributor"), "bi-star"),
    Level(2, 50, _("Active partner"), "bi-star-half"),
    Level(3, 150, _("Network builder"), "bi-star-fill"),
    Level(4, 400, _("Network champion"), "bi-trophy-fill"),
)


def level_for(points: int) -> Level:
    """The highest level whose threshold ``points`` reaches."""
    reached = LEVELS[0]
    for level in LEVELS:
        if points >= level.threshold:
            reached = level
    return reached
