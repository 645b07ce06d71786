"""Web pages of national contacts: a Party's list, the create and edit forms.

Saving an edit (a stale save gets the merged form), deleting a never-published draft and the
workflow steps are the generic record pages' (`cbap.records.views`)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cbap.accounts import permissions
from cbap.accounts.permissions import Action
from cbap.contacts import selectors as contact_selectors
from cbap.contacts.forms import ContactEditForm, ContactForm
from cbap.contacts.models import NationalContact
from cbap.parties.models import Government
from cbap.records import services
from cbap.records.selectors import can_read
from cbap.records.views import record_edit


def _party_or_404(code: str) -> Government:
    return get_object_or_404(Government, code=code.upper())


def _contact_or_404(request, pk: int) -> NationalContact:
    contact = get_object_or_404(NationalContact.objects.select_related("owner_party"), pk=pk)
    if not can_read(request.user, contact):
        raise Http404(_("No such contact."))
    return contact


def party_contacts(request, code: str):
    party = _party_or_404(code)
    views = contact_selectors.contact_views(request.user, party=party)
    return render(
        request,
        "contacts/party.html",
        {
            "party": party,
            "groups": contact_selectors.contacts_by_role(views),
            "can_create": permissions.can(request.user, Action.CREATE, party=party),
            "here": request.get_full_path(),
        },
    )


def contact_create(request, code: str):
    party = _party_or_404(code)
    permissions.require(request.user, Action.CREATE, party=party)
    form = ContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.record_create(
                model=NationalContact,
                actor=request.user,
                data=form.content(),
                owner_party=party,
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved as a draft: “%(contact)s”.") % {"contact": contact})
            return redirect(contact.get_absolute_url())
    return render(
        request,
        "contacts/form.html",
        {"party": party, "form": form},
        status=400 if form.errors else 200,
    )


def contact_edit(request, pk: int):
    contact = _contact_or_404(request, pk)
    return record_edit(
        request,
        contact,
        form_class=ContactEditForm,
        template_name="contacts/form.html",
        context={"party": contact.owner_party, "contact": contact},
    )
