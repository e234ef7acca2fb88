exports.handler = async (event) => {
  // ruleid: javascript.insecure-random-token
  const token = Math.random().toString(36).slice(2);
  // ruleid: javascript.insecure-random-token
  const resetCode = Math.floor(Math.random() * 1000000);
  // ruleid: javascript.insecure-random-token
  const sessionId = 'sess-' + Math.random();
  // ok: javascript.insecure-random-token
  const delay = Math.floor(Math.random() * 100);
  // ok: javascript.insecure-random-token
  const sample = Math.random() < 0.1;
  return { token, resetCode, sessionId, delay, sample };
};
