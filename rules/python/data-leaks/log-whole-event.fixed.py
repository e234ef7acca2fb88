import json
import logging

logger = logging.getLogger()


def lambda_handler(event, context):
    # ruleid: python.log-whole-event
    logger.info("request %s", context.aws_request_id)
    # ruleid: python.log-whole-event
    print("request", context.aws_request_id)
    # ruleid: python.log-whole-event
    logger.debug("request %s", context.aws_request_id)
    # ok: python.log-whole-event
    logger.info("request id %s path %s", context.aws_request_id, event.get("path"))
    # ok: python.log-whole-event
    print(json.dumps({"records": len(event.get("Records", []))}))
    return {"statusCode": 200}


def helper(event, items):
    # ok: python.log-whole-event
    logger.info(event)


def handler(event, context):
    # ok: python.log-whole-event
    body = json.dumps(event)
    # ok: python.log-whole-event
    queue.put(event)
    return body
