"""Surveys at /surveys/ (the library's app, its own namespace)."""

from django.urls import path

from . import survey_views

app_name = "surveys"

urlpatterns = [
    path("<slug:slug>/", survey_views.answer, name="answer"),
    path("<slug:slug>/thanks/", survey_views.thanks, name="thanks"),
    path("<slug:slug>/results/", survey_views.results, name="results"),
    path("<slug:slug>/results.<str:fmt>", survey_views.export, name="export"),
]
