"""Web pages of national contacts: a Party's list, the create and edit forms.

Deleting a never-published draft and the workflow steps are the generic record pages'
(`cbap.records.views`)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from cbap.accounts import permissions
from cbap.accounts.permissions import Action
from cbap.contacts import selectors as contact_selectors
from cbap.contacts.forms import ContactEditForm, ContactForm
from cbap.contacts.models import NationalContact
from cbap.parties.models import Government
from cbap.records import selectors, services
from cbap.records.selectors import can_read, record_actions


def _party_or_404(code: str) -> Government:
    return get_object_or_404(Government, code=code.upper())


def _contact_or_404(request, pk: int) -> NationalContact:
    contact = get_object_or_404(NationalContact.objects.select_related("owner_party"), pk=pk)
    if not can_read(request.user, contact):
        raise Http404("No such contact.")
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
            messages.success(request, f"Saved as a draft: “{contact}”.")
            return redirect(contact.get_absolute_url())
    return render(
        request,
        "contacts/form.html",
        {"party": party, "form": form},
        status=400 if form.errors else 200,
    )


def contact_edit(request, pk: int):
    contact = _contact_or_404(request, pk)
    permissions.require(request.user, Action.EDIT, contact)
    context = {"party": contact.owner_party, "contact": contact}
    if request.method != "POST":
        form = ContactEditForm(initial={**contact.content(), "version": contact.version})
        return _edit_page(request, contact, form, context)
    form = ContactEditForm(request.POST)
    if not form.is_valid():
        return _edit_page(request, contact, form, context, status=400)
    try:
        saved = services.record_update(
            record=contact,
            actor=request.user,
            data=form.content(),
            expected_version=form.cleaned_data["version"],
            message=form.cleaned_data["message"],
            request=request,
        )
    except services.ConflictError as conflict:
        return _conflict_page(request, contact, form, conflict, context)
    except ValidationError as error:
        form.add_error(None, error)
        return _edit_page(request, contact, form, context, status=400)
    messages.success(request, f"Saved: “{saved}” (version {saved.version}, a draft).")
    return redirect(saved.get_absolute_url())


def _edit_page(request, contact, form, context, *, status=200, conflict=None, merge=None):
    return render(
        request,
        "contacts/form.html",
        {
            **context,
            "form": form,
            "actions": record_actions(request.user, contact),
            "conflict": conflict,
            "merge": merge,
            "labels": NationalContact.content_labels(),
        },
        status=status,
    )


def _conflict_page(request, contact, form, conflict, context):
    """409: what changed meanwhile, and the form refilled with a three-way merge based on the
    current version: the fields the person changed keep what they typed, the others take the
    current values (so saving again never undoes someone else's change unseen), and only the
    fields both changed are shown as clashes."""
    contact.refresh_from_db()
    merge = selectors.conflict_merge(contact, conflict, form.content())
    initial = {
        **merge.content,
        "version": conflict.current_version,
        "message": form.cleaned_data["message"],
    }
    return _edit_page(
        request,
        contact,
        ContactEditForm(initial=initial),
        context,
        status=409,
        conflict=conflict,
        merge=merge,
    )
