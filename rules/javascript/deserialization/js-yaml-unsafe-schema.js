const yaml = require('js-yaml');
const jsTypes = require('js-yaml-js-types').all;
const YAML = require('yaml');
exports.handler = async (event) => {
  // ruleid: javascript.js-yaml-unsafe-schema
  const a = yaml.load(event.body, { schema: yaml.DEFAULT_FULL_SCHEMA });
  // ruleid: javascript.js-yaml-unsafe-schema
  const b = yaml.loadAll(event.body, null, { schema: yaml.DEFAULT_FULL_SCHEMA });
  // ruleid: javascript.js-yaml-unsafe-schema
  const c = yaml.load(event.body, { schema: yaml.DEFAULT_SCHEMA.extend(jsTypes) });
  // ok: javascript.js-yaml-unsafe-schema
  const d = yaml.load(event.body, { schema: yaml.JSON_SCHEMA });
  // ok: javascript.js-yaml-unsafe-schema
  const e = yaml.safeLoad(event.body);
  // ok: javascript.js-yaml-unsafe-schema
  const f = YAML.load(event.body, { schema: YAML.DEFAULT_FULL_SCHEMA });
};
