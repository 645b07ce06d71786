"""`make bench-weight`: what a page costs on a slow connection, on its first load.

On a throw-away site served as in production (demo data, `collectstatic`, granian), each page
is fetched as a browser fetches it (gzip), with every stylesheet, script and image it links;
their compressed bytes are added up. The ten heaviest are printed against the target of the
issue "Languages and accessibility": under 200 KB compressed on first load. The static files
must have hashed names and a long cache lifetime, so that later pages cost only their HTML.

    python -m bench.weight
"""

from __future__ import annotations

import gzip
import http.cookiejar
import json
import re
import sys
import urllib.parse
import urllib.request

from bench.load import HERE, site

LIMIT_KB = 200
PUBLIC = [
    "/", "/plan/", "/plan/A.5/", "/plan/indicators/A.5.c/", "/plan/versions/", "/plan/about/",
    "/plan/articles/", "/plan/search/?q=risk+assessment", "/indicators/", "/indicators/A.5.c/",
    "/indicators/B.1.a/", "/analyzer/", "/analyzer/?cycle=5&question=Q011",
    "/analyzer/?cycle=5&question=all", "/analyzer/?cycle=5&question=all&compare=4",
    "/analyzer/?cycle=5&question=section:Article22&by=region",
    "/analyzer/answers/?cycle=5&question=Q013", "/parties/", "/parties/KEN/", "/reports/",
    "/reports/5/", "/reports/4/", "/organizations/", "/search/?q=laboratories",
    "/fr/analyzer/?cycle=5&question=all", "/es/indicators/",
]  # fmt: skip
SIGNED_IN = ["/my-work/", "/entry/5/KEN/", "/entry/5/KEN/Articles15-16/", "/entry/5/KEN/Article18/"]
SIGNED_IN += ["/entry/5/KEN/Article22/", "/entry/5/KEN/print/", "/reports/import/"]
FOCAL_POINT = ("nfp.kenya@demo.cbap.example", "demo-cbap-2026")
LINKED = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src|img[^>]+src)="([^"]+)"')


def main() -> int:
    with site("sqlite") as (_, base):
        opener = _opener()
        rows = [_weigh(opener, base, path) for path in PUBLIC]
        _sign_in(opener, base)
        rows += [_weigh(opener, base, path, signed_in=True) for path in SIGNED_IN]
        static = _static_caching(opener, base)
    rows.sort(key=lambda row: row["total"], reverse=True)
    print(f"\n# the ten heaviest pages, first load, gzip (target < {LIMIT_KB} KB each)")
    print(f"{'total KB':>9} {'HTML KB':>8} {'raw KB':>7} {'files KB':>8}  page")
    for row in rows[:10]:
        print(
            f"{row['total'] / 1024:9.1f} {row['html'] / 1024:8.1f} {row['raw'] / 1024:7.1f} "
            f"{row['files'] / 1024:8.1f}  {row['path']}{' (signed in)' if row['signed_in'] else ''}"
        )
    print("\n# static files: hashed names, long cache, compressed")
    for line in static:
        print(line["url"], line["cache_control"], line["encoding"])
    HERE.joinpath("results").mkdir(exist_ok=True)
    HERE.joinpath("results", "weight.json").write_text(
        json.dumps({"pages": rows, "static": static}, indent=2)
    )
    heavy = [row["path"] for row in rows if row["total"] > LIMIT_KB * 1024]
    unhashed = [line["url"] for line in static if not line["hashed"] or not line["long"]]
    for path in heavy:
        print(f"FAIL {path}: over {LIMIT_KB} KB", file=sys.stderr)
    for url in unhashed:
        print(f"FAIL {url}: not hashed or not cached long", file=sys.stderr)
    return 1 if heavy or unhashed else 0


class _PlainHttpCookies(http.cookiejar.DefaultCookiePolicy):
    """The site marks its cookies Secure (production); the benchmark talks plain HTTP locally."""

    def return_ok_secure(self, cookie, request):
        return True


def _opener():
    jar = http.cookiejar.CookieJar(policy=_PlainHttpCookies())
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def _fetch(opener, url: str):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with opener.open(request) as response:
        return response.read(), response.headers


def _html(opener, url: str) -> str:
    body, headers = _fetch(opener, url)
    return (gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body).decode()


def _weigh(opener, base: str, path: str, signed_in: bool = False) -> dict:
    body, headers = _fetch(opener, base + path)
    html = gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body
    files = 0
    for url in dict.fromkeys(LINKED.findall(html.decode())):
        if url.startswith("data:"):
            continue
        files += len(_fetch(opener, urllib.parse.urljoin(base + path, url))[0])
    return {
        "path": path, "signed_in": signed_in, "html": len(body), "raw": len(html),
        "files": files, "total": len(body) + files,
    }  # fmt: skip


def _sign_in(opener, base: str) -> None:
    token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', _html(opener, base + "/accounts/login/")
    )[1]
    email, password = FOCAL_POINT
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": email, "password": password}
    ).encode()
    request = urllib.request.Request(
        base + "/accounts/login/", data=data, headers={"Referer": base + "/accounts/login/"}
    )
    with opener.open(request) as response:
        assert "/my-work/" in response.url, "the demo focal point could not sign in"


def _static_caching(opener, base: str) -> list[dict]:
    found = []
    for url in dict.fromkeys(LINKED.findall(_html(opener, base + "/entry/5/KEN/Article2/"))):
        if url.startswith("/static/"):
            _, headers = _fetch(opener, base + url)
            control = headers.get("Cache-Control", "")
            found.append(
                {
                    "url": url,
                    "cache_control": control,
                    "encoding": headers.get("Content-Encoding", "identity"),
                    "hashed": bool(re.search(r"\.[0-9a-f]{12}\.\w+$", url)),
                    "long": "immutable" in control or "max-age=315360000" in control,
                }
            )
    return found


if __name__ == "__main__":
    sys.exit(main())
