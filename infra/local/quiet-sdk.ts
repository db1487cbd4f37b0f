// Imported first by the local entry points. This machine runs Node 20, whose end of support the
// SDK announces on every start; the Lambda runtime in AWS is newer (docs/decisions.md).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
