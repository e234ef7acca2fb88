import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const handler = async (event) => {
  for (const record of event.Records) {
    const key = decodeURIComponent(record.s3.object.key);
    // ruleid: javascript.lambda-path-traversal
    fs.writeFileSync(path.join('/tmp', key), 'data');
    // ruleid: javascript.lambda-path-traversal
    const s = fs.createReadStream('/tmp/in/' + key);
    // ok: javascript.lambda-path-traversal
    fs.writeFileSync(path.join('/tmp', path.basename(key)), 'data');
    // ok: javascript.lambda-path-traversal
    fs.readFileSync(path.join('/opt', 'config.json'));
    // The last path segment only: a basename, like path.basename.
    // ok: javascript.lambda-path-traversal
    fs.writeFileSync(`/tmp/${key.split('/').pop()}`, 'data');
    // Not a basename: the first segment keeps "..".
    // ruleid: javascript.lambda-path-traversal
    fs.writeFileSync(`/tmp/${key.split('/').slice(1).join('/')}`, 'data');
    s.close();
  }
  // ruleid: javascript.lambda-path-traversal
  return readFile(`/var/task/docs/${event.pathParameters.doc}`, 'utf8');
};
