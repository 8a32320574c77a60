from django.db import migrations

# The two lanes a new installation starts with. Operators edit them in the admin;
# reversing this migration removes them only if they are still named as seeded.
SEED_LANES = [
    {
        "name": "resolved",
        "priority": 10,
        "match": [{"field": "status", "op": "in", "value": ["resolved", "closed"]}],
        "stages": ["notify"],
        "description": "A resolved incident only needs telling: no checks, no analysis.",
    },
    {
        "name": "default",
        "priority": 1000,
        "match": [],
        "stages": ["check", "analyze", "notify"],
        "description": "Catch-all: check the hosts involved, explain, notify.",
    },
]


def seed(apps, schema_editor):
    lane_model = apps.get_model("orchestration", "PipelineDefinition")
    for lane in SEED_LANES:
        lane_model.objects.get_or_create(name=lane["name"], defaults=lane)


def unseed(apps, schema_editor):
    lane_model = apps.get_model("orchestration", "PipelineDefinition")
    lane_model.objects.filter(name__in=[lane["name"] for lane in SEED_LANES]).delete()


class Migration(migrations.Migration):
    dependencies = [("orchestration", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
