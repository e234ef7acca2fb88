const https = require('https');
const axios = require('axios');
// ruleid: javascript.tls-reject-unauthorized-false
const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: true });
// ruleid: javascript.tls-reject-unauthorized-false
https.request({ host: 'api.example.com', rejectUnauthorized: true });
// ok: javascript.tls-reject-unauthorized-false
const ok = new https.Agent({ rejectUnauthorized: true });
// ok: javascript.tls-reject-unauthorized-false
const ok2 = new https.Agent({ keepAlive: true });
module.exports = { agent, ok, ok2, axios };
