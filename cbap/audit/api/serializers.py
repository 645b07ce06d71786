from rest_framework import serializers

from cbap.audit.models import AuditEntry


class AuditEntryOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "at",
            "actor_email",
            "event",
            "target_type",
            "target_id",
            "target_label",
            "ip_address",
            "details",
        ]
