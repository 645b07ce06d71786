"""`cbap check --deploy`: what a production start would miss."""

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.checks import Error, Tags, register


@register(Tags.staticfiles, deploy=True)
def static_files_collected(app_configs, **kwargs):
    """With DEBUG off, the static files are served from what `cbap collectstatic` wrote; without
    it pages still render (`core.storage`), but unstyled and without scripts."""
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return []
    if staticfiles_storage.exists(staticfiles_storage.manifest_name):
        return []
    return [
        Error(
            f"The static files were not collected into {settings.STATIC_ROOT}.",
            hint="Run `cbap collectstatic --no-input` before starting the server.",
            id="cbap.E001",
        )
    ]
