from django.urls import path, register_converter

from cbap.records import views


class RecordTypeConverter:
    """`app_label.model`, as in `contacts.nationalcontact`."""

    regex = r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(RecordTypeConverter, "record_type")

app_name = "records"

urlpatterns = [
    path("<record_type:type_key>/<id:pk>/history/", views.history, name="history"),
    path("<record_type:type_key>/<id:pk>/restore/", views.restore, name="restore"),
    path("<record_type:type_key>/<id:pk>/delete/", views.delete, name="delete"),
    path("<record_type:type_key>/<id:pk>/<str:step>/", views.transition, name="transition"),
]
