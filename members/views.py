from django.shortcuts import get_object_or_404, render

from .models import Organisation, Person


def directory(request):
    organisations = Organisation.objects.active().select_related("province")
    return render(request, "members/directory.html", {"organisations": organisations})


def organisation(request, slug):
    org = get_object_or_404(Organisation, slug=slug)
    return render(request, "members/organisation.html", {"organisation": org})


def person(request, pk):
    return render(request, "members/person.html", {"person": get_object_or_404(Person, pk=pk)})


def join(request):
    return render(request, "members/join.html")
