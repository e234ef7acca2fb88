exports.handler = async () => {
  // ruleid: javascript.insecure-random-code
  const resetCode = Math.floor(Math.random() * 1000000);
  // ruleid: javascript.insecure-random-code
  const sessionKey = 'sess-' + Math.random();
  // ok: javascript.insecure-random-code
  const delay = Math.floor(Math.random() * 100);
  // ok: javascript.insecure-random-code
  const otp = crypto.randomInt(0, 1000000);
  return { resetCode, sessionKey, delay, otp };
};
