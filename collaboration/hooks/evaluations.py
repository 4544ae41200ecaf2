"""What the evaluations area registers with the rest of the portal when the app is ready
(audit labels, the daily reminder of rounds due)."""

from django.utils.translation import pgettext_lazy


def register() -> None:
    from collaboration.daily import register_daily_job
    from collaboration.services.evaluations import send_round_reminders
    from portal.audit import register_audit_actions

    register_audit_actions(
        {
            "collaboration.evaluation_round.opened": pgettext_lazy("audit", "Evaluation round opened"),
            "collaboration.evaluation_round.released": pgettext_lazy("audit", "Evaluation round published"),
            "collaboration.evaluation_round.reminded": pgettext_lazy("audit", "Evaluation reminder sent"),
            "collaboration.evaluation.self": pgettext_lazy("audit", "Self-evaluation submitted"),
            "collaboration.evaluation.mutual": pgettext_lazy("audit", "Mutual evaluation submitted"),
            "collaboration.evaluation.third_party": pgettext_lazy("audit", "Third-party evaluation recorded"),
        },
        data_labels={
            "evaluator": pgettext_lazy("audit", "evaluating partner"),
            "subject": pgettext_lazy("audit", "partner evaluated"),
            "days_before": pgettext_lazy("audit", "days before the due date"),
        },
    )
    register_daily_job(send_round_reminders)
