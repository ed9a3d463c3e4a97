"""Numbers, dates and amounts of a Chinese sentence, read as values, with their English.

One reader for both sides of machine translation: `glossary.py` protects what it finds here with placeholders
(and puts the English back), and `checks.py` checks the machine English against the same values. Chinese numerals
and mixed forms (两万余, 近千, 1亿2000万, 三千元, 百分之八十, 三分之一, 第二届, 二〇二三年) are read with `cn2an`, a
maintained parser; the patterns here only decide where a number starts and ends and what it counts.

What each form becomes (the English a researcher may quote):

- approximate quantities keep their qualifier: 3000余名 → "more than 3,000", 近千名 → "nearly 1,000", 约500 →
  "about 500", 上千 → "more than 1,000", 数千 → "several thousand";
- a four-digit year before 届/级 is a class year: 1989届毕业生 → "graduates of the class of 1989";
- hotline and phone numbers and model numbers stay as written: 12345阳光热线 → "12345", 5G → "5G";
- ranges stay ranges: 1至3月 → "January to March", 2015~2016年度 → "2015-2016", 3至5天 → "3 to 5";
- dates are validated: 2月30日 is not a date, so it is left to the text and the sentence flagged
  (`invalid_dates`); 2021.4.8 and 2021-04-08 are April 8, 2021; 5.1劳动节 is May Day;
- currencies are named: 14.6亿美元 → "1.46 billion US dollars", 港元 HK dollars;
- 1,185人 is one number (1,185).
"""
from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass

MONTHS = tuple(calendar.month_name[1:])
_ASCII = str.maketrans("０１２３４５６７８９．，％～－萬億兩餘", "0123456789.,%~-万亿两余")
# Chinese digits and units (Simplified; a Traditional source is read in its Simplified form)
CN_DIGITS = "〇零一二三四五六七八九两"
CN_UNITS = "十百千万亿"
CN = f"[{CN_DIGITS}{CN_UNITS}]"
ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# a numeral: Arabic digits with or without Chinese units (5千, 1.5万, 1亿2000万), or Chinese numerals (两万, 三千)
# (each repetition after the first starts with a unit, so a long run of digits has one reading: no backtracking)
NUMERAL = rf"(?:{ARABIC})(?:[{CN_UNITS}]+(?:{ARABIC}))*[{CN_UNITS}]*|{CN}+"
MORE = "余多餘"
CURRENCIES = {"美元": "US dollars", "港元": "HK dollars", "港币": "HK dollars", "欧元": "euros", "日元": "yen",
              "英镑": "pounds sterling", "元": "yuan", "块": "yuan"}
# after a number, these make it a count (1185人 → 1,185; a bare 2018 stays a year-like 2018)
MEASURE = set("人名家个项场次户位件台条所座间天元辆套支批期届组年月周岁倍只亩米平吨公里双份本张门类强篇处栋块级轮季")
QUALIFIERS = {"more": "more than", "nearly": "nearly", "about": "about", "several": "several"}
_PREFIX = {"近": "nearly", "将近": "nearly", "接近": "nearly", "约": "about", "大约": "about", "超过": "more",
           "超": "more", "逾": "more", "上": "more", "数": "several"}
_DATE_SEP = r"[至到~\-—]"
_YEAR = r"\d{4}|[〇零一二三四五六七八九]{4}"
_MON = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_DAY = r"3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
_DAY_LOOSE = r"\d{1,2}|[一二三四五六七八九十]{1,3}"           # matched to be validated (2月30日)
_MON_LOOSE = r"\d{1,2}|十[一二]?|[一二三四五六七八九]"         # matched to be validated (2021年13月)
_ORDINALS = ("zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
             "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split()
_FRACTIONS = {2: ("one half", "halves"), 3: ("one third", "thirds"), 4: ("one quarter", "quarters"),
              5: ("one fifth", "fifths"), 10: ("one tenth", "tenths")}
_WORDS = "zero one two three four five six seven eight nine ten".split()


@dataclass(frozen=True)
class Number:
    """One number, date or amount of a sentence."""
    start: int
    end: int
    zh: str
    en: str                         # what the English says for it
    kind: str                       # date, money, percent, number, code
    values: tuple[float, ...] = ()  # values the English must give (years, days, counts, amounts)
    months: tuple[int, ...] = ()    # months the English must name
    qualifier: str = ""             # more | nearly | about | several: the English must say so
    literal: str = ""               # written as is in the English (hotlines, model numbers)


@dataclass(frozen=True)
class InvalidDate:
    start: int
    end: int
    zh: str


def _ascii(text: str) -> str:
    """Full-width digits and signs as ASCII, same length, so positions hold."""
    return text.translate(_ASCII)


@functools.lru_cache(maxsize=4096)
def value_of(numeral: str) -> float | None:
    """1,185 → 1185; 两万 → 20000; 1亿2000万 → 120000000; 千 → 1000; 二〇二三 → 2023 (digit by digit)."""
    import cn2an

    text = numeral.replace(",", "")
    if not text:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if re.fullmatch(f"[{CN_DIGITS}]{{2,}}", text) and "两" not in text:
        digits = "".join(str("〇一二三四五六七八九".index(c)) if c in "〇一二三四五六七八九" else "0" for c in text)
        return float(digits)
    if text[0] in CN_UNITS and text[0] != "十":
        text = "一" + text
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return float(value)


def format_number(value: float) -> str:
    """1185 → 1,185; 13.5 → 13.5; 20000 → 20,000."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def english_amount(value: float) -> str:
    """13380000 → 13.38 million; 20000 → 20,000."""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if value >= size:
            return f"{format_number(round(value / size, 6))} {word}"
    return format_number(value)


def ordinal(n: int) -> str:
    if 0 <= n < len(_ORDINALS):
        return _ORDINALS[n]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"


def valid_date(year: int | None, month: int, day: int | None = None) -> bool:
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    return 1 <= day <= calendar.monthrange(year or 2000, month)[1]    # 2000: a leap year, so 2月29日 is a date


def _int(numeral: str) -> int | None:
    v = value_of(numeral)
    return int(v) if v is not None and v == int(v) else None


def _qualified(qualifier: str, value: float) -> str:
    if qualifier == "several":
        return "several " + {1e3: "thousand", 1e4: "tens of thousands", 100: "hundred", 1e8: "hundred million"}.get(
            value, english_amount(value))
    return (QUALIFIERS[qualifier] + " " if qualifier else "") + english_amount(value)


# ---- the patterns, most specific first ---------------------------------------------------------------------------
_PATTERNS = [
    ("phone", r"0\d{2,3}-\d{7,8}|1[3-9]\d{9}(?!\d)"),
    ("code", r"[A-Za-z]+\d+[A-Za-z\d\-]*|\d+[A-Za-z]+[A-Za-z\d\-]*"),
    ("mayday", r"(?:5\.1|五一)(?:国际)?劳动节|(?:5\.1|五一)(?=期间|假期|小长假|前夕|当天)"),
    ("ymd", rf"(?P<ymd_y>{_YEAR})年(?P<ymd_m>{_MON_LOOSE})月(?P<ymd_d>{_DAY_LOOSE})[日号]"),
    ("dotted", r"(?P<dot_y>\d{4})(?P<dot_s>[.\-/])(?P<dot_m>\d{1,2})(?P=dot_s)(?P<dot_d>\d{1,2})(?![\d.])"),
    ("ymr", rf"(?P<ymr_y>{_YEAR})年(?P<ymr_a>{_MON}){_DATE_SEP}(?P<ymr_b>{_MON})月份?"),
    ("ym", rf"(?P<ym_y>{_YEAR})年(?P<ym_m>{_MON_LOOSE})月份?"),
    ("mdr", rf"(?P<mdr_m>{_MON})月(?P<mdr_a>{_DAY_LOOSE})[日号]?{_DATE_SEP}(?:(?P<mdr_m2>{_MON})月)?"
            rf"(?P<mdr_b>{_DAY_LOOSE})[日号]"),
    ("md", rf"(?P<md_m>{_MON_LOOSE})月(?P<md_d>{_DAY_LOOSE})[日号]"),
    ("mr", rf"(?P<mr_a>1[0-2]|0?[1-9]){_DATE_SEP}(?P<mr_b>1[0-2]|0?[1-9])月份?"),
    ("classyear", r"(?P<cy_y>\d{4})[届级](?P<cy_g>毕业生)?"),
    ("yr", rf"(?P<yr_a>\d{{4}})\s*{_DATE_SEP}\s*(?P<yr_b>\d{{4}})年(?P<yr_d>度)?"),
    ("y", rf"(?P<y_y>{_YEAR})年度?(?![\d〇零一二三四五六七八九])"),
    ("ordinal", rf"第(?P<ord_n>{NUMERAL})(?!时间|時間)"),
    ("pct2", rf"(?P<pq>{'|'.join(sorted(_PREFIX, key=len, reverse=True))})?百分之(?P<p2_n>{NUMERAL})"),
    ("fraction", rf"(?P<fr_b>{CN}+|\d+)分之(?P<fr_a>{CN}+|\d+)"),
    ("money", rf"(?P<mq>{'|'.join(sorted(_PREFIX, key=len, reverse=True))})?(?P<m_n>{NUMERAL})(?P<m_q1>[{MORE}])?"
              rf"(?P<m_u>[万亿千百]+)?(?P<m_q2>[{MORE}])?(?P<m_c>美元|港元|港币|欧元|日元|英镑|元|块(?=钱))"),
    ("pct", rf"(?P<ppq>{'|'.join(sorted(_PREFIX, key=len, reverse=True))})?(?P<p_n>{ARABIC})\s*%(?P<p_q>[{MORE}])?"),
    ("mon", r"(?P<mon_m>1[0-2]|0?[1-9])月份?(?!\d)"),
    ("rng", rf"(?P<rg_a>{ARABIC})\s*[~\-至到]\s*(?P<rg_b>{ARABIC})(?![年月\d])"),
    ("qty", rf"(?P<qq>{'|'.join(sorted(_PREFIX, key=len, reverse=True))})?(?P<q_n>{NUMERAL})(?P<q_q1>[{MORE}])?"
            rf"(?P<q_u>[万亿千百]+)?(?P<q_q2>[{MORE}])?"),
]
PATTERN = re.compile(r"(?<![A-Za-z\d.])(?:" + "|".join(f"(?P<{name}>{rx})" for name, rx in _PATTERNS) + ")")
_PHONE_CONTEXT = re.compile(r"热线|电话|专线|拨打|号码|手机|服务台|短信|微信号|QQ")


def _month(m: str) -> int | None:
    return _int(m)


def _handle(m: re.Match, text: str) -> Number | InvalidDate | None:
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    kind = m.lastgroup
    start, end, zh = m.start(), m.end(), m.group(0)

    def num(en: str, kind_: str, values=(), months=(), qualifier="", literal="", end_=None) -> Number:
        e = end if end_ is None else end_
        return Number(start, e, text[start:e], en, kind_, tuple(values), tuple(months), qualifier, literal)

    if kind in ("code", "phone"):
        return num(zh, "code", literal=zh)
    if kind == "mayday":
        return num("May Day", "date", months=(5,))
    if kind in ("ymd", "dotted"):
        p = "ymd" if kind == "ymd" else "dot"
        y, mo, d = _int(g[f"{p}_y"]), _month(g[f"{p}_m"]), _int(g[f"{p}_d"])
        if y is None or mo is None or d is None or not valid_date(y, mo, d):
            return InvalidDate(start, end, zh)
        return num(f"{MONTHS[mo - 1]} {d}, {y}", "date", values=(y, d), months=(mo,))
    if kind == "ymr":
        y, a, b = _int(g["ymr_y"]), _month(g["ymr_a"]), _month(g["ymr_b"])
        if not (a and b and valid_date(y, a) and valid_date(y, b)):
            return InvalidDate(start, end, zh)
        return num(f"{MONTHS[a - 1]} to {MONTHS[b - 1]} {y}", "date", values=(y,), months=(a, b))
    if kind == "ym":
        y, mo = _int(g["ym_y"]), _month(g["ym_m"])
        if not mo or not valid_date(y, mo):
            return InvalidDate(start, end, zh)
        return num(f"{MONTHS[mo - 1]} {y}", "date", values=(y,), months=(mo,))
    if kind == "mdr":
        mo, a, b = _month(g["mdr_m"]), _int(g["mdr_a"]), _int(g["mdr_b"])
        mo2 = _month(g["mdr_m2"]) if g.get("mdr_m2") else mo
        if not (mo and mo2 and a and b and valid_date(None, mo, a) and valid_date(None, mo2, b)):
            return InvalidDate(start, end, zh)
        second = f"{MONTHS[mo2 - 1]} {b}" if mo2 != mo else str(b)
        return num(f"{MONTHS[mo - 1]} {a} to {second}", "date", values=(a, b), months=tuple(dict.fromkeys((mo, mo2))))
    if kind == "md":
        mo, d = _month(g["md_m"]), _int(g["md_d"])
        if not (mo and d and valid_date(None, mo, d)):
            return InvalidDate(start, end, zh)
        return num(f"{MONTHS[mo - 1]} {d}", "date", values=(d,), months=(mo,))
    if kind == "mr":
        a, b = int(g["mr_a"]), int(g["mr_b"])
        return num(f"{MONTHS[a - 1]} to {MONTHS[b - 1]}", "date", months=(a, b))
    if kind == "classyear":
        y = int(g["cy_y"])
        return num(f"graduates of the class of {y}" if g.get("cy_g") else f"the class of {y}", "date", values=(y,))
    if kind == "yr":
        a, b = int(g["yr_a"]), int(g["yr_b"])
        return num(f"{a}-{b}" if g.get("yr_d") else f"{a} to {b}", "date", values=(a, b))
    if kind == "y":
        y = _int(g["y_y"])
        return num(str(y), "date", values=(y,)) if y else None
    if kind == "ordinal":
        n = _int(g["ord_n"])
        return num(ordinal(n), "number", values=(n,)) if n else None
    if kind == "fraction":
        below, above = _int(g["fr_b"]), _int(g["fr_a"])
        if not below or not above or above > below:
            return None
        one, many = _FRACTIONS.get(below, (None, None))
        if one and above == 1:
            en = one
        elif many and above < len(_WORDS):
            en = f"{_WORDS[above]} {many}"
        else:
            en = f"{above}/{below}"
        return num(en, "percent", values=(above / below,))
    if kind == "pct2":
        v = value_of(g["p2_n"])
        if v is None:
            return None
        q = _PREFIX.get(g.get("pq", ""), "")
        return num(f"{QUALIFIERS[q] + ' ' if q else ''}{format_number(v)}%", "percent", values=(v,), qualifier=q)
    if kind == "pct":
        v = value_of(g["p_n"])
        q = "more" if g.get("p_q") else _PREFIX.get(g.get("ppq", ""), "")
        return num(f"{QUALIFIERS[q] + ' ' if q else ''}{format_number(v)}%", "percent", values=(v,), qualifier=q)
    if kind == "mon":
        return num(MONTHS[int(g["mon_m"]) - 1], "date", months=(int(g["mon_m"]),))
    if kind == "rng":
        a, b = value_of(g["rg_a"]), value_of(g["rg_b"])
        return num(f"{format_number(a)} to {format_number(b)}", "number", values=(a, b))
    if kind not in ("money", "qty"):
        return None
    return _amount(g, kind, text, start, end, num)

def _amount(g: dict, kind: str, text: str, start: int, end: int, num) -> Number | InvalidDate | None:
    """An amount of money or a count, with its qualifier (3000余名, 近千, 1338余万元, 两万余人)."""
    p = "m" if kind == "money" else "q"
    numeral, prefix = g[f"{p}_n"], g.get("mq" if p == "m" else "qq", "")
    unit = g.get(f"{p}_u", "")
    more = bool(g.get(f"{p}_q1") or g.get(f"{p}_q2"))
    after = text[end:end + 1]
    chinese = not re.search(r"\d", numeral)
    if prefix in ("上", "数") and not (chinese and set(numeral + unit) <= set("十百千万亿")):
        # 上 and 数 qualify round numbers only (上千, 数万); otherwise they are words of their own
        return _handle_again(text, start + len(prefix), end)
    if prefix == "近" and after and after in "年月日天周期":
        # 近3年, 近三年: "the past three years", not "nearly"
        return _handle_again(text, start + len(prefix), end)
    if kind == "qty":
        if chinese:
            pure_units = set(numeral + unit) <= set("十百千万亿")
            counted = after in MEASURE or more
            if pure_units and not prefix and not more:
                return None         # 千家万户, 百花: words, not counts
            if not counted and not prefix:
                return None
            if len(numeral + unit) == 1 and numeral in CN_DIGITS and not prefix:
                return None         # 一个, 三名: the model says "one", "three"
        elif not unit and not more and not prefix and after not in MEASURE and re.fullmatch(r"\d{5,}", numeral) \
                and _PHONE_CONTEXT.search(text[max(0, start - 6):end + 6]):
            return num(numeral, "code", literal=numeral)
    v = value_of(numeral)
    if v is None:
        return None
    scale = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 100, "": 1}.get(unit) if len(unit) <= 1 else value_of("一" + unit)
    if scale is None:
        return None
    v *= scale
    q = "more" if more else _PREFIX.get(prefix, "")
    if kind == "money":
        currency = CURRENCIES[g["m_c"]]
        return num(f"{_qualified(q, v)} {currency}", "money", values=(v,) if q != "several" else (), qualifier=q)
    if not q and not unit and re.fullmatch(r"\d{4}", numeral) and after not in MEASURE:
        return num(numeral, "number", values=(v,))       # a year-like number: 2018, not 2,018
    if not q and not unit and re.fullmatch(r"\d+\.\d+", numeral):
        return num(numeral, "number", values=(v,))
    return num(_qualified(q, v), "number", values=(v,) if q != "several" else (), qualifier=q)


def _handle_again(text: str, start: int, end: int) -> Number | InvalidDate | None:
    """The same stretch read again from `start` (a qualifier-looking prefix that is not one)."""
    m = PATTERN.match(text, start)
    if not m or m.end() > end:
        return None
    found = _handle(m, text)
    return found


def read_numbers(text: str) -> tuple[list[Number], list[InvalidDate]]:
    """Every number, date and amount of a Simplified sentence, left to right; and what looks like a date but is
    none (2月30日)."""
    t = _ascii(text)
    numbers: list[Number] = []
    invalid: list[InvalidDate] = []
    pos = 0
    while pos < len(t):
        m = PATTERN.search(t, pos)
        if not m:
            break
        if m.end() == m.start():
            pos = m.end() + 1
            continue
        found = _handle(m, t)
        if isinstance(found, InvalidDate):
            invalid.append(InvalidDate(found.start, found.end, text[found.start:found.end]))
            pos = found.end
        elif found is None:
            pos = m.start() + 1
        else:
            numbers.append(Number(found.start, found.end, text[found.start:found.end], found.en, found.kind,
                                  found.values, found.months, found.qualifier, found.literal))
            pos = found.end
    return numbers, invalid
