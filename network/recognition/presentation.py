"""Levels and badges as templates show them."""

from .rules import BADGE_HELP, BADGE_ICONS, LEVELS, POINTS, Action, Badge, level_for


def badge(code: str) -> dict:
    value = Badge(code)
    return {
        "code": code,
        "label": value.label,
        "help": BADGE_HELP[value],
        "icon": BADGE_ICONS[value],
    }


def badges(codes) -> list[dict]:
    return [badge(code) for code in codes if code in Badge.values]


def badge_rows(standings) -> list[dict]:
    """Standings with their level and badges, grouped under their level (highest first)."""
    rows = []
    for standing in standings:
        rows.append(
            {
                "standing": standing,
                "recipient": standing.person or standing.organisation,
                "level": level_for(standing.points),
                "badges": badges(standing.badges),
            }
        )
    return rows


def levels_table(counts: dict | None = None) -> list[dict]:
    counts = counts or {}
    return [
        {
            "level": level,
            "people": counts.get(level.number, {}).get("people", 0),
            "organisations": counts.get(level.number, {}).get("organisations", 0),
        }
        for level in reversed(LEVELS[1:])
    ]


def points_table() -> list[tuple[str, int]]:
    return [(Action(action).label, points) for action, points in POINTS.items()]


def all_badges() -> list[dict]:
    return [badge(code) for code in Badge.values]
