from django.urls import path

from . import project_views as views

app_name = "projects"

# Fixed paths first: the project slug catch-all comes after them.
urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_new, name="new"),
    path("overdue/", views.project_overview, name="overview"),
    path("requests/<int:pk>/decide/", views.project_decide, name="decide"),
    path("attachments/<int:pk>/<str:filename>", views.report_attachment, name="attachment"),
    path("<slug:slug>/", views.project_detail, name="detail"),
    path("<slug:slug>/edit/", views.project_edit, name="edit"),
    path("<slug:slug>/join/", views.project_join, name="join"),
    path("<slug:slug>/requests/", views.project_requests, name="requests"),
    path("<slug:slug>/report/", views.project_report, name="report"),
]
