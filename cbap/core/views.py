from django.core.exceptions import BadRequest
from django.http import HttpResponseBadRequest, HttpResponseForbidden, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found

from cbap.core.readiness import readiness_problems


def not_found(request, exception):
    """404: the page for people, JSON for the API (whose clients parse what they get)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return page_not_found(request, exception)


def bad_request(request, exception):
    """400 with the reason when cbap raised it (`BadRequest`, e.g. an unknown filter value);
    Django's own suspicious-request errors stay unexplained, as their messages may leak."""
    reason = str(exception) if type(exception) is BadRequest else ""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": reason or _("Bad request.")}, status=400)
    return HttpResponseBadRequest(loader.get_template("400.html").render({"reason": reason}))


def permission_denied(request, exception):
    """403 saying why: cbap's permission checks name what was refused and for whom
    (`cbap.accounts.permissions.refusal`), which helps the person ask for the right role."""
    reason = str(exception) if str(exception) else ""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": reason or _("Not allowed.")}, status=403)
    page = loader.get_template("403.html").render({"reason": reason}, request)
    return HttpResponseForbidden(page)


def health(request):
    """Liveness, for monitoring: the process answers (nothing else is asked)."""
    return JsonResponse({"status": "ok"})


def ready(request):
    """Readiness: the database answers and every migration is applied, the cache answers,
    503 with what is wrong otherwise."""
    problems = readiness_problems()
    body = {"status": "ready" if not problems else "not ready", "problems": problems}
    return JsonResponse(body, status=503 if problems else 200)
