"""The API of the signed-in person: who they are, their roles, and their API tokens."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from cbap.accounts import services
from cbap.accounts.api import serializers
from cbap.accounts.authentication import ApiTokenAuthentication
from cbap.accounts.models import ApiToken


class MeView(APIView):
    """Who you are and your roles."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=serializers.MeOutputSerializer)
    def get(self, request):
        return Response(serializers.MeOutputSerializer(request.user).data)


class TokenListView(APIView):
    """Your API tokens (revoked ones included); POST creates one and returns its key once.

    Creating needs a signed-in session: a token cannot make more tokens, so revoking a leaked
    token is enough."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=serializers.TokenOutputSerializer(many=True))
    def get(self, request):
        tokens = request.user.tokens.order_by("revoked_at", "-created_at")
        return Response(serializers.TokenOutputSerializer(tokens, many=True).data)

    @extend_schema(
        request=serializers.TokenInputSerializer,
        responses={201: serializers.TokenCreatedOutputSerializer},
    )
    def post(self, request):
        if isinstance(request.successful_authenticator, ApiTokenAuthentication):
            return Response(
                {"detail": _("Create tokens from a signed-in session (or `cbap users token`).")},
                status=status.HTTP_403_FORBIDDEN,
            )
        data = serializers.TokenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        token, key = services.token_issue(
            actor=request.user, user=request.user, name=data.validated_data["name"], request=request
        )
        token.key = key
        return Response(
            serializers.TokenCreatedOutputSerializer(token).data, status=status.HTTP_201_CREATED
        )


class TokenDetailView(APIView):
    """One of your tokens; DELETE revokes it (it stays listed, with `revoked_at`)."""

    permission_classes = [IsAuthenticated]

    def get_token(self, request, pk: int) -> ApiToken:
        return get_object_or_404(ApiToken, pk=pk, user=request.user)

    @extend_schema(responses=serializers.TokenOutputSerializer)
    def get(self, request, pk: int):
        return Response(serializers.TokenOutputSerializer(self.get_token(request, pk)).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        services.token_revoke(
            actor=request.user, token=self.get_token(request, pk), request=request
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
