from django.contrib import admin

from vigil.bot.models import ChatBinding, ChatSubscription, TelegramLink


@admin.register(TelegramLink)
class TelegramLinkAdmin(admin.ModelAdmin):
    list_display = ["user", "telegram_user_id", "telegram_username", "linked_at"]
    search_fields = ["user__username", "telegram_username"]
    readonly_fields = ["user", "telegram_user_id", "telegram_username", "linked_at"]

    def has_add_permission(self, request):
        return False  # links are made with a one-time code (/link), never typed in


@admin.register(ChatBinding)
class ChatBindingAdmin(admin.ModelAdmin):
    list_display = ["chat_id", "title", "lanes", "bound_by", "bound_at"]
    search_fields = ["title"]


@admin.register(ChatSubscription)
class ChatSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["chat_id", "severities", "lanes", "muted_until", "updated_at"]
