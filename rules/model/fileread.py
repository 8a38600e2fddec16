"""Reading a small text file a user pointed at, safely (pure Python): rule files and coordinate files.

Never opens a folder, device or pipe, never reads more than the limit + 1 bytes (a file that grows after
``stat`` is caught too), never writes. Errors are bilingual, of the caller's error class.
"""
from __future__ import annotations

import os
import stat
from typing import Callable


def read_limited(path: str, max_bytes: int, error_cls, noun_zh: str, noun_en: str, *,
                 too_large: Callable[[int], Exception], device_zh: str = "", device_en: str = "") -> bytes:
    """The bytes of the regular file ``path`` (at most ``max_bytes``). ``error_cls(zh, en, path)`` is raised
    for a missing or unreadable path, a folder ("不是{noun_zh}") or anything but a regular file (the message
    ends with ``device_zh`` / ``device_en``); ``too_large(size)`` gives the error for an oversized file."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError, ValueError):    # ValueError: a NUL in the path
        raise error_cls("文件不存在", "file not found", path) from None
    except OSError as exc:                                          # permission, name too long, loop …
        raise error_cls(f"无法读取：{exc.strerror}", f"cannot read: {exc.strerror}", path) from None
    if stat.S_ISDIR(st.st_mode):
        raise error_cls(f"这是一个文件夹，不是{noun_zh}", f"this is a folder, not a {noun_en}", path)
    if not stat.S_ISREG(st.st_mode):
        raise error_cls(f"不是普通文件（设备、管道等）{device_zh}", f"not a regular file (a device, pipe …){device_en}",
                        path)
    if st.st_size > max_bytes:
        raise too_large(st.st_size)
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise error_cls(f"无法读取：{exc.strerror}", f"cannot read: {exc.strerror}", path) from None
    if len(data) > max_bytes:               # grew after stat
        raise too_large(len(data))
    return data
