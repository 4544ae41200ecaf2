from django.contrib import admin

from groups.models import CommunityGroup, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(CommunityGroup)
class CommunityGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "name_kana", "slug", "created_at")
    search_fields = ("name", "name_kana", "slug")
    inlines = (MembershipInline,)
