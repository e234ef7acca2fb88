import json

import boto3

iam = boto3.client("iam")


def handler(event, context):
    tenant = event["tenant"]
    policy = {
        "Version": "2012-10-17",
        # ruleid: python.iam-policy-wildcard
        "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
    }
    # ruleid: python.iam-policy-wildcard
    s3_all = {"Effect": "Allow", "Action": ["s3:GetObject", "s3:*"], "Resource": f"arn:aws:s3:::{tenant}/*"}
    scoped = {
        "Version": "2012-10-17",
        # ok: python.iam-policy-wildcard
        "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": f"arn:aws:s3:::uploads/{tenant}/*"}],
    }
    # ok: python.iam-policy-wildcard
    deny = {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
    iam.put_role_policy(RoleName="r", PolicyName="p", PolicyDocument=json.dumps({"Statement": [s3_all, deny]}))
    return policy, scoped
