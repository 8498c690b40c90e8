from django.shortcuts import render


def upcoming(request):
    return render(request, "events/upcoming.html")
