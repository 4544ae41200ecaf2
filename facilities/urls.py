from django.urls import path

from facilities import views

app_name = "facilities"

urlpatterns = [
    path("facilities/", views.FacilityListView.as_view(), name="list"),
    path("facilities/lottery/", views.LotteryListView.as_view(), name="lottery-list"),
    path("facilities/lottery/<int:pk>/", views.LotteryDetailView.as_view(), name="lottery"),
    path("facilities/lottery/entries/<int:pk>/withdraw/", views.EntryWithdrawView.as_view(), name="entry-withdraw"),
    path("facilities/lottery/entries/<int:pk>/confirm/", views.EntryConfirmView.as_view(), name="entry-confirm"),
    path("facilities/lottery/entries/<int:pk>/decline/", views.EntryDeclineView.as_view(), name="entry-decline"),
    path("facilities/<slug:slug>/", views.FacilityDetailView.as_view(), name="facility"),
    path("facilities/<slug:slug>/<slug:resource>/", views.ResourceDetailView.as_view(), name="resource"),
    path("facilities/<slug:slug>/<slug:resource>/book/", views.BookingCreateView.as_view(), name="book"),
    path("bookings/", views.MyBookingsView.as_view(), name="my-bookings"),
    path("bookings/calendar/", views.FeedTokenResetView.as_view(), name="feed-reset"),
    path("bookings/calendar/<uuid:token>.ics", views.BookingFeedView.as_view(), name="feed"),
    path("bookings/<int:pk>/", views.BookingDetailView.as_view(), name="booking"),
    path("bookings/<int:pk>/permit/", views.BookingPermitView.as_view(), name="booking-permit"),
    path("bookings/<int:pk>/permit.pdf", views.BookingPermitPdfView.as_view(), name="booking-permit-pdf"),
    path("bookings/<int:pk>/cancel/", views.BookingCancelView.as_view(), name="booking-cancel"),
    path("bookings/<int:pk>/attendance/", views.BookingAttendanceView.as_view(), name="booking-attendance"),
    path("staff/facilities/", views.StaffFacilitiesView.as_view(), name="staff"),
    path("staff/facilities/occupancy/", views.OccupancyView.as_view(), name="staff-occupancy"),
    path("staff/facilities/occupancy.csv", views.OccupancyCsvView.as_view(), name="staff-occupancy-csv"),
    path("staff/facilities/<slug:slug>/bookings/", views.StaffBookingListView.as_view(), name="staff-bookings"),
    path("staff/facilities/<slug:slug>/closures/", views.ClosureView.as_view(), name="staff-closures"),
    path(
        "staff/facilities/<slug:slug>/lottery/new/", views.LotteryRoundCreateView.as_view(), name="staff-lottery-create"
    ),
    path("staff/facilities/<slug:slug>/rules/", views.PolicyEditView.as_view(), name="staff-policy"),
    path("staff/facilities/<slug:slug>/<slug:resource>/book/", views.CounterBookingView.as_view(), name="staff-book"),
    path("staff/bookings/<int:pk>/", views.StaffBookingView.as_view(), name="staff-booking"),
    path("staff/lottery/<int:pk>/", views.StaffLotteryView.as_view(), name="staff-lottery"),
]
