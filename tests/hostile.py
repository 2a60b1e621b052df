"""A corpus of hostile input, and what should become of each file.

    python -m tests.hostile DIR      # write it, then: frontlines ingest DIR --db hostile.db

Each entry is processed (its events extracted) or rejected with a reason containing the
given words; none may crash the batch or go missing.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ARTICLE = ("{title}\n\nGunmen killed five people in the town of Maiduguri on Tuesday, police said. "
           "Residents said the attackers arrived on motorcycles and opened fire at a market before fleeing.\n\n"
           "The army said troops later clashed with the gunmen near the town, killing two of them.\n")
PROCESSED = "processed"


def article(title: str) -> str:
    return ARTICLE.format(title=title)


def entries(big_mb: int = 50) -> list[tuple[str, bytes, str]]:
    """(file name, bytes, expected outcome) for every hostile input."""
    rnd = random.Random(7)
    utf8 = lambda s: s.encode("utf-8")   # noqa: E731
    out = [
        ("empty.txt", b"", "empty"),
        ("whitespace.txt", b" \n\t\n  \r\n", "empty"),
        ("nul-bytes.html", b"\x00\x01\x02\x03" * 512, "binary"),
        ("random-bytes.txt", bytes(rnd.randrange(128, 256) for _ in range(4000)), "undecodable"),
        (f"huge-{big_mb}mb.html", b"<html><body>" + b"<p>filler text</p>" * (big_mb * 1024 * 1024 // 18) +
         b"</body></html>", "too large"),
        ("big-3mb-page.html", utf8("<html><head><title>Market attack in Maiduguri</title><script>" +
                                   "var tracker = 1;" * 20000 + "</script></head><body>" +
                                   "<nav>" + "<a href='/s'>Section</a> " * 40000 + "</nav><article><p>" +
                                   article("").replace("\n\n", "</p><p>") + "</p></article></body></html>"),
         PROCESSED),
        ("latin1.txt", article("Café owners flee Maiduguri attack — latin-1").replace("—", "-").encode("latin-1"),
         PROCESSED),
        ("cp1252-quotes.txt", article("“Market attack” in Maiduguri: cp1252").encode("cp1252"), PROCESSED),
        ("mixed-encodings.txt", utf8(article("Mixed encodings: Maiduguri café attack")) +
         "\nA résident said: ‘we ran’.\n".encode("cp1252"), PROCESSED),
        ("invalid-utf8.txt", utf8(article("Invalid bytes in Maiduguri report")).replace(b"market", b"mar\xff\xfeket"),
         PROCESSED),
        ("utf16-bom.txt", article("UTF-16 report from Maiduguri").encode("utf-16"), PROCESSED),
        ("zero-width-and-controls.txt", utf8(article("Zero\u200bwidth and \x07control characters") + "\x1b[31m\u202e"),
         PROCESSED),
        ("french.txt", utf8("Des hommes armés ont tué cinq personnes mardi dans la ville de Maiduguri, a indiqué la "
                            "police. Les assaillants sont arrivés à moto et ont ouvert le feu sur un marché avant de "
                            "prendre la fuite, selon des habitants."), "not English"),
        ("arabic.txt", utf8("قتل مسلحون خمسة أشخاص في مدينة مايدوغوري يوم الثلاثاء، بحسب الشرطة. وقال السكان إن "
                            "المهاجمين وصلوا على دراجات نارية وفتحوا النار على سوق."), "not English"),
        ("german.html", utf8("<html><body><article><p>Bewaffnete haben am Dienstag in der Stadt Maiduguri fünf "
                             "Menschen getötet, teilte die Polizei mit. Die Angreifer kamen auf Motorrädern und "
                             "eröffneten das Feuer auf einen Markt, bevor sie flohen, sagten Anwohner.</p>"
                             "</article></body></html>"), "not English"),
        ("russian.txt", utf8("Во вторник вооруженные люди убили пять человек в городе Майдугури, сообщила полиция."),
         "not English"),
        ("chinese.txt", utf8("警方称，周二武装分子在迈杜古里镇杀死了五人。居民说，袭击者骑摩托车抵达并向市场开火。"),
         "not English"),
        ("spanish.txt", utf8("Hombres armados mataron a cinco personas el martes en la ciudad de Maiduguri, según la "
                             "policía. Los atacantes llegaron en motocicletas y abrieron fuego contra un mercado."),
         "not English"),
        ("only-comments.txt", utf8("Comments\n\nuser1 Fri, 11/03/2017 - 12:49 Permalink\n\nThey should bomb them all.\n"
                                   "\nuser2 Fri, 11/03/2017 - 13:02 Permalink\n\nlol\n"), "no main text"),
        ("emoji-only.txt", utf8("🔥💥🔥 " * 200), "not readable"),
        ("digits-only.txt", utf8("12345 67890 " * 300), "not readable"),
        ("script-injection.html", utf8(
            "<html><head><title>Gunmen attack market in Maiduguri</title><script>alert('xss')</script></head><body>"
            "<article><p>Gunmen killed five people in the town of Maiduguri on Tuesday, police said."
            "<script>document.write('<p>Soldiers shelled Kano killing 900 people.</p>')</script>"
            "<img src=x onerror=\"alert('img')\"><iframe src=\"javascript:alert(1)\"></iframe></p>"
            "<p>Residents said the attackers fled on motorcycles.</p></article></body></html>"), PROCESSED),
        ("markup-in-text.txt", utf8(article("Markup <b>injected</b> into <i>plain</i> text") +
                                    "<script>alert(1)</script> <a href=javascript:alert(2)>link</a>\n"), PROCESSED),
        ("nested-divs.html", utf8("<html><body>" + "<div>" * 20000 + "<p>Soldiers clashed with rebels.</p>" +
                                  "</div>" * 20000 + "</body></html>"), "no main text"),
        ("absurd-numbers.txt", utf8("Absurd figures from Maiduguri\n\nRebels killed 10^12 people in Maiduguri on "
                                    "Tuesday, a post claimed. Another post said 5,000,000,000 villagers were killed "
                                    "in the attack on the town.\n"), PROCESSED),
        ("report-2099-01-01.txt", utf8(article("Published 2099-01-01: a date in the future") +
                                       "\nOn 3 March 2099 troops attacked the town of Kano, killing 12 people.\n"),
         PROCESSED),
        ("one-huge-line.txt", utf8("Gunmen attacked the town " * 40000), "too long"),
        ("unclosed.html", utf8("<html><body><p>Soldiers clashed with Boko Haram fighters near Maiduguri on Monday, "
                               "the army said.<p><div><span>"), PROCESSED),
    ]
    lines = [
        json.dumps({"doc_id": "jsonl-good", "text": article("JSONL line that is fine"), "published": "2020-02-04"}),
        "{not json at all",
        json.dumps({"doc_id": "jsonl-no-text"}),
        json.dumps({"doc_id": "jsonl-null-text", "text": None, "path": None}),
        json.dumps({"doc_id": "jsonl-missing-path", "path": "does/not/exist.txt"}),
        json.dumps({"doc_id": "jsonl-bad-date", "text": article("JSONL line with a bad date"), "published": "31/31/31"}),
        json.dumps(["a", "list"]),
    ]
    out.append(("batch.jsonl", utf8("\n".join(lines) + "\n"), ""))
    return out


JSONL_EXPECTED = {"jsonl-good": PROCESSED, "batch:2": "json", "jsonl-no-text": "neither text",
                  "jsonl-null-text": "neither text", "jsonl-missing-path": "no such file",
                  "jsonl-bad-date": PROCESSED, "batch:7": "object"}


def write(folder, big_mb: int = 50) -> dict[str, str]:
    """Write the corpus; return doc id -> expected outcome ("processed" or words of the reason)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, data, outcome in entries(big_mb):
        (folder / name).write_bytes(data)
        if name.endswith(".jsonl"):
            expected.update(JSONL_EXPECTED)
        else:
            expected[Path(name).stem] = outcome
    return expected


if __name__ == "__main__":
    exp = write(sys.argv[1] if len(sys.argv) > 1 else "hostile")
    print(f"{len(exp)} hostile inputs written")
