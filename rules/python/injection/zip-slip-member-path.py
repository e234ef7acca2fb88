import os
import zipfile

WORK = "/tmp/work"


def unpack(path):
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            # ruleid: python.zip-slip-member-path
            target = os.path.join(WORK, info.filename)
            with open(target, "wb") as out:
                out.write(zf.read(info))
        for name in zf.namelist():
            # ruleid: python.zip-slip-member-path
            with open(os.path.join(WORK, name), "wb") as out:
                out.write(zf.read(name))
        for info in zf.infolist():
            # ok: python.zip-slip-member-path
            target = os.path.join(WORK, os.path.basename(info.filename))
            with open(target, "wb") as out:
                out.write(zf.read(info))
        # ok: python.zip-slip-member-path
        zf.extractall(WORK)
