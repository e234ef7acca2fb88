import os
import pathlib
import stat


def handler(event, context):
    out = "/tmp/out.png"
    # ruleid: python.world-writable-permissions
    os.chmod(out, 0o777)
    # ruleid: python.world-writable-permissions
    os.makedirs("/tmp/shared", mode=0o666, exist_ok=True)
    # ruleid: python.world-writable-permissions
    pathlib.Path(out).chmod(stat.S_IRWXU | stat.S_IRWXO)
    # ok: python.world-writable-permissions
    os.chmod(out, 0o640)
    # ok: python.world-writable-permissions
    os.makedirs("/tmp/private", mode=0o700, exist_ok=True)
