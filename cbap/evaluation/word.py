"""What the Word documents (the evaluation report, the country profiles) are made of: numbered
tables and figures with their captions, charts as pictures with alternative text, and bytes.
python-docx is loaded only when a document is asked for."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils.translation import gettext as _

from cbap.core import charts


class Document:
    """A Word document that numbers its tables and figures in order."""

    def __init__(self, title: str):
        import docx

        self.document = docx.Document()
        self.document.core_properties.title = title
        self.document.add_heading(title, level=0)
        self.tables = 0
        self.figures = 0

    def heading(self, text: str, level: int) -> None:
        self.document.add_heading(text, level=level)

    def paragraph(self, text: str, *, bullet: bool = False) -> None:
        self.document.add_paragraph(text, style="List Bullet" if bullet else None)

    def paragraphs(self, text: str) -> None:
        """A text's paragraphs (separated by a blank line)."""
        for paragraph in text.split("\n\n"):
            self.document.add_paragraph(paragraph)

    def table(self, caption: str, header: Sequence[str], rows: Sequence[Sequence]) -> None:
        """A table numbered in order, its caption kept with it; None is shown as "–"."""
        self.tables += 1
        self._caption(
            _("Table %(number)s. %(caption)s") % {"number": self.tables, "caption": caption}
        )
        table = self.document.add_table(rows=1, cols=len(header), style="Table Grid")
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = str(text)
        for row in rows:
            for cell, value in zip(table.add_row().cells, row, strict=True):
                cell.text = "–" if value is None else str(value)

    def chart(self, chart: charts.Chart, caption: str) -> None:
        """The chart as a picture, its words as the picture's alternative text, numbered."""
        from docx.shared import Cm

        self.figures += 1
        picture = self.document.add_picture(io.BytesIO(chart.png), width=Cm(15))
        picture._inline.docPr.set("descr", chart.alt)  # python-docx has no setter for alt text
        self.document.paragraphs[-1].paragraph_format.keep_with_next = True
        self._caption(
            _("Figure %(number)s. %(caption)s") % {"number": self.figures, "caption": caption},
            keep_with_next=False,
        )

    def _caption(self, text: str, *, keep_with_next: bool = True) -> None:
        caption = self.document.add_paragraph(text, style="Caption")
        caption.paragraph_format.keep_with_next = keep_with_next

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()
