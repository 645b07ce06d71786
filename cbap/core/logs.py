"""Logs as one JSON object per line, for a log collector (CBAP_LOG_FORMAT=json): cbap's own and
the web server's, each request with its fields (address, method, path, query, status,
milliseconds) rather than a line to parse. Plain text otherwise."""

from __future__ import annotations

from collections.abc import Mapping

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

NAMES = {"asctime": "time", "levelname": "level", "name": "logger"}


class JsonFormatter(_JsonFormatter):
    """python-json-logger's, with the fields of a record logged with a mapping of them (the web
    server's access log: `logger.info(format, {"method": …, "path": …})`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(
            "%(asctime)s %(levelname)s %(name)s %(message)s", rename_fields=NAMES, **kwargs
        )

    def add_fields(self, log_data, record, message_dict) -> None:
        super().add_fields(log_data, record, message_dict)
        if isinstance(record.args, Mapping):  # its own time and message stay
            log_data.update({k: v for k, v in record.args.items() if k not in log_data})


def granian_logging(log_format: str) -> dict | None:
    """The web server's logging: its own default for text, else JSON lines."""
    if log_format != "json":
        return None
    json = {"()": "cbap.core.logs.JsonFormatter"}
    return {"formatters": {"generic": json, "access": json}}
