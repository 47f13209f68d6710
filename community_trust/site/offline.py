"""The built site as one zip for reading offline (``make zip``).

No Sphinx here: it packs whatever ``_build/html`` holds, so the nox session
builds the site cleanly first.

    python -m community_trust.site.offline HTML_DIR TARGET.zip
"""

from __future__ import annotations

import os
import sys
import time
import zipfile
from pathlib import Path

#: 1980-01-01, the earliest time a zip file can hold
ZIP_EPOCH = 315532800
FOLDER = "community-trust-resources"


def zip_site(html_dir: Path, target: Path, folder: str = FOLDER) -> Path:
    """Pack ``html_dir`` into ``target``; it unpacks into ``folder/`` (open ``index.html``).

    Reproducible: sorted entries, one fixed time (``SOURCE_DATE_EPOCH`` when
    set), fixed permissions, so the same site gives the same bytes. Hidden
    files (build caches such as ``.buildinfo``) stay out.
    """
    stamp = time.gmtime(max(int(os.environ.get("SOURCE_DATE_EPOCH", ZIP_EPOCH)), ZIP_EPOCH))[:6]
    files = sorted(path for path in html_dir.rglob("*") if path.is_file()
                   and not any(part.startswith(".") for part in path.relative_to(html_dir).parts))
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(html_dir).as_posix()}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    return target


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    print(zip_site(Path(sys.argv[1]), Path(sys.argv[2])))
