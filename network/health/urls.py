from django.urls import path

from . import views

app_name = "health"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("recompute/", views.recompute, name="recompute"),
    path("nudge/", views.nudge, name="nudge"),
    path("graph.graphml", views.graph_graphml, name="graphml"),
    path("ties.csv", views.ties_csv, name="ties_csv"),
    path("organisations.csv", views.organisations_csv, name="organisations_csv"),
]
