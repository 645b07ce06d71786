from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy

from cbap.accounts import permissions, selectors, throttle
from cbap.accounts.backends import normalized
from cbap.accounts.models import Role, User, role_scope
from cbap.accounts.services import TOKEN_DAYS
from cbap.audit.services import client_ip
from cbap.core.languages import deferred


class EmailLoginForm(AuthenticationForm):
    """Sign in with an e-mail address. Every refusal reads the same whether or not an account
    has that address; `failure` says why, for the audit trail. A client that failed too often
    with an address waits (`throttle`) without its password being checked."""

    username = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": gettext_lazy(
            "The e-mail address or the password is not right. After %(max)d failed attempts, "
            "each further attempt from this connection waits a little longer."
        ),
        "locked": gettext_lazy(
            "Too many failed attempts from this connection: please wait %(wait)s before trying "
            "again. Signing in from elsewhere is not affected; the Secretariat can lift the wait."
        ),
        "inactive": gettext_lazy("This account is inactive."),
    }

    failure = ""
    waits_now = False  # this attempt was the failure that started (or lengthened) a wait

    @property
    def email_tried(self) -> str:
        return normalized(self.data.get("username"))

    def clean(self):
        email = normalized(self.cleaned_data.get("username"))
        password = self.cleaned_data.get("password")
        if not (email and password):
            return self.cleaned_data
        client = client_ip(self.request) or ""
        wait = throttle.wait(client, email)
        if not wait:
            self.user_cache = authenticate(self.request, username=email, password=password)
            if self.user_cache is not None:
                throttle.succeeded(client, email)
                self.confirm_login_allowed(self.user_cache)
                return self.cleaned_data
            self.waits_now = throttle.failed(client, email)
        # A wrong password is logged as one, also when it starts a wait; only attempts made
        # while waiting are logged as "locked" (their password was not checked).
        self.failure = "locked" if wait else "wrong e-mail or password"
        params = {"max": settings.LOGIN_FREE_FAILURES, "wait": _duration(wait)}
        code = "locked" if wait else "invalid_login"
        raise forms.ValidationError(self.error_messages[code], code=code, params=params)


def _duration(seconds: int) -> str:
    if seconds < 60:
        return ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
    minutes = -(-seconds // 60)
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        label=gettext_lazy("Name"),
        help_text=gettext_lazy("What will use it, e.g. “NR5 import script on my laptop”."),
    )
    days = forms.TypedChoiceField(
        coerce=int,
        choices=[
            (days, deferred(ngettext_lazy("%(days)d day", "%(days)d days", days), days=days))
            for days in TOKEN_DAYS
        ],
        initial=TOKEN_DAYS[1],
        required=False,
        empty_value=TOKEN_DAYS[1],
        label=gettext_lazy("Valid for"),
        help_text=gettext_lazy("The token stops working then; create a new one when it does."),
    )


class RoleForm(forms.Form):
    """A role, and the Party or organization it is held for, among those `viewer` may grant."""

    role = forms.ChoiceField(label=gettext_lazy("Role"))
    party = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=gettext_lazy("Party"),
        help_text=gettext_lazy("For the national roles."),
    )
    organization = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=gettext_lazy("Organization"),
        help_text=gettext_lazy("For organization editors."),
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        parties, organizations = selectors.managed_owners(viewer)
        self.fields["party"].queryset = parties
        self.fields["organization"].queryset = organizations
        roles = selectors.grantable_roles_anywhere(viewer)
        choices = [(role.value, role.label) for role in roles]
        # With several roles, nothing is preselected: no administrator role by a slip.
        self.fields["role"].choices = choices if len(choices) == 1 else [("", "—"), *choices]
        if not roles or all(role_scope(role) != "organization" for role in roles):
            del self.fields["organization"]
        if parties.count() == 1:
            self.fields["party"].initial = parties.first()

    def clean(self):
        data = super().clean()
        role, party, organization = data.get("role"), data.get("party"), data.get("organization")
        if not role:
            return data
        scope = role_scope(role)
        if scope == "party" and party is None:
            self.add_error(
                "party",
                _("Choose the Party the %(role)s acts for.") % {"role": Role(role).label.lower()},
            )
        elif scope == "organization" and organization is None:
            self.add_error("organization", _("Choose the organization whose records they edit."))
        if scope != "party":
            data["party"] = None
        if scope != "organization":
            data["organization"] = None
        if not self.errors and not permissions.may_grant(
            self.viewer, role, party=data["party"], organization=data["organization"]
        ):
            raise forms.ValidationError(
                _("You may not give this role for this Party/organization.")
            )
        return data


class PersonForm(RoleForm):
    """Add a person: an e-mail address (a new account, or one that exists) and a first role."""

    email = forms.EmailField(label=gettext_lazy("E-mail address"))
    full_name = forms.CharField(max_length=200, required=False, label=gettext_lazy("Full name"))
    field_order = ["email", "full_name", "role", "party", "organization"]


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's, for every active account: one invited but never set up (no password yet)
    may ask for a new link once the invitation's has expired."""

    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email):
        return User.objects.filter(email__iexact=email.strip(), is_active=True)
