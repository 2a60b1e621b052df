"""Plain-text tables for the terminal: columns fitted to its width, long values cut with an ellipsis,
headers never cut; piped to a file or another program, nothing is cut."""
from __future__ import annotations

import shutil
import sys

GAP = 2
MIN_WIDTH = 8   # a text column is never narrower than this (or its header)


def fit(natural: list[int], floors: list[int], width: int | None) -> list[int]:
    """Column widths: the natural ones when they fit in `width`, else the widest columns narrowed,
    one character at a time, down to their floors."""
    widths = list(natural)
    if width is None:
        return widths
    room = width - GAP * (len(widths) - 1)
    while sum(widths) > room:
        i = max(range(len(widths)), key=lambda k: (widths[k] - floors[k], widths[k]))
        if widths[i] <= floors[i]:
            break   # the terminal is narrower than the headers: lines wrap
        widths[i] -= 1
    return widths


def cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:max(width - 1, 0)] + "…"


def print_table(rows: list, cols: list[tuple[str, str]], out=None) -> None:
    """rows: objects or dicts; cols: (field, header). Numbers are right-aligned."""
    out = out or sys.stdout
    get = (lambda r, f: r.get(f)) if rows and isinstance(rows[0], dict) else (lambda r, f: getattr(r, f, None))
    cells = [["" if get(r, f) is None else str(get(r, f)) for f, _ in cols] for r in rows]
    numeric = [all(c[i].isdigit() for c in cells if c[i]) and any(c[i] for c in cells) for i in range(len(cols))]
    natural = [max([len(h)] + [len(c[i]) for c in cells]) for i, (_, h) in enumerate(cols)]
    floors = [len(h) if numeric[i] else max(len(h), min(MIN_WIDTH, natural[i])) for i, (_, h) in enumerate(cols)]
    width = shutil.get_terminal_size((120, 24)).columns if out.isatty() else None
    widths = fit(natural, floors, width)

    def line(values):
        return (" " * GAP).join(cut(v, w).rjust(w) if numeric[i] else cut(v, w).ljust(w)
                                for i, (v, w) in enumerate(zip(values, widths))).rstrip()

    print(line([h for _, h in cols]), file=out)
    for c in cells:
        print(line(c), file=out)
