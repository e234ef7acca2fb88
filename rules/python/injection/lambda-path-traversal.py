import os
import shutil
import urllib.parse
import uuid

import boto3

s3 = boto3.client("s3")
WORK = "/tmp/work"


def handler(event, context):
    for record in event["Records"]:
        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
        # ruleid: python.lambda-path-traversal
        local_copy = open(os.path.join(WORK, key), "wb")
        # ruleid: python.lambda-path-traversal
        s3.download_file("uploads", key, "/tmp/" + key)
        # ruleid: python.lambda-path-traversal
        shutil.rmtree(os.path.join(WORK, record["s3"]["object"]["key"]))
        # ok: python.lambda-path-traversal
        safe_copy = open(os.path.join(WORK, os.path.basename(key)), "wb")
        # ok: python.lambda-path-traversal
        s3.download_file("uploads", key, f"/tmp/{uuid.uuid4()}")
        # ok: python.lambda-path-traversal
        with open("/tmp/index.json") as f:
            f.read()
        local_copy.close()
        safe_copy.close()
