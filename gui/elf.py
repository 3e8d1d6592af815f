"""The shared libraries an ELF file asks the dynamic loader for (its `DT_NEEDED` entries).

Read in plain Python, without `readelf` or `ldd` (neither is on a machine with only
python3), so the app can tell before Qt loads which system libraries Qt's own files need.
Only what is read is the ELF header, the section headers, the dynamic section and its string
table: a few kilobytes of files that may be megabytes long.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

MAGIC = b"\x7fELF"
ELFCLASS64 = 2
BYTE_ORDERS = {1: "<", 2: ">"}
"""`EI_DATA` -> the struct byte order: little-endian (x86-64, aarch64), big-endian."""
SHT_DYNAMIC = 6
DT_NULL, DT_NEEDED = 0, 1
SECTION_HEADER = "IIQQQQIIQQ"
"""sh_name, sh_type, sh_flags, sh_addr, sh_offset, sh_size, sh_link, sh_info, sh_addralign,
sh_entsize: one 64-bit section header."""


def needed(path: Path) -> tuple[str, ...]:
    """The sonames `path` names as needed, in its own order. ValueError when it is not a
    64-bit ELF file (every platform PySide6 6 ships Linux wheels for is 64-bit); OSError
    when it cannot be read."""
    with open(path, "rb") as elf:
        header = elf.read(0x40)
        if header[:4] != MAGIC or header[4] != ELFCLASS64 or header[5] not in BYTE_ORDERS:
            raise ValueError(f"{path} is not a 64-bit ELF file")
        order = BYTE_ORDERS[header[5]]
        (section_offset,) = struct.unpack_from(order + "Q", header, 0x28)  # e_shoff
        entry_size, count = struct.unpack_from(order + "HH", header, 0x3A)  # e_shentsize, e_shnum
        sections = [
            struct.unpack_from(
                order + SECTION_HEADER, _read(elf, section_offset + i * entry_size, entry_size)
            )
            for i in range(count)
        ]
        for section in sections:
            if section[1] == SHT_DYNAMIC:
                strings = sections[section[6]]
                names = _read(elf, strings[4], strings[5])
                return _needed_names(_read(elf, section[4], section[5]), names, order)
    return ()


def _needed_names(dynamic: bytes, names: bytes, order: str) -> tuple[str, ...]:
    """The `DT_NEEDED` strings of a dynamic section, up to its `DT_NULL`."""
    found: list[str] = []
    for tag, value in struct.iter_unpack(order + "qQ", dynamic):
        if tag == DT_NULL:
            break
        if tag == DT_NEEDED:
            found.append(names[value : names.index(b"\0", value)].decode())
    return tuple(found)


def _read(elf: BinaryIO, offset: int, size: int) -> bytes:
    elf.seek(offset)
    data = elf.read(size)
    if len(data) != size:
        raise ValueError(f"{elf.name} is cut short")
    return data
