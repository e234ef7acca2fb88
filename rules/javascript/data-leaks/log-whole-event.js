exports.handler = async (event, context) => {
  // ruleid: javascript.log-whole-event
  console.log('event', JSON.stringify(event));
  // ruleid: javascript.log-whole-event
  console.info(event);
  // ok: javascript.log-whole-event
  console.log('records', event.Records.length);
  // ok: javascript.log-whole-event
  console.log('request', context.awsRequestId);
};
