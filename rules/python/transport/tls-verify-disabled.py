import boto3
import httpx
import jwt
import requests


def handler(event, context):
    # ruleid: python.tls-verify-disabled
    r = requests.get("https://api.example.com/v1/items", timeout=5, verify=False)
    session = requests.Session()
    # ruleid: python.tls-verify-disabled
    r2 = session.post("https://api.example.com/v1/items", json={"a": 1}, verify=False)
    # ruleid: python.tls-verify-disabled
    s3 = boto3.client("s3", verify=False)
    # ruleid: python.tls-verify-disabled
    client = httpx.Client(verify=False)
    # ruleid: python.tls-verify-disabled
    r5 = requests.get("https://api.example.com/v2/ping", verify=False, timeout=5)
    # ok: python.tls-verify-disabled
    r3 = requests.get("https://api.example.com/v1/items", timeout=5)
    # ok: python.tls-verify-disabled
    r4 = requests.get("https://api.example.com/v1/items", verify="/opt/ca.pem")
    # ok: python.tls-verify-disabled
    claims = jwt.decode(event["token"], verify=False)
    return [r5, r, r2, s3, client, r3, r4, claims]
