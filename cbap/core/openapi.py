"""The OpenAPI schema says every status an operation can answer with, not only its success."""

ERROR = {
    "type": "object",
    "description": "Why the request was refused: `detail`, or field → messages for a 400.",
    "additionalProperties": True,
}
REASONS = {
    "400": "The request is malformed: a parameter or a field says what.",
    "401": "The credentials (API token) are not valid.",
    "403": "Signed in, but not allowed to do this.",
    "404": "No such object, or not one you may see.",
    "409": "The object changed since the version you sent (the current one is described).",
    "415": "The body is not in a media type the operation reads (send JSON).",
    "428": "Say which version you changed (If-Match or `version`).",
    "429": "Too many requests: retry after the seconds in Retry-After.",
}
WRITES = {"post", "put", "patch", "delete"}


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: the error responses each operation may give."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            codes = ["400", "401", "403", "404", "429"]  # 404: also an unknown ?version=
            if method in WRITES and "{" in path:
                codes += ["409", "428"]
            if method in ("post", "put", "patch"):
                codes.append("415")
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(code, {"description": REASONS[code], "content": reference})
    return result
