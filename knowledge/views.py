from django.shortcuts import render


def library(request):
    return render(request, "knowledge/library.html")
