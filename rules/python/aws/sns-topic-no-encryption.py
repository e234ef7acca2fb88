import boto3

sns = boto3.client("sns")


def handler(event, context):
    # ruleid: python.sns-topic-no-encryption
    sns.create_topic(Name="events")
    # ruleid: python.sns-topic-no-encryption
    sns.create_topic(Name="orders.fifo", Attributes={"FifoTopic": "true"})
    # ok: python.sns-topic-no-encryption
    sns.create_topic(Name="alerts", Attributes={"KmsMasterKeyId": "alias/aws/sns"})
    # ok: python.sns-topic-no-encryption
    sns.create_topic(Name="audit", Attributes=ATTRS)
    # ok: python.sns-topic-no-encryption
    sns.publish(TopicArn="arn:aws:sns:eu-west-1:111122223333:events", Message="hi")


ATTRS = {"KmsMasterKeyId": "alias/aws/sns"}
