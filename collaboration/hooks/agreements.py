"""What the agreements area registers with the rest of the portal when the app is ready
(audit labels, bench pages, daily jobs, hooks into other apps). The agreement pages are
for the partners and the staff only: no bench page."""

from django.utils.translation import pgettext_lazy


def register() -> None:
    from portal.audit import register_audit_actions

    register_audit_actions(
        {
            "collaboration.agreement.created": pgettext_lazy("audit", "Agreement drafted"),
            "collaboration.agreement.updated": pgettext_lazy("audit", "Agreement draft edited"),
            "collaboration.agreement.circulating": pgettext_lazy("audit", "Agreement sent for confirmation"),
            "collaboration.agreement.withdrawn": pgettext_lazy("audit", "Agreement taken back to draft"),
            "collaboration.agreement.confirmed": pgettext_lazy("audit", "Agreement confirmed by a party"),
            "collaboration.agreement.in_force": pgettext_lazy("audit", "Agreement in force"),
            "collaboration.agreement.superseded": pgettext_lazy("audit", "Agreement superseded"),
            "collaboration.agreement.revised": pgettext_lazy("audit", "Agreement: new version drafted"),
        },
        data_labels={
            "partner": pgettext_lazy("audit", "partner"),
            "cleared": pgettext_lazy("audit", "confirmations cleared"),
            "by_version": pgettext_lazy("audit", "superseded by version"),
            "from_version": pgettext_lazy("audit", "changed from version"),
        },
    )
