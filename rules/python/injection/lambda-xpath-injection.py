import json

from lxml import etree

SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
DOC = etree.parse("/opt/orders.xml", SAFE_PARSER)


def handler(event, context):
    body = json.loads(event["body"])
    user = body.get("user", "")
    # ruleid: python.lambda-xpath-injection
    names = DOC.xpath("//order[@customer='" + user + "']/name/text()")
    # ruleid: python.lambda-xpath-injection
    find = etree.XPath(f"//user[name='{user}']")
    # ok: python.lambda-xpath-injection
    names2 = DOC.xpath("//order[@customer=$c]/name/text()", c=user)
    # ok: python.lambda-xpath-injection
    count = DOC.xpath("count(//order)")
    return names, find, names2, count
