"""Static files in production: hashed and compressed names, and pages that still render when
the files were not collected (`cbap check --deploy` says they must be)."""

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:  # not collected: the page renders, unstyled, instead of failing
            logger.warning("static file %s was not collected (run `cbap collectstatic`)", name)
            return name
