"""What the window area registers with the rest of the portal when the app is ready:
audit labels, the committee-review adapter for proposals, and the bench pages."""


def register() -> None:
    from collaboration import audit_labels_window, bench_window
    from collaboration.models import Proposal
    from collaboration.review import ProposalReviewAdapter
    from portal import bench as portal_bench
    from portal.audit import register_audit_actions
    from portal.review_services import register_review_adapter

    register_audit_actions(audit_labels_window.ACTIONS, data_labels=audit_labels_window.DATA_LABELS)
    register_review_adapter(Proposal, ProposalReviewAdapter())
    if bench_window.staff_pages not in portal_bench.BENCH_PAGES:
        portal_bench.BENCH_PAGES.append(bench_window.staff_pages)
