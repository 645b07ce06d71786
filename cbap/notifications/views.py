"""A person's notifications: the list, newest first, and marking them read."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from cbap.notifications import selectors, services


@login_required
def notification_list(request):
    """GET: the list (opening it marks nothing read); POST: mark one (`id`) or all read."""
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("id") if v.isdigit()] or None
        services.notifications_mark_read(user=request.user, ids=ids)
        return redirect("notifications:list")
    page = Paginator(selectors.notifications_of(request.user), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread": selectors.unread_count(request.user)},
    )
