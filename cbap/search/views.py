"""The search page: one box, results grouped by kind."""

from django.shortcuts import render

from cbap.search import selectors


def results(request):
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("kind", "")
    kind = kind if kind in selectors.SOURCES else ""
    groups = selectors.search(query, kind) if query else []
    return render(
        request,
        "search/results.html",
        {
            "query": query,
            "kind": kind,
            "kinds": {key: label for key, (label, _) in selectors.SOURCES.items()},
            "groups": groups,
            "per_kind": selectors.PER_KIND,
            "limit": f":{200 if kind else selectors.PER_KIND}",  # one kind: all of it
        },
    )
