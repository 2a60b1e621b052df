"""Reading a sentence's places against each other: a town in the area the text gives ("Kano, Nigeria",
"Likoni, Mombasa"), a city's name that means its state ("Buffalo, New York"), and a capital meant but
not named ("the Afghan capital")."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..geo import ADMIN_SUFFIX, ADMIN_WORDS, Place, gazetteer, haversine_km, norm
from .lexicon import BROAD, LINK_WORDS, LIST_WORDS, LOWER_CAPITALS, PART_WORDS

if TYPE_CHECKING:
    from .context import DocContext


def _capitals(sent, ctx: DocContext) -> list:
    """A country's capital meant but not named: "the Afghan capital", "Somalia's capital", "the capital
    of Mali", or "the capital" / "the federal capital" in a report about one country."""
    g = gazetteer()
    out = []
    for t in sent:
        if t.lower_ != "capital" or t.pos_ not in ("NOUN", "PROPN"):
            continue
        mods = [c for c in t.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
        if any(c.lower_ in LOWER_CAPITALS for c in mods):
            continue
        cc, start = None, t.i
        for c in mods:
            name = re.sub(r"['’]s$", "", sent.doc[c.left_edge.i:c.i + 1].text)
            cc = cc or g.country_code(name)
            start = min(start, c.left_edge.i)
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for o in c.children:   # "the capital of the Central African Republic"
                    cc = cc or g.country_code(re.sub(r"^the ", "", sent.doc[o.left_edge.i:o.i + 1].text, flags=re.I))
                    if o.lemma_ in ("country", "nation"):   # "the capital of the Andean nation of Peru"
                        cc = cc or next(filter(None, (g.country_code(x.text) for of in o.children
                                                      if of.lower_ == "of" for x in of.children)), None)
        if cc is None and not any(c.dep_ == "prep" for c in t.children):
            top = max(ctx.countries.items(), key=lambda kv: kv[1], default=(None, 0))
            if top[1] >= 0.5 and all(c.dep_ in ("det", "amod") for c in t.children):
                cc = top[0]
        row = g.countries.get(cc or "")
        if row and row.get("capital"):
            p = g.resolve(row["capital"], {cc: 2.0})
            if p is not None and p.country_code == cc:
                out.append((p, sent.doc[start:t.i + 1]))
    return out


def _within_area(p: Place, span, ctx: DocContext) -> Place:
    """"Stroud, Ontario", "Charleston, W.Va.", "Kano, Nigeria": the name after the comma is the
    area the town is in, and picks among towns of that name."""
    doc = span.doc
    if p.kind in BROAD or span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return p
    g = gazetteer()
    for n in (3, 2, 1):
        area = doc[span.end + 1:min(span.end + 1 + n, len(doc))]
        if not area.text[:1].isupper():
            continue
        if g.admin1_areas(span.text) and _more_listed(area) and any(
                norm(a.name) == norm(area.text) for a in g.admin1_areas(area.text)):
            return p   # "cases in Washington, Pennsylvania and California": three states
        for a in g.admin1_areas(area.text):
            q = ctx.place(span.text, within=a)
            if q is not None and q.country_code == a.country_code and q.admin1 == a.admin1:
                ctx.senses[norm(span.text)] = q
                return q
        cc = g.country_code(area.text)
        if cc and cc != p.country_code and len(area.text) > 3:
            q = ctx.place(span.text, within=g.country_place(cc))
            if q is not None and q.country_code == cc:
                ctx.senses[norm(span.text)] = q
                return q
    return p


# the words after a first-level area's name (geo.ADMIN_WORDS), but "state", read on its own below
# ("Washington state"), and "county", left to the county rules ("Baringo county")
PROVINCE_WORDS = set(ADMIN_WORDS) - {"state", "county"}


def _area_senses(places: list, ctx: DocContext) -> list:
    """"Buffalo, New York", "a Washington state farm", "the state of Washington", "Oregon, Washington and
    Idaho", "Herat province": a city's name that is also a first-level area means the area where the words
    around say so."""
    g = gazetteer()
    out = list(places)
    for i, (p, span) in enumerate(places):
        if p.kind != "city":
            continue
        areas = sorted(g.admin1_areas(span.text), key=lambda a: -a.population)
        if not areas or norm(areas[0].name) != norm(span.text):
            continue
        doc = span.doc
        prev = places[i - 1] if i > 0 else None
        nxt = places[i + 1] if i + 1 < len(places) else None
        if nxt and _joined(span, nxt[1], {","}) and nxt[0].kind == "admin1" and not _more_listed(nxt[1]) and \
                (p.country_code, p.admin1) == (nxt[0].country_code, nxt[0].admin1):
            continue   # "Washington, D.C.": a town in its area
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        a = None
        if after in PROVINCE_WORDS:
            # "Herat province", "the Lice district of Diyarbakir province": the province, not its capital
            # (which "Herat" still is elsewhere in the report)
            out[i] = (next((a for a in areas if a.country_code == p.country_code), areas[0]), span)
            continue
        before = [t.lower_ for t in doc[max(0, span.start - 2):span.start]]
        if after == "state" or before == ["state", "of"]:
            a = areas[0]
        elif before[-1:] == ["of"] and before[0] in PROVINCE_WORDS:   # "the eastern province of Van"
            a = next((b for b in areas if b.country_code == p.country_code), None)
        elif prev and _joined(prev[1], span, {","}) and prev[0].kind == "city":   # "Buffalo, New York"
            a = next((b for b in areas if (prev[0].country_code, prev[0].admin1) == (b.country_code, b.admin1)), None)
        if a is not None:
            ctx.senses.setdefault(norm(span.text), a)   # the report means the area by this name elsewhere too
        else:   # listed among areas of its country that no town shares a name with: "Oregon, Washington and Idaho"
            for q, sq in filter(None, (prev, nxt)):
                if q.kind == "admin1" and _joined(*sorted((span, sq), key=lambda s: s.start), LIST_WORDS) and \
                        not any(c.kind == "city" and (c.country_code, c.admin1) == (q.country_code, q.admin1)
                                for c, m in g.candidates(sq.text) if m == 1.0):   # Idlib is a city in Idlib too
                    a = next((b for b in areas if b.country_code == q.country_code), None)
                    if a is not None:
                        break
        if a is not None:
            out[i] = (a, span)
    return out


def _joined(first, second, words: set) -> bool:
    """Whether only these words (",", "and") stand between two names."""
    between = first.doc[first.end:second.start]
    return len(between) > 0 and {t.lower_ for t in between} <= words


def _inside(p: Place, q: Place, sq=None) -> bool:
    """Whether p can lie in q: in the same country, and for a town near it. An area that shares q's name
    counts too ("Atlanta, Georgia")."""
    if sq is not None and any(a.country_code == p.country_code and a.admin1 == p.admin1
                              for a in gazetteer().admin1_areas(sq.text)):
        return True
    if p.country_code != q.country_code:
        return False
    if q.kind == "city":
        return haversine_km(p.latitude, p.longitude, q.latitude, q.longitude) <= 150
    return True


def _names_a_place(name: str) -> bool:
    """Whether some place has this as its own name, not only as an alias ("Bissa" is only Bissau's), or
    is a city of 100,000 or more that goes by it ("Raqqa" for Ar Raqqah)."""
    n = norm(name)
    return any(norm(p.name) == n or p.kind == "city" and p.population >= 100_000 and
               any(w in (n, n + "h") for w in norm(p.name).split()) for p, _ in gazetteer().candidates(name))


def _listed(sp, sq) -> bool:
    """ "Crockett, Palestine and Tyler", ", Toronto, Vancouver": names in a list, not a town in an area."""
    doc = sp.doc
    after = doc[sq.end:sq.end + 2]
    return (sp.start > 0 and doc[sp.start - 1].lower_ in (",", "and")) or \
        (len(after) > 0 and after[0].lower_ in ("and", "or")) or \
        (len(after) > 1 and after[0].text == "," and after[1].pos_ == "PROPN")


def _more_listed(span) -> bool:
    """ "..., Pennsylvania and California", "..., Pennsylvania, California": more names follow."""
    after = span.doc[span.end:span.end + 2]
    return len(after) == 2 and after[0].lower_ in (",", "and", "or") and after[1].pos_ == "PROPN"


def _trust(p: Place, span, ctx: DocContext) -> tuple:
    """How sure a resolution is: the report's support for its country, then whether the text names it
    by its own name rather than an alias ("Edo" is also an old name of Tokyo)."""
    return ctx.countries.get(p.country_code, 0), norm(ADMIN_SUFFIX.sub("", span.text.lower())) == norm(p.name)


def _contained(places: list, ctx: DocContext) -> list:
    """"Likoni, Mombasa", "Hodan District in Mogadishu", "Ugbowo area of Benin City in Edo": a place the
    text puts inside another must lie in it. When the two resolved apart, the one whose country the report
    supports less is read again inside the other; a town not found there becomes the place it is in."""
    out = list(places)
    for i in range(len(out) - 1):
        (p, sp), (q, sq) = out[i], out[i + 1]
        if p is None or q is None or p.kind not in ("city", "admin2"):
            continue
        between = [t.lower_ for t in sp.doc[sp.end:sq.start]]
        if not between or len(between) > 5 or not LINK_WORDS & set(between) or \
                not set(between) <= LINK_WORDS | PART_WORDS or _inside(p, q, sq):
            continue
        if between == [","] and (_listed(sp, sq) or (q.kind == "city" and (
                p.country_code == q.country_code or p.population >= 100_000))):
            continue   # "Toronto, Vancouver and Calgary", "London, Paris": a list, not a town in a city
        if q.kind == p.kind == "city" and p.country_code == q.country_code and q.population < p.population:
            out[i + 1] = (None, sq)   # "Maramag town in Bukidnon": the province, not a hamlet of its name
            continue
        if q.kind not in BROAD and _trust(q, sq, ctx) < _trust(p, sp, ctx):
            r = ctx.place(sq.text, within=gazetteer().country_place(p.country_code))
            out[i + 1] = (r if r is not None and r.country_code == p.country_code else None, sq)
            continue
        area = q if q.kind != "city" else gazetteer().country_place(q.country_code)
        r = ctx.place(sp.text, within=area) if area is not None else None
        out[i] = (r if r is not None and _inside(r, q) else q, sp)   # else the place it is in
    return [(p, span) for p, span in out if p is not None]

