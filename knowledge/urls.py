from django.urls import path

from . import discussion_views, views
from .feeds import ResourceAtomFeed, ResourceFeed

app_name = "knowledge"

urlpatterns = [
    path("", views.library, name="library"),
    path("new/", views.new, name="new"),
    path("preview/", views.preview, name="preview"),
    path("tags/", views.tag_suggestions, name="tags"),
    path("feed/", ResourceFeed(), name="feed"),
    path("feed/atom/", ResourceAtomFeed(), name="feed_atom"),
    path("review/", views.review_queue, name="review"),
    path("files/<int:pk>/<str:filename>", views.attachment, name="attachment"),
    path("discussions/", discussion_views.discussions, name="discussions"),
    path("discussions/new/", discussion_views.new_thread, name="new_thread"),
    path("discussions/<int:pk>/", discussion_views.thread, name="thread"),
    path("discussions/<int:pk>/reply/", discussion_views.reply, name="reply"),
    path(
        "discussions/<int:pk>/replies/<int:reply_pk>/helpful/",
        discussion_views.mark_helpful,
        name="helpful",
    ),
    path("flag/<str:kind>/<int:pk>/", discussion_views.flag, name="flag"),
    path("events/<slug:slug>/comment/", views.comment_on_event, name="comment_on_event"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/edit/", views.edit, name="edit"),
    path("<slug:slug>/comment/", views.comment_on_resource, name="comment"),
    path("<slug:slug>/publish/", views.publish, name="publish"),
    path("<slug:slug>/return/", views.return_for_changes, name="return"),
    path("<slug:slug>/files/<int:pk>/delete/", views.delete_attachment, name="delete_attachment"),
]
