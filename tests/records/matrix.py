"""What the authorization-matrix tests of every record type share: the actions, the state a
record must be in for each, the API's way of taking them, and what allowed and refused mean.

Each record type's test keeps its own table of who may do what, written out by hand.
"""

from cbap.accounts.permissions import SYSTEM
from cbap.records import services

ACTIONS = ("view_draft", "edit", "submit", "publish", "return", "withdraw")
EVERYTHING = set(ACTIONS)
STATE_BEFORE = {
    "view_draft": "draft",
    "edit": "draft",
    "submit": "draft",
    "publish": "submitted",
    "return": "submitted",
    "withdraw": "published",
}
STATE_AFTER = {
    "submit": "submitted",
    "publish": "published",
    "return": "draft",
    "withdraw": "withdrawn",
}


def cases(expected: dict, owners: tuple[str, str]) -> list[tuple[str, str, str, bool]]:
    """(role, owner, action, allowed) for every role of `expected` (role → (allowed on the
    first owner's record, allowed on the second's)) × both owners × every action."""
    return [
        (role, owner, action, action in expected[role][owner == owners[1]])
        for role in expected
        for owner in owners
        for action in ACTIONS
    ]


def brought_to(record, state: str):
    """The new record taken through the workflow to `state` by the system."""
    for step in {"draft": [], "submitted": ["submit"], "published": ["publish"]}[state]:
        record = services.record_transition(record=record, actor=SYSTEM, action=step)
    return record


def through_the_api(client, url: str, record, action: str) -> int:
    """`url`: the record's API address. Steps send both a history message and a reason."""
    if action == "view_draft":
        return client.get(url).status_code
    if action == "edit":
        return client.patch(
            url, {"city": "Changed"}, content_type="application/json",
            HTTP_IF_MATCH=f'"{record.version}"',
        ).status_code  # fmt: skip
    return client.post(
        f"{url}{action}/", {"message": "A reason.", "reason": "A reason."},
        HTTP_IF_MATCH=f'"{record.version}"',
    ).status_code  # fmt: skip


def check_outcome(record, before, *, status, user, role, owner, action, allowed) -> None:
    """Allowed: a success and the change made. Refused: 403/404 (or the sign-in page for the
    public) and the record as it was."""
    record.refresh_from_db()
    if allowed:
        assert status in (200, 302), f"{role} should {action} {owner}'s record: got {status}"
        if action == "edit":
            assert record.city == "Changed"
        elif action != "view_draft":
            assert record.status == STATE_AFTER[action]
    else:
        assert status in (302, 403, 404), f"{role} must not {action} {owner}'s record: {status}"
        if status == 302:  # the web sends the public to the sign-in page
            assert user is None
        assert (record.status, record.version) == before
