import boto3
import botocore.session


def handler(event, context):
    # ruleid: python.boto3-use-ssl-false
    sqs = boto3.client("sqs", use_ssl=False)
    session = boto3.session.Session()
    # ruleid: python.boto3-use-ssl-false
    ddb = session.resource("dynamodb", region_name="eu-west-1", use_ssl=False)
    # ruleid: python.boto3-use-ssl-false
    low = botocore.session.get_session().create_client("s3", use_ssl=False)
    # ok: python.boto3-use-ssl-false
    sns = boto3.client("sns")
    # ok: python.boto3-use-ssl-false
    s3 = boto3.client("s3", use_ssl=True)
    return [sqs, ddb, low, sns, s3]
