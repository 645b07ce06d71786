from django.core.exceptions import BadRequest
from django.http import HttpResponseBadRequest
from django.template import loader


def bad_request(request, exception):
    """400 with the reason when cbap raised it (`BadRequest`, e.g. an unknown filter value);
    Django's own suspicious-request errors stay unexplained, as their messages may leak."""
    reason = str(exception) if type(exception) is BadRequest else ""
    return HttpResponseBadRequest(loader.get_template("400.html").render({"reason": reason}))
