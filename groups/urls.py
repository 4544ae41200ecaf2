from django.urls import path

from groups import views

app_name = "groups"

urlpatterns = [
    path("groups/", views.GroupDirectoryView.as_view(), name="list"),
    path("groups/register/", views.GroupRegisterView.as_view(), name="register"),
    path("groups/mine/", views.MyGroupsView.as_view(), name="mine"),
    path("groups/<slug:slug>/", views.GroupDetailView.as_view(), name="detail"),
    path("groups/<slug:slug>/manage/", views.GroupManageView.as_view(), name="manage"),
    path("groups/<slug:slug>/edit/", views.GroupEditView.as_view(), name="edit"),
    path("groups/<slug:slug>/resubmit/", views.GroupResubmitView.as_view(), name="resubmit"),
    path("groups/<slug:slug>/renew/", views.GroupRenewView.as_view(), name="renew"),
    path("groups/<slug:slug>/withdraw/", views.GroupWithdrawView.as_view(), name="withdraw"),
    path("groups/<slug:slug>/members/", views.GroupMembersView.as_view(), name="members"),
    path("groups/invitations/<uuid:token>/", views.InvitationView.as_view(), name="invitation"),
    path("groups/<slug:slug>/attachments/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment"),
    path("staff/groups/", views.ReviewQueueView.as_view(), name="review-queue"),
    path("staff/groups/<slug:slug>/", views.GroupReviewView.as_view(), name="review"),
]
