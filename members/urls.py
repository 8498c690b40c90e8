from django.urls import path

from . import views

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
    path("people/<int:pk>/", views.person, name="person"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path("<slug:slug>/people/", views.organisation_people, name="organisation_people"),
    path("<slug:slug>/people/<int:pk>/role/", views.membership_role, name="membership_role"),
    path("<slug:slug>/people/<int:pk>/remove/", views.membership_remove, name="membership_remove"),
    path("<slug:slug>/", views.organisation, name="organisation"),
]
