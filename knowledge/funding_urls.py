from django.urls import path

from . import funding_views as views
from .funding_feeds import FundingCallFeed, deadlines_ics

app_name = "funding"

urlpatterns = [
    path("", views.funding_list, name="list"),
    path("archive/", views.funding_archive, name="archive"),
    path("new/", views.funding_new, name="new"),
    path("feed/", FundingCallFeed(), name="feed"),
    path("deadlines.ics", deadlines_ics, name="ical"),
    path("files/<int:pk>/<str:filename>", views.funding_document, name="document"),
    path("<slug:slug>/", views.funding_detail, name="detail"),
    path("<slug:slug>/edit/", views.funding_edit, name="edit"),
    path("<slug:slug>/publish/", views.funding_publish, name="publish"),
    path("<slug:slug>/decline/", views.funding_decline, name="decline"),
    path(
        "<slug:slug>/files/<int:pk>/delete/",
        views.funding_delete_document,
        name="delete_document",
    ),
]
