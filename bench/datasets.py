"""Deterministic benchmark datasets, generated once into the work folder and reused.

Every byte, name and timestamp comes from a seeded `random.Random`, so two machines (or two
runs a month apart) copy the same trees. A stamp file beside each tree records the generator
version, the seed and the parameters; a tree whose stamp differs is generated again.

    small   20,000 files of 1-64 KiB in ~200 nested folders, Chinese and spaced names, empty folders
    large   4 files of 512 MiB, incompressible
    mixed   2,000 files, log-normal sizes around 100 KiB, a few up to 200 MiB
    text    3,000 compressible text files of 5-200 KiB, half of them GB18030 Chinese
    tiny    3 small files, for the start-up measurement
    sparse  one 4 GiB disk image holding 4 MiB of data in 4 places, the rest holes
    huge    1,000,000 files of 0-2 KiB in 1,000 folders (not in the default run)

and `small-mirror`: `small` after a day's changes (1% of its files changed, 1% removed, 1%
added), the source of the mirror re-run onto a copy of `small`.
"""

from __future__ import annotations

import json
import math
import os
import random
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

GENERATOR_VERSION = 1
DEFAULT_SEED = 20240601
KiB = 1 << 10
MiB = 1 << 20
BASE_MTIME_NS = 1_700_000_000_123_456_789
"""Fixed file times (with nanoseconds, which cp -a and rsync -a must keep) for every tree."""


@dataclass(frozen=True)
class Scale:
    """The knobs of every dataset; `FULL` is the benchmark, `SMOKE` a seconds-long stand-in."""

    small_files: int = 20_000
    small_dirs: int = 200
    small_empty_dirs: int = 12
    small_max: int = 64 * KiB
    large_files: int = 4
    large_size: int = 512 * MiB
    mixed_files: int = 2_000
    mixed_median: int = 100 * KiB
    mixed_cap: int = 16 * MiB
    mixed_big: tuple[int, ...] = (40 * MiB, 100 * MiB, 200 * MiB)
    text_files: int = 3_000
    text_min: int = 5 * KiB
    text_max: int = 200 * KiB
    sparse_size: int = 4 << 30
    sparse_data: int = 4 * MiB
    sparse_pieces: int = 4
    huge_files: int = 1_000_000
    huge_dirs: int = 1_000
    huge_max: int = 2 * KiB


FULL = Scale()
SMOKE = Scale(
    small_files=120,
    small_dirs=12,
    small_empty_dirs=2,
    large_files=2,
    large_size=1 * MiB,
    mixed_files=40,
    mixed_cap=256 * KiB,
    mixed_big=(2 * MiB,),
    text_files=24,
    text_max=40 * KiB,
    sparse_size=64 * MiB,
    sparse_data=256 * KiB,
    huge_files=2_000,
    huge_dirs=20,
)

NAMES = ("small", "large", "mixed", "text", "tiny", "sparse", "huge")
LATER_KNOBS = ("sparse_", "huge_")
"""Prefixes of `Scale` knobs added after the first datasets: they go into the stamp of their
own dataset only, so adding a dataset does not make every other tree be generated again."""

_CHINESE_NAMES = ("报告", "数据 备份", "照片", "会议记录", "项目 文档", "日志", "草稿", "归档")
_PLAIN_NAMES = ("src", "docs", "assets", "build", "lib", "test", "notes", "img", "cache", "misc")
_SPACED_NAMES = ("my files", "old stuff", "Final Draft", "copy of data")
_CJK_COMMON = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过"
    "子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体"
    "制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内"
    "数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提"
    "直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计"
)
_CJK_PUNCTUATION = "\uff0c\u3002\uff1b\uff01\uff1f"
"""Full-width comma, full stop, semicolon, exclamation and question marks."""
_WORDS = tuple(
    "".join(random.Random(i).choices("etaoinshrdlucmfwypvbgkjqxz", k=2 + i % 9)) for i in range(600)
)


def stamp_of(name: str, seed: int, scale: Scale) -> dict[str, object]:
    """What a tree's stamp must say for the tree to be reused (as JSON reads it back)."""
    knobs = {
        key: value
        for key, value in asdict(scale).items()
        if not key.startswith(LATER_KNOBS) or key.startswith(f"{name}_")
    }
    stamp = {"generator": GENERATOR_VERSION, "seed": seed, "dataset": name, "scale": knobs}
    loaded: dict[str, object] = json.loads(json.dumps(stamp))
    return loaded


def ensure(
    root: Path,
    name: str,
    *,
    seed: int = DEFAULT_SEED,
    scale: Scale = FULL,
    log: Callable[[str], None] = print,
) -> Path:
    """The dataset's folder under `root/data`, generated first unless its stamp matches."""
    data = root / "data"
    tree = data / name
    stamp_path = data / f"{name}.stamp.json"
    wanted = stamp_of(name, seed, scale)
    try:
        if json.loads(stamp_path.read_text()) == wanted and tree.is_dir():
            return tree
    except (OSError, ValueError):
        pass
    log(f"generating dataset '{name}' (seed {seed}) in {tree} ...")
    data.mkdir(parents=True, exist_ok=True)
    stamp_path.unlink(missing_ok=True)
    scratch = data / f".{name}.generating"
    for path in (scratch, tree):
        if path.exists():
            shutil.rmtree(path)
    scratch.mkdir()
    rng = random.Random(f"{seed}:{name}")
    start = time.perf_counter()
    GENERATORS[name](scratch, rng, scale)
    if name not in SETS_OWN_TIMES:
        _freeze_times(scratch, rng)
    scratch.rename(tree)
    stamp_path.write_text(json.dumps(wanted, indent=1) + "\n")
    log(f"generated dataset '{name}' in {time.perf_counter() - start:.1f} s")
    return tree


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def _write_random(path: Path, rng: random.Random, size: int) -> None:
    """Incompressible bytes, written in pieces so a 512 MiB file never sits in memory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        left = size
        while left:
            n = min(left, 16 * MiB)
            f.write(rng.randbytes(n))
            left -= n


def _folder_name(rng: random.Random, index: int) -> str:
    roll = rng.random()
    if roll < 0.15:
        base = rng.choice(_CHINESE_NAMES)
    elif roll < 0.25:
        base = rng.choice(_SPACED_NAMES)
    else:
        base = rng.choice(_PLAIN_NAMES)
    return f"{base} {index}" if " " in base else f"{base}_{index}"


def _file_name(rng: random.Random, index: int, ext: str) -> str:
    roll = rng.random()
    if roll < 0.08:
        return f"{rng.choice(_CHINESE_NAMES)}_{index}{ext}"
    if roll < 0.15:
        return f"file {index} ({rng.randint(1, 9)}){ext}"
    return f"f{index:05d}{ext}"


def _folders(root: Path, rng: random.Random, count: int, max_depth: int = 6) -> list[Path]:
    """`count` nested folders: each new one goes under a random earlier one of modest depth."""
    folders: list[tuple[Path, int]] = [(root, 0)]
    for i in range(count):
        parent, depth = rng.choice([f for f in folders if f[1] < max_depth])
        path = parent / _folder_name(rng, i)
        path.mkdir()
        folders.append((path, depth + 1))
    return [path for path, _ in folders]


def _small(root: Path, rng: random.Random, scale: Scale) -> None:
    folders = _folders(root, rng, scale.small_dirs)
    for i in range(scale.small_empty_dirs):
        (rng.choice(folders) / f"empty {i}").mkdir()
    for i in range(scale.small_files):
        size = rng.randint(KiB, scale.small_max)
        _write(
            rng.choice(folders) / _file_name(rng, i, rng.choice((".bin", ".dat", ".txt"))),
            rng.randbytes(size),
        )


def _large(root: Path, rng: random.Random, scale: Scale) -> None:
    for i in range(scale.large_files):
        _write_random(root / f"large_{i}.bin", rng, scale.large_size)


def _mixed(root: Path, rng: random.Random, scale: Scale) -> None:
    folders = _folders(root, rng, max(4, scale.mixed_files // 50))
    mu = math.log(scale.mixed_median)
    for i in range(scale.mixed_files):
        size = int(min(scale.mixed_cap, max(64, rng.lognormvariate(mu, 1.2))))
        _write_random(rng.choice(folders) / _file_name(rng, i, ".dat"), rng, size)
    for i, size in enumerate(scale.mixed_big):
        _write_random(rng.choice(folders) / f"big_{i}.iso", rng, size)


def _line_pool(rng: random.Random, chinese: bool, count: int = 3000) -> list[bytes]:
    lines = []
    for _ in range(count):
        if chinese:
            text = "".join(rng.choices(_CJK_COMMON, k=rng.randint(10, 40)))
            text += rng.choice(_CJK_PUNCTUATION) + "\n"
            lines.append(text.encode("gb18030"))
        else:
            words = rng.choices(_WORDS, k=rng.randint(6, 16))
            lines.append((" ".join(words) + rng.choice(".,;:!?") + "\n").encode())
    return lines


def _text(root: Path, rng: random.Random, scale: Scale) -> None:
    folders = _folders(root, rng, max(3, scale.text_files // 100))
    pools = {False: _line_pool(rng, False), True: _line_pool(rng, True)}
    for i in range(scale.text_files):
        chinese = i % 2 == 1
        size = rng.randint(scale.text_min, scale.text_max)
        pool = pools[chinese]
        parts: list[bytes] = []
        total = 0
        while total < size:
            line = rng.choice(pool)
            parts.append(line)
            total += len(line)
        name = f"doc_{i:05d}.{'gb18030' if chinese else 'en'}.txt"
        _write(rng.choice(folders) / name, b"".join(parts))


def _tiny(root: Path, rng: random.Random, scale: Scale) -> None:
    for i in range(3):
        _write(root / f"tiny_{i}.txt", rng.randbytes(100 + i))


def _sparse(root: Path, rng: random.Random, scale: Scale) -> None:
    """A disk image as a virtual machine leaves it: `sparse_size` bytes of which only
    `sparse_data` were ever written, in `sparse_pieces` runs (the first at offset 0, like a
    partition table; the others at seeded offsets, aligned to their own size), the rest holes
    up to the end. Made with a truncate and a few writes, so it costs only what is written,
    and it stays sparse only on a file system with holes (`hygiene.allocated` tells)."""
    piece = scale.sparse_data // scale.sparse_pieces
    slots = scale.sparse_size // piece
    # Never the last slot: the file ends in a hole, which a copier must extend to, not write.
    offsets = [0, *sorted(rng.sample(range(1, slots - 1), scale.sparse_pieces - 1))]
    fd = os.open(root / "disk.img", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.ftruncate(fd, scale.sparse_size)
        for slot in offsets:
            os.pwrite(fd, rng.randbytes(piece), slot * piece)
    finally:
        os.close(fd)


def _huge(root: Path, rng: random.Random, scale: Scale) -> None:
    """A million small files, written fast: the folders are shared among processes (one a
    core), each folder's files cut from one random buffer and written through a folder
    descriptor, each stamped with its time while open (no second pass over the tree), the
    folders' times set last. Every folder has its own seed, so the tree is the same
    whatever the number of processes."""
    base = rng.getrandbits(64)
    jobs = []
    for i in range(scale.huge_dirs):
        folder = root / _folder_name(rng, i)
        folder.mkdir()
        first, end = (scale.huge_files * k // scale.huge_dirs for k in (i, i + 1))
        jobs.append((str(folder), f"{base}:{i}", first, end - first, scale.huge_max))
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for _ in pool.map(_huge_folder, jobs, chunksize=max(1, len(jobs) // 64)):
            pass
    for path, *_ in jobs:
        t = BASE_MTIME_NS + rng.randrange(10**15)
        os.utime(path, ns=(t, t))
    t = BASE_MTIME_NS + rng.randrange(10**15)
    os.utime(root, ns=(t, t))


def _huge_folder(job: tuple[str, str, int, int, int]) -> None:
    """Files `first` .. `first + count - 1` of `huge`, of 0 to `largest` bytes, in `folder`."""
    folder, seed, first, count, largest = job
    rng = random.Random(seed)
    sizes = [rng.randint(0, largest) for _ in range(count)]
    data = memoryview(rng.randbytes(sum(sizes)))
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    folder_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        offset = 0
        for index, size in enumerate(sizes, first):
            name = _file_name(rng, index, rng.choice((".log", ".json", ".txt")))
            fd = os.open(name, flags, 0o644, dir_fd=folder_fd)
            try:
                if os.write(fd, data[offset : offset + size]) != size:
                    raise OSError(f"short write to {folder}/{name}")
                t = BASE_MTIME_NS + rng.randrange(10**15)
                os.utime(fd, ns=(t, t))
            finally:
                os.close(fd)
            offset += size
    finally:
        os.close(folder_fd)


GENERATORS: dict[str, Callable[[Path, random.Random, Scale], None]] = {
    "small": _small,
    "large": _large,
    "mixed": _mixed,
    "text": _text,
    "tiny": _tiny,
    "sparse": _sparse,
    "huge": _huge,
}
SETS_OWN_TIMES = frozenset({"huge"})
"""Generators that give every file and folder its time themselves: `_freeze_times` would
walk a million files a second time."""


MIRROR_VERSION = 1
MIRROR_FRACTION = 0.01
"""Of `small`'s files, the share changed, the share removed and the share added again."""


def ensure_mirror(
    root: Path,
    *,
    seed: int = DEFAULT_SEED,
    scale: Scale = FULL,
    log: Callable[[str], None] = print,
) -> tuple[Path, Path]:
    """(`small`, `small-mirror`): `small` as it was, and a copy of it changed as a folder
    changes between two mirror runs (`mutate`), generated once beside it like the others."""
    old = ensure(root, "small", seed=seed, scale=scale, log=log)
    data = root / "data"
    tree = data / "small-mirror"
    stamp_path = data / "small-mirror.stamp.json"
    wanted = json.loads(
        json.dumps(
            {
                "base": stamp_of("small", seed, scale),
                "mutation": MIRROR_VERSION,
                "fraction": MIRROR_FRACTION,
            }
        )
    )
    try:
        if json.loads(stamp_path.read_text()) == wanted and tree.is_dir():
            return old, tree
    except (OSError, ValueError):
        pass
    log(f"generating dataset 'small-mirror' (seed {seed}) in {tree} ...")
    stamp_path.unlink(missing_ok=True)
    scratch = data / ".small-mirror.generating"
    for path in (scratch, tree):
        if path.exists():
            shutil.rmtree(path)
    # copy2 keeps every file's bytes and time; each folder gets its time after its contents
    shutil.copytree(old, scratch, symlinks=True)
    mutate(scratch, random.Random(f"{seed}:small-mirror"), scale, MIRROR_FRACTION)
    scratch.rename(tree)
    stamp_path.write_text(json.dumps(wanted, indent=1) + "\n")
    return old, tree


def mirror_count(files: int, fraction: float = MIRROR_FRACTION) -> int:
    """How many files `mutate` changes (and removes, and adds) in a tree of `files`."""
    return max(1, round(files * fraction))


def mutate(tree: Path, rng: random.Random, scale: Scale, fraction: float) -> dict[str, int]:
    """Change `fraction` of the files of `tree` (new bytes, new size, a later time), remove as
    many others and add as many new ones in existing folders; every folder whose entries
    changed gets a seeded time again. The same seed gives the same changes."""
    files: list[str] = []
    folders: list[str] = []
    for dirpath, dirnames, filenames in os.walk(tree):
        dirnames.sort()
        folders.append(os.path.relpath(dirpath, tree))
        files += sorted(os.path.relpath(os.path.join(dirpath, n), tree) for n in filenames)
    n = mirror_count(len(files), fraction)
    picked = rng.sample(files, 2 * n)
    later = BASE_MTIME_NS + 10**15  # after every time the generator gave
    touched: set[str] = set()
    for rel in picked[:n]:
        path = tree / rel
        path.write_bytes(rng.randbytes(rng.randint(KiB, scale.small_max)))
        t = later + rng.randrange(10**12)
        os.utime(path, ns=(t, t))
    for rel in picked[n:]:
        (tree / rel).unlink()
        touched.add(os.path.dirname(rel) or ".")
    for i in range(n):
        folder = rng.choice(folders)
        name = _file_name(rng, scale.small_files + i, rng.choice((".bin", ".dat", ".txt")))
        path = tree / folder / name
        _write(path, rng.randbytes(rng.randint(KiB, scale.small_max)))
        t = later + rng.randrange(10**12)
        os.utime(path, ns=(t, t))
        touched.add(folder)
    for rel in sorted(touched, key=lambda p: (-p.count(os.sep), p)):
        t = later + rng.randrange(10**12)
        os.utime(tree / rel, ns=(t, t))
    return {"changed": n, "removed": n, "added": n}


def _freeze_times(root: Path, rng: random.Random) -> None:
    """Seeded times on every file and folder (folders last, deepest first, like a copier)."""
    folders: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        folders.append(dirpath)
        for name in sorted(filenames):
            t = BASE_MTIME_NS + rng.randrange(10**15)
            os.utime(os.path.join(dirpath, name), ns=(t, t))
    for dirpath in sorted(folders, key=lambda p: (-p.count(os.sep), p)):
        t = BASE_MTIME_NS + rng.randrange(10**15)
        os.utime(dirpath, ns=(t, t))


def tree_stats(tree: Path) -> tuple[int, int, int]:
    """(files, folders, bytes) of a tree, for throughput figures and the report."""
    files = folders = size = 0
    for _dirpath, dirnames, filenames in os.walk(tree):
        folders += len(dirnames)
        for name in filenames:
            files += 1
            size += os.lstat(os.path.join(_dirpath, name)).st_size
    return files, folders, size
