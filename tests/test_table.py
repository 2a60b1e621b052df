"""Terminal tables: fitted to the terminal's width, headers never cut, nothing cut when piped."""
import io
import os

from frontlines.table import print_table


def test_the_events_table_fits_the_terminal_and_cuts_no_header():
    class Terminal(io.StringIO):
        def isatty(self):
            return True
    rows = [{"date": "2019-01-15", "actor1": "Police Forces of Kenya (2013-2022) and a very long name indeed",
             "fatalities": 21}]
    cols = [("date", "date"), ("actor1", "actor 1"), ("fatalities", "fatalities")]
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "50"
    try:
        out = Terminal()
        print_table(rows, cols, out)
    finally:
        os.environ.pop("COLUMNS") if old is None else os.environ.__setitem__("COLUMNS", old)
    header, line = out.getvalue().splitlines()
    assert header.split() == ["date", "actor", "1", "fatalities"] and len(line) <= 50 and len(header) <= 50
    assert "…" in line and line.rstrip().endswith("21")
    piped = io.StringIO()
    print_table(rows, cols, piped)   # to a file or a pipe: nothing cut
    assert rows[0]["actor1"] in piped.getvalue()
