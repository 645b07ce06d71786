# The audit trail moved here from `records`; its table (`records_auditentry`) is created by
# `records.0001_initial` and kept, so this migration changes the state only: no data moves.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('records', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AuditEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('actor_email', models.CharField(blank=True, help_text='Kept if the user goes.', max_length=254)),
                        ('event', models.CharField(db_index=True, max_length=40)),
                        ('target_type', models.CharField(blank=True, max_length=60)),
                        ('target_id', models.CharField(blank=True, max_length=60)),
                        ('target_label', models.CharField(blank=True, max_length=300)),
                        ('ip_address', models.GenericIPAddressField(blank=True, null=True)),
                        ('details', models.JSONField(default=dict)),
                        ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name_plural': 'audit entries',
                        'ordering': ['-at', '-id'],
                        'db_table': 'records_auditentry',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
