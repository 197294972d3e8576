"""Read a SQLite database file and its write-ahead log as someone with a copy of them would.

Only what the anonymity tests need (https://www.sqlite.org/fileformat2.html): the frames of a
``-wal`` file (every frame, valid or stale), and the b-tree pages of a table or index with the
offsets of their cells.
"""

from __future__ import annotations

import itertools
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

WAL_HEADER = 32
FRAME_HEADER = 24
LEAF_TYPES = (0x0A, 0x0D)
INTERIOR_TYPES = (0x02, 0x05)


@dataclass(frozen=True)
class Frame:
    index: int  # position in the file, from 0
    page: int  # the database page it holds an image of
    commit: bool  # the last frame of a transaction
    data: bytes


def wal_frames(wal: bytes) -> list[Frame]:
    """Every frame in the log, in file order, whether or not it is still valid."""
    if len(wal) < WAL_HEADER:
        return []
    page_size = struct.unpack(">I", wal[8:12])[0]
    frames, offset = [], WAL_HEADER
    while offset + FRAME_HEADER + page_size <= len(wal):
        page, size_after = struct.unpack(">II", wal[offset : offset + 8])
        data = wal[offset + FRAME_HEADER : offset + FRAME_HEADER + page_size]
        frames.append(Frame(len(frames), page, size_after != 0, data))
        offset += FRAME_HEADER + page_size
    return frames


@dataclass(frozen=True)
class Page:
    number: int
    kind: int
    cell_offsets: tuple[int, ...]  # in cell-pointer (key) order
    children: tuple[int, ...]
    data: bytes


class DatabaseFile:
    """The main database file, read from bytes (the live file is never opened by SQLite here,
    which could checkpoint or delete the log)."""

    def __init__(self, data: bytes):
        self.data = data
        self.page_size = struct.unpack(">H", data[16:18])[0] or 65536
        if self.page_size == 1:
            self.page_size = 65536
        self.freelist_pages = struct.unpack(">I", data[36:40])[0]

    def page(self, number: int) -> Page:
        start = (number - 1) * self.page_size
        data = self.data[start : start + self.page_size]
        header = 100 if number == 1 else 0
        kind = data[header]
        ncells = struct.unpack(">H", data[header + 3 : header + 5])[0]
        interior = kind in INTERIOR_TYPES
        pointers = header + (12 if interior else 8)
        offsets = tuple(
            struct.unpack(">H", data[pointers + 2 * i : pointers + 2 * i + 2])[0]
            for i in range(ncells)
        )
        children: tuple[int, ...] = ()
        if interior:
            left = [struct.unpack(">I", data[o : o + 4])[0] for o in offsets]
            right = struct.unpack(">I", data[header + 8 : header + 12])[0]
            children = (*left, right)
        return Page(number, kind, offsets, children, data)

    def btree(self, root: int) -> list[Page]:
        """Every page of the b-tree rooted at ``root``, depth first."""
        pages, todo = [], [root]
        while todo:
            page = self.page(todo.pop(0))
            pages.append(page)
            todo[:0] = list(page.children)
        return pages


def root_pages(main_file: Path, tmp_dir: Path) -> dict[str, tuple[str, int]]:
    """{name: (table it belongs to, root page)} for every table and index, read from a copy of
    the main file opened read-only (never the live file)."""
    copy = tmp_dir / "schema-copy.sqlite"
    copy.write_bytes(main_file.read_bytes())
    conn = sqlite3.connect(f"file:{copy}?mode=ro&immutable=1", uri=True)
    try:
        rows = conn.execute(
            "SELECT name, tbl_name, rootpage FROM sqlite_master WHERE rootpage > 0"
        ).fetchall()
    finally:
        conn.close()
    return {name: (table, root) for name, table, root in rows}


def layout(database: DatabaseFile, roots: dict[str, tuple[str, int]], tables) -> dict:
    """{b-tree name: [cell offsets of each page, depth first]} for the tables' b-trees."""
    return {
        name: [page.cell_offsets for page in database.btree(root)]
        for name, (table, root) in roots.items()
        if table in tables
    }


def rebuilt_from_content(main: bytes, tmp_dir: Path) -> bytes:
    """The file SQLite writes from the same rows alone (``VACUUM INTO`` a copy): a layout that
    is a function of the content and its keys, never of the order rows were written in."""
    source, target = tmp_dir / "content-copy.sqlite", tmp_dir / "rebuilt.sqlite"
    source.write_bytes(main)
    target.unlink(missing_ok=True)
    conn = sqlite3.connect(source)
    try:
        conn.execute("VACUUM INTO ?", (str(target),))
    finally:
        conn.close()
    return target.read_bytes()


def concordance(database: DatabaseFile, roots, table: str, arrival: dict[bytes, int]) -> float:
    """Over pairs of cells that share a leaf page of ``table``, the share whose places in the
    page (newer rows sit lower) agree with the order the rows arrived in: about 1 when the
    layout records arrival, about 0.5 when it says nothing about it. ``arrival`` maps the
    bytes that identify a row (a response id) to its place in the order of arrival."""
    agree = pairs = 0
    for name, (owner, root) in roots.items():
        if owner != table or name != table:
            continue
        for page in database.btree(root):
            if page.kind not in LEAF_TYPES:
                continue
            placed = []
            for offset in page.cell_offsets:
                cell = page.data[offset : offset + 64]
                found = [n for ident, n in arrival.items() if ident in cell]
                if found:
                    placed.append((offset, found[0]))
            for (o1, n1), (o2, n2) in itertools.combinations(placed, 2):
                if n1 != n2:
                    pairs += 1
                    agree += (o1 > o2) == (n1 < n2)
    return agree / pairs if pairs else 0.5
