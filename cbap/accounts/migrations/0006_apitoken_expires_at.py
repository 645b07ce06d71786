from datetime import timedelta

from django.db import migrations, models
from django.utils import timezone


def expire_in_ninety_days(apps, schema_editor):
    """Tokens issued before tokens expired get the default validity, counted from now."""
    apps.get_model("accounts", "ApiToken").objects.update(
        expires_at=timezone.now() + timedelta(days=90)
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_signin_throttle_not_lockout")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(expire_in_ninety_days, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(help_text="The token stops working then."),
        ),
    ]
