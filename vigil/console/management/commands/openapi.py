import json

from ninja.responses import NinjaJSONEncoder

from vigil.api import api
from vigil.core.commands import BadInput, VigilCommand


class Command(VigilCommand):
    help = (
        "Print the API's OpenAPI schema as JSON: what /api/openapi.json serves, without a "
        "server or a key (the console's typed client is generated from it: "
        "`cd frontend && npm run schema`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--indent", type=int, default=1, help="JSON indent (default 1)")

    def handle(self, *args, indent, **options):
        if indent < 0:
            raise BadInput(f"--indent {indent}: give 0 or more")
        schema = api.get_openapi_schema()
        self.stdout.write(json.dumps(schema, cls=NinjaJSONEncoder, indent=indent))
