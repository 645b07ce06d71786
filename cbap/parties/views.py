"""Web pages of the registry: the Parties list (with downloads) and a government's profile."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from cbap.parties import exports, registry, selectors
from cbap.parties.forms import AsOfForm, RegistryFilterForm
from cbap.parties.models import Government, Protocol


def _filtered(request):
    form = RegistryFilterForm(request.GET or None)
    day = form.as_of_day()
    governments = selectors.filter_governments(selectors.registry_on(day), day, **form.filters())
    return form, day, governments


def party_list(request):
    form, day, governments = _filtered(request)
    governments = list(governments)
    return render(
        request,
        "parties/list.html",
        {
            "form": form,
            "day": day,
            "governments": governments,
            "counts": selectors.counts_by_status(governments),
            "groupings": selectors.groupings_on(day),
            "caveats": selectors.date_caveats(),
            "information_date": registry.INFORMATION_DATE,
            "query_string": request.GET.urlencode(),
        },
    )


def download(request, fmt: str):
    _, day, governments = _filtered(request)
    content = exports.RENDERERS[fmt](exports.registry_document(governments, day))
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="cbap-parties-{day}.{fmt}"'
    return response


def detail(request, code: str):
    if code != code.upper():
        return redirect("parties:detail", code=code.upper())
    form = AsOfForm(request.GET or None)
    day = form.as_of_day()
    try:
        government = selectors.registry_on(day).get(code=code)
    except Government.DoesNotExist as error:
        raise Http404(f"No government {code} in the registry.") from error
    protocols = [
        (Protocol.CARTAGENA, government.cartagena_membership, government.cartagena_party),
        (
            Protocol.SUPPLEMENTARY,
            government.supplementary_membership,
            government.supplementary_party,
        ),
    ]
    groupings = [
        (membership, membership.is_valid_on(day))
        for membership in selectors.government_groupings(government)
    ]
    return render(
        request,
        "parties/detail.html",
        {
            "form": form,
            "day": day,
            "government": government,
            "protocols": protocols,
            "groupings": groupings,
            "information_date": registry.INFORMATION_DATE,
        },
    )
