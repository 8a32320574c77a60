from django.apps import AppConfig


class BotConfig(AppConfig):
    name = "vigil.bot"
    label = "bot"
    verbose_name = "Telegram bot"

    def ready(self) -> None:
        from vigil.bot import buttons, checks  # noqa: F401  (the notify hook, system checks)

        buttons.register()
