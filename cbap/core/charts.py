"""Charts drawn on the server as accessible SVG: Altair specifies, vl-convert renders.

Every chart gets `role="img"`, a <title> and a <desc>; pages put the same numbers in a table
beside it. Rendered SVG is cached by the spec's hash, so a repeated page costs nothing.
"""

from __future__ import annotations

import hashlib
import json
import re

import vl_convert
from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

CACHE_SECONDS = 24 * 3600
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"


def render_svg(spec: dict, *, title: str, description: str) -> SafeString:
    """Render a Vega-Lite spec (e.g. `altair.Chart(...).to_dict()`) to inline, accessible SVG."""
    spec = {**spec, "config": {"font": FONT, **spec.get("config", {})}}
    payload = json.dumps(spec, sort_keys=True, default=str)
    key = "chart:" + hashlib.sha256(f"{payload}|{title}|{description}".encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = _accessible(vl_convert.vegalite_to_svg(json.loads(payload)), title, description)
        cache.set(key, svg, CACHE_SECONDS)
    return mark_safe(svg)


def _accessible(svg: str, title: str, description: str) -> str:
    ident = "c" + hashlib.sha1(svg.encode()).hexdigest()[:10]
    head = f'<svg role="img" aria-labelledby="{ident}-t {ident}-d" focusable="false"'
    labels = (
        f'<title id="{ident}-t">{escape(title)}</title>'
        f'<desc id="{ident}-d">{escape(description)}</desc>'
    )
    svg = re.sub(r"^<svg", head, svg, count=1)
    opening_tag_end = svg.index(">") + 1
    return svg[:opening_tag_end] + labels + svg[opening_tag_end:]
