"""The stages' names, declared once. They are stored on every lane and stage execution,
so they never change; the stage registry (stages.STAGES), routing's validation, the lane
API's schema and the admin's help text are built from them."""

from django.db import models


class Stage(models.TextChoices):
    CHECK = "check"
    ANALYZE = "analyze"
    NOTIFY = "notify"
