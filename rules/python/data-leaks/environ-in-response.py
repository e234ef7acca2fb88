import json
import os


def handler(event, context):
    route = event.get("resource")
    if route == "/debug":
        # ruleid: python.environ-in-response
        return {"statusCode": 200, "body": json.dumps(dict(os.environ))}
    if route == "/debug2":
        # ruleid: python.environ-in-response
        return {"statusCode": 200, "body": str(os.environ)}
    if route == "/version":
        # ok: python.environ-in-response
        return {"statusCode": 200, "body": json.dumps({"version": os.environ.get("APP_VERSION")})}
    # ok: python.environ-in-response
    return {"statusCode": 200, "body": json.dumps({"region": os.environ["AWS_REGION"]})}
