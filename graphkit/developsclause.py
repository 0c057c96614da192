"""DEVELOPS clause shapes that say a mention is no statement of the programme's work whatever
its verbs: background (:func:`background_in`, :func:`background_opening`), an effect or an
aim (:func:`effect_in`, :func:`aimed`) and the process a waste comes from (:func:`waste_of`);
and one that makes the programme its subject (:func:`year_led`). Read by
:func:`graphkit.develops.own_work`.
"""

from __future__ import annotations

from .developsrules import DevelopsSettings
from .developsubject import clause_end, clause_start, last_own

__all__ = ["aimed", "background_in", "background_opening", "effect_in", "waste_of", "year_led"]


def effect_in(text: str, settings: DevelopsSettings) -> bool:
    """Whether ``text`` holds one of ``effects``, outside the ``not_effects`` nouns that hold
    one (解決方案: a thing worked on, no verb of an effect), and not said in a qualifier of
    what follows (可…協助健身的: a qualifier's end after it, no purpose's mark before it).

    >>> from graphkit.developsrules import load_settings
    >>> s = load_settings()
    >>> effect_in("開發轉換器以降低", s), effect_in("開發A、B解決方案、", s)
    (True, False)
    """
    for noun in settings.not_effects:
        text = text.replace(noun, "")
    last = max((text.rfind(e) for e in settings.effects), default=-1)
    if last < 0:
        return False
    # 發展可…協助健身與復健的智慧服飾: the effect is said in a qualifier of the mention
    qualifier = any(q in text[last:] for q in settings.qualifier_ends)
    return not (qualifier and not text[:last].endswith(settings.purpose_marks))


def aimed(text: str, start: int, left: int, settings: DevelopsSettings) -> bool:
    """Whether the mention at ``start`` (its clause, read with any list it joins, from
    ``left``) is what an effect's verb before it in its own clause acts on, with no programme
    named in the clause: the work after it (X的研發) is an aim, not the programme's work
    (mRNA疫苗的成功…，進而加速LNP傳輸技術與脂質材料研發的蓬勃發展).

    >>> from graphkit.developsrules import load_settings
    >>> s = load_settings()
    >>> t = "進而加速脂質材料研發的蓬勃發展"
    >>> aimed(t, 4, 0, s), aimed("本計畫加速脂質材料研發", 5, 0, s)
    (True, False)
    >>> aimed("建立組裝SOP改善,與精度量測驗證之程序", 11, 0, s)  # the effect in the list before
    False
    """
    if last_own(text, settings, left, start) >= 0:
        return False
    return effect_in(text[clause_start(text, start, settings.clause_breaks) : start], settings)


def background_in(
    text: str,
    span: tuple[int, int],
    bounds: tuple[int, int],
    settings: DevelopsSettings,
    ours: bool,
) -> bool:
    """Whether the mention's clause (``bounds``) holds one of ``background``; with the
    programme as the subject (``ours``) named in the sentence or the clause opening with its
    means (利用, 透過 …), one of ``replacements`` after the mention at ``span`` makes it the
    new thing the work puts in place of the old (利用X模式取代傳統分站模式): the clause is read
    up to the replacement (資料中心開始導入X取代傳統Y: an adoption, background).

    >>> from graphkit.developsrules import load_settings
    >>> s = load_settings()
    >>> t = "利用共光路模式取代傳統分站模式"
    >>> background_in(t, (2, 5), (0, len(t)), s, True)
    False
    >>> background_in(t, (2, 5), (0, len(t)), s, False)
    True
    >>> background_in(t, (11, 13), (0, len(t)), s, True)  # the old thing
    True
    """
    end, (left, right) = span[1], bounds
    whole = text[left:right]
    opening = whole.lstrip()
    means = opening.startswith(settings.means_opens) and not opening.startswith(settings.not_means)
    if ours and (means or last_own(text, settings) >= 0):
        # what comes from the replacement on is the old thing (取代傳統Y): cut it off
        found = (text.find(w, end, right) for w in settings.replacements)
        cut = min(found, key=_found_first, default=-1)
        whole = whole if cut < 0 else text[left:cut]
    return any(b in whole for b in settings.background)


def _found_first(at: int) -> int:
    """Sort key putting positions found (``str.find`` ≥ 0) first, the earliest first."""
    return at if at >= 0 else 1 << 30


def background_opening(text: str, settings: DevelopsSettings) -> bool:
    """Whether the sentence opens with a clause that is only a background cue (傳統上，) and
    names no programme of its own (然而，本計畫…).

    >>> from graphkit.developsrules import load_settings
    >>> s = load_settings()
    >>> background_opening("傳統上，須開發硬體", s), background_opening("傳統製程，開發硬體", s)
    (True, False)
    >>> background_opening("然而，本計畫已開發硬體", s)
    False
    """
    opening = text[: clause_end(text, 0, settings.clause_breaks)].strip()
    if last_own(text, settings) >= 0:
        return False  # 然而，本計畫已開發X: the programme's own work after all
    return any(opening.startswith(b) and len(opening) <= len(b) + 1 for b in settings.background)


def year_led(text: str, left: int, start: int, settings: DevelopsSettings) -> bool:
    """Whether the clause from ``left`` opens with a year (``year_led``) and a verb of the
    programme's right after it (2025年繼續發展X, 113年將建立X): a step of its timeline, no other
    subject (2024年起各大CSP陸續發展X: the CSPs').

    >>> from graphkit.developsrules import load_settings
    >>> s = load_settings()
    >>> year_led("2025年繼續發展陶瓷電容", 0, 8, s), year_led("2024年起業者陸續發展X", 0, 12, s)
    (True, False)
    """
    year = settings.year_led.match(text, left, start)
    verbs = (*settings.work_verbs, *settings.own_verbs, *settings.means)
    return year is not None and text.startswith(verbs, year.end())


def waste_of(text: str, end: int, settings: DevelopsSettings) -> bool:
    """Whether a waste word right after a mention ending at ``end`` makes the mention the
    process the waste comes from (精密鑄造廢棄陶殼模材), not its own end of life (塑膠廢棄後:
    ``waste_times``).

    >>> from graphkit.developsrules import load_settings
    >>> s = load_settings()
    >>> waste_of("精密鑄造廢棄陶殼模材", 4, s), waste_of("可分解塑膠廢棄後可分解", 5, s)
    (True, False)
    """
    waste = next((w for w in settings.wastes if text.startswith(w, end)), None)
    return waste is not None and not text.startswith(settings.waste_times, end + len(waste))
