from django.core.exceptions import ValidationError
from django.db import IntegrityError

from vigil.core.commands import BadInput, VigilCommand
from vigil.core.models import ApiKey
from vigil.core.roles import Role
from vigil.core.services import InvalidEndpointPrefix, create_api_key


class Command(VigilCommand):
    help = "Create an API key and print it once. Only its SHA-256 digest is stored."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="unique name shown in logs and admin")
        parser.add_argument(
            "--endpoint",
            action="append",
            default=[],
            dest="endpoints",
            metavar="PREFIX",
            help="restrict the key to this path prefix (repeatable), e.g. /alerts/webhook/",
        )
        parser.add_argument(
            "--role",
            choices=Role.values,
            default=Role.ADMIN,
            help="what the key may do, like a user's role (default: admin)",
        )

    def handle(self, *args, name, endpoints, role, **options):
        if ApiKey.objects.filter(name=name).exists():
            raise BadInput(f"an API key named {name!r} already exists; pick another name")
        try:
            created = create_api_key(name, endpoints, role=role)
        except InvalidEndpointPrefix as exc:
            raise BadInput(str(exc)) from None
        except ValidationError as exc:
            problems = "; ".join(
                f"--{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items()
            )
            raise BadInput(problems) from None
        except IntegrityError:
            raise BadInput(f"an API key named {name!r} already exists") from None
        scope = ", ".join(created.key.allowed_endpoints) or "all API paths"
        self.stderr.write(
            f"Created API key {name!r} ({created.key.masked}, role {role}) for {scope}."
        )
        self.stderr.write("Copy it now; it cannot be shown again:")
        self.stdout.write(created.raw)
