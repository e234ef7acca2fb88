const crypto = require('crypto');
exports.handler = async (event) => {
  // ruleid: javascript.ecb-mode
  const a = crypto.createCipheriv('aes-128-ecb', key, null);
  // ruleid: javascript.ecb-mode
  const b = crypto.createDecipheriv('AES-256-ECB', key, '');
  // ok: javascript.ecb-mode
  const c = crypto.createCipheriv('aes-256-gcm', key, iv);
  // ok: javascript.ecb-mode
  const d = crypto.createCipheriv('aes-256-cbc', key, iv);
};
