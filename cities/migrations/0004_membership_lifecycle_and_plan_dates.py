
import cities.models
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cities', '0003_shared_decision_fields'),
    ]

    operations = [
        migrations.AddField(
            model_name='city',
            name='membership_changed_on',
            field=models.DateField(blank=True, null=True, verbose_name='membership status since'),
        ),
        migrations.AddField(
            model_name='city',
            name='sump_adopted_on',
            field=models.DateField(blank=True, null=True, verbose_name='SUMP adopted on'),
        ),
        migrations.AddField(
            model_name='city',
            name='sump_revision_due',
            field=models.DateField(blank=True, db_index=True, null=True, verbose_name='SUMP revision due'),
        ),
        migrations.AddField(
            model_name='membershipapplication',
            name='applicant_role',
            field=models.CharField(blank=True, choices=[('political', 'Mayor, deputy mayor or councillor'), ('officer', 'City officer'), ('other', 'Other')], default='', max_length=20, verbose_name='applies as'),
        ),
        migrations.AddField(
            model_name='membershipapplication',
            name='contact_confirmed',
            field=models.BooleanField(default=False, verbose_name='contact person confirmed'),
        ),
        migrations.AddField(
            model_name='membershipapplication',
            name='decision_document',
            field=models.FileField(blank=True, max_length=200, upload_to=cities.models.decision_document_path, verbose_name='council resolution or letter of intent'),
        ),
        migrations.AddField(
            model_name='membershipapplication',
            name='decision_document_type',
            field=models.CharField(blank=True, editable=False, max_length=120),
        ),
        migrations.AddField(
            model_name='membershipapplication',
            name='document_received',
            field=models.BooleanField(default=False, verbose_name='decision document received'),
        ),
        migrations.AddField(
            model_name='membershipapplication',
            name='gazetteer_entry',
            field=models.ForeignKey(blank=True, help_text='The city in the gazetteer; approving fills the new city record from it.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='cities.gazetteerentry', verbose_name='GeoNames entry'),
        ),
        migrations.AddField(
            model_name='membershipapplication',
            name='gazetteer_matched',
            field=models.BooleanField(default=False, verbose_name='city matched to its gazetteer entry'),
        ),
        migrations.AddField(
            model_name='membershipapplication',
            name='welcome_call_held',
            field=models.BooleanField(default=False, verbose_name='welcome call held'),
        ),
        migrations.AlterField(
            model_name='city',
            name='membership_status',
            field=models.CharField(choices=[('applicant', 'Applicant'), ('member', 'Member'), ('suspended', 'Suspended'), ('former', 'Former member')], db_index=True, default='member', max_length=20, verbose_name='membership'),
        ),
        migrations.AlterField(
            model_name='city',
            name='sump_status',
            field=models.CharField(choices=[('none', 'No SUMP'), ('in_preparation', 'SUMP in preparation'), ('adopted', 'SUMP adopted'), ('under_revision', 'SUMP under revision')], db_index=True, default='none', max_length=20, verbose_name='SUMP status'),
        ),
        migrations.CreateModel(
            name='PlanReminder',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('revision_due', models.DateField(verbose_name='revision due')),
                ('days_before', models.PositiveSmallIntegerField(verbose_name='days before')),
                ('recipients', models.PositiveSmallIntegerField(default=0, verbose_name='recipients')),
                ('sent_at', models.DateTimeField(auto_now_add=True, verbose_name='sent at')),
                ('city', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='plan_reminders', to='cities.city', verbose_name='city')),
            ],
            options={
                'verbose_name': 'plan revision reminder',
                'verbose_name_plural': 'plan revision reminders',
                'ordering': ['-sent_at'],
                'constraints': [models.UniqueConstraint(fields=('city', 'revision_due', 'days_before'), name='one_plan_reminder_per_due_date_and_lead_time')],
            },
        ),
    ]
