"""Site-wide request guards."""

from django.core.exceptions import BadRequest


def reject_nul_bytes(get_response):
    """Answer 400 to a NUL character in the address or the query string.

    No page has a use for one, and PostgreSQL refuses it in a text parameter, so a crawler or a
    fuzzer sending ``?q=%00`` would otherwise reach a view's query and end in a server error.
    Form fields already refuse NUL themselves (``ProhibitNullCharactersValidator``).
    """

    def middleware(request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("NUL character in the request address")
        return get_response(request)

    return middleware
