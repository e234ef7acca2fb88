import boto3

ddb = boto3.client("dynamodb")


def handler(event, context):
    # ruleid: python.dynamodb-table-no-sse
    ddb.create_table(
        TableName="data",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    # ruleid: python.dynamodb-table-no-sse
    boto3.resource("dynamodb").create_table(TableName="t2", KeySchema=[], AttributeDefinitions=[])
    # ok: python.dynamodb-table-no-sse
    ddb.create_table(
        TableName="secure",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        SSESpecification={"Enabled": True, "SSEType": "KMS"},
    )
    # ok: python.dynamodb-table-no-sse
    ddb.create_table(**event["spec"])
