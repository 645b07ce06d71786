"""How one BCH answer is written in a cell of a table: the CSV rows, the workbook's answer and
additional-information cells, the wide table's columns. Plain Python.

The exports write with these functions and the imports read the result back; the imports also
use them to tell whether a CSV or workbook answer is the stored answer written out again (then
the stored answer is kept as it is, with its other languages and its BCH shape).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cbap.bch.questionnaire import CHOICE_TYPES, Question
from cbap.bch.text import answer_value, item_value, text_in, texts

MULTIPLE_SEPARATOR = ";"


def items(raw: Any) -> list[dict[str, Any]]:
    """The chosen options of a choice answer as {"value", "additionalInformation"?} dicts
    (BCH items may also be {"identifier": …} or bare strings)."""
    result = []
    for item in raw if isinstance(raw, list) else [raw]:
        if isinstance(item, str):
            result.append({"value": item})
        elif isinstance(item, dict):
            entry = {"value": item_value(item)}
            if item.get("additionalInformation") not in (None, "", {}):
                entry["additionalInformation"] = item["additionalInformation"]
            result.append(entry)
    return result


def scalar(question: Question | None, raw: Any) -> Any:
    """The answer of a text or number question as one cell value (text in English)."""
    value = answer_value(raw)
    if question is not None and question.type == "int":
        return value
    return text_in(value) if isinstance(value, dict) else ("" if value is None else value)


def _info(info: Any) -> str:
    return str(info) if isinstance(info, int | float) else text_in(info)


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
    for language, text in texts(answer_value(raw)).items():
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
