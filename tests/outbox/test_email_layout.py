"""Every HTML e-mail wears the site's e-mail layout (templates/emails/base.html)."""

from pathlib import Path

from django.conf import settings
from django.template.loader import get_template

ROOT = Path(settings.BASE_DIR)


def html_email_templates() -> list[str]:
    """Template names of every e-mail's HTML part: ``<name>_body.html`` (network.lib.emails) and
    allauth's ``account/email/*_message.html``."""
    names = []
    for folder in [ROOT / "templates", *ROOT.glob("*/templates"), *ROOT.glob("*/*/templates")]:
        for path in folder.rglob("*.html"):
            relative = path.relative_to(folder).as_posix()
            if relative.endswith("_body.html") or (
                relative.startswith("account/email/") and relative.endswith("_message.html")
            ):
                names.append(relative)
    return sorted(set(names))


def extends_base(name: str) -> bool:
    template = get_template(name).template
    seen = set()
    while template is not None and template.origin.template_name not in seen:
        seen.add(template.origin.template_name)
        if template.origin.template_name == "emails/base.html":
            return True
        parent = _parent(template)
        if parent is None:
            return False
        template = get_template(parent).template
    return False


def _parent(template):
    from django.template.loader_tags import ExtendsNode, IncludeNode

    for node in template.nodelist:
        if isinstance(node, ExtendsNode):
            return node.parent_name.resolve({})
        if isinstance(node, IncludeNode):  # a template that is another one (allauth's signup)
            return node.template.resolve({})
    return None


def test_every_html_email_extends_the_base_layout():
    names = html_email_templates()
    assert len(names) > 20, names
    assert [name for name in names if not extends_base(name)] == []


def test_a_template_that_does_not_extend_the_layout_is_caught(tmp_path, settings):
    folder = tmp_path / "templates"
    (folder / "x" / "emails").mkdir(parents=True)
    (folder / "x" / "emails" / "bare_body.html").write_text("<p>Hello</p>")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [folder, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    assert not extends_base("x/emails/bare_body.html")
    assert extends_base("members/emails/join_request_body.html")
