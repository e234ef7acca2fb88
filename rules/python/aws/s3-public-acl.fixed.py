import boto3

s3 = boto3.client("s3")


def handler(event, context):
    # ruleid: python.s3-public-acl
    s3.put_object(Bucket="site", Key="index.html", Body=b"<html/>", ACL="private")
    # ruleid: python.s3-public-acl
    s3.upload_file("/tmp/a.png", "site", "a.png", ExtraArgs={"ACL": "private", "ContentType": "image/png"})
    # ruleid: python.s3-public-acl
    s3.put_bucket_acl(Bucket="site", ACL="private")
    # ok: python.s3-public-acl
    s3.put_object(Bucket="site", Key="index.html", Body=b"<html/>", ACL="private")
    # ok: python.s3-public-acl
    s3.upload_file("/tmp/a.png", "site", "a.png", ExtraArgs={"ACL": "bucket-owner-full-control"})
    # ok: python.s3-public-acl
    grants = {"ACL": "public-read"}
    return grants
