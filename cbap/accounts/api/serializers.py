from django.utils.translation import gettext_lazy
from rest_framework import serializers

from cbap.accounts.models import ApiToken, RoleAssignment, User


class RoleOutputSerializer(serializers.ModelSerializer):
    party = serializers.SlugRelatedField(slug_field="code", read_only=True)
    organization = serializers.StringRelatedField()

    class Meta:
        model = RoleAssignment
        fields = ["role", "label", "party", "organization", "granted_at"]


class MeOutputSerializer(serializers.ModelSerializer):
    roles = RoleOutputSerializer(many=True)
    is_secretariat = serializers.BooleanField()
    is_secretariat_admin = serializers.BooleanField()

    class Meta:
        model = User
        fields = ["email", "full_name", "is_secretariat", "is_secretariat_admin", "roles"]


class TokenInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100, help_text=gettext_lazy("What will use the token."))


class TokenOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "last_used_at", "revoked_at"]


class TokenCreatedOutputSerializer(TokenOutputSerializer):
    key = serializers.CharField(help_text=gettext_lazy("The secret, shown in this response only."))

    class Meta(TokenOutputSerializer.Meta):
        fields = [*TokenOutputSerializer.Meta.fields, "key"]
