from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.upcoming, name="upcoming"),
    path("past/", views.past, name="past"),
    path("calendar/", views.month, name="calendar"),
    path("calendar.ics", views.calendar_ics, name="calendar_ics"),
    path("mine/", views.mine, name="mine"),
    path("feed/<str:token>.ics", views.personal_ics, name="personal_ics"),
    path("pledges/<int:pk>/update/", views.pledge_update, name="pledge_update"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/cancel/", views.cancel, name="cancel"),
    path("<slug:slug>/event.ics", views.event_ics, name="event_ics"),
    path("<slug:slug>/registrations/", views.registrations, name="registrations"),
    path("<slug:slug>/registrations/<int:pk>/decide/", views.decide, name="decide"),
    path("<slug:slug>/pledges/new/", views.pledge_create, name="pledge_create"),
]
