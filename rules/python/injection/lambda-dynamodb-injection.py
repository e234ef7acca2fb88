import json
import os

import boto3
from boto3.dynamodb.conditions import Attr, Key

dynamodb = boto3.client("dynamodb")
table = boto3.resource("dynamodb").Table(os.environ["TABLE"])


def handler(event, context):
    order_id = event["pathParameters"]["id"]
    body = json.loads(event["body"])
    field = body.get("field", "title")
    value = body.get("value", "")
    # ruleid: python.lambda-dynamodb-injection
    a = dynamodb.execute_statement(Statement=f"SELECT * FROM Orders WHERE id = '{order_id}'")
    # ruleid: python.lambda-dynamodb-injection
    b = dynamodb.scan(TableName="Orders", FilterExpression=field + " = :v", ExpressionAttributeValues={":v": {"S": value}})
    # ruleid: python.lambda-dynamodb-injection
    c = table.update_item(Key={"pk": order_id}, UpdateExpression="SET " + body["attr"] + " = :v", ExpressionAttributeValues={":v": value})
    # ok: python.lambda-dynamodb-injection
    d = dynamodb.execute_statement(Statement="SELECT * FROM Orders WHERE id = ?", Parameters=[{"S": order_id}])
    # ok: python.lambda-dynamodb-injection
    e = table.scan(FilterExpression=Attr("title").eq(value))
    # ok: python.lambda-dynamodb-injection
    f = table.query(KeyConditionExpression=Key("pk").eq(order_id))
    # ok: python.lambda-dynamodb-injection
    g = dynamodb.scan(TableName="Orders", FilterExpression="#f = :v", ExpressionAttributeNames={"#f": "title"}, ExpressionAttributeValues={":v": {"S": value}})
    return [a, b, c, d, e, f, g]
