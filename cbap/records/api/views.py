"""The API every record type shares.

`RecordViewSet` gives a record type its detail, update, delete, workflow, revisions, diff and
restore endpoints; a subclass names its model and serializers and writes `list` and `create`
(which validates its input serializer and hands it to `create_record` with the owner).
Optimistic locking follows HTTP: GET gives `ETag: "<version>"`; every change (an edit, a restore,
a workflow step, a deletion) must say which version it starts from (`If-Match: "<version>"`, a
`version` field, or `?version=` on a DELETE), else 428; a stale one gets 409 with what changed.
Workflow steps need it too: publishing content one has not seen is exactly what it prevents.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cbap.accounts import permissions
from cbap.core.converters import ID_PATTERN
from cbap.records import selectors, services
from cbap.records.api import serializers
from cbap.records.diffing import changes_as_dict
from cbap.records.models import Record, Revision
from cbap.records.workflow import TRANSITIONS

IF_MATCH = re.compile(r'^\s*(?:W/)?"?(\d+)"?\s*$')
IF_MATCH_PARAM = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, description='The version you start from: "3".'
)
CONFLICT = OpenApiResponse(
    serializers.ConflictOutputSerializer, description="Changed meanwhile: nothing was saved."
)
PRECONDITION = OpenApiResponse(description="Neither If-Match nor a version field was given.")
REFUSED = OpenApiResponse(description="Refused as the record is now (the reason is in `detail`).")


def change_responses(output_serializer) -> dict:
    """The documented responses of a change that needs a version (for `extend_schema`)."""
    return {200: output_serializer, 409: CONFLICT, 428: PRECONDITION}


def documented(input_serializer, output_serializer):
    """A record type's view set documented in the schema: what its changes take and give."""
    changed = change_responses(output_serializer)
    return extend_schema_view(
        create=extend_schema(request=input_serializer),
        update=extend_schema(request=input_serializer, responses=changed),
        partial_update=extend_schema(request=input_serializer, responses=changed),
        restore=extend_schema(responses=changed),
    )


VERSION_PARAM = OpenApiParameter(
    "version", int, description="The version you start from, unless If-Match is given."
)
# A step's responses are the record type's (its subclass documents 200); 409/428 as for edits.
STEP_SCHEMA = {"parameters": [IF_MATCH_PARAM]}


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = gettext_lazy(
        'Say which version you start from: an If-Match: "<version>" header or a version field.'
    )
    default_code = "precondition_required"


class RecordViewSet(viewsets.GenericViewSet):
    model: type[Record]
    output_serializer_class: type
    input_serializer_class: type
    lookup_value_regex = ID_PATTERN

    # --- helpers a subclass uses -------------------------------------------------------------

    def get_record(self) -> Record:
        """The record, or 404 when the person may not read it (drafts stay unknown)."""
        queryset = self.model._default_manager.all()
        party_field = self.model.party_field
        owner = party_field if _has_field(self.model, party_field) else None
        if owner:
            queryset = queryset.select_related(owner)
        record = queryset.filter(pk=self.kwargs["pk"]).first()
        if record is None or not selectors.can_read(self.request.user, record):
            raise Http404(_("No such record."))
        return record

    def record_response(self, record: Record, status_code: int = status.HTTP_200_OK) -> Response:
        """The record as the person sees it, with its version as ETag."""
        view = selectors.record_view(self.request.user, record)
        if view is None:  # e.g. withdrawn by this very request: nothing left to show the public
            return Response(status=status.HTTP_204_NO_CONTENT)
        data = self.output_serializer_class(view, context={"request": self.request}).data
        return Response(data, status=status_code, headers={"ETag": f'"{view.version}"'})

    def create_record(self, incoming, **owner) -> Response:
        """Create a record from a valid input serializer, owned as `owner` says (e.g.
        `owner_party=…`): 201 with the record and its `Location`."""
        record = services.record_create(
            model=self.model,
            actor=self.request.user,
            data=incoming.content(),
            request=self.request,
            **owner,
        )
        response = self.record_response(record, status.HTTP_201_CREATED)
        response["Location"] = self.request.build_absolute_uri(f"{record.pk}/")
        return response

    def expected_version(self) -> int:
        """The version the change starts from: If-Match first, then a `version` field, then a
        `version` query parameter (a DELETE has no body)."""
        header = self.request.headers.get("If-Match")
        if header:
            match = IF_MATCH.match(header)
            if not match:
                raise exceptions.ParseError(_('If-Match must be a version in quotes, e.g. "3".'))
            return int(match.group(1))
        raw = self.request.data.get("version") if hasattr(self.request.data, "get") else None
        if raw is None or raw == "":
            raw = self.request.query_params.get("version")
        if raw is None or raw == "":
            raise PreconditionRequired()
        try:
            return int(raw)
        except (TypeError, ValueError) as error:
            raise exceptions.ParseError(_("version must be a whole number.")) from error

    def handle_exception(self, exc):
        if isinstance(exc, services.ConflictError):
            body = {
                "detail": str(exc),
                "current_version": exc.current_version,
                "changes": changes_as_dict(exc.changes_since),
            }
            return Response(
                body, status=status.HTTP_409_CONFLICT, headers={"ETag": f'"{exc.current_version}"'}
            )
        if isinstance(exc, services.RecordError):
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        if isinstance(exc, DjangoValidationError):
            body = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        return super().handle_exception(exc)

    # --- endpoints -----------------------------------------------------------------------------

    def retrieve(self, request, pk=None):
        return self.record_response(self.get_record())

    @extend_schema(parameters=[IF_MATCH_PARAM], responses={409: CONFLICT, 428: PRECONDITION})
    def update(self, request, pk=None, partial: bool = False):
        record = self.get_record()
        permissions.require(request.user, permissions.Action.EDIT, record)
        expected = self.expected_version()
        incoming = self.input_serializer_class(
            data=request.data, partial=partial, context={"request": request, "record": record}
        )
        incoming.is_valid(raise_exception=True)
        data = incoming.content()
        if not partial:  # PUT replaces the content: what it leaves out goes back to the default
            data = {**_defaults(self.model), **data}
        saved = services.record_update(
            record=record,
            actor=request.user,
            data=data,
            expected_version=expected,
            message=incoming.validated_data.get("message", ""),
            request=request,
        )
        return self.record_response(saved)

    @extend_schema(parameters=[IF_MATCH_PARAM], responses={409: CONFLICT, 428: PRECONDITION})
    def partial_update(self, request, pk=None):
        return self.update(request, pk, partial=True)

    @extend_schema(
        parameters=[IF_MATCH_PARAM, VERSION_PARAM],
        responses={204: None, 400: REFUSED, 409: CONFLICT, 428: PRECONDITION},
    )
    def destroy(self, request, pk=None):
        """Delete a draft that was never published; anything that is or was public is
        withdrawn instead (400). Revisions are kept."""
        record = self.get_record()
        permissions.require(request.user, permissions.Action.DELETE, record)
        services.record_delete(
            record=record,
            actor=request.user,
            expected_version=self.expected_version(),
            request=request,
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _transition(self, request, step: str) -> Response:
        record = self.get_record()
        action = getattr(permissions.Action, TRANSITIONS[step].action)
        permissions.require(request.user, action, record)
        expected = self.expected_version()
        incoming = serializers.TransitionInputSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        record = services.record_transition(
            record=record,
            actor=request.user,
            action=step,
            message=incoming.text(),
            expected_version=expected,
            request=request,
        )
        return self.record_response(record)

    @extend_schema(request=serializers.TransitionInputSerializer, **STEP_SCHEMA)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Request publication (draft → submitted), with an optional message. Say which version you
        looked at (If-Match or `version`): 428 without, 409 if it changed since."""
        return self._transition(request, "submit")

    @extend_schema(request=serializers.TransitionInputSerializer, **STEP_SCHEMA)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Publish the working copy: the public sees it from now on. Say which version you
        looked at (If-Match or `version`): 428 without, 409 if it changed since."""
        return self._transition(request, "publish")

    @extend_schema(request=serializers.TransitionInputSerializer, **STEP_SCHEMA)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        """Return a submitted record to draft; `reason` (or `message`) is required. Say which
        version you looked at (If-Match or `version`): 428 without, 409 if it changed since."""
        return self._transition(request, "return")

    @extend_schema(request=serializers.TransitionInputSerializer, **STEP_SCHEMA)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        """Take a submitted record back to draft to change it (an edit of a submitted record is
        refused with 400 until then). Say which version you looked at (If-Match or `version`):
        428 without, 409 if it changed since."""
        return self._transition(request, "reopen")

    @extend_schema(request=serializers.TransitionInputSerializer, **STEP_SCHEMA)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Withdraw from publication; `reason` (or `message`) is required. Say which version you
        looked at (If-Match or `version`): 428 without, 409 if it changed since."""
        return self._transition(request, "withdraw")

    @extend_schema(responses=serializers.RevisionOutputSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"])
    def revisions(self, request, pk=None):
        """Every revision, newest first."""
        record = self.get_record()
        permissions.require(request.user, permissions.Action.VIEW_HISTORY, record)
        revisions = selectors.record_history(record)
        return Response(serializers.RevisionOutputSerializer(revisions, many=True).data)

    @extend_schema(
        parameters=[serializers.DiffQuerySerializer],
        responses=serializers.DiffOutputSerializer,
    )
    @action(detail=True, methods=["get"], url_path="revisions/diff", url_name="revisions-diff")
    def revisions_diff(self, request, pk=None):
        """Per-field before (revision a) and after (revision b)."""
        record = self.get_record()
        permissions.require(request.user, permissions.Action.VIEW_HISTORY, record)
        query = serializers.DiffQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        a, b = query.validated_data["a"], query.validated_data["b"]
        try:
            changes = selectors.revision_diff(record, a, b)
        except Revision.DoesNotExist as error:
            raise Http404(str(error)) from error
        return Response({"a": a, "b": b, "changes": changes_as_dict(changes)})

    @extend_schema(
        request=serializers.RestoreInputSerializer,
        parameters=[IF_MATCH_PARAM],
        responses={409: CONFLICT, 428: PRECONDITION},
    )
    @action(detail=True, methods=["post"])
    def restore(self, request, pk=None):
        """Bring back an earlier revision's content as a new revision (a draft)."""
        record = self.get_record()
        permissions.require(request.user, permissions.Action.RESTORE, record)
        expected = self.expected_version()
        incoming = serializers.RestoreInputSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        restored = services.record_restore(
            record=record,
            actor=request.user,
            revision_number=incoming.validated_data["revision"],
            expected_version=expected,
            request=request,
        )
        return self.record_response(restored)


def _defaults(model: type[Record]) -> dict:
    return {name: model._meta.get_field(name).get_default() for name in model.content_fields}


def _has_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.get_fields())
