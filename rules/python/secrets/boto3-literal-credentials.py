import os

import boto3


def handler(event, context):
    # ruleid: python.boto3-literal-credentials
    s3 = boto3.client("s3", aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    # ruleid: python.boto3-literal-credentials
    session = boto3.Session(aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key=os.environ["SECRET"])
    # ok: python.boto3-literal-credentials
    s3b = boto3.client("s3", aws_access_key_id=os.environ["ARCHIVE_KEY_ID"], aws_secret_access_key=os.environ["ARCHIVE_SECRET"])
    # ok: python.boto3-literal-credentials
    s3c = boto3.client("s3")
    return s3, session, s3b, s3c
