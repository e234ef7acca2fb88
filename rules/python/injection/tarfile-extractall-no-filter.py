import io
import tarfile

WORK = "/tmp/work"


def unpack(data):
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        # ruleid: python.tarfile-extractall-no-filter
        tar.extractall(WORK)
    bundle = tarfile.open("/tmp/bundle.tar")
    # ruleid: python.tarfile-extractall-no-filter
    bundle.extract("manifest.json", WORK)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        # ok: python.tarfile-extractall-no-filter
        tar.extractall(WORK, filter="data")
    # ok: python.tarfile-extractall-no-filter
    bundle.extract("manifest.json", WORK, filter="data")


def other(zf):
    # ok: python.tarfile-extractall-no-filter
    zf.extractall(WORK)
