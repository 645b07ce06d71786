"""How one BCH answer is written in a cell of a table: the CSV rows, the workbook's answer and
additional-information cells, the wide table's columns. Plain Python.

`exporting` writes with these functions and `importing` reads the result back; `importing` also
uses them to tell whether a CSV or workbook answer is the stored answer written out again (then
the stored answer is kept as it is, with its other languages and its BCH shape).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cbap.reports.questionnaire import CHOICE_TYPES, Question

MULTIPLE_SEPARATOR = ";"


def texts(value: Any) -> dict[str, str]:
    """{language: text} of a BCH multilingual string (a plain string counts as English)."""
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items() if v not in (None, "")}
    if value in (None, ""):
        return {}
    return {"en": str(value)}


def english(value: Any) -> str:
    """The English text of a multilingual string, else its first text."""
    by_language = texts(value)
    return by_language.get("en") or next(iter(by_language.values()), "")


def items(raw: Any) -> list[dict[str, Any]]:
    """The chosen options of a choice answer as {"value", "additionalInformation"?} dicts
    (BCH items may also be {"identifier": …} or bare strings)."""
    result = []
    for item in raw if isinstance(raw, list) else [raw]:
        if isinstance(item, str):
            result.append({"value": item})
        elif isinstance(item, dict):
            entry = {"value": item.get("value") or item.get("identifier")}
            if item.get("additionalInformation") not in (None, "", {}):
                entry["additionalInformation"] = item["additionalInformation"]
            result.append(entry)
    return result


def scalar(question: Question | None, raw: Any) -> Any:
    """The answer of a text or number question as one cell value (text in English)."""
    value = raw.get("value") if isinstance(raw, dict) and "value" in raw else raw
    if question is not None and question.type == "int":
        return value
    return english(value) if isinstance(value, dict) else ("" if value is None else value)


def _info(info: Any) -> str:
    return str(info) if isinstance(info, int | float) else english(info)


def info_text(question: Question | None, chosen: list[dict[str, Any]]) -> str:
    """Additional information as one cell: the text alone for a single choice, else one line
    "<option value>: <text>" per option that carries some."""
    with_info = [i for i in chosen if "additionalInformation" in i]
    if not with_info:
        return ""
    if question is not None and not question.multiple and len(chosen) == 1:
        return _info(with_info[0]["additionalInformation"])
    return "\n".join(f"{i['value']}: {_info(i['additionalInformation'])}" for i in with_info)


def csv_cells(question: Question | None, raw: Any) -> Iterable[tuple[Any, Any, str]]:
    """(value, additional information, language) of each CSV row of an answer: one per chosen
    option and language of its text, one per language of a text, one for a number."""
    if question is not None and question.type in CHOICE_TYPES:
        for item in items(raw):
            info = item.get("additionalInformation")
            if info is None:
                yield item["value"], "", "en"
            elif isinstance(info, int | float) and not isinstance(info, bool):
                yield item["value"], info, "en"
            else:
                for language, text in texts(info).items():
                    yield item["value"], text, language
        return
    if question is not None and question.type == "int":
        yield scalar(question, raw), "", "en"
        return
    value = raw.get("value") if isinstance(raw, dict) and "value" in raw else raw
    for language, text in texts(value).items():
        yield text, "", language


def workbook_cells(question: Question | None, raw: Any) -> tuple[Any, str]:
    """(answer cell, additional-information cell) of the report workbook and the wide table."""
    if raw in (None, "", [], {}):
        return "", ""
    if question is not None and question.type in CHOICE_TYPES:
        chosen = items(raw)
        return MULTIPLE_SEPARATOR.join(str(i["value"]) for i in chosen), info_text(question, chosen)
    return scalar(question, raw), ""


def written_alike(question: Question | None, stored: Any, new: Any, fmt: str) -> bool:
    """Whether `new` (read from a CSV or workbook) is `stored` written out the same way, so
    that the stored answer stands (with its other languages and its BCH shape)."""
    if stored is None or new is None:
        return False
    if fmt == "csv":
        return _rows(question, stored) == _rows(question, new)
    return _cell_text(workbook_cells(question, stored)) == _cell_text(workbook_cells(question, new))


def _rows(question, raw) -> list[tuple[str, str, str]]:
    return [(str(v), str(i), lang) for v, i, lang in csv_cells(question, raw)]


def _cell_text(cells: tuple[Any, str]) -> tuple[str, str]:
    answer, info = cells
    if isinstance(answer, float) and answer.is_integer():
        answer = int(answer)
    return str(answer).strip(), info.strip()
