import json

from django.core.management.base import BaseCommand
from ninja.responses import NinjaJSONEncoder

from vigil.api import api


class Command(BaseCommand):
    help = (
        "Print the API's OpenAPI schema as JSON: what /api/openapi.json serves, without a "
        "server or a key (the console's typed client is generated from it: "
        "`cd frontend && npm run schema`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--indent", type=int, default=1, help="JSON indent (default 1)")

    def handle(self, *args, indent, **options):
        schema = api.get_openapi_schema()
        self.stdout.write(json.dumps(schema, cls=NinjaJSONEncoder, indent=indent))
