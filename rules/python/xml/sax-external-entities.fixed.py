import xml.sax
from xml.sax.handler import feature_external_ges, feature_external_pes, feature_namespaces


def handler(event, context):
    parser = xml.sax.make_parser()
    # ruleid: python.sax-external-entities
    parser.setFeature(feature_external_ges, False)
    # ruleid: python.sax-external-entities
    parser.setFeature(xml.sax.handler.feature_external_pes, False)
    # ok: python.sax-external-entities
    parser.setFeature(feature_external_ges, False)
    # ok: python.sax-external-entities
    parser.setFeature(feature_namespaces, True)
    return parser
