from django.urls import path

from groups.views import talent as views

app_name = "talent"

urlpatterns = [
    path("talent/", views.TalentListView.as_view(), name="list"),
    path("talent/me/", views.MyTalentProfileView.as_view(), name="profile-mine"),
    path("talent/me/withdraw/", views.TalentProfileWithdrawView.as_view(), name="profile-withdraw"),
    path("groups/<slug:slug>/talent/new/", views.TalentRequestCreateView.as_view(), name="request-create"),
    path("talent/requests/<int:pk>/", views.TalentRequestView.as_view(), name="request"),
    path("talent/requests/<int:pk>/cancel/", views.TalentRequestCancelView.as_view(), name="request-cancel"),
    path("talent/requests/<int:pk>/propose/", views.TalentRequestProposeView.as_view(), name="request-propose"),
    path("talent/requests/<int:pk>/close/", views.TalentRequestCloseView.as_view(), name="request-close"),
    path("talent/requests/<int:pk>/feedback/", views.TalentRequestFeedbackView.as_view(), name="request-feedback"),
    path("talent/candidacies/<int:pk>/answer/", views.CandidacyAnswerView.as_view(), name="candidacy-answer"),
    path("talent/candidacies/<int:pk>/introduce/", views.CandidacyIntroduceView.as_view(), name="candidacy-introduce"),
    path("staff/talent/", views.TalentQueueView.as_view(), name="queue"),
    path("staff/talent/helpers/", views.TalentBankView.as_view(), name="bank"),
    path("staff/talent/helpers/<int:pk>/", views.HelperReviewView.as_view(), name="helper"),
]
