"""Finding place names in a sentence: names NER ran together or split, districts, names in a place's
position that NER called something else, names only the gazetteer knows, and project additions (oil
fields, airports). Reading them is DocContext.place's job (context.py)."""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from spacy.tokens import Span

from .. import dates as dt
from ..geo import ADMIN_SUFFIX, ADMIN_WORDS, DISTRICT_ENDING, gazetteer, is_own_name, norm
from .lexicon import (AREAS, BROAD, DISTRICT_WORDS, FACILITY_WORDS, NAME_JOINERS, OTHER_NAMES, PEOPLE_OF_PLACE,
                      PLACE_LABELS, PLACE_NOUNS, PLACE_VERBS, SKIP_NAMES, SPEECH, TELLER_NOUNS, TOWN_WORDS,
                      VILLAGE_WORDS)
from .patterns import COMMUNITY_ENDING, DATELINE_AFTER, DATELINE_BEFORE, LOWER_DIRECTION
from .syntax import ents, text_of


WHO_DEPS = {"compound", "amod", "nmod"}   # a country's name or demonym before a noun it qualifies
AROUND_PLACE = PLACE_NOUNS | PEOPLE_OF_PLACE   # "the Mafa area", "Githurai residents", "residents of Kibera"
# nouns a country's name or demonym may modify and still say where ("a Kenyan village", "the Somali capital")
PLACE_HEADS = PLACE_NOUNS | TOWN_WORDS | {"capital", "border", "side", "soil", "territory", "coast", "frontier",
                                          "waters", "countryside", "mainland", "island", "port"}


def _place_like(ent) -> bool:
    """A name NER did not call a place, in a place's position: "in X", "near X", "recaptured X"."""
    if DISTRICT_ENDING.search(norm(ent.text)):
        return ent.label_ != "NORP"   # "Yagba West Local Government Council", "Jani Khel District"
    if len(ent) > 4:
        return False
    doc = ent.doc
    if (len(ent) > 1 and ent[-1].lower_ in TOWN_WORDS) or \
            (ent.end < len(doc) and doc[ent.end].lower_ in TOWN_WORDS | {"local"}):
        # "Bama Town", "Gajiram town", "Obudu local government area", "Bardere town" (not "a Somali town")
        return ent.label_ != "NORP" or gazetteer().country_code(ent.text) is None
    if ent.label_ == "NORP":
        return False
    if ent.end < len(doc) and doc[ent.end].lower_ in PEOPLE_OF_PLACE:
        return True   # "Muranga residents"
    root = ent.root
    while root.dep_ == "conj" and root.head.i < root.i and root.head.ent_type_ in PLACE_LABELS:
        root = root.head   # "in Kusauni and Nyali": Nyali too (not "the children of Mary and Paul")
    if root.dep_ == "dobj":
        return root.head.lemma_.lower() in PLACE_VERBS
    return root.dep_ == "pobj" and root.head.lower_ in ("in", "at", "near", "of", "outside", "around", "into", "from",
                                                        "to")


def _after_place_word(span) -> bool:
    """ "in Moore", "near Ripley", "the city of Timbuktu", "the Mafa area", "residents of Mukurwe-ini",
    "Muranga residents": the words around say place."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return before in ("in", "at", "near", "from", "to", "outside", "around") or after in AROUND_PLACE or \
        (before == "of" and span.start > 1 and doc[span.start - 2].lower_ in AROUND_PLACE)


@lru_cache(maxsize=1)
def common_nouns() -> frozenset:
    """English common nouns and adjectives (the lemmatiser's WordNet index in the spaCy model)."""
    from ..nlp import load
    lem = load().get_pipe("lemmatizer")
    if "lemma_index" not in lem.lookups.tables:
        return frozenset()
    index = lem.lookups.get_table("lemma_index")
    return frozenset(index["noun"]) | frozenset(index["adj"])


def _gazetteer_names(sent, ctx, taken: set) -> list:
    """Capitalised names that the gazetteer knows, where NER saw no place (place matcher before NER)."""
    g = gazetteer()
    ent_place = {t.i for e in ents(sent) if e.label_ in PLACE_LABELS for t in e}
    person = {t.i for e in ents(sent) if e.label_ in ("PERSON", "DATE", "TIME", "CARDINAL", "MONEY") and
              not _misdated(e) for t in e}
    person |= {t.i for t in sent if t.text in ctx.surnames and not _after_place_word(sent.doc[t.i:t.i + 1])}
    # a word inside a named organisation, product or work ("Texas Forestry Service", "Federal Medical
    # Centre") is taken as a place only in a country the report is about
    named = {t.i: e for e in ents(sent) if e.label_ in OTHER_NAMES for t in e}
    out, i = [], sent.start
    while i < sent.end:
        t = sent.doc[i]
        before_people = t.i + 1 < sent.end and sent.doc[t.i + 1].lower_ in PEOPLE_OF_PLACE   # tagged ADJ
        if not ((t.pos_ == "PROPN" or before_people) and t.text[:1].isupper()) or t.i in ent_place or \
                t.i in taken or t.i in person:
            i += 1
            continue
        found = None
        for n in (3, 2, 1):
            j = i + n
            if j > sent.end:
                continue
            span = sent.doc[i:j]
            if any(x.i in taken or x.i in ent_place or not (x.text[:1].isupper() or _joiner(x, span) or
                                                             _joined_tail(x, span)) for x in span):
                continue   # "KwaZulu-Natal", "Impasug-ong" are one name
            if n == 1 and (t.lower_ in SKIP_NAMES or t.is_stop or len(t.text) < 3):
                continue
            e = named.get(i)
            inside = e is not None and (e.start, e.end) != (span.start, span.end)
            if e is not None and (e.start, e.end) == (span.start, span.end + 1) and e[-1].lower_ in ADMIN_WORDS:
                span, inside = e, False   # "Bauchi State"
            # "City Council", "Texas Southern University": the head of a name, unless a city
            head_word = inside and span.end == e.end and span.start > e.start and e.label_ != "PERSON" and \
                sent.doc[span.start - 1].is_alpha and sent.doc[span.start - 1].lower_ not in ("of", "in", "at", "de") \
                and span.text.lower() in common_nouns()
            if norm(span.text) in g.by_name or ADMIN_SUFFIX.sub("", norm(span.text)) in g.by_name:
                p = ctx.place(span.text)
                if p is None or not (p.population >= 5000 or p.kind != "city" or ctx.countries.get(p.country_code)):
                    continue
                known = norm(span.text) in ctx.senses   # the text put it in its area elsewhere
                if (head_word or span.text.lower() in common_nouns() and not _after_place_word(span)) and \
                        p.population < 100_000 and p.kind == "city" and not known:
                    continue   # "Commerce", "Hope", "the City Council": words before they are small towns
                if inside and not known and p.kind != "country" and ctx.countries.get(p.country_code, 0) < 0.3 and \
                        not (p.kind == "city" and p.population >= 100_000 and not g.ambiguous(span.text)):
                    continue   # "Federal Medical Centre": a word of a name, unless the report is about that country
                found = (p, span)
                break
            if span.text.lower() in common_nouns() or e is not None and e.label_ in OTHER_NAMES and \
                    (inside or e.label_ != "PRODUCT"):
                continue   # (NER's "product" in a place's position is a place: "the city of Bahirdar")
            if _after_place_word(span):
                # "in Dagoretti", "Githurai residents": a name the built-in gazetteer lacks, in a place's
                # position, may be a village of the report's country in the user's village store
                p = ctx.place(span.text)
                if p is not None and p.kind == "city" and is_own_name(norm(span.text), p.name):
                    found = (p, span)   # (its own name: not "Barak" read as Baraq)
                    break
        if found:
            out.append(found)
            i = found[1].end
        else:
            i += 1
    return out


def _misdated(ent) -> bool:
    """A name NER took for a date where the text names a place ("the town of Aweday"): one capitalised
    word that no date reading has."""
    doc = ent.doc
    named = ent.start > 1 and doc[ent.start - 1].lower_ == "of" and doc[ent.start - 2].lower_ in PLACE_NOUNS or \
        ent.end < len(doc) and doc[ent.end].lower_ in TOWN_WORDS
    return ent.label_ == "DATE" and len(ent) == 1 and ent.text[:1].isupper() and named and \
        dt.resolve(ent.text, date(2000, 1, 1)) is None


def _joined_tail(tok, span) -> bool:
    """The lower-case end of a hyphenated name ("Impasug-ong"; not the "e" of "Sar-e Pol", which joins on)."""
    return tok.i - 1 > span.start and _joiner(tok.nbor(-1), span) and len(tok) > 1 and tok.i == span.end - 1


def _joiner(tok, span) -> bool:
    """A hyphen inside a name, with no space around it."""
    return tok.text == "-" and span.start < tok.i < span.end - 1 and not tok.nbor(-1).whitespace_ and \
        not tok.whitespace_


def _split_names(ent) -> list:
    """Names NER ran together: "Barkin Ladi Local Government Area of Plateau" is a district and the
    state it lies in, not an organisation; "Gwoza northeast Nigeria" is a town and its country; "Homa Bay
    (Homa Bay" is a town and the county in brackets after it, "Kisauni, Mombasa County" a town and its
    county."""
    cut = next((t.i for t in ent[1:] if t.text in ("(", ")", ",")), None)
    if cut is not None and ent.label_ in PLACE_LABELS:
        parts = [Span(ent.doc, a, b, label=ent.label_) for a, b in ((ent.start, cut), (cut + 1, ent.end)) if b > a]
        return [x for part in parts for x in _split_names(part) if x.text not in ("(", ")", ",")]
    if ent.label_ in PLACE_LABELS:
        for t in ent[1:-1]:
            if t.is_lower and LOWER_DIRECTION.match(t.text + " " + t.nbor().text):
                return [Span(ent.doc, ent.start, t.i, label=ent.label_), Span(ent.doc, t.i, ent.end, label=ent.label_)]
        return [ent]
    for t in ent:
        if t.lower_ == "of" and ent.start < t.i < ent.end - 1:
            before = norm(ent.doc[ent.start:t.i].text)
            if DISTRICT_ENDING.search(before):
                return [Span(ent.doc, ent.start, t.i, label="GPE"), Span(ent.doc, t.i + 1, ent.end, label="GPE")]
            if COMMUNITY_ENDING.search(before) and t.i - ent.start > 1:
                # "Adadama Community of Abi Local Government Council of Cross River State": a village,
                # then the district and state it lies in
                rest = Span(ent.doc, t.i + 1, ent.end, label=ent.label_)
                return [Span(ent.doc, ent.start, t.i - 1, label="GPE"), *_split_names(rest)]
    return [ent]


def _qualified(ent):
    """The name without NER's article, and the noun after it that it qualifies (None if none)."""
    ent = ent[1:] if ent[0].pos_ == "DET" else ent   # NER's "the Kerugoya Law Courts"
    last = ent[-1]
    noun = last.head if last.dep_ in WHO_DEPS and last.head.i >= ent.end and last.head.pos_ in ("NOUN", "PROPN") \
        else None
    return ent, noun


def _leading_names(ent, longest: int):
    """(n, span) of a name's first n words, longest first, that may name a town: capitalised, not ending
    in a facility word, not a country's or a people's name ("a Philippine town mayor")."""
    for n in range(longest, 0, -1):
        head = ent[:n]
        if all(t.text[:1].isupper() for t in head) and head[-1].lower_ not in FACILITY_WORDS and \
                not gazetteer().country_code(head.text):
            yield n, head


def _facility_town(ent, ctx):
    """(place, span) of the town a facility is named after ("Luanda Central Prison", "Kerugoya Law Courts",
    "Maiduguri Teaching Hospital", "the Msambweni polling station", "Mokowe GSU camp"): its leading
    capitalised words, when they are a town's or an area's own name (not a people's: "a Philippine town
    mayor"); None otherwise."""
    ent, noun = _qualified(ent)
    after = noun is not None and noun.lower_ in FACILITY_WORDS   # the facility word follows the name
    for n, head in _leading_names(ent, min(3, len(ent) - (not after))):
        if not (after or any(t.lower_ in FACILITY_WORDS for t in ent[n:])):
            continue
        p = ctx.place(head.text)
        if p is not None and p.kind not in BROAD and is_own_name(norm(head.text), p.name) and \
                (p.kind != "city" or p.population >= 5000 or ctx.countries.get(p.country_code)):
            return p, Span(ent.doc, head.start, head.end, label="GPE")
    return None


def _home_town(ent, ctx):
    """(place, span) of the town of the report's country whose people or office a name qualifies ("Wajir
    herders", "Migori government workers", "Taveta MP", in a report about Kenya); None otherwise."""
    ent, noun = _qualified(ent)
    if noun is None or noun.lower_ in FACILITY_WORDS:
        return None
    top = max(ctx.countries.values(), default=0)
    for n, head in _leading_names(ent, min(3, len(ent))):
        if any(t.lower_ in FACILITY_WORDS for t in ent[n:]):
            continue
        p = ctx.place(head.text)
        if p is not None and p.kind == "city" and is_own_name(norm(head.text), p.name) and top and \
                ctx.countries.get(p.country_code, 0) >= top:
            return p, Span(ent.doc, head.start, head.end, label="GPE")
    return None


def _district_name(ent, sent, ctx):
    """ "Guma" + "Local Government Area": the district, when the gazetteer has one by that name and no
    town of it in the same area (a town named for its district stands for it)."""
    for words in DISTRICT_WORDS:
        end = ent.end + len(words)
        if end <= sent.end and tuple(t.lower_ for t in sent.doc[ent.end:end]) == words:
            p = ctx.place(sent.doc[ent.start:end].text)
            if p is not None and p.kind == "admin2":
                return Span(sent.doc, ent.start, end, label=ent.label_)
            break
    return ent


def _longer_name(ent, sent):
    """The place name NER split: "Mazar" + "-e" + "Sharif" is Mazar-e Sharif when the gazetteer knows it."""
    g = gazetteer()
    for k in (3, 2):
        end = ent.end + k
        if end > sent.end:
            continue
        tail = sent.doc[ent.end:end]
        if tail[-1].text[:1].isupper() and all(t.text[:1].isupper() or t.lower_ in NAME_JOINERS for t in tail) \
                and any(t.lower_ in NAME_JOINERS for t in tail) and norm(sent.doc[ent.start:end].text) in g.by_name:
            return Span(sent.doc, ent.start, end, label=ent.label_)
    return ent


def _extra_places(sent):
    """Project gazetteer additions (oil fields, airports...) that NER tends to miss."""
    g = gazetteer()
    out = []
    text = sent.text
    for m in re.finditer(r"\b(?:al-|Al-|al |Al )?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*(?: (?:oil|gas) ?field| field|"
                         r" airport| airbase| air base| dam| military airport)\b", text):
        p = g.resolve(m.group(0))
        if p is not None and p.kind not in ("city", *AREAS, *BROAD):
            span = sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
            if span is not None:
                out.append((p, span))
    return out


def _village(span) -> bool:
    doc = span.doc
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    before = doc[span.start - 2].lower_ if span.start >= 2 and doc[span.start - 1].lower_ == "of" else ""
    return after in VILLAGE_WORDS or before in VILLAGE_WORDS or span[-1].lower_ in VILLAGE_WORDS or \
        span.root.head.lower_ in VILLAGE_WORDS


def dateline(span) -> bool:
    """Whether a place is a report's dateline ("NAIROBI (Reuters) - A car bomb ... in Mogadishu"): where
    the report was filed from, which says little of where its events happened."""
    text = text_of(span.doc)
    return bool(DATELINE_BEFORE.search(text[max(0, span.start_char - 40):span.start_char]) and
                DATELINE_AFTER.match(text[span.end_char:span.end_char + 40]))


def tellers(span, place) -> bool:
    """ "officials in Kyiv said": officials in their country's capital who tell an event, like a dateline,
    say where they are, not where it happened ("authorities in Ghazni province say" tell of their own
    area; "the funeral of a police official in Quetta" is no telling)."""
    if (place.name, place.country_code) not in gazetteer().capitals:
        return False
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ not in ("in", "from", "at"):
        return False
    noun = root.head.head
    return noun.lemma_.lower() in TELLER_NOUNS and noun.dep_ in ("nsubj", "nsubjpass") and \
        noun.head.lemma_.lower() in SPEECH


def _unpossessed(name: str) -> str:
    """A name without the possessive NER kept with it: "Cameroon's" -> "Cameroon"."""
    return re.sub(r"\s*['’]s$", "", name)


def _country_name(text: str) -> bool:
    """Whether a name is exactly a country's ("Cameroon", "Cameroon's"), not one inside another name."""
    name = _unpossessed(text)
    cc = gazetteer().country_code(name)
    return bool(cc) and norm(name) == norm(gazetteer().country_name(cc) or "")


def _who_not_where(span) -> bool:
    """A country named only to say who acted or where they came from: a word before anything but a place
    ("U.S. drone strike", "Sudanese tribesmen", "a Somali shop owner"; not "a Kenyan village", "the
    Somali capital"; a possessive owns: "Somalia's deputy prime minister" is of the country the report is
    about), its people ("one Somali", "two Kenyans"), or the place they came from ("militia believed to be
    from nearby Ethiopia"), or the country across a border the place lies by ("near the border with
    Cameroon", "the Afghan border"; not "Kenya's border with Somalia", Kenya's own)."""
    root = span.root
    if _across(root):
        return True
    if root.dep_ in WHO_DEPS:
        return root.head.lemma_.lower() not in PLACE_HEADS
    if getattr(span, "label_", "") == "NORP" and root.pos_ in ("NOUN", "PROPN") and not _country_name(span.text):
        return True   # a people's name standing for people: "arrested 8 Yemeni nationals and one Somali"
    return root.dep_ == "pobj" and root.head.lower_ == "from"


BORDERS = {"border", "frontier", "boundary"}


def _across(root) -> bool:
    """Whether a country's name says which country a border is with: "the border with Cameroon", "the
    Cameroonian border", "the Pakistan-Iran border" (the event is beside that country, not in it)."""
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head   # "the borders with Cameroon and Chad"
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "with":
        return head.head.lemma_.lower() in BORDERS
    if root.dep_ == "poss":   # "Kenya's border with Somalia": Kenya's own side
        return head.lemma_.lower() in BORDERS and not any(c.lower_ == "with" for c in head.children)
    return root.dep_ in WHO_DEPS and head.lemma_.lower() in BORDERS


WATER = {"sea", "ocean", "gulf", "strait", "straits"}


def water(span) -> bool:
    """A sea, an ocean or a gulf ("the Red Sea port city of Hodeidah", "the Gulf of Aden"): a landmark,
    not a place of the country that has an area of that name, nor an event's place (unless "Red Sea state")."""
    doc = span.doc
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return (span[-1].lower_ in WATER or span[0].lower_ in WATER) and after not in TOWN_WORDS | {"region"}
