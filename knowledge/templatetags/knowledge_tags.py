"""``{% load knowledge_tags %}{% event_comments event %}``: the comments under an event's report."""

from django import template

register = template.Library()


@register.inclusion_tag("knowledge/_event_comments.html", takes_context=True)
def event_comments(context, event):
    from knowledge.views import event_comments as build

    request = context["request"]
    return {**build(request, event), "request": request, "csrf_token": context.get("csrf_token")}
