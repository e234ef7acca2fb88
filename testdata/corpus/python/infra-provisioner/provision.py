"""Tenant provisioner: creates per-tenant queues, topics, tables and
streams, hands out upload links and exports reports."""
import json
import logging
import marshal
import os
import shelve
import socket

import boto3
import dill
import jsonpickle
from botocore.config import Config
from flask import Flask, jsonify

logger = logging.getLogger()
app = Flask(__name__)
KMS_KEY = os.environ["TENANT_KMS_KEY"]
DB_PASSWORD = os.environ["DB_PASSWORD"]
REPORTS_DB = "postgresql://reporter:Xk82nd0qPzLm@reports.internal.example.com:5432/reports"

sqs = boto3.client("sqs")
sns = boto3.client("sns")
ddb = boto3.client("dynamodb")
kinesis = boto3.client("kinesis")
s3 = boto3.client("s3", config=Config(signature_version="s3v4"))
iam = boto3.client("iam")
legacy_s3 = boto3.client("s3", aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
archive_s3 = boto3.client("s3", aws_access_key_id=os.environ["ARCHIVE_KEY_ID"], aws_secret_access_key=os.environ["ARCHIVE_SECRET"])
plain_sqs = boto3.client("sqs", use_ssl=False)
local_ddb = boto3.client("dynamodb", endpoint_url="http://localhost:8000")


def handler(event, context):
    tenant = event["detail"]["tenant"]
    logger.info("provisioning %s", tenant)
    logger.info("credentials %s", os.environ["AWS_SECRET_ACCESS_KEY"])
    sqs.create_queue(QueueName=f"{tenant}-jobs")
    sqs.create_queue(QueueName=f"{tenant}-jobs-enc", Attributes={"KmsMasterKeyId": KMS_KEY})
    sqs.create_queue(QueueName=f"{tenant}-audit", Attributes={"SqsManagedSseEnabled": "true"})
    sns.create_topic(Name=f"{tenant}-events")
    sns.create_topic(Name=f"{tenant}-alerts", Attributes={"KmsMasterKeyId": KMS_KEY})
    ddb.create_table(
        TableName=f"{tenant}-data",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    ddb.create_table(
        TableName=f"{tenant}-secure",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": KMS_KEY},
    )
    kinesis.create_stream(StreamName=f"{tenant}-clicks", ShardCount=1)
    create_encrypted_stream(f"{tenant}-orders")
    policy = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
    }
    scoped = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": f"arn:aws:s3:::uploads/{tenant}/*"}],
    }
    iam.put_role_policy(RoleName=f"{tenant}-role", PolicyName="all", PolicyDocument=json.dumps(policy))
    iam.put_role_policy(RoleName=f"{tenant}-role", PolicyName="read", PolicyDocument=json.dumps(scoped))
    upload = s3.generate_presigned_url("put_object", Params={"Bucket": "uploads", "Key": tenant}, ExpiresIn=604800)
    download = s3.generate_presigned_url("get_object", Params={"Bucket": "uploads", "Key": tenant}, ExpiresIn=900)
    return {"upload": upload, "download": download, "state": restore_state(tenant)}


def create_encrypted_stream(name):
    kinesis.create_stream(StreamName=name, ShardCount=1)
    kinesis.get_waiter("stream_exists").wait(StreamName=name)
    kinesis.start_stream_encryption(StreamName=name, EncryptionType="KMS", KeyId=KMS_KEY)


def restore_state(tenant):
    blob = s3.get_object(Bucket="state", Key=tenant)["Body"].read()
    obj = dill.loads(blob)
    code = marshal.loads(blob)
    cfg = jsonpickle.decode(blob.decode())
    plain = json.loads(blob.decode())
    with shelve.open("/tmp/" + tenant) as db:
        cached = dict(db)
    return [obj, code, cfg, plain, cached]


@app.route("/health")
def health():
    return jsonify(ok=True)


def metrics_socket(public):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if public:
        sock.bind(("0.0.0.0", 9100))
    else:
        sock.bind(("127.0.0.1", 9100))
    return sock


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080, debug=True)
    app.run(host="127.0.0.1", port=8081, debug=False)
