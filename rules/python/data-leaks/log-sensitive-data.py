import logging
import os

logger = logging.getLogger(__name__)


def handler(event, context):
    body = event["body"]
    token = event["headers"].get("Authorization", "")
    # ruleid: python.log-sensitive-data
    logger.info("receipt for token %s", token)
    # ruleid: python.log-sensitive-data
    logger.info("login ok for %s password=%s", body["email"], body["password"])
    # ruleid: python.log-sensitive-data
    logger.info("credentials %s", os.environ["AWS_SECRET_ACCESS_KEY"])
    # ruleid: python.log-sensitive-data
    print(f"api key is {api_key}")
    # ok: python.log-sensitive-data
    logger.info("login ok for %s", body["email"])
    # ok: python.log-sensitive-data
    logger.info("password reset requested for %s", body["email"])
    # ok: python.log-sensitive-data
    logger.info("token expires in %s s", token_expiry)
    # ok: python.log-sensitive-data
    logger.info("issued %d tokens", token_count)
    return {"statusCode": 200}
