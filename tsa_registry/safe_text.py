"""Text from outside made safe to show: inert in a terminal, and with no password in a URL.

A model card, a config, a Hub answer, a registry file or a run folder may hold terminal control
sequences (`ESC ]0;title BEL` renames the window, `ESC [41m` paints it) or rich markup
(`[blink]`). Whatever such a file says is shown through `inert` (control characters become
visible escapes such as `\\x1b`) or, where the text goes into rich markup, `inert_markup`.
`redact_urls` hides the user and password of every URL in a message (HF_ENDPOINT may hold them);
`redact_logged_urls` does it for every log record (the command line and the training process
turn it on at start).
"""

from __future__ import annotations

import json
import re
from typing import Any

# C0 controls but tab and newline, DEL, C1 controls (an 8-bit CSI is one), and the bidirectional
# overrides and isolates that reorder what the eye reads.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#\s@]+@")
REDACTED = "***@"


def _visible(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(value: Any) -> str:
    """`value` as text whose control characters are shown as escapes, never acted on."""
    return _CONTROL.sub(_visible, str(value))


def inert_markup(value: Any) -> str:
    """`inert`, with rich markup escaped too: for text put into a markup string."""
    from rich.markup import escape

    return escape(inert(value))


def redact_urls(text: Any) -> str:
    """Every `scheme://user:password@host` in the text, as `scheme://***@host`."""
    return _USERINFO.sub(lambda m: m.group(1) + REDACTED, str(text))


def json_text(data: Any) -> str:
    """JSON of plain data or msgspec structs, whose strings carry no raw control character: json
    escapes C0 itself, not DEL or C1 (which `ensure_ascii=False` writes as they are), so those
    become \\u escapes too."""
    import msgspec

    text = json.dumps(msgspec.to_builtins(data, enc_hook=str), indent=2, ensure_ascii=False)
    return re.sub("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]", lambda m: f"\\u{ord(m.group()):04x}", text)


def redact_logged_urls() -> None:
    """From now on, every log record of this process has its URLs redacted (huggingface_hub
    logs each retry with the URL it requested, user and password included)."""
    import logging

    make = logging.getLogRecordFactory()
    if getattr(make, "redacts_urls", False):
        return

    def redacted(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a record that cannot format stays as it is
            return record
        if "@" in message:
            record.msg, record.args = redact_urls(message), ()
        return record

    redacted.redacts_urls = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(redacted)
