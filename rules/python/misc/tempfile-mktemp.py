import os
import tempfile


def handler(event, context):
    # ruleid: python.tempfile-mktemp
    src = tempfile.mktemp(suffix=".img")
    # ruleid: python.tempfile-mktemp
    other = tempfile.mktemp()
    # ok: python.tempfile-mktemp
    fd, out = tempfile.mkstemp(suffix=".png")
    os.close(fd)
    # ok: python.tempfile-mktemp
    with tempfile.NamedTemporaryFile(delete=False) as f:
        name = f.name
    return src, other, out, name
