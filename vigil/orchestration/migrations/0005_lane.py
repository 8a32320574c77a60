"""PipelineDefinition is called Lane, as the docs and the console call it. The table
keeps its name: the first operation states it, so the rename changes no table."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("orchestration", "0004_action_runs")]

    operations = [
        migrations.AlterModelTable(
            name="pipelinedefinition", table="orchestration_pipelinedefinition"
        ),
        migrations.RenameModel(old_name="PipelineDefinition", new_name="Lane"),
    ]
