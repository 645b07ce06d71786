"""Read-only API of the snapshots, and of the indicator values as each froze them (the same
shapes as /api/v1/indicators/, so that a number compares with its live one)."""

from drf_spectacular.utils import extend_schema
from rest_framework.generics import ListAPIView

from cbap.evaluation import selectors
from cbap.evaluation.api.serializers import SnapshotSerializer
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
