"""The publication workflow every record follows, as data: which step goes from where to where.

    draft ──submit──▶ submitted ──publish──▶ published ──withdraw (reason)──▶ withdrawn
      ▲                  │
      ├──return (reason)─┤   the publisher sends it back to its author
      └──reopen──────────┘   its editors take it back to change it

A submitted record waits for its publisher: nobody's edit moves it back to draft unseen, so
changing it is the deliberate step `reopen` (`cbap.records.services.record_update` refuses the
edit otherwise). Any other edit or restore makes the working copy a draft again, while the
public keeps the published revision until the next publication. A publisher may also publish a
draft directly, as in the BCH, and a withdrawn record may be submitted or published again.
Withdrawing applies to whatever the public sees, so it is allowed while a published revision
exists, even under a newer draft.
Who may take a step is `cbap.accounts.permissions`' business (each step names its `Action`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from cbap.records.models import Record, Status


@dataclass(frozen=True)
class Transition:
    name: str
    label: str  # a lazy text, in the reader's language when shown
    sources: frozenset[str]
    target: str
    reason_required: bool
    # Member name of `cbap.accounts.permissions.Action` needed to take the step.
    action: str

    def allowed_from(self, record: Record) -> bool:
        if self.name == "withdraw":
            return record.is_public
        return record.status in self.sources


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition(
            "submit",
            gettext_lazy("Submit for publication"),
            sources=frozenset({Status.DRAFT, Status.WITHDRAWN}),
            target=Status.SUBMITTED,
            reason_required=False,
            action="SUBMIT",
        ),
        Transition(
            "publish",
            gettext_lazy("Publish"),
            sources=frozenset({Status.DRAFT, Status.SUBMITTED, Status.WITHDRAWN}),
            target=Status.PUBLISHED,
            reason_required=False,
            action="PUBLISH",
        ),
        Transition(
            "return",
            gettext_lazy("Return to draft"),
            sources=frozenset({Status.SUBMITTED}),
            target=Status.DRAFT,
            reason_required=True,
            action="RETURN",
        ),
        Transition(
            "reopen",
            gettext_lazy("Take back to draft to edit"),
            sources=frozenset({Status.SUBMITTED}),
            target=Status.DRAFT,
            reason_required=False,
            action="EDIT",
        ),
        Transition(
            "withdraw",
            gettext_lazy("Withdraw from publication"),
            sources=frozenset(),  # see allowed_from: whenever something is public
            target=Status.WITHDRAWN,
            reason_required=True,
            action="WITHDRAW",
        ),
    ]
}
