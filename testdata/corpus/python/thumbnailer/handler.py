"""S3-triggered thumbnailer: downloads uploads, renders thumbnails and
unpacks bundles of images."""
import io
import json
import os
import pickle
import shutil
import subprocess
import tarfile
import tempfile
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile

import boto3
import yaml
from defusedxml import ElementTree as SafeET

s3 = boto3.client("s3")
OUT_BUCKET = os.environ["THUMB_BUCKET"]
WORK = "/tmp/work"


def handler(event, context):
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
        if key.endswith(".tar.gz"):
            unpack_bundle(bucket, key)
        elif key.endswith(".zip"):
            unpack_zip(bucket, key)
        elif key.endswith(".yaml"):
            load_settings(bucket, key)
        elif key.endswith(".svg"):
            read_svg(bucket, key)
        else:
            thumbnail(bucket, key)
    return {"ok": True}


def thumbnail(bucket, key):
    src = tempfile.mktemp(suffix=".img")
    fd, out = tempfile.mkstemp(suffix=".png")
    os.close(fd)
    s3.download_file(bucket, key, src)
    os.system(f"convert {src}[0] -resize 256x256 /tmp/{key}.png")
    subprocess.run(["convert", src + "[0]", "-resize", "256x256", out], check=True)
    local_copy = open(os.path.join(WORK, key), "wb")
    local_copy.close()
    safe_copy = open(os.path.join(WORK, os.path.basename(key)), "wb")
    safe_copy.close()
    os.chmod(out, 0o777)
    os.chmod(out, 0o640)
    with open(out, "rb") as f:
        s3.put_object(Bucket=OUT_BUCKET, Key="thumbs/" + os.path.basename(key), Body=f.read())
    with open(out, "rb") as f:
        s3.put_object(Bucket=OUT_BUCKET, Key="thumbs/" + os.path.basename(key) + ".kms", Body=f.read(), ServerSideEncryption="aws:kms", SSEKMSKeyId=os.environ["KMS_KEY_ID"])
    s3.put_object(Bucket=OUT_BUCKET, Key="public/" + os.path.basename(key), Body=b"", ServerSideEncryption="AES256", ACL="public-read")
    s3.put_object(Bucket=OUT_BUCKET, Key="private/" + os.path.basename(key), Body=b"", ServerSideEncryption="AES256", ACL="private")
    s3.upload_file(out, OUT_BUCKET, "shared/" + os.path.basename(key), ExtraArgs={"ACL": "public-read-write", "ServerSideEncryption": "AES256"})


def unpack_bundle(bucket, key):
    buf = io.BytesIO(s3.get_object(Bucket=bucket, Key=key)["Body"].read())
    with tarfile.open(fileobj=buf, mode="r:gz") as tar:
        tar.extractall(WORK)
    buf.seek(0)
    with tarfile.open(fileobj=buf, mode="r:gz") as tar:
        tar.extractall(WORK, filter="data")


def unpack_zip(bucket, key):
    data = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            target = os.path.join(WORK, info.filename)
            with open(target, "wb") as out:
                out.write(zf.read(info))
        for info in zf.infolist():
            name = os.path.basename(info.filename)
            with open(os.path.join(WORK, name), "wb") as out:
                out.write(zf.read(info))


def load_settings(bucket, key):
    raw = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    settings = yaml.load(raw)
    settings2 = yaml.load(raw, Loader=yaml.Loader)
    safe = yaml.safe_load(raw)
    safe2 = yaml.load(raw, Loader=yaml.SafeLoader)
    cache = s3.get_object(Bucket=bucket, Key=key + ".cache")["Body"].read()
    state = pickle.loads(cache)
    state2 = json.loads(cache)
    return settings, settings2, safe, safe2, state, state2


def read_svg(bucket, key):
    raw = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    root = ET.fromstring(raw)
    safe_root = SafeET.fromstring(raw)
    shutil.rmtree(WORK, ignore_errors=True)
    return root.tag, safe_root.tag
