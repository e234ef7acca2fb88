exports.handler = async (event) => {
  const name = event.pathParameters.name;
  if (event.path === '/x') {
    return {
      statusCode: 200,
      // ruleid: javascript.lambda-header-injection
      headers: { 'Content-Disposition': `attachment; filename="${name}"` },
    };
  }
  if (event.path === '/y') {
    // ruleid: javascript.lambda-header-injection
    return { statusCode: 200, headers: { Link: `<${event.queryStringParameters.next}>; rel=next` } };
  }
  return {
    statusCode: 200,
    headers: {
      // ok: javascript.lambda-header-injection
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      // ok: javascript.lambda-header-injection
      'Content-Type': 'application/pdf',
    },
  };
};
