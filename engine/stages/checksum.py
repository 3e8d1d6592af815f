"""The checksum stage: hash each file's written bytes and keep a coreutils manifest.

It always runs last in the chain, so the digest is of what lands in the target (the .gz,
not its source), and `sha256sum -c SHA256SUMS` (or md5sum, sha1sum, b2sum) checks the copy.
Re-runs merge into the existing manifest: lines of files untouched this run stay.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from engine.stages.base import FileContext, Option, Stage
from engine.verify import (
    ALGORITHMS,
    HEX_LENGTH,
    MANIFEST_OF,
    hash_listed,
    is_listed_file,
    new_hash,
    read_manifest,
    write_manifest,
)


class ChecksumStage(Stage):
    name = "checksum"
    description = "Hash each written file into SHA256SUMS (or MD5SUMS, ...) at the target root."
    example = "checksum:algo=blake2b"
    declared_options = (
        Option(
            "algo",
            "choice",
            "sha256",
            "Hash algorithm; blake2b is BLAKE2b-512, as b2sum checks it.",
            choices=tuple(ALGORITHMS),
        ),
    )
    keeps_bytes = True
    sees_final_output = True
    finishes = True

    @property
    def algo(self) -> str:
        return str(self.options["algo"])

    @property
    def record_key(self) -> str:
        """Where a file's hex digest goes in `FileContext.record`."""
        return f"checksum:{self.algo}"

    @property
    def manifest_name(self) -> str:
        return MANIFEST_OF[self.algo]

    def transform(self, chunks: Iterator[bytes], ctx: FileContext) -> Iterator[bytes]:
        digest = new_hash(self.algo)
        for chunk in chunks:
            digest.update(chunk)
            yield chunk
        ctx.record[self.record_key] = digest.hexdigest()

    def artifacts(self) -> tuple[str, ...]:
        return (self.manifest_name,)

    def finish(self, target: Path, records: Mapping[str, dict[str, Any]]) -> None:
        """Merge this run's digests into the manifest: lines of rewritten files are replaced,
        lines of files no longer in the target dropped, unlisted up-to-date files hashed,
        all others kept. Files are reached without following symbolic links, so nothing
        outside the target is ever read or listed."""
        path = target / self.manifest_name
        root = os.open(target, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            entries = self._kept_entries(root, path)
            for name, notes in records.items():
                raw = os.fsencode(name)
                digest = notes.get(self.record_key)
                if digest is not None:
                    entries[raw] = digest
                elif notes.get("unchanged"):
                    # Up to date but unlisted (the last run was killed before writing it).
                    if raw not in entries and self.applies_to(notes["source"]):
                        entries[raw] = hash_listed(root, raw, self.algo)
                else:
                    entries.pop(raw, None)  # rewritten without this stage: the digest is stale
        finally:
            os.close(root)
        entries.pop(os.fsencode(self.manifest_name), None)
        write_manifest(path, entries)

    def _kept_entries(self, root: int, path: Path) -> dict[bytes, str]:
        """The existing manifest's lines whose files are still regular files in the target;
        none when it is missing or not a regular file (a link is never read through)."""
        try:
            if not stat.S_ISREG(os.stat(path, follow_symlinks=False).st_mode):
                return {}
            listed = read_manifest(path, self.algo).entries
        except FileNotFoundError:
            return {}
        return {
            name: digest
            for name, digest in listed.items()
            if len(digest) == HEX_LENGTH[self.algo] and is_listed_file(root, name)
        }
