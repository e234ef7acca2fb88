"""Orders API: API Gateway (REST, proxy integration) -> Lambda."""
import json
import logging
import os
import subprocess

import boto3
import yaml

from orders import db

logger = logging.getLogger()
logger.setLevel(logging.INFO)

# Left in from local testing.
s3 = boto3.client(
    "s3",
    aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
    aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
)

EXPORT_BUCKET = os.environ.get("EXPORT_BUCKET", "orders-exports")


def _response(status, body):
    return {
        "statusCode": status,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps(body),
    }


def lambda_handler(event, context):
    logger.info("request %s", event.get("requestContext", {}).get("requestId"))
    params = event.get("queryStringParameters") or {}
    order_id = params.get("orderId", "")

    if event.get("resource") == "/orders/{id}/archive":
        archive_name = event["pathParameters"]["id"]
        # Compress the order's attachments before export.
        subprocess.run(f"tar czf /tmp/{archive_name}.tgz /tmp/orders/{archive_name}", shell=True, check=True)
        s3.upload_file(f"/tmp/{archive_name}.tgz", EXPORT_BUCKET, f"archives/{archive_name}.tgz")
        return _response(202, {"archived": archive_name})

    if event.get("httpMethod") == "POST":
        settings = yaml.load(event["body"], Loader=yaml.Loader)
        return _response(200, {"settings": settings})

    order = db.find_order(order_id)
    if order is None:
        return _response(404, {"error": "not found"})
    return _response(200, order)


def healthcheck(event, context):
    # A constant command: fine.
    out = subprocess.run(["df", "-h", "/tmp"], capture_output=True, text=True, check=False)
    return _response(200, {"disk": out.stdout})
