from django.db import models

from vigil.core.security.crypto import EncryptedJSONField


class Secretive(models.Model):
    name = models.CharField(max_length=50, default="")
    data = EncryptedJSONField(default=dict)
    extra = EncryptedJSONField(null=True, blank=True)

    def __str__(self):
        return self.name
