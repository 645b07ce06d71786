"""Read-only API of the snapshots, and of the indicator values as each froze them (the same
shapes as /api/v1/indicators/, so that a number compares with its live one)."""

from dataclasses import asdict

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from cbap.evaluation import selectors
from cbap.evaluation.api.serializers import SnapshotSerializer
from cbap.evaluation.capacity import goal_parts
from cbap.indicators.api.views import IndicatorDetail, IndicatorValueList


class SnapshotList(ListAPIView):
    """The snapshots, newest first, with what each holds."""

    serializer_class = SnapshotSerializer

    def get_queryset(self):
        return selectors.snapshots()


def _frozen(self, name: str):
    return selectors.frozen_cycles(selectors.frozen_snapshot(name))


@extend_schema(tags=["snapshots"])
class SnapshotValueList(IndicatorValueList):
    """Every indicator's value in each plan cycle as the snapshot froze it (404 for a name no
    frozen snapshot has)."""

    cycles = _frozen


@extend_schema(tags=["snapshots"])
class SnapshotIndicatorDetail(IndicatorDetail):
    """One indicator as the snapshot froze it."""

    cycles = _frozen


@extend_schema(tags=["snapshots"], responses=OpenApiTypes.OBJECT)
class SnapshotCapacity(APIView):
    """The capacity-building records the snapshot kept, as the evaluation report counts them:
    per goal, its activities and materials by key area, region, audience, funder and type, and
    its key areas' needs against the support that reached them (all Parties); `kept` false for
    a snapshot frozen before these records were kept (unknown, not none)."""

    def get(self, request, name: str):
        snapshot = selectors.frozen_snapshot(name)
        capacity = selectors.frozen_capacity(snapshot)
        if capacity is None:
            return Response({"snapshot": name, "kept": False, "goals": []})
        parts, _table = goal_parts(capacity)
        return Response(
            {
                "snapshot": name,
                "kept": True,
                "day": capacity.day,
                "goals": [
                    {
                        "goal": goal,
                        **{key: value for key, value in vars(part).items() if key != "needs"},
                        "breakdowns": [
                            {
                                **asdict(breakdown),
                                "rows": [
                                    {"value": value, "label": label, "records": count}
                                    for value, label, count in breakdown.rows
                                ],
                            }
                            for breakdown in part.breakdowns
                        ],
                        "needs": [
                            {"key_area": row.key_area, **asdict(row.cell)} for row in part.needs
                        ],
                    }
                    for goal, part in parts.items()
                ],
            }
        )
