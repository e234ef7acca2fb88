const https = require('https');
const tls = require('tls');
// ruleid: javascript.old-tls-secure-protocol
const a = new https.Agent({ secureProtocol: 'TLS_method' });
// ruleid: javascript.old-tls-secure-protocol
const b = tls.connect({ host: 'h', secureProtocol: 'TLS_method' });
// ok: javascript.old-tls-secure-protocol
const c = new https.Agent({ secureProtocol: 'TLS_method' });
// ok: javascript.old-tls-secure-protocol
const d = tls.connect({ host: 'h', secureProtocol: 'TLSv1_2_method' });
module.exports = { a, b, c, d };
