"""Snapshots in the API: what each holds; their indicator values are the indicators' API's."""

from rest_framework import serializers


class SnapshotSerializer(serializers.Serializer):
    name = serializers.CharField()
    status = serializers.CharField()
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()
    frozen_at = serializers.DateTimeField(allow_null=True)
    cycles = serializers.JSONField(
        source="summary",
        help_text="Per cycle: deadline, reports, demo reports, Parties with records.",
    )
