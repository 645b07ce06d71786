from django import template

from cbap.records import selectors

register = template.Library()


@register.filter
def label_of(name: str, labels: dict) -> str:
    """{{ field|label_of:labels }}: the field's label, or its name when it has none."""
    return labels.get(name, name.replace("_", " ")) if labels else name


@register.filter
def status_badge(status: str) -> str:
    """CSS modifier of a status badge."""
    return {"published": "ok", "submitted": "warn", "withdrawn": "bad"}.get(status, "")


register.filter("record_type_key", selectors.record_type_key)
