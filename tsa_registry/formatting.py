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


def counted(count: int, noun: str, plural: str = "") -> str:
    """1, "run" -> "1 run"; 3, "run" -> "3 runs"; 2, "family", "families" -> "2 families"."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


ELLIPSIS = "…"


def shorten_middle(text: str, width: int) -> str:
    """`text` in at most `width` characters, cut from the middle: the start (a date, an owner)
    is often the same on every row and the end (a model's name) tells them apart, so a third is
    kept of the start and the rest of the end: "20261203-101500-nb-bert-base", 16 -> "20261…-bert-base"."""
    if len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:max(width, 0)]
    head = (width - 1) // 3
    return text[:head] + ELLIPSIS + text[len(text) - (width - 1 - head):]


def shorten_end(text: str, width: int) -> str:
    """`text` in at most `width` characters, cut at the end: where the start tells rows apart."""
    return text if len(text) <= width else text[:max(width - 1, 0)] + ELLIPSIS[:max(width, 0)]


def spread(mean: float | None, sd: float | None, missing: str = "-") -> str:
    """Mean and standard deviation of F1 fractions: (0.494, 0.005) -> "49.4 ± 0.5"."""
    if mean is None:
        return missing
    return percent(mean) + ("" if sd is None else f" ± {percent(sd)}")


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


