import xml.etree.ElementTree as ET
import xml.sax
from xml.dom import minidom, pulldom

import defusedxml.ElementTree as SafeET


def handler(event, context):
    body = event["body"]
    # ruleid: python.stdlib-xml-parse
    root = ET.fromstring(body)
    # ruleid: python.stdlib-xml-parse
    dom = minidom.parseString(body)
    # ruleid: python.stdlib-xml-parse
    xml.sax.parseString(body.encode(), xml.sax.ContentHandler())
    # ruleid: python.stdlib-xml-parse
    events = pulldom.parseString(body)
    # ok: python.stdlib-xml-parse
    safe = SafeET.fromstring(body)
    # ok: python.stdlib-xml-parse
    template = ET.fromstring("<config><retries>3</retries></config>")
    # ok: python.stdlib-xml-parse
    text = ET.tostring(root)
    return [root, dom, events, safe, template, text]
