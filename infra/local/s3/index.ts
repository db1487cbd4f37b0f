export { createS3Endpoint, MAX_OBJECT_BYTES, type S3Endpoint, type S3EndpointOptions } from './endpoint.ts';
