"""Writes of the activities app besides the record services (which create, edit and publish
activities and resources): storing an uploaded file and counting a resource's use."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from cbap.activities.models import Resource, ResourceUsage, StoredFile

# What a library file may be: its extension → (media type, test of its first bytes / archive).
OFFICE = {
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word/"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/"),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "ppt/"),
}
SIGNATURES = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
}
ALLOWED = (*SIGNATURES, *OFFICE, ".txt")

# Requests of robots are not counted: user agents that say they are one, and none at all.
ROBOT = re.compile(r"bot|crawl|spider|slurp|preview|fetch|monitor|curl|wget|python|java|http", re.I)


@dataclass(frozen=True)
class CheckedFile:
    """An upload found small enough and of the type its name says, not yet kept."""

    name: str
    media_type: str
    data: bytes

    def described(self) -> dict:
        """What a resource's `files` holds about a file (its `id` once kept)."""
        return {"name": self.name, "media_type": self.media_type, "size": len(self.data)}


def file_check(*, upload) -> CheckedFile:
    """Read an upload if it is small enough and is what its name says. Raises ValidationError
    naming the file and the reason."""
    name = (upload.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    limit = settings.CBAP_LIBRARY_FILE_MAX
    if upload.size > limit:
        raise ValidationError(
            _("%(name)s is %(size)s MB; a library file may be at most %(max)s MB.")
            % {"name": name, "size": round(upload.size / 2**20, 1), "max": limit // 2**20}
        )
    data = upload.read(limit + 1)
    return CheckedFile(name, _media_type(name, data), data)


def file_store(*, checked: CheckedFile) -> dict:
    """Keep a checked file (the same bytes uploaded twice are kept once); returns what the
    resource's `files` holds about it."""
    digest = hashlib.sha256(checked.data).hexdigest()
    stored = StoredFile.objects.filter(sha256=digest).first() or StoredFile.objects.create(
        sha256=digest,
        name=checked.name,
        media_type=checked.media_type,
        size=len(checked.data),
        data=checked.data,
    )
    return {"id": stored.pk, **checked.described()}


def _media_type(name: str, data: bytes) -> str:
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED:
        raise ValidationError(
            _("%(name)s: a library file is one of %(allowed)s.")
            % {"name": name, "allowed": ", ".join(ALLOWED)}
        )
    if extension in SIGNATURES:
        media_type, signature = SIGNATURES[extension]
        if data.startswith(signature):
            return media_type
    elif extension in OFFICE:
        media_type, folder = OFFICE[extension]
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            names = []
        if "[Content_Types].xml" in names and any(n.startswith(folder) for n in names):
            return media_type
    else:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if b"\x00" not in data:
                return "text/plain; charset=utf-8"
    raise ValidationError(
        _("%(name)s is not a %(extension)s file: its content says otherwise.")
        % {"name": name, "extension": extension}
    )


def usage_count(
    *, resource: Resource, event: str, user_agent: str, when: date | None = None
) -> bool:
    """Count one view or download of a published resource in its month, unless a robot asked.
    Nothing about the person is kept. Returns whether it was counted."""
    if event not in ("views", "downloads"):
        raise ValueError(event)
    if not user_agent or ROBOT.search(user_agent) or not resource.is_public:
        return False
    month = (when or date.today()).replace(day=1)
    with transaction.atomic():
        row, _created = ResourceUsage.objects.get_or_create(resource=resource, month=month)
        ResourceUsage.objects.filter(pk=row.pk).update(**{event: F(event) + 1})
    return True
