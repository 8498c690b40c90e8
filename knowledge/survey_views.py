"""Surveys in the browser: answering once, the thank-you, and the coordinators' results and
exports. Everything here is for signed-in people; anonymous visitors are asked to sign in."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from members.access import coordinators_only, is_coordinator
from network.lib.spreadsheets import csv_bytes, xlsx_bytes

from . import access, segments, surveys
from .models import Survey, SurveyResponse
from .survey_forms import SurveyAnswerForm


def _refused(request, survey):
    return render(
        request,
        "knowledge/surveys/refused.html",
        {"survey": survey, "segment": segments.describe(survey)},
        status=403,
    )


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request, slug):
    try:
        survey = access.get_survey_for_answer(request, slug)
    except access.NotInSegment as refusal:
        return _refused(request, refusal.survey)
    if survey.preview_only and request.method == "POST":
        return _refused(request, survey)
    earlier = SurveyResponse.objects.filter(survey=survey, user=request.user).first()
    if earlier is not None:
        status = 409 if request.method == "POST" else 200
        return render(
            request,
            "knowledge/surveys/answered.html",
            {"survey": survey, "response": earlier, "refused": request.method == "POST"},
            status=status,
        )
    if not survey.is_open():
        status = 403 if request.method == "POST" else 200
        return render(request, "knowledge/surveys/closed.html", {"survey": survey}, status=status)
    questions = list(survey.questions.prefetch_related("options"))
    data = request.POST if request.method == "POST" else None
    form = SurveyAnswerForm(data, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            surveys.answer(
                survey=survey, user=request.user, questions=questions, cleaned=form.cleaned_data
            )
        except surveys.AlreadyAnswered:
            return redirect("surveys:answer", slug=survey.slug)  # the page says when
        except surveys.SurveyClosed:
            return redirect("surveys:answer", slug=survey.slug)
        return redirect("surveys:thanks", slug=survey.slug)
    return render(
        request,
        "knowledge/surveys/answer.html",
        {"survey": survey, "form": form, "segment": segments.describe(survey)},
    )


@require_safe
@never_cache
@login_required
def thanks(request, slug):
    try:
        survey = access.get_survey_for_answer(request, slug)
    except access.NotInSegment as refusal:
        return _refused(request, refusal.survey)
    if not SurveyResponse.objects.filter(survey=survey, user=request.user).exists():
        return redirect("surveys:answer", slug=survey.slug)
    return render(request, "knowledge/surveys/thanks.html", {"survey": survey})


@require_safe
@never_cache
@login_required
def results(request, slug):
    survey = access.get_survey_for_results(request, slug)
    return render(
        request,
        "knowledge/surveys/results.html",
        {
            "survey": survey,
            "segment": segments.describe(survey),
            "can_export": is_coordinator(request.user),
            **surveys.results(survey),
        },
    )


@require_safe
@never_cache
@coordinators_only
def export(request, slug, fmt):
    """Exports (one row per person) are for coordinators only."""
    survey = get_object_or_404(Survey, slug=slug)
    rows = surveys.export_rows(survey)
    if fmt == "csv":
        content, mimetype = csv_bytes(rows), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        content = xlsx_bytes(rows, title="Survey")
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise Http404
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}.{fmt}"'
    return response
