import json
import logging
import traceback

logger = logging.getLogger()


def handler(event, context):
    try:
        return work(event)
    except ValueError as err:
        # ruleid: python.error-details-in-response
        return {"statusCode": 400, "body": json.dumps({"error": str(err)})}
    except KeyError as e:
        # ruleid: python.error-details-in-response
        return {"statusCode": 400, "body": f"missing field {e}"}
    except Exception:
        logger.exception("unhandled")
        # ruleid: python.error-details-in-response
        return {"statusCode": 500, "body": traceback.format_exc()}


def safe_handler(event, context):
    try:
        return work(event)
    except Exception:
        logger.exception("unhandled")
        # ok: python.error-details-in-response
        return {"statusCode": 500, "body": json.dumps({"error": "internal error", "id": context.aws_request_id})}


def other(event, context):
    status = str(event.get("status"))
    # ok: python.error-details-in-response
    return {"statusCode": 200, "body": json.dumps({"status": status})}


def work(event):
    return {"statusCode": 200, "body": "{}"}
