import os

import boto3

sqs = boto3.client("sqs")
KEY = os.environ["KMS_KEY"]


def handler(event, context):
    tenant = event["tenant"]
    # ruleid: python.sqs-queue-no-encryption
    sqs.create_queue(QueueName=f"{tenant}-jobs")
    # ruleid: python.sqs-queue-no-encryption
    boto3.resource("sqs").create_queue(QueueName="audit", Attributes={"VisibilityTimeout": "60"})
    # ok: python.sqs-queue-no-encryption
    sqs.create_queue(QueueName=f"{tenant}-enc", Attributes={"KmsMasterKeyId": KEY})
    # ok: python.sqs-queue-no-encryption
    sqs.create_queue(QueueName=f"{tenant}-sse", Attributes={"SqsManagedSseEnabled": "true"})
    # ok: python.sqs-queue-no-encryption
    sqs.create_queue(QueueName=f"{tenant}-x", Attributes=queue_attributes())


def queue_attributes():
    return {"KmsMasterKeyId": KEY}
