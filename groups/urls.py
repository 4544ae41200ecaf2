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
    path("groups/<slug:slug>/events/new/", views.GroupEventCreateView.as_view(), name="event-create"),
    path("events/", views.EventListView.as_view(), name="event-list"),
    path("events/feed.ics", views.EventFeedView.as_view(), name="event-feed"),
    path("events/<int:pk>/", views.EventDetailView.as_view(), name="event-detail"),
    path("events/<int:pk>.ics", views.EventIcsView.as_view(), name="event-ics"),
    path("events/<int:pk>/signup/", views.EventSignupView.as_view(), name="event-signup"),
    path("events/<int:pk>/signup/cancel/", views.EventSignupCancelView.as_view(), name="event-signup-cancel"),
    path("events/<int:pk>/edit/", views.EventEditView.as_view(), name="event-edit"),
    path("events/<int:pk>/cancel/", views.EventCancelView.as_view(), name="event-cancel"),
    path("events/<int:pk>/participants/", views.EventParticipantsView.as_view(), name="event-participants"),
    path("events/<int:pk>/participants.csv", views.EventParticipantsCsvView.as_view(), name="event-participants-csv"),
    path("staff/events/new/", views.DepartmentEventCreateView.as_view(), name="department-event-create"),
    path("staff/groups/", views.ReviewQueueView.as_view(), name="review-queue"),
    path("staff/groups/<slug:slug>/", views.GroupReviewView.as_view(), name="review"),
]
