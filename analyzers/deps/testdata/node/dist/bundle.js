/*! For license information please see bundle.js.LICENSE.txt */
/*! jQuery v3.4.1 | (c) JS Foundation and other contributors | jquery.org/license */
!function(e,t){"use strict";"object"==typeof module&&"object"==typeof module.exports?module.exports=e.document?t(e,!0):function(e){return t(e)}:t(e)}("undefined"!=typeof window?window:this,function(C,e){"use strict";var t=[];/* a plain comment 1.2.3 */return t});
/*! @license DOMPurify 2.0.8 | (c) Cure53 and other contributors | Released under the Apache license 2.0 and Mozilla Public License 2.0 */
!function(e,t){"object"==typeof exports&&"undefined"!=typeof module?module.exports=t():e.DOMPurify=t()}(this,function(){"use strict";return{}});
/** @license React v16.13.1
 * react.production.min.js
 *
 * Copyright (c) Facebook, Inc. and its affiliates.
 */
'use strict';var l=require("object-assign");
/*! https://mths.be/punycode v1.4.1 by @mathias */
/** Returns version 1.2.3 of the thing (JSDoc, not a banner) */
function f(){return 1}
/*! jQuery v3.4.1 | duplicate banner from a second chunk */
//# sourceMappingURL=bundle.js.map
