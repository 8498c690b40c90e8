from django.urls import path

from . import people_views, views

app_name = "members"

# Fixed paths first: the organisation slug catch-all comes last.
urlpatterns = [
    path("", views.directory, name="directory"),
    path("map/", views.map_page, name="map"),
    path("map/data.json", views.map_data, name="map_data"),
    path("join/", views.join, name="join"),
    path("requests/", views.requests, name="requests"),
    path("requests/<int:pk>/decide/", views.decide, name="decide"),
    path("me/", views.my_profile, name="me"),
    path("people/", people_views.people, name="people"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/<int:pk>/ask/", people_views.ask, name="ask"),
    path("advice/", people_views.advice, name="advice"),
    path(
        "advice/<int:pk>/answered/",
        people_views.advice_close,
        {"action": "answered"},
        name="advice_answered",
    ),
    path(
        "advice/<int:pk>/decline/",
        people_views.advice_close,
        {"action": "declined"},
        name="advice_decline",
    ),
    path("advice/reply/<str:token>/", people_views.advice_reply, name="advice_reply"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path("<slug:slug>/people/", views.organisation_people, name="organisation_people"),
    path("<slug:slug>/people/<int:pk>/role/", views.membership_role, name="membership_role"),
    path("<slug:slug>/people/<int:pk>/remove/", views.membership_remove, name="membership_remove"),
    path("<slug:slug>/", views.organisation, name="organisation"),
]
