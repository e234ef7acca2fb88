import json
import os

import boto3

# Hardcoded credentials: the AWS documented example key pair, passed to boto3.
s3 = boto3.client(
    "s3",
    aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
    aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
)

# Safe: read at init from the environment.
API_TOKEN = os.environ["API_TOKEN"]
DB_PASSWORD = os.environ.get("DB_PASSWORD")

# The documented example key mentioned in a comment only: AKIAIOSFODNN7EXAMPLE


def handler(event, context):
    conn_str = "postgres://app:Nq7vR2xLp9sKfT3@orders.cluster-abc.eu-west-1.rds.amazonaws.com:5432/orders"
    return {"statusCode": 200, "body": json.dumps({"ok": True, "db": conn_str is not None})}
