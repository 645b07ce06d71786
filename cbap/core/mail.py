"""Every e-mail cbap sends: plain text and HTML from one pair of templates (`<name>.txt`,
`<name>.html`), from `DEFAULT_FROM_EMAIL`. A mail server that fails is logged, never the cause
of a lost change: the message is also in the recipient's list of notifications where one
applies."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def send(*, to: Iterable[str], subject: str, template: str, context: dict) -> bool:
    """Send one message to each address of `to` (nobody sees the others); True if all went."""
    context = {"subject": subject, "site_url": settings.SITE_URL, **context}
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    sent = True
    for address in dict.fromkeys(to):
        message = EmailMultiAlternatives(
            subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[address]
        )
        message.attach_alternative(html, "text/html")
        try:
            message.send()
        except OSError:  # SMTP errors are OSErrors: the change stands, the operator is told
            logger.exception("e-mail %r to %s not sent", subject, address)
            sent = False
    return sent


def absolute(path: str) -> str:
    """A link for a message read outside the site (`SITE_URL` + path)."""
    return path if "://" in path else settings.SITE_URL.rstrip("/") + path
