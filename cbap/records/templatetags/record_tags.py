from django import template

register = template.Library()


@register.filter
def label_of(name: str, labels: dict) -> str:
    """{{ field|label_of:labels }}: the field's label, or its name when it has none."""
    return labels.get(name, name.replace("_", " ")) if labels else name


@register.filter
def status_badge(status: str) -> str:
    """CSS modifier of a status badge."""
    return {"published": "ok", "submitted": "warn", "withdrawn": "bad"}.get(status, "")


@register.filter
def record_type_key(record) -> str:
    """The `<type>` of the generic record URLs: `app_label.model`."""
    return record._meta.label_lower
