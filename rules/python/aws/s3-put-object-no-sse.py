import os

import boto3

s3 = boto3.client("s3")
KEY = os.environ["KMS_KEY_ID"]


def handler(event, context):
    # ruleid: python.s3-put-object-no-sse
    s3.put_object(Bucket="reports", Key="r.csv", Body=b"data")
    # ruleid: python.s3-put-object-no-sse
    s3.upload_file("/tmp/r.csv", "reports", "r.csv")
    # ruleid: python.s3-put-object-no-sse
    s3.upload_file("/tmp/r.csv", "reports", "r.csv", ExtraArgs={"ContentType": "text/csv"})
    # ok: python.s3-put-object-no-sse
    s3.put_object(Bucket="reports", Key="r.csv", Body=b"data", ServerSideEncryption="aws:kms", SSEKMSKeyId=KEY)
    # ok: python.s3-put-object-no-sse
    s3.upload_file("/tmp/r.csv", "reports", "r.csv", ExtraArgs={"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": KEY})
    # ok: python.s3-put-object-no-sse
    s3.put_object(**params(event))
    # ok: python.s3-put-object-no-sse
    table.put_item(Item={"Bucket": "x"})


def params(event):
    return {"Bucket": "reports", "Key": event["key"], "ServerSideEncryption": "AES256"}
