"""Every e-mail cbap sends: plain text and HTML from one pair of templates (`<name>.txt`,
`<name>.html`), from `DEFAULT_FROM_EMAIL`, in the recipient's language (the one they chose,
else the site's). A mail server that fails is logged, never the cause of a lost change: the
message is also in the recipient's list of notifications where one applies."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def send(*, to: Iterable, subject: str, template: str, context: dict) -> bool:
    """Send one message to each of `to` (people, or bare addresses; nobody sees the others),
    each in their language: give a lazy `subject` (gettext_lazy, `languages.deferred`) so that
    it is translated for each. True if all went."""
    sent = True
    for recipient in {getattr(r, "email", r): r for r in to}.values():
        address = getattr(recipient, "email", recipient)
        with translation.override(getattr(recipient, "language", "") or settings.LANGUAGE_CODE):
            subject_text = str(subject)
            given = {"subject": subject_text, "site_url": settings.SITE_URL, **context}
            text = render_to_string(f"{template}.txt", given)
            html = render_to_string(f"{template}.html", given)
        message = EmailMultiAlternatives(
            subject=subject_text, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[address]
        )
        message.attach_alternative(html, "text/html")
        try:
            message.send()
        except OSError:  # SMTP errors are OSErrors: the change stands, the operator is told
            logger.exception("e-mail %r to %s not sent", subject_text, address)
            sent = False
    return sent


def absolute(path: str) -> str:
    """A link for a message read outside the site (`SITE_URL` + path)."""
    return path if "://" in path else settings.SITE_URL.rstrip("/") + path
