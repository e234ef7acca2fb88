package scan

// DropShadowedForTest exposes dropShadowed to the external tests.
var DropShadowedForTest = dropShadowed
