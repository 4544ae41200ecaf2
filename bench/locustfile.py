"""The crowd of `make bench-load` (Locust): anonymous visitors browsing lists and
details and searching, and signed-in citizens signing up for events (and cancelling)
and booking rooms, on the bench city. The pages and accounts come from the JSON file
in BENCH_LOAD_DATA (written by bench.load_bench from the seeded database).

A refusal that is the right answer (a slot taken by another visitor a moment earlier,
an event already full, a booking rule) is counted under its own name, not as an error."""

from __future__ import annotations

import datetime
import itertools
import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, task

DATA = json.loads(Path(os.environ["BENCH_LOAD_DATA"]).read_text())
_ACCOUNTS = itertools.cycle(DATA["accounts"])
_SLOT = re.compile(r'name="slots" value="([^"]+)"')
_HEADERS = {"Accept-Language": "ja"}


class Visitor(HttpUser):
    """Someone reading the portal without an account."""

    weight = 8
    wait_time = between(0.5, 2.5)

    def get(self, path: str, name: str) -> None:
        self.client.get(path, name=name, headers=_HEADERS)
        self.plain_http_cookies()

    def plain_http_cookies(self) -> None:
        """The production settings mark the session and CSRF cookies Secure; the bench
        speaks plain HTTP to gunicorn (a TLS proxy would stand in front): send them back
        all the same, as a browser would through that proxy."""
        for cookie in self.client.cookies:
            cookie.secure = False

    @task(2)
    def home(self) -> None:
        self.get(random.choice(["/", "/", "/en/"]), "home")

    @task(1)
    def news(self) -> None:
        self.get("/news/", "/news/")

    @task(3)
    def groups(self) -> None:
        self.get(random.choice(DATA["group_lists"]), "groups list")

    @task(3)
    def group(self) -> None:
        self.get(random.choice(DATA["groups"]), "group profile")

    @task(2)
    def events(self) -> None:
        self.get(random.choice(DATA["event_lists"]), "events list / calendar")

    @task(3)
    def event(self) -> None:
        self.get(random.choice(DATA["events"]), "event")

    @task(1)
    def volunteer(self) -> None:
        self.get("/volunteer/", "/volunteer/")

    @task(2)
    def facilities(self) -> None:
        self.get(random.choice(DATA["facilities"]), "facilities list / facility")

    @task(2)
    def week(self) -> None:
        self.get(random.choice(DATA["rooms"]), "room week view")

    @task(3)
    def search(self) -> None:
        self.get("/search/?q=" + random.choice(DATA["search_terms"]), "search")

    @task(1)
    def other(self) -> None:
        self.get(random.choice(DATA["others"]), "subsidies / collaboration")


class Citizen(Visitor):
    """A signed-in resident: reads, signs up for an event and cancels, books a room."""

    weight = 2
    wait_time = between(1, 4)

    def on_start(self) -> None:
        self.email = next(_ACCOUNTS)
        self.get("/accounts/login/", "log in (form)")
        with self.client.post(
            "/accounts/login/",
            data={"login": self.email, "password": DATA["password"], "csrfmiddlewaretoken": self.token()},
            headers=_HEADERS,
            name="log in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"{self.email} could not log in ({response.status_code})")
        self.plain_http_cookies()

    def token(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    def post(self, path: str, data: dict, name: str, refused: str) -> None:
        data = {**data, "csrfmiddlewaretoken": self.token()}
        with self.client.post(
            path, data=data, name=name, headers=_HEADERS, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code == 400:
                response.request_meta["name"] = refused
                response.success()
            elif response.status_code != 302:
                response.failure(f"{response.status_code}")
        self.plain_http_cookies()

    @task(2)
    def my_pages(self) -> None:
        self.get(random.choice(["/my/", "/bookings/"]), "my page / my bookings")

    @task(3)
    def sign_up_and_cancel(self) -> None:
        event = random.choice(DATA["signup_events"])
        self.get(event, "event")
        self.post(event + "signup/", {}, "event sign-up", "event sign-up (refused: full, closed…)")
        self.post(event + "signup/cancel/", {}, "event sign-up cancelled", "event cancel (refused)")

    @task(2)
    def book_a_room(self) -> None:
        room = random.choice(DATA["bookable_rooms"])
        day = datetime.date.fromisoformat(DATA["today"]) + datetime.timedelta(days=random.randint(7, 60))
        url = f"{room}book/?date={day.isoformat()}"
        response = self.client.get(url, name="booking form", headers=_HEADERS)
        self.plain_http_cookies()
        slots = _SLOT.findall(response.text) if response.status_code == 200 else []
        if not slots:
            return
        data = {
            "date": day.isoformat(),
            "booker": "self",
            "slots": random.choice(slots),
            "purpose": "負荷試験の会合",
            "expected_people": "5",
            "action": "confirm",
        }
        self.post(url, data, "booking", "booking (refused: taken, rules…)")
