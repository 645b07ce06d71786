from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """Why a choice cannot be analysed, and what to choose instead."""

    detail = serializers.CharField()
