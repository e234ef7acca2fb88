import boto3

s3 = boto3.client("s3")


def handler(event, context):
    params = {"Bucket": "uploads", "Key": event["key"]}
    # ruleid: python.presigned-url-long-expiry
    a = s3.generate_presigned_url("put_object", Params=params, ExpiresIn=604800)
    # ruleid: python.presigned-url-long-expiry
    b = s3.generate_presigned_url("get_object", Params=params, ExpiresIn=7 * 24 * 3600)
    # ok: python.presigned-url-long-expiry
    c = s3.generate_presigned_url("get_object", Params=params, ExpiresIn=900)
    # ok: python.presigned-url-long-expiry
    d = s3.generate_presigned_url("get_object", Params=params, ExpiresIn=86400)
    return [a, b, c, d]
