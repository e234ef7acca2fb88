import boto3

kinesis = boto3.client("kinesis")
firehose = boto3.client("firehose")


def handler(event, context):
    # ruleid: python.kinesis-stream-no-encryption
    kinesis.create_stream(StreamName="clicks", ShardCount=1)
    # ruleid: python.kinesis-stream-no-encryption
    firehose.create_delivery_stream(DeliveryStreamName="logs", DeliveryStreamType="DirectPut")
    # ok: python.kinesis-stream-no-encryption
    firehose.create_delivery_stream(DeliveryStreamName="audit", DeliveryStreamEncryptionConfigurationInput={"KeyType": "AWS_OWNED_CMK"})
    create_encrypted("orders")


def create_encrypted(name):
    # ok: python.kinesis-stream-no-encryption
    kinesis.create_stream(StreamName=name, ShardCount=1)
    kinesis.get_waiter("stream_exists").wait(StreamName=name)
    kinesis.start_stream_encryption(StreamName=name, EncryptionType="KMS", KeyId="alias/aws/kinesis")
