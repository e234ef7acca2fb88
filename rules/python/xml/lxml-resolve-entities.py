from lxml import etree


def handler(event, context):
    # ruleid: python.lxml-resolve-entities
    parser = etree.XMLParser(resolve_entities=True)
    # ruleid: python.lxml-resolve-entities
    doc = etree.fromstring(event["body"].encode(), etree.XMLParser(no_network=True, load_dtd=True))
    # ok: python.lxml-resolve-entities
    safe = etree.XMLParser(resolve_entities=False, no_network=True)
    # ok: python.lxml-resolve-entities
    other = etree.XMLParser(remove_blank_text=True)
    return [parser, doc, safe, other]
