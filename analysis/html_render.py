"""Small HTML building blocks for the self-contained report: embedded figures, tables, the page."""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

CSS_PATH = Path(__file__).with_name("report.css")


def escape(text: object) -> str:
    """HTML-escaped text of any value."""
    return html.escape("" if text is None else str(text))


def figure_png_base64(figure: Figure, dpi: int = 110) -> str:
    """The figure as a base64 PNG string (the figure is closed afterwards)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", facecolor="white")
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def figure_block(figure: Figure, caption: str, alt: str, figure_id: str, dpi: int = 110) -> str:
    """<figure> with the PNG embedded as a data URI and a caption."""
    encoded = figure_png_base64(figure, dpi=dpi)
    return (f'<figure id="{escape(figure_id)}"><img src="data:image/png;base64,{encoded}" alt="{escape(alt)}">'
            f"<figcaption>{caption}</figcaption></figure>")


class Markup(str):
    """A string that is already HTML and must not be escaped again."""


def table_block(frame: pd.DataFrame, numeric_columns: tuple[str, ...] = (), css_class: str = "",
                show_header: bool = True) -> str:
    """A plain HTML table of already formatted values; numeric_columns are right-aligned."""
    header_cells = "".join(f'<th class="{"num" if c in numeric_columns else ""}">{escape(c)}</th>'
                           for c in frame.columns)
    header = f"<thead><tr>{header_cells}</tr></thead>" if show_header else ""
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, record):
            classes = "num" if column in numeric_columns else ""
            cells.append(f'<td class="{classes}">{value if isinstance(value, Markup) else escape(value)}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (f'<div class="table-wrap"><table class="{css_class}">{header}'
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def note_block(text: str) -> str:
    """A short grey note (for instance, why a section has nothing to show)."""
    return f'<p class="note">{escape(text)}</p>'


def page(title: str, subtitle_html: str, navigation: list[tuple[str, str]], sections_html: list[str]) -> str:
    """The complete HTML document, CSS inlined, no external references."""
    css = CSS_PATH.read_text(encoding="utf-8")
    links = "".join(f'<li><a href="#{escape(key)}">{escape(label)}</a></li>' for key, label in navigation)
    return ("<!DOCTYPE html>\n"
            f'<html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
            f"<style>{css}</style></head><body><main>"
            f"<header><p class=\"kicker\">policysim results report</p><h1>{escape(title)}</h1>{subtitle_html}</header>"
            f'<nav aria-label="Contents"><ol>{links}</ol></nav>'
            + "".join(sections_html)
            + "</main></body></html>\n")
