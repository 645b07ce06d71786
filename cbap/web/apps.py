from django.apps import AppConfig

WARMING = "cbap.web.warmup"  # the receiver that queues the warming of public pages


class WebConfig(AppConfig):
    name = "cbap.web"

    def ready(self):
        from cbap.core.dataversion import data_version_changed
        from cbap.web.warmup import pages_warm_soon

        data_version_changed.connect(pages_warm_soon, dispatch_uid=WARMING)
