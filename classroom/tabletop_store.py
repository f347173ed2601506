"""Durable state of the classroom tabletop service: one SQLite file of games and their event logs.

The tabletop engine (:mod:`simulations.response.tabletop`) is deterministic: a game is its options
(scenario, seed, n, bots) plus its event log (``assign``, ``open``, ``move``, ``close``, ``reveal``).
So the service stores exactly that and nothing else, and rebuilds a game after a restart with
``Game.replay`` (see :meth:`TabletopStore.latest`).

Durability. ``journal_mode=WAL`` with ``synchronous=FULL``: every committed transaction is fsynced
to the write-ahead log before ``commit()`` returns, and the service answers a move only after that
commit. So an acknowledged move survives a crash of the service or the hub *and* a power cut or an
OS crash (a laptop on a venue's power strip). ``synchronous=NORMAL`` would survive a process crash
too but may lose the last commits on power loss — for a class that is the moves of the round being
played, which the participants were told were saved. The price of FULL is one fsync per move, a
few milliseconds measured in ``benchmarks/bench_tabletop.py --service`` — small against a round of
at most a few dozen moves. WAL lets readers (the same process) proceed during a write.

The file is created mode 0600 (the service runs as the hub's user; the state folder is 0700): it
holds participant codes and their moves, never names.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["SCHEMA_VERSION", "StoredGame", "TabletopStore"]

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS games (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    options TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    game_id INTEGER NOT NULL REFERENCES games(id),
    seq INTEGER NOT NULL,
    event TEXT NOT NULL,
    PRIMARY KEY (game_id, seq)
);
"""


@dataclass(frozen=True)
class StoredGame:
    """One game as stored: its id, constructor options and event log (oldest first)."""

    id: int
    options: dict[str, Any]
    events: list[dict[str, Any]]


class TabletopStore:
    """SQLite store of tabletop games: ``games`` (options) and ``events`` (the engine's log).

    Args:
        path: The database file (created mode 0600 if missing; its folder must exist).

    Not thread-safe: use it from one thread (the service's game thread).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.exists():
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        os.chmod(self.path, 0o600)
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        mode = self.db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if mode.lower() != "wal":  # pragma: no cover - only on file systems without shared memory
            raise sqlite3.OperationalError(f"{self.path}: journal_mode is {mode}, not WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute("PRAGMA busy_timeout=5000")
        self.db.executescript(_SCHEMA)
        self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def close(self) -> None:
        """Close the connection (the WAL is checkpointed into the main file)."""
        self.db.close()

    def settings(self) -> dict[str, str]:
        """Return the durability settings in force (``journal_mode``, ``synchronous``)."""
        sync = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}
        return {
            "journal_mode": self.db.execute("PRAGMA journal_mode").fetchone()[0],
            "synchronous": sync[self.db.execute("PRAGMA synchronous").fetchone()[0]],
        }

    def new_game(self, options: Mapping[str, Any], events: Iterable[Mapping[str, Any]] = ()) -> int:
        """Store a new game (and its first events, e.g. carried-over role assignments); return its id."""
        with self._transaction():
            cur = self.db.execute(
                "INSERT INTO games (options) VALUES (?)", (json.dumps(dict(options)),)
            )
            game_id = int(cur.lastrowid)
            self._insert(game_id, events)
        return game_id

    def append(self, game_id: int, events: Iterable[Mapping[str, Any]]) -> None:
        """Append events to a game's log in one transaction, committed (fsynced) on return.

        Raises:
            sqlite3.IntegrityError: when an event's ``seq`` is already stored (nothing is written).
        """
        with self._transaction():
            self._insert(game_id, events)

    def _insert(self, game_id: int, events: Iterable[Mapping[str, Any]]) -> None:
        self.db.executemany(
            "INSERT INTO events (game_id, seq, event) VALUES (?, ?, ?)",
            [(game_id, int(e["seq"]), json.dumps(dict(e))) for e in events],
        )

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)

    def load(self, game_id: int) -> StoredGame:
        """Return one stored game with its events in order.

        Raises:
            KeyError: no game with that id.
        """
        row = self.db.execute("SELECT options FROM games WHERE id = ?", (game_id,)).fetchone()
        if row is None:
            raise KeyError(game_id)
        events = [
            json.loads(text)
            for (text,) in self.db.execute(
                "SELECT event FROM events WHERE game_id = ? ORDER BY seq", (game_id,)
            )
        ]
        return StoredGame(game_id, json.loads(row[0]), events)

    def latest(self) -> StoredGame | None:
        """Return the most recently created game (the one the class is playing), or None."""
        row = self.db.execute("SELECT MAX(id) FROM games").fetchone()
        return None if row[0] is None else self.load(int(row[0]))

    def game_ids(self) -> list[int]:
        """Return the ids of every stored game, oldest first."""
        return [int(r[0]) for r in self.db.execute("SELECT id FROM games ORDER BY id")]


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on error) on an autocommit connection."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: Any, *_: Any) -> None:
        self.db.execute("ROLLBACK" if kind else "COMMIT")
