"""/telegram/webhook/: Telegram POSTs each update here in webhook mode (docs/bot.md).

The request must carry X-Telegram-Bot-Api-Secret-Token, the secret_token given to
setWebhook, compared in constant time; anything else gets 403 and nothing is done. The
bot itself (python-telegram-bot) loads with the first genuine update, not with the
URLconf of every `vigil serve`.
"""

import hmac
import json

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from vigil.bot.config import webhook_secret
from vigil.core.responses import json_error

SECRET_HEADER = "HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN"  # noqa: S105 - a header name
MAX_BODY = 1024 * 1024


@csrf_exempt
@require_POST
def receive(request):
    if not settings.TELEGRAM_BOT_TOKEN:
        return json_error(404, "the Telegram bot is not configured")
    given = request.META.get(SECRET_HEADER, "")
    if not hmac.compare_digest(given.encode(), webhook_secret().encode()):
        return json_error(403, "wrong or missing X-Telegram-Bot-Api-Secret-Token")
    if len(request.body) > MAX_BODY:
        return json_error(413, f"an update is at most {MAX_BODY} bytes")
    try:
        data = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return json_error(400, "the body is not JSON")
    if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
        return json_error(400, "not a Telegram update: no integer update_id")
    # Imported here: python-telegram-bot loads with the first genuine update, not with
    # the URLconf of every `vigil serve`.
    from vigil.bot.webhook import handle_update

    handle_update(data)
    return HttpResponse(status=200)
