"""How numbers and states look on screen, for the command line and the terminal UI alike.

F1 values are fractions everywhere inside (metrics.json, runs, the catalogue once read) and in
every JSON output; they are shown in percent by `percent`, the one formatter for them.
"""

from __future__ import annotations

from pathlib import Path

# rich styles of each catalogue status, family compatibility, check verdict and run status
STATUS_STYLE = {"verified": "green", "expected": "cyan", "incompatible": "red"}
COMPATIBILITY_STYLE = {"compatible": "green", "needs-opt-in": "yellow", "incompatible": "red"}
VERDICT_STYLE = {"compatible": "bold green", "compatible-with-settings": "bold green",
                 "needs-opt-in": "bold yellow", "incompatible": "bold red", "unknown": "bold magenta"}
RUN_STATUS_STYLE = {"complete": "green", "running": "cyan", "cancelling": "cyan", "failed": "red",
                    "cancelled": "yellow", "unreadable": "red"}


def human_count(value: int | None) -> str:
    """178_000_000 -> "178M"; None -> ""."""
    if value is None:
        return ""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if value >= size:
            return f"{value / size:.3g}{suffix}"
    return str(value)


def as_percent(fraction: float) -> float:
    """0.4936 -> 49.36, for plots."""
    return fraction * 100


def percent(fraction: float | None, missing: str = "", digits: int = 1) -> str:
    """0.4936 -> "49.4" (`digits` after the point); None -> `missing`."""
    return missing if fraction is None else f"{as_percent(fraction):.{digits}f}"


def display_path(path: Path | str) -> str:
    """A path as the user would type it: under the home folder as `~/...`."""
    path = Path(path)
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except ValueError:
        return str(path)


def clock(seconds: float) -> str:
    """A duration as h:mm:ss, as the training progress shows time left."""
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def middle(text: str, width: int) -> str:
    """`text` in at most `width` characters, cut from the middle (`bert-b…ual-cased`): ids that
    share a beginning stay told apart."""
    if len(text) <= width:
        return text
    head = (width - 1) // 2
    return text[:head] + "…" + text[len(text) - (width - 1 - head):]
