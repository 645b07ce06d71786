"""Web pages of people: sign in and out, "me" with API tokens, and managing users and roles."""

from __future__ import annotations

import logging
from base64 import b32encode

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cbap.accounts import selectors, services, throttle, twofactor
from cbap.accounts.filtersets import UserFilterSet
from cbap.accounts.forms import (
    EmailLoginForm,
    PasswordResetForm,
    PersonForm,
    RoleForm,
    TokenForm,
)
from cbap.accounts.models import ApiToken, RoleAssignment, User
from cbap.audit.services import Event, audit, client_ip
from cbap.core.languages import in_language, remember_language

logger = logging.getLogger(__name__)


class LoginView(auth_views.LoginView):
    """Sign in with e-mail and password; both outcomes go to the audit trail."""

    template_name = "accounts/login.html"
    form_class = EmailLoginForm

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        audit(event=Event.LOGIN, actor=user, request=self.request)
        if user.language:  # the language they chose before, wherever they signed in
            response["Location"] = in_language(response["Location"], user.language)
            remember_language(response, user.language, self.request)
        return response

    def form_invalid(self, form):
        if form.failure:
            details = {"email": form.email_tried, "reason": form.failure}
            audit(event=Event.LOGIN_FAILED, actor=None, request=self.request, details=details)
        if form.waits_now:  # repeated failures: this client now waits before its next try
            details = {"email": form.email_tried, "reason": "repeated failed sign-ins"}
            audit(event=Event.LOCKOUT, actor=None, request=self.request, details=details)
            logger.warning(
                "sign-in throttled for %s from %s", form.email_tried, client_ip(self.request)
            )
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            audit(event=Event.LOGOUT, actor=request.user, request=request)
        return super().post(request, *args, **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    """A forgotten password: a link by e-mail; the same answer whether or not the address has
    an account (Django's view sends nothing to an unknown address), and whether or not the
    request was one too many (`throttle.reset_allowed`: then nothing is sent). Audited."""

    template_name = "accounts/password_reset.html"
    form_class = PasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    html_email_template_name = "accounts/email/password_reset.html"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        allowed = throttle.reset_allowed(client_ip(self.request) or "", email)
        details = {"email": email, **({} if allowed else {"refused": "too many requests"})}
        audit(event=Event.PASSWORD_RESET_REQUEST, actor=None, request=self.request, details=details)
        if not allowed:
            return redirect(self.success_url)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choosing a password from an e-mailed link (an invitation or a reset); audited."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        services.password_change(
            user=form.user, password=form.cleaned_data["new_password1"], request=self.request
        )
        throttle.forget(form.user.email)  # the owner proved it: no wait from earlier guesses
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return redirect(self.success_url)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change one's own password; the change goes to the audit trail."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:me")

    def form_valid(self, form):
        services.password_change(
            user=form.user, password=form.cleaned_data["new_password1"], request=self.request
        )
        update_session_auth_hash(self.request, form.user)  # stay signed in on this device
        messages.success(self.request, _("Your password is changed."))
        return redirect(self.get_success_url())


@login_required
def two_factor(request):
    """The second step of an administrator's sign-in: the code from the authenticator app,
    which the first time is set up here with the key shown (as text and as an otpauth link)."""
    if not twofactor.needs_second_factor(request.user):
        return redirect("accounts:me")
    device = twofactor.device_of(request.user)
    wrong = False
    if request.method == "POST":
        if twofactor.verify(request, device, request.POST.get("code", "")):
            audit(event=Event.LOGIN, actor=request.user, request=request, details={"step": "code"})
            target = request.GET.get("next", "")
            safe = target.startswith("/") and not target.startswith("//")
            return redirect(target if safe else "accounts:me")
        wrong = True
        details = {"email": request.user.email, "reason": "wrong second-step code"}
        audit(event=Event.LOGIN_FAILED, actor=None, request=request, details=details)
    key = b32encode(device.bin_key).decode() if not device.confirmed else ""
    return render(
        request,
        "accounts/two_factor.html",
        {"device": device, "key": key, "wrong": wrong},
        status=400 if wrong else 200,
    )


@login_required
def me(request, new_key: str = "", token_form: TokenForm | None = None, status: int = 200):
    """Who I am, my roles, and my API tokens (a new token's key is shown here, once)."""
    user = request.user
    return render(
        request,
        "accounts/me.html",
        {
            "roles": user.roles(),
            "tokens": user.tokens.order_by("revoked_at", "-created_at"),
            "token_form": token_form or TokenForm(),
            "new_key": new_key,
            "manages_users": selectors.may_manage_users(user),
        },
        status=status,
    )


@login_required
@require_POST
def token_create(request):
    form = TokenForm(request.POST)
    if not form.is_valid():
        return me(request, token_form=form, status=400)
    _token, key = services.token_issue(
        actor=request.user,
        user=request.user,
        name=form.cleaned_data["name"],
        days=form.cleaned_data["days"],
        request=request,
    )
    # Rendered, not redirected: the key must not travel through the session or a cookie.
    return me(request, new_key=key, status=201)


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.token_revoke(actor=request.user, token=token, request=request)
    messages.success(
        request,
        _("Token “%(name)s” (%(prefix)s…) is revoked.")
        % {"name": token.name, "prefix": token.prefix},
    )
    return redirect("accounts:me")


# --- managing users ----------------------------------------------------------------------------


def _require_manager(request) -> None:
    if not request.user.is_authenticated:
        raise PermissionDenied(_("Please sign in to manage users."))
    if not selectors.may_manage_users(request.user):
        raise PermissionDenied(_("Your roles do not allow you to manage users."))


def _managed_user_or_404(request, pk: int) -> User:
    _require_manager(request)
    user = get_object_or_404(User, pk=pk)
    if not selectors.may_manage_user(request.user, user):
        raise Http404(_("No such user among those you manage."))
    return user


@login_required
def users(request):
    _require_manager(request)
    filterset = UserFilterSet(request.GET, queryset=selectors.users_managed_by(request.user))
    return render(
        request,
        "accounts/users.html",
        {
            "people": filterset.qs,
            "form": filterset.form,
            "is_site_admin": selectors.managed_party_ids(request.user) is None,
        },
    )


@login_required
def user_add(request):
    _require_manager(request)
    form = PersonForm(request.POST if request.method == "POST" else None, viewer=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_add(
                actor=request.user,
                email=data["email"],
                full_name=data["full_name"],
                role=data["role"],
                party=data["party"],
                organization=data.get("organization"),
                request=request,
            )
        except services.AccountError as error:
            form.add_error(None, str(error))
        else:
            # The same answer whether or not the address had an account.
            messages.success(
                request,
                _(
                    "%(email)s now holds this role and was told so by e-mail (with a link "
                    "to choose a password, if the address had no account)."
                )
                % {"email": data["email"].strip().lower()},
            )
            return redirect("accounts:users")
    return render(
        request, "accounts/user_add.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def user_detail(request, pk: int):
    return _user_page(request, _managed_user_or_404(request, pk))


def _user_page(request, person: User, *, form=None, status=200):
    return render(
        request,
        "accounts/user.html",
        {
            "person": person,
            "rows": selectors.role_rows(request.user, person),
            "form": form or RoleForm(viewer=request.user),
            "is_site_admin": selectors.managed_party_ids(request.user) is None,
        },
        status=status,
    )


@login_required
@require_POST
def role_grant(request, pk: int):
    person = _managed_user_or_404(request, pk)
    form = RoleForm(request.POST, viewer=request.user)
    if not form.is_valid():
        return _user_page(request, person, form=form, status=400)
    assignment = services.role_grant(
        actor=request.user,
        user=person,
        role=form.cleaned_data["role"],
        party=form.cleaned_data["party"],
        organization=form.cleaned_data.get("organization"),
        request=request,
    )
    messages.success(
        request,
        _("%(email)s is now %(label)s.") % {"email": person.email, "label": assignment.label},
    )
    return redirect("accounts:user", pk=person.pk)


@login_required
@require_POST
def role_revoke(request, pk: int, assignment_pk: int):
    person = _managed_user_or_404(request, pk)
    assignment = get_object_or_404(RoleAssignment, pk=assignment_pk, user=person)
    assignment.user = person  # so that the service's `forget_roles` reaches this object
    try:
        services.role_revoke(actor=request.user, assignment=assignment, request=request)
    except services.AccountError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(email)s is no longer %(label)s.")
            % {"email": person.email, "label": assignment.label},
        )
    if not selectors.may_manage_user(request.user, person):
        return redirect("accounts:users")  # e.g. their last role of the focal point's Party
    return redirect("accounts:user", pk=person.pk)


@login_required
@require_POST
def user_active(request, pk: int):
    person = _managed_user_or_404(request, pk)
    active = request.POST.get("active") == "1"
    try:
        services.user_set_active(actor=request.user, user=person, active=active, request=request)
    except services.AccountError as error:
        messages.error(request, str(error))
    else:
        text = _("%(email)s is active.") if active else _("%(email)s is deactivated.")
        messages.success(request, text % {"email": person.email})
    return redirect("accounts:user", pk=person.pk)


@login_required
@require_POST
def user_unlock(request, pk: int):
    person = _managed_user_or_404(request, pk)
    services.user_unlock(actor=request.user, user=person, request=request)
    messages.success(
        request, _("%(email)s may sign in again from anywhere, at once.") % {"email": person.email}
    )
    return redirect("accounts:user", pk=person.pk)
