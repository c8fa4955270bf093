"""Simulated citizens for the demo and the benchmarks: realistic traffic from a seed.

Texts come from the shipped labelled corpus (data/triage/corpus.jsonl: Hinglish, Devanagari
and English posts across the districts, grievances and not), addressed to our accounts. The
mix: new complaints, follow-ups in the threads of our replies (answering "which district?"
with a place), posts that are not grievances, spam, reposts, long posts and direct messages.
"""

from __future__ import annotations

import json
import random
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seva.channels.x.double.state import World

CORPUS = Path(__file__).resolve().parents[4] / "data" / "triage" / "corpus.jsonl"

FIRST = [
    "Rahul",
    "Priya",
    "Amit",
    "Sunita",
    "Mohd",
    "Pooja",
    "Vikas",
    "Neha",
    "Ravi",
    "Anjali",
    "Sanjay",
    "Fatima",
    "Deepak",
    "Kavita",
    "Arjun",
    "Shalini",
    "Imran",
    "Rekha",
]
LAST = [
    "Yadav",
    "Sharma",
    "Verma",
    "Khan",
    "Singh",
    "Gupta",
    "Mishra",
    "Ansari",
    "Pandey",
    "Tiwari",
    "Maurya",
    "Srivastava",
]
LOCATIONS = [
    "Lucknow, India",
    "Agra",
    "Noida, Uttar Pradesh",
    "Kanpur",
    "Varanasi, India",
    "India",
    "",
    "",
    "Delhi NCR",
    "Gorakhpur",
    "Prayagraj",
    "Bareilly, UP",
    "Meerut",
]
PLACES_REPLY = [
    "Lucknow, thana Hazratganj",
    "जनपद आगरा, थाना ताजगंज",
    "Kanpur Nagar, Kalyanpur",
    "Varanasi, thana Cantt",
    "Gorakhpur",
    "Noida sector 62",
    "Meerut, thana Lisari Gate",
]
SPAM = [
    "Get 10k followers FREE!!! visit http://spam.example/f",
    "Earn 5000 daily from home DM me",
    "Best loan offer instant approval call now http://loan.example",
]
FOLLOWUPS = [
    "abhi tak koi karwai nahi hui",
    "Sir please update de",
    "कोई जवाब नहीं आया अभी तक",
    "Still waiting, nobody called me",
    "Thank you, police aayi thi",
]


@dataclass
class Mix:
    complaint: float = 0.55
    not_grievance: float = 0.14
    followup: float = 0.14
    spam: float = 0.04
    repost: float = 0.05
    dm: float = 0.04
    long: float = 0.04


class Citizens:
    def __init__(
        self, world: World, *, seed: int = 2016, accounts: list[str] | None = None
    ) -> None:
        self.world = world
        self.random = random.Random(seed)  # noqa: S311 (simulation, not security)
        self.accounts = accounts or [next(iter(world.accounts), "Uppolice")]
        rows = [
            json.loads(line)
            for line in CORPUS.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        self.grievances = [r for r in rows if r["is_grievance"]]
        self.chatter = [r for r in rows if not r["is_grievance"]]
        self.mix = Mix()
        self.people: list[dict[str, Any]] = []

    def _person(self) -> dict[str, Any]:
        if self.people and self.random.random() < 0.3:
            return self.random.choice(self.people)
        first, last = self.random.choice(FIRST), self.random.choice(LAST)
        n = len(self.world.users)
        user = self.world.user(
            username=f"{first.lower()}{last.lower()}{n}"[:15],
            name=f"{first} {last}",
            location=self.random.choice(LOCATIONS),
        )
        self.people.append(user)
        return user

    def _address(self, row: dict[str, Any]) -> str:
        handles = [f"@{self.random.choice(self.accounts)}"]
        handles += [f"@{m}" for m in row.get("mentions", [])]
        text = row["text"]
        return (
            f"{' '.join(handles)} {text}"
            if self.random.random() < 0.7
            else f"{text} {' '.join(handles)}"
        )

    def step(self) -> dict[str, Any] | None:
        """One citizen action; returns the post or message made (None if nothing to do)."""
        roll = self.random.random()
        mix = self.mix
        edges = [
            ("complaint", mix.complaint),
            ("not_grievance", mix.not_grievance),
            ("followup", mix.followup),
            ("spam", mix.spam),
            ("repost", mix.repost),
            ("dm", mix.dm),
            ("long", mix.long),
        ]
        kind = "complaint"
        for name, share in edges:
            if roll < share:
                kind = name
                break
            roll -= share
        action: Any = getattr(self, f"_{kind}")
        return action()  # type: ignore[no-any-return]

    def _complaint(self) -> dict[str, Any]:
        row = self.random.choice(self.grievances)
        return self.world.add_post(author=self._person(), text=self._address(row))

    def _not_grievance(self) -> dict[str, Any]:
        row = self.random.choice(self.chatter)
        return self.world.add_post(author=self._person(), text=self._address(row))

    def _spam(self) -> dict[str, Any]:
        return self.world.add_post(
            author=self._person(), text=f"@{self.accounts[0]} {self.random.choice(SPAM)}"
        )

    def _repost(self) -> dict[str, Any] | None:
        if not self.world.posts:
            return self._complaint()
        original = self.random.choice(self.world.posts[-50:])
        author = self.world.users[original["author_id"]]
        return self.world.add_post(
            author=self._person(),
            text=f"RT @{author['username']}: {original['text']}"[:280],
            repost_of_id=original["id"],
        )

    def _followup(self) -> dict[str, Any] | None:
        """The citizen answers in the thread of our latest reply to them."""
        ours = set(self.world.accounts.values())
        with self.world.lock:
            candidates = [
                p
                for p in self.world.posts[-300:]
                if p["author_id"] in ours and p.get("in_reply_to_user_id")
            ]
        if not candidates:
            return self._complaint()
        reply = self.random.choice(candidates)
        citizen = self.world.users[reply["in_reply_to_user_id"]]
        asked_place = "district" in reply["text"] or "जनपद" in reply["text"]
        text = self.random.choice(PLACES_REPLY if asked_place else FOLLOWUPS)
        account = self.world.users[reply["author_id"]]["username"]
        return self.world.add_post(
            author=citizen, text=f"@{account} {text}", in_reply_to_id=reply["id"]
        )

    def _dm(self) -> dict[str, Any]:
        row = self.random.choice(self.grievances)
        account = self.world.account(self.random.choice(self.accounts))
        return self.world.add_dm(
            sender=self._person(), recipient_id=account["id"], text=row["text"]
        )

    def _long(self) -> dict[str, Any]:
        rows = self.random.sample(self.grievances, 3)
        text = self._address(rows[0]) + " " + " ".join(r["text"] for r in rows[1:])
        return self.world.add_post(author=self._person(), text=text)

    def run(self, *, rate: float, stop: threading.Event, count: int | None = None) -> int:
        """Act `rate` times a second until `stop` is set (or `count` actions are done)."""
        done = 0
        while not stop.is_set() and (count is None or done < count):
            self.step()
            done += 1
            stop.wait(self.random.expovariate(rate) if rate > 0 else 0)
        return done
