# The audit trail became its own app (`cbap.audit`); its table stays where it is, so this only
# removes the model from the records app's state. `audit.0001_initial` adds it there.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('records', '0001_initial'),
        ('audit', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='AuditEntry')],
            database_operations=[],
        ),
    ]
