import json
import logging

logger = logging.getLogger()


def handler(event, context):
    body = json.loads(event["body"])
    user = body.get("user", "")
    # ruleid: python.lambda-log-injection
    logger.info("webhook from " + user)
    # ruleid: python.lambda-log-injection
    logging.warning(f"bad signature for {event['headers'].get('X-Client')}")
    # ok: python.lambda-log-injection
    logger.info("webhook from %r", user.replace("\n", "\\n"))
    # ok: python.lambda-log-injection
    logger.info("webhook received, %d bytes", len(event["body"]))
    # ok: python.lambda-log-injection
    logger.info("payload %s", json.dumps(user))
