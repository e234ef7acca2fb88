const axios = require('axios');
exports.handler = async (event) => {
  // ruleid: javascript.cleartext-http-request
  await axios.post('http://partner.example.com/v1/orders', { token: 'x' });
  // ruleid: javascript.cleartext-http-request
  await fetch('http://payments.example.com/charge', { method: 'POST' });
  // ok: javascript.cleartext-http-request
  await fetch('https://payments.example.com/charge', { method: 'POST' });
  // ok: javascript.cleartext-http-request
  await fetch(`http://localhost:2772/health`);
  // ok: javascript.cleartext-http-request
  await axios.get('http://127.0.0.1:9001/2018-06-01/runtime/invocation/next');
};
