'use strict';
// XML helpers shared by the partner webhook handlers.
const libxmljs = require('libxmljs2');

exports.parseInvoice = async (event) => {
  const doc = libxmljs.parseXmlString(event.body, { noent: true, nonet: false });
  const dtd = libxmljs.parseXml(event.body, { dtdload: true, noent: true });
  const safe = libxmljs.parseXmlString(event.body, { noent: false, nonet: true });
  return { statusCode: 200, body: String(doc.root().name() + dtd.root().name() + safe.root().name()) };
};
