import getpass
import json
import os
import sys

from django.db import transaction
from pydantic import ValidationError

from vigil.core.commands import BadInput, VigilCommand
from vigil.core.security.urls import UnsafeURLError, validate_safe_url
from vigil.intelligence import services
from vigil.intelligence.models import IntelligenceProvider
from vigil.intelligence.providers import FALLBACK, PROVIDERS, provider_class
from vigil.intelligence.providers.base import describe_validation


class Command(VigilCommand):
    help = (
        "Create, update or activate an LLM provider for incident analysis. Without "
        "--provider on a terminal it asks; otherwise everything comes from flags."
    )

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="list configured providers")
        parser.add_argument("--name", help="name of the provider configuration (unique)")
        parser.add_argument("--provider", choices=list(PROVIDERS), help="which provider")
        parser.add_argument("--model", help="model name, e.g. gpt-4o-mini, claude-sonnet-4-5")
        parser.add_argument("--base-url", help="API base URL (validated against SSRF rules)")
        parser.add_argument(
            "--api-key-env",
            metavar="VAR",
            help="read the API key from this environment variable (keeps it out of "
            "shell history); on a terminal the key is otherwise asked for",
        )
        parser.add_argument(
            "--option",
            action="append",
            default=[],
            metavar="KEY=VALUE",
            help="any other config key (repeatable); VALUE is parsed as JSON if it can be",
        )
        parser.add_argument("--activate", action="store_true", help="make it the active one")
        parser.add_argument(
            "--use-local", action="store_true", help="deactivate every provider (local answers)"
        )
        parser.add_argument("--no-input", action="store_true", help="never prompt")

    def handle(self, *args, **options):
        if options["list"]:
            return self._list()
        if options["use_local"]:
            services.activate(None)
            self.stdout.write("No provider is active: the local provider answers.")
            return
        interactive = not options["no_input"] and sys.stdin.isatty()
        if not options["provider"] and not options["name"]:
            if not interactive:
                raise BadInput("give --provider and --name (or run it on a terminal)")
            self._ask(options)
        self._save(options, interactive)

    def _list(self):
        rows = IntelligenceProvider.objects.all()
        if not rows:
            self.stdout.write(f"No provider configured; {FALLBACK} answers.")
        for row in rows:
            mark = "*" if row.is_active else " "
            config = json.dumps(services.masked_config(row), sort_keys=True)
            self.stdout.write(f"{mark} {row.name} ({row.provider}) {config}")

    def _ask(self, options):
        slugs = [slug for slug in PROVIDERS if slug != FALLBACK]
        options["provider"] = self._prompt(f"Provider ({', '.join(slugs)})", slugs[0])
        if options["provider"] not in slugs:
            raise BadInput(f"unknown provider {options['provider']!r}; valid: {', '.join(slugs)}")
        options["name"] = self._prompt("Name", options["provider"])
        options["model"] = self._prompt("Model", options["model"] or "")
        default_url = provider_class(options["provider"]).default_base_url
        options["base_url"] = self._prompt("Base URL", options["base_url"] or default_url)
        options["activate"] = self._prompt("Activate it now? (y/n)", "y").lower() == "y"

    def _prompt(self, question, default):
        answer = input(f"{question} [{default}]: ").strip()
        return answer or default

    def _config(self, options, existing, interactive) -> dict:
        config = dict(existing.config or {}) if existing else {}
        for flag, key in (("model", "model"), ("base_url", "base_url")):
            if options[flag]:
                config[key] = options[flag]
        for item in options["option"]:
            key, sep, value = item.partition("=")
            if not sep or not key:
                raise BadInput(f"--option {item!r} is not KEY=VALUE")
            try:
                config[key] = json.loads(value)
            except json.JSONDecodeError:
                config[key] = value
        if options["api_key_env"]:
            value = os.environ.get(options["api_key_env"])
            if not value:
                raise BadInput(f"environment variable {options['api_key_env']} is not set")
            config["api_key"] = value
        elif interactive and options["provider"] in ("openai", "anthropic", "gemini"):
            value = getpass.getpass("API key (empty: keep the stored one / none): ").strip()
            if value:
                config["api_key"] = value
        return config

    @transaction.atomic
    def _save(self, options, interactive):
        name, slug = options["name"], options["provider"]
        existing = IntelligenceProvider.objects.filter(name=name).first() if name else None
        slug = slug or (existing.provider if existing else None)
        if not name or not slug:
            raise BadInput("give --name and --provider")
        if slug == FALLBACK:
            raise BadInput("the local provider needs no setup; use --use-local")
        if slug not in PROVIDERS:
            raise BadInput(f"unknown provider {slug!r}; valid: {', '.join(PROVIDERS)}")
        config = self._config(options, existing, interactive)
        try:
            provider_class(slug).Config.model_validate(config)
        except ValidationError as exc:
            raise BadInput(f"invalid {slug} config: {describe_validation(exc)}") from None
        if config.get("base_url"):
            try:
                validate_safe_url(config["base_url"])
            except UnsafeURLError as exc:
                raise BadInput(f"--base-url {exc}") from None
        row = existing or IntelligenceProvider(name=name)
        row.provider, row.config = slug, config
        row.save()
        if options["activate"]:
            services.activate(row)
        state = "active" if row.is_active else "not active (use --activate)"
        verb = "Updated" if existing else "Created"
        self.stdout.write(f"{verb} provider {name!r} ({slug}), {state}.")
        cls = provider_class(slug)
        if not cls.sdk_installed():
            self.stderr.write(f"Its SDK is not installed: {cls.pip_install}")
