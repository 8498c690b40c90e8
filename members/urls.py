from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("join/", views.join, name="join"),
    path("<slug:slug>/", views.organisation, name="organisation"),
    path("people/<int:pk>/", views.person, name="person"),
]
