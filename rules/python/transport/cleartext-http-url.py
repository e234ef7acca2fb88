import urllib.request

import boto3
import requests


def handler(event, context):
    # ruleid: python.cleartext-http-url
    requests.post("http://status.partner.example.com/api/v1/report", json=event, timeout=5)
    # ruleid: python.cleartext-http-url
    urllib.request.urlopen("http://api.example.com/orders")
    # ruleid: python.cleartext-http-url
    s3 = boto3.client("s3", endpoint_url="http://s3.eu-west-1.amazonaws.com")
    # ok: python.cleartext-http-url
    requests.post("https://status.partner.example.com/api/v1/report", json=event, timeout=5)
    # ok: python.cleartext-http-url
    requests.get("http://localhost:2773/systemsmanager/parameters/get", timeout=2)
    # ok: python.cleartext-http-url
    ddb = boto3.client("dynamodb", endpoint_url="http://127.0.0.1:8000")
    return s3, ddb
